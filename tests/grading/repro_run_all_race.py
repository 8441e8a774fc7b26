"""Reproduces the "Run all" race (see official_day.run_all): N fresh seats, press the button as the notebook opens.

Not a test (pytest does not collect it). Run from the worktree:
  PYTHONPATH=$PWD .venv/bin/python tests/grading/repro_run_all_race.py ROUNDS [extra lab args...]
env: WS=1 times DELAY (comma list, cycled per round, seconds) from the kernel websocket opening; CMD=other
button command (e.g. notebook:run-all-cells); RETRY=1 presses again (then reloads) after a failure;
LANG_ED=vi|en; BASE=work folder (default /tmp/runall/w)."""
import os, signal, subprocess, sys, time, urllib.request, json, shutil
from pathlib import Path
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT)); sys.path.insert(0, str(ROOT / "tests" / "grading"))
import official_day as day
from official_day import ASSIGNMENT, OFFICIAL, TOKEN

rounds = int(sys.argv[1]); extra = sys.argv[2:]
lang = os.environ.get("LANG_ED", "en")
ed = day.EDITIONS[lang]
base = Path(os.environ.get("BASE", "/tmp/runall/w"))
results = []
def setup(tmp):
    if tmp.exists(): shutil.rmtree(tmp)
    tmp.mkdir(parents=True)
    roster = tmp / "officials.csv"
    roster.write_text("name,id\nNguyễn Văn An,an\nTrần Thị Bình,binh\n", encoding="utf-8")
    course = tmp / "workshop"
    day.cli("init", str(course), "--roster", str(roster), *ed.init_args, cwd=tmp)
    day.cli("release", ASSIGNMENT, "--course", str(course), cwd=tmp)
    seat = tmp / "seat"
    day.cli("seat", OFFICIAL, "--course", str(course), "--folder", str(seat), cwd=tmp)
    if os.environ.get("CMD"):
        f = seat / ".jupyter/lab/user-settings/@jupyterlab/notebook-extension/panel.jupyterlab-settings"
        v = json.loads(f.read_text()); v["toolbar"][0]["command"] = os.environ["CMD"]; f.write_text(json.dumps(v))
    return course, seat

from playwright.sync_api import sync_playwright
for r in range(rounds):
    tmp = base / f"r{r}"
    course, seat = setup(tmp)
    port = day.free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "JUPYTER_TOKEN": TOKEN}
    log = open(tmp / "lab.log", "wb")
    server = subprocess.Popen([str(seat / "lab.sh"), f"--port={port}", "--no-browser", "--ServerApp.ip=127.0.0.1", *extra],
                              env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    while True:
        try:
            urllib.request.urlopen(f"{url}/api/status?token={TOKEN}", timeout=5).close(); break
        except OSError:
            time.sleep(0.5)
    outcome = "?"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=day.CHROMIUM, headless=True, args=day.CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(60000)
        opened = []
        page.on("websocket", lambda ws: "/channels" in ws.url and not opened and opened.append(time.monotonic()))
        try:
            page.goto(f"{url}/lab?token={TOKEN}")
            rel = page.locator("#released_assignments_list .list_item", has_text=ASSIGNMENT)
            rel.wait_for()
            rel.locator("button", has_text="Fetch").click()
            page.locator("#fetched_assignments_list .list_item", has_text=ASSIGNMENT).first.wait_for()
            page.locator("#fetched_assignments_list .assignment-notebooks a", has_text=ASSIGNMENT).first.click()
            page.locator(day.RUN_ALL).first.wait_for()
            delays = os.environ.get("DELAY", "0").split(",")
            delay = float(delays[r % len(delays)])
            if os.environ.get("WS"):
                while not opened: page.wait_for_timeout(50)
                wait = opened[0] + delay - time.monotonic()
                if wait > 0: page.wait_for_timeout(wait * 1000)
            elif delay: time.sleep(delay)
            t0 = time.monotonic()
            page.locator(day.RUN_ALL).first.click()
            try:
                day.cell(page, list(day.ANSWERS)[-1]).locator(".widget-box").first.wait_for(timeout=60000)
                outcome = f"ok {time.monotonic()-t0:.1f}s"
            except Exception:
                status = page.locator(".jp-StatusBar-Widget").all_inner_texts()
                page.screenshot(path=str(base / f"fail-{r}.png"))
                outcome = "FAIL status=" + repr([s for s in status if "|" in s or "Kernel" in s])
                if os.environ.get("RETRY"):
                    page.locator(day.RUN_ALL).first.click()
                    try:
                        day.cell(page, list(day.ANSWERS)[-1]).locator(".widget-box").first.wait_for(timeout=60000)
                        outcome += " | second press ok"
                    except Exception:
                        outcome += " | second press FAIL"
                        page.reload()
                        page.locator(day.RUN_ALL).first.click()
                        try:
                            day.cell(page, list(day.ANSWERS)[-1]).locator(".widget-box").first.wait_for(timeout=60000)
                            outcome += " | reload+press ok"
                        except Exception:
                            outcome += " | reload+press FAIL"
        except Exception as e:
            outcome = f"ERROR {type(e).__name__}: {str(e)[:200]}"
        finally:
            browser.close()
    os.killpg(server.pid, signal.SIGTERM)
    try: server.wait(timeout=30)
    except subprocess.TimeoutExpired: os.killpg(server.pid, signal.SIGKILL); server.wait()
    log.close()
    text = (tmp / "lab.log").read_text(errors="replace")
    flags = [k for k in ("Replacing stale", "struct.error", "Traceback") if k in text]
    results.append(outcome)
    print(f"round {r} d={os.environ.get('DELAY','0').split(',')[r % len(os.environ.get('DELAY','0').split(','))]}: {outcome} log={flags}", flush=True)
print("fail:", sum("FAIL" in o or "ERROR" in o for o in results), "of", rounds)
