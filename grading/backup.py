"""Copies of the gradebook taken before every autograde and feedback run.

Backups live in ``DIR/.motcua/backups/gradebook-<UTC time>-<reason>.db``; the
newest ``keep`` are kept. Only SQLite gradebooks are copied (a server database
has its own backups); `backup_gradebook` then returns None.
"""
from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from .worker import sqlite_path

__all__ = ["backup_gradebook", "list_backups"]


def list_backups(course) -> list[Path]:
    folder = course.state_dir / "backups"
    return sorted(folder.glob("gradebook-*.db")) if folder.is_dir() else []


def backup_gradebook(course, reason: str, *, keep: int = 20) -> Path | None:
    """Copy the course gradebook aside before ``reason`` (e.g. ``"autograde-procedures"``)."""
    db = sqlite_path(course.db_url)
    if db is None or not Path(db).exists():
        return None
    folder = course.state_dir / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S.%fZ")
    dest = folder / f"gradebook-{stamp}-{reason}.db"
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as src, sqlite3.connect(dest) as out:
        src.backup(out)
    for old in list_backups(course)[:-keep]:
        old.unlink()
    return dest
