"""PNG charts of one run: queue by hour, waiting-time distribution, utilisation, online outcomes.

Titles, axes and legends are in the current language (`simulation.i18n`); draw Vietnamese charts inside
``plt.rc_context(chart_style())`` (`simulation.rendering`) so every letter has its glyph (`write_charts` does).
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from ..formats import format_number
from ..i18n import N_, _
from ..rendering import chart_style

if TYPE_CHECKING:
    from .run_results import Results

__all__ = ["write_charts", "queue_chart", "wait_chart", "utilisation_chart", "outcome_chart"]

OUTCOME_COLOURS = {"early": "#2b8a3e", "on_time": "#74b816", "late": "#e03131", "backlog": "#868e96"}
# What a reader sees for each dossier outcome and each staff role (the data keep their English keys).
OUTCOME_LABELS = {"early": N_("early"), "on_time": N_("on time"), "late": N_("late"),
                  "backlog": N_("not yet resolved")}
# TRANSLATORS: the hatched bars of the utilisation chart: officials kept past their planned duty (after closing,
# or past the hour a counters-by-hour plan sends them off) to finish the citizen in hand or the line.
OVERTIME = N_("overtime (beyond planned duty)")
ROLE_LABELS = {"counter": N_("counter"), "guide": N_("guidance desk"), "flexible": N_("flexible"),
               "back_office": N_("back office")}


def queue_chart(results: "Results", ax) -> None:
    table = results.queue_by_hour()
    ax.bar(table["hour"], table["queue_mean"], color="#1c7ed6", label=_("mean in line"))
    ax.plot(table["hour"], table["queue_max"], "o--", color="#e8590c", label=_("peak"))
    ax.set(xlabel=_("hour of day"), ylabel=_("citizens waiting"), title=_("Ticket line by hour"))
    ax.legend()


def wait_chart(results: "Results", ax) -> None:
    served = results.visitors.query("outcome == 'served'")["wait_min"]
    target = results.scenario.satisfaction.wait_target_min
    ax.hist(served, bins=30, color="#1c7ed6")
    ax.axvline(target, color="#e03131", linestyle="--", label=_("target {minutes} min").format(
        minutes=format_number(target)))
    ax.set(xlabel=_("wait (minutes)"), ylabel=_("citizens"), title=_("Waiting time of served citizens"))
    ax.legend()


def utilisation_chart(results: "Results", ax) -> None:
    """Busy share of the planned duty by hour and role; overtime (after closing, or past a counters-by-hour
    plan) is a hatched bar labelled with its minutes a day instead of a busy hour (`kpis.utilisation_by_hour`)."""
    table = results.utilisation_by_hour()
    for role, rows in table.groupby("role", sort=False):
        shown = _(ROLE_LABELS[role]) if role in ROLE_LABELS else role.replace("_", " ")
        rows = rows[rows["utilisation"].notna()]
        ax.plot(rows["hour"], rows["utilisation"], marker="o", label=shown)
    overtime = table.groupby("hour")["overtime_min"].sum() if "overtime_min" in table else None
    if overtime is not None and (overtime > 0).any():
        hours = overtime[overtime > 0]
        # in the second half of the hour: overtime follows the end of planned duty, it does not fill the hour
        ax.bar(hours.index + 0.5, [1.05] * len(hours), width=0.5, color="none", edgecolor="#868e96", hatch="///",
               linewidth=0.8, label=_(OVERTIME))
        for hour, minutes in hours.items():
            # TRANSLATORS: minutes of overtime a day in one clock hour, written up a hatched bar ("2.5 min/day").
            ax.text(hour + 0.5, 1.0, _("{minutes} min/day").format(minutes=format_number(minutes, 1)), rotation=90,
                    ha="center", va="top", fontsize=7, color="#343a40",
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
    ax.set(xlabel=_("hour of day"), ylabel=_("busy share of planned duty"), ylim=(0, 1.05),
           title=_("Staff utilisation"))
    ax.legend(fontsize=7, framealpha=0.9)


def outcome_chart(results: "Results", ax) -> None:
    counts = results.dossiers["outcome"].value_counts()
    labels = [k for k in OUTCOME_COLOURS if counts.get(k, 0)]
    ax.bar([_(OUTCOME_LABELS[k]) for k in labels], [counts[k] for k in labels],
           color=[OUTCOME_COLOURS[k] for k in labels])
    ax.set(ylabel=_("dossiers"), title=_("Dossiers against their legal deadline"))


def write_charts(results: "Results", folder: str | Path) -> list[Path]:
    """Write the four standard charts as PNG files; return their paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, draw in (("queue_by_hour", queue_chart), ("wait_distribution", wait_chart),
                       ("utilisation", utilisation_chart), ("online_outcomes", outcome_chart)):
        with plt.rc_context(chart_style()):
            fig, ax = plt.subplots(figsize=(7, 4))
            draw(results, ax)
            fig.tight_layout()
            path = folder / f"{name}.png"
            fig.savefig(path, dpi=100)
            plt.close(fig)
        paths.append(path)
    return paths
