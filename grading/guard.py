"""nbgrader's Execute step, hardened against submissions that tamper with Python itself.

Before any submitted code runs, a copy of the ``builtins`` namespace is stored in
the kernel under a random name; before each autograder test cell the original
builtins are put back (``builtins.isinstance = lambda *a: True`` and friends no
longer fool the tests). The prefix is one line and is removed again from the
graded notebook. nbgrader itself already records an error when a cell's reply
says it failed even if the traceback display was suppressed.

Output is capped while it arrives: past `grading.judging.MAX_CELL_BYTES` per
cell, further output is dropped (errors excepted) and a note says how much, so
a cell printing 150 MB neither fills the grader's memory nor takes minutes to
merge.

This is defence in depth inside one Python process, not a proof: the sandbox
(`grading.sandbox`) is what protects the machine and the gradebook.
"""
from __future__ import annotations

import json
import secrets

from nbgrader import utils
from nbgrader.preprocessors import Execute

__all__ = ["GuardedExecute"]


class GuardedExecute(Execute):
    """`Execute` that snapshots builtins first and restores them before each test cell."""

    def preprocess(self, nb, resources=None, km=None):
        self._snapshot = f"_mc_{secrets.token_hex(8)}"
        self._snapshot_taken = False
        self._output_bytes, self._cut_bytes = {}, {}
        return super().preprocess(nb, resources, km)

    def output(self, outs, msg, display_id, cell_index):
        """Keep a cell's output up to the cap; count what is dropped (never an error)."""
        from .judging import MAX_CELL_BYTES

        content = msg.get("content", {})
        if msg["msg_type"] == "error":
            return super().output(outs, msg, display_id, cell_index)
        size = len(content["text"]) if msg["msg_type"] == "stream" else len(json.dumps(content.get("data", {})))
        used = self._output_bytes.get(cell_index, 0)
        room = MAX_CELL_BYTES - used
        if size > room:
            if msg["msg_type"] == "stream" and room > 0:
                content["text"] = content["text"][:room]
                self._output_bytes[cell_index] = MAX_CELL_BYTES
                self._cut_bytes[cell_index] = self._cut_bytes.get(cell_index, 0) + size - room
                return super().output(outs, msg, display_id, cell_index)
            self._cut_bytes[cell_index] = self._cut_bytes.get(cell_index, 0) + size
            return None
        self._output_bytes[cell_index] = used + size
        return super().output(outs, msg, display_id, cell_index)

    def _note_cut(self, cell, index):
        from nbformat.v4 import new_output

        from .judging import MAX_CELL_BYTES, course_language, cut_note

        cut = self._cut_bytes.pop(index, 0)
        if cut:
            cell.outputs.append(new_output("stream", name="stdout",
                                           text=cut_note(cut, MAX_CELL_BYTES, course_language(self.config))))

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
            self._note_cut(cell, index)
