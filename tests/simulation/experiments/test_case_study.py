"""The Kim Boi case study helpers behind notebook 1."""
from __future__ import annotations

import datetime as dt

import pytest

from simulation import ScenarioError, load_scenario
from simulation.experiments.case_study import ARTICLE_JULY, absent_official, difficulty_scenarios, july_table


@pytest.fixture(scope="module")
def kim_boi():
    return load_scenario("kim-boi")


def test_absence_covers_five_working_days_from_the_second_monday(kim_boi):
    away = absent_official(kim_boi)
    dates = away.staff.counter[0].absent
    assert dates[0] == dt.date(2025, 7, 14) and len(dates) == 5
    assert all(d.weekday() < 5 for d in dates)
    assert away.staff.counter[1].absent == kim_boi.staff.counter[1].absent == []
    friday = absent_official(kim_boi, role="back_office", index=2, first=dt.date(2025, 7, 18), working_days=2)
    assert friday.staff.back_office[2].absent == [dt.date(2025, 7, 18), dt.date(2025, 7, 21)]   # skips the weekend


def test_absence_needs_a_named_official(kim_boi):
    counted = kim_boi.with_values({"staff.flexible": 2})
    with pytest.raises(ScenarioError, match=r"kim-boi.yaml: staff.flexible\[0\]: the scenario must name this official"):
        absent_official(counted, role="flexible")


def test_difficulties_are_the_shipped_files_and_an_absence(kim_boi):
    variants = difficulty_scenarios(kim_boi)
    names = list(variants)
    assert variants[names[0]].demand.outages and variants[names[1]].demand.walk_in_scale > 1
    assert variants[names[2]].staff.counter[0].absent


def test_july_table_puts_each_article_figure_beside_its_interval(kim_boi):
    table = july_table(kim_boi, reps=2)
    assert table["article"].tolist() == [figure for _, _, figure in ARTICLE_JULY]
    assert (table["low"] <= table["simulated"]).all() and (table["simulated"] <= table["high"]).all()
    received = table.set_index("kpi").loc["dossiers_received"]
    assert 0.8 * 705 < received["simulated"] < 1.2 * 705        # calibrated to the article's month


def test_difficulties_name_each_kpi_and_label_it_from_the_catalogue():
    from simulation.experiments.case_study import DIFFICULTY_KPIS, difficulties, difficulty_png
    from simulation.results.kpi_catalogue import label

    base = load_scenario("mmc").with_values({"days": 3})
    busier = base.with_values({"demand.walk_in_scale": 1.3})
    table = difficulties(base, reps=2, scenarios={"busier": busier})
    assert list(table.columns[:3]) == ["difficulty", "kpi", "label"]
    assert set(table["kpi"]) <= set(DIFFICULTY_KPIS) and "wait_mean" in set(table["kpi"])
    assert (table["label"] == [label(k, unit=True) for k in table["kpi"]]).all()
    assert table.set_index("kpi").loc["wait_mean", "difference"] > 0           # more citizens, longer waits
    vi = difficulties(base, reps=2, scenarios={"busier": busier}, lang="vi")
    assert vi.set_index("kpi").loc["wait_mean", "label"] == "Thời gian chờ trung bình (phút)"
    assert difficulty_png(table, kpis=("wait_mean", "wait_p90"))[:4] == b"\x89PNG"


def test_the_case_study_tables_read_in_the_readers_language(kim_boi):
    from simulation.experiments.case_study import for_reader
    from simulation.i18n import use_language

    with use_language("vi"):
        vi = july_table(kim_boi, reps=2)
        shown = for_reader(vi)
        names = list(difficulty_scenarios(kim_boi))
    with use_language("en"):
        en = for_reader(july_table(kim_boi, reps=2))
    assert list(en.columns) == ["figure", "article", "simulated", "low", "high"]       # no machine KPI name
    assert list(shown.columns) == ["chỉ tiêu", "bài báo", "mô phỏng", "cận dưới", "cận trên"]
    assert shown.iloc[0, 0] == "hồ sơ tiếp nhận" and en.iloc[0, 0] == "dossiers received"
    assert (vi["kpi"] == [kpi for kpi, _, _ in ARTICLE_JULY]).all()                    # the machine key stays
    assert names[0].startswith("sự cố cổng dịch vụ công") and "vắng mặt một tuần" in names[2]
