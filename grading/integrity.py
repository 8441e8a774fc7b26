"""Proof that grading one official changed nothing it must not change.

A submission's kernel may write only inside its own private course copy. The
parent of an autograde run keeps, in its own memory where no kernel can reach,
the bytes of every file the grading reads (`FolderSnapshot`: the course's
source, submissions and config, and the pristine copies workers grade from)
and of the gradebook after its own last write (`GradebookSeal`). After each
official it compares the files on disk with them; whatever differs is put back
and named. Inside bubblewrap nothing can differ (the kernel sees none of these
files); without a sandbox (``--isolation none``) this is what keeps one
submission's writes from reaching the next officials' grades.
"""
from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["FolderSnapshot", "GradebookSeal"]


@dataclass
class FolderSnapshot:
    """The files below ``root`` in ``parts`` (relative files or folders), held in memory."""

    root: Path
    parts: tuple[str, ...]
    files: dict[str, bytes] = field(default_factory=dict)

    @classmethod
    def take(cls, root: Path, parts: tuple[str, ...] | list[str]) -> "FolderSnapshot":
        snap = cls(Path(root), tuple(parts))
        snap.files = snap._read()
        return snap

    def _read(self) -> dict[str, bytes]:
        found = {}
        for part in self.parts:
            path = self.root / part
            candidates = [path] if path.is_file() or path.is_symlink() else \
                sorted(path.rglob("*")) if path.is_dir() else []
            for p in candidates:
                if p.is_symlink():
                    found[str(p.relative_to(self.root))] = b"\0symlink:" + str(p.readlink()).encode()
                elif p.is_file():
                    found[str(p.relative_to(self.root))] = p.read_bytes()
        return found

    def changes(self) -> list[str]:
        """Relative paths added, removed or changed since the snapshot (sorted)."""
        now = self._read()
        return sorted(p for p in set(now) | set(self.files) if now.get(p) != self.files.get(p))

    def restore(self, paths: list[str]) -> None:
        """Put ``paths`` (from `changes`) back as they were: rewrite, or delete what is new."""
        for rel in paths:
            path = self.root / rel
            if path.is_symlink() or path.is_file():
                path.unlink()
            elif path.is_dir():
                import shutil

                shutil.rmtree(path)
            if rel in self.files:
                path.parent.mkdir(parents=True, exist_ok=True)
                data = self.files[rel]
                if data.startswith(b"\0symlink:"):
                    path.symlink_to(data[len(b"\0symlink:"):].decode())
                else:
                    path.write_bytes(data)


class GradebookSeal:
    """A SQLite gradebook as its only writer (the parent) last left it."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.seal()

    def _read(self) -> tuple[bytes, str]:
        """(the file's pages, a digest of its content): the pages carry counters a restore changes."""
        with sqlite3.connect(f"file:{self.path}?mode=ro", uri=True) as con:
            digest = hashlib.sha256()
            for line in con.iterdump():
                digest.update(line.encode())
            return con.serialize(), digest.hexdigest()

    def seal(self) -> None:
        """Remember the gradebook as it is now (call after each write of one's own)."""
        self.image, self.digest = self._read()

    def broken(self) -> bool:
        return self._read()[1] != self.digest

    def restore(self) -> None:
        """Write the sealed image back (no connection may be open on the file)."""
        with sqlite3.connect(":memory:") as mem, sqlite3.connect(self.path) as dest:
            mem.deserialize(self.image)
            mem.backup(dest)
