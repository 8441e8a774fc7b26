"""Vietnamese text in charts (no missing glyphs), in spreadsheets (UTF-8 with BOM) and in HTML (UTF-8 declared)."""
from __future__ import annotations

import codecs
import csv
import unicodedata
import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from simulation.rendering import (VIETNAMESE_LETTERS, chart_font, chart_style, html_document,  # noqa: E402
                                  missing_glyphs, write_csv, write_html)

TITLE = "Thời gian chờ trung bình (phút) – Thứ Hai"


def glyph_warnings(*texts: str, tmp_path) -> list[str]:
    """Draw `texts` as a chart's title, axis labels and legend; return matplotlib's missing-glyph warnings."""
    with warnings.catch_warnings(record=True) as caught, plt.rc_context(chart_style()):
        warnings.simplefilter("always")
        fig, ax = plt.subplots()
        ax.plot([0, 1], [3, 5], label=texts[-1])
        ax.set_title(texts[0])
        ax.set_xlabel(texts[-1])
        ax.legend()
        fig.savefig(tmp_path / "chart.png")
        fig.savefig(tmp_path / "chart.pdf")
        plt.close(fig)
    return [str(w.message) for w in caught if "missing from font" in str(w.message)]


def test_a_vietnamese_chart_has_no_missing_glyphs(tmp_path):
    assert glyph_warnings(TITLE, "Chủ nhật, Quốc khánh: Đường ống ưu tiên", tmp_path=tmp_path) == []


def test_every_vietnamese_letter_is_drawn(tmp_path):
    assert chart_font() == "DejaVu Sans"
    assert missing_glyphs(VIETNAMESE_LETTERS) == ""
    assert glyph_warnings(VIETNAMESE_LETTERS, tmp_path=tmp_path) == []


def test_the_check_sees_a_letter_the_font_lacks(tmp_path):
    khmer = "ខ្មែរ"  # a script DejaVu Sans does not cover
    assert missing_glyphs(TITLE + khmer) == khmer
    found = glyph_warnings(TITLE + " " + khmer, tmp_path=tmp_path)
    assert found and all("missing from font" in w for w in found)


def test_a_font_that_is_not_installed_is_named():
    with pytest.raises(ValueError, match="font 'No Such Font' is not installed"):
        missing_glyphs("a", family="No Such Font")


def test_csv_opens_in_a_spreadsheet_with_its_diacritics(tmp_path):
    frame = pd.DataFrame({"thủ tục": ["Chứng thực bản sao", unicodedata.normalize("NFD", "Đăng ký khai sinh")],
                          "hồ sơ": [1052, 13]})
    path = write_csv(tmp_path / "out" / "ho-so.csv", frame)
    raw = path.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    assert pd.read_csv(path, encoding="utf-8-sig").equals(
        frame.assign(**{"thủ tục": ["Chứng thực bản sao", "Đăng ký khai sinh"]}))  # written composed (NFC)


def test_csv_from_rows(tmp_path):
    rows = [{"họ tên": "Bùi Thị Luyến", "điểm": 9.5}, {"họ tên": "Hà Văn Tùng", "điểm": 7}]
    path = write_csv(tmp_path / "diem.csv", rows)
    assert path.read_bytes().startswith(codecs.BOM_UTF8)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        assert list(csv.DictReader(handle)) == [{"họ tên": "Bùi Thị Luyến", "điểm": "9.5"},
                                                {"họ tên": "Hà Văn Tùng", "điểm": "7"}]


def test_html_declares_utf8_and_its_language(tmp_path):
    page = html_document("Báo cáo lớp <tập huấn>", "<p>Điểm trung bình: 8,5</p>", lang="vi")
    assert page.startswith("<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">")
    assert "<title>Báo cáo lớp &lt;tập huấn&gt;</title>" in page
    path = write_html(tmp_path / "report.html", page)
    assert path.read_text(encoding="utf-8") == page


def test_html_without_a_charset_is_refused(tmp_path):
    with pytest.raises(ValueError, match=r"report.html: the page must declare <meta charset=\"utf-8\">"):
        write_html(tmp_path / "report.html", "<html><body>Điểm</body></html>")
    assert not (tmp_path / "report.html").exists()
