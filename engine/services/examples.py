"""The bundled example scenarios (examples/*.yaml, installed with the package): to list,
to read, to copy out and change — for `foedus examples`, the workbench and the API."""
from __future__ import annotations

import functools
from pathlib import Path

import yaml

from ..base.errors import InputError, did_you_mean
from ..load.files import data_dir


@functools.cache
def examples() -> dict[str, str]:
    """name -> the scenario's own name (its title), sorted by name."""
    out = {}
    for path in sorted(data_dir("examples").glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        out[path.stem] = str(doc.get("name", path.stem)) if isinstance(doc, dict) else path.stem
    return out


def example_path(name: str) -> Path:
    """The file of one example; an InputError naming the known ones otherwise."""
    if name not in examples():
        raise InputError("examples", f"no example '{name}'", expected="a name listed by 'foedus examples'",
                         hint=did_you_mean(name, examples()))
    return data_dir("examples") / f"{name}.yaml"
