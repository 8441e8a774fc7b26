"""Gathering the work back: from the nbgrader exchange, or from returned zip files.

Zip files come back by USB or e-mail named ``<official-id>.zip`` (as handed out
by `release_assignment` with ``offline=True``; ``<id>__anything.zip`` also
works). They go through nbgrader's ``zip_collect`` with a collector that takes
the official's id from the archive name and the submission time from the
archive's modification time, so late submissions are recorded.
"""
from __future__ import annotations

import logging
import os
import re
import shutil
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from nbgrader.plugins import FileNameCollectorPlugin
from traitlets import Unicode

from .distribution import _check
from .errors import WorkshopError, trainer_text as _

__all__ = ["Collection", "collect_assignment", "OfficialZipCollector"]

ARCHIVE_DIR = "archive"
EXTRACTED_DIR = "extracted"


@dataclass
class Collection:
    assignment: str
    collected: list[str]
    unknown: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    late: list[str] = field(default_factory=list)


def _official_from_archive(stem: str) -> str:
    stem = re.sub(r"\s*\(\d+\)$", "", stem)  # "id (1).zip" from a second download
    return stem.split("__", 1)[0]


class OfficialZipCollector(FileNameCollectorPlugin):
    """Collector: ``extracted/<archive stem>/.../<notebook>.ipynb`` -> that official.

    The two folders are given as config (`collect_folders`), so the collector
    needs nothing from nbgrader's app but the file names it is handed.
    """

    extracted = Unicode("", help="folder the archives were extracted to").tag(config=True)
    archives = Unicode("", help="folder holding the archives").tag(config=True)

    def collect(self, submitted_file: str):
        if os.path.splitext(submitted_file)[1] not in self.valid_ext:
            return None
        rel = Path(os.path.relpath(submitted_file, self.extracted))
        if len(rel.parts) < 2:
            return None
        stem = rel.parts[0]
        archive = Path(self.archives) / f"{stem}.zip"
        stamp = os.path.getmtime(archive) if archive.exists() else os.path.getmtime(submitted_file)
        return {"student_id": _official_from_archive(stem), "file_id": rel.name,
                "timestamp": datetime.fromtimestamp(stamp, timezone.utc).isoformat(" ")}


def collect_assignment(course, assignment: str, *, from_zip: list[str | Path] | None = None) -> Collection:
    """Collect ``assignment`` into ``submitted/`` from the exchange or from ``from_zip`` archives."""
    course.check_assignment(assignment)
    roster = {o.id for o in course.officials()}
    if from_zip:
        _collect_zips(course, assignment, [Path(p) for p in from_zip])
    else:
        _check(_quiet(course.api()).collect(assignment, update=True), "collect")
    submitted = course.root / "submitted"
    got = sorted(p.name for p in submitted.iterdir() if (p / assignment).is_dir()) if submitted.is_dir() else []
    unknown = [s for s in got if s not in roster]
    if unknown and from_zip:
        for sid in unknown:  # archives whose name is not an official's id: keep them out of grading
            shutil.rmtree(submitted / sid / assignment)
    return Collection(assignment, [s for s in got if s in roster], unknown,
                      sorted(roster - set(got)))


def collect_folders(course, assignment: str) -> tuple[Path, Path]:
    """Where returned zips are kept and extracted (nbgrader's ``downloaded/<assignment>/...`` layout)."""
    base = course.root / "downloaded" / assignment
    return base / ARCHIVE_DIR, base / EXTRACTED_DIR


_QUIET = logging.getLogger("motcua.collect")
_QUIET.setLevel(logging.ERROR)


def _quiet(api):
    """An nbgrader API whose apps log only errors (their INFO lines name every file)."""
    api.log = _QUIET
    return api


def _collect_zips(course, assignment: str, archives: list[Path]) -> None:
    from nbgrader.apps.zipcollectapp import ZipCollectApp
    from nbgrader.coursedir import CourseDirectory

    bad = [str(p) for p in archives if not p.is_file() or p.suffix.lower() != ".zip"]
    if bad:
        raise WorkshopError(_("--from-zip: not a .zip file: {files}").format(files=", ".join(bad)))
    archive_dir, extracted_dir = collect_folders(course, assignment)
    archive_dir.mkdir(parents=True, exist_ok=True)
    for p in archives:
        shutil.copy2(p, archive_dir / p.name)
    cfg = course.config()
    cfg.CourseDirectory.assignment_id = assignment
    cfg.ZipCollectApp.collector_plugin = OfficialZipCollector
    cfg.ZipCollectApp.archive_directory = ARCHIVE_DIR
    cfg.ZipCollectApp.extracted_directory = EXTRACTED_DIR
    cfg.ZipCollectApp.force = True
    cfg.ZipCollectApp.strict = True
    cfg.OfficialZipCollector.archives = str(archive_dir)
    cfg.OfficialZipCollector.extracted = str(extracted_dir)
    # the notebook and the record of its answers (<notebook>.answers.json), which is what gets judged
    cfg.OfficialZipCollector.valid_ext = [".ipynb", ".json"]
    app = ZipCollectApp(config=cfg)
    app.log = _QUIET  # its log names every file; the CLI prints a summary instead
    app.coursedir = CourseDirectory(config=cfg)
    app.init_plugins()
    app.extract_archive_files()
    app.process_extracted_files()
