"""The list of officials who attend a workshop (``officials.csv``).

A roster is a CSV file with a header row. ``name`` is required and may carry
Vietnamese diacritics (``Bùi Thị Luyến``); ``id`` is optional and, when absent,
is derived as an ASCII slug (``bui-thi-luyen``); ``email`` is optional. Every
problem is reported at once, naming the file and the line.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .errors import RosterError

__all__ = ["Official", "load_roster", "slugify"]

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
KNOWN_COLUMNS = ("id", "name", "email")


@dataclass(frozen=True)
class Official:
    """One official on the roster: ``id`` is the nbgrader student id."""

    id: str
    name: str
    email: str | None = None

    @property
    def family_name(self) -> str:
        return self.name.split()[0] if self.name.split() else ""

    @property
    def given_name(self) -> str:
        return " ".join(self.name.split()[1:])


def slugify(name: str) -> str:
    """ASCII id from a Vietnamese name: ``"Bùi Thị Luyến"`` -> ``"bui-thi-luyen"``."""
    text = name.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def load_roster(path: str | Path) -> list[Official]:
    """Read ``path`` and return the officials; raise `RosterError` listing every bad line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise RosterError([f"{path}: file not found"]) from None
    except UnicodeDecodeError as exc:
        raise RosterError([f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})"]) from None
    rows = list(csv.reader(text.splitlines()))
    if not rows:
        raise RosterError([f"{path}: empty file; expected a header row with columns {KNOWN_COLUMNS}"])
    header = [h.strip().lower() for h in rows[0]]
    problems: list[str] = []
    unknown = [h for h in header if h not in KNOWN_COLUMNS]
    if unknown or "name" not in header:
        problems.append(f"{path}:1: header {rows[0]!r}: needs 'name'; allowed columns are "
                        f"{', '.join(KNOWN_COLUMNS)}" + (f" (unknown: {', '.join(unknown)})" if unknown else ""))
        raise RosterError(problems)
    officials: list[Official] = []
    seen: dict[str, int] = {}
    for lineno, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.append(f"{path}:{lineno}: {len(row)} fields {row!r}, expected {len(header)} "
                            f"({', '.join(header)})")
            continue
        record = {h: cell.strip() for h, cell in zip(header, row)}
        name = " ".join(record.get("name", "").split())
        if not name:
            problems.append(f"{path}:{lineno}: name is empty")
            continue
        given = record.get("id", "")
        oid = given or slugify(name)
        if not ID_PATTERN.match(oid):
            what = f"id = {given!r}" if given else f"name = {name!r} gives id {oid!r}"
            problems.append(f"{path}:{lineno}: {what}: an id must be lowercase ASCII letters, "
                            "digits and '-' (1-63 characters, starting with a letter or digit)")
            continue
        if oid in seen:
            problems.append(f"{path}:{lineno}: duplicate id {oid!r} (first on line {seen[oid]}); "
                            "give one of them an explicit id column value")
            continue
        seen[oid] = lineno
        email = record.get("email") or None
        if email is not None and "@" not in email:
            problems.append(f"{path}:{lineno}: email = {email!r}: not an e-mail address")
            continue
        officials.append(Official(oid, name, email))
    if problems:
        raise RosterError(problems)
    if not officials:
        raise RosterError([f"{path}: no officials listed"])
    return officials
