"""The house shows its pipeline (architecture: faces -> public API -> services ->
the core assessment -> explaining and solving -> loading): every import goes down
or stays in its layer, no module uses another's _private names, and no modules
import each other in a circle. Read from the source (ast), so nothing is imported."""
from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

ENGINE = Path(__file__).resolve().parent.parent / "engine"

# bottom to top; a module may import its own layer and those below
LAYERS = [
    ("base", {"version", "errors", "documents", "validation", "intervals", "budget"}),
    ("world", {"world", "symbols", "questions", "program"}),
    ("models", {"verdict", "scenario"}),
    ("load", {"cachecodec", "knowledge", "keyed"}),
    ("solve", {"solve", "explore", "chunk", "catalogue"}),
    ("explain", {"explain", "render"}),
    ("core", {"core", "brief", "fullchunk", "factanswers"}),
    ("services", {"whatif", "claimcheck", "sweep", "batch", "cases", "library", "casetest", "textcheck", "lint"}),
    ("facade", {"api", "__init__"}),
]
LEVEL = {m: i for i, (_, mods) in enumerate(LAYERS) for m in mods}


def _type_checking(node) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def imports(path: Path):
    """(module imported, names, line, only for type checking) for each relative import."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {id(n) for block in ast.walk(tree) if _type_checking(block) for n in ast.walk(block)}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            names = [a.name for a in node.names]
            if node.module:
                yield node.module.split(".")[0], names, node.lineno, id(node) in typing_only
            else:   # from . import budget, program
                for name in names:
                    yield name, [], node.lineno, id(node) in typing_only


def modules() -> dict[str, Path]:
    return {p.stem: p for p in sorted(ENGINE.glob("*.py"))}


def test_every_module_has_a_layer():
    assert sorted(set(modules()) - set(LEVEL)) == []
    assert sorted(set(LEVEL) - set(modules())) == []


def test_no_import_climbs_a_layer():
    climbs = []
    for name, path in modules().items():
        for target, _, line, typing_only in imports(path):
            if not typing_only and LEVEL[target] > LEVEL[name]:
                climbs.append(f"{name}.py:{line} ({LAYERS[LEVEL[name]][0]}) imports {target} "
                              f"({LAYERS[LEVEL[target]][0]})")
    assert climbs == []


def test_no_module_uses_another_modules_private_names():
    found = []
    for name, path in modules().items():
        for target, names, line, _ in imports(path):
            found += [f"{name}.py:{line} imports {target}.{n}" for n in names if n.startswith("_") and n != "__version__"]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):   # engine._helper, budget._state: reaching into another's object or module
            if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__") \
                    and isinstance(node.value, ast.Name) and node.value.id in {"engine", "_ENGINE", *modules()}:
                found.append(f"{name}.py:{node.lineno} uses {node.value.id}.{node.attr}")
    assert found == []


def test_no_circle():
    graph = defaultdict(set)
    for name, path in modules().items():
        for target, _, _, typing_only in imports(path):
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
    fake = tmp_path / "engine"
    fake.mkdir()
    for name, path in modules().items():
        (fake / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (fake / "knowledge.py").write_text("from .core import Core\n", encoding="utf-8")
    monkeypatch.setattr(__import__(__name__, fromlist=["ENGINE"]), "ENGINE", fake)
    import pytest
    with pytest.raises(AssertionError, match="knowledge.py:1"):
        test_no_import_climbs_a_layer()
