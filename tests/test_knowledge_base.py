"""The built-in world: every value sourced, intervals consistent, known counts right."""
from __future__ import annotations

import datetime as dt
import shutil
from collections import defaultdict

import pytest
import yaml

from foedus.base.errors import InputError
from foedus.load.files import data_dir
from foedus.world.builtin import load_world

FACTS = data_dir("facts")


def _rows(name, key):
    return yaml.safe_load((FACTS / name).read_text(encoding="utf-8"))[key]


def test_every_world_fact_has_a_source(engine):
    for fid, fact in engine.kb.world.facts.items():
        assert fact.sources, f"{fid} has no source"
        for sid in fact.sources:
            assert sid in engine.kb.world.sources, f"{fid} cites unknown source {sid}"


def test_every_source_is_cited():
    rules = FACTS.parent / "rules"
    text = "".join(p.read_text(encoding="utf-8") for p in FACTS.glob("*.yaml") if p.name != "sources.yaml") + \
        "".join(p.read_text(encoding="utf-8") for p in rules.rglob("*.lp"))   # text_source/4 names the copies read
    # statehood_undated: the loader cites the convention for every State without a date of statehood
    unused = [s["id"] for s in _rows("sources.yaml", "sources") if s["id"] not in text and s["id"] != "statehood_undated"]
    assert not unused, f"sources never cited: {unused}"


def test_membership_intervals_are_ordered_and_do_not_overlap():
    spans = defaultdict(list)
    for row in _rows("memberships.yaml", "memberships"):
        end = row["until"] or dt.date.max
        assert row["from"] <= end, f"{row['state']}/{row['treaty']}: ends before it begins"
        spans[(row["state"], row["treaty"])].append((row["from"], end))
    for key, items in spans.items():
        items.sort()
        for (_, end), (start, _) in zip(items, items[1:]):
            assert end < start, f"{key}: overlapping membership intervals"


def test_thirty_two_nato_parties_today(engine):
    view = engine.world(dt.date(2025, 1, 1))
    nato = next(t for t in view.treaties if t.treaty == "nato")
    assert len(nato.parties) == 32


def test_a_fact_without_a_source_is_refused(tmp_path):
    copy = tmp_path / "facts"
    shutil.copytree(FACTS, copy)
    rows = yaml.safe_load((copy / "memberships.yaml").read_text(encoding="utf-8"))
    rows["memberships"][0]["source"] = []
    (copy / "memberships.yaml").write_text(yaml.safe_dump(rows, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InputError, match="no source"):
        load_world(copy)


def test_a_fact_citing_an_unknown_source_is_refused(tmp_path):
    copy = tmp_path / "facts"
    shutil.copytree(FACTS, copy)
    rows = yaml.safe_load((copy / "memberships.yaml").read_text(encoding="utf-8"))
    rows["memberships"][0]["source"] = ["no_such_source"]
    (copy / "memberships.yaml").write_text(yaml.safe_dump(rows, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InputError, match="unknown source 'no_such_source'"):
        load_world(copy)


def test_the_cached_catalogue_equals_a_fresh_one(engine, monkeypatch):
    import foedus
    monkeypatch.setenv("FOEDUS_NO_CACHE", "1")
    fresh = foedus.Engine()
    assert vars(fresh.catalogue) == vars(engine.catalogue)
    assert fresh.kb.world.facts == engine.kb.world.facts
