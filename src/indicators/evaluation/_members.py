"""Indicators over a dimension: their input columns and their member ids.

An indicator declared over a dimension computes one result per member. Its
inputs are columns with one value per member, taken from the member facts
the graph stage found; the operation runs once over the whole columns. A
member the spec has no fact for, in one of the inputs, is undetermined with
that reason, and the other members are computed all the same.

Each member's result has its own id, the indicator id with the member in
brackets: ``emigrants_change[destination=RU]``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..graph._series import MemberTable
from ._bounded import BoundsColumn
from ._operations import Column, Undetermined


__all__ = [
    "MemberRef",
    "member_bounds",
    "member_columns",
    "parse_member_id",
    "written_for_member",
]

_MEMBER_ID = re.compile(
    r"^(?P<entry>[^\[\]]+)\[(?P<dimension>[^=\[\]]+)=(?P<code>[^\[\]]+)\]$"
)


@dataclass(frozen=True, slots=True)
class MemberRef:
    """One member's result, named by indicator, dimension and code."""

    entry_id: str
    dimension: str
    code: str


def parse_member_id(text: str) -> MemberRef | None:
    """Read ``x[dimension=code]`` into its parts, or return ``None``."""
    match = _MEMBER_ID.match(text)
    if match is None:
        return None
    return MemberRef(match["entry"], match["dimension"], match["code"])


def member_columns(
    indicator_id: str,
    anchors: Sequence[str],
    table: MemberTable,
    values: Mapping[str, Column],
) -> list[Column]:
    """Return one column per input: the member facts' values, in member order."""
    return [
        tuple(
            values[fact_id][0]
            if fact_id is not None
            else _missing(indicator_id, anchor, table.dimension, code)
            for fact_id, code in zip(facts, table.codes, strict=True)
        )
        for anchor, facts in zip(anchors, table.inputs, strict=True)
    ]


def member_bounds(
    table: MemberTable, bounds: Mapping[str, BoundsColumn]
) -> list[BoundsColumn | None]:
    """Return one bounds column per input, or ``None`` for an input with none.

    A member fact without bounds (an exact figure) has ``None`` in its place.
    """
    columns: list[BoundsColumn | None] = []
    for facts in table.inputs:
        found = tuple(
            bounds[fact_id][0] if fact_id is not None and fact_id in bounds else None
            for fact_id in facts
        )
        columns.append(None if all(b is None for b in found) else found)
    return columns


def _missing(indicator_id: str, anchor: str, dimension: str, code: str) -> Undetermined:
    reason = f"the series of {anchor!r} has no fact for {dimension}={code}"
    return Undetermined(reason, indicator_id)


def written_for_member(
    written: str, anchors: Sequence[str], table: MemberTable, index: int
) -> str:
    """Return an operation's text with each input id replaced by the member's fact."""
    names = {
        anchor: facts[index] or f"{anchor}[{table.dimension}={table.codes[index]}]"
        for anchor, facts in zip(anchors, table.inputs, strict=True)
    }
    pattern = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    return re.sub(rf"\b(?:{pattern})\b", lambda found: names[found[0]], written)
