"""Worker-side shortcuts of the autograder (grading.nbgrader_speedups): they must not change what nbgrader computes."""
from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from dataclasses import replace

import pytest

from grading.classroom import ensure_venv_on_path
from grading.nbgrader_speedups import check_schemas_once, reuse_engines
from grading.worker import GradingJob, private_gradebook


@pytest.fixture
def engines(monkeypatch):
    """`reuse_engines` for one test only (it patches nbgrader.api in this process)."""
    import nbgrader.api as nbapi

    monkeypatch.setattr(nbapi, "create_engine", nbapi.create_engine)  # restored afterwards
    ensure_venv_on_path()  # a new gradebook runs alembic
    reuse_engines()
    return nbapi


def test_iri_grammars_skipped_but_notebook_validation_intact():
    code = textwrap.dedent("""
        import sys
        from grading.nbgrader_speedups import skip_iri_grammars
        skip_iri_grammars()
        import nbformat
        assert "rfc3987_syntax" not in sys.modules, "the lark grammars were built"
        nb = nbformat.v4.new_notebook()
        nb.cells.append(nbformat.v4.new_code_cell("x = 1"))
        nbformat.validate(nb)
        del nb.cells[0]["source"]
        try:
            nbformat.validate(nb)
        except nbformat.ValidationError:
            print("invalid notebook rejected")
        try:
            import rfc3987_syntax
        except ImportError:  # not installed here: nothing to check
            pass
        print("import still possible")
    """)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split("\n")[:2] == ["invalid notebook rejected", "import still possible"]


def test_gradebooks_share_one_engine_per_url(tmp_path, engines):
    from nbgrader.api import Gradebook

    patched = engines.create_engine
    reuse_engines()
    assert engines.create_engine is patched  # idempotent: not wrapped twice
    url = f"sqlite:///{tmp_path / 'gb.db'}"
    with Gradebook(url, "c") as first:
        first.add_student("an")
    with Gradebook(url, "c") as second:
        assert second.engine is first.engine
        assert [s.id for s in second.students] == ["an"]  # usable after the first close()
    with Gradebook(f"sqlite:///{tmp_path / 'other.db'}", "c") as other:
        assert other.engine is not first.engine
        assert other.students == []


def test_private_gradebook_is_a_fresh_pristine_copy_for_every_official(tmp_path, engines):
    from nbgrader.api import Gradebook
    from sqlalchemy import text

    real = f"sqlite:///{tmp_path / 'gradebook.db'}"
    with Gradebook(real, "c") as gb:
        gb.add_student("an")
    pristine = tmp_path / "pristine"
    pristine.mkdir()
    shutil.copyfile(tmp_path / "gradebook.db", pristine / "gradebook.db")
    (tmp_path / "run").mkdir()
    job = GradingJob(str(tmp_path), "c", real, "a", "an", "none", 10, 100, workdir=str(tmp_path / "w1"),
                     rundir=str(tmp_path / "run"), pristine=str(pristine))
    first = private_gradebook(job, tmp_path / "w1")
    with Gradebook(first, "c") as gb:  # what a submission's kernel could write without a sandbox
        gb.add_student("intruder")
    with Gradebook(real, "c") as gb:  # the real gradebook moves on; grading reads the pristine copy
        gb.add_student("binh")
    second = private_gradebook(replace(job, official="binh", workdir=str(tmp_path / "w2")), tmp_path / "w2")
    assert first == second != real  # one path per worker: nbgrader's engine for it is reused
    with Gradebook(second, "c") as gb:
        assert [s.id for s in gb.students] == ["an"]  # nothing of the first official's run is left
        assert gb.db.execute(text("PRAGMA synchronous")).scalar() == 0
    with Gradebook(real, "c") as gb:  # the real gradebook keeps its durable commits
        assert gb.db.execute(text("PRAGMA synchronous")).scalar() != 0
    (tmp_path / "w3").mkdir()
    own = private_gradebook(replace(job, rundir="", pristine=""), tmp_path / "w3")  # no run folder, no pristine
    assert own == f"sqlite:///{tmp_path / 'w3' / 'gradebook.db'}"
    with Gradebook(own, "c") as gb:
        assert sorted(s.id for s in gb.students) == ["an", "binh"]


def test_cell_metadata_still_checked_with_schemas_checked_once(monkeypatch):
    import jsonschema
    import nbformat
    from nbgrader.nbgraderformat import MetadataValidator, ValidationError, common

    monkeypatch.setattr(common, "jsonschema", jsonschema)  # restored afterwards
    check_schemas_once()
    check_schemas_once()
    assert common.jsonschema._module is jsonschema  # idempotent: not wrapped twice
    cell = nbformat.v4.new_code_cell("x = 1")
    cell.metadata["nbgrader"] = {"schema_version": 3, "grade": True, "solution": False, "locked": True,
                                 "grade_id": "t1", "points": 2}
    MetadataValidator().validate_cell(cell)
    cell.metadata["nbgrader"]["points"] = "two"
    with pytest.raises(ValidationError, match="'two' is not of type 'number'"):
        MetadataValidator().validate_cell(cell)
