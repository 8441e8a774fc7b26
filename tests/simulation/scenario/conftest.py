"""The scenario and catalogue messages are checked here in their source language, English.

The library speaks the current language, Vietnamese by default (see `simulation.i18n`); these tests pin
the wording of the English message ids. The same problems in Vietnamese are checked in
tests/simulation/scenario/test_messages_vi.py.
"""
from __future__ import annotations

import pytest

from simulation.i18n import use_language


@pytest.fixture(autouse=True)
def english():
    with use_language("en"):
        yield
