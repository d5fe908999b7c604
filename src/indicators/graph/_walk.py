"""Settling a value for an entry from its inputs' values, without recursion.

Periods, date spans and the like are worked out for an indicator from those
of its inputs, which may be indicators in turn. A spec can chain indicators
thousands deep, past Python's recursion limit, so the walk keeps its own
stack and remembers every value it settles.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar


__all__ = ["settle"]

Settled = TypeVar("Settled")


def settle(
    entry_id: str,
    known: dict[str, Settled],
    inputs_of: Callable[[str], Iterable[str]],
    combine: Callable[[str, Sequence[Settled | None]], Settled],
) -> Settled:
    """Return the value of ``entry_id``, settling each of its inputs first.

    ``combine`` gets an entry and its inputs' values in order; an input on a
    cycle back to an entry still being settled gives ``None``. Each value
    settled is kept in ``known``, so later questions answer at once.
    """
    if entry_id in known:
        return known[entry_id]

    stack = [(entry_id, iter(inputs_of(entry_id)))]
    on_path = {entry_id}
    while stack:
        node, pending = stack[-1]
        deeper = next((i for i in pending if i not in known and i not in on_path), None)
        if deeper is not None:
            stack.append((deeper, iter(inputs_of(deeper))))
            on_path.add(deeper)
            continue

        stack.pop()
        on_path.discard(node)
        known[node] = combine(node, [known.get(i) for i in inputs_of(node)])
    return known[entry_id]
