"""nbgrader's Execute step, hardened against submissions that tamper with Python itself.

Before any submitted code runs, a copy of the ``builtins`` namespace is stored in
the kernel under a random name; before each autograder test cell the original
builtins are put back (``builtins.isinstance = lambda *a: True`` and friends no
longer fool the tests). The prefix is one line and is removed again from the
graded notebook. nbgrader itself already records an error when a cell's reply
says it failed even if the traceback display was suppressed.

This is defence in depth inside one Python process, not a proof: the sandbox
(`grading.sandbox`) is what protects the machine and the gradebook.
"""
from __future__ import annotations

import secrets

from nbgrader import utils
from nbgrader.preprocessors import Execute

__all__ = ["GuardedExecute"]


class GuardedExecute(Execute):
    """`Execute` that snapshots builtins first and restores them before each test cell."""

    def preprocess(self, nb, resources=None, km=None):
        self._snapshot = f"_mc_{secrets.token_hex(8)}"
        self._snapshot_taken = False
        return super().preprocess(nb, resources, km)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code":
            return super().preprocess_cell(cell, resources, index)
        original = cell.source
        name = self._snapshot
        if original.lstrip().startswith("%%"):
            prefix = ""  # a cell magic must stay on the first line
        elif not self._snapshot_taken:
            prefix = f"import builtins as _mcb; {name} = dict(_mcb.__dict__); del _mcb\n"
            self._snapshot_taken = True
        elif utils.is_grade(cell) and not utils.is_solution(cell):
            prefix = f"import builtins as _mcb; _mcb.__dict__.update({name}); del _mcb\n"
        else:
            prefix = ""
        cell.source = prefix + original
        try:
            return super().preprocess_cell(cell, resources, index)
        finally:
            cell.source = original
