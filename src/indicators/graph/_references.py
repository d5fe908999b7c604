"""References between the entries of a spec, and the errors they reveal.

An id declared twice, a fact citing a source nobody declared, an indicator
naming an input that does not exist: each is found here, with the closest
valid name, before any graph is drawn or number touched.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Set
from typing import TYPE_CHECKING

from .._suggest import CloseNames
from ..exceptions import (
    DuplicateIdError,
    Location,
    SpecError,
    UnknownReferenceError,
)


if TYPE_CHECKING:
    from ..spec._model import Check, Indicator, Spec
    from ._series import MemberTable


__all__ = [
    "declared_twice",
    "direct_inputs",
    "entry_inputs",
    "find_reference_errors",
    "unknown_reference",
]

_COMPUTED = ("indicators", "checks")


def find_reference_errors(
    spec: Spec, unreadable: Set[str] = frozenset()
) -> list[SpecError]:
    """Return an error for each duplicate id and each reference to nothing.

    Ids in ``unreadable`` were declared but could not be read; references to
    them are not errors of their own.
    """
    errors: list[SpecError] = list(_duplicate_ids(spec))
    errors.extend(_unknown_sources(spec, unreadable))
    errors.extend(_unknown_inputs(spec, unreadable))
    return errors


def direct_inputs(
    spec: Spec, members: Mapping[str, MemberTable]
) -> tuple[dict[str, tuple[str, ...]], bool]:
    """Return the inputs of every indicator and check, by id, and their order.

    Read once here, they spare every later pass a call into the model per
    entry; ``members`` holds the member facts of indicators over a dimension.
    The flag tells whether every indicator comes after the indicators it
    uses, so that the spec's own order is one to compute in: the inputs
    read so far are exactly the indicators placed so far.
    """
    indicators = spec.indicators
    inputs: dict[str, tuple[str, ...]] = {}
    in_order = True
    for indicator_id, indicator in indicators.items():
        found = entry_inputs(indicator_id, indicator, members)
        if in_order:
            in_order = all(i in inputs for i in found if i in indicators)
        inputs[indicator_id] = found

    for check_id, check in spec.checks.items():
        inputs[check_id] = entry_inputs(check_id, check, members)
    return inputs, in_order


def entry_inputs(
    entry_id: str, entry: Indicator | Check, members: Mapping[str, MemberTable]
) -> tuple[str, ...]:
    """Return the ids indicator or check ``entry`` is computed from.

    The facts an indicator over a dimension names stand for their series
    only; its values come from the member facts, so those are what it rests
    on. A conversion rests on its amount and the rates picked for it.
    """
    table = members.get(entry_id)
    if table is not None:
        return table.all_facts()
    return entry.inputs()


def declared_twice(spec: Spec) -> set[str]:
    """Return the ids declared in more than one of the three sections."""
    return {entry_id for entry_id, _first, _later in _across_sections(spec)}


def _across_sections(spec: Spec) -> Iterator[tuple[str, str, str]]:
    """Yield each id declared again in a later section, with both sections.

    The reader refuses a key written twice in one mapping, so an id can
    repeat only across sections. Looking each later id up in the sections
    before it needs no index of every id, which a large spec would pay for.
    """
    sections = ("facts", *_COMPUTED)
    for position, later in enumerate(sections[1:], start=1):
        for entry_id in getattr(spec, later):
            for first in sections[:position]:
                if entry_id in getattr(spec, first):
                    yield entry_id, first, later
                    break


def _duplicate_ids(spec: Spec) -> Iterator[SpecError]:
    for entry_id, first, later in _across_sections(spec):
        earlier = spec.locate((first, entry_id))
        problem = (
            f"the id {entry_id!r} is declared in both `{first}` "
            f"(line {earlier.line}) and `{later}`"
        )
        hint = "ids are shared by facts, indicators and checks; rename one"
        location = spec.locate((later, entry_id))
        yield DuplicateIdError(problem, location, hint=hint)


def _unknown_sources(spec: Spec, unreadable: Set[str]) -> Iterator[SpecError]:
    sources = CloseNames(spec.sources)
    for fact_id, fact in spec.facts.items():
        if fact.source in spec.sources or fact.source in unreadable:
            continue
        location = spec.locate(("facts", fact_id, "source"))
        yield unknown_reference(
            fact.source, "source", sources, location, f"fact {fact_id!r}"
        )


def _unknown_inputs(spec: Spec, unreadable: Set[str]) -> Iterator[SpecError]:
    facts, indicators = spec.facts, spec.indicators
    known: dict[str, object] = {}
    names: CloseNames | None = None
    for section in _COMPUTED:
        for entry_id, entry in getattr(spec, section).items():
            inputs = entry.inputs()
            # The common case, every input declared, builds nothing.
            if all(i in facts or i in indicators or i in unreadable for i in inputs):
                continue
            if names is None:
                known = {**facts, **indicators}
                # An id declared but unreadable is still the likely intended one.
                names = CloseNames([*known, *unreadable])
            for input_id, key in zip(inputs, entry.input_keys(), strict=True):
                if input_id in known or input_id in unreadable:
                    continue
                location = spec.locate((section, entry_id, *key))
                user = f"{section[:-1]} {entry_id!r}"
                if input_id in spec.checks:
                    yield _check_as_input(input_id, location, user)
                    continue
                yield unknown_reference(
                    input_id, "fact or indicator", names, location, user
                )


def _check_as_input(check_id: str, location: Location, user: str) -> SpecError:
    problem = f"{user} uses {check_id!r}, which is a check, not a figure"
    hint = "use the check's total or parts instead; a check has an outcome, not a value"
    return UnknownReferenceError(problem, location, hint=hint)


def unknown_reference(
    name: str,
    noun: str,
    known: CloseNames,
    location: Location,
    user: str,
) -> UnknownReferenceError:
    """Return the error for ``user`` naming ``name``, which no ``noun`` has."""
    guess = known.closest(name)
    hint = f"did you mean {guess!r}?" if guess else f"declare a {noun} {name!r}"
    problem = f"{user} uses {name!r}, but no {noun} has that id"
    return UnknownReferenceError(problem, location, hint=hint)
