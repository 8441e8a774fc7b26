"""The pieces the staffing dashboard is built from: one widget per control, KPI cards, chart images.

Every widget carries a CSS class named after its scenario path
(``motcua-staff-counter``) so a browser test, or a trainer's stylesheet, can
find it. Charts are drawn on a bare matplotlib ``Figure`` (no pyplot, no
global backend state) and shown as PNG, which looks the same in JupyterLab,
in Voila and in a test.

Words are in the current language (`simulation.i18n`): the dashboard builds
and refreshes its panels inside ``use_language(dashboard.lang)``; KPI labels and
formats come from the KPI catalogue, everything else from the gettext catalogue.
"""
from __future__ import annotations

import html
import io
import math
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets
from matplotlib.figure import Figure

from ..formats import format_number
from ..i18n import N_, _, current_language, use_language
from ..rendering import chart_style
from ..results.kpi_catalogue import format_value, kpi, label
from .controls import Control, control_label, option_labels

if TYPE_CHECKING:
    from ..results.run_results import Results

__all__ = ["css_class", "make_widget", "with_readout", "decimal_comma_ticks", "kpi_cards", "results_png", "CARD_KPIS", "KPI_CARDS"]

_STYLE = {"description_width": "230px"}  # Vietnamese labels run longer than English ones
_LAYOUT = {"width": "470px"}
_READOUT_LAYOUT = {"width": "400px"}     # a slider whose readout is drawn beside it (decimal comma)

# What a planner reads first on the dashboard, one card each; words and formats come from the KPI catalogue.
CARD_KPIS: tuple[str, ...] = ("wait_mean", "wait_p90", "share_wait_over_target", "served", "balk_rate",
                              "renege_rate", "online_on_time", "online_early", "backlog_end", "utilisation_counter",
                              "utilisation_back_office", "complaints")
# Cards whose value turns the card red: beyond the service standard a centre is held to.
_ALARM = {"share_wait_over_target": lambda v: v > 0.2, "online_on_time": lambda v: v < 0.95}
_CELL_UNITS = {"min": "min", "share": "pct"}
# (KPI key, cell format "min" / "pct" / "count"), for the comparison table; the label is the catalogue's, read
# when the table is drawn, in the reader's language.
KPI_CARDS: tuple[tuple[str, str], ...] = tuple(
    (key, _CELL_UNITS.get(kpi(key).unit, "count")) for key in CARD_KPIS)
# TRANSLATORS: before a capacity warning under the KPI cards ("⚠ Warning: no counter official is ever on duty").
WARNING = N_("Warning: {message}")
NOBODY_SERVED = N_("Waiting time of served citizens (nobody served)")

_CARD = ("<div class='motcua-card' style='display:inline-block;vertical-align:top;width:150px;margin:4px;"
         "padding:6px 8px;border:1px solid #ced4da;border-radius:6px;background:{bg}'>"
         "<div style='font-size:11px;color:#495057'>{title}</div>"
         "<div class='motcua-kpi-value' data-kpi='{key}' style='font-size:20px;font-weight:600'>{value}</div>"
         "</div>")


def css_class(path: str) -> str:
    """``staff.counter`` -> ``motcua-staff-counter``."""
    return "motcua-" + path.replace(".", "-").replace("_", "-")


def make_widget(item: Control, value: Any) -> widgets.Widget:
    """The widget for one control, set to `value`."""
    common = {"description": control_label(item), "style": _STYLE, "layout": _LAYOUT}
    if item.kind in ("team", "int"):
        high = max(int(item.maximum), int(value))
        cls = widgets.IntSlider if item.slider else widgets.BoundedIntText
        extra = {"continuous_update": False} if item.slider else {}
        widget = cls(value=int(value), min=int(item.minimum), max=high, step=int(item.step), **common, **extra)
    elif item.kind in ("float", "share", "outage"):
        high = max(float(item.maximum), float(value))
        cls = widgets.FloatSlider if item.slider else widgets.BoundedFloatText
        extra = {"continuous_update": False, "readout_format": ".2f"} if item.slider else {}
        if item.slider and _decimal_comma():  # the browser's readout writes 1.50: `with_readout` draws 1,50
            extra = {"continuous_update": False, "readout": False}
            common = {**common, "layout": _READOUT_LAYOUT}
        widget = cls(value=float(value), min=float(item.minimum), max=high, step=float(item.step), **common, **extra)
    elif item.kind == "bool":
        widget = widgets.Checkbox(value=bool(value), indent=False, description=control_label(item), layout=_LAYOUT)
    elif item.kind == "choice":
        widget = widgets.Dropdown(options=option_labels(item), value=value, **common)
    else:
        raise ValueError(f"{item.path}: unknown control kind {item.kind!r}")
    widget.add_class(css_class(item.path))
    return widget


def _decimal_comma() -> bool:
    return format_number(1.5, 1) != "1.5"


def with_readout(widget: widgets.Widget) -> widgets.Widget:
    """The widget as laid out: a slider without its own readout gets one beside it, in the current language's
    number format, kept up to date as the slider moves."""
    if not isinstance(widget, widgets.FloatSlider) or widget.readout:
        return widget
    readout = widgets.HTML(layout={"width": "60px", "margin": "0 0 0 6px"})
    readout.add_class("motcua-readout")

    language = current_language()  # the dashboard's, captured: the slider moves later, outside its block

    def show(value: float) -> None:
        readout.value = html.escape(format_number(value, 2, language))

    widget.observe(lambda change: show(change["new"]), names="value")
    show(widget.value)
    return widgets.HBox([widget, readout], layout={"align_items": "center"})


def decimal_comma_ticks(axes) -> None:
    """Tick labels in the current language's number format (matplotlib writes 2.5 whatever the reader)."""
    from matplotlib.ticker import FuncFormatter

    language = current_language()
    ticks = FuncFormatter(lambda value, _position: format_number(round(value, 6), language=language))
    for ax in axes:
        ax.xaxis.set_major_formatter(ticks)
        ax.yaxis.set_major_formatter(ticks)


def kpi_cards(kpis: dict[str, float], warnings: list[str] = (), title: str = "",
              lang: str | None = None) -> str:
    """HTML cards for the headline KPIs, with the run's capacity warnings underneath (`lang`: None for the
    current language)."""
    lang = lang or current_language()
    cards = []
    for key in CARD_KPIS:
        value = float(kpis.get(key, math.nan))
        bad = key in _ALARM and value == value and _ALARM[key](value)
        cards.append(_CARD.format(bg="#fff5f5" if bad else "#f8f9fa", title=html.escape(label(key, lang)), key=key,
                                  value=format_value(key, value, lang, unit=True)))
    head = f"<div style='font-weight:600'>{html.escape(title)}</div>" if title else ""
    with use_language(lang):
        notes = "".join(f"<div style='color:#c92a2a'>⚠ {html.escape(_(WARNING).format(message=w))}</div>"
                        for w in warnings)
    return f"<div class='motcua-kpi-cards' lang='{lang}'>{head}{''.join(cards)}{notes}</div>"


def results_png(results: "Results", dpi: int = 80, lang: str | None = None) -> bytes:
    """One PNG with the ticket line by hour, the waiting times and staff utilisation, in `lang` (None: current)."""
    from ..results import charts  # here, not on import: it sets matplotlib's Agg backend, which a kernel must not inherit
    import matplotlib

    with use_language(lang or current_language()), matplotlib.rc_context(chart_style()):
        figure = Figure(figsize=(12, 3.4))
        axes = figure.subplots(1, 3)
        charts.queue_chart(results, axes[0])
        if (results.visitors["outcome"] == "served").any():
            charts.wait_chart(results, axes[1])
        else:
            axes[1].set(title=_(NOBODY_SERVED))
        if len(results.utilisation_by_hour()):
            charts.utilisation_chart(results, axes[2])
        if _decimal_comma():
            decimal_comma_ticks(axes)
        figure.subplots_adjust(left=0.065, right=0.99, bottom=0.16, top=0.9, wspace=0.22)  # fixed: tight_layout redoes the layout on every Run
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()
