"""The Vietnamese README keeps the two commands of the English one, and each links to the other."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def first_commands(markdown: str) -> list[str]:
    """The commands of the first ```bash block, comments dropped: ['make demo', 'make test']."""
    block = re.search(r"```bash\n(.*?)```", markdown, re.S)
    assert block, "no bash block"
    return [line.split("#")[0].strip() for line in block.group(1).splitlines() if line.split("#")[0].strip()]


def test_the_two_commands_are_the_same_in_both_readmes():
    english = (ROOT / "README.md").read_text(encoding="utf-8")
    vietnamese = (ROOT / "README.vi.md").read_text(encoding="utf-8")
    assert first_commands(english) == ["make demo", "make test"]
    assert first_commands(vietnamese) == first_commands(english)


def test_each_readme_links_to_the_other_near_the_top():
    assert "(README.vi.md)" in "\n".join((ROOT / "README.md").read_text(encoding="utf-8").splitlines()[:5])
    assert "(README.md)" in "\n".join((ROOT / "README.vi.md").read_text(encoding="utf-8").splitlines()[:5])


def test_first_commands_reads_only_the_commands():
    assert first_commands("x\n```bash\nmake demo   # a\n# only a comment\nmake test\n```\n```bash\nls\n```") == [
        "make demo", "make test"]
