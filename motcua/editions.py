"""Language editions of the trainers' and planners' notebooks, from one English source through gettext.

The notebooks in ``notebooks/`` are written once, in English (the message ids, as everywhere in motcua).
Each markdown cell is one message of the ``motcua`` catalogue: ``make translations`` extracts them with
`extract_notebook` (babel.cfg's ``[extractors]``) beside the code's messages, and a translator fills them
in the same ``.po``. `write_editions` then writes ``<name>.vi.ipynb`` next to each source notebook:

- markdown cells translated (a cell without a translation stops the build: a half-English edition is
  worse than none, and the catalogue's completeness test names the cell);
- code cells unchanged except the parameter line ``LANG = os.environ.get("MOTCUA_LANG") or "en"``,
  whose default becomes the edition's language, so tables, charts and reports speak it too, and
  ``MOTCUA_LANG`` still overrides it.

The editions sit beside their source (same folder, same relative paths to ``../workshop`` and ``out/``).
They are committed, and a test regenerates them and compares, so an edited source notebook cannot leave
a stale edition behind. Run ``python -m motcua.editions`` (``make translations`` does).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Iterator

__all__ = ["sources", "EDITIONS", "LANG_LINE", "extract_notebook", "message_id", "edition_of", "edition_path", "write_editions",
           "MissingTranslation"]

ROOT = Path(__file__).resolve().parents[1]
EDITIONS = ("vi",)
LANG_LINE = re.compile(r'^LANG = os\.environ\.get\("MOTCUA_LANG"\) or "(?P<lang>[a-z]{2})"(?P<rest>.*)$', re.M)


class MissingTranslation(LookupError):
    """A markdown cell of a source notebook has no translation in the catalogue."""


def _text(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def message_id(text: str) -> str:
    """A markdown cell's message id: its stripped text with ``%`` doubled. Babel flags any text with a
    ``%`` followed by a letter ("60% resolved") as python-format and then refuses translations whose
    ``%`` sequences differ; doubled, every ``%`` is a literal percent sign for Babel and for translators."""
    return text.strip().replace("%", "%%")


def extract_notebook(fileobj, keywords, comment_tags, options) -> Iterator[tuple[int, str, str, list[str]]]:
    """Babel extractor: every markdown cell of a notebook is one message (its whole text, stripped)."""
    notebook = json.loads(fileobj.read().decode("utf-8"))
    for number, cell in enumerate(notebook.get("cells", []), start=1):
        text = _text(cell).strip()
        if cell.get("cell_type") == "markdown" and text:
            yield number, "_", message_id(text), [f"markdown cell {number}"]


def sources(root: Path = ROOT) -> list[Path]:
    """The notebooks that have editions: those babel.cfg maps to `extract_notebook` (one list for both)."""
    from babel.messages.frontend import parse_mapping_cfg

    with (root / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, _options = parse_mapping_cfg(handle)
    return [root / pattern for pattern, method in method_map if method.endswith(":extract_notebook")]


def edition_path(source: Path, language: str) -> Path:
    return source.with_name(f"{source.stem}.{language}.ipynb")


def edition_of(source: Path, language: str) -> dict:
    """The notebook `source` in `language`: markdown translated, the LANG parameter's default set."""
    from simulation.i18n import translations

    catalogue = translations(language)
    import nbformat

    notebook = nbformat.reads(source.read_text(encoding="utf-8"), as_version=4)
    missing, lang_lines = [], 0
    for number, cell in enumerate(notebook["cells"], start=1):
        text = _text(cell)
        if cell["cell_type"] == "markdown" and text.strip():
            translated = catalogue.gettext(message_id(text))
            if translated == message_id(text):
                missing.append(f"{source.name}, markdown cell {number}: {text.strip()[:60]!r}...")
            cell["source"] = translated.replace("%%", "%")
        elif cell["cell_type"] == "code":
            text, count = LANG_LINE.subn(lambda m: f'LANG = os.environ.get("MOTCUA_LANG") or "{language}"'
                                                   f'{m.group("rest")}', text)
            lang_lines += count
            cell["source"] = text
    if lang_lines != 1:
        missing.append(f"{source.name}: needs exactly one parameter line "
                       f'`LANG = os.environ.get("MOTCUA_LANG") or "en"`, found {lang_lines}')
    if missing:
        raise MissingTranslation("no edition in " + language + ":\n  " + "\n  ".join(missing)
                                 + "\nTranslate these in simulation/locale/" + language
                                 + "/LC_MESSAGES/motcua.po (make translations), then run python -m motcua.editions.")
    notebook.metadata["language_edition"] = {"language": language, "source": source.name}
    return notebook


def _dump(notebook) -> str:
    import nbformat

    return nbformat.writes(notebook) + "\n"


def write_editions(root: Path = ROOT, languages=EDITIONS, check: bool = False) -> list[Path]:
    """Write (or with `check`, compare) every edition; return the paths that were (or would be) changed."""
    changed = []
    for source in sources(root):
        for language in languages:
            target = edition_path(source, language)
            text = _dump(edition_of(source, language))
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                changed.append(target)
                if not check:
                    target.write_text(text, encoding="utf-8")
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m motcua.editions", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report editions that are out of date")
    args = parser.parse_args(argv)
    try:
        changed = write_editions(check=args.check)
    except MissingTranslation as exc:
        print(exc, file=sys.stderr)
        return 1
    for path in changed:
        print(("out of date: " if args.check else "wrote ") + str(path.relative_to(ROOT)))
    return 1 if (args.check and changed) else 0


if __name__ == "__main__":
    raise SystemExit(main())
