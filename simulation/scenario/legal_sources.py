"""Where a legal fact comes from: the document, its article and the date it took effect.

The law of the one-stop shop changes often since the July 2025 reform, so every
fact the course grades as law (a processing time, a 15:00 cut-off, the papers a
dossier needs, a day off) carries its :class:`Source`. A number the centre
merely plans with (a processing time nobody checked against the current text)
is a *planning assumption*: it carries a note saying so and is never graded as
law.

``Source.status`` is ``"law"`` or ``"assumption"``. A law source names its
document, article and effective date; an assumption names why it is one.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, model_validator

from ..i18n import _

__all__ = ["LAW", "ASSUMPTION", "STATUS_LABELS", "Source", "SourceModel"]

LAW = "law"
ASSUMPTION = "assumption"
STATUS_LABELS = {LAW: "law", ASSUMPTION: "planning assumption"}  # what a reader sees


@dataclass(frozen=True)
class Source:
    """The provenance of one fact."""

    status: Literal["law", "assumption"]
    document: str = ""
    article: str = ""
    effective: datetime.date | None = None
    note: str = ""

    @property
    def is_law(self) -> bool:
        return self.status == LAW

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]

    def cite(self) -> str:
        """``"Decree 23/2015/NĐ-CP, art. 7 (in force from 10/04/2015)"``, or the assumption's note."""
        if not self.is_law:
            return f"planning assumption: {self.note}" if self.note else "planning assumption"
        return f"{self.document}, {self.article} (in force from {self.effective:%d/%m/%Y})"

    def complete(self) -> bool:
        """A law source must name its document, article and effective date; an assumption its note."""
        if self.is_law:
            return bool(self.document.strip() and self.article.strip() and self.effective)
        return bool(self.note.strip())


class SourceModel(BaseModel):
    """The YAML form of a :class:`Source` (validated at the edge)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    status: Literal["law", "assumption"]
    document: str = ""
    article: str = ""
    effective: datetime.date | None = None
    note: str = ""

    @model_validator(mode="after")
    def _complete(self) -> "SourceModel":
        if self.status == LAW:
            missing = [k for k in ("document", "article", "effective") if not getattr(self, k)]
            if missing:
                raise ValueError(_("a law source needs {keys} (document, article and effective date); otherwise "
                                   "write status: assumption").format(keys=", ".join(missing)))
        elif not self.note.strip():
            raise ValueError(_("an assumption needs a note saying why it is one"))
        return self

    def build(self) -> Source:
        return Source(self.status, self.document.strip(), self.article.strip(), self.effective, self.note.strip())
