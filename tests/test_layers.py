"""The package's imports run one way (read -> extract -> geocode -> merge -> map / export), with no circles.

Read from the source with :mod:`ast` (module-level imports only: an import inside a function or
under ``TYPE_CHECKING`` runs later and makes no circle at load time).
"""

from __future__ import annotations

import ast
import graphlib
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "geomap"


def _name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _graph() -> dict[str, set[str]]:
    modules = {_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        deps: set[str] = set()
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[:len(package.split(".")) - (node.level - 1)]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                # "from . import common" imports the file common; "from .read import X" the package.
                found = [f"{target}.{alias.name}" if f"{target}.{alias.name}" in modules else target
                         for alias in node.names]
            elif isinstance(node, ast.Import):
                found = [alias.name for alias in node.names]
            else:
                continue
            deps |= {d for d in found if d in modules and d != name}
        graph[name] = deps
    return graph


def test_the_package_has_no_import_circles():
    try:
        tuple(graphlib.TopologicalSorter(_graph()).static_order())
    except graphlib.CycleError as error:
        pytest.fail(f"import circle: {' -> '.join(error.args[1])}")


@pytest.mark.parametrize("lower, higher", [
    ("geomap.gazetteer", ("geomap.extract", "geomap.story", "geomap.merge", "geomap.export", "geomap.mapping",
                          "geomap.pipeline")),
    ("geomap.extract", ("geomap.merge", "geomap.export", "geomap.mapping", "geomap.pipeline",
                        "geomap.store")),
    ("geomap.attributes", ("geomap.extract", "geomap.story", "geomap.merge", "geomap.pipeline")),
    ("geomap.merge", ("geomap.extract", "geomap.export", "geomap.mapping", "geomap.pipeline")),
    ("geomap.export", ("geomap.extract", "geomap.pipeline")),
])
def test_a_layer_imports_nothing_above_it(lower, higher):
    graph = _graph()
    upward = sorted(f"{name} -> {dep}" for name, deps in graph.items()
                    if name == lower or name.startswith(lower + ".")
                    for dep in deps if any(dep == h or dep.startswith(h + ".") for h in higher))
    assert upward == []
