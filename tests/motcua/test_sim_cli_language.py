"""`motcua sim ... --lang vi|en`: the table, the messages and the spreadsheet in the trainer's language."""
from __future__ import annotations

import warnings

import pandas as pd
import pytest

from motcua.cli import build_parser, main
from simulation.i18n import current_language, use_language

LOCALE_VARS = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", "MOTCUA_LANG")


@pytest.fixture
def no_locale(monkeypatch):
    for var in LOCALE_VARS:
        monkeypatch.delenv(var, raising=False)
    return monkeypatch


def test_vietnamese_table_with_decimal_commas(no_locale, capsys):
    assert main(["sim", "run", "kim-boi", "--days", "2", "--lang", "vi"]) == 0
    out = capsys.readouterr().out
    assert "Chỉ số" in out and "Giá trị" in out and "2 ngày, từ ngày 01/07/2025, hạt giống ngẫu nhiên 1" in out
    assert "Thời gian chờ trung bình (phút)" in out and "Hồ sơ trực tuyến giải quyết trước hạn" in out
    assert "Wait" not in out and "KPI" not in out
    percents = [line for line in out.splitlines() if "%" in line and "Mức độ bận" in line]
    assert percents and all("," in line.rsplit("│", 2)[-2] for line in percents)   # 21,5%, not 21.5%


def test_without_lang_the_locale_decides_as_for_every_trainers_command(no_locale, capsys):
    assert main(["sim", "check", "kim-boi"]) == 0                    # no locale at all: English
    assert "OK —" in capsys.readouterr().out
    no_locale.setenv("LANG", "vi_VN.UTF-8")
    assert main(["sim", "check", "kim-boi"]) == 0
    assert "hợp lệ —" in capsys.readouterr().out
    no_locale.setenv("MOTCUA_LANG", "en")                            # the project's variable wins over the locale
    assert main(["sim", "check", "kim-boi"]) == 0
    assert "OK —" in capsys.readouterr().out
    assert main(["sim", "check", "kim-boi", "--lang", "vi"]) == 0    # and --lang over both
    assert ("hợp lệ — Trung tâm Phục vụ hành chính công xã Kim Bôi, tháng 7/2025 (31 ngày, từ ngày 01/07/2025)"
            in capsys.readouterr().out)


def test_the_command_leaves_the_callers_language_alone(no_locale, capsys):
    with use_language("vi"):
        main(["sim", "check", "kim-boi", "--lang", "en"])
        assert current_language() == "vi"
    assert "OK" in capsys.readouterr().out


def test_errors_and_warnings_in_vietnamese(no_locale, capsys, tmp_path, scenarios_dir):
    assert main(["sim", "run", "kim-boi", "--days", "0", "--lang", "vi"]) == 2
    assert "--days 0: số ngày phải từ 1 đến 3660" in capsys.readouterr().err
    assert main(["sim", "run", "kim-boi", "--days", "two", "--lang", "en"]) == 2
    assert "--days 'two': must be a whole number of days" in capsys.readouterr().err
    over = tmp_path / "over.yaml"
    over.write_text((scenarios_dir / "mmc.yaml").read_text().replace("rate_per_hour: 7.5", "rate_per_hour: 12"))
    assert main(["sim", "run", str(over), "--days", "3", "--lang", "vi"]) == 0
    assert "cảnh báo: " in capsys.readouterr().err


def test_the_spreadsheet_table_has_a_bom_and_vietnamese_headers(no_locale, tmp_path, capsys):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert main(["sim", "run", "kim-boi", "--days", "2", "--lang", "vi", "--out", str(tmp_path)]) == 0
    assert not [w for w in caught if "missing from" in str(w.message)]    # Vietnamese charts draw every glyph
    assert "đã ghi 12 tệp vào" in capsys.readouterr().out
    raw = (tmp_path / "kpi_table.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")                                # Excel reads UTF-8 only with a BOM
    table = pd.read_csv(tmp_path / "kpi_table.csv", encoding="utf-8-sig")
    assert list(table.columns) == ["Mã chỉ số", "Chỉ số", "Giá trị", "hiển thị"]
    row = table.set_index("Mã chỉ số").loc["wait_mean"]
    assert row["Chỉ số"] == "Thời gian chờ trung bình (phút)" and row["hiển thị"].endswith(" phút")
    kpis = pd.read_csv(tmp_path / "kpis.csv", index_col="kpi")["value"]  # the records stay as programs read them
    assert row["Giá trị"] == pytest.approx(kpis["wait_mean"])
    assert not (tmp_path / "visitors.csv").read_bytes().startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize("argv", [
    ["sim", "run", "kim-boi"], ["sim", "check", "kim-boi"], ["sim", "sweep", "kim-boi"],
    ["sim", "compare", "a.yaml", "b.yaml"], ["sim", "plan", "kim-boi"]])
def test_every_sim_command_accepts_lang(argv):
    parser = build_parser()
    assert parser.parse_args(argv + ["--lang", "vi"]).lang == "vi"
    assert parser.parse_args(argv + ["--lang", "en_GB"]).lang == "en"
    assert parser.parse_args(argv).lang is None


def test_a_bad_language_is_named_with_the_choices(capsys):
    with pytest.raises(SystemExit) as done:
        build_parser().parse_args(["sim", "check", "kim-boi", "--lang", "fr"])
    assert done.value.code == 2
    assert "language 'fr': must be one of vi, en" in capsys.readouterr().err
