"""Reading a scenario's YAML text, and saying what is wrong with it in the reader's language.

PyYAML explains a syntax error in English ("expected ',' or ']', but got '<stream end>'"). The
problems a planner meets most (a bracket left open, a colon in the wrong place, a tab) are message ids
here, written as PyYAML writes them, so English reads as before and Vietnamese reads Vietnamese; a rarer
one is quoted as PyYAML wrote it, marked as the YAML reader's words.
"""
from __future__ import annotations

import errno
import re
from pathlib import Path
from typing import Any

import yaml

from ..errors import ScenarioError
from ..i18n import N_, SOURCE_LANGUAGE, _, current_language

__all__ = ["read_yaml", "yaml_problem"]


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe loader that refuses a key written twice in one mapping."""


class _KeyWrittenTwice(yaml.constructor.ConstructorError):
    """Our own problem, worded (and translated) here rather than by PyYAML."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    loader.flatten_mapping(node)  # expand `<<: *anchor` merges before looking for repeats
    seen: dict[Any, int] = {}
    for key_node, _value in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            problem = _("key {key!r} is written twice (first on line {line})").format(key=key, line=seen[key] + 1)
            raise _KeyWrittenTwice(None, None, problem, key_node.start_mark)
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

# PyYAML's problems, as it words them (a regular expression with named parts) -> the message id.
_PROBLEMS = (
    (re.compile(r"^expected ',' or '(?P<closing>[\]}])', but got (?P<found>.+)$"),
     N_("expected ',' or '{closing}', but got {found}")),
    (re.compile(r"^mapping values are not allowed here$"), N_("mapping values are not allowed here")),
    (re.compile(r"^could not find expected ':'$"), N_("could not find expected ':'")),
    (re.compile(r"^did not find expected key$"), N_("did not find expected key")),
    (re.compile(r"^did not find expected '-' indicator$"), N_("did not find expected '-' indicator")),
    (re.compile(r"^found unexpected end of stream$"), N_("found unexpected end of stream")),
    (re.compile(r"^found character (?P<found>.+) that cannot start any token$"),
     N_("found character {found} that cannot start any token")),
    (re.compile(r"^found undefined alias (?P<found>.+)$"), N_("found undefined alias {found}")),
    (re.compile(r"^expected <block end>, but found (?P<found>.+)$"), N_("expected <block end>, but found {found}")),
    (re.compile(r"^expected the node content, but found (?P<found>.+)$"),
     N_("expected the node content, but found {found}")),
    (re.compile(r"^found unexpected ':'$"), N_("found unexpected ':'")),
)
# What PyYAML was reading when it stopped ("while parsing a flow sequence" opened on line 29).
_CONTEXTS = frozenset((
    N_("while parsing a flow sequence"), N_("while parsing a flow mapping"), N_("while parsing a block mapping"),
    N_("while parsing a block collection"), N_("while parsing a block node"), N_("while parsing a flow node"),
    N_("while scanning a quoted scalar"), N_("while scanning a simple key"), N_("while scanning a block scalar"),
))
# TRANSLATORS: PyYAML's own English words, for a problem the catalogue has no sentence for.
YAML_SAYS = N_("the YAML reader says \"{problem}\"")


def _pyyaml(text: str) -> str:
    """A problem or context PyYAML wrote that the catalogue does not know: as is in English, quoted otherwise."""
    return text if current_language() == SOURCE_LANGUAGE else _(YAML_SAYS).format(problem=text)


def yaml_problem(problem: str, context: str | None = None, opened_line: int | None = None, *,
                 translated: bool = False) -> str:
    """PyYAML's `problem` (and what it was reading since `opened_line`) in the current language;
    `translated`: the problem is ours, already in the current language."""
    for pattern, message in () if translated else _PROBLEMS:
        match = pattern.match(problem)
        if match:
            problem = _(message).format(**match.groupdict())
            break
    else:
        if not translated:
            problem = _pyyaml(problem)
    if context and opened_line is not None:
        where = _(context) if context in _CONTEXTS else _pyyaml(context)
        problem = _("{problem} ({context} opened on line {line})").format(problem=problem, context=where,
                                                                         line=opened_line)
    return problem


_OS_REASONS = {errno.EACCES: N_("permission denied"), errno.EISDIR: N_("it is a folder, not a file"),
               errno.ENOENT: N_("no such file")}


def read_yaml(path: Path) -> Any:
    """Parse a YAML file, reporting syntax errors with the file name and line."""
    name = Path(path).name
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        reason = _(_OS_REASONS[exc.errno]) if exc.errno in _OS_REASONS else exc.strerror
        raise ScenarioError(str(path), [_("{path}: cannot be read ({reason})").format(path=path, reason=reason)]) \
            from None
    except UnicodeDecodeError:
        raise ScenarioError(str(path), [_("{name}: is not UTF-8 text").format(name=name)]) from None
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        context, opened = getattr(exc, "context", None), getattr(exc, "context_mark", None)
        show_opened = bool(context and opened and (not mark or opened.line != mark.line))
        problem = yaml_problem(getattr(exc, "problem", None) or str(exc), context if show_opened else None,
                               opened.line + 1 if show_opened else None,
                               translated=isinstance(exc, _KeyWrittenTwice))
        if mark:
            line = _("{name}: line {line}, column {column}: not valid YAML: {problem}").format(
                name=name, line=mark.line + 1, column=mark.column + 1, problem=problem)
        else:
            line = _("{name}: not valid YAML: {problem}").format(name=name, problem=problem)
        raise ScenarioError(str(path), [line]) from None
    except (ValueError, TypeError, OverflowError) as exc:  # a scalar PyYAML cannot build, e.g. !!int x
        raise ScenarioError(str(path), [_("{name}: not valid YAML: {problem}").format(
            name=name, problem=_pyyaml(str(exc)))]) from None
