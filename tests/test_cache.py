"""The cache cannot run code or lie unchecked (issue 13): JSON, never pickle;
an entry that does not decode is ignored and rebuilt with a word; a folder
others can write to is not used."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import foedus.knowledge as knowledge

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
