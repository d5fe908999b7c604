"""The overlap finding: a breakdown that lists a group beside one of its members.

A top-five list that names "Europe" and "Germany" may count people who went
to Germany twice, once under each. The check on that list is still tested
as written; next to its finding stands an overlap finding, of warning
severity, that names the group, the member and how much the member's part
may be counted twice. It fails (the parts are not disjoint) but, being a
warning, does not make ``indicators check`` exit with an error.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .._numbers import Number, format_number
from ..graph._breakdowns import Overlap
from ..graph._units import unit_words
from ..spec import _model as model
from ._findings import Finding, Status
from ._operations import Column, Undetermined


__all__ = ["overlap_finding", "overlap_id"]


def overlap_id(check_id: str) -> str:
    """Return the id of a check's overlap finding, ``<check>.overlap``."""
    return f"{check_id}.overlap"


def overlap_finding(
    check_id: str,
    check: model.Check,
    overlaps: Sequence[Overlap],
    values: Mapping[str, Column],
    unit: str,
) -> Finding:
    """Report the parts of ``check`` that are a group and one of its members.

    ``computed`` is the total of the member parts that the group may hold
    again, or ``None`` when one of them is undetermined.
    """
    twice = _counted_twice(overlaps, values)
    pairs = "; ".join(_pair(overlap) for overlap in overlaps)
    message = f"the parts overlap: {pairs}, so the listed parts may count the same units twice"
    if twice is not None:
        number = format_number(twice)
        message += f" (up to {number} {unit_words(unit, number)})"
    return Finding(
        id=overlap_id(check_id),
        subject=check.breakdown().total,
        kind="overlap",
        status=Status.FAIL,
        severity=model.Severity.WARNING,
        computed=twice,
        stated=None,
        difference=None,
        unit=unit,
        message=message,
    )


def _pair(overlap: Overlap) -> str:
    member = overlap.member
    if overlap.member_name != member:
        member += f" ({overlap.member_name})"
    return (
        f"{overlap.group_part!r} is the group {overlap.dimension}={overlap.group}, "
        f"which holds {overlap.dimension}={member} of {overlap.member_part!r}"
    )


def _counted_twice(
    overlaps: Sequence[Overlap], values: Mapping[str, Column]
) -> Number | None:
    parts = dict.fromkeys(overlap.member_part for overlap in overlaps)
    found = [values[part][0] for part in parts]
    if any(isinstance(value, Undetermined) for value in found):
        return None
    numbers = [value for value in found if not isinstance(value, Undetermined)]
    return sum(numbers[1:], numbers[0])
