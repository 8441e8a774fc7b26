"""Reading scenario YAML and turning every problem into a sentence a planner can act on."""
from __future__ import annotations

import types
import typing
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

__all__ = ["ScenarioError", "read_yaml", "format_pydantic_errors", "dotted"]


class ScenarioError(ValueError):
    """One or more problems in a scenario; `messages` lists them all."""

    def __init__(self, source: str, messages: list[str]):
        self.source = source
        self.messages = list(messages)
        super().__init__("\n".join(self.messages))


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe loader that refuses a key written twice in one mapping."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"key {key!r} is written twice (first on line {seen[key] + 1})", key_node.start_mark
            )
        seen[key] = key_node.start_mark.line
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_yaml(path: Path) -> Any:
    """Parse a YAML file, reporting syntax errors with the file name and line."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ScenarioError(str(path), [f"{path}: cannot be read ({exc.strerror})"]) from None
    except UnicodeDecodeError:
        raise ScenarioError(str(path), [f"{Path(path).name}: is not UTF-8 text"]) from None
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise ScenarioError(str(path), [f"{Path(path).name}:{where}: not valid YAML: {problem}"]) from None


def dotted(loc: tuple) -> str:
    """('staff', 'counter', 2, 'proficiency') -> 'staff.counter[2].proficiency'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(top level)"


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The pydantic model class that owns the mapping at `loc`, if one does."""
    current: Any = model
    for part in loc:
        current = _unwrap(current, part)
        if current is None:
            return None
    current = _unwrap_models(current)
    return current


def _unwrap_models(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _unwrap_models(arg)
        if found is not None:
            return found
    return None


def _unwrap(annotation: Any, part: Any) -> Any:
    model = _unwrap_models(annotation) if not isinstance(part, int) else None
    if model is not None and isinstance(part, str) and part in model.model_fields:
        return model.model_fields[part].annotation
    origin = typing.get_origin(annotation)
    if origin in (list, tuple, dict):
        args = typing.get_args(annotation)
        return args[-1] if args else None
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            if typing.get_origin(arg) in (list, dict):
                return _unwrap(arg, part)
    return None


def _explain(error: dict, model: type[BaseModel]) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        owner = _model_at(model, tuple(error["loc"][:-1]))
        allowed = ", ".join(f for f in owner.model_fields if f != "source") if owner else "see the docs"
        return f"unknown key; allowed keys here: {allowed}"
    if kind == "missing":
        return "this key is required"
    if kind == "literal_error":
        return "must be one of " + error["msg"].split("Input should be ", 1)[-1]
    msg = error["msg"]
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, "):]
    for prefix, replacement in (("Input should be", "must be"), ("Input is", "is")):
        if msg.startswith(prefix):
            msg = replacement + msg[len(prefix):]
    return msg


def format_pydantic_errors(exc: ValidationError, source: str, model: type[BaseModel]) -> list[str]:
    """One line per problem: `file: key.path = value: what is allowed`."""
    lines = []
    seen = set()
    for error in exc.errors():
        loc = tuple(p for p in error["loc"] if not _is_union_tag(p))
        if error["type"] == "missing":
            line = f"{source}: {dotted(loc)}: {_explain(error, model)}"
        else:
            line = f"{source}: {dotted(loc)} = {_show(error.get('input'))}: {_explain(error, model)}"
        if line not in seen:
            seen.add(line)
            lines.append(line)
    return lines


def _is_union_tag(part: Any) -> bool:
    # pydantic inserts the member type name into the location of union errors ('int', 'list[Official]')
    return isinstance(part, str) and (part in {"int", "str", "float", "bool"} or "[" in part or part.startswith("function-"))


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
