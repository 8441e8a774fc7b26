"""A run's record as DataFrames, and the KPIs computed from it.

`visitors` has one row per citizen who came (served, balked, reneged,
unserved at closing, or still waiting / in service when the run ended);
`dossiers` one row per dossier; `activities` one row per stretch of an
official's work; `duties` one row per stretch on duty. Times are kept both as
minutes since the start of the run (`*_min`) and as datetimes.
"""
from __future__ import annotations

from functools import cached_property
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..engine.records import ACTIVITY_COLUMNS, DOSSIER_COLUMNS, DUTY_COLUMNS, VISITOR_COLUMNS
from . import kpis as _kpis
from ..scenario.outcomes import dossier_outcomes
from .satisfaction import dossier_complaints, visitor_complaints

if TYPE_CHECKING:
    from ..engine.run_record import RunRecord

__all__ = ["Results"]


_BOOLEAN = frozenset({"priority", "returning", "incomplete", "rework"})
_INTEGER = frozenset({"visitor_id", "ticket", "dossier_id"})
_FLOAT = frozenset({"external_days", "work_left", "service_unit", "incomplete_roll", "return_day_roll",
                    "complaint_roll"})
VISITOR_DERIVED = ("time_in_line_min", "wait_min", "service_min", "complaint")
_VISITOR_KPI_COLUMNS = ("outcome", "wait_min", "time_in_line_min", "service_min", "returning", "complaint")
_DOSSIER_KPI_COLUMNS = ("channel", "outcome", "complaint")


class _Columns(dict):
    """Numpy columns of the records' attributes, each built the first time it is asked for.

    The KPIs need five of a visitor's fifteen attributes; the DataFrames ask for all of them.
    """

    def __init__(self, records: list, names: tuple[str, ...] | None = None):
        """`records`: objects (columns are attributes), or tuples whose fields are `names`."""
        super().__init__()
        self._records = records
        self._positions = None if names is None else {name: i for i, name in enumerate(names)}

    def __missing__(self, name: str) -> np.ndarray:
        get = attrgetter(name) if self._positions is None else itemgetter(self._positions[name])
        if name.endswith("_min") or name in _FLOAT:  # times never reached are NaN already (records.NEVER)
            column = np.fromiter(map(get, self._records), dtype=float, count=len(self._records))
            self[name] = column
            return column
        values = list(map(get, self._records))
        if name in _BOOLEAN:
            column = np.array(values, dtype=bool)
        elif name in _INTEGER:
            column = np.array(values, dtype=np.int64)
        else:
            column = np.array(values, dtype=object)
        self[name] = column
        return column


class Results:
    """Tables and KPIs of one run, computed from its `RunRecord` (each table the first time it is asked for)."""

    def __init__(self, record: "RunRecord"):
        self.record = record
        self.scenario = record.scenario
        self.seed = record.seed
        self.timetable = record.timetable
        self.horizon = record.horizon
        self.warmup = record.warmup
        self._visitors = record.visitors
        self._dossiers = record.dossiers
        self._activities = record.activities
        self._duties = record.duties
        self.warnings = _kpis.capacity_warnings(record)

    def _times(self, minutes) -> pd.Series:
        return self.timetable.start + pd.to_timedelta(minutes, unit="min")

    @cached_property
    def _visitor_columns(self) -> dict[str, np.ndarray]:
        """Visitor records as numpy columns, sorted by arrival."""
        cols = _Columns(self._visitors)  # appended as they arrived: sorted already, unless two came at once
        arrival = cols["arrival_min"]
        if arrival.size > 1 and not (arrival[1:] > arrival[:-1]).all():
            cols = _Columns(sorted(self._visitors, key=attrgetter("arrival_min", "visitor_id")))
        nan = float("nan")
        outcome = cols["outcome"]
        left_line = np.where(np.isnan(cols["called_min"]), cols["end_min"], cols["called_min"])
        left_line = np.where(np.isnan(left_line), float(self.horizon), left_line)
        cols["time_in_line_min"] = np.where(outcome == "balked", 0.0, left_line - cols["arrival_min"])
        cols["wait_min"] = cols["called_min"] - cols["arrival_min"]
        cols["service_min"] = np.where(outcome == "served", cols["end_min"] - cols["called_min"], nan)
        cols["complaint"] = visitor_complaints(cols["time_in_line_min"], outcome, self.scenario.satisfaction,
                                               cols["complaint_roll"])
        return cols

    @cached_property
    def _dossier_columns(self) -> dict[str, np.ndarray]:
        nan = float("nan")
        cols = _Columns(self._dossiers)
        finished, work_done = cols["finished_min"], cols["work_done_min"]
        abroad = np.isnan(finished) & ~np.isnan(work_done)  # worked, then sent to outside agencies
        if abroad.any():
            finished = finished.copy()
            finished[abroad] = self.timetable.after_working_days_many(work_done[abroad], cols["external_days"][abroad])
        finished = np.where(finished <= self.horizon, finished, nan)
        cols["finished_min"] = finished
        cols["outcome"] = self._outcomes(finished, cols["due_min"])
        cols["lateness_min"] = np.clip(finished - cols["due_min"], 0, None)
        cols["complaint"] = dossier_complaints(cols["outcome"], self.scenario.satisfaction, cols["complaint_roll"])
        return cols

    def _outcomes(self, finished: np.ndarray, due: np.ndarray) -> np.ndarray:
        """Early (on a working day before the due date), on time, late, or still in the backlog."""
        return dossier_outcomes(finished, due, self.timetable.working_mask)

    @cached_property
    def visitors(self) -> pd.DataFrame:
        cols = self._visitor_columns
        df = pd.DataFrame({name: cols[name] for name in VISITOR_COLUMNS + VISITOR_DERIVED})
        df["arrival"] = self._times(df["arrival_min"])
        df["called"] = self._times(df["called_min"])
        df["service_end"] = self._times(df["end_min"].where(df["outcome"] == "served"))
        df["day"] = df["arrival"].dt.date.astype(str)
        df["hour"] = df["arrival"].dt.hour
        return df

    @cached_property
    def dossiers(self) -> pd.DataFrame:
        cols = self._dossier_columns
        df = pd.DataFrame({name: cols[name] for name in DOSSIER_COLUMNS + ("lateness_min", "complaint")})
        for name in ("received", "due", "finished"):
            df[name] = self._times(df[f"{name}_min"])
        return df

    @cached_property
    def activities(self) -> pd.DataFrame:
        return pd.DataFrame(self._activities, columns=list(ACTIVITY_COLUMNS))

    @cached_property
    def duties(self) -> pd.DataFrame:
        return pd.DataFrame(self._duties, columns=list(DUTY_COLUMNS))

    @property
    def visitor_columns(self) -> dict[str, np.ndarray]:
        """The visitor records as numpy columns (what `visitors` holds, without the datetimes)."""
        return self._visitor_columns

    def kpis(self) -> dict[str, float]:
        """Every KPI of the run as one flat dict (waits in minutes, rates in 0..1), after the warm-up."""
        v, d = self._visitor_columns, self._dossier_columns
        if self.warmup > 0:
            keep_v = v["arrival_min"] >= self.warmup
            keep_d = d["received_min"] >= self.warmup
            v = {name: v[name][keep_v] for name in _VISITOR_KPI_COLUMNS}
            d = {name: d[name][keep_d] for name in _DOSSIER_KPI_COLUMNS}
        out = _kpis.visitor_kpis(v, self.scenario.satisfaction.wait_target_min, self.horizon - self.warmup)
        out.update(_kpis.dossier_kpis(d))
        out.update(_kpis.service_measures(self._dossier_columns, self.warmup, self.horizon))
        out.update(_kpis.utilisation(self._activity_columns, self._duty_columns, self.warmup, self.horizon))
        out["complaints"] = float(v["complaint"].sum() + d["complaint"].sum())
        return out

    @cached_property
    def _activity_columns(self) -> dict[str, np.ndarray]:
        return _Columns(self._activities, ACTIVITY_COLUMNS)

    @cached_property
    def _duty_columns(self) -> dict[str, np.ndarray]:
        return _Columns(self._duties, DUTY_COLUMNS)

    def kpis_by_procedure(self) -> pd.DataFrame:
        return _kpis.by_procedure(self.visitors, self.dossiers, self.scenario.satisfaction.wait_target_min)

    def queue_by_hour(self) -> pd.DataFrame:
        return _kpis.queue_by_hour(self.visitors, self.horizon)

    def utilisation_by_hour(self) -> pd.DataFrame:
        """Busy share of the planned duty by clock hour and role, with the overtime after closing apart."""
        return _kpis.utilisation_by_hour(self.activities, self.duties, self.horizon, self.planned_duties)

    @cached_property
    def planned_duties(self) -> pd.DataFrame:
        """The duty stretches the roster planned (`duties` adds the overtime actually worked)."""
        rows = [(o.name, o.role, s, e) for o in self.record.roster for s, e in o.duty]
        return pd.DataFrame(rows, columns=list(DUTY_COLUMNS))

    def to_csv(self, folder) -> list:
        """Write visitors, dossiers, activities and KPIs as CSV files; return their paths."""
        from pathlib import Path

        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        paths = []
        for name, frame in (("visitors", self.visitors), ("dossiers", self.dossiers),
                            ("activities", self.activities), ("kpis_by_procedure", self.kpis_by_procedure()),
                            ("queue_by_hour", self.queue_by_hour()),
                            ("utilisation_by_hour", self.utilisation_by_hour())):
            path = folder / f"{name}.csv"
            frame.to_csv(path, index=False)
            paths.append(path)
        path = folder / "kpis.csv"
        pd.DataFrame([self.kpis()]).T.rename(columns={0: "value"}).to_csv(path, index_label="kpi")
        paths.append(path)
        return paths
