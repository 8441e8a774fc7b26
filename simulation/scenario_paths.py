"""Changing a scenario field by its dotted path (`staff.counter`, `demand.walk_in_scale`)."""
from __future__ import annotations

import copy
import typing
from typing import Any

from pydantic import BaseModel

from .scenario_errors import ScenarioError

__all__ = ["apply_values", "field_paths", "check_path"]


def _model_of(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_of(arg)
        if found is not None:
            return found
    return None


def field_paths(model: type[BaseModel] | None = None, prefix: str = "") -> list[str]:
    """Every settable dotted path of the scenario schema (leaves and teams)."""
    if model is None:
        from .scenario import Scenario

        model = Scenario
    paths = []
    for name, info in model.model_fields.items():
        if name == "source":
            continue
        path = f"{prefix}{name}"
        sub = _model_of(info.annotation)
        origin = typing.get_origin(info.annotation)
        if sub is not None and origin not in (list, typing.Union) and sub is info.annotation:
            paths.extend(field_paths(sub, path + "."))
        else:
            paths.append(path)
    return paths


def check_path(path: str) -> None:
    """Raise ScenarioError unless `path` names a field of the scenario schema."""
    from .scenario import Scenario

    model: Any = Scenario
    parts = path.split(".")
    for depth, part in enumerate(parts):
        sub = _model_of(model) if model is not None else None
        if sub is None:
            origin = typing.get_origin(model)
            if origin is dict or (origin is list and part.isdigit()):
                model = typing.get_args(model)[-1]
                continue
            if typing.get_origin(model) is typing.Union:
                for arg in typing.get_args(model):
                    if typing.get_origin(arg) in (list, dict):
                        model = typing.get_args(arg)[-1]
                        break
                continue
            break
        if part not in sub.model_fields or part == "source":
            known = ".".join(parts[:depth]) or "the top level"
            allowed = ", ".join(f for f in sub.model_fields if f != "source")
            raise ScenarioError(
                path, [f"unknown field path {path!r}: {part!r} is not a key of {known} (allowed: {allowed})"]
            )
        model = sub.model_fields[part].annotation


def apply_values(data: dict, values: dict[str, Any], *, source: str = "<memory>") -> dict:
    """Return a deep copy of `data` with each dotted path set to its value."""
    result = copy.deepcopy(data)
    for path, value in values.items():
        check_path(path)
        node: Any = result
        parts = path.split(".")
        for part in parts[:-1]:
            if isinstance(node, list):
                node = node[int(part)]
                continue
            if node.get(part) is None:
                node[part] = {}
            node = node[part]
        last = parts[-1]
        if isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value
    return result
