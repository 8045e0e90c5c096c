"""The world's intervals (memberships, titles, control, claims, bases): each
begins before it ends, and two records with the same key never overlap — one
status per State and treaty, one holder of de jure title at a time. Claims and
control may overlap (rival claims, shared or contested control); a
condominium would be a title with two holders, and none is encoded. Both the
loader (which refuses) and `foedus lint` (which reports) ask this module."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Hashable, Iterable, Optional

Span = tuple[int, Optional[dt.date], Optional[dt.date], Optional[Hashable]]   # index, from, until, key (None: may overlap)


def faults(spans: Iterable[Span]) -> list[tuple[str, int, str]]:
    """(kind, index, message) for every inverted interval and every overlap."""
    out, by_key = [], defaultdict(list)
    for i, start, until, key in spans:
        if start is not None and until is not None and until < start:
            out.append(("inverted_interval", i, f"ends {until} before it begins {start}"))
        by_key[key].append((start or dt.date.min, until or dt.date.max, i))
    for key, items in by_key.items():
        if key is None:
            continue
        items.sort()
        for (_, e1, i1), (s2, _, i2) in zip(items, items[1:]):
            if s2 <= e1:
                label = "/".join(map(str, key)) if isinstance(key, tuple) else str(key)
                out.append(("overlapping_interval", i2, f"{label} overlaps [{i1}]"))
    return out
