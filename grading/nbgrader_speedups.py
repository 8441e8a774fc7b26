"""Shortcuts that make nbgrader cheaper in the autograder's processes, not different.

Each one removes repeated work nbgrader does per official (or per process)
without changing a result; the worker processes install them all
(`grading.worker.warm_worker`), the parent only `skip_iri_grammars`. Each one
replaces or wraps a piece of nbgrader, jsonschema or SQLAlchemy, so all such
reaching-in lives here, tested by tests/grading/test_worker.py.
"""
from __future__ import annotations

import json
import sys

__all__ = ["skip_iri_grammars", "reuse_engines", "check_schemas_once", "SCRATCH_URLS"]

SCRATCH_URLS: set[str] = set()  # gradebook copies whose loss costs nothing: no fsync


def skip_iri_grammars() -> None:
    """Import jsonschema without its optional IRI format checks.

    With ``rfc3987_syntax`` installed, importing jsonschema (which nbformat and
    so nbgrader do) compiles 38 lark grammars: about 2.5 s of CPU in every
    process, for the ``iri`` string formats of JSON Schema drafts 7+. nbformat
    validates notebooks against its Draft 4 schema without a format checker,
    so grading never uses them. Does nothing if jsonschema is already loaded;
    a later explicit ``import rfc3987_syntax`` still works.
    """
    if "jsonschema" in sys.modules or "rfc3987_syntax" in sys.modules:
        return
    sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]  # import raises ImportError
    try:
        import jsonschema  # noqa: F401
    finally:
        del sys.modules["rfc3987_syntax"]


def reuse_engines() -> None:
    """Let this (worker) process keep one SQLAlchemy engine per gradebook URL.

    nbgrader opens a fresh `Gradebook`, hence a fresh engine with an empty
    compiled-statement cache, about ten times per autograde; with one engine
    per URL the SQL is compiled once per worker instead. Every `Gradebook`
    still has its own session, and ``close()`` (``engine.dispose()``) only
    empties the connection pool, so nbgrader behaves as before. The workers'
    own gradebook copies (`SCRATCH_URLS`) skip fsync: they are scratch.
    """
    import nbgrader.api as nbapi
    from sqlalchemy import event

    if getattr(nbapi.create_engine, "reuses_engines", False):
        return
    create, engines = nbapi.create_engine, {}

    def create_engine(url, *args, **kwargs):
        key = (str(url), args, tuple(sorted(kwargs.items())))
        if key not in engines:
            engines[key] = create(url, *args, **kwargs)
            if str(url) in SCRATCH_URLS:
                event.listen(engines[key], "connect", _scratch_pragmas)
        return engines[key]

    create_engine.reuses_engines = True
    nbapi.create_engine = create_engine


def _scratch_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA synchronous = OFF")  # no fsync per commit (about 30 per official)
    cursor.execute("PRAGMA journal_mode = MEMORY")
    cursor.close()


def check_schemas_once() -> None:
    """nbgrader's cell-metadata check, without re-checking nbgrader's own schema on every cell.

    ``jsonschema.validate(instance, schema)`` first validates ``schema`` against
    its metaschema, about 1 ms per cell, twice per notebook. Here each schema is
    checked once, with the same validator class, and each cell is validated
    exactly as ``jsonschema.validate`` does (the error raised is its ``best_match``).
    """
    from nbgrader.nbgraderformat import common

    if not isinstance(common.jsonschema, _SchemasCheckedOnce):
        common.jsonschema = _SchemasCheckedOnce(common.jsonschema)


class _SchemasCheckedOnce:
    """Stands in for the ``jsonschema`` module inside ``nbgrader.nbgraderformat.common``."""

    def __init__(self, module):
        self._module, self._validators = module, {}

    def validate(self, instance, schema) -> None:
        key = json.dumps(schema, sort_keys=True)
        validator = self._validators.get(key)
        if validator is None:
            cls = self._module.validators.validator_for(schema)
            cls.check_schema(schema)
            validator = self._validators[key] = cls(schema)
        error = self._module.exceptions.best_match(validator.iter_errors(instance))
        if error is not None:
            raise error

    def __getattr__(self, name: str):
        return getattr(self._module, name)
