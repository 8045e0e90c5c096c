"""Reading YAML and JSON documents safely, keeping the line of every value.

PyYAML's safe composer gives each node its position; walking the node tree
ourselves (instead of yaml.safe_load) lets us report lines for pydantic errors,
refuse duplicate keys, and refuse alias expansion ("billion laughs").
"""
from __future__ import annotations

import json
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import InputError

MAX_BYTES = 2 * 1024 * 1024   # a scenario is a page of YAML, not a data set
# libyaml's composer where PyYAML was built with it (the wheels are): the same
# safe node tree, several times faster to build
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_DEPTH = 50


@dataclass
class Document:
    """Parsed data plus the line (1-based) of each value, keyed by its path."""
    name: str
    data: Any
    lines: dict[tuple, int] = field(default_factory=dict)

    def line_of(self, path: tuple) -> int | None:
        """Line of the value at path, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), None)


def read_document(path: Path | str, *, name: str | None = None,
                  max_bytes: int = MAX_BYTES) -> Document:
    """Read a YAML or JSON file; every failure is an InputError naming the file."""
    path = Path(path)
    shown = name or str(path)
    try:
        info = path.stat()
    except OSError as exc:
        # the examples the help names travel with foedus: outside a checkout they are copied out
        hint = (f"the bundled examples travel with foedus: 'foedus examples copy {path.stem}' writes {path.name} "
                f"into this folder"
                if path.parent.name == "examples" and not path.exists() else None)
        raise InputError(shown, f"cannot be read ({exc.strerror or exc})", hint=hint) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(shown, "is a directory", expected="a YAML or JSON file")
    if not stat.S_ISREG(info.st_mode):   # a FIFO would wait forever, /dev/zero never end
        raise InputError(shown, "is not a regular file", expected="a YAML or JSON file")
    try:
        with path.open("rb") as handle:   # st_size is not trusted: read one byte past the cap
            raw = handle.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(shown, f"cannot be read ({exc.strerror or exc})") from None
    if len(raw) > max_bytes:
        raise InputError(shown, f"is more than {max_bytes:,} bytes long",
                         expected=f"a scenario of at most {max_bytes:,} bytes")
    return parse_document(raw, shown)


def parse_document(raw: bytes, name: str) -> Document:
    """Parse bytes holding YAML (JSON is YAML) into a Document."""
    if b"\x00" in raw:
        raise InputError(name, "is a binary file", expected="UTF-8 text (YAML or JSON)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(name, f"is not UTF-8 text (byte {exc.start})",
                         expected="UTF-8 text (YAML or JSON)") from None
    if not text.strip():
        raise InputError(name, "is empty", expected="a YAML or JSON mapping")
    if name.endswith(".json"):
        try:
            json.loads(text)   # strict JSON errors are clearer than YAML's
        except json.JSONDecodeError as exc:
            raise InputError(name, f"is not valid JSON: {exc.msg}", line=exc.lineno) from None
        except RecursionError:
            raise InputError(name, f"nests deeper than {MAX_DEPTH} levels",
                             expected="a scenario (a few levels of mappings and lists)") from None
    try:
        nodes = list(yaml.compose_all(text, Loader=_LOADER))
    except RecursionError:
        raise InputError(name, f"nests deeper than {MAX_DEPTH} levels",
                         expected="a scenario (a few levels of mappings and lists)") from None
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise InputError(name, f"is not valid YAML: {exc.problem or exc}", line=line) from None
    except yaml.YAMLError as exc:
        raise InputError(name, f"is not valid YAML: {exc}") from None
    if len(nodes) != 1:
        raise InputError(name, f"holds {len(nodes)} YAML documents", expected="exactly one")
    doc = Document(name, None)
    doc.data = _build(nodes[0], (), doc, 0, set())   # set: nodes already built
    return doc


def _build(node: yaml.Node, path: tuple, doc: Document, depth: int, seen: set) -> Any:
    if depth > MAX_DEPTH:
        raise InputError(doc.name, f"nests deeper than {MAX_DEPTH} levels",
                         line=node.start_mark.line + 1)
    if id(node) in seen:   # the composer shares one node between an anchor and its aliases
        raise InputError(doc.name, "uses a YAML alias (*name)", line=node.start_mark.line + 1,
                         expected="plain values: aliases are not accepted in foedus files")
    seen.add(id(node))
    if "<key>" not in path:
        doc.lines[path] = node.start_mark.line + 1
    if node.tag not in _PLAIN_TAGS:   # !!binary, !!python/..., !custom: never silently read
        raise InputError(doc.name, f"uses the YAML tag {node.tag}", line=node.start_mark.line + 1,
                         expected="plain values: tags are not accepted in foedus files")
    if isinstance(node, yaml.MappingNode):
        out: dict = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise InputError(doc.name, "uses a YAML merge key (<<)",
                                 line=key_node.start_mark.line + 1)
            key = _build(key_node, path + ("<key>",), doc, depth + 1, seen)
            if not isinstance(key, (str, int)):
                raise InputError(doc.name, f"has a key of type {type(key).__name__}",
                                 line=key_node.start_mark.line + 1, expected="text keys")
            key = str(key)
            if key in out:
                raise InputError(doc.name, f"repeats the key '{key}'",
                                 field=_dotted(path + (key,)),
                                 line=key_node.start_mark.line + 1)
            out[key] = _build(value_node, path + (key,), doc, depth + 1, seen)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(n, path + (i,), doc, depth + 1, seen) for i, n in enumerate(node.value)]
    # scalars: let PyYAML's safe constructor give dates, ints, bools, nulls; a
    # value it cannot build (2021-02-30) stays text for the model to refuse by field
    if node.tag == "tag:yaml.org,2002:str":
        return node.value
    try:
        return yaml.SafeLoader("").construct_object(node, deep=True)
    except (ValueError, OverflowError, yaml.YAMLError):
        return node.value


_PLAIN_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq",
                                                  "merge")}


def _dotted(path: tuple) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (("." if out else "") + str(part))
    return out
