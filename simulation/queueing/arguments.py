"""Checks of the numbers handed to the queueing formulas: each names the argument, its value and what is
allowed (``arrival_rates[1] = -0.2: must be >= 0``)."""
from __future__ import annotations

import math
import numbers

__all__ = ["check_probability", "check_rates", "check_real", "check_servers"]


def check_servers(value, name: str = "servers") -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
        raise ValueError(f"{name} = {value!r}: must be an integer >= 1")
    return int(value)


def check_real(value, name: str, *, positive: bool = False, upper: float | None = None,
               upper_open: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(value):
        raise ValueError(f"{name} = {value!r}: must be a finite number")
    value = float(value)
    if value < 0 or (positive and value == 0):
        raise ValueError(f"{name} = {value!r}: must be {'> 0' if positive else '>= 0'}")
    if upper is not None and (value > upper or (upper_open and value == upper)):
        raise ValueError(f"{name} = {value!r}: must be {'<' if upper_open else '<='} {upper}")
    return value


def check_probability(value, name: str) -> float:
    """A probability target that can be met as c grows: 0 < value <= 1."""
    return check_real(value, name, positive=True, upper=1.0)


def check_rates(values, name: str = "arrival_rates") -> list[float]:
    """Per-period rates from any sequence (list, tuple, numpy array, pandas Series)."""
    if isinstance(values, (str, bytes)) or not hasattr(values, "__iter__"):
        raise ValueError(f"{name} = {values!r}: must be a sequence of rates")
    values = list(values)
    if not values:
        raise ValueError(f"{name} = []: must hold at least one period")
    return [check_real(v, f"{name}[{i}]") for i, v in enumerate(values)]
