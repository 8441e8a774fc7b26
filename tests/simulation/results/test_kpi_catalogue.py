"""The KPI catalogue: every KPI a run reports has both labels, a unit, a direction and a format."""
from __future__ import annotations

import pytest

from simulation import load_scenario, run
from simulation.results import kpi_catalogue as catalogue
from simulation.results.kpi_catalogue import KPIS, base_name, format_value, kpi, label, split_key
from simulation.results.periods import PERIOD_KPIS, period_kpis
from simulation.scenario.vocabulary import ROLES
from simulation.i18n import use_language


@pytest.fixture(scope="module")
def results():
    return run(load_scenario("kim-boi").with_values({"days": 7}), seed=2)


def test_every_kpi_a_run_reports_is_in_the_catalogue(results):
    reported = set(results.kpis())
    assert reported == set(KPIS), (reported ^ set(KPIS))
    assert {f"utilisation_{role}" for role in ROLES} <= reported


def test_every_per_period_key_resolves_to_its_base(results):
    keys = list(period_kpis(results, "hour")) + list(period_kpis(results, "weekday"))
    assert keys and {base_name(k) for k in keys} == set(PERIOD_KPIS)
    for key in keys:
        assert kpi(key) is KPIS[base_name(key)]
        assert label(key).startswith(label(base_name(key)) + ", ") and label(key) != label(base_name(key))
        assert label(key, "vi").startswith(label(base_name(key), "vi") + ", ")
    assert label("wait_p90@hour=8", "en") == "Wait, 90th percentile, arriving 08:00-09:00"
    assert label("wait_mean@weekday=sun", "vi") == "Thời gian chờ trung bình, đến vào Chủ nhật"
    assert split_key("wait_p90@hour=8") == ("wait_p90", "hour", "8") and split_key("wait_p90") is None


@pytest.mark.parametrize("entry", KPIS.values(), ids=list(KPIS))
def test_each_entry_is_complete(entry):
    assert entry.en.strip() and entry.vi.strip() and entry.en != entry.vi
    assert entry.unit in ("min", "share", "citizens", "dossiers", "complaints")
    assert entry.better in ("lower", "higher", "none")
    assert not (entry.staffable and entry.better == "none")     # a target needs a direction
    assert entry.fmt.format(0.5)                                # a usable format
    assert entry.fmt.endswith("%}") == (entry.unit == "share")  # shares print as percentages


def test_vietnamese_labels_use_the_glossary_terms():
    assert "trước hạn" in label("online_early", "vi") and "quá hạn" in label("online_late", "vi")
    assert "đúng hạn" in label("online_on_time", "vi") and "hồ sơ tồn" in label("backlog_end", "vi").lower()
    assert "thời gian chờ" in label("wait_mean", "vi").lower()
    assert "mức độ bận" in label("utilisation_counter", "vi").lower()


def test_the_language_follows_simulation_i18n(monkeypatch):
    from simulation.i18n import use_language

    monkeypatch.delenv("MOTCUA_LANG", raising=False)
    assert not hasattr(catalogue, "DEFAULT_LANG")              # one mechanism: the current language
    assert label("wait_p90") == label("wait_p90", "vi")        # leaders read Vietnamese by default
    with use_language("en"):
        assert label("wait_p90") == "Wait, 90th percentile"
        assert label("wait_p90", unit=True) == "Wait, 90th percentile (min)"
        assert format_value("wait_mean", 2.5, unit=True) == "2.5 min"
        assert label("wait_p90", "vi", unit=True).endswith("(phút)")   # an explicit language wins
    monkeypatch.setenv("MOTCUA_LANG", "en")
    assert label("wait_p90") == "Wait, 90th percentile"
    with pytest.raises(ValueError, match="lang = 'fr': must be one of en, vi"):
        label("wait_p90", "fr")


@pytest.mark.parametrize("key, value, lang, unit, text", [
    ("wait_mean", 12.345, "en", True, "12.3 min"),
    ("wait_mean", 12.345, "vi", True, "12,3 phút"),
    ("online_on_time", 0.9512, "en", False, "95.1%"),
    ("online_on_time", 0.9512, "vi", True, "95,1%"),
    ("served", 1052.0, "en", False, "1052"),
    ("queue_mean", 0.125, "vi", False, "0,12"),
    ("wait_mean", float("nan"), "en", True, "–"),
    ("backlog_end", None, "vi", False, "–"),
])
def test_values_are_formatted_as_the_catalogue_says(key, value, lang, unit, text):
    assert format_value(key, value, lang, unit=unit) == text


def test_an_unknown_kpi_is_named_with_a_suggestion():
    with pytest.raises(KeyError, match="'wait_p9' is not a KPI \\(did you mean 'wait_p90'\\?\\)"):
        label("wait_p9")


def test_the_planners_directions_come_from_the_catalogue():
    from simulation.experiments.targets import HIGHER_IS_BETTER, LOWER_IS_BETTER, parse_target

    assert set(LOWER_IS_BETTER) == {k for k, e in KPIS.items() if e.staffable and e.better == "lower"}
    assert set(HIGHER_IS_BETTER) == {"online_on_time", "online_on_time_resolved", "online_early"}
    assert parse_target("online_late <= 5%").threshold == 0.05
    with use_language("en"), pytest.raises(ValueError, match="outside the KPI's range"):
        parse_target("balk_rate <= 150%")
    with use_language("en"), pytest.raises(ValueError, match="queue_mean is not a time"):
        parse_target("queue_mean <= 3min")
    with use_language("en"), pytest.raises(ValueError, match="not a KPI the planner can staff for"):
        parse_target("utilisation_counter <= 0.8")


def test_one_switch_turns_every_kpi_word_vietnamese(monkeypatch):
    """The current language (`simulation.i18n`) decides; the CLI table, the cards and the charts follow."""
    import io

    from motcua.cli.sim import print_kpis
    from simulation.i18n import use_language
    from simulation.views.panels import kpi_cards

    monkeypatch.delenv("MOTCUA_LANG", raising=False)
    with use_language("en"):
        assert label("wait_mean") == "Wait, mean" and "Wait, mean" in kpi_cards({"wait_mean": 2.5})
    assert label("wait_mean") == "Thời gian chờ trung bình"
    assert format_value("wait_mean", 2.5, unit=True) == "2,5 phút"
    assert "Thời gian chờ trung bình" in kpi_cards({"wait_mean": 2.5})
    out = io.StringIO()
    print_kpis({"wait_mean": 2.5, "served": 3.0}, "Kim Bôi", file=out)
    assert "Chỉ số" in out.getvalue() and "Thời gian chờ trung bình (phút)" in out.getvalue()
