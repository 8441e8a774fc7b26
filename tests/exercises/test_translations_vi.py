"""The Vietnamese edition of the course: complete, current, Vietnamese, and the same exercise as the English one.

The English spec is the source; ``exercises/specs/vi/<assignment>.yaml`` holds the Vietnamese text of every
cell with a hash of the English it translates (``exercises/translations.py``).
"""
import io
import json
import re
import sys
import tokenize
import unicodedata
from pathlib import Path

import pytest
import yaml

EXERCISES = Path(__file__).resolve().parents[2] / "exercises"
sys.path.insert(0, str(EXERCISES))

import translations  # noqa: E402
import untranslated  # noqa: E402
from make_notebooks import ASSIGNMENTS, load_spec  # noqa: E402

EDITIONS = list(ASSIGNMENTS)

PROMPT_EN = re.compile(r"\A\*\*Question (\d+)\*\* \(([\d.]+) points?(, marked by your trainer)?\)\. ")
PROMPT_VI = re.compile(r"\A\*\*Câu (\d+)\*\* \(([\d,]+) điểm(, giảng viên chấm)?\)\. ")
POINTS_EN = re.compile(r"worth \*\*([\d.]+) points\*\*: ([\d.]+) checked automatically and ([\d.]+) marked")
POINTS_VI = re.compile(r"tổng cộng \*\*([\d,]+) điểm\*\*: ([\d,]+) điểm máy tự chấm và ([\d,]+) điểm giảng viên")
OPTION = re.compile(r"^\s*- ([a-z])\)", re.M)
ITEM = re.compile(r"""(?:ask|record|answer)\((?:\d+, )?(['"])([^'"]+)\1""")
LETTERS = re.compile(r"options='([a-z]+)'")
PLACEHOLDER = re.compile(r"""placeholder=(['"])(.*?)\1""")


def english_cells(assignment):
    return json.loads(load_spec(assignment).to_json())["cells"]


def vietnamese_cells(assignment):
    return translations.translate_cells(english_cells(assignment), assignment, "vi")


def code_without_comments(code):
    """The code a kernel runs: comments dropped (nbgrader's ### markers kept), line by line."""
    lines = code.split("\n")
    for token in tokenize.generate_tokens(io.StringIO(code).readline):
        if token.type == tokenize.COMMENT and not token.string.startswith("###"):
            row, col = token.start
            lines[row - 1] = lines[row - 1][:col].rstrip()
    code = re.sub(r"set_language\(\"(en|vi)\"\)", "set_language(LANG)", "\n".join(lines))
    code = re.sub(r"""open_sheet\(('[^']+')(, lang="vi")?\)""", r"open_sheet(\1)", code)
    return PLACEHOLDER.sub("placeholder=TEXT", code)


def number(text):
    return float(text.replace(",", "."))


# --- the shipped translations ------------------------------------------------------------------------------

@pytest.mark.parametrize("assignment", EDITIONS)
def test_every_text_has_a_current_translation(assignment):
    states = translations.status(assignment, "vi")
    assert translations.stale_or_missing(assignment, "vi") == [], (
        f"stale or missing in {translations.translation_path(assignment).name}: "
        f"python exercises/translations.py --template {assignment}")
    assert [k for k, s in states.items() if s == "unused"] == [], "translation of a cell the English no longer has"
    assert sum(s == "translated" for s in states.values()) >= 10


@pytest.mark.parametrize("assignment", EDITIONS)
def test_both_editions_are_the_same_exercise(assignment):
    en, vi = english_cells(assignment), vietnamese_cells(assignment)
    assert [(c["id"], c["cell_type"]) for c in vi] == [(c["id"], c["cell_type"]) for c in en]
    assert [c["metadata"] for c in vi] == [c["metadata"] for c in en], "grade ids, points, locks must not change"
    for e, v in zip(en, vi):
        if e["cell_type"] == "code":
            assert code_without_comments(v["source"]) == code_without_comments(e["source"]), e["id"]
            assert ITEM.findall(v["source"]) == ITEM.findall(e["source"]), f"{e['id']}: item ids differ"
            assert LETTERS.findall(v["source"]) == LETTERS.findall(e["source"]), f"{e['id']}: widget letters differ"
            assert 'set_language("en")' not in v["source"], "the Vietnamese edition's kernel speaks Vietnamese"
            if "open_sheet(" in e["source"]:
                assert f"open_sheet({assignment!r}, lang=\"vi\")" in v["source"], "the answer sheet speaks Vietnamese"
            continue
        assert OPTION.findall(v["source"]) == OPTION.findall(e["source"]), f"{e['id']}: option letters differ"
        head = PROMPT_EN.match(e["source"])
        if head:
            vi_head = PROMPT_VI.match(v["source"])
            assert vi_head, f"{e['id']}: no 'Câu n (p điểm)' head: {v['source'][:60]!r}"
            assert (vi_head[1], number(vi_head[2]), bool(vi_head[3])) == (head[1], number(head[2]), bool(head[3]))
        if "### BEGIN SOLUTION" in e["source"]:
            assert v["source"].startswith("### BEGIN SOLUTION\n") and v["source"].endswith("\n### END SOLUTION")
        points = POINTS_EN.search(e["source"])
        if points:
            vi_points = POINTS_VI.search(v["source"])
            assert vi_points, f"{e['id']}: the Vietnamese points sentence is missing"
            assert [number(x) for x in vi_points.groups()] == [number(x) for x in points.groups()]
    assert not any(translations.POINTS_MARK in c["source"] for c in vi)


@pytest.mark.parametrize("assignment", EDITIONS)
def test_no_english_left_in_the_vietnamese_edition(assignment):
    english = {c["id"]: c["source"] for c in english_cells(assignment)}
    problems = []
    for cell in vietnamese_cells(assignment):
        if cell["cell_type"] == "markdown":
            text = cell["source"]
            if text == english[cell["id"]] and untranslated.vietnamese_share(text) < 0.4:
                problems.append(f"{cell['id']}: untranslated")
            if untranslated.english_leftovers(text):
                problems.append(f"{cell['id']}: English words {untranslated.english_leftovers(text)}")
            if untranslated.vietnamese_share(text) < 0.4:
                problems.append(f"{cell['id']}: only {untranslated.vietnamese_share(text):.0%} Vietnamese words")
        else:
            for line in cell["source"].split("\n"):
                comment = line.split("# ", 1)[1] if "# " in line and not line.lstrip().startswith("###") else ""
                if comment and (untranslated.english_leftovers(comment) or
                                untranslated.vietnamese_share(comment) < 0.4):
                    problems.append(f"{cell['id']}: English comment {comment!r}")
            for _, shown in PLACEHOLDER.findall(cell["source"]):  # what an empty answer box shows
                if untranslated.english_leftovers(shown) or untranslated.vietnamese_share(shown) < 0.4:
                    problems.append(f"{cell['id']}: English placeholder {shown!r}")
    assert problems == []


def test_translation_files_are_composed_unicode():
    """Some Vietnamese keyboards type decomposed marks, which charts draw badly and comparisons miss."""
    files = sorted((EXERCISES / "specs" / "vi").glob("*.yaml"))
    assert len(files) >= len(ASSIGNMENTS)
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert text == unicodedata.normalize("NFC", text), path.name


# --- the layer itself, on a made-up assignment -------------------------------------------------------------

PROMPT = "**Question 3** (1.5 points). Which day is the dossier due?\n\n- a) Monday\n- b) Friday"
INTRO = ("# Deadlines\n\nThis assignment is worth **3.5 points**: 1.5 checked automatically and 2 marked by "
         "your trainer.")
TEST_CODE = ('# Run this cell to check your answer.\ncheck("P3", answer_3)  # the item\nset_language("en")\n'
             '### BEGIN HIDDEN TESTS\nx = 1')


def made_up_cells(prompt=PROMPT):
    meta = {"nbgrader": {"grade": True, "grade_id": "test_3", "locked": True, "points": 1.5, "schema_version": 3,
                         "solution": False}}
    return [{"cell_type": "markdown", "id": "intro", "metadata": {}, "source": INTRO},
            {"cell_type": "markdown", "id": "prompt-3", "metadata": {}, "source": prompt},
            {"cell_type": "code", "id": "test-3", "metadata": meta, "source": TEST_CODE, "outputs": [],
             "execution_count": None}]


@pytest.fixture
def translation_dir(tmp_path, monkeypatch):
    """A translations folder holding `demo.yaml` (returned: write it) and a common.yaml with one comment."""
    (tmp_path / "vi").mkdir()
    (tmp_path / "vi" / "common.yaml").write_text(
        "comments:\n  'Run this cell to check your answer.': 'Chạy ô này để kiểm tra câu trả lời.'\n",
        encoding="utf-8")
    monkeypatch.setattr(translations, "TRANSLATIONS_DIR", tmp_path)
    translations.reload()
    yield tmp_path / "vi" / "demo.yaml"
    translations.reload()


def write_demo(path, prompt_hash=None, intro_hash=None, comments=True):
    data = {"cells": {
        "intro": {"en": intro_hash or translations.source_hash("# Deadlines\n\n@@POINTS@@"),
                  "vi": "# Thời hạn\n\n@@POINTS@@"},
        "prompt-3": {"en": prompt_hash or translations.source_hash(PROMPT_EN.sub("", PROMPT)),
                     "vi": "Hồ sơ đến hạn vào ngày nào?\n\n- a) Thứ Hai\n- b) Thứ Sáu"}}}
    if comments:
        data["comments"] = {"the item": "mục được chấm"}
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_frames_come_from_the_english_and_words_from_the_translation(translation_dir):
    write_demo(translation_dir)
    cells = made_up_cells()
    intro, prompt, code = translations.translate_cells(cells, "demo", "vi")
    assert prompt["source"] == "**Câu 3** (1,5 điểm). Hồ sơ đến hạn vào ngày nào?\n\n- a) Thứ Hai\n- b) Thứ Sáu"
    assert intro["source"] == ("# Thời hạn\n\nBài tập này có tổng cộng **3,5 điểm**: 1,5 điểm máy tự chấm và 2 "
                               "điểm giảng viên chấm.")
    assert code["source"] == ('# Chạy ô này để kiểm tra câu trả lời.\ncheck("P3", answer_3)  # mục được chấm\n'
                              'set_language("vi")\n### BEGIN HIDDEN TESTS\nx = 1')
    assert code["metadata"] == cells[2]["metadata"] and cells[1]["source"] == PROMPT, "the input is not changed"
    assert translations.stale_or_missing("demo", cells=cells) == []


def test_new_points_need_no_new_translation(translation_dir):
    write_demo(translation_dir)
    prompt = translations.translate_cells(made_up_cells(PROMPT.replace("1.5 points", "2 points")), "demo", "vi")[1]
    assert prompt["source"].startswith("**Câu 3** (2 điểm). Hồ sơ")


def test_changed_english_makes_a_translation_stale(translation_dir):
    write_demo(translation_dir)
    changed = made_up_cells(PROMPT.replace("Which day", "On which working day"))
    assert translations.stale_or_missing("demo", cells=changed) == ["prompt-3"]
    assert translations.status("demo", cells=changed)["intro"] == "translated"
    with pytest.raises(translations.TranslationError, match=r"demo.yaml: 1 text\(s\) stale or missing: prompt-3"):
        translations.translate_cells(changed, "demo", "vi")
    lenient = translations.translate_cells(changed, "demo", "vi", strict=False)
    assert lenient[1]["source"] == changed[1]["source"], "a stale translation is never shown"


def test_missing_texts_are_listed(translation_dir):
    write_demo(translation_dir, comments=False)
    extra = made_up_cells() + [{"cell_type": "markdown", "id": "part-9", "metadata": {}, "source": "## More"}]
    assert translations.stale_or_missing("demo", cells=extra) == ["comment: the item", "part-9"]
    assert translations.status("other", cells=extra)["prompt-3"] == "missing", "no file: everything missing"


def test_a_translation_of_a_removed_cell_is_unused(translation_dir):
    write_demo(translation_dir)
    assert translations.status("demo", cells=made_up_cells()[1:])["intro"] == "unused"


@pytest.mark.parametrize("content, message", [
    ("cells: [", r"demo.yaml: not valid YAML"),
    ("cels: {}", r"demo.yaml: unknown key\(s\) \['cels'\]"),
    ("cells:\n  intro:\n    vi: Thời hạn", r"demo.yaml: cells.intro must have exactly the keys 'en'"),
    ("cells:\n  intro:\n    en: 1234567890\n    vi: Thời hạn", r"cells.intro.en = 1234567890: quote the hash"),
    ("cells:\n  intro:\n    en: 'ab'\n    vi: ''", r"cells.intro.vi is empty"),
    ("comments:\n  'Run it': ''", r"comments\['Run it'\] must be a non-empty text"),
])
def test_bad_translation_files_name_the_file_and_key(translation_dir, content, message):
    translation_dir.write_text(content, encoding="utf-8")
    with pytest.raises(translations.TranslationError, match=message):
        translations.stale_or_missing("demo", cells=made_up_cells())


def test_languages():
    cells = made_up_cells()
    assert translations.translate_cells(cells, "demo", "en") == cells
    with pytest.raises(translations.TranslationError, match=r"language 'fr': must be one of en, vi"):
        translations.translate_cells(cells, "demo", "fr")


@pytest.mark.parametrize("text, leftovers", [
    ("Chạy ô này để kiểm tra câu trả lời.", []),
    ("Chạy ô này and check the answer.", ["and", "answer", "the"]),
    ("Gõ `the_answer = \"the and of\"` rồi chạy ô.", []),               # code span
    ('Bà nói: "I have no phone, which is the problem".', []),          # quoted speech
    ("Công thức Erlang C và định luật Little.", []),                   # proper names
    ("Which of your dossiers?", ["of", "which", "your"]),
])
def test_english_leftovers(text, leftovers):
    assert untranslated.english_leftovers(text) == leftovers


def test_vietnamese_share():
    assert untranslated.vietnamese_share("Hồ sơ đến hạn vào ngày nào?") == 1.0
    assert untranslated.vietnamese_share("When is the dossier due?") == 0.0


def test_status_command(translation_dir, capsys, monkeypatch):
    write_demo(translation_dir)
    monkeypatch.setattr(translations, "_english_cells", lambda assignment: made_up_cells())
    assert translations.main(["--status", "demo"]) == 0
    assert re.search(r"demo\s+4\s+0\s+0\s+0", capsys.readouterr().out)
    monkeypatch.setattr(translations, "_english_cells", lambda assignment: made_up_cells(PROMPT + " Now."))
    assert translations.main(["--status", "demo"]) == 1
    assert re.search(r"demo\s+3\s+1\s+0\s+0", capsys.readouterr().out)
    assert translations.main(["--template", "demo"]) == 0
    assert "prompt-3:  # stale" in capsys.readouterr().out


# --- the Vietnamese edition through real nbgrader ----------------------------------------------------------

@pytest.fixture(scope="module")
def vietnamese_course(tmp_path_factory):
    """A course directory released in Vietnamese from the committed exercises/source-vi, graded by the judge."""
    import os

    from courseware_harness import Course

    bindir = str(Path(sys.executable).parent)  # nbgrader runs alembic and the kernel through PATH
    if bindir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bindir + os.pathsep + os.environ.get("PATH", "")
    course = Course(tmp_path_factory.mktemp("course-vi"), lang="vi")
    for name in ASSIGNMENTS:
        assert course.generate(name)["success"], name
    return course


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")
@pytest.mark.parametrize("assignment", list(ASSIGNMENTS))
def test_vietnamese_edition_through_nbgrader(vietnamese_course, assignment):
    from courseware_harness import points_of_tests, right_questions

    result = vietnamese_course.graded(assignment)  # solution, untouched, partial and wrong submissions
    assert result["success"], result.get("error", result.get("log"))
    released = vietnamese_course.read("release", assignment)
    assert 'lang="vi"' in released.cells[0].source, "the released notebook's kernel speaks Vietnamese"
    written = [c for c in released.cells if c.metadata.get("nbgrader", {}).get("grade_id", "").startswith("written_")]
    assert written and all(c.source == translations.TEXT_STUBS["vi"] for c in written)
    for cell in released.cells:
        assert "BEGIN SOLUTION" not in cell.source and "HIDDEN TESTS" not in cell.source
        if cell.cell_type == "markdown":
            assert untranslated.english_leftovers(cell.source) == [], cell.source[:80]
            assert untranslated.vietnamese_share(cell.source) >= 0.4, cell.source[:80]
    scores = {student: vietnamese_course.scores(assignment, student)
              for student in ("solution", "untouched", "partial", "wrong")}
    tests = {g: s for g, s in scores["solution"].items() if g.startswith("test_")}
    assert len(tests) >= 10 and all(score == top for score, top in tests.values()), "the solution scores full marks"
    for student in ("untouched", "wrong"):
        assert sum(score or 0 for g, (score, _) in scores[student].items() if g.startswith("test_")) == 0, student
    points = points_of_tests(released)
    assert sum(score for g, (score, _) in scores["partial"].items() if g.startswith("test_")) == sum(
        points[n] for n in right_questions(released)), "the same questions earn the same points as in English"


def test_edition_json(translation_dir):
    write_demo(translation_dir)
    english = json.dumps({"cells": made_up_cells(), "metadata": {}, "nbformat": 4, "nbformat_minor": 5},
                         indent=1, ensure_ascii=False) + "\n"
    assert translations.edition_json(english, "demo", "en") == english
    vietnamese = json.loads(translations.edition_json(english, "demo", "vi"))
    assert vietnamese["metadata"]["motcua"] == {"language": "vi"}
    assert vietnamese["cells"][1]["source"].startswith("**Câu 3** (1,5 điểm). Hồ sơ")


def test_make_notebooks_writes_the_editions_asked_for(tmp_path, monkeypatch, capsys):
    import make_notebooks

    real = make_notebooks.source_path
    monkeypatch.setattr(make_notebooks, "source_path", lambda name, lang="en": real(name, tmp_path, lang))
    assert make_notebooks.main(["queues", "--lang", "vi"]) == 0
    assert capsys.readouterr().out == f"wrote {tmp_path / 'source-vi' / 'queues' / 'queues.ipynb'}\n"
    written = json.loads((tmp_path / "source-vi" / "queues" / "queues.ipynb").read_text(encoding="utf-8"))
    assert written["metadata"]["motcua"] == {"language": "vi"} and not (tmp_path / "source").exists()
    assert make_notebooks.main(["queues"]) == 0
    assert (tmp_path / "source" / "queues" / "queues.ipynb").is_file()
    with pytest.raises(SystemExit):
        make_notebooks.main(["queus"])
    assert "unknown assignment(s) queus; allowed: procedures" in capsys.readouterr().err


def test_make_notebooks_refuses_a_stale_translation(tmp_path, monkeypatch, capsys):
    import make_notebooks

    real = make_notebooks.source_path
    monkeypatch.setattr(make_notebooks, "source_path", lambda name, lang="en": real(name, tmp_path, lang))
    monkeypatch.setattr(translations, "TRANSLATIONS_DIR", tmp_path / "specs")  # no Vietnamese text at all
    translations.reload()
    try:
        assert make_notebooks.main(["queues", "--lang", "vi"]) == 1
    finally:
        translations.reload()
    assert re.search(r"not written: .*queues\.yaml: \d+ text\(s\) stale or missing", capsys.readouterr().err)
    assert not (tmp_path / "source-vi").exists()


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")
def test_validate_speaks_vietnamese_in_the_vietnamese_edition(vietnamese_course, tmp_path):
    """nbgrader's Validate on a blank released Vietnamese notebook: each question named, in Vietnamese."""
    import shutil

    from nbgrader.validator import Validator

    from courseware_harness import question_numbers

    folder = tmp_path / "communication"
    shutil.copytree(vietnamese_course.path("release", "communication").parent, folder)
    result = Validator().validate(str(folder / "communication.ipynb"))
    said = [f["error"] for f in result.get("failed", []) if f["error"] != "You did not provide a response."]
    numbers = question_numbers(vietnamese_course.read("release", "communication"))
    assert [m for m in said if "chưa có câu trả lời." in m and m.startswith("Câu")] == [
        f"Câu {n} chưa có câu trả lời." for n in numbers]
    assert f"Đã trả lời 0 trên {len(numbers)} câu hỏi; các câu còn lại chưa có câu trả lời." in said
    assert not any(untranslated.english_leftovers(m) for m in said), said
