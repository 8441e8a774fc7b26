"""The Vietnamese catalogue is complete: it holds exactly the code's messages, each one translated.

The messages are extracted from the code the way `make translations` does (babel.cfg), so this fails
when someone marks a new string and forgets `make translations`, when a message was removed from the
code but not from the .po, and when an entry is empty or fuzzy (fuzzy reads as English at run time).
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from simulation.i18n import DOMAIN, LANGUAGES, LOCALE_DIR, SOURCE_LANGUAGE

ROOT = Path(__file__).resolve().parents[2]
TRANSLATED = [lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE]
_PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\([^)]*\)[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]|%[sdifr]")

Key = tuple  # (context or None, singular msgid)


def code_messages(root: Path = ROOT) -> dict[Key, set[str]]:
    """Every message the code marks (as `make translations` extracts it) -> the files it appears in."""
    with (root / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found: dict[Key, set[str]] = {}
    for filename, _lineno, message, _comments, context in extract_from_dir(
            str(root), method_map, options_map, keywords=DEFAULT_KEYWORDS):
        singular = message if isinstance(message, str) else message[0]
        if singular:
            found.setdefault((context, singular), set()).add(filename)
    return found


def read_catalogue(language: str) -> Catalog:
    with (LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as handle:
        return read_po(handle, locale=language, domain=DOMAIN)


def placeholders(text: str) -> list[str]:
    return sorted(_PLACEHOLDER.findall(text))


def catalogue_problems(catalogue: Catalog, in_code: dict[Key, set[str]]) -> list[str]:
    """One sentence per problem: stale or missing entries, untranslated, fuzzy, placeholders, NFC."""
    problems = []
    entries = {(m.context, m.id if isinstance(m.id, str) else m.id[0]): m for m in catalogue if m.id}
    for key in sorted(in_code.keys() - entries.keys(), key=str):
        problems.append(f"{key[1]!r} (in {', '.join(sorted(in_code[key]))}) is not in the .po: run make translations")
    for key in sorted(entries.keys() - in_code.keys(), key=str):
        problems.append(f"{key[1]!r} is in the .po but no longer in the code: run make translations")
    for key, message in sorted(entries.items(), key=lambda item: str(item[0])):
        if key not in in_code:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        if message.fuzzy:
            problems.append(f"{key[1]!r} is fuzzy: check the translation and remove the fuzzy flag")
        if not all(s.strip() for s in strings):
            problems.append(f"{key[1]!r} has no translation")
            continue
        for text in strings:
            if placeholders(text) != placeholders(ids[0]):
                problems.append(f"{key[1]!r}: the translation has placeholders {placeholders(text)}, "
                                f"the message {placeholders(ids[0])}")
            if unicodedata.normalize("NFC", text) != text:
                problems.append(f"{key[1]!r}: the translation is not in composed Unicode (NFC); "
                                "retype it or normalise the file")
    return problems


@pytest.fixture(scope="module")
def in_code() -> dict[Key, set[str]]:
    return code_messages()


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_catalogue_matches_the_code_and_translates_every_message(language, in_code):
    assert in_code, "no marked messages found: is babel.cfg read from the right folder?"
    assert catalogue_problems(read_catalogue(language), in_code) == []


def test_the_vietnamese_catalogue_declares_its_language_and_single_plural_form():
    catalogue = read_catalogue("vi")
    assert str(catalogue.locale) == "vi"
    assert catalogue.plural_forms == "nplurals=1; plural=0;"


def test_babel_cfg_covers_every_package_that_shows_text():
    patterns = (ROOT / "babel.cfg").read_text(encoding="utf-8")
    for package in ("simulation", "grading", "motcua", "exercises"):
        assert f"[python: {package}/**.py]" in patterns


# ------------------------------------------------------------ the check itself can fail


def _catalogue(*entries: tuple[str, str, bool]) -> Catalog:
    catalogue = Catalog(locale="vi", domain=DOMAIN)
    for msgid, msgstr, fuzzy in entries:
        catalogue.add(msgid, msgstr, flags=("fuzzy",) if fuzzy else ())
    return catalogue


def test_the_check_reports_every_kind_of_problem():
    code = {(None, m): {"simulation/x.py"} for m in
            ("Monday", "Waiting time", "Late", "{n} dossiers", "Guide", "New in the code")}
    catalogue = _catalogue(
        ("Monday", "Thứ Hai", False),
        ("Waiting time", "", False),                                # untranslated
        ("Late", "Quá hạn", True),                                  # fuzzy
        ("{n} dossiers", "{count} hồ sơ", False),                   # placeholder renamed
        ("Guide", unicodedata.normalize("NFD", "Người hướng dẫn"), False),  # decomposed
        ("Removed from the code", "Đã bỏ", False),                  # stale
    )
    problems = catalogue_problems(catalogue, code)
    assert problems == [
        "'New in the code' (in simulation/x.py) is not in the .po: run make translations",
        "'Removed from the code' is in the .po but no longer in the code: run make translations",
        "'Guide': the translation is not in composed Unicode (NFC); retype it or normalise the file",
        "'Late' is fuzzy: check the translation and remove the fuzzy flag",
        "'Waiting time' has no translation",
        "'{n} dossiers': the translation has placeholders ['{count}'], the message ['{n}']",
    ]


def test_extraction_finds_marked_strings_in_a_new_module(tmp_path):
    (tmp_path / "babel.cfg").write_text("[python: simulation/**.py]\n", encoding="utf-8")
    (tmp_path / "simulation").mkdir()
    (tmp_path / "simulation" / "view.py").write_text(
        'from simulation.i18n import _, N_, ngettext\nTITLE = N_("Queue by hour")\n'
        'def show(n):\n    return _("Waiting time"), ngettext("{n} official", "{n} officials", n)\n',
        encoding="utf-8")
    assert set(code_messages(tmp_path)) == {(None, "Queue by hour"), (None, "Waiting time"), (None, "{n} official")}


def test_placeholders_of_both_styles():
    assert placeholders("{n} hồ sơ, %(share)s, {day:02d}") == ["%(share)s", "{day:02d}", "{n}"]
