"""The trainer's guide works: its blocks marked for testing run in order on a fresh workshop."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GUIDES = [ROOT / "docs" / "trainer-guide.md", ROOT / "docs" / "trainer-guide.vi.md"]
BLOCK = re.compile(r"<!-- test -->\s*\n```bash\n(.*?)```", re.DOTALL)

pytestmark = [pytest.mark.slow, pytest.mark.needs_system("bwrap")]  # the guide's autograde needs the sandbox


def blocks(guide: Path) -> list[str]:
    return BLOCK.findall(guide.read_text(encoding="utf-8"))


def test_both_guides_test_the_same_commands():
    english, vietnamese = (blocks(g) for g in GUIDES)
    assert len(english) >= 7 and english == vietnamese


def test_the_guide_runs_in_order_on_a_fresh_workshop(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT),
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    outputs = []
    for code in blocks(GUIDES[0]):
        proc = subprocess.run(["bash", "-euo", "pipefail", "-c", code], cwd=tmp_path, env=env,
                              capture_output=True, text=True, timeout=600)
        assert proc.returncode == 0, f"{code}\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
        outputs.append(proc.stdout)
    course = tmp_path / "workshop"
    # the official of the seat handed in under her own id, and was graded, reported and given feedback
    assert (course / "submitted" / "an" / "communication" / "communication.ipynb").is_file()
    assert (course / "feedback" / "an" / "communication" / "communication.html").is_file()
    assert (course / "feedback-offline" / "communication" / "an.zip").is_file()
    # she submitted through the exchange: her page waits there for "Fetch feedback"
    assert list((course / "exchange" / "workshop" / "feedback").glob("*.html"))
    assert "released to the exchange for 1 officials" in "\n".join(outputs)
    text = "\n".join(outputs)
    assert "missing: bui-thi-luyen, hoa" in text and "Overview:" in text
    assert "Not released yet (no report): online-services, paperwork, procedures, queues, staffing" in text
    assert "SAWarning" not in text and "Traceback" not in text
