"""Smoke test: a course made from the repository's real exercises can be released."""
from __future__ import annotations

from pathlib import Path

import nbformat

EXERCISES = Path(__file__).resolve().parents[2] / "exercises"


def test_init_from_real_exercises_and_release_one(tmp_path):
    from grading import init_course, release_assignment

    assert (EXERCISES / "source").is_dir(), "exercises/source is missing: run python exercises/make_notebooks.py"

    roster = tmp_path / "officials.csv"
    roster.write_text("name\nBùi Thị Luyến\nĐặng Văn An\n", encoding="utf-8")
    course = init_course(tmp_path / "course", roster, course_id="kimboi")
    expected = sorted(p.name for p in (EXERCISES / "source").iterdir() if p.is_dir())
    assert course.assignments() == expected
    first = expected[0]
    rel = release_assignment(course, first, offline=True)
    assert rel.mode == "assessed" and rel.key_file == course.root / ".motcua" / "keys" / f"{first}.json"
    released = sorted(rel.release_dir.glob("*.ipynb"))
    assert released, "nothing released"
    for path in released:
        nb = nbformat.read(str(path), as_version=4)
        text = "\n".join(c.source for c in nb.cells)
        assert "BEGIN SOLUTION" not in text and "BEGIN HIDDEN TESTS" not in text
    assert sorted(p.name for p in rel.offline) == ["bui-thi-luyen.zip", "dang-van-an.zip"]
