"""Handing an assignment out: nbgrader generate + release, or one zip per official.

In a commune meeting room the exchange folder works on one laptop; for USB
sticks or e-mail, ``offline=True`` also writes ``DIR/offline/<assignment>/<id>.zip``
(and the unpacked ``<id>/<assignment>/`` folder) for every official.
"""
from __future__ import annotations

import shutil
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .errors import WorkshopError

__all__ = ["Release", "release_assignment"]


@dataclass
class Release:
    assignment: str
    release_dir: Path
    exchange: bool
    offline: list[Path] = field(default_factory=list)


def _check(result: dict, what: str) -> None:
    if not result.get("success"):
        log = (result.get("log") or "").strip().splitlines()[-8:]
        raise WorkshopError(f"nbgrader {what} failed:\n" + "\n".join(log + [result.get("error") or ""]).strip())


def release_assignment(course, assignment: str, *, offline: bool = False,
                       due: datetime | None = None, exchange: bool = True) -> Release:
    """Generate ``assignment`` (student version) and release it; see the module doc."""
    from traitlets.config import Config

    course.check_assignment(assignment)
    cfg = Config()
    cfg.ExchangeReleaseAssignment.force = True
    api = course.api(cfg)
    _check(api.generate_assignment(assignment, force=True, create=True), "generate_assignment")
    if due is not None:
        with course.gradebook() as gb:
            gb.update_or_create_assignment(assignment, duedate=due)
    if exchange:
        _check(api.release_assignment(assignment), "release_assignment")
    release_dir = course.root / "release" / assignment
    result = Release(assignment, release_dir, exchange)
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
