"""Packaging: environment.yml and pyproject.toml list the same packages, and `motcua` is a console script."""
from __future__ import annotations

import copy
import importlib
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
CONDA_ONLY = {"python", "pip"}  # the interpreter and installer are conda's business, not pip dependencies


def normalise(spec: str) -> tuple[str, str]:
    """'PyYAML >= 6.0' -> ('pyyaml', '>=6.0'); names lower-cased with '-' for '_' and '.'."""
    try:
        req = Requirement(spec)
    except InvalidRequirement as exc:
        raise ValueError(f"cannot read requirement {spec!r}: {exc}") from None
    return canonicalize_name(req.name), str(SpecifierSet(str(req.specifier)))


def requirement_map(specs: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for spec in specs:
        name, version = normalise(spec)
        if name in out:
            raise ValueError(f"{name} is listed twice")
        out[name] = version
    return out


def pyproject_requirements(pyproject: dict) -> dict[str, str]:
    project = pyproject["project"]
    return requirement_map(list(project["dependencies"]) + list(project["optional-dependencies"]["test"]))


def conda_requirements(environment: dict) -> dict[str, str]:
    specs = [d for d in environment["dependencies"] if isinstance(d, str)]
    return requirement_map([s for s in specs if s.split("=")[0].split(">")[0].split("<")[0].strip() not in CONDA_ONLY])


def drift(pip: dict[str, str], conda: dict[str, str]) -> list[str]:
    """Every difference between the two lists, one sentence each (empty when they agree)."""
    problems = []
    for name in sorted(pip.keys() - conda.keys()):
        problems.append(f"{name}{pip[name]} is in pyproject.toml but not in environment.yml")
    for name in sorted(conda.keys() - pip.keys()):
        problems.append(f"{name}{conda[name]} is in environment.yml but not in pyproject.toml")
    for name in sorted(pip.keys() & conda.keys()):
        if pip[name] != conda[name]:
            problems.append(f"{name}: pyproject.toml says {pip[name]!r}, environment.yml says {conda[name]!r}")
    return problems


@pytest.fixture(scope="module")
def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def environment() -> dict:
    return yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))


def test_environment_lists_the_same_packages_as_pyproject(pyproject, environment):
    assert drift(pyproject_requirements(pyproject), conda_requirements(environment)) == []


def test_environment_is_named_motcua_and_installs_the_project(environment):
    assert environment["name"] == "motcua"
    pip_sections = [d["pip"] for d in environment["dependencies"] if isinstance(d, dict) and "pip" in d]
    assert len(pip_sections) == 1
    assert "-e ." in pip_sections[0]
    assert "pip" in environment["dependencies"]


def test_environment_python_satisfies_requires_python(pyproject, environment):
    pins = [d for d in environment["dependencies"] if isinstance(d, str) and d.startswith("python")]
    assert len(pins) == 1
    version = pins[0].split("=")[-1]
    assert SpecifierSet(pyproject["project"]["requires-python"]).contains(version)


def test_console_script_motcua_is_declared_and_importable(pyproject):
    assert pyproject["project"]["name"] == "motcua"
    target = pyproject["project"]["scripts"]["motcua"]
    module, _, attr = target.partition(":")
    assert (module, attr) == ("motcua.cli", "main")
    assert callable(getattr(importlib.import_module(module), attr))


# ------------------------------------------------------------ the comparison itself can fail


def test_normalise_names_and_specifiers():
    assert normalise("PyYAML >= 6.0") == ("pyyaml", ">=6.0")
    assert normalise("pytest_xdist>=3.5") == ("pytest-xdist", ">=3.5")
    assert normalise("Foo.Bar<2,>=1") == normalise("foo-bar >=1, <2")
    assert normalise("simpy") == ("simpy", "")
    with pytest.raises(ValueError, match="cannot read requirement 'nbgrader=0.9.6'"):
        normalise("nbgrader=0.9.6")  # conda's fuzzy '=' is not the same pin as pip's '=='


def test_drift_reports_missing_extra_and_changed_versions(pyproject, environment):
    pip = pyproject_requirements(pyproject)
    drifted = copy.deepcopy(environment)
    deps = drifted["dependencies"]
    listed = [d for d in deps if isinstance(d, str) and normalise_or_none(d) and normalise(d)[0] not in CONDA_ONLY]
    dropped, changed, respelled = listed[-1], listed[0], listed[1]
    deps.remove(dropped)                                           # missing from conda
    deps.insert(2, "seaborn>=0.13")                                # only in conda
    deps[deps.index(changed)] = normalise(changed)[0] + "==0.0.1"  # version drift
    deps[deps.index(respelled)] = respelled.upper().replace("-", "_")  # other spelling: not drift
    name, version = normalise(dropped)
    changed_name, changed_version = normalise(changed)
    assert drift(pip, conda_requirements(drifted)) == sorted([
        f"{name}{version} is in pyproject.toml but not in environment.yml",
        "seaborn>=0.13 is in environment.yml but not in pyproject.toml",
        f"{changed_name}: pyproject.toml says {changed_version!r}, environment.yml says '==0.0.1'",
    ], key=lambda line: ("pyproject.toml but" not in line, "environment.yml but" not in line, line))


def normalise_or_none(spec: str) -> tuple[str, str] | None:
    try:
        return normalise(spec)
    except ValueError:
        return None


def test_drift_sees_a_changed_test_extra(pyproject, environment):
    changed = copy.deepcopy(pyproject)
    changed["project"]["optional-dependencies"]["test"].append("pytest-cov>=4")
    assert drift(pyproject_requirements(changed), conda_requirements(environment)) == [
        "pytest-cov>=4 is in pyproject.toml but not in environment.yml"
    ]


def test_a_package_listed_twice_is_refused():
    with pytest.raises(ValueError, match="numpy is listed twice"):
        requirement_map(["numpy>=1.26", "NumPy>=2"])
