"""Freezing an assignment's key at release, and reading it back when grading.

``freeze`` computes every expected value of an assignment (running the
simulator or the working calendar where the key is computed), turns it into
plain JSON (dates as ISO text, numbers as floats or ints), maps each nbgrader
grade cell of the trusted source notebook to its item, and writes it with the
versions of the calendar data (``holidays``) and of the simulator that
produced it. A released assignment is then graded with that file only:
upgrading a package or editing the calendar never moves a released key.
"""
from __future__ import annotations

import datetime as dt
import json
import os
from importlib import metadata
from pathlib import Path

from grading.course.answers import hint_text
from grading.key import Key, keys_of
from simulation.i18n import SOURCE_LANGUAGE

__all__ = ["key_paths", "compute", "freeze", "load", "plain", "versions", "key_file", "cell_items", "practice_copy",
           "FORMAT"]

# 2: each hint in every course language ({"en": ..., "vi": ...}); 1 kept the English hint only (still read:
# `grading.course.answers.hint_text` looks it up in the catalogue)
FORMAT = 2


def _project_roots() -> list[Path]:
    """This checkout, and the one the installed ``motcua`` points to (an editable install, PEP 610)."""
    roots = [Path(__file__).resolve().parents[2]]
    try:
        text = metadata.distribution("motcua").read_text("direct_url.json") or "{}"
        url = json.loads(text).get("url", "")
    except (metadata.PackageNotFoundError, ValueError):
        url = ""
    if url.startswith("file://"):
        roots.append(Path(url[len("file://"):]).resolve())
    return list(dict.fromkeys(roots))


def _git_dir(root: Path) -> Path | None:
    """The git folder holding a checkout's history (a worktree's ``.git`` file points into the main one)."""
    dot = root / ".git"
    if dot.is_dir():
        return dot
    if dot.is_file():
        text = dot.read_text(encoding="utf-8", errors="replace").strip()
        if text.startswith("gitdir:"):
            worktree = Path(text[len("gitdir:"):].strip())
            return worktree.parent.parent if worktree.parent.name == "worktrees" else worktree
    return None


def key_paths() -> tuple[Path, ...]:
    """Every folder of this installation that carries a key: what a grading (or an official's) kernel must
    never see. That is the key package and the git history of each checkout (it holds the key too).
    Frozen keys live in each trainer's course folder, which is hidden whole."""
    paths = []
    for root in _project_roots():
        paths.append(root / "grading" / "key")
        git = _git_dir(root)
        if git is not None:
            paths.append(git)
    return tuple(p for p in dict.fromkeys(paths) if p.exists())


def plain(value):
    """A computed expected value as plain JSON data."""
    if hasattr(value, "item") and not isinstance(value, (list, tuple, str, dict)):
        value = value.item()  # numpy numbers
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, (int, float, str)):
        return value
    if hasattr(value, "tolist"):
        return value.tolist()
    raise TypeError(f"cannot freeze a {type(value).__name__} as an expected value")


def entry(key: Key) -> dict:
    """One key as the plain dict `grading.course.answers.matches` compares with."""
    out = {"kind": key.kind, "expected": plain(key.value()), "hint": key.hints(), "element": key.element}
    accepted = key.accepted()
    if accepted:
        out["accept"] = [plain(a) for a in accepted]
    if key.reasons():
        out["reasons"] = key.reasons()
    if key.tol:
        out["tol"] = key.tol
    if key.rel:
        out["rel"] = key.rel
    return out


def versions() -> dict:
    """The versions of what computed the key: the calendar data and the simulator."""
    found = {}
    for package in ("holidays", "motcua", "simpy", "numpy"):
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            found[package] = "not installed"
    return found


def cell_items(notebook: dict) -> dict:
    """grade_id -> item id, read from the motcua metadata of a (trusted) source notebook's grade cells."""
    cells = {}
    for cell in notebook.get("cells", []):
        meta = cell.get("metadata", {})
        item = meta.get("motcua", {}).get("item")
        grade_id = meta.get("nbgrader", {}).get("grade_id")
        if item and grade_id and meta.get("nbgrader", {}).get("grade"):
            cells[grade_id] = item
    return cells


def compute(assignment: str, source_notebooks: dict | None = None) -> dict:
    """The whole key of an assignment as plain data (``source_notebooks``: name -> parsed notebook)."""
    keys = keys_of(assignment)
    notebooks = {}
    for name, nb in (source_notebooks or {}).items():
        cells = cell_items(nb)
        unknown = sorted(set(cells.values()) - set(keys))
        if unknown:
            raise KeyError(f"{assignment}/{name}.ipynb: items without a key: {', '.join(unknown)}")
        notebooks[name] = cells
    return {"format": FORMAT, "assignment": assignment,
            "frozen": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "versions": versions(), "items": {item_id: entry(k) for item_id, k in keys.items()},
            "notebooks": notebooks}


def key_file(folder: Path | str, assignment: str) -> Path:
    return Path(folder) / f"{assignment}.json"


def freeze(assignment: str, folder: Path | str, source_dir: Path | str, *, mode: str = "assessed") -> Path:
    """Compute the key of ``assignment`` from its source folder and write it into ``folder``."""
    source_dir = Path(source_dir)
    notebooks = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(source_dir.glob("*.ipynb"))}
    data = compute(assignment, notebooks)
    data["mode"] = mode
    path = key_file(folder, assignment)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)
    return path


def load(path: Path | str) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def practice_copy(data: dict, language: str = SOURCE_LANGUAGE) -> dict:
    """What a practice release hands out: the expected values and each hint in ``language`` (the language of
    the released notebooks), nothing about the course and nothing trainer-facing (why a form is accepted)."""
    items = {item_id: {**{k: v for k, v in entry.items() if k != "reasons"},
                       "hint": hint_text(entry.get("hint", ""), language)}
             for item_id, entry in data["items"].items()}
    return {"format": FORMAT, "mode": "practice", "assignment": data["assignment"], "language": language,
            "items": items}
