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
