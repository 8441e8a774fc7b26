"""Turning every problem pydantic finds in a scenario into a sentence a planner can act on.

Each message names the file, the key path, the bad value and what is allowed::

    kim-boi.yaml: staff.counter[1].proficiency = 7: must be at most 3
    kim-boi.yaml: staff.counter[1].proficiency = 7: tối đa là 3

The sentence is made here, in the current language, from the kind of error and its limits (pydantic's own
English words are never passed on, but for a kind of error not foreseen here, and then only in English).

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
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from ..errors import ScenarioError
from ..i18n import N_, SOURCE_LANGUAGE, _, current_language
from .yaml_file import read_yaml

__all__ = ["ScenarioError", "read_yaml", "format_pydantic_errors", "dotted", "show", "union_members", "model_in"]


def dotted(loc: tuple) -> str:
    """('staff', 'counter', 2, 'proficiency') -> 'staff.counter[2].proficiency'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or _("(top level)")


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


def _either(choices: list[str]) -> str:
    """['a', 'b', 'c'] -> "a, b or c" in the current language."""
    if len(choices) < 2:
        return "".join(choices)
    return _("{first} or {last}").format(first=", ".join(choices[:-1]), last=choices[-1])


# pydantic's error types that need only the kind of value -> what is allowed
_PLAIN = (
    ({"int_type", "int_parsing", "int_from_float", "int_parsing_size"}, N_("must be a whole number")),
    ({"float_type", "float_parsing"}, N_("must be a number")),
    ({"finite_number"}, N_("must be a finite number")),
    ({"bool_type", "bool_parsing"}, N_("must be true or false")),
    ({"string_type", "string_unicode"}, N_("must be text")),
    ({"list_type", "tuple_type", "set_type"}, N_("must be a list")),
    ({"dict_type", "mapping_type"}, N_("must be a mapping of keys")),
    ({"date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"},
     N_("must be a date written YYYY-MM-DD")),
    ({"datetime_type", "datetime_parsing", "datetime_from_date_parsing", "datetime_object_invalid"},
     N_("must be a date and time written YYYY-MM-DDTHH:MM:SS")),
    ({"time_type", "time_parsing"}, N_("must be a time written HH:MM")),
    ({"none_required"}, N_("must be left empty")),
)
# pydantic's error types with a limit in their context: (type, context key, sentence)
_LIMITS = (
    ("greater_than_equal", "ge", N_("must be at least {limit}")),
    ("less_than_equal", "le", N_("must be at most {limit}")),
    ("greater_than", "gt", N_("must be more than {limit}")),
    ("less_than", "lt", N_("must be less than {limit}")),
    ("multiple_of", "multiple_of", N_("must be a multiple of {limit}")),
    ("string_too_long", "max_length", N_("must be at most {limit} characters long")),
    ("too_long", "max_length", N_("must have at most {limit} entries")),
)
# TRANSLATORS: a kind of error this module does not foresee; {kind} is pydantic's name for it.
UNFORESEEN = N_("is not allowed here (error {kind})")


def _literal(error: dict) -> str:
    """'must be one of' the choices of a Literal, joined in the current language."""
    expected = str((error.get("ctx") or {}).get("expected", ""))
    # pydantic writes "'a', 'b' or 'c'"; the choices are repr()s of the schema's words, never holding " or "
    head, _sep, last = expected.rpartition(" or ")
    choices = [c.strip() for c in head.split(",") if c.strip()] + [last.strip()] if head else [expected]
    if len(choices) > 1:
        return _("must be one of {choices}").format(choices=_either(choices))
    return _("must be {choice}").format(choice=expected)


def _length(kind: str, ctx: dict) -> str | None:
    least = ctx.get("min_length")
    if kind == "string_too_short":
        return _("must not be empty") if least == 1 else _("must be at least {limit} characters long").format(
            limit=least)
    if kind == "too_short":
        return _("must not be empty") if least == 1 else _("must have at least {limit} entries").format(limit=least)
    return None


def _explain(error: dict, step: _Step, model: type[BaseModel]) -> str:
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind == "extra_forbidden":
        allowed = ", ".join(_allowed_keys(step.owner)) or _("none")
        close = difflib.get_close_matches(str(step.clean[-1]), _allowed_keys(step.owner), n=1)
        if close:
            return _("unknown key (did you mean {suggestion!r}?); allowed keys here: {allowed}").format(
                suggestion=close[0], allowed=allowed)
        return _("unknown key; allowed keys here: {allowed}").format(allowed=allowed)
    if kind == "missing":
        return _("this key is required")
    if kind in ("literal_error", "enum"):
        return _literal(error)
    for limit_kind, key, text in _LIMITS:
        if kind == limit_kind and key in ctx:
            return _(text).format(limit=_number(ctx[key]))
    for kinds, text in _PLAIN:
        if kind in kinds:
            return _(text)
    length = _length(kind, ctx)
    if length is not None:
        return length
    if kind == "model_type" or kind == "model_attributes_type":
        name = ctx.get("class_name")
        found = next((m for m in _all_models(model) if m.__name__ == name), None)
        keys = ", ".join(_allowed_keys(found))
        return _("must be a mapping of keys ({keys})").format(keys=keys) if keys else _("must be a mapping of keys")
    if kind == "value_error":  # our validators' own sentences, translated when they were raised
        error_ = ctx.get("error")
        return str(error_) if error_ is not None else error["msg"].removeprefix("Value error, ")
    if current_language() != SOURCE_LANGUAGE:
        return _(UNFORESEEN).format(kind=kind)
    msg = error["msg"]
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


_KINDS = {int: N_("a whole number"), float: N_("a number"), str: N_("text"), bool: N_("true or false")}


def _describe(member: Any) -> str:
    """A union member in words, for 'must be X or Y'."""
    if member in _KINDS:
        return _(_KINDS[member])
    origin, args = typing.get_origin(member), typing.get_args(member)
    if origin is Literal:
        return _either([repr(a) for a in args])
    if origin is list:
        inner = model_in(args[0]) if args else None
        return _("a list of {name} mappings").format(name=inner.__name__) if inner else _("a list")
    if origin is dict:
        return _("a mapping")
    if isinstance(member, type) and issubclass(member, BaseModel):
        return _("a mapping of {name} keys").format(name=member.__name__)
    return str(member)


def _union_line(errors: list[tuple[dict, _Step]], model: type[BaseModel]) -> str:
    """Branch errors that all failed at the union itself, as one 'must be X or Y'."""
    first, step = errors[0]
    where = step.clean[: step.union_at]
    description = None
    if where and isinstance(where[-1], str):
        owner = _walk(model, where).owner
        info = owner.model_fields.get(where[-1]) if owner else None
        # the schema marks its descriptions with N_ (simulation/scenario/model.py)
        description = _(info.description) if info and info.description else None
    if description is None:
        description = _either([_describe(s.member) if s.member is not None else s.tag for _error, s in errors])
    return f"{dotted(where)} = {show(first.get('input'))}: " + _("must be {description}").format(
        description=description)


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
            if any(s.deep for _error, s in group):
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
        return f"{dotted(step.clean[:-1])}: " + _("key {key} is not allowed: keys must be text").format(
            key=show(step.clean[-1]))
    if step.key_error:
        parent = dotted(step.clean[:-1])
        return f"{parent}: " + _("key {key} is not allowed: {reason}").format(
            key=show(step.clean[-1]), reason=_explain(error, step, model))
    if error["type"] == "missing":
        return f"{path}: {_explain(error, step, model)}"
    return f"{path} = {show(error.get('input'))}: {_explain(error, step, model)}"
