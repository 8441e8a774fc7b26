"""The words of the planners' tables in the reader's language: roles, column headers, yes/no, numbers.

The tables the experiments build keep machine names (``hours_per_month``,
``back_office``, ``True``): the CSV files a program or a later sweep reads are
written with them, unchanged in every language. What a person reads (the
terminal, the XLSX workbook, the HTML report) passes through `readable`, which
names the columns and roles in the current language and writes numbers the
reader's way (``1.052,5`` in Vietnamese).
"""
from __future__ import annotations

import pandas as pd

from ..formats import format_number, format_percent
from ..i18n import N_, _

__all__ = ["Said", "ROLE_WORDS", "COLUMN_WORDS", "role_word", "column_word", "index_word", "yes_no", "number", "signed", "readable"]

ROLE_WORDS = {"counter": N_("counter"), "guide": N_("guide"), "flexible": N_("flexible"),
              "back_office": N_("back office"), "total": N_("total")}
# Column names of the planners' tables -> what a reader sees.
COLUMN_WORDS = {
    "role": N_("role"), "officials": N_("officials"), "hours_per_day": N_("hours per open day"),
    "hours_per_month": N_("hours a month"), "cost_per_month_vnd": N_("cost a month (VND)"),
    "vnd_per_hour": N_("VND an hour"), "official": N_("official"), "target": N_("target"), "mean": N_("mean"),
    "low": N_("low"), "high": N_("high"), "met": N_("met"), "confidence_met": N_("confidence it is met"),
    "staffing": N_("staffing"), "total": N_("total"), "meets": N_("meets the targets"),
    "not_simulated": N_("not simulated because"), "kpi": N_("KPI"), "mean_a": N_("mean A"), "mean_b": N_("mean B"),
    "difference": N_("difference B - A"), "half_width": N_("half-width"), "threshold": N_("threshold"),
    "verdict": N_("verdict"), "n": N_("replications"), "scenario": N_("scenario"), "note": N_("note"),
    "cell": N_("cell"), "weekday": N_("weekday"), "hour": N_("hour"), "served_per_rep": N_("served a replication"),
    "judged": N_("judged"), "counter": N_("counter"), "guide": N_("guide"), "flexible": N_("flexible"),
    "back_office": N_("back office"), "label": N_("measure"), "value": N_("value"),
    "utilisation": N_("utilisation"), "overtime_min": N_("overtime (minutes a day)"),
    "officials_on_duty": N_("officials on duty"),
}
# TRANSLATORS: a column of a table comparing today's roster with the plan: {column} today / planned / change.
_SUFFIXES = {"_change": N_("{column}, change"), " (today)": N_("{column}, today"),
             " (planned)": N_("{column}, planned"), " (change)": N_("{column}, change")}


class Said(str):
    """A sentence in the language current when it was made, that can say itself again in another.

    A plan's notes are written while the trainer's terminal language is current; the meeting pack, in the
    commune's language, says them again with `again()`. Elsewhere a `Said` is an ordinary string.
    """

    def __new__(cls, message: str, **values):
        said = super().__new__(cls, _(message).format(**values))
        said.message, said.values = message, values
        return said

    def __reduce__(self):
        return _said_again, (self.message, self.values)

    def again(self) -> str:
        return _(self.message).format(**self.values)


def _said_again(message: str, values: dict) -> "Said":
    return Said(message, **values)


def again(text: str) -> str:
    """`text` in the current language when it is a `Said`, else as it is."""
    return text.again() if isinstance(text, Said) else text


def role_word(role: str) -> str:
    """'back_office' -> 'back office' / 'bộ phận chuyên môn'; an unknown role as it is."""
    return _(ROLE_WORDS[role]) if role in ROLE_WORDS else str(role)


def column_word(name: str) -> str:
    for suffix, pattern in _SUFFIXES.items():
        if isinstance(name, str) and name.endswith(suffix):
            return _(pattern).format(column=column_word(name[: -len(suffix)]))
    if isinstance(name, str) and name.endswith(("_low", "_high")):
        base, _sep, side = name.rpartition("_")
        return f"{base} ({_(COLUMN_WORDS[side])})"
    return _(COLUMN_WORDS[name]) if name in COLUMN_WORDS else str(name)


def index_word(value: object) -> object:
    """A row label: a role, a weekday code ('mon' -> 'Thứ Hai'), a column word, else as it is."""
    from ..formats import weekday_name
    from ..scenario.vocabulary import WEEKDAYS

    if not isinstance(value, str):
        return value
    if value in WEEKDAYS:
        return weekday_name(WEEKDAYS.index(value))
    return role_word(value) if value in ROLE_WORDS else column_word(value)


def yes_no(value: object) -> str:
    return _("yes") if bool(value) else _("no")


def number(value: float, digits: int = 1) -> str:
    """A number for a reader: 'n/a' for NaN, else with `digits` decimals and the reader's separators."""
    if value is None or value != value:
        return _("n/a")
    return format_number(value, digits)


def signed(value: float, digits: int = 1) -> str:
    """+1,5 / -2,0 / +0,0: a change, always with its sign."""
    if value is None or value != value:
        return _("n/a")
    text = format_number(value, digits)
    return text if text.startswith(("-", "−")) else "+" + text


def _cell(value: object, column: str) -> object:
    if isinstance(value, bool):
        return yes_no(value)
    if column in ("role", "scenario") and isinstance(value, str):
        return role_word(value)
    if column == "confidence_met" and isinstance(value, float):
        return _("n/a") if value != value else format_percent(value)
    if isinstance(value, float):
        return number(value, 2 if abs(value) < 100 else 0)
    return value


def readable(frame: pd.DataFrame, *, index: bool = False) -> pd.DataFrame:
    """`frame` for a person: columns and roles named in the current language, numbers written their way."""
    out = frame.copy()
    for column in out.columns:
        out[column] = [_cell(v, column) for v in out[column]]
    out.columns = [column_word(c) for c in out.columns]
    if index:
        out.index = [index_word(i) for i in out.index]
        if frame.index.name:
            out.index.name = column_word(frame.index.name)
    return out
