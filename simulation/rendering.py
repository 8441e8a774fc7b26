"""Vietnamese text that survives the trip to a chart, a spreadsheet and a browser.

Three places lose diacritics unless told otherwise:

* **charts**: matplotlib draws a box for a letter its font lacks and only
  warns ("Glyph 7901 ... missing from font(s)"). `chart_style()` picks a font
  that has every Vietnamese letter (DejaVu Sans, which ships with matplotlib,
  does) and `missing_glyphs()` says which letters of a text a font lacks.
  Text is drawn in composed form (NFC): a decomposed "ờ" (o + two combining
  marks, as some keyboards type it) would be drawn as three glyphs.
* **spreadsheets**: Excel opens a CSV file as the PC's legacy code page unless
  the file starts with a byte-order mark; `write_csv()` writes UTF-8 with BOM.
* **browsers**: an HTML file without a declared charset may be read as
  Windows-1252; `html_document()` declares UTF-8 and the page's language.

Nothing here imports matplotlib or pandas until it is used.
"""
from __future__ import annotations

import csv
import functools
import html
import unicodedata
from pathlib import Path
from typing import Any, Iterable

__all__ = ["CHART_FONTS", "VIETNAMESE_LETTERS", "chart_style", "use_chart_style", "chart_font", "missing_glyphs",
           "composed", "write_csv", "CSV_ENCODING", "html_document", "write_html", "headed"]

# Fonts tried in order; DejaVu Sans ships inside matplotlib, so the first always exists.
CHART_FONTS = ("DejaVu Sans", "Noto Sans", "Liberation Sans", "Arial")
# Every letter of the Vietnamese alphabet with every tone, both cases, and đ/Đ.
_VOWELS = "aăâeêioôơuưy"
_TONES = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")  # huyền, sắc, ngã, hỏi, nặng
VIETNAMESE_LETTERS = "".join(sorted({
    unicodedata.normalize("NFC", letter + tone)
    for vowel in _VOWELS for letter in (vowel, vowel.upper()) for tone in _TONES
} | set("đĐ"))) + "–…“”"
CSV_ENCODING = "utf-8-sig"


def composed(text: str) -> str:
    """`text` in composed Unicode (NFC), the form fonts draw and comparisons expect."""
    return unicodedata.normalize("NFC", text)


@functools.lru_cache(maxsize=16)
def _charmap(path: str) -> frozenset[int]:
    from matplotlib.ft2font import FT2Font

    return frozenset(FT2Font(path).get_charmap())


def _font_path(family: str) -> str | None:
    from matplotlib import font_manager

    try:
        return font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
    except ValueError:
        return None


def missing_glyphs(text: str, family: str = "DejaVu Sans") -> str:
    """The characters of `text` (composed) that the font `family` cannot draw, in order, each once."""
    path = _font_path(family)
    if path is None:
        raise ValueError(f"font {family!r} is not installed; {CHART_FONTS[0]} ships with matplotlib")
    covered = _charmap(path)
    seen: list[str] = []
    for ch in composed(text):
        if not ch.isspace() and ord(ch) not in covered and ch not in seen:
            seen.append(ch)
    return "".join(seen)


@functools.lru_cache(maxsize=1)
def chart_font() -> str:
    """The first of CHART_FONTS that is installed and draws every Vietnamese letter."""
    for family in CHART_FONTS:
        if _font_path(family) is not None and not missing_glyphs(VIETNAMESE_LETTERS, family):
            return family
    raise RuntimeError("no installed font draws every Vietnamese letter; matplotlib's DejaVu Sans should: "
                       "reinstall matplotlib")


def chart_style() -> dict[str, Any]:
    """matplotlib rc settings for Vietnamese charts: ``with plt.rc_context(chart_style()): ...``."""
    family = chart_font()
    return {"font.family": "sans-serif", "font.sans-serif": [family, *[f for f in CHART_FONTS if f != family]]}


def use_chart_style() -> None:
    """Apply `chart_style()` to every later chart of this process (a notebook's setup cell)."""
    import matplotlib

    matplotlib.rcParams.update(chart_style())


def write_csv(path: str | Path, table: Any, columns: Iterable[str] | None = None, **to_csv: Any) -> Path:
    """Write a DataFrame (or rows of mappings) as UTF-8 with BOM, which Excel and LibreOffice open as Vietnamese.

    Text is written composed (NFC). Extra keyword arguments go to ``DataFrame.to_csv`` (default ``index=False``).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if hasattr(table, "to_csv"):
        frame = table.map(lambda v: composed(v) if isinstance(v, str) else v) if hasattr(table, "map") else table
        frame.to_csv(path, encoding=CSV_ENCODING, **{"index": False, **to_csv})
        return path
    rows = [dict(row) for row in table]
    header = list(columns) if columns is not None else list(dict.fromkeys(k for row in rows for k in row))
    with path.open("w", encoding=CSV_ENCODING, newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: composed(v) if isinstance(v, str) else v for k, v in row.items()})
    return path


_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
{head}</head>
<body>
{body}
</body>
</html>
"""


def html_document(title: str, body: str, *, lang: str = "vi", head: str = "") -> str:
    """A whole HTML page that declares UTF-8 and its language; `body` and `head` are HTML, `title` is text."""
    return composed(_PAGE.format(lang=html.escape(lang), title=html.escape(title), head=head, body=body))


def write_html(path: str | Path, page: str) -> Path:
    """Write an HTML page as UTF-8; a page that does not declare UTF-8 in its first 1024 bytes is refused."""
    head = page.encode("utf-8")[:1024].decode("utf-8", errors="ignore").lower()
    if 'charset="utf-8"' not in head and "charset=utf-8" not in head:
        raise ValueError(f"{path}: the page must declare <meta charset=\"utf-8\"> near the top "
                         "(build it with html_document)")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(composed(page), encoding="utf-8")
    return path


def headed(table: Any, headings: dict[str, str], *, only: bool = False) -> Any:
    """`table` (a pandas frame) with its columns headed for a reader: each heading (an English text marked
    with ``N_``) in the current language. With `only`, the columns without a heading are left out. The
    machine names stay in the data the code passes around; only what is shown is renamed."""
    from .i18n import gettext

    if only:
        table = table[[c for c in table.columns if c in headings]]
    return table.rename(columns={c: gettext(h) for c, h in headings.items() if c in table.columns})
