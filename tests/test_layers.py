"""The house shows its pipeline (architecture: faces -> public API -> services ->
the core assessment -> explaining and solving -> loading): every import goes down
or stays in its layer, no module uses another's _private names, and no modules
import each other in a circle. Read from the source (ast), so nothing is imported."""
from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

ENGINE = Path(__file__).resolve().parent.parent / "engine"

# The packages of engine/, bottom to top: a module may import its own package and those
# below. The modules at the top (the public API) are the facade; the HTTP face (serve/) is
# above it, as the command line is.
LAYERS = ["base", "world", "models", "load", "solve", "explain", "core", "services", "facade", "serve"]


def _type_checking(node) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def modules() -> dict[str, Path]:
    """Dotted name inside the package (e.g. "core.brief", "api") -> file."""
    root = ENGINE
    return {".".join(p.relative_to(root).with_suffix("").parts): p
            for p in sorted(root.rglob("*.py")) if "__pycache__" not in p.parts}


def layer(name: str) -> str:
    return name.split(".")[0] if "." in name else "facade"


def level(name: str) -> int:
    return LAYERS.index(layer(name))


def imports(name: str, path: Path):
    """(module imported, names, line, only for type checking) for each relative import,
    the module resolved to its dotted name inside the package."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {id(n) for block in ast.walk(tree) if _type_checking(block) for n in ast.walk(block)}
    package = name.split(".")[:-1]
    known = modules()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level >= 1:
            base = package[:len(package) - (node.level - 1)] if node.level > 1 else package
            target = ".".join(base + (node.module.split(".") if node.module else []))
            names = [a.name for a in node.names]
            if target in known:
                yield target, names, node.lineno, id(node) in typing_only
            else:   # a package: from ..base import budget, program
                for n in names:
                    yield ".".join(filter(None, [target, n])), [], node.lineno, id(node) in typing_only


def test_every_module_sits_in_a_layer():
    """Every file is in one of the layer packages, or at the top (the facade)."""
    strays = [n for n in modules() if layer(n) not in LAYERS or n.count(".") > 1]
    assert strays == []
    assert sorted(set(LAYERS) - {layer(n) for n in modules()}) == []


def test_imports_resolve_to_modules():
    known = modules()
    unknown = [f"{n} imports {t}" for n, p in known.items() for t, *_ in imports(n, p)
               if t not in known and t + ".__init__" not in known]
    assert unknown == []


def test_no_import_climbs_a_layer():
    climbs = []
    for name, path in modules().items():
        for target, _, line, typing_only in imports(name, path):
            if not typing_only and level(target) > level(name):
                climbs.append(f"{path.relative_to(ENGINE)}:{line} ({layer(name)}) imports {target} "
                              f"({layer(target)})")
    assert climbs == []


def test_no_module_uses_another_modules_private_names():
    found = []
    stems = {n.split(".")[-1] for n in modules()}
    for name, path in modules().items():
        for target, names, line, _ in imports(name, path):
            found += [f"{name}.py:{line} imports {target}.{n}" for n in names if n.startswith("_") and n != "__version__"]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):   # engine._helper, budget._state: reaching into another's object or module
            if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__") \
                    and isinstance(node.value, ast.Name) and node.value.id in {"engine", "_ENGINE", *stems}:
                found.append(f"{name}.py:{node.lineno} uses {node.value.id}.{node.attr}")
    assert found == []


def test_no_circle():
    graph = defaultdict(set)
    for name, path in modules().items():
        for target, _, _, typing_only in imports(name, path):
            if not typing_only and target != name:
                graph[name].add(target)
    seen, stack, circles = set(), [], []

    def visit(m):
        if m in stack:
            circles.append(stack[stack.index(m):] + [m])
            return
        if m in seen:
            return
        seen.add(m)
        stack.append(m)
        for t in sorted(graph[m]):
            visit(t)
        stack.pop()
    for m in sorted(graph):
        visit(m)
    assert circles == []


def test_the_layers_test_finds_a_climb(tmp_path, monkeypatch):
    """The test can fail: a load module importing the core is reported."""
    import shutil
    fake = tmp_path / "engine"
    shutil.copytree(ENGINE, fake, ignore=shutil.ignore_patterns("__pycache__"))
    (fake / "load" / "knowledge.py").write_text("from ..core.assess import Core\n", encoding="utf-8")
    monkeypatch.setattr(__import__(__name__, fromlist=["ENGINE"]), "ENGINE", fake)
    import pytest
    with pytest.raises(AssertionError, match="knowledge.py:1"):
        test_no_import_climbs_a_layer()


def test_no_long_function_without_a_reason():
    """Named steps: no function in engine/ runs over 80 lines unless its docstring says
    why it is long ("Long because ...")."""
    long = []
    for name, path in modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and \
                    node.end_lineno - node.lineno + 1 > 80 and "Long because" not in (ast.get_docstring(node) or ""):
                long.append(f"{name}.{node.name} ({node.end_lineno - node.lineno + 1} lines)")
    assert long == []
