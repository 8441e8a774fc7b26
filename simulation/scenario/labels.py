"""What each scenario field is called on a screen, in the reader's language.

The schema (`model.py`) names fields the way a YAML file writes them
(``demand.walk_in.incomplete_share``); a planner or a commune leader reads a
label ("Share of paper dossiers that are incomplete", "Tỷ lệ hồ sơ giấy chưa
đầy đủ"). The English labels live here, marked with ``N_``; the Vietnamese ones
live in the message catalogue (``simulation/locale/vi/LC_MESSAGES/motcua.po``).
A test fails when a schema field has no label, so a new field cannot reach the
dashboard unnamed.

    field_label("staff.counter")                        # 'Công chức tiếp nhận tại quầy'
    field_label("staff.counter[0].proficiency", "en")   # 'Proficiency (1 = typical speed)'
    choice_label("account_help")                        # 'Hỗ trợ tài khoản (VNeID, mật khẩu)'
"""
from __future__ import annotations

import re
from contextlib import nullcontext

from ..i18n import N_, _, normalise_language, use_language

__all__ = ["FIELD_LABELS", "ITEM_LABELS", "CHOICE_LABELS", "field_label", "choice_label"]

_SERVICE_KINDS = {
    "assisted_online": N_("Assisted online submission"),
    "pickup": N_("Returning results"),
    "account_help": N_("Account help (VNeID)"),
}
_DISTRIBUTION_PARTS = {
    # TRANSLATORS: {kind} is one of the three kinds of service just above (e.g. "Account help (VNeID)").
    "dist": N_("{kind}: distribution of times"),
    "mean": N_("{kind}: mean time (min)"),
    "cv": N_("{kind}: variability (coefficient of variation)"),
}

# Every settable path of the schema (`paths.field_paths(Scenario)`), in the schema's order.
FIELD_LABELS: dict[str, str] = {
    "schema_version": N_("Scenario file format version"),
    "name": N_("Scenario name"),
    "description": N_("Description"),
    "name_vi": N_("Scenario name in Vietnamese"),
    "description_vi": N_("Description in Vietnamese"),
    "start_date": N_("First day simulated"),
    "days": N_("Days simulated"),
    "warmup_days": N_("Warm-up days (not counted in the results)"),
    "calendar.country": N_("Country of the holiday calendar"),
    "calendar.observe_holidays": N_("Closed on public holidays"),
    "calendar.working_weekdays": N_("Working days of the week"),
    "calendar.make_up_days": N_("Make-up working days"),
    "calendar.extra_days_off": N_("Extra days off"),
    "hours.always_open": N_("Open around the clock"),
    "hours.sessions": N_("Opening sessions (Monday to Friday)"),
    "hours.saturday": N_("Saturday sessions"),
    "hours.overtime_min": N_("Overtime after closing to serve tickets already issued (min)"),
    "demand.walk_in_scale": N_("Walk-in volume ×"),
    "demand.online_scale": N_("Online volume ×"),
    "demand.walk_in.rate_per_hour": N_("Walk-in citizens per hour"),
    "demand.walk_in.hourly_profile": N_("Walk-ins by hour of the day (relative)"),
    "demand.walk_in.weekday_profile": N_("Walk-ins by day of the week (relative)"),
    "demand.walk_in.mix": N_("Kinds of visit (shares)"),
    "demand.walk_in.procedure_mix": N_("Walk-ins by procedure (shares)"),
    "demand.walk_in.priority_share": N_("Share with legal priority (elderly, disabled, pregnant)"),
    "demand.walk_in.balk_at": N_("Citizens leave on seeing this many people waiting"),
    "demand.walk_in.patience": N_("How long citizens are willing to wait (min)"),
    "demand.walk_in.incomplete_share": N_("Share of paper dossiers that are incomplete"),
    "demand.walk_in.return_within_days": N_("Incomplete dossiers come back within (working days)"),
    "demand.online.per_day": N_("Online dossiers per day"),
    "demand.online.hourly_profile": N_("Online dossiers by hour of the day (relative)"),
    "demand.online.weekday_profile": N_("Online dossiers by day of the week (relative)"),
    "demand.online.procedure_mix": N_("Online dossiers by procedure (shares)"),
    "demand.outages": N_("Portal outages"),
    "service.paper": N_("Time to receive a paper dossier (min; default from the procedure catalogue)"),
    "service.paper_cv": N_("Variability of paper-dossier times (coefficient of variation)"),
    **{f"service.{kind}.{part}": template for kind in _SERVICE_KINDS for part, template in _DISTRIBUTION_PARTS.items()},
    "service.back_office_cv": N_("Variability of back-office work times (coefficient of variation)"),
    "service.rework_share": N_("Share of dossiers that need rework"),
    "staff.counter": N_("Counter officials"),
    "staff.back_office": N_("Back-office officials"),
    "staff.guide": N_("Guides (help desk)"),
    "staff.flexible": N_("Flexible officials (counter and back office)"),
    "staff.proficiency": N_("Proficiency of officials given as a head count (1 = typical speed)"),
    "staff.counter_by_hour": N_("Counters open by hour"),
    "staff.counter_by_weekday": N_("Counters open by day of the week"),
    "policy.priority": N_("Serve citizens with legal priority first"),
    "policy.flexible_threshold": N_("Flexible officials come to the counter when this many citizens wait"),
    "equipment.scanners": N_("Shared scanners (empty: no shortage)"),
    "equipment.scan_min": N_("Scanning time per dossier (min)"),
    "equipment.scanner_outages": N_("Broken scanners"),
    "satisfaction.wait_target_min": N_("Waiting-time target (min)"),
    "satisfaction.base": N_("Chance of a complaint, baseline"),
    "satisfaction.per_min_over_target": N_("Added chance of a complaint per minute waited over the target"),
    "satisfaction.late_dossier": N_("Chance of a complaint about a late dossier"),
}

# Fields inside list entries and nested mappings, by the kind of entry (`staff.counter[0].name` -> official).
ITEM_LABELS: dict[str, dict[str, str]] = {
    "official": {
        "name": N_("Full name"),
        "skills": N_("Procedure fields handled"),
        "proficiency": N_("Proficiency (1 = typical speed)"),
        "shift.days": N_("Days on duty"),
        "shift.start": N_("Shift starts at"),
        "shift.end": N_("Shift ends at"),
        "absent": N_("Days absent"),
    },
    "outage": {
        "start": N_("Outage starts"),
        "end": N_("Outage ends"),
        "procedures": N_("Procedures affected (a list of procedure ids, or all)"),
    },
    "scanner_outage": {
        "start": N_("Breakdown starts"),
        "end": N_("Repaired at"),
        "scanners": N_("Scanners broken (empty: all)"),
    },
    "session": {"start": N_("Opens at"), "end": N_("Closes at")},
    "distribution": {
        "dist": N_("Distribution of times"),
        "mean": N_("Mean time (min)"),
        "cv": N_("Variability (coefficient of variation)"),
    },
}
_ITEM_OF = (
    (re.compile(r"^staff\.(counter|back_office|guide|flexible)\.\d+\.(?P<rest>.+)$"), "official"),
    (re.compile(r"^demand\.outages\.\d+\.(?P<rest>.+)$"), "outage"),
    (re.compile(r"^equipment\.scanner_outages\.\d+\.(?P<rest>.+)$"), "scanner_outage"),
    (re.compile(r"^hours\.(sessions|saturday)\.\d+\.(?P<rest>.+)$"), "session"),
    (re.compile(r"^(service\.paper|demand\.walk_in\.patience)\.(?P<rest>dist|mean|cv)$"), "distribution"),
)

# Values a field chooses from: visitor kinds, procedure fields, distribution families.
CHOICE_LABELS: dict[str, str] = {
    "paper": N_("Paper dossier at a counter"),
    "assisted_online": N_("Online submission with a guide's help"),
    "pickup": N_("Result pick-up"),
    "account_help": N_("Account help (VNeID, password)"),
    "civil_status": N_("Civil status"),
    "certification": N_("Certification"),
    "land": N_("Land"),
    "social": N_("Social protection"),
    "other": N_("Other fields"),
    "all": N_("All fields"),
    "exponential": N_("exponential"),
    "lognormal": N_("log-normal"),
    "constant": N_("constant"),
    "uniform": N_("uniform"),
}
_MIXES = {"demand.walk_in.mix"}


def _plain(path: str) -> str:
    return re.sub(r"\[(\d+)\]", r".\1", path)


def choice_label(value: str, language: str | None = None) -> str:
    """The label of a choice: 'account_help' -> 'Hỗ trợ tài khoản (VNeID, mật khẩu)'; other values unchanged."""
    if value not in CHOICE_LABELS:
        return value
    with use_language(normalise_language(language)) if language else nullcontext():
        return _(CHOICE_LABELS[value])


def field_label(path: str, language: str | None = None) -> str:
    """The label of a scenario field by its dotted path; a KeyError names paths without one."""
    plain = _plain(path)
    with use_language(normalise_language(language)) if language else nullcontext():
        if plain in FIELD_LABELS:
            label = FIELD_LABELS[plain]
            for kind, name in _SERVICE_KINDS.items():
                if plain.startswith(f"service.{kind}."):
                    return _(label).format(kind=_(name))
            return _(label)
        for pattern, item in _ITEM_OF:
            match = pattern.match(plain)
            if match and match.group("rest") in ITEM_LABELS[item]:
                return _(ITEM_LABELS[item][match.group("rest")])
        mix, _dot, key = plain.rpartition(".")
        if mix in _MIXES and key in CHOICE_LABELS:
            return f"{_(FIELD_LABELS[mix])}: {_(CHOICE_LABELS[key])}"
    raise KeyError(f"{path}: no label for this scenario field; add one to simulation/scenario/labels.py")
