"""The course in a second language: translations kept beside the English specs, checked against them.

An assignment's English text lives in its spec (``exercises/specs/<name>.py``); its Vietnamese text lives in
``exercises/specs/vi/<name>.yaml``, one entry per notebook cell, keyed by the cell id ``make_notebooks`` gives
(``intro``, ``part-1``, ``prompt-3``, ``written-13``, ``rubric-13``, ...)::

    cells:
      prompt-3:
        en: 5d1c0e9a7b        # short hash of the English text this translates
        vi: |
          Công dân mang bản sao đến chứng thực lúc 15 giờ 20 ...

The hash makes a translation go **stale** the moment its English changes (a legal fact corrected, a prompt
reworded): `stale_or_missing` lists it, the tests fail, and the edition refuses to build until a person has
re-read it. Only words change between editions: the frames a notebook shares with its English twin are
rebuilt from the English itself, never typed by a translator, so the two editions keep the same question
numbers, points, grade ids, option letters, item ids, code and keys:

- ``**Question 3** (1 point).`` becomes ``**Câu 3** (1 điểm).``; the translation holds the prompt after it;
- the points sentence of the introduction is ``@@POINTS@@`` in the translation and is filled in with the
  numbers of the English one;
- a model written answer keeps its ``### BEGIN SOLUTION`` / ``### END SOLUTION`` markers; a rubric its
  heading;
- code cells keep their code; only their comments (``# Setup: prepares the answer boxes.``) and the
  placeholder an answer box shows (``ask(..., placeholder='dossier numbers separated by commas, ...')``) are
  translated, looked up by their English text in the assignment's ``comments:`` / ``widgets:`` or in
  ``specs/vi/common.yaml``; the setup cell's ``open_sheet('queues')`` becomes ``open_sheet('queues', lang="vi")``
  (and a ``set_language("en")`` becomes ``set_language("vi")``), so the answer boxes, their messages and the
  kernel speak the edition's language.

``python exercises/translations.py --status`` prints, per assignment, how many texts are translated, stale or
missing; ``--template <assignment>`` prints YAML entries to fill for the stale and missing ones.
"""
from __future__ import annotations

import argparse
import hashlib
import io
import json
import re
import sys
import tokenize
from functools import lru_cache
from pathlib import Path

import yaml

__all__ = ["LANGUAGES", "TEXT_STUBS", "TranslationError", "translate_cells", "edition_json", "stale_or_missing",
           "status", "points_sentence", "source_hash", "translation_path"]

HERE = Path(__file__).resolve().parent
TRANSLATIONS_DIR = HERE / "specs"
LANGUAGES = ("en", "vi")  # English is the source: its edition is the spec itself
POINTS_MARK = "@@POINTS@@"
HASH_LENGTH = 10
# What nbgrader writes where a written answer's model text was (``ClearSolutions.text_stub``): a course
# directory released in Vietnamese sets it from here; English keeps exercises/nbgrader_config.py's.
TEXT_STUBS = {"vi": "Bấm đúp vào đây và gõ câu trả lời của anh/chị."}

# Frames rebuilt from the English, never translated by hand: (English pattern, Vietnamese head).
PROMPT_RE = re.compile(r"\A\*\*Question (?P<n>\d+)\*\* \((?P<points>[\d.]+) points?"
                       r"(?P<manual>, marked by your trainer)?\)\. ")
SOLUTION_RE = re.compile(r"\A(?P<head>### BEGIN SOLUTION\n)(?P<body>.*?)(?P<tail>\n### END SOLUTION)\Z", re.S)
RUBRIC_HEAD = "**How this answer is marked** (rubric)\n\n"
POINTS_RE = re.compile(r"This assignment is worth \*\*(?P<total>[\d.]+) points\*\*: (?P<auto>[\d.]+) checked "
                       r"automatically and (?P<manual>[\d.]+) marked by your trainer\.")
# A setup cell that says which language the kernel speaks (self-checks, hints) says the edition's language.
LANGUAGE_CALL = re.compile(r"""set_language\(["']en["']\)""")
OPEN_SHEET = re.compile(r"""open_sheet\((?P<name>(["'])[^"']+\2)\)""")
# The text an empty answer box shows: a literal in the widget cell's ask(...) call.
PLACEHOLDER = re.compile(r"""placeholder=(?P<q>["'])(?P<text>(?:(?!(?P=q)).)*)(?P=q)""")
HEADS = {
    "vi": {
        "prompt": "**Câu {n}** ({points} điểm). ",
        "prompt_manual": "**Câu {n}** ({points} điểm, giảng viên chấm). ",
        "rubric": "**Cách chấm câu trả lời này** (tiêu chí chấm)\n\n",
        "points": "Bài tập này có tổng cộng **{total} điểm**: {auto} điểm máy tự chấm và {manual} điểm "
                  "giảng viên chấm.",
    },
}


class TranslationError(ValueError):
    """A translation file that cannot be read, or an edition that cannot be built (names file and cells)."""


def source_hash(text: str) -> str:
    """The short hash a translation records of the English it translates (surrounding blank lines ignored)."""
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()[:HASH_LENGTH]


def translation_path(assignment: str, lang: str = "vi") -> Path:
    return TRANSLATIONS_DIR / lang / f"{assignment.replace('-', '_')}.yaml"


def _shown(path: Path) -> str:
    """`path` as a person finds it: from the repository's root when it is inside."""
    try:
        return str(path.relative_to(HERE.parent))
    except ValueError:
        return str(path)


def _check_language(lang: str) -> str:
    if lang not in LANGUAGES:
        raise TranslationError(f"language {lang!r}: must be one of {', '.join(LANGUAGES)}")
    return lang


# --- reading the translation files -------------------------------------------------------------------------

def _read_yaml(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
    except yaml.YAMLError as exc:
        raise TranslationError(f"{path.name}: not valid YAML: {exc}") from None
    data = data or {}
    if not isinstance(data, dict):
        raise TranslationError(f"{path.name}: must be a mapping with 'cells' and 'comments', not {type(data).__name__}")
    unknown = set(data) - {"assignment", "cells", "comments", "widgets"}
    if unknown:
        raise TranslationError(f"{path.name}: unknown key(s) {sorted(unknown)}; allowed: assignment, cells, "
                               "comments, widgets")
    cells = data.get("cells") or {}
    for cell_id, entry in cells.items():
        if not isinstance(entry, dict) or set(entry) != {"en", "vi"}:
            raise TranslationError(f"{path.name}: cells.{cell_id} must have exactly the keys 'en' (hash of the "
                                   f"English) and 'vi' (the translation), not {entry!r:.80}")
        if not isinstance(entry["en"], str):  # YAML reads an unquoted 0123456789 as a number
            raise TranslationError(f"{path.name}: cells.{cell_id}.en = {entry['en']!r}: quote the hash, "
                                   f"en: '{entry['en']}'")
        if not isinstance(entry["vi"], str) or not entry["vi"].strip():
            raise TranslationError(f"{path.name}: cells.{cell_id}.vi is empty")
    texts = {}
    for section in ("comments", "widgets"):
        texts[section] = data.get(section) or {}
        for english, vietnamese in texts[section].items():
            if not isinstance(vietnamese, str) or not vietnamese.strip():
                raise TranslationError(f"{path.name}: {section}[{english!r}] must be a non-empty text")
            if section == "widgets" and ("'" in vietnamese or '"' in vietnamese or "\\" in vietnamese):
                raise TranslationError(f"{path.name}: widgets[{english!r}] = {vietnamese!r}: no quotes or "
                                       "backslashes (it is written into the notebook's code)")
    return {"cells": {str(k): {"en": v["en"], "vi": v["vi"].strip("\n")} for k, v in cells.items()},
            **{section: {str(k): str(v) for k, v in found.items()} for section, found in texts.items()}}


@lru_cache(maxsize=None)
def _load(assignment: str, lang: str) -> dict:
    own = _read_yaml(translation_path(assignment, lang))
    common = _read_yaml(TRANSLATIONS_DIR / lang / "common.yaml")
    return {"cells": own["cells"], "comments": {**common["comments"], **own["comments"]},
            "widgets": {**common["widgets"], **own["widgets"]}}


def reload() -> None:
    """Forget the translation files read so far (after editing one in a running process)."""
    _load.cache_clear()


# --- taking a cell apart: the frame stays, the words are translated ----------------------------------------

def _text(cell: dict) -> str:
    source = cell["source"]
    return "".join(source) if isinstance(source, list) else source


def _number(text: str, lang: str) -> str:
    return text if lang == "en" else f"{float(text):g}".replace(".", ",")


def points_sentence(auto: float, manual: float, lang: str = "vi") -> str:
    """The introduction's points sentence in `lang` (Vietnamese decimal comma); English is make_notebooks' own."""
    if _check_language(lang) == "en":
        return (f"This assignment is worth **{auto + manual:g} points**: {auto:g} checked automatically "
                f"and {manual:g} marked by your trainer.")
    return HEADS[lang]["points"].format(total=_number(f"{auto + manual:g}", lang), auto=_number(f"{auto:g}", lang),
                                        manual=_number(f"{manual:g}", lang))


def _split(text: str) -> tuple[str, str, dict]:
    """(frame kind, translatable body, frame values) of one markdown cell's English text."""
    match = PROMPT_RE.match(text)
    if match:
        kind = "prompt_manual" if match["manual"] else "prompt"
        return kind, text[match.end():], {"n": match["n"], "points": match["points"]}
    match = SOLUTION_RE.match(text)
    if match:
        return "solution", match["body"], {"head": match["head"], "tail": match["tail"]}
    if text.startswith(RUBRIC_HEAD):
        return "rubric", text[len(RUBRIC_HEAD):], {}
    match = POINTS_RE.search(text)
    if match:
        return "plain", text.replace(match[0], POINTS_MARK), {"points": match.groupdict()}
    return "plain", text, {}


def _join(kind: str, body: str, values: dict, lang: str) -> str:
    heads = HEADS[lang]
    if kind in ("prompt", "prompt_manual"):
        return heads[kind].format(n=values["n"], points=_number(values["points"], lang)) + body
    if kind == "solution":
        return values["head"] + body + values["tail"]
    if kind == "rubric":
        return heads["rubric"] + body
    if "points" in values:
        p = values["points"]
        sentence = heads["points"].format(total=_number(p["total"], lang), auto=_number(p["auto"], lang),
                                          manual=_number(p["manual"], lang))
        return body.replace(POINTS_MARK, sentence)
    return body


def _comments(code: str) -> list[tuple[int, int, str]]:
    """(line, column, text) of each comment a person reads in `code`; nbgrader's ### markers are not words."""
    found = []
    try:
        for token in tokenize.generate_tokens(io.StringIO(code).readline):
            if token.type == tokenize.COMMENT and not token.string.startswith("###"):
                found.append((token.start[0], token.start[1], token.string[1:].strip()))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        for number, line in enumerate(code.split("\n"), 1):  # not Python: whole-line comments only
            stripped = line.lstrip()
            if stripped.startswith("#") and not stripped.startswith("###"):
                found.append((number, len(line) - len(stripped), stripped[1:].strip()))
    return [c for c in found if c[2]]


def _placeholders(code: str) -> list[str]:
    """The English an answer box shows when empty, as written in the widget cell's code."""
    return [m["text"] for m in PLACEHOLDER.finditer(code) if m["text"]]


def _translate_code(code: str, comments: dict, lang: str, widgets: dict | None = None) -> tuple[str, list[str]]:
    code = LANGUAGE_CALL.sub(f'set_language("{lang}")', code)
    code = OPEN_SHEET.sub(lambda m: f'open_sheet({m["name"]}, lang="{lang}")', code)
    widgets = widgets or {}
    code = PLACEHOLDER.sub(lambda m: f'placeholder={m["q"]}{widgets.get(m["text"], m["text"])}{m["q"]}', code)
    lines = code.split("\n")
    missing = []
    for number, column, english in _comments(code):
        if english not in comments:
            missing.append(english)
            continue
        line = lines[number - 1]
        lines[number - 1] = line[:column] + "# " + comments[english]
    return "\n".join(lines), missing


# --- what is translated, what is stale, what is missing ----------------------------------------------------

def _texts(cells: list[dict]) -> list[tuple[str, str, str]]:
    """(key, English text, hash) of every translatable text of `cells`: markdown bodies, then code comments."""
    texts, seen = [], set()
    for cell in cells:
        if cell["cell_type"] == "markdown":
            _, body, _ = _split(_text(cell))
            texts.append((cell["id"], body, source_hash(body)))
        elif cell["cell_type"] == "code":
            for _, _, english in _comments(_text(cell)):
                if english not in seen:
                    seen.add(english)
                    texts.append((f"comment: {english}", english, ""))
            for english in _placeholders(_text(cell)):
                if f"placeholder: {english}" not in seen:
                    seen.add(f"placeholder: {english}")
                    texts.append((f"placeholder: {english}", english, ""))
    return texts


def _status_of(cells: list[dict], assignment: str, lang: str) -> dict[str, str]:
    data = _load(assignment, lang)
    result = {}
    for key, _, digest in _texts(cells):
        if key.startswith("comment: "):
            result[key] = "translated" if key[len("comment: "):] in data["comments"] else "missing"
        elif key.startswith("placeholder: "):
            result[key] = "translated" if key[len("placeholder: "):] in data["widgets"] else "missing"
        elif key not in data["cells"]:
            result[key] = "missing"
        else:
            result[key] = "translated" if data["cells"][key]["en"] == digest else "stale"
    for key in data["cells"]:
        result.setdefault(key, "unused")  # a cell the English no longer has
    return result


def _make_notebooks():
    """The builder next door, imported the way the specs import it (they say ``from make_notebooks import``)."""
    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))
    import make_notebooks
    return make_notebooks


def _english_cells(assignment: str) -> list[dict]:
    return json.loads(_make_notebooks().load_spec(assignment).to_json())["cells"]


def status(assignment: str, lang: str = "vi", cells: list[dict] | None = None) -> dict[str, str]:
    """Every text of the assignment -> 'translated', 'stale', 'missing', or 'unused' (translation of no cell)."""
    return _status_of(cells if cells is not None else _english_cells(assignment), assignment, _check_language(lang))


def stale_or_missing(assignment: str, lang: str = "vi", cells: list[dict] | None = None) -> list[str]:
    """Ids of the cells whose translation is stale or missing (``comment: <English>``, ``placeholder: <English>``
    for the texts of code cells)."""
    return [key for key, state in status(assignment, lang, cells).items() if state in ("stale", "missing")]


def translate_cells(cells: list[dict], assignment: str, lang: str, *, strict: bool = True) -> list[dict]:
    """The notebook's cells in `lang`: new cell dicts, same ids, metadata and code; `cells` is not changed.

    `cells` are ``Notebook.cells`` or the cells of ``Notebook.to_json()``. With `strict` (the default) a stale
    or missing translation is a TranslationError naming the file and every such cell; otherwise those cells
    keep their English.
    """
    if _check_language(lang) == "en":
        return [dict(cell) for cell in cells]
    data = _load(assignment, lang)
    if strict:
        problems = [key for key, state in _status_of(cells, assignment, lang).items()
                    if state in ("stale", "missing")]
        if problems:
            raise TranslationError(
                f"{_shown(translation_path(assignment, lang))}: {len(problems)} text(s) stale or "
                f"missing: {', '.join(problems)} (python exercises/translations.py --template {assignment})")
    translated = []
    for cell in cells:
        text = _text(cell)
        if cell["cell_type"] == "markdown":
            kind, body, values = _split(text)
            entry = data["cells"].get(cell["id"])
            if entry and entry["en"] == source_hash(body):
                text = _join(kind, entry["vi"], values, lang)
        elif cell["cell_type"] == "code":
            text, _ = _translate_code(text, data["comments"], lang, data["widgets"])
        translated.append(dict(cell, source=text))
    return translated


def edition_json(english: str, assignment: str, lang: str) -> str:
    """The `lang` edition of a notebook, from the English notebook's JSON text (``Notebook.to_json()``).

    Written like ``to_json`` writes (so a committed edition diffs cleanly); a non-English edition records its
    language in the notebook's metadata (``motcua.language``) for the tools that hand it out.
    """
    notebook = json.loads(english)
    notebook["cells"] = translate_cells(notebook["cells"], assignment, lang)
    if lang != "en":
        notebook["metadata"]["motcua"] = {"language": lang}
    return json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"


# --- command line ------------------------------------------------------------------------------------------

def _assignments() -> tuple[str, ...]:
    return _make_notebooks().ASSIGNMENTS


def print_status(assignments, lang: str) -> int:
    print(f"{'assignment':<18}{'translated':>11}{'stale':>7}{'missing':>9}{'unused':>8}")
    incomplete = 0
    for name in assignments:
        try:
            states = list(status(name, lang).values())
        except (TranslationError, FileNotFoundError) as exc:
            print(f"{name:<18} cannot be read: {exc}")
            incomplete += 1
            continue
        counts = {s: states.count(s) for s in ("translated", "stale", "missing", "unused")}
        incomplete += counts["stale"] + counts["missing"] > 0
        print(f"{name:<18}{counts['translated']:>11}{counts['stale']:>7}{counts['missing']:>9}{counts['unused']:>8}")
    return 1 if incomplete else 0


def _block(text: str, indent: str) -> str:
    return "\n".join(indent + line if line else "" for line in text.split("\n"))


def print_template(assignment: str, lang: str) -> int:
    """YAML entries to paste into the translation file, for each stale or missing text, English shown."""
    cells = _english_cells(assignment)
    states = _status_of(cells, assignment, lang)
    print(f"# {_shown(translation_path(assignment, lang))}: replace each English text")
    print("cells:")
    for key, english, digest in _texts(cells):
        if states[key] in ("stale", "missing") and not key.startswith(("comment: ", "placeholder: ")):
            print(f"  {key}:  # {states[key]}\n    en: '{digest}'\n    vi: |\n{_block(english.strip(), '      ')}")
    print("comments:")
    for key, english, _ in _texts(cells):
        if states[key] == "missing" and key.startswith("comment: "):
            print(f"  {english!r}: ''")
    print("widgets:")
    for key, english, _ in _texts(cells):
        if states[key] == "missing" and key.startswith("placeholder: "):
            print(f"  {english!r}: ''")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--status", nargs="*", metavar="ASSIGNMENT",
                       help="translated / stale / missing texts per assignment (default: all)")
    group.add_argument("--template", metavar="ASSIGNMENT", help="YAML entries to fill for stale and missing texts")
    parser.add_argument("--lang", default="vi", choices=[lang for lang in LANGUAGES if lang != "en"])
    args = parser.parse_args(argv)
    if args.template:
        return print_template(args.template, args.lang)
    return print_status(args.status or _assignments(), args.lang)


if __name__ == "__main__":
    sys.exit(main())
