"""Which combinations of readings a verdict is solved under.

A provision's outcome turns only on the readings it uses (reading_used_by in
the rules: catalogue.reading_users). So a verdict needs the answer set in
which every reading has its default, and, for each set of readings some
assessed provision uses together, every combination of those with the others
held at their defaults — not every combination of every reading that can
matter (a 100-event scenario with 8 readings relevant: 256 answer sets, where
its provisions' own combinations number a few dozen). The Explainer reads the
answer sets as before: each combination a provision uses is among them, and
what it does not use is at its default.
"""
from __future__ import annotations

from typing import Callable, Iterable


def reading_groups(default, reading_users: dict[str, set[str]], pinned: Iterable[str]) -> list[tuple[str, ...]]:
    """The sets of readings some assessed provision uses that can matter here and are not pinned."""
    varied = {n for (n,) in default.get("reading_relevant", [])} - set(pinned)
    return sorted({tuple(sorted(reading_users.get(p, set()) & varied)) for p, *_ in default.get("status", [])} - {()})


def explored(default, groups: list[tuple[str, ...]], combinations: Callable[[tuple[str, ...]], list]) -> list:
    """The default answer set and every group's combinations (combinations(group): the answer
    sets with the group's readings free), each combination once, in the order of the readings chosen."""
    answers = {tuple(default.get("selected_reading", [])): default}
    for names in groups:
        for answer in combinations(names):
            answers.setdefault(tuple(answer.get("selected_reading", [])), answer)
    return [answers[chosen] for chosen in sorted(answers)]
