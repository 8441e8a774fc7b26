"""The trainers' commands speak Vietnamese with `--lang vi` (or a Vietnamese locale), English with `--lang en`.

What a trainer reads (tables, headlines, notes, warnings, errors, help) is checked for English stop-words
with the checker the notebooks' translation uses; the runs are tiny (a few days, two replications).
"""
from __future__ import annotations

import re

import openpyxl
import pytest

from exercises.untranslated import english_leftovers
from motcua.cli import main

LOCALE_VARS = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", "MOTCUA_LANG")
PLAN = ["sim", "plan", "kim-boi", "--target", "wait_p90 <= 15min", "--days", "5", "--reps", "2", "--max-staff", "3",
        "--no-stability", "--workers", "1", "--quiet"]
SWEEP = ["sim", "sweep", "mmc", "--set", "staff.counter=3,4", "--reps", "2", "--days", "4", "--no-plots",
         "--workers", "1", "--quiet"]
COMPARE = ["sim", "compare", "mmc", "mmc", "--reps", "2", "--days", "4", "--workers", "1", "--add", "counter:1.0"]
RUN = ["sim", "run", "kim-boi", "--days", "2"]


@pytest.fixture
def no_locale(monkeypatch):
    for var in LOCALE_VARS:
        monkeypatch.delenv(var, raising=False)
    return monkeypatch


def _said(capsys, argv: list[str], code: int = 0) -> str:
    try:
        done = main(argv)
    except SystemExit as stop:  # argparse's own errors leave through SystemExit
        done = stop.code
    assert done == code
    captured = capsys.readouterr()
    return captured.out + captured.err


@pytest.mark.parametrize("argv, english", [
    (PLAN, "Recommended staffing for"), (SWEEP, "rows in"), (COMPARE, "paired over 2 replications"),
    (RUN, "Wait, 90th percentile")], ids=["plan", "sweep", "compare", "run"])
def test_each_command_speaks_the_language_asked_for(no_locale, capsys, tmp_path, argv, english):
    no_locale.chdir(tmp_path)  # a relative --out: the folder's name (the test's) is not what the command says
    argv = argv + (["--out", "out"] if argv is SWEEP else [])
    vietnamese = _said(capsys, argv + ["--lang", "vi"])
    assert english_leftovers(vietnamese) == []
    assert english not in vietnamese
    assert english in _said(capsys, argv + ["--lang", "en"])


def test_plan_in_vietnamese_writes_numbers_and_words_the_vietnamese_way(no_locale, capsys):
    out = _said(capsys, PLAN + ["--lang", "vi"])
    assert "Phương án bố trí nhân lực đề xuất cho" in out and "Vì sao mô phỏng và công thức" in out
    assert "Thứ Ba" in out and "quầy tiếp nhận" in out
    interval = next(line for line in out.splitlines() if "ước lượng" in line)
    assert re.search(r"\[[-+]?\d+(,\d+)?; [-+]?\d+(,\d+)?\]", interval)               # [0,11; 9,81]
    assert re.search(r" \d+,\d ->", out) and not re.search(r" \d+\.\d ->", out)        # 15,0 -> 7,5 giờ/ngày


def test_a_vietnamese_locale_without_lang_gives_vietnamese(no_locale, capsys):
    no_locale.setenv("LANG", "vi_VN.UTF-8")
    out = _said(capsys, PLAN)
    assert "Phương án bố trí nhân lực đề xuất" in out and english_leftovers(out) == []
    no_locale.setenv("LANG", "en_GB.UTF-8")
    assert "Recommended staffing" in _said(capsys, PLAN)


@pytest.mark.parametrize("argv, vietnamese, english", [
    (["sim", "plan", "kim-boi", "--target", "wait_p90 <= 15min", "--reps", "1"],
     "cần ít nhất 2 lần chạy mô phỏng", "need at least 2 replications"),
    (["sim", "compare", "mmc", "mmc", "--remove", "Nobody"], "không có công chức tên này", "no official of that name"),
    (["sim", "plan"], "thiếu các tham số bắt buộc", "the following arguments are required"),
], ids=["option", "staff change", "argparse"])
def test_errors_in_the_language_asked_for(no_locale, capsys, argv, vietnamese, english):
    said = _said(capsys, argv + ["--lang", "vi"], code=2)
    assert vietnamese in said and ": lỗi: " in said and english_leftovers(said) == []
    said = _said(capsys, argv + ["--lang", "en"], code=2)
    assert english in said and ": error: " in said


def test_help_is_translated_before_parsing(no_locale, capsys):
    with pytest.raises(SystemExit):
        main(["sim", "plan", "--help", "--lang", "vi"])
    text = capsys.readouterr().out
    assert text.startswith("cách dùng: ") and "tùy chọn" in text and "Tìm phương án bố trí" in text
    assert english_leftovers(text) == []
    with pytest.raises(SystemExit):
        main(["sim", "plan", "--help", "--lang=en"])
    assert "find the least staffing" in capsys.readouterr().out.lower()


def test_the_meeting_pack_is_vietnamese_unless_asked_otherwise(no_locale, capsys, tmp_path):
    no_locale.setenv("LANG", "en_GB.UTF-8")              # the trainer's terminal is English ...
    assert main(PLAN + ["--out", str(tmp_path / "vi")]) == 0
    assert "Recommended staffing" in capsys.readouterr().out
    report = (tmp_path / "vi" / "report.html").read_text(encoding="utf-8")
    assert '<html lang="vi">' in report and "Phương án bố trí nhân lực" in report   # ... the commune reads Vietnamese
    text = re.sub(r"<(style|svg)\b.*?</\1>|<[^>]+>", " ", report.split("<pre>")[0], flags=re.S)
    assert english_leftovers(text.replace("motcua sim run", "")) == []  # what a person reads, but the command (the scenario YAML at the end stays as written)
    sheets = openpyxl.load_workbook(tmp_path / "vi" / "plan.xlsx").sheetnames
    assert sheets == ["phương án", "mục tiêu", "giờ công", "chi phí", "đường cong"]
    assert "wait_p90 <= 15min" in (tmp_path / "vi" / "targets.csv").read_text()   # CSV stays machine-readable
    assert main(PLAN + ["--out", str(tmp_path / "en"), "--lang", "en"]) == 0
    assert '<html lang="en">' in (tmp_path / "en" / "report.html").read_text(encoding="utf-8")
    assert openpyxl.load_workbook(tmp_path / "en" / "plan.xlsx").sheetnames[0] == "plan"


def test_a_bad_scenario_file_is_checked_in_vietnamese_without_a_traceback(no_locale, capsys, tmp_path, scenarios_dir):
    bad = tmp_path / "bad.yaml"
    text = (scenarios_dir / "mmc.yaml").read_text(encoding="utf-8")
    bad.write_text(text.replace("rate_per_hour: 7.5", "rate_per_hour: -1") + "colour: red\n", encoding="utf-8")
    said = _said(capsys, ["sim", "check", str(bad), "--lang", "vi"], code=2)
    assert "Traceback" not in said and "motcua sim check: lỗi: " in said
    assert "bad.yaml: demand.walk_in.rate_per_hour = -1: phải từ 0 trở lên" in said
    assert "bad.yaml: colour = 'red': khóa không hợp lệ" in said
    words = re.sub(r"\S*[_.\[\]=]\S*|'[^']*'", " ", said.replace(str(bad), " "))   # keys and values as written
    assert english_leftovers(words) == []
    english = _said(capsys, ["sim", "check", str(bad), "--lang", "en"], code=2)
    assert "rate_per_hour = -1: must be at least 0" in english and "Traceback" not in english


@pytest.mark.parametrize("argv, words", [
    (["workshop", "--help"], "Tổ chức lớp tập huấn có chấm điểm"),
    (["workshop", "autograde", "--help"], "chấm bài nộp song song"),
    (["workshop", "init", "--help"], "tạo thư mục khóa học"),
], ids=["workshop", "autograde", "init"])
def test_the_workshop_help_speaks_vietnamese(no_locale, capsys, argv, words):
    with pytest.raises(SystemExit):
        main(argv + ["--lang", "vi"])
    text = capsys.readouterr().out
    assert words in text and english_leftovers(re.sub(r"--[\w-]+", " ", text)) == []  # but the options' names
    with pytest.raises(SystemExit):
        main(argv + ["--lang", "en"])
    assert words not in capsys.readouterr().out
