"""The knowledge base: rule files and world facts, loaded once per process."""
from __future__ import annotations

import hashlib
import os
import sys
from functools import cached_property
from pathlib import Path
from typing import Optional

import clingo
import clingo.ast

from . import cachecodec
from .files import PACKAGE, data_dir, files_digest, rule_files
from ..base.version import __version__
from ..base.errors import KnowledgeBaseError
from ..world.symbols import to_symbol
from ..world.builtin import World, load_world



# What the rule files say about themselves (their words, labels, sentences):
# read once for the catalogue, never needed to decide a scenario.
DESCRIPTIVE = {"article_text", "element_text", "element_words", "element_label", "citation",
               "version_label", "question", "consequence", "clause_text", "reading_holder",
               "question_of_fact", "element_reason_text", "text_source", "text_missing", "part_label",
               "pinpoint_edition", "element_part", "clause_part", "element_refers", "provision_scope",
               "subject_role"}


class KnowledgeBase:
    """The rules and the world. What a scenario needs is read from the cache
    when the files have not changed (the program less the rules' descriptions,
    as text; the world's atoms, as text); the full parse of the rule files is
    made only when asked for (the catalogue, lint, the keyed rewrite)."""

    def __init__(self, rule_files: list[Path], world: World, digest: str,
                 decision_text: str, world_texts: dict[str, list[str]], statements: Optional[list] = None):
        self.rule_files, self.world, self.digest = rule_files, world, digest
        self.decision_text, self.world_texts = decision_text, world_texts
        self._statements = statements
        # kind -> digest of the derived data in use (read from the cache or just built):
        # the verdict's provenance, so that a cache that lies shows
        self.derived: dict[str, str] = {}

    @property
    def statements(self) -> list:
        """Every statement of the rule files, parsed (clingo AST)."""
        if self._statements is None:
            self._statements = _parse_files(self.rule_files)
        return self._statements

    @cached_property
    def decision_statements(self) -> list:
        """The rules less their descriptions: what each scenario grounds."""
        statements: list = []
        clingo.ast.parse_string(self.decision_text, statements.append)
        return statements

    @cached_property
    def world_symbols(self) -> dict[str, list[clingo.Symbol]]:
        """Fact id -> its atoms."""
        return {fid: [clingo.parse_term(t) for t in texts] for fid, texts in self.world_texts.items()}


def _parse_files(files: list[Path]) -> list:
    statements: list = []
    for path in files:
        try:
            clingo.ast.parse_string(path.read_text(encoding="utf-8"), statements.append)
        except RuntimeError as exc:
            raise KnowledgeBaseError(f"{path.name}: the rules do not parse: {exc}") from None
    return statements


def _head_name(statement) -> Optional[str]:
    if statement.ast_type != clingo.ast.ASTType.Rule:
        return None
    head = statement.head
    if head.ast_type == clingo.ast.ASTType.Literal and head.atom.ast_type == clingo.ast.ASTType.SymbolicAtom:
        sym = head.atom.symbol
        if sym.ast_type == clingo.ast.ASTType.Function:
            return sym.name
    return None


def load_knowledge_base(rules_dir: Optional[Path] = None,
                        facts_dir: Optional[Path] = None,
                        extra_rules: tuple[Path, ...] = ()) -> KnowledgeBase:
    rules_dir = rules_dir or data_dir("rules")
    facts_dir = facts_dir or data_dir("facts")
    files = rule_files(rules_dir) + list(extra_rules)
    kb_digest = files_digest(files, rules_dir, facts_dir)
    cached = cache_load("knowledge", kb_digest)
    if cached is not None:
        (world, decision_text, world_texts), derived = cached
        kb = KnowledgeBase(files, world, kb_digest, decision_text, world_texts)
        kb.derived["knowledge"] = derived
        return kb
    statements = _parse_files(files)
    world = load_world(facts_dir)
    decision_text = "\n".join(str(st) for st in statements
                               if st.ast_type != clingo.ast.ASTType.Comment and _head_name(st) not in DESCRIPTIVE)
    world_texts = {fid: [str(to_symbol(a)) for a in fact.atoms] for fid, fact in world.facts.items()}
    kb = KnowledgeBase(files, world, kb_digest, decision_text, world_texts, statements)
    kb.derived["knowledge"] = cache_store("knowledge", kb_digest, (world, decision_text, world_texts))
    return kb


# --- A cache of what is derived from the files, keyed by their digest --------------
# Validating the world's YAML and reading the rules' own descriptions are the
# bulk of a cold start; both are pure functions of the files, so they are kept
# in the user's cache directory under the digest of every rule and fact file.

_WARNED: set[str] = set()


def _warn(message: str) -> None:
    """One line on standard error, once per process: a cache problem never stops a run."""
    if message not in _WARNED:
        _WARNED.add(message)
        print(f"foedus: {message}", file=sys.stderr)


def _cache_dir() -> Optional[Path]:
    """The cache folder — only if it is the user's own and no one else can write to
    it (as ssh treats keys); otherwise foedus runs without a cache."""
    if os.environ.get("FOEDUS_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = Path(base) / "foedus"
    try:
        if not folder.exists():
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.stat()
    except OSError:
        return None   # no usable cache: every start validates the files again
    if info.st_uid != os.getuid() or info.st_mode & 0o022 or not os.access(folder, os.R_OK | os.W_OK | os.X_OK):
        _warn(f"the cache folder {folder} is not yours alone (owner, permissions); running without a cache")
        return None
    return folder


_CODE_DIGEST: Optional[str] = None


def _key(kind: str, digest: str) -> str:
    """The cache file name: the kind, and a digest of the rule and fact files and
    of foedus's own code (a cached object must match the classes that read it)."""
    global _CODE_DIGEST
    if _CODE_DIGEST is None:
        h = hashlib.sha256()
        for path in sorted(PACKAGE.rglob("*.py")):
            h.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
        _CODE_DIGEST = h.hexdigest()
    combined = hashlib.sha256((digest + _CODE_DIGEST).encode()).hexdigest()
    return f"{kind}-{__version__}-{combined[:16]}.json"


def bytes_digest(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def cache_load(kind: str, digest: str):
    """(value, digest of the bytes it was read from), or None when there is no
    entry, or the entry does not decode (it is then rebuilt)."""
    folder = _cache_dir()
    path = folder / _key(kind, digest) if folder else None
    if path is None or not path.is_file():
        return None
    try:
        text = path.read_text(encoding="utf-8")
        return cachecodec.loads(text), bytes_digest(text)
    except (OSError, UnicodeDecodeError, cachecodec.CacheFormatError) as exc:
        _warn(f"ignored a damaged cache entry {path.name} ({exc}); it is rebuilt")
        return None
    except Exception as exc:   # noqa: BLE001 — whatever an entry holds, it is rebuilt, never trusted
        _warn(f"ignored a cache entry {path.name} that does not check ({type(exc).__name__}); it is rebuilt")
        return None


def cache_store(kind: str, digest: str, value) -> str:
    """Keep a derived value; return the digest of its bytes (the same bytes a
    later cache_load reads, so that both runs report the same provenance)."""
    text = cachecodec.dumps(value)
    folder = _cache_dir()
    if folder is None:
        return bytes_digest(text)
    try:
        tmp = folder / f".{kind}-{os.getpid()}.tmp"
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(folder / _key(kind, digest))
        _evict(folder, kind)
    except OSError:
        pass   # no writable cache: every start validates the files again
    return bytes_digest(text)


def derived_digest(derived: dict[str, str], kinds: tuple[str, ...]) -> str:
    """One digest over the derived data of these kinds."""
    return bytes_digest("\n".join(f"{kind}={derived.get(kind, '')}" for kind in kinds))


CACHE_KEEP = 4   # entries kept per kind: other versions of the files, other extra rules


def _evict(folder: Path, kind: str) -> None:
    """The oldest entries of a kind beyond CACHE_KEEP go: the cache does not grow with every edit."""
    entries = sorted(folder.glob(f"{kind}-*"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in entries[CACHE_KEEP:]:
        old.unlink(missing_ok=True)
