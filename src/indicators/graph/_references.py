"""References between the entries of a spec, and the errors they reveal.

An id declared twice, a fact citing a source nobody declared, an indicator
naming an input that does not exist: each is found here, with the closest
valid name, before any graph is drawn or number touched.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Set
from dataclasses import dataclass
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
    "Inputs",
    "declared_twice",
    "find_reference_errors",
    "read_inputs",
    "unknown_reference",
]

_COMPUTED = ("indicators", "checks")


def find_reference_errors(
    spec: Spec, unreadable: Set[str] = frozenset()
) -> list[SpecError]:
    """Return an error for each duplicate id and each fact citing no source.

    Ids in ``unreadable`` were declared but could not be read; references to
    them are not errors of their own. Inputs naming nothing are found by
    `read_inputs`, in the pass that reads every entry's inputs.
    """
    errors: list[SpecError] = list(_duplicate_ids(spec))
    errors.extend(_unknown_sources(spec, unreadable))
    return errors


@dataclass(frozen=True, slots=True)
class Inputs:
    """What one pass over the indicators and checks finds about their inputs.

    Attributes:
        of: The ids each indicator and check is computed from.
        in_written_order: Whether every indicator comes after the indicators
            it uses, so that the spec's own order is one to compute in.
        errors: An error for each input that names no fact or indicator.
    """

    of: dict[str, tuple[str, ...]]
    in_written_order: bool
    errors: list[SpecError]


def read_inputs(
    spec: Spec,
    members: Mapping[str, MemberTable],
    unreadable: Set[str] = frozenset(),
) -> Inputs:
    """Read the inputs of every indicator and check once, and what they reveal.

    Kept by id, they spare every later pass a call into the model per
    entry; ``members`` holds the member facts of indicators over a
    dimension. Each input is looked up where it most likely is: among the
    facts, then among the indicators read so far (which also tells whether
    the spec is written in order), and only then anywhere else. A large
    spec's lookups miss the processor's caches, so each one counts.
    """
    facts, indicators = spec.facts, spec.indicators
    inputs: dict[str, tuple[str, ...]] = {}
    in_order = True
    naming_nothing: list[tuple[str, str, Indicator | Check]] = []
    for section in _COMPUTED:
        # An indicator's inputs are read after the indicators before it;
        # a check's, after every indicator.
        earlier = inputs if section == "indicators" else indicators
        for entry_id, entry in getattr(spec, section).items():
            named = entry.inputs()
            unknown = False
            for input_id in named:
                if input_id in facts or input_id in earlier:
                    continue
                if section == "indicators" and input_id in indicators:
                    in_order = False
                elif input_id not in unreadable:
                    unknown = True
            if unknown:
                naming_nothing.append((section, entry_id, entry))
                # Only what exists is an input: a check named as an input
                # would otherwise also show up as a cycle through it.
                named = tuple(i for i in named if i in facts or i in indicators)
            # The facts an indicator over a dimension names stand for their
            # series only; its values come from the member facts, so those
            # are what it rests on.
            table = members.get(entry_id)
            inputs[entry_id] = named if table is None else table.all_facts()

    errors = list(_unknown_inputs(spec, naming_nothing, unreadable))
    return Inputs(inputs, in_order, errors)


def declared_twice(spec: Spec) -> set[str]:
    """Return the ids declared in more than one of the three sections."""
    return {entry_id for entry_id, _first, _later in _across_sections(spec)}


def _across_sections(spec: Spec) -> Iterator[tuple[str, str, str]]:
    """Yield each id declared again in a later section, with both sections.

    The reader refuses a key written twice in one mapping, so an id can
    repeat only across sections. The sections' key views are intersected,
    a loop that runs inside the interpreter's dict code: a large spec's
    look-ups miss the processor's caches, and made one by one from Python
    each costs several times as much. Only ids found twice are then placed.
    """
    sections = ("facts", *_COMPUTED)
    for position, later in enumerate(sections[1:], start=1):
        later_ids = getattr(spec, later).keys()
        earlier = [getattr(spec, first) for first in sections[:position]]
        repeated = set().union(*(later_ids & section.keys() for section in earlier))
        if not repeated:
            continue
        for entry_id in later_ids:
            if entry_id in repeated:
                first = next(
                    name
                    for name, section in zip(sections, earlier, strict=False)
                    if entry_id in section
                )
                yield entry_id, first, later


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


def _unknown_inputs(
    spec: Spec,
    naming_nothing: list[tuple[str, str, Indicator | Check]],
    unreadable: Set[str],
) -> Iterator[SpecError]:
    """Yield an error for each input of these entries that names nothing."""
    if not naming_nothing:
        return
    known = {**spec.facts, **spec.indicators}
    # An id declared but unreadable is still the likely intended one.
    names = CloseNames([*known, *unreadable])
    for section, entry_id, entry in naming_nothing:
        for input_id, key in zip(entry.inputs(), entry.input_keys(), strict=True):
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
