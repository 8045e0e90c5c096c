"""The knowledge base: rule files and world facts, loaded once per process."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import clingo
import clingo.ast

from .errors import KnowledgeBaseError
from .symbols import to_symbol
from .world import World, load_world

_HERE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """rules/ or facts/: inside the installed package, or beside engine/ in a checkout."""
    for candidate in (_HERE / name, _HERE.parent / name):
        if candidate.is_dir():
            return candidate
    raise KnowledgeBaseError(f"the {name}/ folder of foedus was not found next to {_HERE}")


@dataclass
class KnowledgeBase:
    rule_files: list[Path]
    statements: list          # the rules, parsed once (clingo AST)
    world: World
    world_symbols: dict[str, list[clingo.Symbol]]   # fact id -> its atoms
    digest: str


def rule_files(rules_dir: Path) -> list[Path]:
    return sorted(rules_dir.rglob("*.lp"))


def load_knowledge_base(rules_dir: Optional[Path] = None,
                        facts_dir: Optional[Path] = None,
                        extra_rules: tuple[Path, ...] = ()) -> KnowledgeBase:
    rules_dir = rules_dir or data_dir("rules")
    facts_dir = facts_dir or data_dir("facts")
    files = rule_files(rules_dir) + list(extra_rules)
    statements: list = []
    digest = hashlib.sha256()
    for path in files:
        text = path.read_text(encoding="utf-8")
        digest.update(path.relative_to(rules_dir).as_posix().encode() if path.is_relative_to(rules_dir)
                      else path.name.encode())
        digest.update(text.encode("utf-8"))
        try:
            clingo.ast.parse_string(text, statements.append)
        except RuntimeError as exc:
            raise KnowledgeBaseError(f"{path.name}: the rules do not parse: {exc}") from None
    for path in sorted(facts_dir.rglob("*.yaml")):
        digest.update(path.relative_to(facts_dir).as_posix().encode())
        digest.update(path.read_bytes())
    world = load_world(facts_dir)
    world_symbols = {fid: [to_symbol(a) for a in fact.atoms] for fid, fact in world.facts.items()}
    return KnowledgeBase(files, statements, world, world_symbols, "sha256:" + digest.hexdigest())
