"""The staffing dashboard as a trainer sees it: Voila on localhost, driven in Debian's Chromium by Playwright.

Never downloads a browser (no ``playwright install``): it launches the
system's ``/usr/bin/chromium`` (``apt-get install -y chromium``) and skips,
saying so, only when that binary is missing.
"""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.needs_system("chromium"),  # skips without it, fails under MOTCUA_REQUIRE_SYSTEM=1
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_http(url: str, process: subprocess.Popen, log: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"voila exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:  # a path Voila does not serve: any HTTP answer means it is up, and no kernel is started
            with urllib.request.urlopen(url + "motcua-ping", timeout=2):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"voila did not answer on {url} within {timeout} s:\n{log.read_text()[-3000:]}")


@pytest.fixture
def voila(tmp_path, root):
    """Voila serving the dashboard notebook on a free localhost port; yields its URL."""
    port = _free_port()
    log = tmp_path / "voila.log"
    env = {**os.environ, "MOTCUA_SCENARIO": "kim-boi", "MOTCUA_DAYS": "1",
           "PATH": os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")}
    command = [sys.executable, "-m", "voila", str(root / "notebooks" / "02-staffing-dashboard.ipynb"), "--no-browser", f"--port={port}",
               "--Voila.ip=127.0.0.1"]
    with log.open("w") as handle:
        process = subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT, env=env, cwd=tmp_path)
    url = f"http://127.0.0.1:{port}/"
    try:
        _wait_for_http(url, process, log)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _served(kpi_text: str) -> int:
    match = re.search(r"Citizens served\s+(\d+)", kpi_text)
    assert match, f"no 'Citizens served' card in {kpi_text!r}"
    return int(match.group(1))


def test_moving_a_slider_and_pressing_run_updates_the_kpis_and_the_comparison(voila, tmp_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1200})
            page.goto(voila, timeout=90_000)
            page.wait_for_selector(".motcua-kpis .motcua-kpi-value", timeout=90_000)
            before = page.inner_text(".motcua-kpis")
            page.click(".motcua-keep-a")                      # the shipped setting, kept for the comparison
            slider = ".motcua-demand-walk-in-scale"
            readout = page.inner_text(f"{slider} .widget-readout")
            handle = page.locator(f"{slider} .noUi-handle").bounding_box()
            track = page.locator(f"{slider} .noUi-target").bounding_box()
            page.mouse.move(handle["x"] + handle["width"] / 2, handle["y"] + handle["height"] / 2)
            page.mouse.down()
            page.mouse.move(track["x"] + 0.8 * track["width"], handle["y"] + handle["height"] / 2, steps=10)
            page.mouse.up()
            moved = page.inner_text(f"{slider} .widget-readout")
            assert float(moved) > float(readout), f"the walk-in slider did not move ({readout} -> {moved})"
            page.click(".motcua-run")
            page.wait_for_function("() => document.querySelector('.motcua-status').innerText"
                                   ".includes('demand.walk_in_scale')", timeout=60_000)
            after = page.inner_text(".motcua-kpis")
            page.wait_for_selector(".motcua-charts img", timeout=30_000)   # matplotlib PNG in the Output widget
            page.click(".motcua-keep-b")
            page.click(".motcua-compare")
            page.wait_for_selector(".motcua-comparison .motcua-diff", timeout=60_000)
            comparison = page.inner_text(".motcua-comparison")
            page.wait_for_timeout(500)
            page.screenshot(path=str(tmp_path / "staffing-dashboard.png"), full_page=True)
        finally:
            browser.close()
    assert after != before
    assert _served(after) > _served(before), "more walk-in citizens should mean more citizens served"
    assert "B − A" in comparison and "Citizens served" in comparison
    assert (tmp_path / "staffing-dashboard.png").stat().st_size > 10_000
