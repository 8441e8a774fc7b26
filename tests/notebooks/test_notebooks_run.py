"""Every notebook runs headless (nbclient) against the shipped scenarios and a workshop gradebook built here.

Parameters reach the notebooks through environment variables read in their
``parameters`` cell, so the runs stay short (few replications, few days).
"""
from __future__ import annotations

import os
import sys
import nbformat
import pytest
from nbclient import NotebookClient

NAMES = ["01-kim-boi-case-study.ipynb", "02-staffing-dashboard.ipynb", "03-planning.ipynb",
         "04-workshop-results.ipynb"]
EDITIONS = ["01-kim-boi-case-study.vi.ipynb", "03-planning.vi.ipynb", "04-workshop-results.vi.ipynb"]
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


@pytest.fixture(scope="session")
def notebooks(root):
    return root / "notebooks"


def execute(notebooks, name: str, monkeypatch, **env: str) -> nbformat.NotebookNode:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("PATH", os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    notebook = nbformat.read(notebooks / name, as_version=4)
    NotebookClient(notebook, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(notebooks)}}).execute()
    return notebook


def text_of(notebook: nbformat.NotebookNode) -> str:
    """Every text/plain, text/html and stream output of the executed notebook, joined."""
    parts = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            parts.append(output.get("text", ""))
            data = output.get("data", {})
            parts += [data.get("text/plain", ""), data.get("text/html", "")]
    return "\n".join(parts)


def mimetypes_of(notebook: nbformat.NotebookNode) -> set[str]:
    return {m for c in notebook.cells for o in c.get("outputs", []) for m in o.get("data", {})}


@pytest.mark.parametrize("name", NAMES + EDITIONS)
def test_notebooks_are_committed_thin_and_without_outputs(notebooks, name):
    notebook = nbformat.read(notebooks / name, as_version=4)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert code, f"{name} has no code"
    assert all(not c.outputs and c.execution_count is None for c in code), f"{name} has outputs committed"
    assert any("parameters" in c.metadata.get("tags", []) for c in code), f"{name} has no parameters cell"
    assert max(len(c.source.splitlines()) for c in code) <= 10, f"{name}: keep the logic in the packages"
    assert notebook.metadata.kernelspec.name == "python3"


@pytest.mark.slow
def test_case_study_notebook(notebooks, monkeypatch):
    notebook = execute(notebooks, NAMES[0], monkeypatch, MOTCUA_REPS="2")
    text = text_of(notebook)
    for phrase in ("dossiers received", "received online", "portal fault", "VNeID-help surge", "absent for a week"):
        assert phrase in text
    assert "image/png" in mimetypes_of(notebook)


@pytest.mark.slow
def test_staffing_dashboard_notebook(notebooks, monkeypatch):
    notebook = execute(notebooks, NAMES[1], monkeypatch, MOTCUA_SCENARIO="kim-boi-vneid-surge", MOTCUA_DAYS="1")
    assert WIDGET_VIEW in mimetypes_of(notebook)
    shown = widget_html(notebook)
    assert any("Kim Bôi, tăng đột biến hỗ trợ VNeID: 1 ngày" in v for v in shown), "the first run's KPIs, in Vietnamese"
    assert any("Thời gian chờ trung bình" in v for v in shown), "the KPI cards' Vietnamese labels"


@pytest.mark.slow
def test_planning_notebook(notebooks, monkeypatch):
    notebook = execute(notebooks, NAMES[2], monkeypatch, MOTCUA_SCENARIO="kim-boi-vneid-surge", MOTCUA_DAYS="2",
                       MOTCUA_REPS="2", MOTCUA_MAX_STAFF="4", MOTCUA_SWEEP="staff.counter=1..3")
    text = text_of(notebook)
    # The English notebook's tables speak English (its LANG parameter); its Vietnamese edition is tested below.
    for phrase in ("simulation (planner)", "Erlang C", "SIPP (peak hour)", "MOL (peak hour)", "Recommended staffing"):
        assert phrase in text


def widget_html(notebook: nbformat.NotebookNode) -> list[str]:
    """The values of every HTML widget, as saved in the executed notebook's widget state."""
    states = notebook.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
    return [m["state"].get("value", "") for m in states.get("state", {}).values() if m.get("model_name") == "HTMLModel"]


@pytest.mark.slow
def test_workshop_results_notebook(notebooks, monkeypatch, gradebook):
    notebook = execute(notebooks, NAMES[3], monkeypatch, MOTCUA_GRADEBOOK=str(gradebook))
    assert WIDGET_VIEW in mimetypes_of(notebook)
    (help_table,) = [v for v in widget_html(notebook) if "Officials who need help" in v]
    assert "dung" in help_table and "binh" in help_table
    assert ">an<" not in help_table and "cuong" not in help_table
    (questions,) = [v for v in widget_html(notebook) if "Hardest questions" in v]
    assert questions.index("q3_reply") < questions.index("q2_deadline") < questions.index("q1_wait")
    assert "Trần Thị Bình" in text_of(notebook)


@pytest.mark.slow
def test_workshop_results_notebook_before_any_workshop_shows_the_demo(notebooks, monkeypatch, tmp_path):
    notebook = execute(notebooks, NAMES[3], monkeypatch, MOTCUA_GRADEBOOK=str(tmp_path / "no-workshop-yet"))
    html = widget_html(notebook)
    assert any("No workshop gradebook at" in v and "no-workshop-yet" in v for v in html), "the notice"
    (help_table,) = [v for v in html if "Officials who need help" in v]
    assert "pham-thi-dung" in help_table and "tran-thi-binh" in help_table
    assert not [o for c in notebook.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]


def test_the_class_report_entry_falls_back_to_a_demo_workshop(tmp_path, gradebook):
    from grading.class_report_view import DEMO_OFFICIALS, class_report, open_gradebook
    from simulation.i18n import use_language

    with use_language("vi"):
        vi = class_report(tmp_path / "nowhere")
    assert "Chưa có sổ điểm lớp tập huấn tại" in vi.notice.value
    assert "công chức đã nộp bài" in vi.summary.value and "cần hỗ trợ" in vi.help.value
    assert list(vi.tables(for_reader=True)[0].columns[:3]) == ["công chức", "họ và tên", "đã nộp"]
    with use_language("en"):
        missing = class_report(tmp_path / "nowhere")
    assert "No workshop gradebook at" in missing.notice.value and "nowhere" in missing.notice.value
    officials, questions = missing.tables()
    assert set(officials["official"]) == set(DEMO_OFFICIALS)
    assert questions["full_marks"].is_monotonic_increasing          # hardest first
    with open_gradebook(tmp_path / "empty.db"):
        pass
    with use_language("en"):
        empty = class_report(tmp_path / "empty.db")
    assert "has no assignment yet" in empty.notice.value
    real = class_report(gradebook)
    assert real.notice.value == "" and set(real.tables()[0]["official"]) == {"an", "binh", "cuong", "dung"}


def prose_of(notebook: nbformat.NotebookNode) -> str:
    """What a reader of the executed notebook reads: markdown and outputs, without HTML tags and styles."""
    import re

    text = "\n".join([c.source for c in notebook.cells if c.cell_type == "markdown"] + [text_of(notebook)])
    text = re.sub(r"<[^>]+>", " ", re.sub(r"<style.*?</style>", " ", text, flags=re.S))
    return re.sub(r"\w+(\.\.\.|…)", " ", text)   # a word pandas cut short ("theo" shown as "the...")


@pytest.mark.slow
@pytest.mark.parametrize("name, env", [
    (EDITIONS[0], {"MOTCUA_REPS": "2"}),
    (EDITIONS[1], {"MOTCUA_SCENARIO": "kim-boi-vneid-surge", "MOTCUA_DAYS": "2", "MOTCUA_REPS": "2",
                   "MOTCUA_MAX_STAFF": "4", "MOTCUA_SWEEP": "staff.counter=1..3"}),
    (EDITIONS[2], {}),
], ids=["case-study", "planning", "workshop-results"])
def test_a_vietnamese_edition_runs_and_reads_in_vietnamese(notebooks, monkeypatch, tmp_path, name, env):
    import re

    from exercises.untranslated import english_leftovers

    monkeypatch.delenv("MOTCUA_LANG", raising=False)
    env.setdefault("MOTCUA_GRADEBOOK", str(tmp_path / "no-workshop-yet"))
    notebook = execute(notebooks, name, monkeypatch, **env)
    assert not [o for c in notebook.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    shown = prose_of(notebook) + "\n".join(widget_html(notebook))
    assert english_leftovers(re.sub(r"/[^\s<'\"]+", " ", shown)) == [], name   # paths such as /tmp/pytest-of-root
