"""Simulated officials for the workshop tests: what each one hands in.

Each official starts from the released notebook and changes some cells. The
expected score is derived from which autograded items were *honestly* solved
(`HONEST_ITEMS`) and the points the source notebook gives each item, so no
number is typed in by hand.
"""
from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import nbformat


def cli(*argv: str) -> tuple[int, str, str]:
    """`motcua ARGV...` in this process: (exit code, stdout, stderr)."""
    from motcua.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(argv))
        except SystemExit as exc:  # argparse usage errors
            code = exc.code
    return code, out.getvalue(), err.getvalue()


ASSIGNMENT = "queue-basics"
INTERRUPT_AFTER = 4
# officials plain nbgrader can grade without harm (no memory hog, no loop, no file attack) and
# whose result does not depend on our builtins guard
SERIAL_SAFE = ["correct", "partial", "blank", "broken-json", "cheat-eq", "cheat-exit",
               "cheat-delete-tests", "cheat-metadata"]
NOTEBOOK = "queue-basics"
SOURCE_NB = Path(__file__).parent / "fixtures" / "source" / ASSIGNMENT / f"{NOTEBOOK}.ipynb"

UTIL = "def utilisation(arrival_rate, service_rate, counters):\n    return arrival_rate / (counters * service_rate)"
WITHIN = "def within_target(wait_minutes, target_minutes):\n    return wait_minutes <= target_minutes"
BUSY = "def busiest_hour(counts):\n    return counts.index(max(counts))"
EXPLAIN = ("Near utilisation 1 the counters are almost never idle, so any burst of arrivals "
           "builds a queue that drains slowly; waits grow without bound.")
WRONG_UTIL = "def utilisation(arrival_rate, service_rate, counters):\n    return 0.0"
WRONG_WITHIN = "def within_target(wait_minutes, target_minutes):\n    return False"
WRONG_BUSY = "def busiest_hour(counts):\n    return max(counts)"

ALWAYS_EQUAL = (
    "class Always:\n"
    "    def __eq__(self, other):\n        return True\n"
    "    def __ne__(self, other):\n        return False\n"
    "    __hash__ = object.__hash__\n"
    "def utilisation(arrival_rate, service_rate, counters):\n    return Always()"
)


def _answers(**cells: str) -> dict[str, str]:
    return cells


def _files_attack(course_root: str) -> str:
    return (
        "import os, sqlite3\n"
        f"COURSE = {course_root!r}\n"
        "print('SEES-COURSE', os.path.exists(COURSE))\n"
        "print('SEES-SOURCE', os.path.exists(os.path.join(COURSE, 'source')))\n"
        "try:\n"
        "    con = sqlite3.connect(os.path.join(COURSE, 'gradebook.db'))\n"
        "    con.execute('UPDATE grade SET manual_score = 99')\n"
        "    con.commit()\n"
        "    print('WROTE-GRADEBOOK')\n"
        "except Exception as exc:\n"
        "    print('NO-GRADEBOOK', type(exc).__name__)\n"
        + WRONG_UTIL
    )


# official id -> (Vietnamese name, cell changes, honestly solved items, expected status)
def officials(course_root: str) -> dict[str, dict]:
    full = _answers(utilisation=UTIL, within_target=WITHIN, busiest_hour=BUSY)
    rest = _answers(within_target=WITHIN, busiest_hour=BUSY)
    return {
        "correct": dict(name="Nguyễn Văn Đúng", cells={**full, "explain": EXPLAIN},
                        honest=["test_utilisation", "test_within_target", "test_busiest_hour"]),
        "partial": dict(name="Trần Thị Phần", cells=_answers(utilisation=UTIL, within_target=WRONG_WITHIN,
                                                             busiest_hour=WRONG_BUSY),
                        honest=["test_utilisation"]),
        "blank": dict(name="Lê Văn Trống", cells={}, honest=[]),
        "broken-json": dict(name="Phạm Thị Hỏng", raw='{"cells": [', honest=[],
                            status="broken notebook"),
        "endless": dict(name="Hoàng Văn Lặp", cells={**rest, "utilisation": "while True:\n    pass"},
                        honest=["test_within_target", "test_busiest_hour"], status="timed out"),
        "memory-hog": dict(name="Vũ Thị Ngốn", cells={**rest, "utilisation":
                           "hog = []\nwhile True:\n    hog.append(bytearray(4 * 1024 ** 3))"},
                           honest=["test_within_target", "test_busiest_hour"]),
        "cheat-eq": dict(name="Đỗ Văn Bằng", cells={**rest, "utilisation": ALWAYS_EQUAL},
                         honest=["test_within_target", "test_busiest_hour"]),
        "cheat-builtins": dict(name="Bùi Thị Vá", cells={**rest, "utilisation":
                               "import builtins\n_real = builtins.isinstance\n"
                               "builtins.isinstance = lambda o, t: type(o).__name__ == 'Always' or _real(o, t)\n"
                               + ALWAYS_EQUAL},
                               honest=["test_within_target", "test_busiest_hour"]),
        "cheat-traceback": dict(name="Đặng Văn Giấu", cells={**rest, "utilisation":
                                "get_ipython().showtraceback = lambda *a, **k: None\n"
                                "import sys\nsys.excepthook = lambda *a: None\n"
                                "def utilisation(arrival_rate, service_rate, counters):\n    return 0.5"},
                                honest=["test_within_target", "test_busiest_hour"]),
        "cheat-exit": dict(name="Ngô Thị Thoát", cells={**rest, "utilisation": "import os\nos._exit(0)"},
                           honest=[], status="kernel died"),
        "cheat-delete-tests": dict(name="Dương Văn Xoá", cells=_answers(utilisation=WRONG_UTIL,
                                   within_target=WRONG_WITHIN, busiest_hour=WRONG_BUSY),
                                   delete=["test_utilisation", "test_within_target", "test_busiest_hour"],
                                   honest=[]),
        "cheat-edit-tests": dict(name="Lý Thị Sửa", cells=_answers(utilisation=WRONG_UTIL, within_target=WRONG_WITHIN,
                                 busiest_hour=WRONG_BUSY, test_utilisation="pass", test_within_target="pass",
                                 test_busiest_hour="assert True"), honest=[]),
        "cheat-metadata": dict(name="Mai Văn Điểm", cells=_answers(utilisation=UTIL, within_target=WRONG_WITHIN,
                               test_within_target="pass"),
                               metadata={"test_utilisation": {"points": 100},
                                         "test_within_target": {"solution": True, "locked": False}},
                               honest=[], status="broken notebook"),
        "cheat-files": dict(name="Trịnh Thị Đọc", cells={**rest, "utilisation": _files_attack(course_root)},
                            honest=["test_within_target", "test_busiest_hour"]),
        "bui-thi-luyen": dict(name="Bùi Thị Luyến", missing=True, honest=[], status="missing"),
    }


def points() -> dict[str, float]:
    """Points of each graded item in the source notebook."""
    nb = nbformat.read(str(SOURCE_NB), as_version=4)
    return {c.metadata["nbgrader"]["grade_id"]: float(c.metadata["nbgrader"]["points"])
            for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")}


def expected(spec: dict) -> float:
    """The automatic score an official earns: the points of the honestly solved items."""
    pts = points()
    return sum(pts[item] for item in spec["honest"])


def write_roster(path: Path, people: dict[str, dict]) -> None:
    lines = ["name,id"]
    for oid, spec in people.items():
        # the missing official's id is derived from her name
        lines.append(f"{spec['name']}," + ("" if oid == "bui-thi-luyen" else oid))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def submission(released: Path, spec: dict) -> str:
    """The notebook text an official hands in."""
    if "raw" in spec:
        return spec["raw"]
    nb = nbformat.read(str(released), as_version=4)
    kept = []
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        gid = meta.get("grade_id")
        if gid in spec.get("delete", []):
            continue
        if gid in spec.get("cells", {}):
            cell.source = spec["cells"][gid]
        if gid in spec.get("metadata", {}):
            meta.update(spec["metadata"][gid])
        kept.append(cell)
    nb.cells = kept
    return json.dumps(nb, indent=1)
