"""docs/ stays true: the rule author's guide quotes rules/nato/art_04.lp, and every line it
quotes is still in that file; the design notes the README points to exist."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_rule_guides_quotations_are_in_the_rule_file():
    guide = (ROOT / "docs" / "rules-guide.md").read_text(encoding="utf-8")
    rules = (ROOT / "rules" / "nato" / "art_04.lp").read_text(encoding="utf-8")
    blocks = re.findall(r"```prolog\n(.*?)```", guide, flags=re.S)
    assert len(blocks) >= 8
    for block in blocks:
        for line in block.strip().splitlines():
            assert line in rules, f"docs/rules-guide.md quotes a line not in rules/nato/art_04.lp:\n{line}"


def test_the_readme_points_to_the_docs_that_exist():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for target in re.findall(r"\]\((docs/[\w./-]+)\)", readme):
        assert (ROOT / target).is_file(), target
    assert "docs/rules-guide.md" in readme and "docs/design.md" in readme
