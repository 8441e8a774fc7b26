"""The parent's check after each official: changes to the course are found, named and put back."""
from __future__ import annotations

import sqlite3

from grading.integrity import FolderSnapshot, GradebookSeal


def test_changed_added_and_deleted_files_are_named_and_put_back(tmp_path):
    (tmp_path / "source" / "a").mkdir(parents=True)
    (tmp_path / "source" / "a" / "a.ipynb").write_text("tests")
    (tmp_path / "submitted" / "an").mkdir(parents=True)
    (tmp_path / "submitted" / "an" / "a.ipynb").write_text("answers")
    (tmp_path / "nbgrader_config.py").write_text("c = get_config()")
    (tmp_path / "autograded").mkdir()
    snap = FolderSnapshot.take(tmp_path, ("source", "submitted", "nbgrader_config.py"))
    assert snap.changes() == []
    (tmp_path / "source" / "a" / "a.ipynb").write_text("tests removed")
    (tmp_path / "submitted" / "an" / "a.ipynb").unlink()
    (tmp_path / "submitted" / "evil.py").write_text("x")
    (tmp_path / "nbgrader_config.py").write_text("import os; os.system('...')")
    (tmp_path / "autograded" / "out.ipynb").write_text("not watched")
    changed = snap.changes()
    assert changed == ["nbgrader_config.py", "source/a/a.ipynb", "submitted/an/a.ipynb", "submitted/evil.py"]
    snap.restore(changed)
    assert snap.changes() == []
    assert (tmp_path / "source" / "a" / "a.ipynb").read_text() == "tests"
    assert (tmp_path / "submitted" / "an" / "a.ipynb").read_text() == "answers"
    assert not (tmp_path / "submitted" / "evil.py").exists()


def test_gradebook_written_behind_the_parents_back_is_restored(tmp_path):
    db = tmp_path / "gradebook.db"
    with sqlite3.connect(db) as con:
        con.execute("CREATE TABLE grade (id INTEGER, manual_score REAL)")
        con.execute("INSERT INTO grade VALUES (1, NULL)")
    seal = GradebookSeal(db)
    assert not seal.broken()
    with sqlite3.connect(db) as con:  # the cheat of the red team
        con.execute("UPDATE grade SET manual_score = 99")
    assert seal.broken()
    seal.restore()
    assert not seal.broken()
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT manual_score FROM grade").fetchall() == [(None,)]
        con.execute("UPDATE grade SET manual_score = 2")  # the parent's own write...
    seal.seal()  # ...is sealed in
    assert not seal.broken()
