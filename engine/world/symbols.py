"""Python values -> clingo symbols, through the clingo API only.

Scenario text never becomes program text: a name such as 'x). #show.' reaches
the solver as a string symbol and means nothing but itself.
"""
from __future__ import annotations

import re

import clingo

from .builtin import Const


def to_symbol(atom: tuple) -> clingo.Symbol:
    predicate, *args = atom
    return clingo.Function(predicate, [term(a) for a in args])


def term(value) -> clingo.Symbol:
    if isinstance(value, Const):
        return clingo.Function(value.lower())
    if isinstance(value, bool):
        raise TypeError("booleans have no symbol; use a constant")
    if isinstance(value, int):
        return clingo.Number(value)
    if isinstance(value, str):
        return clingo.String(value)
    raise TypeError(f"no symbol for {value!r}")


_NUMBER, _STRING = clingo.SymbolType.Number, clingo.SymbolType.String


def from_symbol(sym: clingo.Symbol):
    """A symbol back as a Python value: constants and strings as str, numbers as int.

    Read through the symbol's text, which is one call into clingo instead of
    several (this runs for every atom the engine reads)."""
    text = str(sym)
    head = text[0]
    if head == '"':
        return sym.string
    if head.isdigit() or head == "-":
        return int(text)
    return text   # a constant (or, never in the outputs read, a compound term)


_TERM = re.compile(r'("(?:[^"\\]|\\.)*")|(-?\d+)|([^,()"]+)')
_UNESCAPE = {"\\\\": "\\", '\\"': '"', "\\n": "\n"}


def parse_atom(text: str) -> tuple[str, tuple]:
    """An atom's text (str(symbol): one call into clingo) as (name, values):
    the fast way to read many atoms whose arguments are constants, numbers and
    strings. Strings are unescaped as clingo escapes them."""
    name, _, rest = text.partition("(")
    values = []
    for string, number, const in _TERM.findall(rest[:-1]):
        if number:
            values.append(int(number))
        elif const:
            values.append(const)
        else:
            body = string[1:-1]
            values.append(re.sub(r'\\[\\"n]', lambda m: _UNESCAPE[m.group()], body) if "\\" in body else body)
    return name, tuple(values)
