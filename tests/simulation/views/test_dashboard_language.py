"""The staffing dashboard speaks Vietnamese to commune leaders by default and English when asked."""
from __future__ import annotations

import base64
import re
import warnings

import ipywidgets as widgets
import pytest

from exercises.untranslated import english_leftovers, vietnamese_share
from simulation import load_scenario
from simulation.i18n import current_language, use_language
from simulation.results.kpi_catalogue import label
from simulation.views.dashboard import StaffingDashboard
from simulation.views.panels import CARD_KPIS, kpi_cards, results_png


@pytest.fixture(scope="module")
def kim_boi():
    return load_scenario("kim-boi")


@pytest.fixture
def no_language_set(monkeypatch):
    """No $MOTCUA_LANG: the dashboard decides on its own (Vietnamese for leaders)."""
    monkeypatch.delenv("MOTCUA_LANG", raising=False)


def _words(dashboard: StaffingDashboard) -> list[str]:
    """Every word a person reads on the controls: descriptions, button labels, dropdown options, accordion titles."""
    found = []

    def walk(widget):
        for name in ("description", "tooltip"):
            text = getattr(widget, name, None)
            if isinstance(text, str) and text:
                found.append(text)
        if isinstance(widget, widgets.Dropdown):
            found.extend(str(option[0]) for option in widget.options)
        if isinstance(widget, widgets.Accordion):
            found.extend(widget.get_title(i) for i in range(len(widget.children)))
        if isinstance(widget, widgets.HTML) and widget.value:
            found.append(re.sub(r"<[^>]+>", " ", widget.value))
        for child in getattr(widget, "children", ()):
            walk(child)

    walk(dashboard.widget)
    return found


def _card_titles(html: str) -> dict[str, str]:
    found = re.findall(r"<div style='font-size:11px;color:#495057'>([^<]*)</div>"
                       r"<div class='motcua-kpi-value' data-kpi='(\w+)'", html)
    return {key: title for title, key in found}


def _values(html: str) -> dict[str, str]:
    return dict(re.findall(r"data-kpi='(\w+)'[^>]*>([^<]*)<", html))


def test_vietnamese_is_the_default_and_no_english_is_left_on_the_controls(kim_boi, no_language_set):
    dashboard = StaffingDashboard(kim_boi, days=1, charts=False)
    assert dashboard.lang == "vi"
    words = _words(dashboard)
    assert len(words) > 40                                  # the planner's knobs and every other schema field
    leftovers = {text: english_leftovers(text) for text in words if english_leftovers(text)}
    assert not leftovers, leftovers
    assert dashboard.run_button.description == "Chạy mô phỏng"
    assert dashboard.widgets["staff.counter"].description == "Công chức tiếp nhận tại quầy"
    assert ("đến trước, phục vụ trước", False) in dashboard.widgets["policy.priority"].options
    prose = " ".join(words)
    assert vietnamese_share(prose) > 0.6, prose[:300]       # mostly Vietnamese words, not only stop-word free


def test_the_vietnamese_run_shows_catalogue_labels_and_decimal_commas(kim_boi, no_language_set):
    dashboard = StaffingDashboard(kim_boi, days=1, charts=False)
    dashboard.set("demand.walk_in_scale", 2.5)
    results = dashboard.run()
    titles = _card_titles(dashboard.kpis.value)
    assert titles == {key: label(key, "vi") for key in CARD_KPIS}
    wait = results.kpis()["wait_mean"]
    assert _values(dashboard.kpis.value)["wait_mean"] == f"{wait:.1f} phút".replace(".", ",")
    assert "1 ngày, từ ngày 01/07/2025" in dashboard.kpis.value
    status = re.sub(r"<[^>]+>", "", dashboard.status.value)
    assert "Lượng công dân đến trực tiếp ×" in status and not english_leftovers(status), status
    assert re.search(r"trong \d+,\d\d giây", status), status


def test_the_comparison_panel_speaks_vietnamese(kim_boi, no_language_set):
    dashboard = StaffingDashboard(kim_boi, days=1, charts=False)
    panel = dashboard.comparison
    assert panel.compare() is None and "Anh/chị hãy lưu" in panel.table.value
    panel.reps.value = 2
    panel.keep("a")
    dashboard.set("staff.counter", 3)
    panel.keep("b")
    assert "Công chức tiếp nhận tại quầy = 3 công chức" in panel.settings.value
    panel.compare()
    table = panel.table.value
    assert "khoảng tin cậy 95%" in table and "Công dân được phục vụ" in table
    assert re.search(r"data-kpi='wait_mean'>[+-]\d+,\d phút \[[+-]\d+,\d phút; [+-]\d+,\d phút\]", table), table
    assert not english_leftovers(re.sub(r"<[^>]+>|<style>.*?</style>", " ", table, flags=re.S))


def test_english_when_asked_shows_todays_english_words(kim_boi, monkeypatch):
    monkeypatch.setenv("MOTCUA_LANG", "vi")                 # an explicit choice wins over the environment
    dashboard = StaffingDashboard(kim_boi, days=1, charts=False, lang="en")
    assert dashboard.run_button.description == "Run" and dashboard.seed_box.description == "Seed"
    assert dashboard.widgets["staff.counter"].description == "Counter officials"
    assert dashboard.widgets["demand.walk_in.mix.account_help"].description == "Share needing VNeID help"
    assert dashboard.comparison.keep_a.description == "Keep as setting A"
    dashboard.run()
    assert _card_titles(dashboard.kpis.value)["wait_mean"] == "Wait, mean"
    assert re.fullmatch(r"\d+\.\d min", _values(dashboard.kpis.value)["wait_mean"])
    assert "1 day from 01/07/2025" in dashboard.kpis.value


def test_the_environment_picks_english_for_voila(kim_boi, monkeypatch):
    monkeypatch.setenv("MOTCUA_LANG", "en")                 # what `make app LANG_UI=en` sets
    assert StaffingDashboard(kim_boi, days=1, charts=False).run_button.description == "Run"
    with pytest.raises(ValueError, match="must be one of vi, en"):
        StaffingDashboard(kim_boi, days=1, charts=False, lang="fr")


def test_the_dashboard_keeps_its_language_whatever_the_caller_speaks(kim_boi, no_language_set):
    dashboard = StaffingDashboard(kim_boi, days=1, charts=False, lang="vi")
    with use_language("en"):
        dashboard.run_button.click()                        # a button pressed while the kernel speaks English
        assert current_language() == "en"
    assert _card_titles(dashboard.kpis.value)["served"] == "Công dân được phục vụ"


def test_kpi_card_warnings_are_introduced_in_the_readers_language():
    assert "⚠ Cảnh báo: queue grows" in kpi_cards({"served": 1.0}, ["queue grows"], lang="vi")
    assert "⚠ Warning: queue grows" in kpi_cards({"served": 1.0}, ["queue grows"], lang="en")


def _chart_texts(results, lang: str) -> list[str]:
    """Titles, axis labels and legend entries of the dashboard's charts as drawn in `lang`."""
    import matplotlib
    from matplotlib.figure import Figure

    from simulation.rendering import chart_style
    from simulation.results import charts

    with use_language(lang), matplotlib.rc_context(chart_style()):
        figure = Figure()
        axes = figure.subplots(1, 3)
        charts.queue_chart(results, axes[0])
        charts.wait_chart(results, axes[1])
        charts.utilisation_chart(results, axes[2])
    texts = []
    for ax in axes:
        texts += [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
        texts += [t.get_text() for t in ax.get_legend().get_texts()]
    return texts


def test_the_dashboards_charts_are_vietnamese_and_every_letter_has_its_glyph(kim_boi):
    from simulation import run

    results = run(kim_boi.with_values({"days": 1, "demand.walk_in_scale": 3.0}), seed=1)
    vi, en = _chart_texts(results, "vi"), _chart_texts(results, "en")
    assert "Hàng chờ theo giờ" in vi and "Ticket line by hour" in en
    assert "quầy tiếp nhận" in vi and "counter" in en         # the roles in the legend
    assert not [t for t in vi if english_leftovers(t)], vi
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        png = results_png(results, lang="vi")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    missing = [str(w.message) for w in caught if "missing from" in str(w.message)]
    assert not missing, missing
    assert base64.b64encode(png)                            # what the Output widget shows


def test_vietnamese_sliders_read_out_with_a_decimal_comma(kim_boi, no_language_set):
    vi = StaffingDashboard(kim_boi, days=1, charts=False)
    readouts = {}

    def walk(widget):
        if isinstance(widget, widgets.HBox) and len(widget.children) == 2 and "motcua-readout" in \
                widget.children[1]._dom_classes:
            readouts[widget.children[0]] = widget.children[1]
        for child in getattr(widget, "children", ()):
            walk(child)

    walk(vi.widget)
    scale = vi.widgets["demand.walk_in_scale"]
    assert readouts[scale].value == "1,00" and not scale.readout
    vi.set("demand.walk_in_scale", 2.5)                     # moved by a person or in code: the readout follows
    assert readouts[scale].value == "2,50"
    assert readouts[vi.widgets["demand.walk_in.mix.account_help"]].value == "0,21"
    en = StaffingDashboard(kim_boi, days=1, charts=False, lang="en")
    assert en.widgets["demand.walk_in_scale"].readout     # English keeps the browser's own readout (1.00)


def test_chart_ticks_use_the_readers_decimal_mark():
    from matplotlib.figure import Figure

    from simulation.views.panels import decimal_comma_ticks

    figure = Figure()
    ax = figure.subplots()
    ax.plot([0, 1], [0, 2.5])
    with use_language("vi"):
        decimal_comma_ticks([ax])
    assert ax.yaxis.get_major_formatter()(2.5, 0) == "2,5" and ax.xaxis.get_major_formatter()(1000, 0) == "1.000"
