"""What a run leaves behind: flat records as DataFrames, and the KPIs computed from them.

`visitors` has one row per citizen who came (served, balked, reneged,
unserved at closing, or still waiting / in service when the run ended);
`dossiers` one row per dossier; `activities` one row per stretch of an
official's work; `duties` one row per stretch on duty. Times are kept both as
minutes since the start of the run (`*_min`) and as datetimes.
"""
from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from . import kpis as _kpis
from .records import DOSSIER_COLUMNS, VISITOR_COLUMNS
from .satisfaction import dossier_complaints, visitor_complaints

if TYPE_CHECKING:
    from .centre import Centre

__all__ = ["Results"]


class Results:
    def __init__(self, centre: "Centre"):
        self.scenario = centre.scenario
        self.seed = centre.seed
        self.timetable = centre.timetable
        self.horizon = centre.timetable.horizon
        self.warmup = centre.scenario.warmup_days * 24 * 60
        self._visitors = centre.visitors
        self._dossiers = centre.dossiers
        self._activities = centre.activities
        self._duties = centre.duties
        self._rng = centre.streams["complaints"]
        self.warnings = _kpis.capacity_warnings(centre)

    def _times(self, minutes: pd.Series) -> pd.Series:
        return self.timetable.start + pd.to_timedelta(minutes, unit="min")

    @cached_property
    def visitors(self) -> pd.DataFrame:
        rows = [[getattr(v, c) for c in VISITOR_COLUMNS] for v in self._visitors]
        df = pd.DataFrame(rows, columns=list(VISITOR_COLUMNS))
        for column in ("arrival_min", "called_min", "end_min", "patience_min"):
            df[column] = pd.to_numeric(df[column], errors="coerce").astype(float)
        df = df.sort_values(["arrival_min", "visitor_id"], kind="stable").reset_index(drop=True)
        left_line = df["called_min"].fillna(df["end_min"]).fillna(float(self.horizon))
        df["time_in_line_min"] = np.where(df["outcome"] == "balked", 0.0, left_line - df["arrival_min"])
        df["wait_min"] = df["called_min"] - df["arrival_min"]
        df["service_min"] = df["end_min"] - df["called_min"]
        df.loc[df["outcome"] != "served", "service_min"] = np.nan
        df["arrival"] = self._times(df["arrival_min"])
        df["called"] = self._times(df["called_min"])
        df["service_end"] = self._times(df["end_min"].where(df["outcome"] == "served"))
        df["day"] = df["arrival"].dt.date.astype(str)
        df["hour"] = df["arrival"].dt.hour
        df["complaint"] = visitor_complaints(df, self.scenario.satisfaction, self._rng)
        return df

    @cached_property
    def dossiers(self) -> pd.DataFrame:
        rows = [[getattr(d, c) for c in DOSSIER_COLUMNS] for d in self._dossiers]
        df = pd.DataFrame(rows, columns=list(DOSSIER_COLUMNS))
        for column in ("received_min", "due_min", "started_min", "work_done_min", "finished_min"):
            df[column] = pd.to_numeric(df[column], errors="coerce").astype(float)
        done = df["finished_min"] <= self.horizon
        df["finished_min"] = df["finished_min"].where(done)
        df["outcome"] = [
            self.timetable.outcome(f if f == f else None, due) for f, due in zip(df["finished_min"], df["due_min"])
        ]
        for name in ("received", "due", "finished"):
            df[name] = self._times(df[f"{name}_min"])
        df["lateness_min"] = (df["finished_min"] - df["due_min"]).clip(lower=0)
        df["complaint"] = dossier_complaints(df, self.scenario.satisfaction, self._rng)
        return df

    @cached_property
    def activities(self) -> pd.DataFrame:
        return pd.DataFrame(self._activities, columns=["official", "role", "activity", "start_min", "end_min"])

    @cached_property
    def duties(self) -> pd.DataFrame:
        return pd.DataFrame(self._duties, columns=["official", "role", "start_min", "end_min"])

    def kpis(self) -> dict[str, float]:
        """Every KPI of the run as one flat dict (waits in minutes, rates in 0..1)."""
        v = self.visitors[self.visitors["arrival_min"] >= self.warmup]
        d = self.dossiers[self.dossiers["received_min"] >= self.warmup]
        out = _kpis.visitor_kpis(v, self.scenario.satisfaction.wait_target_min, self.horizon - self.warmup)
        out.update(_kpis.dossier_kpis(d))
        out.update(_kpis.utilisation(self.activities, self.duties, self.warmup, self.horizon))
        out["complaints"] = float(v["complaint"].sum() + d["complaint"].sum())
        return out

    def kpis_by_procedure(self) -> pd.DataFrame:
        return _kpis.by_procedure(self.visitors, self.dossiers, self.scenario.satisfaction.wait_target_min)

    def queue_by_hour(self) -> pd.DataFrame:
        return _kpis.queue_by_hour(self.visitors, self.horizon)

    def utilisation_by_hour(self) -> pd.DataFrame:
        return _kpis.utilisation_by_hour(self.activities, self.duties, self.horizon)

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
