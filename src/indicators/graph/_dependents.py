"""What rests on an entry, walked down from the inputs without a graph library.

Updates, downward lineage and the entries resting on a source document all
walk down from a few entries. A map from each entry to the entries computed
from it, made in one pass over the inputs, is all such a walk needs; the
networkx graph of a spec of a million entries takes about ten times as long
to draw (17 s here), and only questions about a whole graph's shape (cycles,
paths, drawings) need it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence


__all__ = ["Dependents", "below", "dependents_of", "in_computing_order"]

#: For each entry, the entries that rest on it directly.
Dependents = Mapping[str, Sequence[str]]


def dependents_of(inputs: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    """Return, for each entry that is an input, the entries using it, in spec order.

    An entry naming one input twice (``a * a``) is listed under it once.
    """
    dependents: dict[str, list[str]] = {}
    for entry_id, entry_inputs in inputs.items():
        for input_id in dict.fromkeys(entry_inputs):
            dependents.setdefault(input_id, []).append(entry_id)
    return dependents


def below(start_ids: Iterable[str], *maps: Dependents) -> set[str]:
    """Return every entry resting on ``start_ids`` by the edges of ``maps``.

    The start entries are left out unless one rests on another. The walk
    visits only what lies below them.
    """
    reached: set[str] = set()
    pending = list(start_ids)
    while pending:
        entry_id = pending.pop()
        for dependents in maps:
            for dependent in dependents.get(entry_id, ()):
                if dependent not in reached:
                    reached.add(dependent)
                    pending.append(dependent)
    return reached


def in_computing_order(
    reached: set[str],
    inputs_of: Callable[[str], Sequence[str]],
    dependents: Dependents,
) -> list[str]:
    """Return ``reached`` ordered so that each entry follows its inputs among them.

    Each entry waits for its inputs that are in ``reached``; the others,
    above the walk or beside it, are already computed.
    """
    waiting = {
        entry_id: sum(1 for i in dict.fromkeys(inputs_of(entry_id)) if i in reached)
        for entry_id in reached
    }
    ready = [entry_id for entry_id, count in waiting.items() if count == 0]
    ordered = []
    while ready:
        entry_id = ready.pop()
        ordered.append(entry_id)
        for dependent in dependents.get(entry_id, ()):
            if dependent in waiting:
                waiting[dependent] -= 1
                if waiting[dependent] == 0:
                    ready.append(dependent)
    return ordered
