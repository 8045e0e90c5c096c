"""Where the knowledge base's files are, and their digest — without loading them (for
`foedus --version`, which names the knowledge base it would use, and for the loader)."""
from __future__ import annotations

import hashlib
from pathlib import Path

from ..base.errors import KnowledgeBaseError

PACKAGE = Path(__file__).resolve().parent.parent   # the package: foedus/ (engine/ in a checkout)


def data_dir(name: str) -> Path:
    """rules/, facts/ or examples/: inside the installed package, or beside engine/ in a checkout."""
    for candidate in (PACKAGE / name, PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise KnowledgeBaseError(f"the {name}/ folder of foedus was not found next to {PACKAGE}")


def rule_files(rules_dir: Path) -> list[Path]:
    return sorted(rules_dir.rglob("*.lp"))


def files_digest(rule_paths: list[Path], rules_dir: Path, facts_dir: Path) -> str:
    """The digest of every rule and fact file read (names and bytes): a verdict's
    `engine.knowledge_base_digest`."""
    digest = hashlib.sha256()
    for path in rule_paths:
        digest.update(path.relative_to(rules_dir).as_posix().encode() if path.is_relative_to(rules_dir)
                      else path.name.encode())
        digest.update(path.read_bytes())
    for path in sorted(facts_dir.rglob("*.yaml")):
        digest.update(path.relative_to(facts_dir).as_posix().encode())
        digest.update(path.read_bytes())
    return "sha256:" + digest.hexdigest()


def built_in_digest() -> str:
    rules, facts = data_dir("rules"), data_dir("facts")
    return files_digest(rule_files(rules), rules, facts)
