"""The Vietnamese editions of the trainers' and planners' notebooks: complete, current, generated from one source."""
from __future__ import annotations

import io

import nbformat
import pytest

from exercises.untranslated import english_leftovers, vietnamese_share
from motcua.editions import (MissingTranslation, edition_of, edition_path, extract_notebook, message_id,
                             sources, write_editions)


def test_every_edition_is_generated_from_its_source_and_up_to_date():
    assert [p.name for p in sources()] == ["01-kim-boi-case-study.ipynb", "03-planning.ipynb",
                                           "04-workshop-results.ipynb"]
    assert write_editions(check=True) == [], "run `python -m motcua.editions` (make translations does)"


@pytest.mark.parametrize("source", sources(), ids=lambda p: p.stem)
def test_an_edition_has_the_sources_cells_with_vietnamese_prose_and_its_language(source):
    english = nbformat.read(source, as_version=4)
    vi = nbformat.read(edition_path(source, "vi"), as_version=4)
    assert [c.cell_type for c in vi.cells] == [c.cell_type for c in english.cells]
    for mine, theirs in zip(vi.cells, english.cells):
        if mine.cell_type == "markdown":
            assert english_leftovers(mine.source) == [], mine.source[:80]
            assert vietnamese_share(mine.source) > 0.3, mine.source[:80]
        else:
            assert mine.source == theirs.source.replace('or "en"', 'or "vi"')
            assert not mine.outputs
    assert sum('LANG = os.environ.get("MOTCUA_LANG") or "vi"' in c.source for c in vi.cells) == 1


def test_the_extractor_gives_one_message_per_markdown_cell_with_percent_signs_doubled(root):
    source = root / "notebooks" / "01-kim-boi-case-study.ipynb"
    found = list(extract_notebook(io.BytesIO(source.read_bytes()), None, None, None))
    markdown = [c for c in nbformat.read(source, as_version=4).cells if c.cell_type == "markdown"]
    assert [m for _, _, m, _ in found] == [message_id(c.source) for c in markdown]
    assert any("60%% resolved" in m for _, _, m, _ in found)


def test_a_cell_nobody_translated_stops_the_edition_and_is_named(tmp_path, root):
    notebook = nbformat.read(root / "notebooks" / "04-workshop-results.ipynb", as_version=4)
    notebook.cells.append(nbformat.v4.new_markdown_cell("## A section written after the translation"))
    source = tmp_path / "05-new.ipynb"
    nbformat.write(notebook, source)
    with pytest.raises(MissingTranslation) as caught:
        edition_of(source, "vi")
    assert "05-new.ipynb, markdown cell" in str(caught.value) and "A section written after" in str(caught.value)
    assert "motcua.po" in str(caught.value)


def test_a_source_without_its_language_parameter_is_refused(tmp_path, root):
    notebook = nbformat.read(root / "notebooks" / "04-workshop-results.ipynb", as_version=4)
    for cell in notebook.cells:
        cell.source = cell.source.replace('LANG = os.environ.get("MOTCUA_LANG") or "en"', 'LANG = "en"')
    source = tmp_path / "04-workshop-results.ipynb"
    nbformat.write(notebook, source)
    with pytest.raises(MissingTranslation, match="exactly one parameter line"):
        edition_of(source, "vi")

