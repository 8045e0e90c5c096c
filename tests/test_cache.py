"""The cache cannot run code or lie unchecked (issue 13): JSON, never pickle;
an entry that does not decode is ignored and rebuilt with a word; a folder
others can write to is not used."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import foedus.load.knowledge as knowledge

ROOT = Path(__file__).resolve().parent.parent
KARABAKH = str(ROOT / "examples" / "karabakh_2020.yaml")


def _check(cache: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, XDG_CACHE_HOME=str(cache))
    env.pop("FOEDUS_NO_CACHE", None)
    return subprocess.run([sys.executable, "-m", "foedus.cli", "check", KARABAKH, "--format", "json"],
                          capture_output=True, text=True, env=env, timeout=120)


def test_entries_are_json_and_a_damaged_or_foreign_one_is_rebuilt(tmp_path):
    first = _check(tmp_path)
    assert first.returncode == 0
    entries = sorted((tmp_path / "foedus").glob("*.json"))
    assert entries and not list((tmp_path / "foedus").glob("*.pickle"))
    for entry in entries:
        json.loads(entry.read_text(encoding="utf-8"))          # plain data
    knowledge_entry = next(e for e in entries if e.name.startswith("knowledge-"))
    knowledge_entry.write_text('{"~o": "Popen", "f": {}}', encoding="utf-8")   # not a class foedus writes
    second = _check(tmp_path)
    assert second.returncode == 0 and second.stdout == first.stdout
    assert "ignored a damaged cache entry" in second.stderr
    knowledge_entry.write_bytes(b"\x80\x04garbage")                            # e.g. an old pickle
    third = _check(tmp_path)
    assert third.returncode == 0 and third.stdout == first.stdout and "ignored" in third.stderr


def test_a_cache_folder_others_can_write_is_not_used(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "foedus"
    folder.mkdir()
    folder.chmod(0o777)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("FOEDUS_NO_CACHE", raising=False)
    knowledge._WARNED.clear()
    assert knowledge._cache_dir() is None
    assert "is not yours alone" in capsys.readouterr().err
    folder.chmod(0o700)
    assert knowledge._cache_dir() == folder


def test_a_tampered_entry_that_decodes_shows_in_the_provenance(tmp_path):
    """A valid entry altered by hand (Karabakh made Armenia's) changes the
    verdict, and the verdict says it was derived from other data than the
    files give; a run without a cache and a warm run agree byte for byte."""
    first = _check(tmp_path)
    warm = _check(tmp_path)
    env = dict(os.environ, FOEDUS_NO_CACHE="1")
    cold = subprocess.run([sys.executable, "-m", "foedus.cli", "check", KARABAKH, "--format", "json"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert first.stdout == warm.stdout == cold.stdout
    entry = next((tmp_path / "foedus").glob("knowledge-*.json"))
    text = entry.read_text(encoding="utf-8")
    assert "nagorno_karabakh,aze,19911226" in text
    entry.write_text(text.replace("nagorno_karabakh,aze,19911226", "nagorno_karabakh,arm,19911226"), encoding="utf-8")
    tampered = _check(tmp_path)
    assert tampered.returncode == 0
    before, after = json.loads(first.stdout)["engine"], json.loads(tampered.stdout)["engine"]
    assert after["knowledge_base_digest"] == before["knowledge_base_digest"]   # the files did not change
    assert after["derived_digest"] != before["derived_digest"]                 # what was used did


def test_the_cache_keeps_a_few_entries_of_each_kind(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("FOEDUS_NO_CACHE", raising=False)
    for n in range(knowledge.CACHE_KEEP + 3):
        knowledge.cache_store("catalogue", f"sha256:{n}", {"n": n})
        time.sleep(0.02)   # distinct modification times: the oldest go
    entries = list((tmp_path / "foedus").glob("catalogue-*"))
    assert len(entries) == knowledge.CACHE_KEEP
    assert knowledge.cache_load("catalogue", f"sha256:{knowledge.CACHE_KEEP + 2}")[0] == {"n": knowledge.CACHE_KEEP + 2}
