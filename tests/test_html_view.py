"""Offline views of the explanation: `foedus check --format html` (a self-contained page),
`--format dot` (the explanation graph) and a Verdict's HTML in Jupyter (`_repr_html_`)."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from click.testing import CliRunner

from foedus.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
KARABAKH = str(EXAMPLES / "karabakh_2020.yaml")


def test_the_html_page_is_the_explanation_tree_and_fetches_nothing():
    result = CliRunner().invoke(main, ["check", KARABAKH, "--format", "html"])
    assert result.exit_code == 0
    page = result.stdout
    assert page.startswith("<!doctype html>") and page.rstrip().endswith("</html>")
    assert not re.search(r"<script|<link|<img|@import|url\(", page)   # no script, nothing fetched
    art4 = page[page.index('data-provision="cst_art4" data-state="ARM"'):]
    element = art4[art4.index('data-element="on_victim_territory"'):]
    assert element.startswith('data-element="on_victim_territory" data-value="fails"')
    assert 'data-fact="sovereignty:nagorno_karabakh:AZE:1991-12-26"' in art4
    assert '<blockquote lang="ru">' in art4 and '<blockquote lang="en">' in art4   # authentic and translation
    gates = re.findall(r'data-element="(\w+)" data-value="\w+"><details><summary>.*?(gate|condition), decided',
                       art4[:art4.index("</details></details>")])
    kinds = [k for _, k in gates]
    assert len(kinds) >= 4 and "gate" in kinds and "condition" in kinds
    assert kinds == sorted(kinds, key=lambda k: k != "gate")   # gates first


def test_the_html_page_is_the_same_for_the_same_input():
    pages = {CliRunner().invoke(main, ["check", KARABAKH, "--format", "html"]).stdout for _ in range(2)}
    assert len(pages) == 1


def test_the_dot_graph_names_elements_facts_sources_and_readings():
    result = CliRunner().invoke(main, ["check", KARABAKH, "--format", "dot"])
    assert result.exit_code == 0
    dot = result.stdout
    assert dot.startswith('digraph "Second Karabakh War') and dot.rstrip().endswith("}")
    assert '"e:cst_art4:ARM:offensive:on_victim_territory"' in dot
    assert '-> "f:sovereignty:nagorno_karabakh:AZE:1991-12-26"' in dot
    assert re.search(r'-> "s:\w+"', dot) and re.search(r'-> "r:\w+" \[style=dashed\]', dot)
    if shutil.which("dot"):   # Graphviz, when installed, draws it
        done = subprocess.run(["dot", "-Tsvg"], input=dot, capture_output=True, text=True)
        assert done.returncode == 0 and "<svg" in done.stdout


def test_brief_verdicts_have_no_tree_to_show():
    result = CliRunner().invoke(main, ["check", KARABAKH, "--format", "html", "--brief"])
    assert result.exit_code == 2 and "drop --brief" in result.stderr


def test_a_verdict_shows_as_its_tree_in_jupyter(engine):
    html = engine.assess(KARABAKH)._repr_html_()
    assert html.startswith("<style>") and "body{" not in html   # the notebook keeps its own page style
    assert 'data-element="on_victim_territory" data-value="fails"' in html
    assert html.rstrip().endswith("</section>")   # one fragment: the tree, nothing of a page
