"""The README's samples are real output: each `$ foedus ...` line in a fenced
block is run, and every line shown after it (but '...', which elides) must
appear in the output, in the same order."""
from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from foedus.cli import main

ROOT = Path(__file__).resolve().parent.parent


TUTORIAL = "## Tutorial"   # its samples run on the files it writes: tests/test_tutorial.py


def readme_without_tutorial() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index(TUTORIAL)
    return text[:start] + text[text.index("\n## ", start + 1):]


def samples(text: str = None):
    text = readme_without_tutorial() if text is None else text
    for block in re.finditer(r"^( *)```[a-z]*\n(.*?)^\1```", text, flags=re.S | re.M):
        indent = len(block.group(1))
        lines = [line[indent:] for line in block.group(2).splitlines()]
        command, shown = None, []
        for line in lines + ["$ end"]:
            if line.startswith("$ "):
                if command and command.startswith("foedus "):
                    yield command, shown
                command, shown = line[2:], []
            elif command is not None:
                shown.append(line)


SAMPLES = [(c, s) for c, s in samples() if s]


@pytest.mark.parametrize("command, shown", SAMPLES, ids=[c for c, _ in SAMPLES])
def test_readme_sample_is_real_output(command, shown, tmp_path, monkeypatch):
    args = shlex.split(command)[1:]
    if "--format" not in args:          # the README shows what a terminal shows
        args += ["--format", "text"]
    if "--write" in args:
        args[args.index("--write") + 1] = str(tmp_path / "out.yaml")
    files = [a for a in args if a.endswith(".yaml")]
    if any(not (ROOT / f).exists() for f in files if not f.startswith(str(tmp_path))):
        # a file the reader writes (bad.yaml): written here from the sample's own words
        assert files == ["bad.yaml"], f"{command}: a sample file that does not exist"
        (tmp_path / "bad.yaml").write_text("name: bad\nevents:\n  - kind: armed_attack\n    date: 2020-09-27\n"
                                           "    place: nagorno_karabakh\n    attackers: [AZR]\n", encoding="utf-8")
        monkeypatch.chdir(tmp_path)
    else:
        monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, args)
    assert_shown(command, shown, (result.stdout + result.stderr).splitlines())


def assert_shown(command: str, shown: list[str], output: list[str]) -> None:
    """Every line the README shows (but '...') is printed, in the same order."""
    position = 0
    for line in shown:
        if line.strip() in ("", "..."):
            continue
        while position < len(output) and output[position].rstrip() != line.rstrip():
            position += 1
        assert position < len(output), f"{command}: the README shows a line the program does not print:\n{line}"
        position += 1


def _paragraph(text: str, start: str) -> str:
    """The README paragraph (or list item) that begins with `start`."""
    at = text.index(start)
    end = min(i for i in (text.find("\n\n", at), text.find("\n- ", at + 1)) if i > 0)
    return text[at:end]


def test_the_readme_names_every_open_question_and_reading_and_no_other(engine):
    """The lists in prose are the catalogue's: a question or reading added, renamed or dropped in
    the rules fails here until the README says so."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    cat = engine.catalogue
    questions = set(re.findall(r"`([a-z_0-9]+)`", _paragraph(text, "- **Open questions**")))
    readings_named = {n for n, _ in cat.readings}
    import typing

    from foedus.models.verdict import Status
    assert questions - readings_named - set(typing.get_args(Status)) == set(cat.questions)
    readings = set(re.findall(r"`([a-z_0-9]+)`", _paragraph(text, "Where scholars disagree")))
    assert readings - set(typing.get_args(Status)) == readings_named


def test_the_readme_glossary_lists_every_status_and_no_other():
    import typing

    from foedus.models.verdict import Status
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    table = text[text.index("- **Statuses — a glossary**"):text.index("- **Three-valued elements.**")]
    assert set(re.findall(r"^  \| `([a-z_]+)` \|", table, flags=re.M)) == set(typing.get_args(Status))


def _python_api_section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return text[text.index("## Python API"):text.index("## Layout")]


def test_the_public_api_is_what_the_readme_documents():
    """Every public name of the package and every public method of an Engine is named
    in the README's Python API section (as `name` or `foedus.name`), and every method
    the section's table names exists."""
    import foedus
    section = _python_api_section()
    undocumented = [n for n in foedus.__all__ if f"`foedus.{n}`" not in section]
    methods = {n for n in dir(foedus.Engine) if not n.startswith("_")}
    undocumented += [f"Engine.{n}" for n in sorted(methods) if f"`{n}`" not in section]
    assert undocumented == []
    table = section[section.index("| method |"):]
    named = set(re.findall(r"`([a-z_]+)`", table))
    assert sorted(named - methods) == []


def test_the_readme_glossary_names_every_element_and_role_and_no_other(engine):
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("### Glossary: elements, roles and words"):text.index("## Contested readings")]
    listed = set(re.findall(r"^\| `(\w+)` \|", section, flags=re.M))
    elements = {el for els in engine.catalogue.elements.values() for el, _ in els}
    assert listed == elements
    for role in set(engine.catalogue.roles.values()):
        assert f"**{role}**" in section
    for el in elements:   # each row says its kind and what decides it, as the rules do
        row = next(line for line in section.splitlines() if line.startswith(f"| `{el}` |"))
        kinds = {k for (p, _), els in engine.catalogue.elements.items() for e, k in els if e == el}
        assert all(k in row for k in kinds)
