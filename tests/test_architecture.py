"""The architecture, kept by a test: the import graph of our packages has no circle and no import runs
from a lower layer up.

Every ``import`` statement counts, at module level or inside a function (a function-level import still
ties the two modules together; it only hides the tie from a reader). Layers of ``simulation``, lowest
first; a module may import its own layer and the ones below::

    foundation < scenario < queueing < engine < results < experiments < views < the front door

The foundation is the plain modules directly in ``simulation/`` (languages, formats, rendering helpers)
that every layer may use; the front door is ``simulation/__init__.py`` with its finder of old module paths.

Besides the layer order: ``queueing`` imports nothing of ours; only ``simulation/views/`` and the
trainer-side view modules of ``grading`` (``*_view``) import ipywidgets; the officials' kernel side
(``grading/course/`` and ``grading/checks.py``) imports neither trainer-side ``grading`` nor nbgrader;
nothing in ``simulation`` imports ``grading`` or ``motcua``. Each failure names the file, line and import.
"""
from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pytest

PACKAGES = ("simulation", "grading", "motcua")
LAYERS = ("scenario", "queueing", "engine", "results", "experiments", "views")
FRONT_DOOR = "front door"           # above every layer: it names (lazily) what all of them offer
FRONT_DOOR_MODULES = {"simulation", "simulation.moved"}   # the front door and its finder of old module paths
FOUNDATION = "foundation"           # below every layer: the other plain modules directly in simulation/
# The officials' kernel side: grading/course/ and the answer checks its notebooks' locked setup cell imports.
KERNEL_SIDE = ("grading.course", "grading.checks")

# Edges allowed while a rework is under way: none today; an entry here names its issue.
ALLOWED_WHILE_REWORKED: set[tuple[str, str]] = set()


@dataclass(frozen=True)
class Import:
    source: str        # importing module, dotted
    target: str        # imported name, dotted: one of our modules, or the top-level name of another package
    file: str          # path relative to the repository root
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.source} imports {self.target}"


def module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@pytest.fixture(scope="module")
def modules(root) -> dict[str, Path]:
    return {module_name(root, path): path for package in PACKAGES for path in sorted((root / package).rglob("*.py"))}


def resolve(source: str, is_package: bool, node: ast.ImportFrom) -> str:
    """The absolute module a ``from ... import`` reads from."""
    if not node.level:
        return node.module or ""
    base = source.split(".")
    if not is_package:
        base.pop()
    base = base[:len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def ours(name: str, modules: dict[str, Path]) -> str:
    """The longest prefix of a dotted name that is one of our modules (``a.b.f`` -> ``a.b``)."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name


def imports_of(source: str, path: Path, root: Path, modules: dict[str, Path],
               text: str | None = None) -> Iterator[Import]:
    """Every import statement of a module, wherever it stands (module level, function, TYPE_CHECKING)."""
    text = path.read_text(encoding="utf-8") if text is None else text
    tree = ast.parse(text, filename=str(path))
    file = str(path.relative_to(root))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = resolve(source, path.name == "__init__.py", node)
            names = [f"{module}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            target = ours(name, modules) or name.split(".")[0]
            if target != source:
                yield Import(source, target, file, node.lineno)


@pytest.fixture(scope="module")
def imports(root, modules) -> list[Import]:
    return sorted({found for source, path in modules.items() for found in imports_of(source, path, root, modules)},
                  key=str)


@pytest.fixture(scope="module")
def our_imports(imports, modules) -> list[Import]:
    return [found for found in imports if found.target in modules]


def layer_of(module: str, modules: dict[str, Path]) -> str | None:
    """The layer of a module of `simulation` (None outside it)."""
    parts = module.split(".")
    if parts[0] != "simulation":
        return None
    if module in FRONT_DOOR_MODULES:
        return FRONT_DOOR
    if len(parts) == 2 and modules[module].name != "__init__.py":
        return FOUNDATION
    return parts[1]


def rank(layer: str) -> int | None:
    """Position in the layer order; None for a subpackage outside it (its own test reports that)."""
    order = (FOUNDATION, *LAYERS, FRONT_DOOR)
    return order.index(layer) if layer in order else None


def upward(source: str, target: str, modules: dict[str, Path]) -> bool:
    low, high = rank(layer_of(source, modules) or ""), rank(layer_of(target, modules) or "")
    return low is not None and high is not None and high > low


def in_package(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def kernel_side(module: str) -> bool:
    return any(in_package(module, side) for side in KERNEL_SIDE)


def grading_view(module: str) -> bool:
    """A trainer-side widget module of grading: named ``*_view`` (``grading.class_report_view``) or in
    ``grading/views/``."""
    return (in_package(module, "grading") and not kernel_side(module)
            and (module.endswith("_view") or in_package(module, "grading.views")))


def report(problems: list[Import], why: str) -> str:
    return why + ":\n  " + "\n  ".join(map(str, problems))


def test_the_walker_sees_every_kind_of_import(root, modules, our_imports):
    """Relative, absolute, function-level and type-checking imports all count (so the tests below can fail)."""
    text = """
from . import calendar
from .errors import ScenarioError
from ..engine import centre
import simulation.results.kpis
from typing import TYPE_CHECKING
if TYPE_CHECKING:
    from ..views.dashboard import StaffingDashboard
def later():
    import ipywidgets
    from grading.course.queues import average
"""
    path = root / "simulation" / "scenario" / "model.py"
    found = {(i.target, i.line) for i in imports_of("simulation.scenario.model", path, root, modules, text)}
    assert found == {("simulation.scenario.calendar", 2), ("simulation.scenario.errors", 3),
                     ("simulation.engine.centre", 4), ("simulation.results.kpis", 5), ("typing", 6),
                     ("simulation.views.dashboard", 8), ("ipywidgets", 10), ("grading.course.queues", 11)}
    assert len(modules) > 50 and len(our_imports) > 100


def test_every_layer_is_a_known_subpackage(modules):
    unknown = {layer_of(m, modules) for m in modules} - set(LAYERS) - {None, FRONT_DOOR, FOUNDATION}
    assert not unknown, f"simulation/ has subpackages outside the layer order {LAYERS}: {sorted(unknown)}"


def test_no_import_circles(our_imports):
    graph = nx.DiGraph()
    for found in our_imports:
        if (found.source, found.target) not in ALLOWED_WHILE_REWORKED:
            graph.add_edge(found.source, found.target, found=found)
    circles = list(nx.simple_cycles(graph))
    assert not circles, "import circles:\n" + "\n".join(
        " -> ".join(circle + circle[:1]) + "\n    " + "\n    ".join(
            str(graph.edges[a, b]["found"]) for a, b in zip(circle, circle[1:] + circle[:1]))
        for circle in circles)


def test_layers_import_only_their_own_or_lower_layers(our_imports, modules):
    found = [i for i in our_imports if upward(i.source, i.target, modules)
             and (i.source, i.target) not in ALLOWED_WHILE_REWORKED]
    order = " < ".join((FOUNDATION, *LAYERS, FRONT_DOOR))
    assert not found, report(found, f"imports from a lower layer up (order: {order})")


def test_queueing_imports_nothing_of_ours(our_imports, modules):
    found = [i for i in our_imports
             if layer_of(i.source, modules) == "queueing" and layer_of(i.target, modules) != "queueing"]
    assert not found, report(found, "simulation/queueing/ holds pure formulas and imports nothing else of ours")


# The officials' answer boxes are the one widget module of the kernel side.
ANSWER_WIDGETS = "grading.course.widgets"


def test_only_views_import_ipywidgets(imports, modules):
    found = [i for i in imports if i.target == "ipywidgets"
             and layer_of(i.source, modules) != "views" and not grading_view(i.source) and i.source != ANSWER_WIDGETS]
    assert not found, report(found, "only simulation/views/, grading's view modules and the officials' answer boxes "
                                    "(grading/course/widgets.py) import ipywidgets")


def test_the_officials_kernel_side_stays_apart_from_the_trainers(imports):
    found = [i for i in imports if kernel_side(i.source)
             and (i.target == "nbgrader" or (in_package(i.target, "grading") and not kernel_side(i.target)))
             and (i.source, i.target) not in ALLOWED_WHILE_REWORKED]
    assert not found, report(found, "grading/course/ (the officials' kernel) imports trainer-side grading or nbgrader")


@pytest.mark.parametrize("package", ["grading", "motcua"])
def test_the_simulation_does_not_import(imports, package):
    found = [i for i in imports if in_package(i.source, "simulation") and in_package(i.target, package)]
    assert not found, report(found, f"simulation/ imports {package}/")


FRONT_DOORS = ("simulation", "grading", "grading.course")
LOADED_BY_A_FRONT_DOOR = ("simulation.moved",)   # the finder that keeps old module paths working


@pytest.mark.parametrize("package", FRONT_DOORS)
def test_front_doors_share_one_lazy_pattern(root, package):
    """Each front door names its exports in `_HOME`, loads none of them on import, and finds every one."""
    code = (f"import sys, {package} as p; print(sorted(m for m in sys.modules if m.startswith('{package}.')"
            f" and m not in {FRONT_DOORS + LOADED_BY_A_FRONT_DOOR!r})); print(sorted(p._HOME) == p.__all__)")
    loaded, complete = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                                      cwd=root).stdout.splitlines()
    assert loaded == "[]", f"importing {package} loaded {loaded}"
    assert complete == "True"
    front_door = importlib.import_module(package)
    missing = [name for name in front_door.__all__ if getattr(front_door, name, None) is None]
    assert not missing, f"{package}.__all__ names that cannot be loaded: {missing}"
