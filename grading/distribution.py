"""Handing an assignment out: nbgrader generate + release, or one zip per official.

In a commune meeting room the exchange folder works on one laptop; for USB
sticks or e-mail, ``offline=True`` also writes ``DIR/offline/<assignment>/<id>.zip``
(and the unpacked ``<id>/<assignment>/`` folder) for every official.

Each release freezes the assignment's answer key into the trainer's course
folder (``DIR/.motcua/keys/<assignment>.json``, with the versions of the
calendar data and the simulator that computed it) and records its mode in
``DIR/.motcua/releases.csv`` (`release_modes`):

- ``assessed`` (the default): officials get no key; the answer boxes only say
  "recorded", and answers are judged at autograde;
- ``practice``: the key is handed out with the notebook
  (``<notebook>.practice-key.json``, its hints in the notebooks' language) so
  the boxes say right or wrong at once.
  Practice scores are not evidence of skill.
"""
from __future__ import annotations

import csv
import shutil
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .errors import WorkshopError

__all__ = ["Release", "release_assignment", "release_modes", "MODES", "RELEASES_CSV"]

MODES = ("assessed", "practice")
RELEASES_CSV = "releases.csv"
RELEASE_COLUMNS = ("assignment", "mode", "released", "key_file", "holidays", "motcua")


@dataclass
class Release:
    assignment: str
    release_dir: Path
    exchange: bool
    offline: list[Path] = field(default_factory=list)
    mode: str = "assessed"
    key_file: Path | None = None


def _check(result: dict, what: str) -> None:
    if not result.get("success"):
        log = (result.get("log") or "").strip().splitlines()[-8:]
        raise WorkshopError(f"nbgrader {what} failed:\n" + "\n".join(log + [result.get("error") or ""]).strip())


def _keys_dir(course) -> Path:
    return course.root / ".motcua" / "keys"


def _freeze(course, assignment: str, mode: str) -> Path | None:
    """Freeze the key of a course assignment (None for an assignment that has none, e.g. a trainer's own)."""
    from grading.key import MODULES
    from grading.key.frozen import freeze

    if assignment not in MODULES:
        return None
    return freeze(assignment, _keys_dir(course), course.root / "source" / assignment, mode=mode)


def _hand_out(course, assignment: str, release_dir: Path, key_file: Path | None, mode: str) -> None:
    """Only the notebooks and their data leave: no record of answers; a practice key in practice mode."""
    import json

    from grading.key.frozen import load, practice_copy

    for stray in list(release_dir.glob("*.answers.json")) + list(release_dir.glob("*.practice-key.json")):
        stray.unlink()
    if mode == "practice" and key_file is not None:
        language = course.editions.get(assignment) or course.language  # the released notebooks' language
        copy = json.dumps(practice_copy(load(key_file), language), ensure_ascii=False, indent=1)
        for notebook in release_dir.glob("*.ipynb"):
            (release_dir / f"{notebook.stem}.practice-key.json").write_text(copy, encoding="utf-8")


def _record_release(course, assignment: str, mode: str, key_file: Path | None) -> None:
    from grading.key.frozen import versions

    path = course.root / ".motcua" / RELEASES_CSV
    rows = release_modes(course, rows=True)
    found = versions()
    rows[assignment] = {"assignment": assignment, "mode": mode,
                        "released": datetime.now().isoformat(timespec="seconds"),
                        "key_file": "" if key_file is None else str(key_file.relative_to(course.root)),
                        "holidays": found["holidays"], "motcua": found["motcua"]}
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=RELEASE_COLUMNS)
        writer.writeheader()
        for row in rows.values():
            writer.writerow(row)


def release_modes(course, rows: bool = False) -> dict:
    """assignment -> mode ("assessed" or "practice") of its last release (whole CSV rows if ``rows``)."""
    path = course.root / ".motcua" / RELEASES_CSV
    if not path.is_file():
        return {}
    with open(path, newline="", encoding="utf-8") as fh:
        found = {row["assignment"]: row for row in csv.DictReader(fh)}
    return found if rows else {a: row["mode"] for a, row in found.items()}


def release_assignment(course, assignment: str, *, offline: bool = False,
                       due: datetime | None = None, exchange: bool = True, mode: str = "assessed") -> Release:
    """Generate ``assignment`` (student version), freeze its key and release it; see the module doc."""
    from traitlets.config import Config

    if mode not in MODES:
        raise WorkshopError(f"--mode {mode!r}: allowed: {', '.join(MODES)}")
    course.check_assignment(assignment)
    cfg = Config()
    cfg.ExchangeReleaseAssignment.force = True
    api = course.api(cfg)
    _check(api.generate_assignment(assignment, force=True, create=True), "generate_assignment")
    key_file = _freeze(course, assignment, mode)
    _hand_out(course, assignment, course.root / "release" / assignment, key_file, mode)
    _record_release(course, assignment, mode, key_file)
    if due is not None:
        with course.gradebook() as gb:
            gb.update_or_create_assignment(assignment, duedate=due)
    if exchange:
        _check(api.release_assignment(assignment), "release_assignment")
    release_dir = course.root / "release" / assignment
    result = Release(assignment, release_dir, exchange, mode=mode, key_file=key_file)
    if offline:
        out = course.root / "offline" / assignment
        out.mkdir(parents=True, exist_ok=True)
        for official in course.officials():
            folder = out / official.id / assignment
            if folder.exists():
                shutil.rmtree(folder)
            shutil.copytree(release_dir, folder)
            archive = out / f"{official.id}.zip"
            with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
                for path in sorted(folder.rglob("*")):
                    if path.is_file():
                        zf.write(path, Path(assignment) / path.relative_to(folder))
            result.offline.append(archive)
    return result
