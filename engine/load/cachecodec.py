"""The cache's format: JSON with tagged values — never pickle, so that an entry
can only ever be data: reading one runs no code, and an entry that does not
decode into the expected shapes is refused (and rebuilt by the caller).

Tags: {"~t": [...]} a tuple, {"~s": [...]} a set, {"~d": [[k, v], ...]} a dict
with keys that are not text, {"~dd": "list" | "set", "items": ...} a
defaultdict, {"~c": "arm"} a clingo constant (Const), {"~o": Class, "f": {...}}
one of the knowledge base's dataclasses, {"~m": Model, "v": {...}} one of its
pydantic models.
"""
from __future__ import annotations

import dataclasses
import functools
import json
from collections import defaultdict
from typing import Any

from pydantic import BaseModel


class CacheFormatError(ValueError):
    """An entry that is not what foedus writes."""


def dumps(value: Any) -> str:
    return json.dumps(_encode(value), ensure_ascii=False, separators=(",", ":"))


def loads(text: str) -> Any:
    try:
        # each object is decoded as the parser closes it (its contents already decoded):
        # lists, strings and numbers never pass through Python
        return json.loads(text, object_hook=_decode_object)
    except CacheFormatError:
        raise
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise CacheFormatError(f"{type(exc).__name__}: {exc}") from None


def _encode(value: Any) -> Any:
    from ..world.builtin import Const
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, Const):
        return {"~c": str(value)}
    if isinstance(value, str):
        return value
    if isinstance(value, tuple):
        return {"~t": [_encode(v) for v in value]}
    if isinstance(value, (set, frozenset)):
        return {"~s": sorted((_encode(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))}
    if isinstance(value, defaultdict):
        return {"~dd": value.default_factory.__name__, "items": [[_encode(k), _encode(v)] for k, v in value.items()]}
    if isinstance(value, dict):
        if all(isinstance(k, str) and not k.startswith("~") for k in value):
            return {k: _encode(v) for k, v in value.items()}
        return {"~d": [[_encode(k), _encode(v)] for k, v in value.items()]}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, BaseModel):
        return {"~m": type(value).__name__, "v": value.model_dump(mode="json", by_alias=True)}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {"~o": type(value).__name__,
                "f": {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}}
    raise TypeError(f"the cache does not store {type(value).__name__}")


_REGISTERED: dict[str, type] = {}


def register(cls: type) -> type:
    """Let entries hold this dataclass of an upper layer (the catalogue registers itself):
    the codec imports nothing above the world."""
    _REGISTERED[cls.__name__] = cls
    _classes.cache_clear()
    return cls


@functools.cache
def _classes() -> dict:
    from ..world.builtin import Fact, Source, StateRecord, World
    return {"World": World, "Fact": Fact, "Source": Source, "StateRecord": StateRecord, **_REGISTERED}


@functools.cache
def _models() -> dict:
    from ..world.builtin import InstrumentModel
    return {"InstrumentModel": InstrumentModel}


_FACTORIES = {"list": list, "set": set}


def _decode_object(value: dict) -> Any:
    if "~c" in value:
        return _const()(value["~c"])
    if "~t" in value:
        return tuple(value["~t"])
    if "~s" in value:
        return set(value["~s"])
    if "~dd" in value:
        if value["~dd"] not in _FACTORIES:
            raise CacheFormatError(f"an unknown default factory {value['~dd']!r}")
        out = defaultdict(_FACTORIES[value["~dd"]])
        for k, v in value["items"]:
            out[k] = v
        return out
    if "~d" in value:
        return {k: v for k, v in value["~d"]}
    if "~m" in value:
        models = _models()
        if value["~m"] not in models:
            raise CacheFormatError(f"an unknown model {value['~m']!r}")
        return models[value["~m"]].model_validate(value["v"])
    if "~o" in value:
        classes = _classes()
        if value["~o"] not in classes:
            raise CacheFormatError(f"an unknown class {value['~o']!r}")
        cls = classes[value["~o"]]
        if set(value["f"]) != _field_names(cls):
            raise CacheFormatError(f"{value['~o']} with fields {sorted(value['f'])}")
        return cls(**value["f"])
    return value


@functools.cache
def _const() -> type:
    from ..world.builtin import Const
    return Const


_FIELDS: dict[type, set[str]] = {}


def _field_names(cls: type) -> set[str]:
    if cls not in _FIELDS:
        _FIELDS[cls] = {f.name for f in dataclasses.fields(cls)}
    return _FIELDS[cls]
