"""Red team: officials who try to score without knowing, through the real workshop (communication).

Honest officials (full, partial, blank) score exactly the points of the questions they answered right, in
both modes. In assessed mode, with the kernel in the sandbox, hostile officials gain nothing over a blank
notebook: importing the key, reading every readable notebook, Python, JSON file and git object they can
find for answers, scanning the loaded modules and rewriting what they can, trying every candidate answer in
the answer boxes, or printing 150 MB (whose output is capped in the graded notebook).
"""
from __future__ import annotations

import json
import nbformat
import pytest
from nbformat.v4 import new_code_cell

pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")]

ASSIGNMENT = "communication"
RECORD = f"{ASSIGNMENT}.answers.json"

FOUND_TO_RECORD = '''
def keep(found):
    import json
    json.dump({"answers": {k: v for k, v in found.items() if v is not None}}, open(%r, "w"))
    print("FOUND", len(found))
''' % RECORD

IMPORT_KEY = FOUND_TO_RECORD + '''
found = {}
try:
    from grading.key import keys_of
    found = {k: v.value() for k, v in keys_of("communication").items()}
except Exception as exc:
    print("no key:", type(exc).__name__)
try:
    import grading.key.communication as c
    found.update({k.item_id: k.expected for k in c.KEYS})
except Exception as exc:
    print("no key module:", type(exc).__name__)
keep(found)
'''

READ_FILES = FOUND_TO_RECORD + r'''
import json, os, re, sys, zlib
import grading
roots = {os.getcwd(), os.path.dirname(os.getcwd()), os.path.dirname(os.path.dirname(os.getcwd())), "/tmp",
         os.path.expanduser("~"), os.path.dirname(os.path.dirname(grading.__file__))}
for entry in sys.path:  # where code is imported from, and what editable installs point at
    if entry and os.path.isdir(entry) and "site-packages" not in entry and "python3." not in entry:
        roots.add(entry)
    if entry.endswith("site-packages") and os.path.isdir(entry):
        for name in os.listdir(entry):
            if name.startswith("__editable__") and name.endswith(".py"):
                roots.update(re.findall(r"'(/[^']+)'", open(os.path.join(entry, name)).read()))
for name in list(roots):  # a mapped package folder: its project root too
    roots.add(os.path.dirname(name))
patterns = [re.compile(r"answer\('(C\d+)', (\[[^\]]*\]|\"[^\"]*\")\)"),
            re.compile(r"Key\(\"(C\d+)\", \"\w+\", (\[[^\]]*\]|\"[^\"]*\")")]
found, seen, opened = {}, set(), 0

def scan(text):
    for pattern in patterns:
        for item, literal in pattern.findall(text):
            try:
                found.setdefault(item, json.loads(literal))
            except ValueError:
                pass
    if '"items"' in text:
        try:
            data = json.loads(text)
            for item, entry in data.get("items", {}).items():
                found.setdefault(item, entry.get("expected"))
        except (ValueError, AttributeError):
            pass

for root in sorted(roots):
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in ("proc", "sys", "node_modules", ".venv")]
        for name in files:
            path = os.path.join(folder, name)
            if path in seen:
                continue
            seen.add(path)
            try:
                if os.path.getsize(path) > 5_000_000:
                    continue
                if name.endswith((".ipynb", ".py", ".json", ".md", ".csv")):
                    scan(open(path, encoding="utf-8", errors="replace").read()); opened += 1
                elif "/.git/objects/" in path:
                    scan(zlib.decompress(open(path, "rb").read()).decode("utf-8", "replace")); opened += 1
            except Exception:
                pass
print("OPENED", opened)
keep(found)
'''

REGISTRIES = FOUND_TO_RECORD + r'''
import re, sys
found = {}
for name, module in list(sys.modules.items()):
    for attr, value in list(vars(module).items()) if module is not None else []:
        if isinstance(value, dict):
            for k, v in list(value.items())[:500]:
                if isinstance(k, str) and re.fullmatch(r"C\d+", k):
                    found.setdefault(k, v.get("expected") if isinstance(v, dict) else v)
import grading.course.answers as answers, grading.course.sheet as sheet
answers.matches = lambda *a, **k: True          # rewrite the kernel's judge: the grader has its own
sheet.SHEET_MESSAGES["recorded"] = "✓ Right"
for target in ("../gradebook.db", "../../gradebook.db", "../../../.motcua/keys/communication.json"):
    try:
        open(target, "w").write("{}")
        print("WROTE", target)
    except Exception as exc:
        print("cannot write", target, type(exc).__name__)
keep({k: v for k, v in found.items() if isinstance(v, (str, list, int, float))})
'''

SELF_CHECK = FOUND_TO_RECORD + r'''
import itertools, re
from grading.course.sheet import open_sheet
from grading.course.forms import Form
sheet = open_sheet("communication")
source = open("communication.ipynb", encoding="utf-8").read()
flagged = {}
for n, item, kind, letters in re.findall(r"ask\((\d+), '(C\d+)', '(\w+)'(?:, options='(\w+)')?", source):
    sheet.questions[item] = (int(n), Form(item, kind, letters))
    if kind == "choice":
        candidates = list(letters)
    elif kind == "set":
        candidates = [list(c) for r in range(1, len(letters) + 1) for c in itertools.combinations(letters, r)]
    elif kind == "order":
        candidates = [list(p) for p in itertools.permutations(letters)]
    else:
        candidates = ["password", "mật khẩu", "otp", "citizens' satisfaction", "satisfaction", "hài lòng"]
    for candidate in candidates:
        said = sheet.accept(item, candidate)
        if "right" in said.lower() and "not right" not in said.lower():
            flagged[item] = candidate
            break
print("FLAGGED", len(flagged))
keep(flagged)
'''

PRINT_150MB = '''
import sys
chunk = "x" * (1 << 20) + "\\n"
for _ in range(150):
    sys.stdout.write(chunk)
'''

HOSTILE = {"import-key": IMPORT_KEY, "read-files": READ_FILES, "registries": REGISTRIES, "self-check": SELF_CHECK,
           "print-150mb": PRINT_150MB}


def key_of(course):
    from grading.key.frozen import key_file, load

    return load(key_file(course.root / ".motcua" / "keys", ASSIGNMENT))


def auto_points(course):
    nb = nbformat.read(course.root / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    return {c.metadata["motcua"]["item"]: float(c.metadata["nbgrader"]["points"]) for c in nb.cells
            if "motcua" in c.metadata}


def submit(course, official, *, answers=None, extra=None):
    released = nbformat.read(course.root / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    if extra is not None:
        released.cells.append(new_code_cell(extra))
    folder = course.root / "submitted" / official / ASSIGNMENT
    folder.mkdir(parents=True, exist_ok=True)
    for handed_out in (course.root / "release" / ASSIGNMENT).glob("*.json"):  # what fetch gave them
        (folder / handed_out.name).write_bytes(handed_out.read_bytes())
    nbformat.write(released, folder / f"{ASSIGNMENT}.ipynb")
    if answers is not None:
        (folder / RECORD).write_text(json.dumps({"answers": answers}), encoding="utf-8")


def hand_back_by_zip(course, tmp_path, official, *, answers):
    """An official answers the offline copy and returns it as a zip; the trainer collects it."""
    import zipfile

    from grading import collect_assignment, release_assignment

    mode = key_of(course)["mode"]
    release_assignment(course, ASSIGNMENT, exchange=False, offline=True, mode=mode)
    given = course.root / "offline" / ASSIGNMENT / official / ASSIGNMENT
    (given / RECORD).write_text(json.dumps({"answers": answers}), encoding="utf-8")
    archive = tmp_path / f"{official}.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in given.iterdir():
            zf.write(path, f"{ASSIGNMENT}/{path.name}")
    assert collect_assignment(course, ASSIGNMENT, from_zip=[archive]).collected == [official]
    assert (course.root / "submitted" / official / ASSIGNMENT / RECORD).is_file()


def workshop(tmp_path, mode, officials):
    """A course from the real exercises with ``officials`` on its roster, communication released in ``mode``."""
    from grading import init_course, release_assignment

    roster = tmp_path / "officials.csv"
    roster.write_text("name,id\n" + "".join(f"Official {o},{o}\n" for o in officials), encoding="utf-8")
    course = init_course(tmp_path / "course", roster, course_id="redteam", cell_timeout=120)
    rel = release_assignment(course, ASSIGNMENT, exchange=False, mode=mode)
    assert rel.mode == mode and rel.key_file.is_file()
    return course


def totals(course):
    from grading.autograder import _score

    with course.gradebook() as gb:
        return {o.id: _score(gb, ASSIGNMENT, o.id)[0] for o in course.officials()}


@pytest.mark.parametrize("mode", ["assessed", "practice"])
def test_honest_officials_score_exactly_their_right_answers(tmp_path, mode):
    from grading import autograde
    from grading.distribution import release_modes

    course = workshop(tmp_path, mode, ["full", "partial", "blank"])
    expected = {item: entry["expected"] for item, entry in key_of(course)["items"].items()}
    points = auto_points(course)
    partial = sorted(expected, key=lambda i: int(i[1:]))[::3]
    hand_back_by_zip(course, tmp_path, "full", answers=expected)
    submit(course, "partial", answers={i: expected[i] for i in partial})
    submit(course, "blank")
    run = autograde(course, ASSIGNMENT, jobs=2)
    assert {r.official: r.status for r in run.results} == {"full": "graded", "partial": "graded", "blank": "graded"}
    assert totals(course) == {"full": sum(points.values()), "partial": sum(points[i] for i in partial),
                              "blank": 0.0}
    assert release_modes(course)[ASSIGNMENT] == mode
    released = sorted(p.name for p in (course.root / "release" / ASSIGNMENT).iterdir())
    assert released == [f"{ASSIGNMENT}.ipynb"] + ([f"{ASSIGNMENT}.practice-key.json"] if mode == "practice" else [])


def test_hostile_officials_gain_nothing_in_assessed_mode(tmp_path):
    from grading import autograde
    from grading.sandbox import detect_isolation

    if detect_isolation() != "bwrap":
        pytest.skip("needs bubblewrap: without the sandbox a kernel can read the trainer's files")
    course = workshop(tmp_path, "assessed", ["blank", *HOSTILE])
    rel_key = course.root / ".motcua" / "keys" / f"{ASSIGNMENT}.json"
    key_before = json.loads(rel_key.read_text(encoding="utf-8"))
    submit(course, "blank")
    for official, code in HOSTILE.items():
        submit(course, official, extra=code)
    run = autograde(course, ASSIGNMENT, jobs=2, isolation="bwrap", cpu_seconds=240)
    assert {r.official: r.status for r in run.results} == {o: "graded" for o in ["blank", *HOSTILE]}, run.results
    got = totals(course)
    assert got == {o: got["blank"] for o in got} and got["blank"] == 0.0, got
    graded = course.root / "autograded"
    printed = {}
    for official in HOSTILE:
        nb = nbformat.read(graded / official / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
        printed[official] = "".join(o.get("text", "") for o in nb.cells[-1].outputs)
    assert "FOUND 0" in printed["import-key"] and "no key" in printed["import-key"]
    assert "FOUND 0" in printed["read-files"] and "OPENED" in printed["read-files"]
    assert "FLAGGED 0" in printed["self-check"]
    assert "FOUND 0" in printed["registries"]
    assert json.loads(rel_key.read_text(encoding="utf-8")) == key_before, "the frozen key was rewritten"
    big = graded / "print-150mb" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    assert big.stat().st_size < 3 * 1024 * 1024
    assert "đã cắt bớt" in printed["print-150mb"], "the cut note, in the course's language (Vietnamese)"


def test_the_self_check_attack_would_be_caught_practice_mode_gives_the_key_away(tmp_path):
    """The control for the test above: where the key is handed out, the same attack scores full marks."""
    from grading import autograde

    course = workshop(tmp_path, "practice", ["blank", "self-check"])
    submit(course, "blank")
    submit(course, "self-check", extra=SELF_CHECK)
    autograde(course, ASSIGNMENT, jobs=2)
    assert totals(course) == {"blank": 0.0, "self-check": sum(auto_points(course).values())}
