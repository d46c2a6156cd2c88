"""Imports point down.

No module of csnlp takes part in an import cycle at run time, counting imports inside functions
(only TYPE_CHECKING blocks, which name types and never run, are left out); no cycle runs through
the standards and detectors packages even counting those; the standards layer never imports the
detectors; and import-linter's layers contract (pyproject.toml) holds."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "csnlp"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    """ids of the nodes inside `if TYPE_CHECKING:` blocks."""
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                inside.update(id(n) for n in ast.walk(child))
    return inside


def _imports(name: str, path: Path, *, type_checking: bool = True) -> set[str]:
    """The csnlp modules `name` imports anywhere in its body (a `from pkg import sub` of a
    submodule counts as importing the submodule, as import-linter counts it); with
    `type_checking=False`, not those in TYPE_CHECKING blocks."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = set() if type_checking else _type_checking_nodes(tree)
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1]
                                + ([base] if base else []))
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.add(sub if sub in MODULES else base)
    return {m for m in found if m in MODULES and m != name}


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}
RUNTIME = {name: _imports(name, path, type_checking=False) for name, path in MODULES.items()}
LAYERS = ("csnlp.standards", "csnlp.detectors")


def _in(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _cycles(graph: dict[str, set[str]] = GRAPH) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_the_import_graph_was_read():
    assert "csnlp.standards.kinds" in GRAPH["csnlp.standards.load"]
    assert "csnlp.detectors.registry" in GRAPH["csnlp.detectors.kinds.require"]
    # TYPE_CHECKING imports count too
    assert "csnlp.nlp.pipeline" in GRAPH["csnlp.detectors.base"]


@pytest.mark.parametrize("package", LAYERS)
def test_no_import_cycle_runs_through(package):
    cycles = [c for c in _cycles() if any(_in(m, package) for m in c)]
    assert cycles == []


def test_standards_never_import_detectors():
    upward = {(m, d) for m, deps in GRAPH.items() if _in(m, "csnlp.standards")
              for d in deps if _in(d, "csnlp.detectors")}
    assert upward == set()


def test_no_module_takes_part_in_an_import_cycle_at_run_time():
    assert _cycles(RUNTIME) == []


def test_a_function_level_import_counts():
    assert "csnlp.table" in RUNTIME["csnlp.results"]  # Report.to_frame, inside the method
    assert "csnlp.results" not in RUNTIME["csnlp.table"]  # only under TYPE_CHECKING
    assert "csnlp.results" in GRAPH["csnlp.table"]


def test_the_layers_contract_holds():
    lint = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))
    if not Path(lint).exists():
        pytest.skip("import-linter is not installed (pip install -e '.[test]')")
    done = subprocess.run([lint, "--no-cache"], cwd=PACKAGE.parent, capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "1 kept, 0 broken" in done.stdout
