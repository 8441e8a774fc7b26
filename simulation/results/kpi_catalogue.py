"""Every KPI a run reports, written once: its name, English and Vietnamese labels, unit, better direction, format.

The command line, the dashboard, the planner's targets, sweep plots, the case
study and the reports all read their KPI words from here, so a label changes
in one place and a second language is one more column. Vietnamese labels use
the terms of the centres' own reports (hồ sơ tồn, giải quyết trước hạn /
đúng hạn / quá hạn, mức độ bận).

Per-period keys such as ``wait_p90@hour=8`` (waits of citizens arriving in
that clock hour, see `simulation.results.periods`) resolve to their base KPI:
same unit, direction and format, with the period added to the label.

    >>> label("wait_p90", "en")
    'Wait, 90th percentile'
    >>> label("wait_p90", "en", unit=True)
    'Wait, 90th percentile (min)'
    >>> label("wait_mean")                      # the current language: Vietnamese by default
    'Thời gian chờ trung bình'
    >>> format_value("online_on_time", 0.9512, lang="vi")
    '95,1%'

Each label is kept in both languages side by side (one row per KPI), so a reader of this file sees the
two together; which one is shown follows `simulation.i18n`: ``lang=None`` means the current language
(`current_language()`: Vietnamese unless a CLI's ``--lang``, ``$MOTCUA_LANG`` or ``use_language`` says
otherwise). The few words around a label (the period of a per-period key) come from the gettext
catalogue like every other string.

This module imports nothing but `simulation.i18n`, `simulation.formats` and the shared words of
`simulation.scenario.vocabulary`, so the command line can label a table without loading pandas.
"""
from __future__ import annotations

import difflib
import math
from dataclasses import dataclass
from typing import Literal

from ..formats import weekday_name
from ..i18n import N_, _, current_language, use_language
from ..scenario.vocabulary import WEEKDAYS

__all__ = ["Kpi", "KPIS", "HEADLINE_KPIS", "LANGUAGES", "kpi", "base_name", "label", "format_value", "period_key",
           "split_key", "PERIOD_KINDS", "language", "lower_is_better", "higher_is_better", "staffable"]

Lang = Literal["en", "vi"]
LANGUAGES: tuple[str, ...] = ("en", "vi")

Unit = Literal["min", "share", "citizens", "dossiers", "complaints"]
Better = Literal["lower", "higher", "none"]


@dataclass(frozen=True)
class Kpi:
    """One KPI. `staffable`: more staff can only improve it, so the planner may be given a target on it."""

    name: str
    en: str
    vi: str
    unit: Unit
    better: Better
    fmt: str
    staffable: bool = False


# The unit in brackets after a label where the formatted value does not show it: shares print as %, counts
# need none.
UNIT_LABELS: dict[str, dict[str, str]] = {"min": {"en": "min", "vi": "phút"}}

_KPIS: tuple[Kpi, ...] = (
    # citizens at the ticket line
    Kpi("walk_in_arrived", "Walk-in citizens", "Công dân đến trực tiếp", "citizens", "none", "{:.0f}"),
    Kpi("served", "Citizens served", "Công dân được phục vụ", "citizens", "higher", "{:.0f}"),
    Kpi("balked", "Left on seeing the line (balked)", "Bỏ về ngay khi thấy hàng dài", "citizens", "lower", "{:.0f}"),
    Kpi("reneged", "Gave up waiting (reneged)", "Bỏ về trước khi được gọi", "citizens", "lower", "{:.0f}"),
    Kpi("unserved", "Sent home at closing", "Chưa được phục vụ khi hết giờ làm việc", "citizens", "lower", "{:.0f}",
        staffable=True),
    Kpi("still_waiting", "Still waiting when the run ended", "Còn đang chờ khi kết thúc mô phỏng", "citizens",
        "lower", "{:.0f}", staffable=True),
    Kpi("balk_rate", "Share who left on seeing the line", "Tỷ lệ bỏ về ngay khi thấy hàng dài", "share", "lower",
        "{:.1%}", staffable=True),
    Kpi("renege_rate", "Share who gave up waiting", "Tỷ lệ bỏ về trước khi được gọi", "share", "lower", "{:.1%}",
        staffable=True),
    Kpi("wait_mean", "Wait, mean", "Thời gian chờ trung bình", "min", "lower", "{:.1f}", staffable=True),
    Kpi("wait_p90", "Wait, 90th percentile", "Thời gian chờ mà 90% công dân không vượt quá", "min", "lower",
        "{:.1f}", staffable=True),
    Kpi("wait_max", "Wait, longest", "Thời gian chờ lâu nhất", "min", "lower", "{:.1f}", staffable=True),
    Kpi("share_wait_over_target", "Share waiting over target", "Tỷ lệ công dân chờ quá thời gian mục tiêu", "share",
        "lower", "{:.1%}", staffable=True),
    Kpi("service_mean", "Service time, mean", "Thời gian phục vụ trung bình", "min", "none", "{:.1f}"),
    Kpi("queue_mean", "Citizens in line, time average", "Số công dân đang chờ, trung bình theo thời gian", "citizens",
        "lower", "{:.2f}", staffable=True),
    Kpi("returns", "Return visits to complete a dossier", "Lượt quay lại bổ sung hồ sơ", "citizens", "lower",
        "{:.0f}"),
    # dossiers
    Kpi("dossiers_received", "Dossiers received", "Hồ sơ tiếp nhận", "dossiers", "none", "{:.0f}"),
    Kpi("online_received", "Received online (portal + guided)", "Hồ sơ trực tuyến (qua Cổng và có hướng dẫn)",
        "dossiers", "none", "{:.0f}"),
    Kpi("in_person_received", "Received in person (paper)", "Hồ sơ nộp trực tiếp (bản giấy)", "dossiers", "none",
        "{:.0f}"),
    Kpi("online_resolved", "Online dossiers resolved", "Hồ sơ trực tuyến đã giải quyết", "dossiers", "none",
        "{:.0f}"),
    Kpi("online_early", "Online resolved early", "Hồ sơ trực tuyến giải quyết trước hạn", "share", "higher",
        "{:.1%}", staffable=True),
    Kpi("online_on_time", "Online due in the period, on time (open past-due = late)",
        "Hồ sơ trực tuyến đến hạn trong kỳ được giải quyết đúng hạn (hồ sơ quá hạn chưa xong tính là trễ)",
        "share", "higher", "{:.1%}", staffable=True),
    Kpi("online_on_time_resolved", "Online resolved on time (incl. early), among those resolved",
        "Hồ sơ trực tuyến đã giải quyết đúng hạn (kể cả trước hạn), trên số đã giải quyết", "share", "higher",
        "{:.1%}", staffable=True),
    Kpi("online_due", "Online dossiers due in the period", "Hồ sơ trực tuyến đến hạn trong kỳ", "dossiers", "none",
        "{:.0f}"),
    Kpi("open_past_due", "Open dossiers past their due date", "Hồ sơ chưa giải quyết đã quá hạn", "dossiers",
        "lower", "{:.0f}", staffable=True),
    Kpi("backlog_growth_week", "Backlog growth a week", "Hồ sơ tồn tăng mỗi tuần", "dossiers", "lower", "{:+.1f}",
        staffable=True),
    Kpi("online_late", "Online resolved late", "Hồ sơ trực tuyến giải quyết quá hạn", "share", "lower", "{:.1%}",
        staffable=True),
    Kpi("backlog_end", "Backlog at the end", "Hồ sơ tồn, chưa giải quyết cuối kỳ", "dossiers", "lower", "{:.0f}",
        staffable=True),
    Kpi("dossiers_late", "Dossiers resolved late", "Hồ sơ giải quyết quá hạn", "dossiers", "lower", "{:.0f}",
        staffable=True),
    # officials: busy share of their time on duty (reported, not a target: busier is not better or worse)
    Kpi("utilisation_counter", "Utilisation, counter", "Mức độ bận, quầy tiếp nhận", "share", "none", "{:.1%}"),
    Kpi("utilisation_guide", "Utilisation, guidance desk", "Mức độ bận, bàn hướng dẫn", "share", "none", "{:.1%}"),
    Kpi("utilisation_flexible", "Utilisation, flexible", "Mức độ bận, công chức linh hoạt", "share", "none",
        "{:.1%}"),
    Kpi("utilisation_back_office", "Utilisation, back office", "Mức độ bận, bộ phận chuyên môn", "share", "none",
        "{:.1%}"),
    # satisfaction
    Kpi("complaints", "Complaints", "Phản ánh, kiến nghị của người dân", "complaints", "lower", "{:.0f}",
        staffable=True),
)

KPIS: dict[str, Kpi] = {k.name: k for k in _KPIS}

# What a planner reads first about a staffing option: the command line's tables and the sweep plots show these.
HEADLINE_KPIS: tuple[str, ...] = ("wait_mean", "wait_p90", "share_wait_over_target", "online_on_time", "backlog_end",
                                  "utilisation_counter", "utilisation_back_office", "complaints")

# Per-period keys: ``wait_p90@hour=8``, ``wait_mean@weekday=mon``.
PERIOD_KINDS: tuple[str, ...] = ("hour", "weekday")
# TRANSLATORS: added after a KPI's label, "Wait, mean, arriving 08:00-09:00": citizens who arrived in that hour.
_PERIOD_HOUR = N_("{label}, arriving {start}-{end}")
# TRANSLATORS: added after a KPI's label, "Wait, mean, arriving on Monday"; {day} is a weekday's name.
_PERIOD_WEEKDAY = N_("{label}, arriving on {day}")


def period_key(name: str, kind: str, period) -> str:
    """('wait_p90', 'hour', 8) -> 'wait_p90@hour=8'."""
    return f"{name}@{kind}={period}"


def split_key(key: str) -> tuple[str, str, str] | None:
    """'wait_p90@hour=8' -> ('wait_p90', 'hour', '8'); None for a plain KPI."""
    if "@" not in key:
        return None
    name, rest = key.split("@", 1)
    kind, period = rest.split("=", 1)
    return name, kind, period


def base_name(key: str) -> str:
    """'wait_p90@hour=8' -> 'wait_p90'; a plain name is its own base."""
    return key.split("@", 1)[0]


def kpi(key: str) -> Kpi:
    """The catalogue entry of a KPI or of a per-period key; KeyError naming the allowed KPIs otherwise."""
    entry = KPIS.get(base_name(key))
    if entry is None:
        close = difflib.get_close_matches(base_name(key), KPIS, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise KeyError(f"{key!r} is not a KPI{hint}; KPIs: {', '.join(KPIS)}")
    return entry


def language(lang: str | None = None) -> str:
    """`lang`, or the current language (`simulation.i18n.current_language`) when None; ValueError naming the
    languages for any other."""
    lang = lang or current_language()
    if lang not in LANGUAGES:
        raise ValueError(f"lang = {lang!r}: must be one of {', '.join(LANGUAGES)}")
    return lang


def _with_period(text: str, kind: str, period: str, lang: str) -> str:
    with use_language(lang):
        if kind == "hour" and period.isdigit():
            hour = int(period)
            return _(_PERIOD_HOUR).format(label=text, start=f"{hour:02d}:00", end=f"{hour + 1:02d}:00")
        if kind == "weekday" and period in WEEKDAYS:
            return _(_PERIOD_WEEKDAY).format(label=text, day=weekday_name(WEEKDAYS.index(period), lang))
    return f"{text}, {kind}={period}"


def label(key: str, lang: str | None = None, *, unit: bool = False) -> str:
    """The label people read for a KPI (``lang`` "en" or "vi"); with `unit`, minutes get "(min)" / "(phút)"."""
    lang = language(lang)
    entry = kpi(key)
    text = getattr(entry, lang)
    parts = split_key(key)
    if parts is not None:
        text = _with_period(text, parts[1], parts[2], lang)
    if unit and entry.unit in UNIT_LABELS:
        text = f"{text} ({UNIT_LABELS[entry.unit][lang]})"
    return text


def format_value(key: str, value: float | None, lang: str | None = None, *, unit: bool = False) -> str:
    """A KPI value in its display format ("–" when missing or not applicable); Vietnamese uses a decimal comma.

    With `unit`, minutes are followed by "min" / "phút" (shares already show %).
    """
    lang = language(lang)
    entry = kpi(key)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = entry.fmt.format(value)
    if lang == "vi":
        text = text.translate(str.maketrans({",": ".", ".": ","}))
    if unit and entry.unit in UNIT_LABELS:
        text = f"{text} {UNIT_LABELS[entry.unit][lang]}"
    return text


def lower_is_better(key: str) -> bool:
    return kpi(key).better == "lower"


def higher_is_better(key: str) -> bool:
    return kpi(key).better == "higher"


def staffable(direction: Better) -> tuple[str, ...]:
    """The KPIs a planner may set a target on whose better direction is `direction`, in catalogue order."""
    return tuple(k.name for k in _KPIS if k.staffable and k.better == direction)
