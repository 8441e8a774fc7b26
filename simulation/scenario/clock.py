"""Clock times as people write them in scenario and catalogue files: ``"07:30"``.

One reader for all of them, so a time means the same thing in an opening
session, a shift and a procedure's same-day cutoff.
"""
from __future__ import annotations

import re
from typing import Any

from ..i18n import _

__all__ = ["parse_hhmm", "format_hhmm"]

_HHMM = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*$")


def parse_hhmm(value: Any, *, latest: int = 24 * 60) -> int:
    """``"07:30"`` -> 450 minutes after midnight; `latest` is the last minute allowed (24:00 by default).

    Raises ValueError with what is allowed; the schema adds the file and key path.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        # YAML 1.1 reads an unquoted 11:30 as the base-60 number 690 (and 17 is just 17): refuse to guess
        if value >= 60:
            raise ValueError(_('a time must be written HH:MM in quotes, e.g. "11:30"; YAML reads an unquoted '
                               '{time} as the number {value}').format(time=f"{value // 60}:{value % 60:02d}",
                                                                      value=value))
        raise ValueError(_('a time must be written HH:MM in quotes, e.g. "11:30"'))
    match = _HHMM.match(value) if isinstance(value, str) else None
    minutes = int(match[1]) * 60 + int(match[2]) if match else -1
    if not match or int(match[2]) > 59 or not 0 <= minutes <= latest:
        raise ValueError(_("time must be written HH:MM between 00:00 and {latest}, in quotes").format(
            latest=format_hhmm(latest)))
    return minutes


def format_hhmm(minutes: int) -> str:
    """450 -> ``"07:30"``."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
