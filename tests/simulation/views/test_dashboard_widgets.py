"""The staffing dashboard's widget logic, driven in code: set values, press the button, read the KPI text."""
from __future__ import annotations

import base64
import re
import typing

import annotated_types
import pytest
from pydantic import BaseModel

from simulation import load_scenario
from simulation.views.dashboard import StaffingDashboard
from simulation.views.controls import (PLANNER_CONTROLS, control, current_value,
                                           scenario_values, schema_controls)
from simulation.views.panels import css_class, kpi_cards
from simulation.scenario import Scenario


@pytest.fixture(scope="module")
def kim_boi():
    return load_scenario("kim-boi")


@pytest.fixture
def dashboard(kim_boi):
    """In English: these tests read today's English words (tests/simulation/views/test_dashboard_language.py
    reads the Vietnamese ones)."""
    return StaffingDashboard(kim_boi, days=1, charts=False, lang="en")


def _card(html: str, key: str) -> str:
    match = re.search(rf"data-kpi='{key}'[^>]*>([^<]*)<", html)
    assert match, f"no KPI card {key} in {html[:200]}"
    return match.group(1)


# -- controls read from the schema ------------------------------------------------------------------
def test_every_planner_knob_of_the_issue_has_a_widget(dashboard):
    wanted = {"staff.counter", "staff.back_office", "staff.guide", "staff.flexible", "demand.walk_in_scale",
              "demand.online_scale", "demand.walk_in.mix.account_help", "demand.outages", "policy.priority"}
    assert wanted <= set(dashboard.widgets)


def test_slider_ranges_come_from_the_field_constraints():
    scale = control("demand.walk_in_scale")                 # Field(ge=0, le=100)
    assert (scale.minimum, scale.maximum, scale.kind) == (0, 100, "float")
    capped = control("demand.walk_in_scale", maximum=5)     # a UI cap narrows, never widens
    assert capped.maximum == 5 and control("demand.walk_in_scale", maximum=500).maximum == 100
    target = control("satisfaction.wait_target_min")        # Field(gt=0, le=480)
    assert (target.minimum, target.maximum) == (0, 480)
    assert control("policy.priority").kind == "bool"
    assert control("service.pickup.dist").options == tuple((v, v) for v in
                                                            ("exponential", "lognormal", "constant", "uniform"))


def _bounded_scalar_paths(model: type[BaseModel], prefix: str = "") -> set[str]:
    """Independent walk of the schema: every bool, Literal, or int/float field with both bounds."""
    found = set()
    for name, info in model.model_fields.items():
        annotation = info.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            found |= _bounded_scalar_paths(annotation, f"{prefix}{name}.")
            continue
        kinds = {type(m) for m in info.metadata}
        bounded = kinds & {annotated_types.Ge, annotated_types.Gt} and kinds & {annotated_types.Le, annotated_types.Lt}
        if annotation is bool or typing.get_origin(annotation) is typing.Literal or (
                annotation in (int, float) and bounded):
            found.add(prefix + name)
    return found


def test_every_bounded_schema_field_shows_up_without_notebook_edits(dashboard):
    expected = _bounded_scalar_paths(Scenario) - {"schema_version"}
    assert expected <= set(dashboard.widgets), sorted(expected - set(dashboard.widgets))
    assert {c.path for c in schema_controls()}.isdisjoint(p for p, *_ in PLANNER_CONTROLS)


def test_widgets_start_at_the_scenario_values_and_carry_css_classes(dashboard, kim_boi):
    assert dashboard.widgets["staff.counter"].value == len(kim_boi.staff.counter) == 2
    assert dashboard.widgets["days"].value == 1
    assert dashboard.widgets["demand.walk_in.mix.account_help"].value == pytest.approx(0.21)
    assert dashboard.widgets["policy.priority"].value is True
    assert "motcua-staff-counter" in dashboard.widgets["staff.counter"]._dom_classes
    assert css_class("demand.walk_in.mix.account_help") == "motcua-demand-walk-in-mix-account-help"
    assert dashboard.values() == {}


# -- from widget values to scenario changes ---------------------------------------------------------
def test_team_count_keeps_named_officials_and_adds_generalists(kim_boi):
    counter = control("staff.counter")
    more = kim_boi.with_values(scenario_values(kim_boi, {counter: 3}))
    assert [o.name for o in more.staff.counter[:2]] == [o.name for o in kim_boi.staff.counter]
    assert len(more.staff.counter) == 3 and more.staff.counter[2].skills == ["all"]
    fewer = kim_boi.with_values(scenario_values(kim_boi, {counter: 1}))
    assert [o.name for o in fewer.staff.counter] == [kim_boi.staff.counter[0].name]
    flexible = control("staff.flexible")     # a head count stays a head count
    assert scenario_values(kim_boi, {flexible: 2}) == {"staff.flexible": 2}


def test_share_control_rescales_the_rest_of_the_mix(kim_boi):
    share = control("demand.walk_in.mix.account_help", kind="share")
    changed = kim_boi.with_values(scenario_values(kim_boi, {share: 0.5}))
    mix = changed.demand.walk_in.mix
    assert mix["account_help"] == pytest.approx(0.5) and sum(mix.values()) == pytest.approx(1.0)
    before = kim_boi.demand.walk_in.mix
    assert mix["pickup"] / mix["assisted_online"] == pytest.approx(before["pickup"] / before["assisted_online"])
    assert current_value(changed, share) == pytest.approx(0.5)


def test_outage_hours_become_one_outage_on_the_first_day(kim_boi):
    outage = control("demand.outages", kind="outage", maximum=9)
    changed = kim_boi.with_values(scenario_values(kim_boi, {outage: 3.5}))
    (fault,) = changed.demand.outages
    assert fault.start.date() == kim_boi.start_date and fault.start.hour == 8
    assert (fault.end - fault.start).total_seconds() == 3.5 * 3600
    assert current_value(changed, outage) == 3.5
    assert scenario_values(changed, {outage: 0}) == {"demand.outages": []}


# -- pressing the button ----------------------------------------------------------------------------
def test_run_button_updates_the_kpi_cards(dashboard):
    dashboard.run_button.click()
    first = dashboard.kpis.value
    served = dashboard.last_results.kpis()["served"]
    assert _card(first, "served") == f"{served:.0f}"
    dashboard.set("demand.walk_in_scale", 3.0)
    dashboard.set("staff.counter", 1)
    dashboard.run_button.click()
    second = dashboard.kpis.value
    assert second != first
    assert int(_card(second, "served")) > int(_card(first, "served"))
    assert float(_card(second, "wait_mean").split()[0]) > float(_card(first, "wait_mean").split()[0])
    assert "Counter officials" in dashboard.status.value and "Walk-in volume ×" in dashboard.status.value


def test_charts_are_drawn_when_asked(kim_boi):
    dashboard = StaffingDashboard(kim_boi, days=1, more_settings=False)
    assert dashboard.charts.outputs == ()
    dashboard.run_button.click()
    (output,) = dashboard.charts.outputs
    assert base64.b64decode(output["data"]["image/png"])[:8] == b"\x89PNG\r\n\x1a\n"
    assert set(dashboard.widgets) == {p for p, *_ in PLANNER_CONTROLS}


def test_an_impossible_setting_shows_the_schema_message_and_keeps_the_cards(dashboard):
    dashboard.run_button.click()
    before = dashboard.kpis.value
    dashboard.set("staff.counter", 0)     # Kim Boi has paper dossiers: someone must staff the counter
    assert dashboard.run() is None
    assert "counter" in dashboard.status.value and "paper dossiers" in dashboard.status.value
    assert dashboard.kpis.value == before
    with pytest.raises(KeyError, match="no dashboard control for 'staff.nobody'"):
        dashboard.set("staff.nobody", 1)


def test_kpi_cards_show_a_dash_for_missing_values():
    html = kpi_cards({"wait_mean": float("nan"), "served": 12.0}, ["queue grows"])
    assert _card(html, "wait_mean") == "–" and _card(html, "served") == "12"
    assert "queue grows" in html


# -- side by side -----------------------------------------------------------------------------------
def test_comparison_needs_two_kept_settings(dashboard):
    assert dashboard.comparison.compare() is None
    assert "first" in dashboard.comparison.table.value


def test_identical_settings_differ_by_exactly_zero(dashboard):
    panel = dashboard.comparison
    panel.reps.value = 2
    panel.keep_a.click()
    panel.keep_b.click()
    panel.compare_button.click()
    assert "B − A" in panel.table.value
    assert _card(panel.table.value, "wait_mean").startswith("+0.0 min [+0.0 min, +0.0 min]")


def test_comparison_shows_the_paired_interval_of_a_real_change(dashboard):
    panel = dashboard.comparison
    panel.reps.value = 4
    dashboard.set("demand.walk_in_scale", 3.0)
    panel.keep("a")
    dashboard.set("staff.counter", 4)
    kept = panel.keep("b")
    assert len(kept["staff.counter"]) == 4
    table = panel.compare()
    row = table.set_index("kpi").loc["wait_mean"]
    assert row["mean_b"] < row["mean_a"] and row["high"] < 0 and row["significant"]
    assert "✱" in _card(panel.table.value, "wait_mean")
    assert "Counter officials = 4 officials" in panel.settings.value


def test_the_seed_box_gives_another_day_and_the_same_seed_the_same_day(dashboard):
    dashboard.run_button.click()
    first = dashboard.kpis.value
    dashboard.seed_box.value = 7
    dashboard.run_button.click()
    assert dashboard.kpis.value != first and dashboard.last_results.seed.entropy == 7
    dashboard.seed_box.value = 1
    dashboard.run_button.click()
    assert dashboard.kpis.value == first


def test_the_dashboard_opens_on_a_busy_week_whose_charts_show_something():
    """A newcomer's first Run: five working days with a line, not a quiet day of zeros."""
    from simulation.views.dashboard import OPENING_SCENARIO

    opening = StaffingDashboard.from_file(charts=False, more_settings=False)
    assert opening.base.name == load_scenario(OPENING_SCENARIO).name
    results = opening.run()
    working_days = results.visitors["arrival_min"].floordiv(1440).nunique()
    assert working_days == 5
    assert results.queue_by_hour()["queue_max"].max() > 0
    kpis = results.kpis()
    assert kpis["wait_p90"] > 0 and kpis["online_on_time"] > 0
    assert opening.widgets["days"].value == 7
