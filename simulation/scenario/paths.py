"""Changing a scenario field by its dotted path (`staff.counter`, `demand.walk_in_scale`).

Experiments and widgets change a scenario one field at a time::

    scenario.with_values({"staff.counter": 3, "staff.counter[0].proficiency": 1.2})

The functions here work on any pydantic schema handed to them (`Scenario` in practice: it calls them,
so they do not import it). A path is checked against the schema before anything is changed, so a typo
names the path and the keys allowed at that point; the changed scenario is
validated again as a whole, so a bad value is reported like a bad file.
List entries are written ``team[0]`` or ``team.0``.
"""
from __future__ import annotations

import copy
import re
import typing
from typing import Any

from pydantic import BaseModel

from ..i18n import _
from .errors import ScenarioError, dotted, model_in, show, union_members

__all__ = ["apply_values", "field_paths", "check_path", "split_path"]

_INDEX = re.compile(r"\[(\d+)\]")


def split_path(path: str) -> list[str | int]:
    """'staff.counter[0].proficiency' -> ['staff', 'counter', 0, 'proficiency']."""
    parts: list[str | int] = []
    for part in _INDEX.sub(r".\1", path).split("."):
        parts.append(int(part) if part.isdigit() else part)
    return parts


def _container(annotation: Any, kind: type) -> Any:
    for member in union_members(annotation):
        if typing.get_origin(member) is kind:
            return member
    return None


def _keys(model: type[BaseModel]) -> str:
    return ", ".join(f for f in model.model_fields if f != "source")


def field_paths(model: type[BaseModel], prefix: str = "") -> list[str]:
    """Every settable dotted path of a schema (`Scenario`) down to leaves and teams."""
    paths = []
    for name, info in model.model_fields.items():
        if name == "source":
            continue
        path = f"{prefix}{name}"
        if model_in(info.annotation) is info.annotation:
            paths.extend(field_paths(info.annotation, path + "."))
        else:
            paths.append(path)
    return paths


def check_path(path: str, schema: type[BaseModel], *, source: str = "<memory>") -> None:
    """Raise ScenarioError unless `path` names a place in `schema` (`Scenario`)."""
    annotation: Any = schema
    parts = split_path(path)
    for depth, part in enumerate(parts):
        here = dotted(tuple(parts[:depth])) if depth else _("the top level")
        model, as_list, as_dict = model_in(annotation), _container(annotation, list), _container(annotation, dict)
        if isinstance(part, int) and as_list is not None:
            annotation = typing.get_args(as_list)[0]
        elif isinstance(part, str) and model is not None and part in model.model_fields and part != "source":
            annotation = model.model_fields[part].annotation
        elif as_dict is not None:
            annotation = typing.get_args(as_dict)[-1]
        else:
            if model is not None:
                allowed = _("allowed: {keys}").format(keys=_keys(model))
            elif as_list is not None:
                allowed = _("it is a list; name an entry such as {example}").format(example=f"{here}[0]")
            else:
                allowed = _("it is a single value with no keys inside")
            raise ScenarioError(source, [f"{source}: " + _(
                "unknown field path {path!r}: {part!r} is not a key of {where} ({allowed})").format(
                path=path, part=part, where=here, allowed=allowed)])


def apply_values(data: dict, values: dict[str, Any], schema: type[BaseModel], *,
                 source: str = "<memory>") -> dict:
    """Return a deep copy of `data` (laid out as `schema`) with each dotted path set to its value."""
    result = copy.deepcopy(data)
    for path, value in values.items():
        check_path(path, schema, source=source)
        parts = split_path(path)
        node: Any = result
        for depth, part in enumerate(parts):
            last = depth == len(parts) - 1
            if isinstance(node, list):
                if not isinstance(part, int) or part >= len(node):
                    where = dotted(tuple(parts[:depth]))
                    raise ScenarioError(source, [f"{source}: {path}: " + _(
                        "{where} has {n} entries (indices 0..{last})").format(where=where, n=len(node),
                                                                            last=len(node) - 1)])
            elif not isinstance(node, dict):
                where = dotted(tuple(parts[:depth]))
                raise ScenarioError(source, [f"{source}: {path}: " + _(
                    "{where} = {value} has no entries; replace {where} as a whole").format(where=where,
                                                                                       value=show(node))])
            if isinstance(node, dict) and isinstance(part, int) and part not in node and str(part) in node:
                part = str(part)  # a JSON dump writes hour keys as text
            if last:
                node[part] = value
            else:
                if isinstance(node, dict) and node.get(part) is None:
                    node[part] = {}
                node = node[part]
    return result
