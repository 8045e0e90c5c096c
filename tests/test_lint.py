"""foedus lint: the built-in knowledge base is clean; a damaged copy is not."""
from __future__ import annotations

import copy
import shutil
from pathlib import Path

import yaml
from click.testing import CliRunner

from foedus.cli import main
from foedus.load.files import data_dir
from foedus.services.lint import lint

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.yaml"))


def test_the_built_in_knowledge_base_has_no_findings():
    """No errors and no warnings: the readings one provision uses combine into fewer ways
    than one solve explores (they are explored provision by provision: engine/solve/explore.py)."""
    report = lint(examples=tuple(EXAMPLES))
    assert [f.model_dump() for f in report.findings] == []
    from foedus.api import default_engine
    cat = default_engine().catalogue
    assert 256 <= cat.combinations <= 4096 and cat.most_combining in ("cst_art4", "nato_art5")


def test_lint_warns_when_one_provisions_readings_combine_beyond_the_ceiling(monkeypatch):
    import foedus.services.lint as lint_module
    from foedus.api import default_engine
    cat = default_engine().catalogue
    monkeypatch.setattr(lint_module, "COMBINATION_CEILING", cat.combinations - 1)
    (warning,) = [f for f in lint().findings if f.kind == "combinations"]
    assert warning.severity == "warning" and warning.where == cat.most_combining
    assert f"{cat.combinations:,} ways" in warning.message
    monkeypatch.setattr(lint_module, "COMBINATION_CEILING", cat.combinations)
    assert not [f for f in lint().findings if f.kind == "combinations"]


def test_lint_finds_what_is_wrong(tmp_path):
    facts = tmp_path / "facts"
    shutil.copytree(data_dir("facts"), facts)
    doc = yaml.safe_load((facts / "memberships.yaml").read_text(encoding="utf-8"))
    doc["memberships"].append({"state": "ARM", "treaty": "cst", "status": "party", "from": "2000-01-01",
                               "until": None, "source": []})
    doc["memberships"].append({"state": "XXX", "treaty": "nato", "status": "party", "from": "2010-01-01",
                               "until": "2009-01-01", "source": ["nowhere"]})
    (facts / "memberships.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    extra = tmp_path / "extra.lp"
    extra.write_text("undocumented_conclusion(X) :- state(X).\n", encoding="utf-8")
    report = lint(facts_dir=facts, extra_rules=(extra,))
    kinds = {(f.kind, f.where.split(".")[0] if f.kind != "undocumented_predicate" else f.where)
             for f in report.findings}
    assert ("no_source", f"memberships[{len(doc['memberships']) - 2}]") in kinds
    assert ("unknown_id", f"memberships[{len(doc['memberships']) - 1}]") in kinds
    assert any(k == "inverted_interval" for k, _ in kinds)
    assert any(k == "overlapping_interval" for k, _ in kinds)
    assert ("undocumented_predicate", "undocumented_conclusion/1") in kinds


def test_lint_cli_exit_codes(tmp_path):
    assert CliRunner().invoke(main, ["lint", "--format", "text"]).exit_code == 0
    extra = tmp_path / "extra.lp"
    extra.write_text("undocumented_conclusion(X) :- state(X).\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", "--rules", str(extra), "--format", "text"])
    assert result.exit_code == 1 and "undocumented_conclusion/1" in result.output


def test_lint_finds_the_faults_that_once_passed_unseen(tmp_path):
    """Issue 13, point 6: each fault class seeded into a copy of the knowledge base is reported."""
    facts = tmp_path / "facts"
    shutil.copytree(data_dir("facts"), facts)
    sources = yaml.safe_load((facts / "sources.yaml").read_text(encoding="utf-8"))
    sources["sources"][0]["citation"] = "  "
    (facts / "sources.yaml").write_text(yaml.safe_dump(sources, allow_unicode=True), encoding="utf-8")
    territories = yaml.safe_load((facts / "territories.yaml").read_text(encoding="utf-8"))
    svalbard = next(t for t in territories["territories"] if t["id"] == "svalbard")
    held = svalbard["sovereignty"][0]
    svalbard["sovereignty"].append({**held, "state": "RUS"})                  # two holders at once
    crimea = next(t for t in territories["territories"] if t["id"] == "crimea")
    crimea["claims"].append({**crimea["claims"][0], "from": "2020-01-01", "until": "2019-01-01"})   # inverted
    (facts / "territories.yaml").write_text(yaml.safe_dump(territories, allow_unicode=True), encoding="utf-8")
    found = {(f.kind, f.where) for f in lint(facts_dir=facts).findings}
    assert ("empty_citation", "sources[0]") in found
    assert any(k == "overlapping_interval" and w.endswith(".sovereignty[1]") for k, w in found), found
    assert any(k == "inverted_interval" and ".claims[" in w for k, w in found), found


def test_the_loader_refuses_what_lint_reports(tmp_path):
    """Overlapping memberships and titles are refused at load, naming the file and the record."""
    import pytest

    from foedus.base.errors import InputError
    from foedus.world.builtin import load_world
    facts = tmp_path / "facts"
    shutil.copytree(data_dir("facts"), facts)
    doc = yaml.safe_load((facts / "memberships.yaml").read_text(encoding="utf-8"))
    arm = next(m for m in doc["memberships"] if m["state"] == "ARM" and m["treaty"] == "cst" and not m["until"])
    doc["memberships"].append({**copy.deepcopy(arm), "from": "2025-01-01"})
    (facts / "memberships.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InputError, match=r"facts/memberships\.yaml: field 'memberships\[\d+\]': ARM/cst overlaps "):
        load_world(facts)
    shutil.copy(data_dir("facts") / "memberships.yaml", facts / "memberships.yaml")
    territories = yaml.safe_load((facts / "territories.yaml").read_text(encoding="utf-8"))
    svalbard = next(t for t in territories["territories"] if t["id"] == "svalbard")
    svalbard["sovereignty"].append({**copy.deepcopy(svalbard["sovereignty"][0]), "state": "RUS"})
    (facts / "territories.yaml").write_text(yaml.safe_dump(territories, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InputError, match=r"field 'territories\[\d+\]\.sovereignty\[1\]': title overlaps"):
        load_world(facts)


def test_lint_asks_for_pinpoints_authentic_texts_and_full_addresses(tmp_path):
    """Issue 18: a version without pinpoints, an authentic text neither quoted nor declared missing,
    and a source given as a bare host path are each a finding."""
    facts = tmp_path / "facts"
    shutil.copytree(data_dir("facts"), facts)
    doc = yaml.safe_load((facts / "sources.yaml").read_text(encoding="utf-8"))
    doc["sources"][0]["where"] = "pavlodar.com/zakon/?dok=00542"
    (facts / "sources.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    extra = tmp_path / "extra.lp"
    extra.write_text('''
%! a provision quoted in English only, with no pinpoints, whose instrument is authentic in English and French
provision(probe, north_atlantic_treaty, "Art. 99", "A probe").
version(probe, v1949, north_atlantic_treaty).
version_label(probe, v1949, "1949 text").
citation(probe, v1949, "North Atlantic Treaty, Art. 99 (see nato.int/cps/en/natohq/official_texts_17120.htm)").
article_text(probe, v1949, 1, en, authentic, "Nothing.").
''', encoding="utf-8")
    findings = lint(facts_dir=facts, extra_rules=(extra,)).findings
    found = {(f.kind, f.file) for f in findings}
    assert ("pinpoint", "probe") in found
    assert ("language", "probe") in found and any("authentic fr text" in f.message for f in findings)
    assert ("bare_address", "facts/sources.yaml") in found
    assert ("bare_address", "probe") in found   # in the citation too
