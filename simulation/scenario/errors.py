"""Reading scenario YAML and turning every problem into a sentence a planner can act on.

Each message names the file, the key path, the bad value and what is allowed::

    kim-boi.yaml: staff.counter[1].proficiency = 7: must be at most 3

pydantic reports a value that fits no member of a union (``staff.counter`` is a
head count *or* a list of officials) once per member; those branch errors are
merged here into one line, and a branch that got further (a list whose third
official has a bad key) wins over the branches that failed at once.
"""
from __future__ import annotations

import datetime as dt
import difflib
import types
import typing
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ValidationError

from ..errors import ScenarioError

__all__ = ["ScenarioError", "read_yaml", "format_pydantic_errors", "dotted", "show", "union_members", "model_in"]


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe loader that refuses a key written twice in one mapping."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    loader.flatten_mapping(node)  # expand `<<: *anchor` merges before looking for repeats
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"key {key!r} is written twice (first on line {seen[key] + 1})", key_node.start_mark
            )
        seen[key] = key_node.start_mark.line
    return loader.construct_mapping(node, deep=deep)


def _construct_timestamp(loader: _UniqueKeyLoader, node: yaml.ScalarNode) -> Any:
    """A date such as 2025-13-06 stays text, so the schema can name the key that holds it."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_UniqueKeyLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def read_yaml(path: Path) -> Any:
    """Parse a YAML file, reporting syntax errors with the file name and line."""
    name = Path(path).name
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ScenarioError(str(path), [f"{path}: cannot be read ({exc.strerror})"]) from None
    except UnicodeDecodeError:
        raise ScenarioError(str(path), [f"{name}: is not UTF-8 text"]) from None
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        context, opened = getattr(exc, "context", None), getattr(exc, "context_mark", None)
        if context and opened and (not mark or opened.line != mark.line):
            problem += f" ({context} opened on line {opened.line + 1})"
        raise ScenarioError(str(path), [f"{name}:{where}: not valid YAML: {problem}"]) from None
    except (ValueError, TypeError, OverflowError) as exc:  # a scalar PyYAML cannot build, e.g. !!int x
        raise ScenarioError(str(path), [f"{name}: not valid YAML: {exc}"]) from None


def dotted(loc: tuple) -> str:
    """('staff', 'counter', 2, 'proficiency') -> 'staff.counter[2].proficiency'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(top level)"


def _number(value: Any) -> Any:
    """3.0 -> 3 so that limits read as the planner would write them."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def show(value: Any) -> str:
    """A bad value as the planner wrote it, cut short if long."""
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        text = value.isoformat()
    else:
        text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


# ----------------------------------------------------------------- walking the schema along an error location

def union_members(annotation: Any) -> list[Any]:
    """The non-None members of a union annotation (one element if it is not a union)."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return [a for a in typing.get_args(annotation) if a is not type(None)]
    return [annotation]


def model_in(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model an annotation holds directly or as a union member, if any."""
    for member in union_members(annotation):
        if isinstance(member, type) and issubclass(member, BaseModel):
            return member
    return None


def _tag(member: Any) -> str:
    """The name pydantic gives a union member in an error location ('int', 'list[Official]')."""
    origin, args = typing.get_origin(member), typing.get_args(member)
    if origin is Literal:
        return "literal[" + ",".join(repr(a) for a in args) + "]"
    if origin in (list, dict, tuple, set):
        return f"{origin.__name__}[{','.join(_tag(a) for a in args)}]"
    return getattr(member, "__name__", str(member))


class _Step(typing.NamedTuple):
    clean: tuple  # location without union tags
    union_at: int | None  # length of `clean` where the first union was crossed
    member: Any  # the union member named by the tag
    tag: str  # that tag as pydantic wrote it
    deep: bool  # the error lies inside that member, not at the union itself
    key_error: bool  # the error is about a mapping key, not its value
    owner: type[BaseModel] | None  # the model whose mapping holds the last key


def _walk(model: type[BaseModel], loc: tuple) -> _Step:
    annotation: Any = model
    clean: list = []
    union_at, member, tag, deep, key_error, owner = None, None, "", False, False, model
    for part in loc:
        if part == "[key]":
            key_error = True
            continue
        members = union_members(annotation)
        if len(members) > 1 and isinstance(part, str):  # pydantic names the member it tried
            chosen = next((m for m in members if _tag(m) == part), None)
            if union_at is None:
                union_at, member, tag = len(clean), chosen, part
            annotation = chosen
            continue
        if union_at is not None and len(clean) >= union_at:
            deep = True
        clean.append(part)
        owner = model_in(annotation)
        origin = typing.get_origin(annotation)
        if owner is not None and isinstance(part, str):
            info = owner.model_fields.get(part)
            annotation = info.annotation if info else None
        elif origin in (list, tuple, dict, set):
            annotation = typing.get_args(annotation)[-1] if typing.get_args(annotation) else None
        else:
            annotation = None
    return _Step(tuple(clean), union_at, member, tag, deep, key_error, owner)


# ----------------------------------------------------------------- one sentence per problem

def _allowed_keys(owner: type[BaseModel] | None) -> list[str]:
    return [f for f in owner.model_fields if f != "source"] if owner else []


_PLAIN = (
    ({"int_type", "int_parsing", "int_from_float"}, "must be a whole number"),
    ({"float_type", "float_parsing"}, "must be a number"),
    ({"bool_type", "bool_parsing"}, "must be true or false"),
    ({"string_type"}, "must be text"),
    ({"list_type"}, "must be a list"),
    ({"dict_type"}, "must be a mapping of keys"),
    ({"date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"},
     "must be a date written YYYY-MM-DD"),
    ({"datetime_type", "datetime_parsing", "datetime_from_date_parsing", "datetime_object_invalid"},
     "must be a date and time written YYYY-MM-DDTHH:MM:SS"),
)


def _explain(error: dict, step: _Step, model: type[BaseModel]) -> str:
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind == "extra_forbidden":
        allowed = _allowed_keys(step.owner)
        close = difflib.get_close_matches(str(step.clean[-1]), allowed, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        return f"unknown key{hint}; allowed keys here: {', '.join(allowed) or 'none'}"
    if kind == "missing":
        return "this key is required"
    if kind == "literal_error":
        expected = str(ctx.get("expected", error["msg"].split("Input should be ", 1)[-1]))
        return ("must be one of " if " or " in expected or "," in expected else "must be ") + expected
    bounds = {
        "greater_than_equal": ("ge", "must be at least {}"),
        "less_than_equal": ("le", "must be at most {}"),
        "greater_than": ("gt", "must be more than {}"),
        "less_than": ("lt", "must be less than {}"),
    }
    if kind in bounds and bounds[kind][0] in ctx:
        key, text = bounds[kind]
        return text.format(_number(ctx[key]))
    for kinds, text in _PLAIN:
        if kind in kinds:
            return text
    if kind == "string_too_short" and ctx.get("min_length") == 1:
        return "must not be empty"
    if kind == "model_type":
        name = (error.get("ctx") or {}).get("class_name")
        found = next((m for m in _all_models(model) if m.__name__ == name), None)
        keys = ", ".join(_allowed_keys(found))
        return f"must be a mapping of keys ({keys})" if keys else "must be a mapping of keys"
    msg = error["msg"]
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, "):]
    for prefix, replacement in (("Input should be", "must be"), ("Input is", "is")):
        if msg.startswith(prefix):
            msg = replacement + msg[len(prefix):]
    return msg


def _all_models(root: type[BaseModel] | None, seen: set | None = None) -> list[type[BaseModel]]:
    """`root` and every model reachable from its fields."""
    seen = set() if seen is None else seen
    if root is None or root in seen:
        return []
    seen.add(root)
    found = [root]
    for info in root.model_fields.values():
        stack = [info.annotation]
        while stack:
            annotation = stack.pop()
            if isinstance(annotation, type) and issubclass(annotation, BaseModel):
                found += _all_models(annotation, seen)
            stack.extend(typing.get_args(annotation))
    return found


def _describe(member: Any) -> str:
    """A union member in words, for 'must be X or Y'."""
    plain = {int: "a whole number", float: "a number", str: "text", bool: "true or false"}
    if member in plain:
        return plain[member]
    origin, args = typing.get_origin(member), typing.get_args(member)
    if origin is Literal:
        return " or ".join(repr(a) for a in args)
    if origin is list:
        inner = model_in(args[0]) if args else None
        return f"a list of {inner.__name__} mappings" if inner else "a list"
    if origin is dict:
        return "a mapping"
    if isinstance(member, type) and issubclass(member, BaseModel):
        return f"a mapping of {member.__name__} keys"
    return str(member)


def _union_line(errors: list[tuple[dict, _Step]], model: type[BaseModel]) -> str:
    """Branch errors that all failed at the union itself, as one 'must be X or Y'."""
    first, step = errors[0]
    where = step.clean[: step.union_at]
    description = None
    if where and isinstance(where[-1], str):
        owner = _walk(model, where).owner
        info = owner.model_fields.get(where[-1]) if owner else None
        description = info.description if info else None
    if description is None:
        description = " or ".join(_describe(s.member) if s.member is not None else s.tag for _, s in errors)
    return f"{dotted(where)} = {show(first.get('input'))}: must be {description}"


def format_pydantic_errors(exc: ValidationError, source: str, model: type[BaseModel]) -> list[str]:
    """One line per problem: `file: key.path = value: what is allowed`."""
    walked = [(error, _walk(model, tuple(error["loc"]))) for error in exc.errors()]
    groups: dict[tuple, list[tuple[dict, _Step]]] = {}
    for error, step in walked:
        if step.union_at is not None:
            groups.setdefault(step.clean[: step.union_at], []).append((error, step))
    lines: list[str] = []
    done_unions: set[tuple] = set()
    for error, step in walked:
        if step.union_at is not None:
            where = step.clean[: step.union_at]
            group = groups[where]
            if any(s.deep for _, s in group):
                if not step.deep:
                    continue  # another branch got further: its errors say more
            else:
                if where not in done_unions:
                    done_unions.add(where)
                    lines.append(f"{source}: {_union_line(group, model)}")
                continue
        lines.append(f"{source}: {_line(error, step, model)}")
    return list(dict.fromkeys(lines))


def _line(error: dict, step: _Step, model: type[BaseModel]) -> str:
    path = dotted(step.clean)
    if error["type"] == "invalid_key":
        return f"{dotted(step.clean[:-1])}: key {show(step.clean[-1])} is not allowed: keys must be text"
    if step.key_error:
        parent = dotted(step.clean[:-1])
        return f"{parent}: key {show(step.clean[-1])} is not allowed: {_explain(error, step, model)}"
    if error["type"] == "missing":
        return f"{path}: {_explain(error, step, model)}"
    return f"{path} = {show(error.get('input'))}: {_explain(error, step, model)}"
