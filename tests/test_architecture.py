"""The rules of the house (docs/architecture.md) that import-linter cannot express.

import-linter's contracts (``pyproject.toml``, run by ``make test``) check which packages may import
which, and that sibling packages form no cycle. These tests add: no import cycle between any two
modules (a package's ``__init__`` and its own modules included), no private name (``_x``) imported
from another module, and no module far past 600 lines.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "newsevents"
MAX_LINES = 650  # "about 600": a module past this is split by what it holds


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(SRC.rglob("*.py")):
        if "node_modules" in path.parts or "data" in path.relative_to(SRC).parts:
            continue
        parts = ["newsevents", *path.relative_to(SRC).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _imports(path: Path, module: str) -> list[tuple[str, list[str], int]]:
    """(imported module, imported names, line) for every ``from newsevents... import`` in a file,
    except imports only made for type checkers."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    type_only: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for sub in node.body:
                for inner in ast.walk(sub):
                    type_only.add(id(inner))
    found = []
    is_pkg = path.name == "__init__.py"
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom) or id(node) in type_only:
            continue
        if node.level:
            base = module.split(".") if is_pkg else module.split(".")[:-1]
            base = base[: len(base) - (node.level - 1)]
            target = ".".join(base + ([node.module] if node.module else []))
        else:
            target = node.module or ""
        if target == "newsevents" or target.startswith("newsevents."):
            found.append((target, [a.name for a in node.names], node.lineno))
    return found


def test_no_module_imports_a_private_name_of_another():
    modules = _modules()
    bad = []
    for module, path in modules.items():
        for target, names, line in _imports(path, module):
            for name in names:
                if name.startswith("_") and not name.startswith("__") and target != module:
                    if f"{target}.{name}" in modules:
                        continue  # a private module, imported by name: import-linter's business
                    bad.append(f"{module}:{line} imports {name} from {target}")
    assert not bad, "private names crossing modules (give them a public name or move them):\n" + "\n".join(bad)


def test_no_import_cycles_between_modules():
    grimp = pytest.importorskip("grimp")
    graph = grimp.build_graph("newsevents", exclude_type_checking_imports=True)
    modules = sorted(graph.modules)
    index = {m: i for i, m in enumerate(modules)}
    edges = {m: sorted(graph.find_modules_directly_imported_by(m) & set(modules)) for m in modules}
    # Tarjan's strongly connected components: any component of two or more modules is a cycle
    counter, stack, on_stack, low, order, cycles = [0], [], set(), {}, {}, []

    def visit(v: str) -> None:
        order[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in edges[v]:
            if w not in order:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], order[w])
        if low[v] == order[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                cycles.append(sorted(comp, key=index.get))

    for m in modules:
        if m not in order:
            visit(m)
    assert not cycles, "import cycles:\n" + "\n".join(" <-> ".join(c) for c in cycles)


def test_no_module_is_far_past_600_lines():
    long = {m: n for m, p in _modules().items() if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, f"modules over {MAX_LINES} lines (split them by what they hold): {long}"
