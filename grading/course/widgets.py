"""One answer widget per question: radio buttons, check boxes, numbered drop-downs or a box to type in.

Every change is handed to the answer sheet at once, which records it and
returns the sentence shown under the widget. `AnswerBox.set` puts a plain
value into the controls (how a recorded answer is shown again, and how tests
answer "by clicking").
"""
import html

import ipywidgets as widgets
from IPython.display import display

__all__ = ["AnswerBox", "show_tally"]

_NONE = ""


class AnswerBox:
    """The controls of one question and the line of feedback under them."""

    def __init__(self, sheet, form):
        self.sheet, self.form = sheet, form
        self.feedback = widgets.HTML()
        self._quiet = False
        kind, letters = form.kind, list(form.options)
        if kind == "choice":
            self.controls = [widgets.RadioButtons(options=[(f"{x})", x) for x in letters], value=None,
                                                  layout=widgets.Layout(width="max-content"))]
        elif kind in ("set", "order") and letters and kind == "set":
            self.controls = [widgets.Checkbox(value=False, description=f"{x})", indent=False,
                                              layout=widgets.Layout(width="auto")) for x in letters]
        elif kind == "order" and letters:
            choices = [("—", _NONE)] + [(x, x) for x in letters]
            self.controls = [widgets.Dropdown(options=choices, value=_NONE, description=f"{i}.",
                                              layout=widgets.Layout(width="8em"),
                                              style={"description_width": "1.5em"})
                             for i in range(1, len(letters) + 1)]
        else:
            self.controls = [widgets.Text(placeholder=form.hint, continuous_update=True,
                                          layout=widgets.Layout(width="28em"))]
        recorded = sheet.answers.get(form.item_id)
        if recorded is not None:
            self.set(recorded, record=False)
        self.feedback.value = html.escape(sheet.verdict(form.item_id)[1])
        for control in self.controls:
            control.observe(self._changed, names="value")

    @property
    def widget(self):
        layout = widgets.HBox if len(self.controls) > 1 else widgets.VBox
        return widgets.VBox([layout(self.controls), self.feedback])

    def show(self):
        display(self.widget)

    def raw(self):
        """What the controls hold now, before it is made plain."""
        kind, letters = self.form.kind, list(self.form.options)
        if kind == "set" and letters:
            return [x for x, box in zip(letters, self.controls) if box.value]
        if kind == "order" and letters:
            return [] if all(c.value == _NONE for c in self.controls) else [c.value for c in self.controls]
        return self.controls[0].value

    def set(self, value, record=True):
        """Put a plain value into the controls (and record it, as a click would)."""
        kind, letters = self.form.kind, list(self.form.options)
        self._quiet = True
        try:
            if kind == "choice":
                self.controls[0].value = value if value in letters else None
            elif kind == "set" and letters:
                chosen = set(value or [])
                for x, box in zip(letters, self.controls):
                    box.value = x in chosen
            elif kind == "order" and letters:
                places = list(value or [])
                for i, control in enumerate(self.controls):
                    control.value = places[i] if i < len(places) and places[i] in letters else _NONE
            elif type(value) is list:
                self.controls[0].value = ", ".join(str(v) for v in value)
            elif kind == "date" and type(value) is str and len(value) == 10 and value[4] == "-":
                self.controls[0].value = f"{value[8:10]}/{value[5:7]}/{value[0:4]}"
            else:
                self.controls[0].value = "" if value is None else str(value)
        finally:
            self._quiet = False
        if record:
            self._changed(None)

    def _changed(self, _change):
        if self._quiet:
            return
        self.feedback.value = html.escape(self.sheet.accept(self.form.item_id, self.raw()))


def show_tally(sentence):
    """The last cell's "n of m questions answered" line; the sheet sets its value on every recorded answer."""
    line = widgets.Label(sentence)
    display(line)
    return line
