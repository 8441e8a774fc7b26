"""The dashboard as a plan to take to the commune's meeting (issue 22): counters by hour, A and B compared like
with like, overtime shown as overtime, and the meeting pack exported. Driven in code, in Vietnamese."""
from __future__ import annotations

import re
import zipfile

import openpyxl
import pandas as pd
import pytest
from matplotlib.figure import Figure

from simulation import load_scenario, run
from simulation.experiments.meeting_pack import RUN_SHEETS
from simulation.experiments.replications import VERDICTS, practical_threshold, verdict
from simulation.experiments.staffing_options import team_of
from simulation.i18n import use_language
from simulation.results import charts
from simulation.views.comparison import comparison_html
from simulation.views.controls import control, scenario_values
from simulation.views.dashboard import StaffingDashboard
from simulation.views.like_with_like import Kept, like_with_like

OVERTIME_VI = "làm thêm giờ (ngoài lịch trực)"


@pytest.fixture(scope="module")
def kim_boi():
    return load_scenario("kim-boi")


@pytest.fixture
def dashboard(kim_boi, tmp_path):
    return StaffingDashboard(kim_boi, days=1, charts=False, lang="vi", export_folder=tmp_path / "exports")


# -- overtime is labelled, not shown as a busy hour ---------------------------------------------------
def _chart_words(results) -> tuple[list[str], list[str]]:
    figure = Figure()
    ax = figure.subplots()
    with use_language("vi"):
        charts.utilisation_chart(results, ax)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    return legend, [t.get_text() for t in ax.texts]


def test_service_after_closing_is_labelled_overtime_and_opening_hours_stay_at_most_busy(kim_boi):
    busy = run(kim_boi.with_values({"days": 1, "demand.walk_in_scale": 4.0}), seed=1)
    by_hour = busy.utilisation_by_hour()
    assert (busy.visitors["service_end"].dt.hour >= 17).any()           # citizens served after 17:00 closing
    assert by_hour["overtime_min"].sum() > 0
    assert (by_hour["utilisation"].dropna() <= 1.0 + 1e-9).all()
    assert by_hour.query("hour == 17")["utilisation"].isna().all()      # no planned duty at 17:00: no 100%
    legend, texts = _chart_words(busy)
    assert OVERTIME_VI in legend
    assert texts and all(re.fullmatch(r"\d+,\d phút/ngày", t) for t in texts), texts


def test_a_run_without_overtime_has_no_overtime_label(kim_boi):
    quiet = run(kim_boi.with_values({"days": 1, "demand.walk_in_scale": 0.0}), seed=1)
    assert quiet.utilisation_by_hour()["overtime_min"].sum() == 0
    legend, texts = _chart_words(quiet)
    assert OVERTIME_VI not in legend and texts == []


# -- counters by hour ---------------------------------------------------------------------------------
def test_one_box_per_opening_hour_feeds_the_run(dashboard):
    boxes = dashboard.counter_hours.boxes
    assert list(boxes) == [7, 8, 9, 10, 11, 13, 14, 15, 16]               # 07:30-11:30 and 13:30-17:00
    assert all(box.value == 2 and box.max == 2 for box in boxes.values())
    assert "motcua-counter-hour-16" in boxes[16]._dom_classes
    assert dashboard.values() == {}
    dashboard.counter_hours.set(16, 1)
    dashboard.counter_hours.set(7, 0)
    assert dashboard.values() == {"staff.counter_by_hour": {7: 0, 16: 1}}
    dashboard.comparison.keep("b")
    assert "Số quầy mở theo giờ = 07h: 0, 16h: 1" in dashboard.comparison.settings.value
    results = dashboard.run()
    on_duty = results.utilisation_by_hour().query("role == 'counter'").set_index("hour")["officials_on_duty"]
    assert on_duty[16] == 1 and on_duty[15] == 2 and 7 not in on_duty.index
    with pytest.raises(KeyError, match="no box for hour 12"):
        dashboard.counter_hours.set(12, 1)


def test_the_boxes_follow_the_head_count_and_never_exceed_it(dashboard):
    dashboard.counter_hours.set(16, 1)
    dashboard.set("staff.counter", 3)
    assert [b.value for b in dashboard.counter_hours.boxes.values()] == [3] * 8 + [1]
    dashboard.set("staff.counter", 1)
    assert {b.value for b in dashboard.counter_hours.boxes.values()} == {1}
    assert all(b.max == 1 for b in dashboard.counter_hours.boxes.values())
    assert dashboard.scenario().staff.counter_by_hour == {}           # valid: no hour asks for more than the team
    assert dashboard.run() is not None


def test_a_head_count_means_what_it_means_in_the_cli(kim_boi):
    counter = control("staff.counter")
    assert scenario_values(kim_boi, {counter: 4})["staff.counter"] == team_of(kim_boi, "counter", 4)


# -- like with like -----------------------------------------------------------------------------------
def test_different_horizons_are_run_over_one_and_named_in_vietnamese(kim_boi):
    with use_language("vi"):
        runs = like_with_like(kim_boi, Kept({"days": 1}, 1), Kept({"days": 20, "staff.counter": 3}, 1), seed=1)
    assert runs.a.days == runs.b.days == 20 and runs.a.start_date == runs.b.start_date
    assert runs.a.warmup_days == runs.b.warmup_days
    assert len(runs.a.staff.counter) == 2 and runs.b.staff.counter == 3
    (warning,) = runs.warnings
    assert "A: 1 ngày, B: 20 ngày" in warning and "20 ngày" in warning


def test_equal_horizons_and_seeds_give_no_warning(kim_boi):
    runs = like_with_like(kim_boi, Kept({"days": 2}, 3), Kept({"days": 2, "staff.counter": 3}, 3), seed=3)
    assert runs.warnings == () and runs.a.days == runs.b.days == 2


def test_different_seeds_are_named_and_both_sides_use_one(kim_boi):
    with use_language("vi"):
        runs = like_with_like(kim_boi, Kept({}, 1), Kept({}, 7), seed=7)
    assert runs.seed == 7 and len(runs.warnings) == 1 and "1" in runs.warnings[0] and "7" in runs.warnings[0]


def test_the_panel_warns_only_when_the_kept_horizons_differ(dashboard):
    panel = dashboard.comparison
    panel.reps.value = 2
    panel.keep("a")
    dashboard.set("staff.counter", 3)
    panel.keep("b")
    assert panel.compare() is not None and panel.warnings.value == ""
    dashboard.set("days", 3)
    panel.keep("b")
    panel.compare()
    assert "A: 1 ngày, B: 3 ngày" in panel.warnings.value
    assert panel.last.a.days == panel.last.b.days == 3


def test_a_difference_below_the_cli_threshold_is_not_called_real():
    threshold = practical_threshold("wait_mean", 5.0)
    small, large = 0.2, 2.0
    assert 0 < small < threshold < large
    rows = [{"kpi": "wait_mean", "mean_a": 5.0, "mean_b": 5.0 + d, "difference": d, "low": d - 0.1, "high": d + 0.1,
             "n": 5, "significant": True, "threshold": threshold, "verdict": verdict(d - 0.1, d + 0.1, d, threshold)}
            for d in (small, large)]
    shown = [comparison_html(pd.DataFrame([row]), lang="vi") for row in rows]
    assert rows[0]["verdict"] == VERDICTS["negligible"] and rows[1]["verdict"] == VERDICTS["real"]
    assert "✱</td>" not in shown[0] and "không đáng kể" in shown[0]
    assert "✱</td>" in shown[1] and "khác biệt thực sự" in shown[1]
    assert "+0,2 phút [+0,1 phút; +0,3 phút]" in shown[0]               # formatted in Vietnamese


# -- export -------------------------------------------------------------------------------------------
def test_export_before_a_run_says_to_run_first(dashboard):
    assert dashboard.export.export() is None
    assert "Chạy mô phỏng" in dashboard.export.link.value


def test_export_writes_the_meeting_pack_and_offers_it_for_download(dashboard, tmp_path):
    dashboard.run()
    panel = dashboard.comparison
    panel.reps.value = 2
    panel.keep("a")
    dashboard.set("staff.counter", 3)
    panel.keep("b")
    panel.compare()
    archive = dashboard.export.export()
    folder = archive.with_suffix("")
    assert archive.parent == (tmp_path / "exports").resolve() and archive.suffix == ".zip"
    names = set(zipfile.ZipFile(archive).namelist())
    run_files = {f"ket-qua/{n}" for n in ("kpis.csv", "utilisation.csv", "hours.csv", "headcount.csv", "run.xlsx",
                                          "report.html")}
    compare_files = {f"so-sanh/{n}" for n in ("differences.csv", "hours.csv", "compare.xlsx", "report.html")}
    assert run_files | compare_files <= names
    # the dashboard speaks Vietnamese: so do the workbooks' sheets (the CSV files keep machine names)
    assert len(RUN_SHEETS) == 4 and openpyxl.load_workbook(folder / "ket-qua" / "run.xlsx").sheetnames == [
        "chỉ số", "mức độ bận", "giờ công", "công chức trực"]
    assert openpyxl.load_workbook(folder / "so-sanh" / "compare.xlsx").sheetnames == [
        "chênh lệch", "giờ công", "công chức trực A", "công chức trực B"]
    utilisation = pd.read_csv(folder / "ket-qua" / "utilisation.csv")
    assert {"utilisation", "overtime_min"} <= set(utilisation.columns)
    link = dashboard.export.link.value
    assert f"download='{archive.name}'" in link and "href='data:application/zip;base64," in link
    assert f"Tải về {archive.name}" in link


def test_export_of_a_run_alone_has_no_comparison(dashboard):
    dashboard.run()
    archive = dashboard.export.export()
    names = zipfile.ZipFile(archive).namelist()
    assert "ket-qua/run.xlsx" in names and not any(n.startswith("so-sanh/") for n in names)
