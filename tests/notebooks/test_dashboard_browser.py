"""The staffing dashboard as a commune leader sees it: Voila on localhost, in Vietnamese, driven in Debian's
Chromium by Playwright.

Never downloads a browser (no ``playwright install``): it launches the
system's ``/usr/bin/chromium`` (``apt-get install -y chromium``) and skips,
saying so, only when that binary is missing.

The screenshot of the page after the run, the comparison and the export is kept for a
person to look at: ``tests/artifacts/staffing-dashboard-vi.png`` (ignored by
git), or in the folder named by ``$MOTCUA_ARTIFACTS``.
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
import zipfile
from pathlib import Path

import pytest

from simulation.results.kpi_catalogue import label

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(os.environ.get("MOTCUA_ARTIFACTS") or Path(__file__).resolve().parents[1] / "artifacts")
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
    env = {**os.environ, "MOTCUA_SCENARIO": "kim-boi", "MOTCUA_DAYS": "1", "MOTCUA_LANG": "vi",  # as `make app`
           "MOTCUA_EXPORT_DIR": str(tmp_path / "exports"),
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


SERVED = label("served", "vi")                     # "Công dân được phục vụ"
# Vietnamese KPI labels a leader reads on the cards, before and after a run.
CARD_LABELS = [label(key, "vi") for key in ("wait_mean", "served", "online_on_time", "backlog_end",
                                            "utilisation_counter")]


def _number(text: str) -> float:
    """'1,50' (Vietnamese decimal comma) -> 1.5."""
    return float(text.strip().replace(".", "").replace(",", "."))


def _served(kpi_text: str) -> int:
    match = re.search(rf"{SERVED}\s+(\d+)", kpi_text)
    assert match, f"no {SERVED!r} card in {kpi_text!r}"
    return int(match.group(1))


def test_in_vietnamese_moving_a_slider_and_pressing_run_updates_the_kpis_and_the_comparison(voila, tmp_path):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout, sync_playwright

    shot = ARTIFACTS / "staffing-dashboard-vi.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    shot.unlink(missing_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1200}, locale="vi-VN")
            page.goto(voila, timeout=90_000)
            page.wait_for_selector(".motcua-kpis .motcua-kpi-value", timeout=90_000)
            before = page.inner_text(".motcua-kpis")
            intro = page.inner_text(".motcua-intro")
            run_label = page.inner_text(".motcua-run")
            page.click(".motcua-keep-a")                      # the shipped setting, kept for the comparison
            slider = ".motcua-demand-walk-in-scale"
            slider_label = page.inner_text(f"{slider} label")
            readout = page.inner_text(f"{slider} + .motcua-readout")   # drawn beside it: 1,00
            handle = page.locator(f"{slider} .noUi-handle").bounding_box()
            track = page.locator(f"{slider} .noUi-target").bounding_box()
            page.mouse.move(handle["x"] + handle["width"] / 2, handle["y"] + handle["height"] / 2)
            page.mouse.down()
            page.mouse.move(track["x"] + 0.8 * track["width"], handle["y"] + handle["height"] / 2, steps=10)
            page.mouse.up()
            try:  # the kernel writes the readout once the slider's new value reaches it
                page.wait_for_function(
                    "([selector, before]) => document.querySelector(selector).innerText.trim() !== before",
                    arg=[f"{slider} + .motcua-readout", readout.strip()], timeout=30_000)
            except PlaywrightTimeout:
                pass  # the assertion below says what the readout shows
            moved = page.inner_text(f"{slider} + .motcua-readout")
            assert re.fullmatch(r"\d+,\d\d", moved.strip()), f"not a Vietnamese decimal: {moved!r}"
            assert _number(moved) > _number(readout), f"the walk-in slider did not move ({readout} -> {moved})"
            page.click(".motcua-run")
            page.wait_for_function("() => document.querySelector('.motcua-status').innerText"
                                   ".includes('Lượng công dân đến trực tiếp')", timeout=60_000)
            after = page.inner_text(".motcua-kpis")
            page.wait_for_selector(".motcua-charts img", timeout=30_000)   # matplotlib PNG in the Output widget
            page.click(".motcua-keep-b")
            page.click(".motcua-compare")
            page.wait_for_selector(".motcua-comparison .motcua-diff", timeout=60_000)
            comparison = page.inner_text(".motcua-comparison")
            hour_boxes = page.locator(".motcua-counter-by-hour input").count()
            hours_title = page.inner_text(".motcua-counter-by-hour")
            export_label = page.inner_text(".motcua-export")
            page.click(".motcua-export")
            page.wait_for_selector(".motcua-export-link a[download]", timeout=60_000)
            link_text = page.inner_text(".motcua-export-link a")
            with page.expect_download(timeout=30_000) as download_info:   # the zip itself, from the link
                page.click(".motcua-export-link a")
            download = download_info.value
            downloaded = tmp_path / "downloaded.zip"
            download.save_as(str(downloaded))
            page.wait_for_timeout(500)
            page.screenshot(path=str(shot), full_page=True)
            page.locator(".motcua-intro").scroll_into_view_if_needed()   # the controls, counters by hour among them
            page.screenshot(path=str(shot.with_name("staffing-dashboard-vi-controls.png")))
        finally:
            browser.close()
    for text in (before, after):
        missing = [name for name in CARD_LABELS if name not in text]
        assert not missing, f"Vietnamese KPI labels missing from the cards: {missing}\n{text}"
        assert "Wait, mean" not in text and "Citizens served" not in text
        assert re.search(r"\d+,\d phút", text), "minutes with a decimal comma"
    assert "Chạy mô phỏng" in run_label and "Anh/chị kéo các thanh trượt" in intro
    assert slider_label.strip() == "Lượng công dân đến trực tiếp ×"
    assert after != before
    assert _served(after) > _served(before), "more walk-in citizens should mean more citizens served"
    assert "B − A" in comparison and "khoảng tin cậy 95%" in comparison and SERVED in comparison
    assert hour_boxes == 9, "one counters box per opening hour (07..11, 13..16)"
    assert "Số quầy mở theo giờ" in hours_title and "16h" in hours_title
    assert "Xuất bộ tài liệu cho cuộc họp" in export_label and "Tải về" in link_text
    written = list((tmp_path / "exports").glob("motcua-*.zip"))
    assert len(written) == 1 and download.suggested_filename == written[0].name
    with zipfile.ZipFile(downloaded) as pack:
        assert {"ket-qua/run.xlsx", "so-sanh/compare.xlsx", "ket-qua/report.html"} <= set(pack.namelist())
    assert shot.stat().st_size > 10_000
