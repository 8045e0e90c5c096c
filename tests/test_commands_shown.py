"""Issue 14: every command the README's shell blocks and each command's
--help show is run, as a reader would type it; none may fail as bad input or
a defect. (The README's `$ foedus` samples are also compared with their
output: test_readme.)"""
from __future__ import annotations

import random
import re
import shlex
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from foedus.cli import main

from .strategies import random_scenario

ROOT = Path(__file__).resolve().parent.parent


def _help_examples():
    for name, command in sorted(main.commands.items()):
        commands = [command] + (list(command.commands.values()) if isinstance(command, click.Group) else [])
        for cmd in commands:
            for line in (cmd.help or "").splitlines():
                if re.match(r"\s*(cat \S+ \| )?foedus ", line):
                    yield line.strip()


def _readme_shell_lines():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for block in re.finditer(r"^( *)```sh\n(.*?)^\1```", text, flags=re.S | re.M):
        for line in block.group(2).splitlines():
            if re.match(r"\s*(cat \S+ \| )?foedus ", line):
                yield line.split("  #")[0].strip()


# `foedus serve` runs until stopped: tests/test_http.py starts it as shown and calls it
SHOWN = sorted(line for line in set(_help_examples()) | set(_readme_shell_lines())
               if not line.startswith("foedus serve"))


@pytest.mark.parametrize("line", SHOWN)
def test_a_command_shown_runs(line, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    stdin = None
    match = re.match(r"cat (\S+) \| (.*)", line)
    if match:   # the reader's own JSON Lines: generated here
        rng = random.Random(5)
        stdin = "".join(__import__("json").dumps(random_scenario(rng)) + "\n" for _ in range(3))
        line = match.group(2)
    args = shlex.split(line.split(" > ")[0])[1:]   # a redirection is the shell's
    for option in ("--write", "--out", "--plot"):
        if option in args:
            args[args.index(option) + 1] = str(tmp_path / Path(args[args.index(option) + 1]).name)
    if args[:2] == ["examples", "copy"]:   # the reader's own folder
        args[3:] = [str(tmp_path)]
    if "--rules" in args:   # the reader's own rule file
        rule = tmp_path / "my_reading.lp"
        rule.write_text("%! my_conclusion(S): S is a state (a reader's own rule).\nmy_conclusion(S) :- state(S).\n",
                        encoding="utf-8")
        args[args.index("--rules") + 1] = str(rule)
    result = CliRunner().invoke(main, args, input=stdin)
    assert result.exit_code in (0, 1, 3), f"{line}: exit {result.exit_code}\n{result.output}"
    assert "Traceback" not in result.output and "internal error" not in result.output
    assert result.stdout.strip() or any(tmp_path.iterdir()), f"{line}: printed and wrote nothing"
    if result.exit_code:   # a negative answer is one the command gives on purpose
        assert args[0] in ("claim", "lint", "test", "audit"), f"{line}: exit {result.exit_code}"
