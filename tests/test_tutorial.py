"""The README's tutorial, followed word for word as a newcomer would: each file it says
to save is written from its YAML block, and each `$ foedus` command it shows is run in
that folder, its shown lines printed in order."""
from __future__ import annotations

import re
import shlex
from pathlib import Path

from click.testing import CliRunner

from foedus.cli import main
from tests.test_readme import TUTORIAL, assert_shown, samples

ROOT = Path(__file__).resolve().parent.parent


def tutorial() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index(TUTORIAL)
    return text[start:text.index("\n## ", start + 1)]


def test_the_tutorial_word_for_word(tmp_path, monkeypatch):
    text = tutorial()
    saved = re.findall(r"`([\w.]+\.yaml)`[^`]*?\n\n```yaml\n(.*?)```", text, flags=re.S)
    assert [name for name, _ in saved] == ["syunik.yaml", "syunik_answered.yaml"]
    for name, body in saved:
        (tmp_path / name).write_text(body, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    steps = list(samples(text))
    assert len(steps) == 4
    for command, shown in steps:
        args = shlex.split(command)[1:] + ["--format", "text"]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, f"{command}: {result.output}"
        assert_shown(command, shown, result.stdout.splitlines())
