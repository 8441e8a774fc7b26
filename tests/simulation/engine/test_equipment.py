"""The scanner pool: first come, first served, one booking per scan."""
import pytest

from simulation.engine.equipment import ScannerPool


def test_free_scanner_means_no_wait():
    pool = ScannerPool(2)
    assert pool.book(10.0, 3.0) == 0.0
    assert pool.book(10.0, 3.0) == 0.0


def test_third_request_waits_for_the_first_scanner_to_fall_free():
    pool = ScannerPool(2)
    pool.book(0.0, 5.0)
    pool.book(1.0, 2.0)  # free again at 3
    assert pool.book(2.0, 4.0) == pytest.approx(1.0)  # takes the one free at 3
    assert pool.book(2.5, 1.0) == pytest.approx(2.5)  # the next free is at 5


def test_a_pool_needs_a_scanner():
    with pytest.raises(ValueError, match="scanners = 0"):
        ScannerPool(0)


# -- scanner outages ---------------------------------------------------------

def test_a_broken_scanner_is_skipped_while_another_works():
    pool = ScannerPool(2, outages=((0.0, 60.0, 1),))  # scanner 0 broken for the first hour
    assert pool.book(10.0, 5.0) == 0.0  # scanner 1
    assert pool.book(11.0, 5.0) == pytest.approx(4.0)  # waits for scanner 1, not the broken one


def test_with_every_scanner_broken_a_scan_waits_for_the_repair():
    pool = ScannerPool(2, outages=((100.0, 160.0, 2),))
    assert pool.book(120.0, 3.0) == pytest.approx(40.0)
    assert pool.book(97.0, 5.0) == pytest.approx(63.0)  # would run into the breakdown: after the repair


def test_a_scan_before_the_breakdown_is_untouched():
    pool = ScannerPool(1, outages=((100.0, 160.0, 1),))
    assert pool.book(50.0, 5.0) == 0.0


@pytest.mark.parametrize("outage", [(10.0, 5.0, 1), (0.0, 10.0, 3), (0.0, 10.0, 0)])
def test_bad_outages_are_refused(outage):
    with pytest.raises(ValueError, match="scanner outage"):
        ScannerPool(2, outages=(outage,))


def test_the_scanner_outage_scenario_slows_that_day():
    """Same seed, with and without the breakdown: scans wait much longer on 16 July, and only from then."""
    from simulation.engine.centre import Centre
    from simulation.scenario import load_scenario

    broken = load_scenario("kim-boi-scanner-outage").with_values({"days": 16})
    fixed = broken.with_values({"equipment.scanner_outages": []})
    runs = {}
    for label, scenario in (("broken", broken), ("fixed", fixed)):
        centre = Centre(scenario, seed=3)
        centre.simulate()
        runs[label] = centre.scanners.waits
    assert max(runs["broken"]) >= 30  # someone waited for the repair
    assert max(runs["fixed"]) < 30
    assert sum(runs["broken"]) > sum(runs["fixed"])
