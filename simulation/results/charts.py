"""PNG charts of one run: queue by hour, waiting-time distribution, utilisation, online outcomes."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

if TYPE_CHECKING:
    from .run_results import Results

__all__ = ["write_charts", "queue_chart", "wait_chart", "utilisation_chart", "outcome_chart"]

OUTCOME_COLOURS = {"early": "#2b8a3e", "on_time": "#74b816", "late": "#e03131", "backlog": "#868e96"}


def queue_chart(results: "Results", ax) -> None:
    table = results.queue_by_hour()
    ax.bar(table["hour"], table["queue_mean"], color="#1c7ed6", label="mean in line")
    ax.plot(table["hour"], table["queue_max"], "o--", color="#e8590c", label="peak")
    ax.set(xlabel="hour of day", ylabel="citizens waiting", title="Ticket line by hour")
    ax.legend()


def wait_chart(results: "Results", ax) -> None:
    served = results.visitors.query("outcome == 'served'")["wait_min"]
    target = results.scenario.satisfaction.wait_target_min
    ax.hist(served, bins=30, color="#1c7ed6")
    ax.axvline(target, color="#e03131", linestyle="--", label=f"target {target:g} min")
    ax.set(xlabel="wait (minutes)", ylabel="citizens", title="Waiting time of served citizens")
    ax.legend()


def utilisation_chart(results: "Results", ax) -> None:
    table = results.utilisation_by_hour()
    for role, rows in table.groupby("role"):
        ax.plot(rows["hour"], rows["utilisation"], marker="o", label=role.replace("_", " "))
    ax.set(xlabel="hour of day", ylabel="busy share of time on duty", ylim=(0, 1.05), title="Staff utilisation")
    ax.legend()


def outcome_chart(results: "Results", ax) -> None:
    counts = results.dossiers["outcome"].value_counts()
    labels = [k for k in OUTCOME_COLOURS if counts.get(k, 0)]
    ax.bar(labels, [counts[k] for k in labels], color=[OUTCOME_COLOURS[k] for k in labels])
    ax.set(ylabel="dossiers", title="Dossiers against their legal deadline")


def write_charts(results: "Results", folder: str | Path) -> list[Path]:
    """Write the four standard charts as PNG files; return their paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, draw in (("queue_by_hour", queue_chart), ("wait_distribution", wait_chart),
                       ("utilisation", utilisation_chart), ("online_outcomes", outcome_chart)):
        fig, ax = plt.subplots(figsize=(7, 4))
        draw(results, ax)
        fig.tight_layout()
        path = folder / f"{name}.png"
        fig.savefig(path, dpi=100)
        plt.close(fig)
        paths.append(path)
    return paths
