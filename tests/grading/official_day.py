"""What the browser walk-through of an official's day (test_official_day_browser.py) does and counts.

An `Edition` is what changes with the course's language: the `init` arguments, the words an official types
(the letters they click are the same) and the sentences the notebook says, read from the same catalogue the
official's kernel reads (so a sentence left untranslated shows as English and fails the Vietnamese checks).
JupyterLab's menus and nbgrader's Assignments tab (Fetch, Submit, Validate) stay English in both editions:
JupyterLab's language packs are out of scope, so the selectors below use those English names, the seat's
toolbar button's `data-jp-item-name`, and the widgets' CSS classes, never a sentence of the course.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "exercises"))

import untranslated  # noqa: E402  (after the path to exercises/)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
TOKEN = "motcua-official-day"
OFFICIAL = "an"
ASSIGNMENT = "communication"
WAIT = 60_000  # ms: a kernel starting on a busy 2-core machine
RUN_ALL_ITEM = ".jp-Toolbar-item[data-jp-item-name='motcua-run-all']"  # its label: the item's text
RUN_ALL = f"{RUN_ALL_ITEM} button"  # the button inside JupyterLab's toolbar button (in its shadow root)

# What the official answers, in the notebook's order (some wrong on purpose); the Vietnamese official types
# Vietnamese words in the two text items, the letters are the same.
ANSWERS = {
    "C1": "b", "C2": "c",                      # C2 wrong
    "C3": ["b", "a", "c", "e", "d"],
    "C4": "a",
    "C5": "name",                              # wrong
    "C6": ["a", "b", "d", "c", "e"],           # wrong order
    "C7": "c",
    "C8": ["a", "b", "c", "f"],
    "C9": "citizen satisfaction",
    "C10": "b", "C11": "a",                    # C11 wrong
    "C12": ["a", "b", "c", "d", "e"],
    "C13": "b",
}
CHANGED = ("C11", "b")  # after the kernel restart: the wrong answer made right
TYPED_ORDERS = ("C6", "C12")  # typed in the order box; the other order item is clicked step by step


@dataclass(frozen=True)
class Edition:
    lang: str
    init_args: tuple[str, ...]  # () for `motcua workshop init`'s default edition
    typed: dict[str, str] = field(default_factory=dict)  # the text answers, in the official's language

    @property
    def answers(self) -> dict:
        return {**ANSWERS, **self.typed}

    def say(self, message: str, **values) -> str:
        """A sentence of the course (its English msgid) as this edition's kernel says it."""
        from simulation.i18n import translations

        return translations(self.lang).gettext(message).format(**values)

    def sheet(self, key: str, **values) -> str:
        from grading.course.sheet import SHEET_MESSAGES

        return self.say(SHEET_MESSAGES[key], **values)

    def recorded(self, value) -> str:
        """The line under a widget once ``value`` is recorded (assessed mode)."""
        return self.sheet("recorded", shown=", ".join(value) if isinstance(value, list) else value)


EDITIONS = {
    "en": Edition("en", ("--lang", "en")),
    "vi": Edition("vi", (), {"C5": "mật khẩu", "C9": "sự hài lòng của Nhân dân"}),  # init's default
}


def key():
    from grading.key.communication import KEYS

    return {k.item_id: k for k in KEYS}


def _right(item, value) -> bool:
    k = key()[item]
    if k.kind == "set":
        return sorted(value) == sorted(k.expected)
    if k.kind == "text":
        forms = [k.expected] + [a[0] if isinstance(a, tuple) else a for a in k.accept]
        return value in forms
    return value == k.expected or value in k.accept


def _points(course: Path) -> dict[str, float]:
    nb = json.loads((course / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text(encoding="utf-8"))
    return {c["metadata"]["motcua"]["item"]: float(c["metadata"]["nbgrader"]["points"])
            for c in nb["cells"] if "item" in c["metadata"].get("motcua", {})}


def expected(course: Path, answers: dict) -> float:
    points = _points(course)
    assert set(points) == set(answers), "the test must answer every autograded item"
    return sum(p for item, p in points.items() if _right(item, answers[item]))


class Actions:
    """The official's actions: clicks and keys, and typing apart (a typed value and its characters)."""

    def __init__(self):
        self.clicks = self.typed_values = self.characters = 0
        self.log: list[str] = []
        self.items: dict[str, list[int]] = {}  # item -> [clicks, typed values, characters]

    def _count(self, what: str, item: str | None, cost: tuple[int, int, int]):
        self.clicks, self.typed_values, self.characters = (a + b for a, b in zip(self.snapshot(), cost))
        self.log.append(what)
        if item:
            self.items[item] = [a + b for a, b in zip(self.items.get(item, [0, 0, 0]), cost)]

    def click(self, what: str, n: int = 1, item: str | None = None):
        self._count(what, item, (n, 0, 0))

    def type(self, what: str, text: str, item: str | None = None):
        self._count(f"type {what}", item, (0, 1, len(text)))

    def snapshot(self) -> tuple[int, int, int]:
        return self.clicks, self.typed_values, self.characters

    def since(self, before: tuple[int, int, int]) -> tuple[int, int, int]:
        return tuple(now - then for now, then in zip(self.snapshot(), before))


def sentence(counts: tuple[int, int, int]) -> str:
    return "{} clicks and keys + typing {} values ({} characters)".format(*counts)


def order_paths(actions: Actions, necessary: tuple[int, int, int]) -> dict[str, tuple[int, int, int]]:
    """The necessary path with every order item clicked, or every one typed, from this run's per-item costs."""
    orders = [item for item in ANSWERS if key()[item].kind == "order"]
    clicked = [actions.items[i] for i in orders if i not in TYPED_ORDERS]
    typed = [actions.items[i] for i in orders if i in TYPED_ORDERS]
    assert clicked and typed, "the run measures both ways of entering an order"
    assert len({tuple(c) for c in clicked}) == 1 and len({c[0] for c in typed}) == 1, (clicked, typed)
    base = [n - sum(actions.items[i][k] for i in orders) for k, n in enumerate(necessary)]
    typed_cost = [typed[0][0], typed[0][1], max(t[2] for t in typed)]  # characters: "b a c e d" is 9 for any order
    return {name: tuple(b + len(orders) * c for b, c in zip(base, cost))
            for name, cost in (("click-only", clicked[0]), ("typed-order", typed_cost))}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def cli(*argv, cwd):
    proc = subprocess.run([sys.executable, "-m", "motcua.cli", "workshop", *argv], cwd=cwd, capture_output=True,
                          text=True, timeout=600, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout


class Shots:
    """Numbered screenshots in the test's tmp folder, copied to ``shared`` (/tmp/shots/...) to look at."""

    def __init__(self, page, folder: Path, shared: Path):
        self.page, self.folder, self.shared, self.n = page, folder, shared, 0
        shared.mkdir(parents=True, exist_ok=True)
        for old in shared.glob("*.png"):  # an earlier run's pictures would mix with this one's
            old.unlink()
        folder.mkdir(parents=True, exist_ok=True)

    def __call__(self, name: str, full: bool = False, element=None):
        self.n += 1
        path = self.folder / f"{self.n:02d}-{name}.png"
        (element or self.page).screenshot(path=str(path), **({} if element else {"full_page": full}))
        shutil.copy(path, self.shared / path.name)


def cell(page, item):
    """The notebook cell whose answer widget records ``item`` (cells are in the notebook's order)."""
    return page.locator(".jp-Notebook .jp-CodeCell:has(.widget-box)").nth(list(ANSWERS).index(item))


def feedback(page, item):
    """The line under the widget of ``item`` (its last HTML widget; an order box's first one is the order)."""
    return cell(page, item).locator(".widget-html-content").last


def answer(page, item, value, actions: Actions, edition: Edition, shots=None):
    box_cell = cell(page, item)
    box_cell.scroll_into_view_if_needed()
    kind = key()[item].kind
    if kind == "choice":
        box_cell.locator(".widget-radio-box label", has_text=re.compile(rf"^\s*{value}\)")).click()
        actions.click(f"{item} radio {value}", item=item)
    elif kind == "set":
        for letter in value:
            box_cell.locator(".widget-checkbox label", has_text=re.compile(rf"^\s*{letter}\)")).click()
            actions.click(f"{item} tick {letter}", item=item)
    elif kind == "order" and item not in TYPED_ORDERS:
        for n, letter in enumerate(value[:-1]):  # the last step is placed by itself
            box_cell.locator("button.widget-button", has_text=re.compile(rf"^\s*{letter}\)\s*$")).click()
            actions.click(f"{item} step {letter}", item=item)
            if shots and n == 1:
                steps_disabled = box_cell.locator("button.widget-button:disabled", has_text=re.compile(r"\)"))
                steps_disabled.nth(1).wait_for()  # two steps placed: both look used
                shots(f"{item}-two-steps", element=box_cell)
    else:
        box = box_cell.locator("input[type=text]")
        box.click()
        actions.click(f"{item} box", item=item)
        text = " ".join(value) if kind == "order" else value  # "b a c e d": how an official types an order
        box.fill("")
        box.type(text)
        actions.type(item, text, item=item)
        box.press("Tab")  # leaving the box; the answer is already recorded while typing
    said = edition.recorded(value)
    feedback(page, item).filter(has_text=said).wait_for(timeout=WAIT)  # in the edition's words, exactly


def shown(page, item):
    """What the widget of ``item`` shows now, as a plain value."""
    box_cell = cell(page, item)
    kind = key()[item].kind
    if kind == "choice":
        checked = box_cell.locator(".widget-radio-box input:checked")
        return checked.evaluate("e => e.closest('label').textContent").strip("\u200b )") if checked.count() else None
    if kind == "set":
        boxes = box_cell.locator(".widget-checkbox input:checked").all()
        return [b.evaluate("e => e.closest('.widget-checkbox').textContent").strip("\u200b )") for b in boxes]
    if kind == "order":  # the box follows the clicks; the numbered order line shows the same steps
        line = box_cell.locator(".widget-html-content").first.text_content()  # off-screen cells have no innerText
        steps = re.findall(r"\d\.\s*([a-z])\b", line)
        typed = re.findall(r"[a-z]", box_cell.locator("input[type=text]").input_value().lower())
        assert steps == typed, (line, typed)
        return steps
    return box_cell.locator("input[type=text]").input_value()


def panel_text(page) -> str:
    """What the official's notebook says: the text of every cell, read the way an official reads it.

    Not JupyterLab's own words around the cells (toolbar, "Click to add a cell."): they are English in both
    editions. JupyterLab skips the rendering of cells off screen (no innerText): they are rendered for the
    reading.
    """
    return page.evaluate("""() => {
        const cells = [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell')];
        cells.forEach(c => c.style.contentVisibility = 'visible');
        const text = cells.map(c => c.innerText).join('\\n');
        cells.forEach(c => c.style.contentVisibility = '');
        return text;
    }""")


english_leftovers, vietnamese_share = untranslated.english_leftovers, untranslated.vietnamese_share


def kernel_idle(page):
    """The notebook is loaded and its kernel ready (a Run before that runs nothing)."""
    page.locator(".jp-Notebook .jp-MarkdownCell").first.wait_for()
    page.locator(".jp-StatusBar-Widget", has_text=re.compile(r"\| Idle")).first.wait_for()


def run_all(page, actions: Actions):
    """The seat's "Run all" button (restart and run all).

    Pressed once the kernel says Idle: pressed while the kernel's first websocket is still being set up (the
    first ~0.2 s after it opens), the restart opens a second websocket under the same session id, jupyter_server
    2.21 closes the first as "stale" while JupyterLab 4.6 still uses it, and the cells never run (status
    "Unknown"; 1 to 2 runs in 8 in repro_run_all_race.py, WS=1 DELAY=0). The struct.error in lab.log is a
    symptom: with the legacy websocket protocol it is gone, the failure is not. Plain run-all (no restart)
    runs nothing when pressed before the notebook's session exists. Done when the last answer cell shows a new
    answer box (boxes shown before are marked first).
    """
    kernel_idle(page)
    page.evaluate("document.querySelectorAll('.jp-Notebook .widget-box').forEach(e => e.dataset.before = '1')")
    page.locator(RUN_ALL).first.click()
    actions.click("Run all (toolbar button)")
    cell(page, list(ANSWERS)[-1]).locator(".widget-box:not([data-before])").first.wait_for(timeout=WAIT)


def save(page, actions: Actions):
    page.keyboard.press("Control+s")
    actions.click("save (Ctrl+S)")
    page.locator(".jp-mod-dirty").wait_for(state="detached", timeout=WAIT)


def submit(page, actions: Actions, shots, tag):
    page.locator(".lm-TabBar-tab", has_text="Assignments").first.click()
    actions.click("Assignments tab")
    page.locator("#fetched_assignments_list button", has_text="Submit").first.click()
    actions.click("Submit")
    page.locator("#submitted_assignments_list .list_item").first.wait_for(timeout=WAIT)
    shots(f"submitted-{tag}")


def grade(course: Path) -> float:
    cli("collect", ASSIGNMENT, "--course", str(course), cwd=course)
    cli("autograde", ASSIGNMENT, "--course", str(course), "--force", "--jobs", "1", cwd=course)  # in bwrap
    from grading.class_report_view import open_gradebook

    with open_gradebook(course / "gradebook.db") as gb:
        return gb.find_submission(ASSIGNMENT, OFFICIAL).score
