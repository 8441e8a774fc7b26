"""Dashboard controls read from the scenario schema.

A control is one knob a planner can turn on the staffing dashboard. It is
described by a dotted scenario path (``staff.counter``,
``demand.walk_in_scale``), and everything else—its kind, its range, its
current value—is read from the pydantic schema and from the scenario being
shown. The ranges come from the fields' own ``ge``/``le`` constraints; a
declared UI cap only narrows a slider to the sizes a commune centre sees.

Three controls speak a planner's language rather than the schema's:

* a **team** (``staff.counter`` ...) is a head count even when the scenario
  names its officials: lowering it keeps the first officials, raising it adds
  generalists (`simulation.experiments.staffing_options.team_of`, as the CLI and
  the planner do);
* a **share** inside a mix (``demand.walk_in.mix.account_help``) sets that
  kind's share and rescales the other kinds so the mix still sums to one;
* the **portal outage** (``demand.outages``) is a number of hours of fault on
  the first day from 08:00.

``schema_controls()`` lists every other scalar field with finite bounds, so a
field added to the schema appears on the dashboard without notebook edits.

A control's words are English message ids (`N_`), translated where the widget
is built (`control_label`, `option_labels`); a control without words of its own
shows the schema's label (`simulation.scenario.labels.field_label`).
"""
from __future__ import annotations

import datetime as dt
import typing
from dataclasses import dataclass
from typing import Any, Literal

import annotated_types
from pydantic import BaseModel

from ..i18n import N_, _
from ..scenario.labels import choice_label, field_label
from ..experiments.staffing_options import team_of
from ..scenario.model import Scenario
from ..scenario.paths import field_paths

__all__ = ["Control", "PLANNER_CONTROLS", "control", "planner_controls", "schema_controls",
           "current_value", "scenario_values", "control_label", "option_labels", "path_label"]

OUTAGE_START_HOUR = 8
COUNT_RANGE = (0, 200)  # the head-count range the schema's team validator accepts


@dataclass(frozen=True)
class Control:
    """One dashboard knob: a scenario path and how to show it (`label`: an English message id, or None for
    the schema's own label)."""

    path: str
    label: str | None
    kind: Literal["team", "int", "float", "bool", "choice", "share", "outage"]
    minimum: float | None = None
    maximum: float | None = None
    step: float | None = None
    options: tuple = ()
    slider: bool = True


# (path, label, UI overrides): the planner's knobs, in the order they are shown. Labels and option words are
# message ids, translated when the widget is built.
PLANNER_CONTROLS: tuple[tuple[str, str, dict], ...] = (
    ("staff.counter", N_("Counter officials"), {"maximum": 8}),
    ("staff.back_office", N_("Back-office officials"), {"maximum": 8}),
    ("staff.guide", N_("Guides (help desk)"), {"maximum": 6}),
    ("staff.flexible", N_("Flexible officials"), {"maximum": 6}),
    ("demand.walk_in_scale", N_("Walk-in volume ×"), {"maximum": 5, "step": 0.1}),
    ("demand.online_scale", N_("Online volume ×"), {"maximum": 5, "step": 0.1}),
    ("demand.walk_in.mix.account_help", N_("Share needing VNeID help"), {"kind": "share", "step": 0.01}),
    ("demand.outages", N_("Portal outage (hours)"), {"kind": "outage", "maximum": 9, "step": 0.5}),
    ("policy.priority", N_("Priority rule"), {"options": ((N_("first come, first served"), False),
                                                          (N_("legal priority first"), True))}),
    ("days", N_("Days simulated"), {"maximum": 31}),
)


def _field(path: str):
    """The pydantic FieldInfo at `path` and the remainder (keys inside a dict field)."""
    model: Any = Scenario
    parts = path.split(".")
    for i, part in enumerate(parts):
        info = model.model_fields[part]
        annotation = info.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel) and i < len(parts) - 1:
            model = annotation
            continue
        return info, parts[i + 1:]
    raise KeyError(path)


def _bounds(info) -> tuple[float | None, float | None]:
    low = high = None
    for item in info.metadata:
        if isinstance(item, annotated_types.Ge):
            low = item.ge
        elif isinstance(item, annotated_types.Gt):
            low = item.gt
        elif isinstance(item, annotated_types.Le):
            high = item.le
        elif isinstance(item, annotated_types.Lt):
            high = item.lt
    return low, high


def _kind(annotation: Any) -> str | None:
    if annotation is bool:
        return "bool"
    if typing.get_origin(annotation) is Literal:
        return "choice"
    if annotation is int:
        return "int"
    if annotation is float:
        return "float"
    args = typing.get_args(annotation)
    if int in args and any(typing.get_origin(a) is list for a in args):
        return "team"
    return None


def control(path: str, label: str | None = None, **overrides: Any) -> Control:
    """A control for `path`, its kind and range read from the schema, narrowed by `overrides`."""
    info, rest = _field(path)
    low, high = _bounds(info)
    kind = overrides.pop("kind", None) or _kind(info.annotation)
    if kind == "share" or (rest and kind is None):
        kind, low, high = "share", 0.0, 1.0
    elif kind == "outage":
        low, high = 0.0, high
    elif kind == "team":
        low, high = COUNT_RANGE
    elif kind is None:
        raise ValueError(f"{path}: no dashboard control for a field of type {info.annotation!r}")
    if kind == "choice" and "options" not in overrides:
        overrides["options"] = tuple((str(v), v) for v in typing.get_args(info.annotation))
    if kind == "bool" and "options" in overrides:
        kind = "choice"
    cap = overrides.pop("maximum", None)
    if cap is not None:
        high = cap if high is None else min(high, cap)
    step = overrides.pop("step", None) or (1 if kind in ("team", "int") else 0.05)
    return Control(path=path, label=label, kind=kind, minimum=low, maximum=high, step=step, **overrides)


def path_label(path: str) -> str:
    """A scenario path as a reader sees it, in the current language (the schema's label, else the path)."""
    try:
        return field_label(path)
    except KeyError:
        return path


def control_label(item: Control) -> str:
    """What the control is called on screen, in the current language: its own words, else the schema's label."""
    return _(item.label) if item.label else path_label(item.path)


def option_labels(item: Control) -> list[tuple[str, Any]]:
    """A choice control's (words, value) pairs in the current language (choices the schema names, translated)."""
    return [(_(text) if isinstance(value, bool) else choice_label(text), value) for text, value in item.options]


def planner_controls() -> list[Control]:
    """The planner's knobs (teams, volumes, digital-help share, outage, priority rule, days)."""
    return [control(path, label, **dict(extra)) for path, label, extra in PLANNER_CONTROLS]


def schema_controls(exclude: typing.Iterable[str] = ()) -> list[Control]:
    """A control for every other scalar schema field with a finite range (shown as number boxes)."""
    skip = set(exclude) | {"schema_version"} | {path for path, *_rest in PLANNER_CONTROLS}
    found = []
    for path in field_paths(Scenario):
        if path in skip:
            continue
        info, _inner = _field(path)
        kind = _kind(info.annotation)
        low, high = _bounds(info)
        if kind in ("bool", "choice") or (kind in ("int", "float") and low is not None and high is not None):
            found.append(control(path, slider=False))
    return found


def _get(scenario: Scenario, path: str) -> Any:
    node: Any = scenario
    for part in path.split("."):
        node = node[part] if isinstance(node, dict) else getattr(node, part)
    return node


def _mix(scenario: Scenario, path: str) -> tuple[str, dict[str, float]]:
    mix_path, key = path.rsplit(".", 1)
    return key, dict(_get(scenario, mix_path))


def current_value(scenario: Scenario, item: Control) -> Any:
    """What the control shows for `scenario` (head counts, shares, outage hours, plain values)."""
    if item.kind == "team":
        team = _get(scenario, item.path)
        return team if isinstance(team, int) else len(team)
    if item.kind == "share":
        key, mix = _mix(scenario, item.path)
        total = sum(w for w in mix.values() if w > 0)
        return mix.get(key, 0.0) / total if total else 0.0
    if item.kind == "outage":
        return sum((o.end - o.start).total_seconds() / 3600 for o in _get(scenario, item.path))
    return _get(scenario, item.path)


def _team(scenario: Scenario, path: str, count: int) -> int | list[dict]:
    # the one meaning of a head count (the CLI's, the planner's): the first officials as listed, then new ones
    return team_of(scenario, path.split(".", 1)[1], int(count))


def _share(scenario: Scenario, path: str, share: float) -> tuple[str, dict[str, float]]:
    key, mix = _mix(scenario, path)
    others = {k: w for k, w in mix.items() if k != key and w > 0}
    rest = sum(others.values())
    new = {k: (1 - share) * w / rest for k, w in others.items()} if rest else {}
    new[key] = float(share)
    return path.rsplit(".", 1)[0], new


def _outage(scenario: Scenario, hours: float) -> list[dict]:
    if hours <= 0:
        return []
    start = dt.datetime.combine(scenario.start_date, dt.time(OUTAGE_START_HOUR))
    end = start + dt.timedelta(hours=float(hours))
    return [{"start": start.isoformat(), "end": end.isoformat(), "procedures": "all"}]


def scenario_values(scenario: Scenario, settings: dict[Control, Any]) -> dict[str, Any]:
    """Dotted-path values for `Scenario.with_values`, for the controls whose setting differs from `scenario`."""
    values: dict[str, Any] = {}
    for item, setting in settings.items():
        before = current_value(scenario, item)
        if setting == before or (isinstance(before, float) and abs(setting - before) < 1e-9):
            continue
        if item.kind == "team":
            values[item.path] = _team(scenario, item.path, int(setting))
        elif item.kind == "share":
            path, mix = _share(scenario, item.path, float(setting))
            values[path] = mix
        elif item.kind == "outage":
            values[item.path] = _outage(scenario, float(setting))
        else:
            values[item.path] = setting
    return values
