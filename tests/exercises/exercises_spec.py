"""Reading the specs the way officials read the prompts: each question's lettered options."""
import re

from courseware_harness import items_of, source_path
import nbformat

OPTION = re.compile(r"^\s*- ([a-z])\) (.*)$", re.M)


def option_texts(assignment):
    """item id -> {letter: option text} from the prompts of the source notebook."""
    nb = nbformat.read(source_path(assignment), as_version=4)
    prompts = {c.id: c.source for c in nb.cells if c.cell_type == "markdown"}
    return {item: dict(OPTION.findall(prompts.get(f"prompt-{n}", ""))) for n, item in items_of(nb).items()}
