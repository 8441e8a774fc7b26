"""Choosing the language, switching it, and reading catalogues with or without a compiled .mo."""
from __future__ import annotations

import os
import threading

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import write_po

from simulation import i18n
from simulation.i18n import (N_, _, choose_language, current_language, ngettext, normalise_language,
                             set_language, use_language)

LOCALE_VARS = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", "MOTCUA_LANG")


@pytest.fixture
def clean_env(monkeypatch):
    """No locale and no MOTCUA_LANG; the process language reset afterwards."""
    for var in LOCALE_VARS:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(i18n, "_process_language", None)
    return monkeypatch


@pytest.mark.parametrize("env, explicit, audience, expected", [
    ({}, None, "officials", "vi"),
    ({}, None, "trainers", "en"),                              # no locale: gettext's source text
    ({"LANG": "vi_VN.UTF-8"}, None, "trainers", "vi"),
    ({"LANG": "vi_VN.UTF-8"}, None, "officials", "vi"),
    ({"LANG": "en_US.UTF-8"}, None, "officials", "vi"),        # officials read Vietnamese whatever the PC says
    ({"LANG": "en_US.UTF-8"}, None, "trainers", "en"),
    ({"LANG": "C.UTF-8"}, None, "trainers", "en"),
    ({"LANG": "fr_FR.UTF-8"}, None, "trainers", "en"),         # no French catalogue: the source text
    ({"LANG": "en_US.UTF-8", "LC_ALL": "vi_VN.UTF-8"}, None, "trainers", "vi"),  # LC_ALL beats LANG
    ({"LANGUAGE": "vi:en", "LANG": "C"}, None, "trainers", "vi"),
    ({"MOTCUA_LANG": "en"}, None, "officials", "en"),
    ({"MOTCUA_LANG": "vi_VN", "LANG": "en_US.UTF-8"}, None, "trainers", "vi"),
    ({"MOTCUA_LANG": "en"}, "vi", "officials", "vi"),          # an explicit choice wins
    ({"LANG": "vi_VN.UTF-8"}, "en", "trainers", "en"),
    ({}, "  ", "officials", "vi"),                             # an empty --lang is no choice
])
def test_choose_language(clean_env, env, explicit, audience, expected):
    for var, value in env.items():
        clean_env.setenv(var, value)
    assert choose_language(explicit, audience=audience) == expected


@pytest.mark.parametrize("code, expected", [("vi", "vi"), ("vi_VN", "vi"), ("vi-VN", "vi"), ("VI_vn.UTF-8", "vi"),
                                            ("en", "en"), ("en_GB.utf8", "en"), (" en ", "en")])
def test_normalise_language(code, expected):
    assert normalise_language(code) == expected


def test_an_unknown_language_names_the_choices(clean_env):
    with pytest.raises(ValueError, match=r"language 'fr': must be one of vi, en"):
        choose_language("fr")
    clean_env.setenv("MOTCUA_LANG", "klingon")
    with pytest.raises(ValueError, match=r"MOTCUA_LANG='klingon': language 'klingon': must be one of vi, en"):
        choose_language()
    with pytest.raises(ValueError, match="audience 'leaders'"):
        choose_language(audience="leaders")


def test_messages_follow_the_process_language_and_blocks_override_it(clean_env):
    assert current_language() == "vi"
    assert _("Monday") == "Thứ Hai"
    assert set_language("en") == "en"
    assert _("Monday") == "Monday"
    with use_language("vi"):
        assert _("Sunday") == "Chủ nhật"
        with use_language("en"):
            assert _("Sunday") == "Sunday"
        assert current_language() == "vi"
    assert current_language() == "en"


def test_a_block_language_is_restored_after_an_error(clean_env):
    set_language("vi")
    with pytest.raises(RuntimeError):
        with use_language("en"):
            raise RuntimeError
    assert _("Monday") == "Thứ Hai"


def test_a_block_language_stays_inside_its_thread(clean_env):
    set_language("vi")
    seen = {}

    def other():
        seen["other"] = _("Monday")

    thread = threading.Thread(target=other)
    with use_language("en"):
        thread.start()
        thread.join()
        seen["block"] = _("Monday")
    assert seen == {"other": "Thứ Hai", "block": "Monday"}


def test_n_marks_without_translating_and_unknown_messages_stay_english(clean_env):
    assert N_("Monday") == "Monday"
    assert _("A message nobody has marked") == "A message nobody has marked"


def test_plural_forms(clean_env):
    with use_language("en"):
        assert ngettext("{n} official", "{n} officials", 1) == "{n} official"
        assert ngettext("{n} official", "{n} officials", 3) == "{n} officials"


# ------------------------------------------------------------ catalogues on disk


def _write_catalogue(folder, entries, *, mo=False):
    target = folder / "vi" / "LC_MESSAGES"
    target.mkdir(parents=True, exist_ok=True)
    catalogue = Catalog(locale="vi", domain="motcua")
    for msgid, msgstr, fuzzy in entries:
        catalogue.add(msgid, msgstr, flags=("fuzzy",) if fuzzy else ())
    with (target / "motcua.po").open("wb") as handle:
        write_po(handle, catalogue)
    if mo:
        with (target / "motcua.mo").open("wb") as handle:
            write_mo(handle, catalogue)
    return target


@pytest.fixture
def locale_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    i18n.reload_catalogues()
    yield tmp_path
    i18n.reload_catalogues()


def test_a_fresh_clone_reads_the_po_without_a_compiled_mo(locale_dir):
    target = _write_catalogue(locale_dir, [("Waiting time", "Thời gian chờ", False), ("Late", "Quá hạn", True)])
    assert i18n.translations("vi").gettext("Waiting time") == "Thời gian chờ"
    assert i18n.translations("vi").gettext("Late") == "Late"  # fuzzy is not used
    assert not (target / "motcua.mo").exists()                # compiled in memory, nothing written


def test_a_compiled_mo_is_used_unless_the_po_is_newer(locale_dir):
    target = _write_catalogue(locale_dir, [("Waiting time", "Thời gian chờ (mo)", False)], mo=True)
    _write_catalogue(locale_dir, [("Waiting time", "Thời gian chờ (po)", False)])
    po, mo = target / "motcua.po", target / "motcua.mo"
    os.utime(po, (1_000_000, 1_000_000))
    os.utime(mo, (2_000_000, 2_000_000))
    assert i18n.translations("vi").gettext("Waiting time") == "Thời gian chờ (mo)"
    os.utime(po, (3_000_000, 3_000_000))  # someone edited the .po after the last `make translations`
    i18n.reload_catalogues()
    assert i18n.translations("vi").gettext("Waiting time") == "Thời gian chờ (po)"


def test_a_language_without_a_catalogue_reads_as_english(locale_dir):
    assert i18n.translations("vi").gettext("Waiting time") == "Waiting time"
    assert i18n.translations("en").gettext("Monday") == "Monday"


def test_the_language_modules_import_nothing_else_of_ours_and_stay_light():
    """Every layer, grading/ and the officials' kernel import these: they must sit below all of them."""
    import subprocess
    import sys

    code = ("import sys; import simulation.i18n, simulation.formats, simulation.typed_answers, simulation.rendering; "
            "simulation.i18n._('Monday'); simulation.typed_answers.parse_date('5/9/2025'); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('simulation', 'grading', 'motcua', "
            "'pandas', 'matplotlib', 'scipy')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    # simulation.moved is the package's own import hook for old module paths: it imports nothing of ours
    assert out.strip() == str(sorted(["simulation", "simulation.moved", "simulation.i18n", "simulation.formats",
                                      "simulation.typed_answers", "simulation.rendering"]))


def test_the_lang_option_of_a_command_line(capsys):
    import argparse

    from simulation.i18n import add_language_argument

    from simulation.i18n import use_language

    parser = argparse.ArgumentParser(prog="motcua sim run")
    with use_language("en"):  # the help speaks the language current when the parser is built
        add_language_argument(parser)
    assert parser.parse_args([]).lang is None
    assert parser.parse_args(["--lang", "vi_VN"]).lang == "vi"
    assert parser.parse_args(["--lang", "en"]).lang == "en"
    with pytest.raises(SystemExit) as stopped:
        parser.parse_args(["--lang", "fr"])
    assert stopped.value.code == 2
    assert "argument --lang: language 'fr': must be one of vi, en" in capsys.readouterr().err
    assert "default: $MOTCUA_LANG, else the locale" in " ".join(parser.format_help().split())
    officials = argparse.ArgumentParser(prog="motcua workshop init")
    with use_language("en"):
        add_language_argument(officials, audience="officials", what="released notebooks")
    assert "language of the released notebooks" in " ".join(officials.format_help().split())
    assert "default: $MOTCUA_LANG, else Vietnamese" in " ".join(officials.format_help().split())
