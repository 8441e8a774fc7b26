"""One answer widget per question: radio buttons, check boxes, steps to click in order, or a box to type in.

Every change is handed to the answer sheet at once, which records it and
returns the sentence shown under the widget. `AnswerBox.set` puts a plain
value into the controls (how a recorded answer is shown again, and how tests
answer "by clicking").

An order question shows its steps as buttons: each click places that step
next (`grading.course.ordering.StepOrder`), and the order so far is shown as
"1. b  2. a  3. …"; the same order may be typed in one box ("b a c e d"). Both
give the sheet the same value.
"""
import html

import ipywidgets as widgets
from IPython.display import display

from grading.course.ordering import StepOrder
from simulation.i18n import N_, _

__all__ = ["AnswerBox", "OrderBox", "show_tally", "ORDER_LABELS"]

# Translated when a box is built, inside the sheet's language (`AnswerSheet.ask`).
ORDER_LABELS = {
    "click": N_("Click the steps in order:"),
    "order": N_("Order:"),
    "undo": N_("Undo last step"),
    "again": N_("Start again"),
    "type": N_("Or type the letters in order:"),
    "typing": N_("letters separated by spaces or commas"),
}


class OrderBox:
    """The controls of an order question: step buttons, the order so far, undo / start again, a box to type in.

    ``changed`` is called after every click or keystroke, once the order and
    all the controls agree.
    """

    def __init__(self, letters, changed):
        self.order, self._changed = StepOrder(letters), changed
        self._quiet = False
        # wide enough for a placed step's check mark beside its letter
        self.steps = {x: widgets.Button(description=f"{x})", layout=widgets.Layout(width="4.4em")) for x in letters}
        for letter, button in self.steps.items():
            button.on_click(lambda _button, letter=letter: self._do(self.order.click, letter))
        self.undo = widgets.Button(description=_(ORDER_LABELS["undo"]), icon="undo",
                                   layout=widgets.Layout(width="auto"))
        self.again = widgets.Button(description=_(ORDER_LABELS["again"]), icon="refresh",
                                    layout=widgets.Layout(width="auto"))
        self.undo.on_click(lambda _button: self._do(self.order.undo))
        self.again.on_click(lambda _button: self._do(self.order.clear))
        self.shown = widgets.HTML()
        # as wide as a text answer's box: the Vietnamese placeholder was cut short at 16em
        self.typed = widgets.Text(placeholder=_(ORDER_LABELS["typing"]), continuous_update=True,
                                  layout=widgets.Layout(width="28em"))
        self.typed.observe(self._typed, names="value")
        self._label = _(ORDER_LABELS["order"])
        self._refresh()

        def label(key):
            # at least 19em, so the buttons and the box line up with a gap after the label in both editions
            # (the longest, "Bấm vào các bước theo đúng thứ tự:", is about 18em); a longer label is never cut short
            return widgets.Label(_(ORDER_LABELS[key]), layout=widgets.Layout(width="auto", min_width="19em"))
        self.widget = widgets.VBox([
            widgets.HBox([label("click"), *self.steps.values()]),
            widgets.HBox([self.shown, self.undo, self.again], layout=widgets.Layout(align_items="center")),
            widgets.HBox([label("type"), self.typed])])

    def put(self, value):
        """Show an order again (a recorded value), without telling the sheet."""
        self.order.put(value)
        self._refresh()

    def _do(self, action, *args):
        action(*args)
        self._refresh()
        self._changed()

    def _typed(self, change):
        if self._quiet:
            return
        self.order.type(change["new"])
        self._refresh(keep_typed=True)  # never rewrite the box under the official's fingers
        self._changed()

    def _refresh(self, keep_typed=False):
        placed = self.order.placed
        for letter, button in self.steps.items():
            # a placed step looks used (greyed, ticked) until "undo" or "start again" frees it: a coloured
            # button read as "click me" to officials
            button.disabled = letter in placed
            button.icon = "check" if letter in placed else ""
        places = [f"<b>{i}.&nbsp;{html.escape(x)}</b>" for i, x in enumerate(placed, 1)]
        places += [f"<span style='color:#888'>{i}.&nbsp;…</span>"
                   for i in range(len(placed) + 1, len(self.order.letters) + 1)]
        self.shown.value = f"{html.escape(self._label)}&ensp;" + "&emsp;".join(places) + "&emsp;"
        self.undo.disabled = self.again.disabled = not placed
        if not keep_typed:
            self._quiet = True
            try:
                self.typed.value = self.order.text()
            finally:
                self._quiet = False


class AnswerBox:
    """The controls of one question and the line of feedback under them."""

    def __init__(self, sheet, form):
        self.sheet, self.form = sheet, form
        self.feedback = widgets.HTML()
        self._quiet = False
        self.order = None
        kind, letters = form.kind, list(form.options)
        if kind == "choice":
            self.controls = [widgets.RadioButtons(options=[(f"{x})", x) for x in letters], value=None,
                                                  layout=widgets.Layout(width="max-content"))]
        elif kind == "set" and letters:
            # a gap after each letter, so every box is seen to go with the letter on its right
            self.controls = [widgets.Checkbox(value=False, description=f"{x})", indent=False,
                                              layout=widgets.Layout(width="auto", margin="2px 1.5em 2px 2px"))
                             for x in letters]
        elif kind == "order" and letters:
            self.order = OrderBox(letters, lambda: self._changed(None))
            self.controls = []
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
        if self.order is not None:
            return widgets.VBox([self.order.widget, self.feedback])
        layout = widgets.HBox if len(self.controls) > 1 else widgets.VBox
        return widgets.VBox([layout(self.controls), self.feedback])

    def show(self):
        display(self.widget)

    def raw(self):
        """What the controls hold now, before it is made plain."""
        kind, letters = self.form.kind, list(self.form.options)
        if self.order is not None:
            return self.order.order.raw()
        if kind == "set" and letters:
            return [x for x, box in zip(letters, self.controls) if box.value]
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
            elif self.order is not None:
                self.order.put(value if type(value) is list else [])
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
        sentence = self.sheet.accept(self.form.item_id, self.raw())
        order = self.order.order if self.order is not None else None
        if order is not None and order.partial:
            sentence = self.sheet.say("order_partial", missing=len(order.remaining))
        self.feedback.value = html.escape(sentence)


def show_tally(sentence):
    """The last cell's "n of m questions answered" line; the sheet sets its value on every recorded answer."""
    line = widgets.Label(sentence)
    display(line)
    return line
