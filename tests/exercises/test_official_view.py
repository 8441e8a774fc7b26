"""What an official sees in JupyterLab: kind sentences, never a traceback, for the usual mistakes."""
import pytest

from courseware_harness import AVAILABLE, cells_by_id, with_answer


@pytest.mark.slow
@pytest.mark.skipif("communication" not in AVAILABLE, reason="communication assignment not built")
def test_typing_mistakes_and_wrong_answers_show_kind_messages(course, monkeypatch):
    from nbclient import NotebookClient

    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    nb = course.read("release", "communication")
    nb = with_answer(nb, 1, "answer_1 = b")           # forgot the quotes
    nb = with_answer(nb, 2, 'answer_2 = "d"')         # wrong letter
    nb = with_answer(nb, 3, 'answer_3 = ["b", "a", "c", "d", "e"]')  # right items, wrong order
    nb = with_answer(nb, 5, 'answer_5 = "Mật khẩu"')  # right, with accents and capitals
    client = NotebookClient(nb, timeout=60, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(course.path("release", "communication").parent)}})
    client.execute()
    cells = cells_by_id(nb)

    def text(grade_id):
        return "".join(o.get("text", "") for o in cells[grade_id].outputs if o.output_type == "stream")

    for cell in nb.cells:
        assert not any(o.output_type == "error" for o in cell.get("outputs", [])), cell.source
    assert "put it between quotes" in text("answer_1") and "Traceback" not in text("answer_1")
    assert text("test_2").startswith("✗")
    assert "order" in text("test_3")
    assert text("test_5").strip() == "✓ Correct"
    assert "No answer yet" in text("test_4")
