"""Languages: which one a person reads, and the message catalogue that speaks it.

Everything an official, a commune leader or a trainer reads is written in
English in the code and looked up in a gettext catalogue managed with Babel
(domain ``motcua``, ``simulation/locale/<lang>/LC_MESSAGES/motcua.po``). The
English text is the message id, so English needs no catalogue and a message
nobody has translated yet still reads as English rather than as a key::

    from simulation.i18n import _, N_, ngettext

    TITLE = N_("Waiting time")            # a module constant: marked, translated when shown
    print(_(TITLE))                        # "Thời gian chờ" in Vietnamese
    print(_("{n} dossiers late").format(n=3))
    print(ngettext("{n} official", "{n} officials", n).format(n=n))

Which language? (`choose_language`)

1. an explicit choice (``motcua workshop init --lang en``, ``--lang`` of the
   trainers' CLI, a dashboard's language picker), else
2. the ``MOTCUA_LANG`` environment variable, else
3. for **officials and leaders** (notebooks, self-checks, feedback, reports,
   the dashboard): Vietnamese. Their kernel, the grading sandbox and a commune
   PC rarely carry a meaningful locale, and the people reading are Vietnamese.
4. for **trainers** at a terminal: the locale, as gettext reads it
   (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``): ``vi_VN.UTF-8`` gives
   Vietnamese; any other language gives English, and so do ``C``/``POSIX`` and
   no locale at all (gettext's own rule: the untranslated source text).

The active language is process-wide (`set_language`, called once by a CLI or
a notebook's setup cell) and can be overridden for a block of code with
``with use_language("en"):``. The block is a context variable: it does not
leak into other threads or asyncio tasks running meanwhile (a thread started
inside the block speaks the process language).

Catalogues: the ``.po`` files are committed; ``make translations`` extracts,
updates and compiles them to ``.mo``. The ``.mo`` files are not committed: when
one is missing or older than its ``.po`` (a fresh clone), the ``.po`` is
compiled in memory on first use, never written, so a read-only install works.
Fuzzy entries are not used: they read as English until a person confirms them.

This module imports nothing else of ours, so every layer (scenario, engine,
views, grading, the course kernel, the CLI) may use it.
"""
from __future__ import annotations

import contextvars
import functools
import gettext as _gettext
import io
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Literal

__all__ = [
    "DOMAIN", "LANGUAGES", "DEFAULT_LANGUAGE", "LOCALE_DIR", "Audience",
    "normalise_language", "choose_language", "set_language", "use_language", "current_language",
    "translations", "reload_catalogues", "add_language_argument",
    "_", "N_", "gettext", "ngettext", "pgettext", "npgettext",
]

DOMAIN = "motcua"
LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"
SOURCE_LANGUAGE = "en"  # the language of the msgids: it needs no catalogue
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
ENV_VAR = "MOTCUA_LANG"
Audience = Literal["officials", "trainers"]
_LOCALE_VARS = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")  # gettext's order of precedence

_NULL = _gettext.NullTranslations()
_process_language: str | None = None
_block_language: contextvars.ContextVar[str | None] = contextvars.ContextVar("motcua_language", default=None)


def normalise_language(code: str) -> str:
    """'vi', 'vi_VN', 'vi-VN', 'VI_vn.UTF-8' -> 'vi'; an unknown language is a ValueError naming the choices."""
    text = str(code).strip()
    base = text.split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    if base not in LANGUAGES:
        allowed = ", ".join(LANGUAGES)
        # in both languages: this runs while the language itself is being chosen, before `_` can speak
        raise ValueError(f"language {code!r}: must be one of {allowed} (Vietnamese: vi, English: en) / "
                         f"ngôn ngữ {code!r}: phải là vi (tiếng Việt) hoặc en (tiếng Anh)")
    return base


def _from_locale() -> str | None:
    """The language of the environment's locale, gettext's way; None when no variable is set."""
    for var in _LOCALE_VARS:
        value = os.environ.get(var, "").strip()
        if not value:
            continue
        first = value.split(":")[0]  # LANGUAGE may list several: vi:en
        if first.split(".")[0] in ("C", "POSIX"):
            return SOURCE_LANGUAGE
        try:
            return normalise_language(first)
        except ValueError:
            return SOURCE_LANGUAGE  # a language we have no catalogue for: the source text
    return None


def choose_language(explicit: str | None = None, *, audience: Audience = "officials") -> str:
    """The language to use: `explicit`, else $MOTCUA_LANG, else Vietnamese (officials) or the locale (trainers).

    A bad explicit value or a bad $MOTCUA_LANG is a ValueError naming it and the allowed languages.
    """
    if audience not in ("officials", "trainers"):
        raise ValueError(f"audience {audience!r}: must be 'officials' or 'trainers'")
    if explicit is not None and str(explicit).strip():
        return normalise_language(explicit)
    from_env = os.environ.get(ENV_VAR, "").strip()
    if from_env:
        try:
            return normalise_language(from_env)
        except ValueError as exc:
            raise ValueError(f"{ENV_VAR}={from_env!r}: {exc}") from None
    if audience == "trainers":
        return _from_locale() or SOURCE_LANGUAGE
    return DEFAULT_LANGUAGE


def set_language(language: str | None = None, *, audience: Audience = "officials") -> str:
    """Make `language` (or `choose_language`'s choice) the process's language; return it."""
    global _process_language
    _process_language = choose_language(language, audience=audience)
    return _process_language


def add_language_argument(parser, *, audience: Audience = "trainers", what: str = "output") -> None:
    """Give an argparse parser `--lang vi|en` (None when absent: `choose_language(args.lang, audience=...)` decides).

    A bad value is reported by argparse with the allowed languages, without a traceback.
    """
    import argparse

    def language(text: str) -> str:
        try:
            return normalise_language(text)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    # The help speaks the language current when the parser is built (`motcua.cli.main` chooses it first);
    # `what` is translated when it has a message id (the callers mark theirs with N_).
    default = _("the locale") if audience == "trainers" else _("Vietnamese")
    parser.add_argument("--lang", type=language, default=None, metavar="{vi,en}",
                        help=_("language of the {what}: vi (Vietnamese) or en (English); "
                               "default: ${variable}, else {default}").format(what=_(what), variable=ENV_VAR,
                                                                             default=default))


@contextmanager
def use_language(language: str) -> Iterator[str]:
    """Speak `language` inside the block only: ``with use_language("en"): ...``."""
    token = _block_language.set(normalise_language(language))
    try:
        yield _block_language.get()
    finally:
        _block_language.reset(token)


def current_language() -> str:
    """The language `_()` speaks now: the innermost `use_language`, else `set_language`, else the default."""
    return _block_language.get() or _process_language or choose_language()


@functools.lru_cache(maxsize=None)
def _catalogue(language: str) -> _gettext.NullTranslations:
    """Read once per process; `reload_catalogues()` after editing a .po in a running kernel."""
    from babel.support import Translations

    po = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    mo = po.with_suffix(".mo")
    if not po.exists():
        return _gettext.NullTranslations()
    if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
        with mo.open("rb") as handle:
            return Translations(handle, domain=DOMAIN)
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        catalog = read_po(handle, locale=language, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def translations(language: str | None = None) -> _gettext.NullTranslations:
    """The catalogue for `language` (default: the current one); English is the untranslated source."""
    language = normalise_language(language) if language else current_language()
    if language == SOURCE_LANGUAGE:
        return _NULL
    return _catalogue(language)


def reload_catalogues() -> None:
    """Forget the catalogues read so far (the next message reads the .po/.mo files again)."""
    _catalogue.cache_clear()


def gettext(message: str) -> str:
    """`message` in the current language (itself when it has no translation)."""
    return translations().gettext(message)


_ = gettext


def N_(message: str) -> str:
    """Mark a module-level constant for extraction; translate it where it is shown, with `_(CONSTANT)`."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for `n`, in the current language (Vietnamese has one form)."""
    return translations().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """`message` translated in `context`, for short words that read differently in two places."""
    return translations().pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    return translations().npgettext(context, singular, plural, n)


# What `add_language_argument` says a command's --lang chooses, by default: marked for extraction here,
# after N_ exists.
_LANGUAGE_OF = N_("output")
