"""The import graph of dealer_xl: dependencies point inward, and the pure core reads no clock.

The graph is built from the source (every ``import`` statement, at module level or inside a
function), so a function-level import cannot hide a dependency. A package is the first name under
``dealer_xl`` (``dealer_xl/cli.py`` is the package ``cli``).
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import dealer_xl

ROOT = Path(dealer_xl.__file__).resolve().parent
INNER = ("schema", "io", "domain", "checks", "ledger", "documents")
OUTER = ("actions", "excel", "commands", "cli", "jobs")
CLOCKS = (("date", "today"), ("datetime", "now"), ("datetime", "today"), ("datetime", "utcnow"))


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[tuple[str, ...]]:
    """Every dealer_xl import of ``path`` (absolute or relative, anywhere in the file), as candidate
    module names, most specific first: ``from a import b`` gives ``("a.b", "a")``."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update((a.name,) for a in node.names if a.name.split(".")[0] == "dealer_xl")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "dealer_xl":
                continue
            found.update((f"{target}.{a.name}", target) for a in node.names)  # `from . import x`: module x
    return found


def graph() -> dict[str, set[str]]:
    """Module → the dealer_xl modules it imports (only names that are modules of the package)."""
    files = {module_name(p): p for p in ROOT.rglob("*.py")}
    out: dict[str, set[str]] = {}
    for name, path in files.items():
        targets = set()
        for candidates in imports_of(path):
            target = next((c for c in candidates if c in files), candidates[-1])
            while target and target not in files:
                target = target.rpartition(".")[0]
            if target and target != name and target != "dealer_xl":
                targets.add(target)
        out[name] = targets
    return out


def package_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one node (Tarjan)."""
    index, low, stack, on, found, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def package_graph() -> dict[str, set[str]]:
    packages: dict[str, set[str]] = defaultdict(set)
    for module, targets in graph().items():
        for target in targets:
            if package_of(module) and package_of(target) and package_of(module) != package_of(target):
                packages[package_of(module)].add(package_of(target))
    return packages


def test_the_graph_sees_function_level_imports():
    # io/templates.py imports the schema at module level; commands import actions inside functions
    edges = graph()
    assert "dealer_xl.schema" in edges["dealer_xl.io.templates"] or any(
        t.startswith("dealer_xl.schema") for t in edges["dealer_xl.io.templates"])
    assert any(t.startswith("dealer_xl.actions") for t in edges["dealer_xl.commands.receivables"])


def test_no_cycle_between_packages():
    assert cycles(package_graph()) == []


def test_no_cycle_between_modules():
    assert cycles(graph()) == []


def test_inner_packages_import_no_front_end():
    wrong = sorted((module, target) for module, targets in graph().items() if package_of(module) in INNER
                   for target in targets if package_of(target) in OUTER)
    assert wrong == []


def test_domain_reads_no_clock():
    calls = []
    for path in (ROOT / "domain").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                    and (node.value.id, node.attr) in CLOCKS:
                calls.append(f"{path.name}:{node.lineno} {node.value.id}.{node.attr}")
    assert calls == []


def test_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_ribbon_dispatcher_imports_no_heavy_library():
    import subprocess
    import sys

    code = ("import sys, dealer_xl.excel.dispatch; "
            "print(' '.join(m for m in ('pandas', 'matplotlib', 'docxtpl', 'openpyxl') if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert loaded == []
