"""The catalogue of administrative procedures a commune centre handles.

A citizen who walks into the one-stop shop asks for one *procedure*: register a
birth, certify a copy of a diploma, transfer a land-use right.  Each procedure
belongs to a field (civil status, certification, land, social, other), carries
a legal processing time fixed by law, a list of documents a complete dossier
needs, and the effort it costs the centre: minutes at the counter, minutes of
back-office work and working days spent waiting outside the centre (a
signature, a verification by another office).

Every fact the course grades (the legal time, its 15:00 cut-off, the
documents, the online level) carries its :class:`~.legal_sources.Source`:
law (document, article, effective date) or a labelled planning assumption.

The catalogue is read from YAML (``simulation/data/procedures.yaml`` by
default) and validated once, here, at the edge; the engine trusts a loaded
:class:`Catalogue`.  Errors form a small tree::

    SimulationError (simulation.errors)
    ├── CatalogueError          the YAML file is unreadable or invalid (all messages at once; a ValueError)
    └── UnknownProcedureError   an id that is not in the catalogue (a KeyError)
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError, field_validator
from pydantic import Field as Constraint

from ..errors import CatalogueError, UnknownProcedureError
from ..i18n import _
from .clock import parse_hhmm
from .errors import format_pydantic_errors, show
from .legal_sources import LAW, Source, SourceModel
from .yaml_file import yaml_problem

__all__ = [
    "FIELDS",
    "Catalogue",
    "CatalogueError",
    "Field",
    "FACTS",
    "LegalTime",
    "Procedure",
    "UnknownProcedureError",
    "CounterRule",
    "load_catalogue",
    "load_counter_rules",
]

Field = Literal["civil_status", "certification", "land", "social", "other"]
FIELDS: tuple[str, ...] = ("civil_status", "certification", "land", "social", "other")
ONLINE_LEVELS: tuple[str, ...] = ("full", "partial", "none")
LEGAL_KINDS: tuple[str, ...] = ("immediate", "same_day", "working_days")
FACTS: tuple[str, ...] = ("legal_time", "cutoff", "documents", "online_level")  # each needs a source


@dataclass(frozen=True)
class LegalTime:
    """The processing time the law allows for one procedure.

    ``immediate``: settled while the citizen waits once the dossier is complete
    (the centre has until closing time of the receipt day).  ``same_day``: by
    the close of the receipt day.  ``working_days``: by the close of the
    ``days``-th working day after receipt.  With a ``cutoff`` (15:00 for
    certification, Decree 23/2015 art. 7, and for birth, death and marriage
    registration), a dossier received *after* the cutoff (15:00 itself still
    counts) counts as received on the next working day.
    """

    kind: Literal["immediate", "same_day", "working_days"]
    days: int = 0
    cutoff: datetime.time | None = None

    def __post_init__(self) -> None:
        if self.kind not in LEGAL_KINDS:
            raise ValueError(f"legal time kind {self.kind!r}: allowed kinds are {', '.join(LEGAL_KINDS)}")
        if self.kind == "working_days" and self.days < 1:
            raise ValueError(f"legal time of {self.days} working days: must be at least 1")
        if self.kind != "working_days" and self.days != 0:
            raise ValueError(f"legal time kind {self.kind!r} with days={self.days}: days must be 0")

    def describe(self) -> str:
        """Plain English, e.g. ``"same working day (next working day if received after 15:00)"``."""
        cut = self.cutoff.strftime("%H:%M") if self.cutoff else None
        if self.kind == "immediate":
            text = "immediately once the dossier is complete"
            return f"{text} (next working day if received after {cut})" if cut else text
        if self.kind == "same_day":
            text = "same working day"
            return f"{text} (next working day if received after {cut})" if cut else text
        text = f"{self.days} working day{'s' if self.days != 1 else ''}"
        return f"{text} (counted from the next working day if received after {cut})" if cut else text


@dataclass(frozen=True)
class Procedure:
    """One administrative procedure and what it costs the centre.

    ``documents`` are always needed; ``documents_where_applicable`` are
    (document, when) pairs needed only in that case (an official may not
    demand them otherwise). ``sources`` gives each fact of :data:`FACTS` that
    the procedure has its :class:`Source`.
    """

    id: str
    name: str
    name_vi: str
    field: str
    legal_time: LegalTime
    legal_basis: Source
    online_level: Literal["full", "partial", "none"]
    documents: tuple[str, ...]
    counter_min: float
    work_min: float
    external_days: float
    documents_where_applicable: tuple[tuple[str, str], ...] = ()
    sources: Mapping[str, Source] = dataclass_field(default_factory=dict)

    def source(self, fact: str) -> Source:
        """The source of one fact (``"legal_time"``, ``"cutoff"``, ``"documents"``, ``"online_level"``)."""
        if fact not in self.sources:
            raise KeyError(f"{self.id}: no source for {fact!r}; facts with a source: {', '.join(self.sources)}")
        return self.sources[fact]

    def time_label(self) -> str:
        """The legal time in words, marked when it is a planning assumption rather than law."""
        text = self.legal_time.describe()
        return text if self.source("legal_time").is_law else f"{text} [planning assumption]"


class Catalogue(Mapping[str, Procedure]):
    """An ordered, immutable mapping from procedure id to :class:`Procedure`."""

    def __init__(self, procedures: Iterable[Procedure]):
        items: dict[str, Procedure] = {}
        for proc in procedures:
            if proc.id in items:
                raise ValueError(f"duplicate procedure id {proc.id!r}: ids must be unique")
            items[proc.id] = proc
        self._items = items

    def __getitem__(self, procedure_id: str) -> Procedure:
        try:
            return self._items[procedure_id]
        except (KeyError, TypeError):
            raise UnknownProcedureError(procedure_id, self._items) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return f"Catalogue({len(self)} procedures: {', '.join(self._items)})"

    def by_field(self, field: str) -> list[Procedure]:
        """Procedures of one field, in catalogue order."""
        if field not in FIELDS:
            raise ValueError(f"unknown field {field!r}: allowed fields are {', '.join(FIELDS)}")
        return [p for p in self._items.values() if p.field == field]

    def fully_online(self) -> list[Procedure]:
        """Procedures that can be done entirely online (``online_level == "full"``)."""
        return [p for p in self._items.values() if p.online_level == "full"]


DEFAULT_RESOURCE = "data/procedures.yaml"


def load_catalogue(path: str | Path | None = None) -> Catalogue:
    """Read and validate a procedure catalogue; the packaged one when ``path`` is None.

    Raises :class:`CatalogueError` listing every problem at once.  The packaged
    catalogue is parsed once and cached.
    """
    if path is None:
        return _load_default()
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CatalogueError([_("{path}: cannot read file: {reason}").format(path=path, reason=exc.strerror or exc)]) \
            from None
    return _parse(text, str(path))


@functools.lru_cache(maxsize=1)
def _load_default() -> Catalogue:
    resource = resources.files("simulation").joinpath(DEFAULT_RESOURCE)
    return _parse(resource.read_text(encoding="utf-8"), "simulation/data/procedures.yaml")


def _parse(text: str, source: str) -> Catalogue:
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        text = _("{source}: not valid YAML (line {line}, column {column}): {problem}") if mark else \
            _("{source}: not valid YAML: {problem}")
        raise CatalogueError([text.format(source=source, line=mark and mark.line + 1, column=mark and mark.column + 1,
                                          problem=yaml_problem(getattr(exc, "problem", None) or str(exc)))]) from None
    document = _validate(raw, source)
    return Catalogue(_build(p) for p in document.procedures)


def _build(model: _ProcedureModel) -> Procedure:
    lt = model.legal_time
    return Procedure(
        id=model.id,
        name=model.name,
        name_vi=model.name_vi,
        field=model.field,
        legal_time=LegalTime(kind=lt.kind, days=lt.days, cutoff=lt.cutoff),
        legal_basis=model.legal_basis.build(),
        online_level=model.online_level,
        documents=tuple(d for d in model.documents if isinstance(d, str)),
        documents_where_applicable=tuple((d.name, d.when) for d in model.documents if not isinstance(d, str)),
        sources={fact: source.build() for fact, source in model.sources.items()},
        counter_min=float(model.counter_min),
        work_min=float(model.work_min),
        external_days=float(model.external_days),
    )


@dataclass(frozen=True)
class CounterRule:
    """A rule of the counter's paperwork (one-time guidance, refusal slip, fees ...) and its source."""

    id: str
    text: str
    source: Source


RULES_RESOURCE = "data/counter_rules.yaml"


@functools.lru_cache(maxsize=1)
def load_counter_rules() -> dict[str, CounterRule]:
    """The packaged counter rules (``simulation/data/counter_rules.yaml``), by id; every one has a source."""
    where = "simulation/" + RULES_RESOURCE
    raw = yaml.safe_load(resources.files("simulation").joinpath(RULES_RESOURCE).read_text(encoding="utf-8"))
    try:
        document = _RulesModel.model_validate(raw)
    except ValidationError as exc:
        raise CatalogueError(format_pydantic_errors(exc, where, _RulesModel)) from None
    return {r.id: CounterRule(r.id, " ".join(r.text.split()), r.source.build()) for r in document.rules}


# --- the YAML schema: validation at the edge only ---------------------------

_Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _LegalTimeModel(_Strict):
    kind: Literal["immediate", "same_day", "working_days"]
    days: int = Constraint(default=0, ge=0, le=120, validate_default=True)
    cutoff: datetime.time | None = None

    @field_validator("days")
    @classmethod
    def _days_match_kind(cls, value: int, info: Any) -> int:
        kind = info.data.get("kind")
        if kind == "working_days" and value < 1:
            raise ValueError(_("must be at least 1 when kind is 'working_days'"))
        if kind in ("immediate", "same_day") and value != 0:
            raise ValueError(_("must be 0 (or left out) when kind is {kind!r}").format(kind=kind))
        return value

    @field_validator("cutoff", mode="before")
    @classmethod
    def _cutoff_from_text(cls, value: Any) -> Any:
        if value is None or isinstance(value, datetime.time):
            return value
        hours, minutes = divmod(parse_hhmm(value, latest=23 * 60 + 59), 60)  # a cutoff falls within the day
        return datetime.time(hours, minutes)


class _WhereApplicable(_Strict):
    name: _Text
    when: _Text


class _ProcedureModel(_Strict):
    id: str
    name: _Text
    name_vi: _Text
    field: Field
    legal_basis: SourceModel
    legal_time: _LegalTimeModel
    online_level: Literal["full", "partial", "none"]
    documents: list[_Text | _WhereApplicable] = Constraint(min_length=1)
    sources: dict[Literal["legal_time", "cutoff", "documents", "online_level"], SourceModel]
    counter_min: float = Constraint(gt=0, le=480)
    work_min: float = Constraint(ge=0, le=4800)
    external_days: float = Constraint(ge=0, le=365)

    @field_validator("id")
    @classmethod
    def _snake_case(cls, value: str) -> str:
        if not re.fullmatch(r"[a-z][a-z0-9_]*", value):
            raise ValueError(_("must be snake_case: lower-case letters, digits and underscores, starting with a "
                               "letter"))
        return value

    @field_validator("external_days")
    @classmethod
    def _immediate_waits_nowhere(cls, value: float, info: Any) -> float:
        legal = info.data.get("legal_time")
        if legal is not None and legal.kind == "immediate" and value != 0:
            raise ValueError(_("must be 0 for a procedure whose legal time is 'immediate'"))
        return value

    @field_validator("legal_basis")
    @classmethod
    def _basis_is_law(cls, value: SourceModel) -> SourceModel:
        if value.status != LAW:
            raise ValueError(_("the legal basis of a procedure must be law (status: law)"))
        return value

    @field_validator("sources")
    @classmethod
    def _every_fact_has_a_source(cls, value: dict, info: Any) -> dict:
        legal = info.data.get("legal_time")
        needed = ["legal_time", "documents", "online_level"]
        if legal is not None and legal.cutoff is not None:
            needed.append("cutoff")
        missing = [fact for fact in needed if fact not in value]
        if missing:
            raise ValueError(_("no source for {facts}: every fact needs one (status: law with document, article, "
                               "effective; or status: assumption with a note)").format(facts=", ".join(missing)))
        if legal is not None and legal.cutoff is None and "cutoff" in value:
            raise ValueError(_("a source for 'cutoff' but legal_time has no cutoff"))
        return value


class _DocumentModel(_Strict):
    schema_version: Literal[1]
    procedures: list[_ProcedureModel] = Constraint(min_length=1)


def _validate(raw: Any, source: str) -> _DocumentModel:
    """Validate a parsed YAML document; raise CatalogueError with every problem."""
    if not isinstance(raw, dict):
        raise CatalogueError([_("{source}: top level must be a mapping with keys schema_version, procedures; "
                                "got {value}").format(source=source, value=show(raw))])
    messages: list[str] = []
    document = None
    try:
        document = _DocumentModel.model_validate(raw)
    except ValidationError as exc:
        messages += format_pydantic_errors(exc, source, _DocumentModel)
    messages += _duplicate_ids(raw.get("procedures"), source)
    if messages or document is None:
        raise CatalogueError(messages)
    return document


def _duplicate_ids(procedures: Any, source: str) -> list[str]:
    if not isinstance(procedures, list):
        return []
    first: dict[str, int] = {}
    messages = []
    for index, item in enumerate(procedures):
        pid = item.get("id") if isinstance(item, dict) else None
        if not isinstance(pid, str):
            continue
        if pid in first:
            messages.append(f"{source}: procedures[{index}].id = {pid!r}: " + _(
                "duplicate of {first}; ids must be unique").format(first=f"procedures[{first[pid]}].id"))
        else:
            first[pid] = index
    return messages


class _RuleModel(_Strict):
    id: str
    text: _Text
    source: SourceModel


class _RulesModel(_Strict):
    schema_version: Literal[1]
    rules: list[_RuleModel] = Constraint(min_length=1)
