"""Officials' seats: two officials on one machine each hand in under their own id."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from simulation.i18n import use_language

FIXTURES = Path(__file__).parent / "fixtures"
ASSIGNMENT = "queue-basics"


@pytest.fixture
def course(tmp_path):
    from grading import init_course, release_assignment

    roster = tmp_path / "officials.csv"
    roster.write_text("name,id\nBùi Thị Luyến,\nĐặng Văn An,an\nLê Văn Ba,ba\n", encoding="utf-8")
    course = init_course(tmp_path / "course", roster, course_id="kimboi", source=FIXTURES / "source")
    release_assignment(course, ASSIGNMENT)
    return course


def nbgrader(seat, *argv):
    from grading.seat import seat_environment

    exe = Path(sys.executable).with_name("nbgrader")
    proc = subprocess.run([str(exe), *argv], cwd=seat, env=seat_environment(seat), capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


@pytest.mark.slow
def test_two_seats_on_one_machine_submit_under_their_own_ids(course, tmp_path):
    from grading.collection import collect_assignment
    from grading.seat import prepare_seat

    seats = {oid: prepare_seat(course, oid, tmp_path / "machine" / oid) for oid in ("an", "bui-thi-luyen")}
    for oid, seat in seats.items():
        nbgrader(seat.folder, "fetch_assignment", ASSIGNMENT)
        fetched = seat.folder / "kimboi" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
        nb = json.loads(fetched.read_text(encoding="utf-8"))
        nb["cells"].append({"cell_type": "markdown", "metadata": {}, "source": f"signed {oid}"})
        fetched.write_text(json.dumps(nb), encoding="utf-8")
        nbgrader(seat.folder, "submit", ASSIGNMENT)
    col = collect_assignment(course, ASSIGNMENT)
    assert col.collected == ["an", "bui-thi-luyen"] and col.unknown == [] and col.missing == ["ba"]
    for oid in seats:
        text = (course.root / "submitted" / oid / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text(encoding="utf-8")
        assert f"signed {oid}" in text


def test_seat_lab_shows_assignments_and_hides_trainer_tools(course, tmp_path):
    from grading.seat import prepare_seat

    seat = prepare_seat(course, "an", tmp_path / "seat")
    server = json.loads((seat.folder / ".jupyter" / "jupyter_server_config.json").read_text())
    extensions = server["ServerApp"]["jpserver_extensions"]
    assert extensions["nbgrader.server_extensions.assignment_list"] is True
    assert extensions["nbgrader.server_extensions.formgrader"] is False
    page = json.loads((seat.folder / ".jupyter" / "labconfig" / "page_config.json").read_text())
    for plugin in ("@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment",
                   "@jupyterlab/apputils-extension:announcements"):
        assert page["disabledExtensions"][plugin] is True
    assert "@jupyter/nbgrader:assignment-list" not in page["disabledExtensions"]
    assert {"lab.sh", "nbgrader_config.py", "*.answers.json"} <= set(server["ContentsManager"]["hide_globs"])
    assert server["LabApp"]["custom_css"] is True  # hides the first line of the hidden (Python) cells
    css = (seat.folder / ".jupyter" / "custom" / "custom.css").read_text()
    assert "jp-InputPlaceholder" in css and "#fetched_assignments_list .assignment-notebooks.collapse" in css
    # one button runs every cell, so the answer boxes show; JupyterLab reads it from the seat's user settings
    settings = Path(server["LabApp"]["user_settings_dir"])
    assert settings == seat.folder / ".jupyter" / "lab" / "user-settings"
    panel = json.loads((settings / "@jupyterlab" / "notebook-extension" / "panel.jupyterlab-settings").read_text())
    assert [b["command"] for b in panel["toolbar"]] == ["notebook:restart-run-all"]
    dialogs = settings / "@jupyterlab" / "apputils-extension" / "sessionDialogs.jupyterlab-settings"
    assert json.loads(dialogs.read_text()) == {"skipKernelRestartDialog": True}  # one click, no question
    tracker = settings / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
    assert json.loads(tracker.read_text()) == {"autoStartDefaultKernel": True}  # nor a "Select Kernel" one
    assert f"data-jp-item-name='{panel['toolbar'][0]['name']}'" in css
    config = (seat.folder / "nbgrader_config.py").read_text()
    assert "student_id = 'an'" in config and "course_id = 'kimboi'" in config
    assert "JUPYTER_CONFIG_DIR=" in seat.launcher.read_text() and seat.launcher.stat().st_mode & 0o100
    hub = prepare_seat(course, None, tmp_path / "hub")  # JupyterHub: the login names the official
    assert "student_id" not in (hub.folder / "nbgrader_config.py").read_text()


@pytest.mark.parametrize("language, label, caption", [("vi", "Chạy tất cả", "Chạy mọi ô"),
                                                       ("en", "Run all", "Run every cell")])
def test_the_run_all_button_speaks_the_course_language(tmp_path, language, label, caption):
    from grading import init_course
    from grading.seat import prepare_seat

    roster = tmp_path / "officials.csv"
    roster.write_text("name,id\nĐặng Văn An,an\n", encoding="utf-8")
    course = init_course(tmp_path / "course", roster, course_id="kimboi", source=FIXTURES / "source",
                         language=language)
    seat = prepare_seat(course, "an", tmp_path / "seat")
    panel = seat.folder / ".jupyter" / "lab" / "user-settings" / "@jupyterlab" / "notebook-extension"
    button = json.loads((panel / "panel.jupyterlab-settings").read_text(encoding="utf-8"))["toolbar"][0]
    assert button["label"] == label and button["caption"].startswith(caption)


def test_unknown_official_gets_a_clear_error(course, tmp_path):
    from grading.errors import CourseError
    from grading.seat import prepare_seat

    with use_language("en"), pytest.raises(CourseError, match="no official with id 'bui-thi-luyn'; did you mean bui-thi-luyen"):
        prepare_seat(course, "bui-thi-luyn", tmp_path / "x")


def test_collect_names_unknown_ids_and_how_to_fix_the_seat(course, tmp_path, capsys):
    from motcua.cli.workshop import cmd_collect
    import types

    # a submission handed in without a seat arrives under the login name
    folder = course.root / "exchange" / "kimboi" / "inbound" / f"root+{ASSIGNMENT}+2026-12-02 10:00:00.000000 UTC"
    folder.mkdir(parents=True)
    (folder / f"{ASSIGNMENT}.ipynb").write_bytes(
        (course.root / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_bytes())
    (folder / "timestamp.txt").write_text("2026-12-02 10:00:00.000000 UTC")
    code = cmd_collect(types.SimpleNamespace(course=str(course.root), assignment=ASSIGNMENT, from_zip=None))
    out = capsys.readouterr().out
    assert code == 0 and "root" in out and "motcua workshop seat OFFICIAL_ID" in out
    assert len(out.splitlines()) <= 6  # a summary, not nbgrader's log


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.needs_system("chromium")
def test_seat_lab_opens_on_the_assignment_list_with_the_released_assignment(course, tmp_path):
    """The official's first screen, in Debian's Chromium: the Assignments tab, the assignment ready to fetch."""
    import os
    import time
    import urllib.request

    from playwright.sync_api import sync_playwright

    from grading.seat import prepare_seat, seat_environment

    seat = prepare_seat(course, "an", tmp_path / "seat")
    port = _free_port()
    env = {**seat_environment(seat.folder), "JUPYTER_TOKEN": "seat-test",
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    log = open(tmp_path / "lab.log", "wb")
    server = subprocess.Popen([str(seat.launcher), f"--port={port}", "--no-browser"], env=env, stdout=log,
                              stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token=seat-test", timeout=5)
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, (tmp_path / "lab.log").read_text()
                time.sleep(1)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                                 args=["--no-sandbox", "--disable-gpu"])
            try:
                page = browser.new_page(viewport={"width": 1280, "height": 800})
                page.goto(f"http://127.0.0.1:{port}/lab?token=seat-test")
                page.get_by_text(ASSIGNMENT).first.wait_for(timeout=60000)  # listed as released, to fetch
                page.screenshot(path=str(tmp_path / "seat.png"))
                tabs = page.locator(".lm-TabBar-tabLabel").all_inner_texts()
                assert "Assignments" in tabs
                menus = page.locator(".lm-MenuBar-itemLabel").all_inner_texts()
                assert "Nbgrader" in menus
                page.get_by_text("Nbgrader", exact=True).click()
                items = page.locator(".lm-Menu-itemLabel").all_inner_texts()
                assert "Assignment List" in items and not any("Formgrader" in i for i in items)
            finally:
                browser.close()
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
