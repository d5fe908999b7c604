"""Settling a value for an entry from its inputs' values, without recursion.

Periods, date spans and the like are worked out for an indicator from those
of its inputs, which may be indicators in turn. A spec can chain indicators
thousands deep, past Python's recursion limit, so the walk keeps its own
stack and remembers every value it settles.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from typing import Final, TypeVar


__all__ = ["FROM_INPUTS", "FromInputs", "settle", "settle_from"]

Settled = TypeVar("Settled")


class FromInputs(enum.Enum):
    """The type of `FROM_INPUTS`, its one member.

    An enum rather than a bare ``object()`` so that an ``own`` function can
    declare that it returns a value or the marker, and a type checker can
    tell the two apart after an ``is`` test.
    """

    FROM_INPUTS = enum.auto()


#: What an ``own`` function returns for an entry whose value comes from its inputs.
FROM_INPUTS: Final = FromInputs.FROM_INPUTS


def settle(
    entry_id: str,
    known: dict[str, Settled],
    own: Callable[[str], Settled | FromInputs],
    inputs_of: Callable[[str], Sequence[str]],
    combine: Callable[[str, Sequence[Settled | None]], Settled],
) -> Settled:
    """Return the value of ``entry_id``, settling each of its inputs first.

    ``own`` gives the value an entry holds of its own (a fact's), or
    `FROM_INPUTS`; such values are read where they are needed rather than
    kept, since a table of every fact would cost a large spec more than
    reading each fact again. ``combine`` gets an entry and its inputs'
    values in order; an input on a cycle back to an entry still being
    settled gives ``None``. Each value settled is kept in ``known``, so
    later questions answer at once.
    """
    found = own(entry_id)
    if found is not FROM_INPUTS:
        return found
    found = known.get(entry_id, FROM_INPUTS)
    if found is not FROM_INPUTS:
        return found
    return settle_from(entry_id, inputs_of(entry_id), known, own, inputs_of, combine)


def settle_from(
    entry_id: str,
    inputs: Sequence[str],
    known: dict[str, Settled],
    own: Callable[[str], Settled | FromInputs],
    inputs_of: Callable[[str], Sequence[str]],
    combine: Callable[[str, Sequence[Settled | None]], Settled],
) -> Settled:
    """Settle ``entry_id``, which has ``inputs`` and no value yet, as `settle` does.

    For a caller that already looked the entry up on its own terms, such as
    to tell an unknown id from an entry without inputs, and need not pay
    for the same look-ups twice.
    """
    stack: list[tuple[str, Sequence[str], list[Settled | None]]] = [
        (entry_id, inputs, [])
    ]
    on_path = {entry_id}
    while stack:
        node, inputs, values = stack[-1]
        deeper = _first_unsettled(inputs, values, known, own, on_path)
        if deeper is not None:
            stack.append((deeper, inputs_of(deeper), []))
            on_path.add(deeper)
            continue

        stack.pop()
        on_path.discard(node)
        known[node] = combine(node, values)
    return known[entry_id]


def _first_unsettled(
    inputs: Sequence[str],
    values: list[Settled | None],
    known: dict[str, Settled],
    own: Callable[[str], Settled | FromInputs],
    on_path: set[str],
) -> str | None:
    """Add the values of ``inputs`` to ``values`` until one is still unsettled.

    ``values`` holds those of the inputs before it, so the walk resumes
    where it stopped once that input is settled.
    """
    for input_id in inputs[len(values) :]:
        value: Settled | FromInputs | None = own(input_id)
        if value is FROM_INPUTS:
            value = known.get(input_id, FROM_INPUTS)
        if value is FROM_INPUTS:
            if input_id not in on_path:
                return input_id
            value = None
        values.append(value)
    return None
