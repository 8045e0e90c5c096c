"""The Python API's examples in its docstrings run as written (from the repository root,
where the examples they name are)."""
from __future__ import annotations

import doctest
from pathlib import Path

import foedus

ROOT = Path(__file__).resolve().parent.parent


def test_the_packages_examples_run(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = doctest.testmod(foedus, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 9 and result.failed == 0
