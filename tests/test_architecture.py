"""The import graph of dealer_xl: dependencies point inward, and the pure core reads no clock.

The graph is built from the source (every ``import`` statement, at module level or inside a
function), so a function-level import cannot hide a dependency. A package is the first name under
``dealer_xl`` (``dealer_xl/cli.py`` is the package ``cli``).
"""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from functools import cache
from pathlib import Path

import dealer_xl

ROOT = Path(dealer_xl.__file__).resolve().parent
INNER = ("schema", "io", "domain", "checks", "ledger", "documents", "mail")
OUTER = ("actions", "excel", "commands", "cli", "jobs", "deploy", "demo")
FRONT_ENDS = ("excel", "commands", "cli", "jobs", "deploy", "demo")  # the edges; only these import jobs
WINGS = ("receivables", "credit", "service", "payroll", "close", "finance", "admin", "sales")
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


@cache
def graph() -> dict[str, set[str]]:
    """Module → the dealer_xl modules it imports (only names that are modules of the package); parsed
    once per run (read it, never change it)."""
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


CLOCK_NAMES = {"today", "now", "utcnow", "time", "time_ns", "monotonic", "perf_counter", "localtime", "gmtime"}


def clock_reads(tree: ast.AST) -> list[str]:
    """Every way a module could read the clock, whatever the names are aliased to: a call of an
    attribute named like a clock (``d.today()``, ``dt.now()``, ``t.time()``), an import of the
    ``time`` module, or a clock function imported by name (``from time import time as t``)."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in CLOCK_NAMES:
            found.append(f"{node.lineno} .{node.func.attr}()")
        elif isinstance(node, ast.Import) and any(a.name.split(".")[0] == "time" for a in node.names):
            found.append(f"{node.lineno} import time")
        elif isinstance(node, ast.ImportFrom) and node.module in ("time", "datetime") \
                and any(a.name in CLOCK_NAMES for a in node.names):
            found.append(f"{node.lineno} from {node.module} import a clock")
    return found


def test_domain_reads_no_clock_even_through_an_alias():
    calls = [f"{path.name}:{line}" for path in (ROOT / "domain").rglob("*.py")
             for line in clock_reads(ast.parse(path.read_text(encoding="utf-8")))]
    assert calls == []


def test_the_clock_rule_sees_aliases():
    code = "from datetime import date as d\nimport time as t\nx = d.today()\ny = t.time()\n"
    assert len(clock_reads(ast.parse(code))) == 3


def test_domain_imports_only_the_standard_library():
    wrong = []
    for path in (ROOT / "domain").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            else:
                continue  # relative: inside domain
            wrong += [f"{path.name}:{node.lineno} {n}" for n in names
                      if n.split(".")[0] not in sys.stdlib_module_names and n != "__future__"]
    assert wrong == []


def wing_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[2] if len(parts) > 3 and parts[1] == "actions" and parts[2] in WINGS else None


def test_a_wing_imports_no_other_wing_except_close():
    wrong = sorted((module, target) for module, targets in graph().items()
                   if wing_of(module) and wing_of(module) != "close"
                   for target in targets if wing_of(target) and wing_of(target) != wing_of(module))
    assert wrong == []


def test_only_the_cli_imports_the_demo():
    wrong = sorted((module, target) for module, targets in graph().items()
                   if package_of(module) not in ("cli", "commands", "demo")
                   for target in targets if package_of(target) == "demo")
    assert wrong == []


def test_only_front_ends_import_jobs():
    wrong = sorted((module, target) for module, targets in graph().items()
                   if package_of(module) not in FRONT_ENDS
                   for target in targets if package_of(target) == "jobs")
    assert wrong == []


def test_actions_import_no_front_end():
    wrong = sorted((module, target) for module, targets in graph().items() if package_of(module) == "actions"
                   for target in targets if package_of(target) in FRONT_ENDS)
    assert wrong == []


def test_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_ribbon_dispatcher_imports_no_heavy_library():
    import subprocess

    code = ("import sys, dealer_xl.excel.dispatch; "
            "print(' '.join(m for m in ('numpy', 'pandas', 'matplotlib', 'docxtpl', 'openpyxl') if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert loaded == []
