"""Plots of a sweep: each KPI against the first swept field, with its confidence band.

When more than one field is swept, each combination of the other fields is its
own line (e.g. one line per demand scale, counters on the x axis).
"""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

import pandas as pd

from ..results.kpi_catalogue import HEADLINE_KPIS, label as kpi_label, language

__all__ = ["DEFAULT_KPIS", "draw_kpi", "plot_summary"]

DEFAULT_KPIS = HEADLINE_KPIS
TITLE = {"en": "{kpi} vs {x} (mean and confidence band)", "vi": "{kpi} theo {x} (trung bình và khoảng tin cậy)"}


def draw_kpi(ax, summary: pd.DataFrame, kpi: str, paths: Sequence[str], lang: str | None = None) -> bool:
    """Draw `kpi`'s mean and confidence band against the first swept field on `ax`.

    Each combination of the other swept fields is its own line. False (and nothing drawn)
    when the KPI has no values, e.g. online KPIs in a scenario without online dossiers.
    """
    x, others = paths[0], list(paths[1:])
    data = summary[summary["kpi"] == kpi]
    if data.empty or data["mean"].isna().all():
        return False
    groups = data.groupby(others, sort=True) if others else [((), data)]
    for key, group in groups:
        key = key if isinstance(key, tuple) else (key,)
        group = group.sort_values(x)
        name = ", ".join(f"{p}={v}" for p, v in zip(others, key)) or None
        line, = ax.plot(group[x], group["mean"], marker="o", label=name)
        ax.fill_between(group[x], group["low"], group["high"], alpha=0.2, color=line.get_color())
    ax.set_xlabel(x)
    ax.set_ylabel(kpi_label(kpi, lang, unit=True))
    if others:
        ax.legend(fontsize="small")
    ax.grid(alpha=0.3)
    return True


def plot_summary(summary: pd.DataFrame, paths: Sequence[str], folder: str | Path,
                 kpis: Sequence[str] | None = None, lang: str | None = None) -> list[Path]:
    """Write one PNG per KPI (that has values) into `folder`, named after the KPI; return their paths."""
    from matplotlib.figure import Figure  # a bare Figure: no pyplot, no global backend to switch

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kpi in kpis or DEFAULT_KPIS:
        figure = Figure(figsize=(6, 4))
        ax = figure.subplots()
        if not draw_kpi(ax, summary, kpi, paths, lang):
            continue
        ax.set_title(TITLE[language(lang)].format(kpi=kpi_label(kpi, lang), x=paths[0]))
        figure.tight_layout()
        path = folder / f"{kpi}.png"
        figure.savefig(path, dpi=100)
        written.append(path)
    return written
