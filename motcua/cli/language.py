"""The trainer's language before the parser exists, and argparse's own words in it.

The help a trainer reads (``motcua sim plan --help``) is written when the
parser is built, so the language must be known before the command line is
parsed: `language_of` reads ``--lang`` from the raw arguments (``--lang vi``
or ``--lang=vi``), else ``$MOTCUA_LANG``, else the locale, as
`simulation.i18n.choose_language` decides for trainers. A value it cannot read
is left to argparse, which names it with the allowed languages.

argparse writes its own words ("usage:", "options", "the following arguments
are required") through the standard library's gettext, which knows no
catalogue of ours. `argparse_speaks` lends argparse our catalogue for the
length of a block and gives its own functions back afterwards: the one place
that reaches into argparse's module (its ``_`` and ``ngettext`` names,
Python 3.8 to 3.13), pinned by tests/motcua/test_cli_language_help.py.
"""
from __future__ import annotations

import argparse
from contextlib import contextmanager
from typing import Iterator, Sequence

from simulation.i18n import SOURCE_LANGUAGE, N_, choose_language, normalise_language, translations

__all__ = ["language_of", "argparse_speaks", "ARGPARSE_WORDS"]

# argparse's messages a trainer meets, as argparse writes them: listed here so `make translations`
# extracts them into our catalogue (argparse itself is not scanned).
ARGPARSE_WORDS = (
    N_("usage: "), N_("options"), N_("positional arguments"), N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"), N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"), N_("argument %(argument_name)s: %(message)s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"), N_("invalid %(type)s value: %(value)r"),
    N_("expected one argument"), N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"), N_("one of the arguments %s is required"),
)


def language_of(argv: Sequence[str]) -> str:
    """The language a command line asks for: its ``--lang``, else $MOTCUA_LANG, else the locale (trainers).

    Never raises: a bad ``--lang`` is argparse's to report (in the environment's language), a bad
    $MOTCUA_LANG gives English here and is reported by the command that reads it.
    """
    explicit = None
    for i, word in enumerate(argv):
        if word == "--":
            break
        if word == "--lang" and i + 1 < len(argv):
            explicit = argv[i + 1]
        elif word.startswith("--lang="):
            explicit = word.split("=", 1)[1]
    if explicit is not None:
        try:
            return normalise_language(explicit)
        except ValueError:
            pass
    try:
        return choose_language(None, audience="trainers")
    except ValueError:  # a bad $MOTCUA_LANG: the command that reads it says so; until then, the source text
        return SOURCE_LANGUAGE


@contextmanager
def argparse_speaks(language: str) -> Iterator[None]:
    """Inside the block, argparse's own words are looked up in our catalogue for `language`."""
    catalogue = translations(language)
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = catalogue.gettext, catalogue.ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]
