"""Sweeps: run a scenario over a grid of values of its fields.

``--set staff.counter=1..5 --set demand.walk_in_scale=0.5,1,2`` asks for every
combination (here 15 points), each run ``reps`` times on common random numbers
(replication r of every point meets the same citizens). Results go to one tidy
CSV, one row per point and replication, written as replications finish. A sweep
interrupted (Ctrl-C, a lost machine) and started again with ``resume=True``
keeps the rows already in the CSV and runs only the missing ones; at the end
the file is rewritten in (point, replication) order, so it is byte for byte the
file an uninterrupted sweep writes.

Value syntax: ``a..b`` whole numbers from a to b, ``a..b:step`` numbers from a
to b by step, ``a,b,c`` a list (numbers, true/false or words).
"""
from __future__ import annotations

import csv
import io
import itertools
import math
import re
from pathlib import Path
from typing import Any, Sequence

import pandas as pd
import yaml

from ..errors import SweepError
from ..i18n import _
from .options import check_reps
from .replications import Replication, Runner, SerialRunner, summarise
from ..scenario.model import Scenario, ScenarioError
from ..scenario.paths import check_path

__all__ = ["SweepError", "Setting", "parse_setting", "parse_values", "grid", "sweep", "read_rows",
           "sweep_summary"]

_NUMBER = r"[-+]?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?"
_RANGE = re.compile(rf"^\s*({_NUMBER})\s*\.\.\s*({_NUMBER})\s*(?::\s*({_NUMBER})\s*)?$")
MAX_POINTS = 100_000


Setting = tuple[str, list[Any]]


def _number(text: str) -> int | float:
    value = float(text)
    return int(value) if re.fullmatch(r"[-+]?\d+", text.strip()) else value


def parse_values(text: str) -> list[Any]:
    """'1..5' -> [1, 2, 3, 4, 5]; '0.5..1.5:0.5' -> [0.5, 1.0, 1.5]; '0.5,1,2' -> [0.5, 1, 2]."""
    if ".." in text:
        match = _RANGE.match(text)
        if not match:
            raise SweepError(_("range {text!r}: write a..b (whole numbers) or a..b:step, e.g. 1..5 or "
                               "0.5..2:0.5").format(text=text))
        lo, hi, step = match.group(1), match.group(2), match.group(3)
        a, b = _number(lo), _number(hi)
        if step is None:
            if not (isinstance(a, int) and isinstance(b, int)):
                raise SweepError(_("range {text!r}: a..b needs whole numbers; give a step for decimals "
                                   "(a..b:step)").format(text=text))
            s: int | float = 1
        else:
            s = _number(step)
        if s <= 0:
            raise SweepError(_("range {text!r}: the step must be positive").format(text=text))
        if b < a:
            raise SweepError(_("range {text!r}: the end {end} is below the start {start}").format(
                text=text, end=hi, start=lo))
        count = int(math.floor((b - a) / s + 1e-9)) + 1
        if count > MAX_POINTS:
            raise SweepError(_("range {text!r}: {count} values is more than {most}").format(
                text=text, count=count, most=MAX_POINTS))
        if all(isinstance(x, int) for x in (a, b, s)):
            return list(range(int(a), int(b) + 1, int(s)))
        return [round(a + i * s, 12) for i in range(count)]
    items = [item.strip() for item in text.split(",")]
    if not text.strip() or any(not item for item in items):
        raise SweepError(_("values {text!r}: write a comma-separated list such as 0.5,1,2 (no empty "
                           "items)").format(text=text))
    values = []
    for item in items:
        try:
            values.append(yaml.safe_load(item))
        except yaml.YAMLError:
            raise SweepError(_("value {item!r} in {text!r}: not a number, true/false or a word").format(
                item=item, text=text)) from None
    return values


def parse_setting(text: str) -> Setting:
    """'staff.counter=1..5' -> ('staff.counter', [1, 2, 3, 4, 5]); the path must name a scenario field."""
    if "=" not in text:
        raise SweepError(_("--set {text!r}: write PATH=VALUES, e.g. staff.counter=1..5 or "
                           "demand.walk_in_scale=0.5,1,2").format(text=text))
    path, values = (part.strip() for part in text.split("=", 1))
    try:
        check_path(path, Scenario, source="--set")
    except ScenarioError as exc:
        raise SweepError(exc.messages[0] if exc.messages else str(exc)) from None
    return path, parse_values(values)


def grid(settings: Sequence[Setting]) -> list[dict[str, Any]]:
    """Every combination of the settings' values, the last setting varying fastest."""
    paths = [p for p, _values in settings]
    if len(set(paths)) != len(paths):
        raise SweepError(_("--set: each field may be swept once (got {paths})").format(paths=", ".join(paths)))
    return [dict(zip(paths, combo)) for combo in itertools.product(*(v for _path, v in settings))]


def _format(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _header(paths: Sequence[str], kpis: Sequence[str]) -> list[str]:
    return ["point", *paths, "replication", *kpis]


def _line(header: Sequence[str], row: dict[str, Any]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow([_format(row.get(c)) for c in header])
    return buffer.getvalue()


def _existing(path: Path, paths: Sequence[str], points: list[dict]) -> tuple[list[str] | None, dict]:
    """Header and the complete rows already written, keyed by (point, replication)."""
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    if not lines or not lines[0]:
        return None, {}
    header = next(csv.reader([lines[0]]))
    if header[: len(paths) + 2] != ["point", *paths, "replication"]:
        raise SweepError(_("{path}: written by a different sweep (columns {columns}); use another --out or drop "
                           "--resume").format(path=path, columns=", ".join(header[:len(paths) + 2])))
    done = {}
    for line in lines[1:-1] if not text.endswith("\n") else lines[1:]:  # a cut-off last line is dropped
        if not line:
            continue
        fields = next(csv.reader([line]))
        if len(fields) != len(header):
            continue
        point, rep = int(fields[0]), int(fields[len(paths) + 1])
        if point >= len(points) or any(fields[1 + i] != _format(points[point][p]) for i, p in enumerate(paths)):
            raise SweepError(_("{path}: row for point {point} does not match this sweep's values; use another "
                               "--out or drop --resume").format(path=path, point=point))
        done[(point, rep)] = line + "\n"
    return header, done


def _head_counts(scenario: Scenario, values: dict[str, Any]) -> dict[str, Any]:
    """``staff.<role>=N`` as the planner means it: the first N named officials, then new ones
    (`staffing_options.team_of`), not N anonymous officials replacing the named ones."""
    from .staffing_options import ROLES, team_of

    out = dict(values)
    for path, value in values.items():
        role = path[len("staff."):] if path.startswith("staff.") else None
        if role in ROLES and isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 200:
            out[path] = team_of(scenario, role, value)
    return out


def sweep(scenario: Scenario, settings: Sequence[Setting], reps: int, seed: int = 1, *,
          out: str | Path | None = None, resume: bool = False, runner: Runner | None = None,
          progress: bool = False) -> pd.DataFrame:
    """Run every point of the grid `reps` times; return the tidy rows (and write them to `out`)."""
    check_reps(reps, least=1, error=SweepError)
    points = grid(settings)
    paths = [p for p, _values in settings]
    scenarios = []
    for values in points:  # validate every point before running anything
        try:
            scenarios.append(scenario.with_values(_head_counts(scenario, values)))
        except ScenarioError as exc:
            problem = exc.messages[0] if exc.messages else str(exc)
            raise SweepError(f"--set {values}: {problem}") from None
    out = Path(out) if out is not None else None
    header, done = (None, {})
    if out is not None and resume and out.exists():
        header, done = _existing(out, paths, points)
    tasks = [Replication(s, seed, r, labels={"point": i, **points[i]})
             for i, s in enumerate(scenarios) for r in range(reps) if (i, r) not in done]
    lines: dict[tuple[int, int], str] = dict(done)
    handle = None
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(points) * reps, initial=len(done), unit=_("rep"), desc=_("sweep"))
    try:
        if out is not None:
            out.parent.mkdir(parents=True, exist_ok=True)
            handle = out.open("w", encoding="utf-8")
            if header is not None:
                handle.write(",".join(header) + "\n")
                handle.writelines(done.values())
                handle.flush()
        for _key, row in (runner or SerialRunner()).map(tasks):
            if header is None:
                header = _header(paths, [k for k in row if k not in ("point", "replication", *paths)])
                if handle is not None:
                    handle.write(",".join(header) + "\n")
            key = (row["point"], row["replication"])
            lines[key] = _line(header, row)
            if handle is not None:
                handle.write(lines[key])
                handle.flush()
            if bar is not None:
                bar.update(1)
    finally:
        if handle is not None:
            handle.close()
        if bar is not None:
            bar.close()
    text = ",".join(header or _header(paths, [])) + "\n" + "".join(lines[k] for k in sorted(lines))
    if out is not None:
        out.write_text(text, encoding="utf-8")
    return read_rows(io.StringIO(text))


def read_rows(source) -> pd.DataFrame:
    """The tidy rows of a sweep CSV (a path or a file object)."""
    return pd.read_csv(source)


def sweep_summary(rows: pd.DataFrame, paths: Sequence[str], confidence: float = 0.95) -> pd.DataFrame:
    """Mean and t-interval of every KPI at every point (one row per point and KPI)."""
    return summarise(rows, confidence, by=["point", *paths])
