"""The knowledge base: rule files and world facts, loaded once per process."""
from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import clingo
import clingo.ast

from . import __version__
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


# What the rule files say about themselves (their words, labels, sentences):
# read once for the catalogue, never needed to decide a scenario.
DESCRIPTIVE = {"article_text", "element_text", "element_words", "element_label", "citation",
               "version_label", "question", "consequence", "clause_text", "reading_holder"}


@dataclass
class KnowledgeBase:
    rule_files: list[Path]
    statements: list          # the rules, parsed once (clingo AST)
    world: World
    world_symbols: dict[str, list[clingo.Symbol]]   # fact id -> its atoms
    digest: str
    decision_statements: list = None   # the rules less their descriptions: what each scenario grounds

    def __post_init__(self):
        if self.decision_statements is None:
            self.decision_statements = [st for st in self.statements if _head_name(st) not in DESCRIPTIVE]


def _head_name(statement) -> Optional[str]:
    if statement.ast_type != clingo.ast.ASTType.Rule:
        return None
    head = statement.head
    if head.ast_type == clingo.ast.ASTType.Literal and head.atom.ast_type == clingo.ast.ASTType.SymbolicAtom:
        sym = head.atom.symbol
        if sym.ast_type == clingo.ast.ASTType.Function:
            return sym.name
    return None


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
    kb_digest = "sha256:" + digest.hexdigest()
    world = cache_load("world", kb_digest)
    if world is None:
        world = load_world(facts_dir)
        cache_store("world", kb_digest, world)
    world_symbols = {fid: [to_symbol(a) for a in fact.atoms] for fid, fact in world.facts.items()}
    return KnowledgeBase(files, statements, world, world_symbols, kb_digest)


# --- A cache of what is derived from the files, keyed by their digest --------------
# Validating the world's YAML and reading the rules' own descriptions are the
# bulk of a cold start; both are pure functions of the files, so they are kept
# in the user's cache directory under the digest of every rule and fact file.

def _cache_dir() -> Optional[Path]:
    if os.environ.get("FOEDUS_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "foedus"


_CODE_DIGEST: Optional[str] = None


def _key(kind: str, digest: str) -> str:
    """The cache file name: the kind, and a digest of the rule and fact files and
    of foedus's own code (a cached object must match the classes that read it)."""
    global _CODE_DIGEST
    if _CODE_DIGEST is None:
        h = hashlib.sha256()
        for path in sorted(_HERE.glob("*.py")):
            h.update(path.read_bytes())
        _CODE_DIGEST = h.hexdigest()
    combined = hashlib.sha256((digest + _CODE_DIGEST).encode()).hexdigest()
    return f"{kind}-{__version__}-{combined[:16]}.pickle"


def cache_load(kind: str, digest: str):
    folder = _cache_dir()
    path = folder / _key(kind, digest) if folder else None
    if path is None or not path.is_file():
        return None
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)
    except Exception:   # noqa: BLE001 — a damaged cache is rebuilt, never trusted
        return None


def cache_store(kind: str, digest: str, value) -> None:
    folder = _cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{kind}-{os.getpid()}.tmp"
        with tmp.open("wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(folder / _key(kind, digest))
    except OSError:
        pass   # no writable cache: every start validates the files again
