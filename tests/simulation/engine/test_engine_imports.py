"""The engine's share of the layering: no import circle inside engine/ or results/, nothing in engine/
imports results/ (the engine hands back a RunRecord), and results/ reaches the live engine only in
results/simulate.py, the front door's `run`. Type-checking-only imports count too."""
from __future__ import annotations

import ast

import pytest

PACKAGES = ("simulation/engine", "simulation/results")


def module_name(path, root) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path, name: str, known: set[str]) -> set[str]:
    """The modules of ours that the file imports (relative or absolute, anywhere in the file)."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            target = ".".join(base + ([node.module] if node.module else []))
            for alias in node.names:
                full = f"{target}.{alias.name}"
                found.add(full if full in known else target)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {module for module in found if module in known and module != name}


@pytest.fixture(scope="module")
def graph(root) -> dict[str, set[str]]:
    files = {module_name(path, root): path for package in PACKAGES for path in (root / package).rglob("*.py")}
    known = set(files)
    return {name: imports_of(path, name, known) for name, path in files.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index, low, stack, on_stack, found, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in graph:
        if v not in index:
            visit(v)
    return found


def test_the_graph_sees_the_imports(graph):
    assert "simulation.engine.records" in graph["simulation.engine.officials"]
    assert "simulation.engine.run_record" in graph["simulation.results.run_results"]  # a type-checking import


def test_cycles_are_found_when_there_are_some():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_circle_in_engine_or_results(graph):
    assert cycles(graph) == []


def test_the_engine_imports_nothing_from_results(graph):
    assert {(m, d) for m, deps in graph.items() if m.startswith("simulation.engine")
            for d in deps if d.startswith("simulation.results")} == set()


def test_only_the_front_door_s_run_reaches_the_live_engine(graph):
    live = {"simulation.engine.centre", "simulation.engine.officials", "simulation.engine.ticket_line",
            "simulation.engine.backlog"}
    assert {m for m, deps in graph.items() if m.startswith("simulation.results") and deps & live} == \
        {"simulation.results.simulate"}
