"""Scenario files: what a planner asks the simulator to run.

A scenario is a YAML file describing one commune centre: its calendar and
opening hours, the citizens who walk in and the dossiers that arrive through
the portal, the officials on duty and the policies they follow. This module is
the only place where input is checked. `load_scenario` returns a frozen
`Scenario`; the engine trusts it.

Every problem a person can cause is reported at once, each naming the file,
the key path, the bad value and what is allowed, e.g.::

    kim-boi.yaml: staff.counter[2].proficiency = 7: must be at most 3
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..i18n import N_, _, pgettext
from .checks import cross_check
from .clock import format_hhmm, parse_hhmm
from .errors import ScenarioError, format_pydantic_errors, read_yaml
from .paths import apply_values
from .vocabulary import ROLES, VISITOR_KINDS, WEEKDAYS

__all__ = [
    "Scenario",
    "ScenarioError",
    "Distribution",
    "Official",
    "load_scenario",
    "parse_scenario",
    "SCHEMA_VERSION",
    "VISITOR_KINDS",
    "WEEKDAYS",
]

SCHEMA_VERSION = 1
Weekday = Literal[WEEKDAYS]  # type: ignore[valid-type]
VisitorKind = Literal[VISITOR_KINDS]  # type: ignore[valid-type]
FieldName = Literal["civil_status", "certification", "land", "social", "other", "all"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Session(_Strict):
    """An opening session, e.g. the morning 07:30-11:30."""

    start: str
    end: str

    @field_validator("start", "end", mode="before")
    @classmethod
    def _hhmm(cls, value: Any) -> str:
        return format_hhmm(parse_hhmm(value))

    @property
    def start_min(self) -> int:
        return parse_hhmm(self.start)

    @property
    def end_min(self) -> int:
        return parse_hhmm(self.end)


def _default_sessions() -> list[Session]:
    return [Session(start="07:30", end="11:30"), Session(start="13:30", end="17:00")]


class Distribution(_Strict):
    """A duration in minutes: its family, mean and coefficient of variation."""

    dist: Literal["exponential", "lognormal", "constant", "uniform"] = "lognormal"
    mean: float = Field(gt=0, le=24 * 60)
    cv: float = Field(default=0.5, ge=0, le=3)


class CalendarConfig(_Strict):
    country: str = "VN"
    observe_holidays: bool = True
    working_weekdays: list[Weekday] = ["mon", "tue", "wed", "thu", "fri"]
    make_up_days: list[dt.date] = []
    extra_days_off: list[dt.date] = []


class Hours(_Strict):
    always_open: bool = False
    sessions: list[Session] = Field(default_factory=_default_sessions)
    saturday: list[Session] = []
    overtime_min: float = Field(default=30, ge=0, le=240)


class WalkIn(_Strict):
    rate_per_hour: float = Field(ge=0, le=1000)
    hourly_profile: dict[int, float] = {}
    weekday_profile: dict[Weekday, float] = {}
    mix: dict[VisitorKind, float] = {"paper": 1.0}
    procedure_mix: dict[str, float] = {}
    priority_share: float = Field(default=0.0, ge=0, le=1)
    balk_at: int | None = Field(default=None, ge=1)
    patience: Distribution | None = None
    incomplete_share: float = Field(default=0.0, ge=0, le=1)
    return_within_days: int = Field(default=3, ge=1, le=30)


class Online(_Strict):
    per_day: float = Field(default=0.0, ge=0, le=100000)
    hourly_profile: dict[int, float] = {}
    weekday_profile: dict[Weekday, float] = {}
    procedure_mix: dict[str, float] = {}


class Outage(_Strict):
    """A portal fault: no submission or processing of the named procedures."""

    start: dt.datetime
    end: dt.datetime
    procedures: list[str] | Literal["all"] = Field(default="all", description=N_("a list of procedure ids or 'all'"))


class Demand(_Strict):
    walk_in_scale: float = Field(default=1.0, ge=0, le=100)
    online_scale: float = Field(default=1.0, ge=0, le=100)
    walk_in: WalkIn
    online: Online = Online()
    outages: list[Outage] = []


class Service(_Strict):
    """Counter and desk service times; paper dossiers default to the catalogue."""

    paper: Distribution | None = None
    paper_cv: float = Field(default=0.5, ge=0, le=3)
    assisted_online: Distribution = Distribution(mean=15, cv=0.5)
    pickup: Distribution = Distribution(mean=4, cv=0.5)
    account_help: Distribution = Distribution(mean=12, cv=0.6)
    back_office_cv: float = Field(default=0.6, ge=0, le=3)
    rework_share: float = Field(default=0.1, ge=0, le=1)


class Shift(_Strict):
    days: list[Weekday] = ["mon", "tue", "wed", "thu", "fri", "sat"]
    start: str = "00:00"
    end: str = "24:00"

    @field_validator("start", "end", mode="before")
    @classmethod
    def _hhmm(cls, value: Any) -> str:
        return format_hhmm(parse_hhmm(value))


class Official(_Strict):
    """A named official: skills by procedure field, speed, shift and absences."""

    name: str = Field(min_length=1, max_length=80)
    skills: list[FieldName] = ["all"]
    proficiency: float = Field(default=1.0, ge=0.2, le=3)
    shift: Shift = Shift()
    absent: list[dt.date] = []


Team = Annotated[Union[int, list[Official]], Field(description=N_("a head count (0..200) or a list of officials"))]


class Staff(_Strict):
    counter: Team = 1
    back_office: Team = 0
    guide: Team = 0
    flexible: Team = 0
    proficiency: float = Field(default=1.0, ge=0.2, le=3)
    counter_by_hour: dict[int, int] = {}
    counter_by_weekday: dict[Weekday, int] = {}

    @field_validator("counter", "back_office", "guide", "flexible")
    @classmethod
    def _non_negative(cls, value: Team) -> Team:
        if isinstance(value, int) and not 0 <= value <= 200:
            raise ValueError(_("a head count must be between 0 and 200"))
        return value

    def teams(self) -> dict[str, list[Official]]:
        """Each role's officials as a list (head counts become anonymous officials)."""
        out = {}
        # in the order `Staff` declares the roles: the engine numbers officials in this order
        for role in (name for name in type(self).model_fields if name in ROLES):
            team = getattr(self, role)
            if isinstance(team, int):
                label = role.replace("_", " ").title()
                team = [Official(name=f"{label} {i + 1}", proficiency=self.proficiency) for i in range(team)]
            out[role] = list(team)
        return out


class Policy(_Strict):
    priority: bool = False
    flexible_threshold: int = Field(default=1, ge=1, le=100)


class ScannerOutage(_Strict):
    """Scanners broken for part of a day: `scanners` of them (all when left out) from start to end."""

    start: dt.datetime
    end: dt.datetime
    scanners: int | None = Field(default=None, ge=1, le=100)


class Equipment(_Strict):
    scanners: int | None = Field(default=None, ge=0, le=100)
    scan_min: float = Field(default=2.0, ge=0, le=60)
    scanner_outages: list[ScannerOutage] = []


class Satisfaction(_Strict):
    wait_target_min: float = Field(default=15, gt=0, le=480)
    base: float = Field(default=0.002, ge=0, le=1)
    per_min_over_target: float = Field(default=0.004, ge=0, le=1)
    late_dossier: float = Field(default=0.1, ge=0, le=1)


class Scenario(_Strict):
    """A validated, frozen scenario. Build it with `load_scenario` or `parse_scenario`."""

    schema_version: Literal[1]
    name: str = Field(min_length=1)
    description: str = ""
    # what a Vietnamese reader sees (dashboards, plans, meeting packs); the English ones otherwise
    name_vi: str = ""
    description_vi: str = ""
    start_date: dt.date
    days: int = Field(ge=1, le=3660)
    warmup_days: int = Field(default=0, ge=0, le=365)
    calendar: CalendarConfig = CalendarConfig()
    hours: Hours = Hours()
    demand: Demand
    service: Service = Service()
    staff: Staff = Staff()
    policy: Policy = Policy()
    equipment: Equipment = Equipment()
    satisfaction: Satisfaction = Satisfaction()
    source: str = Field(default="<memory>", exclude=True)

    def title(self, lang: str | None = None) -> str:
        """The scenario's name for a reader of `lang` (default: the current language): ``name_vi`` in
        Vietnamese when the file gives one, else ``name``."""
        return _for_reader(self.name, self.name_vi, lang)

    def summary(self, lang: str | None = None) -> str:
        """The scenario's description for a reader of `lang`, like `title`."""
        return _for_reader(self.description, self.description_vi, lang)

    def with_values(self, values: dict[str, Any]) -> "Scenario":
        """A copy with fields replaced by dotted path, validated again.

        >>> scenario.with_values({"staff.counter": 3, "demand.walk_in_scale": 2})
        """
        data = apply_values(self.model_dump(mode="json"), values, Scenario, source=self.source)
        return parse_scenario(data, source=self.source)


def _kind_of(data: Any) -> str:
    """What a YAML file holds when it is not a mapping, in the reader's words ("list" in English)."""
    kinds = {list: pgettext("YAML value", "list"), str: pgettext("YAML value", "str"),
             int: pgettext("YAML value", "int"), float: pgettext("YAML value", "float"),
             bool: pgettext("YAML value", "bool")}
    return kinds.get(type(data), type(data).__name__)


def _for_reader(english: str, vietnamese: str, lang: str | None) -> str:
    from ..i18n import current_language, normalise_language

    lang = normalise_language(lang) if lang else current_language()
    return vietnamese if lang == "vi" and vietnamese else english


def parse_scenario(data: Any, *, source: str = "<memory>") -> Scenario:
    """Validate a mapping (parsed YAML) and return a frozen `Scenario`."""
    if data is None:
        raise ScenarioError(source, [_("{source}: the file is empty; a scenario is a mapping that starts with "
                                       "schema_version: {version}").format(source=source, version=SCHEMA_VERSION)])
    if not isinstance(data, dict):
        raise ScenarioError(source, [_("{source}: the file must be a mapping of keys, got {kind}").format(
            source=source, kind=_kind_of(data))])
    if "schema_version" not in data:
        raise ScenarioError(source, [_("{source}: schema_version: this key is required; write schema_version: "
                                       "{version} at the top").format(source=source, version=SCHEMA_VERSION)])
    version = data.get("schema_version")
    if version != SCHEMA_VERSION or isinstance(version, bool):
        raise ScenarioError(source, [_("{source}: schema_version = {value!r}: must be {version} (the only version "
                                       "this motcua reads)").format(source=source, value=version,
                                                                   version=SCHEMA_VERSION)])
    try:
        scenario = Scenario.model_validate({**data, "source": source})
    except ValidationError as exc:
        raise ScenarioError(source, format_pydantic_errors(exc, source, Scenario)) from None
    problems = cross_check(scenario)
    if problems:
        raise ScenarioError(source, [f"{source}: {p}" for p in problems])
    return scenario


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario YAML file.

    A bare name such as ``kim-boi`` is looked up in the shipped ``scenarios/`` folder.
    """
    resolved = resolve_scenario_path(path)
    return parse_scenario(_read_with_base(resolved, ()), source=resolved.name)


def _read_with_base(path: Path, chain: tuple[Path, ...]) -> Any:
    """Read a scenario; `extends: other.yaml` starts from that file and overrides its keys.

    Mappings merge key by key; any other value (lists included) replaces the base's.
    """
    data = read_yaml(path)
    if not isinstance(data, dict) or "extends" not in data:
        return data
    base_name = data.pop("extends")
    if not isinstance(base_name, str):
        raise ScenarioError(path.name, [_("{file}: extends = {value!r}: must be the file name of a scenario").format(
            file=path.name, value=base_name)])
    base_path = (path.parent / base_name).resolve()
    if base_path in chain or base_path == path.resolve():
        raise ScenarioError(path.name, [_("{file}: extends = {value!r}: scenarios extend each other in a loop").format(
            file=path.name, value=base_name)])
    if not base_path.exists():
        raise ScenarioError(path.name, [_("{file}: extends = {value!r}: no such file next to {file}").format(
            file=path.name, value=base_name)])
    base = _read_with_base(base_path, chain + (path.resolve(),))
    if isinstance(base, dict):
        # a file that renames its scenario must not keep the base's Vietnamese name (or description)
        for english, vietnamese in (("name", "name_vi"), ("description", "description_vi")):
            if english in data and vietnamese not in data:
                base.pop(vietnamese, None)
    return _merge(base, data)


def _merge(base: Any, override: Any) -> Any:
    if isinstance(base, dict) and isinstance(override, dict):
        merged = dict(base)
        for key, value in override.items():
            merged[key] = _merge(base.get(key), value) if key in base else value
        return merged
    return override


def resolve_scenario_path(path: str | Path) -> Path:
    candidate = Path(path)
    if candidate.exists():
        return candidate
    shipped = Path(__file__).resolve().parents[2] / "scenarios"
    for name in (candidate.name, f"{candidate.name}.yaml"):
        if (shipped / name).exists():
            return shipped / name
    available = ", ".join(sorted(p.stem for p in shipped.glob("*.yaml"))) or _("none")
    raise ScenarioError(str(path), [_("{path}: no such scenario file (shipped scenarios: {available})").format(
        path=path, available=available)])
