"""Back-test: 16 short scenario/seed runs give, byte for byte, the record CSVs and KPIs committed in
tests/simulation/fixtures/snapshot (regenerate them with tests/simulation/fixtures/snapshot.py only when a
change is meant to alter the model's output, and say why in the commit)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def english():
    """The warnings' English message ids are pinned here; their Vietnamese in tests/motcua/test_cli_vietnamese.py."""
    from simulation.i18n import use_language

    with use_language("en"):
        yield

_SPEC = importlib.util.spec_from_file_location(
    "snapshot_runs", Path(__file__).resolve().parents[1] / "fixtures" / "snapshot.py")
snapshot = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(snapshot)


def test_the_snapshot_covers_sixteen_runs_and_every_file():
    names = snapshot.run_names()
    assert len(names) == 16
    for name in names:
        assert sorted(p.name for p in (snapshot.FOLDER / name).iterdir()) == sorted(snapshot.FILES)


@pytest.mark.parametrize("name", snapshot.run_names())
def test_a_run_writes_exactly_its_committed_files(name, tmp_path):
    snapshot.write_run(name, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(snapshot.FILES)
    for file in snapshot.FILES:
        expected = (snapshot.FOLDER / name / file).read_text(encoding="utf-8")
        got = (tmp_path / file).read_text(encoding="utf-8")
        if got != expected:  # name the first differing line rather than dumping megabytes
            lines = zip(expected.splitlines(), got.splitlines())
            row, (want, have) = next(((i, pair) for i, pair in enumerate(lines) if pair[0] != pair[1]),
                                     (None, ("", "")))
            pytest.fail(f"{name}/{file} differs at line {row}:\n  committed: {want}\n  now:       {have}"
                        if row is not None else f"{name}/{file}: {len(expected.splitlines())} lines committed, "
                        f"{len(got.splitlines())} now")
