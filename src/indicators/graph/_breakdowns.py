"""Breakdown members checked against the declared dimensions, and overlaps.

Once a spec declares its dimensions, a fact's breakdown can only use them:
a key that names no dimension, or a member that is not one of its codes or
groups, is refused with the closest valid name. A check whose parts list a
group and one of its members (Europe and Germany in one top five) counts the
member twice; that is not a reason to refuse the spec, since reports do it,
but it is reported as an overlap finding.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Set
from dataclasses import dataclass

from ..exceptions import Location, SpecError, UnknownReferenceError
from ..spec import _model as model
from ..spec._area import same_area


__all__ = [
    "Overlap",
    "closest_dimension",
    "find_breakdown_errors",
    "find_overlaps",
]


@dataclass(frozen=True, slots=True)
class Overlap:
    """A part that is a group and another part that is one of its members.

    Attributes:
        dimension: The dimension both parts are members of.
        group: The group code, such as ``Europe``.
        group_part: The id of the part for the group.
        member: The member code, such as ``DE``.
        member_part: The id of the part for the member.
        member_name: The member's name, such as ``Germany``.
    """

    dimension: str
    group: str
    group_part: str
    member: str
    member_part: str
    member_name: str


def closest_dimension(spec: model.Spec, name: str) -> str | None:
    """Return the declared dimension most like ``name``, if one is close."""
    found = difflib.get_close_matches(name, list(spec.dimensions), n=1, cutoff=0.6)
    return found[0] if found else None


def find_breakdown_errors(spec: model.Spec, unreadable: Set[str]) -> list[SpecError]:
    """Return an error for each breakdown key or member the dimensions refuse.

    A spec without a readable ``dimensions`` section keeps breakdowns as free
    labels. Dimensions in ``unreadable`` were declared but could not be read;
    their members are not checked again.
    """
    if not spec.dimensions:
        return []
    errors: list[SpecError] = []
    for fact_id, fact in spec.facts.items():
        errors.extend(_fact_errors(spec, fact_id, fact, unreadable))
    return errors


def _fact_errors(
    spec: model.Spec, fact_id: str, fact: model.Fact, unreadable: Set[str]
) -> Iterator[SpecError]:
    for key, member in fact.breakdown.items():
        if key in unreadable:
            continue
        dimension = spec.dimensions.get(key)
        if (
            dimension is None
            or not dimension.knows(member)
            or (dimension.area is not None and not same_area(fact.area, dimension.area))
        ):
            # Locating a key reads the file again, so only a problem does it.
            location = spec.locate(("facts", fact_id, "breakdown", key))
        if dimension is None:
            guess = closest_dimension(spec, key)
            hint = (
                f"did you mean {guess!r}?"
                if guess
                else "declare it under `dimensions:`"
            )
            problem = f"fact {fact_id!r} is broken down by {key!r}, which is not a declared dimension"
            yield UnknownReferenceError(problem, location, hint=hint)
        elif not dimension.knows(member):
            yield _unknown_member(
                fact_id, key, member, dimension.closest(member), location
            )
        elif dimension.area is not None and not same_area(fact.area, dimension.area):
            problem = (
                f"fact {fact_id!r} is of area {fact.area!r}, but the dimension "
                f"{key!r} holds the parts of area {dimension.area!r}"
            )
            hint = "use a dimension declared for that area"
            yield SpecError(problem, location, hint=hint)


def _unknown_member(
    fact_id: str, key: str, member: str, guess: str | None, location: Location
) -> SpecError:
    problem = f"fact {fact_id!r} has {key}={member!r}, which is not a code or group of {key!r}"
    hint = (
        f"did you mean {guess!r}?"
        if guess
        else f"add {member!r} to the codes of {key!r}"
    )
    return UnknownReferenceError(problem, location, hint=hint)


def find_overlaps(spec: model.Spec) -> dict[str, tuple[Overlap, ...]]:
    """Return, for each check whose parts overlap, the overlapping pairs."""
    overlaps: dict[str, tuple[Overlap, ...]] = {}
    if not spec.dimensions:
        return overlaps

    for check_id, check in spec.checks.items():
        found = tuple(_overlaps_in(spec, check.breakdown().parts))
        if found:
            overlaps[check_id] = found
    return overlaps


def _overlaps_in(spec: model.Spec, parts: tuple[str, ...]) -> Iterator[Overlap]:
    members = [
        (part, key, code)
        for part in parts
        if part in spec.facts
        for key, code in spec.facts[part].breakdown.items()
        if key in spec.dimensions
    ]
    for group_part, key, group in members:
        dimension = spec.dimensions[key]
        held = dimension.members_of(group)
        for member_part, other_key, code in members:
            if other_key == key and code in held:
                name = dimension.name_of(code)
                yield Overlap(key, group, group_part, code, member_part, name)
