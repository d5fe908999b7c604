"""Series: facts keyed by what they count, so that ids can be found by position.

A report prints the same measure for several periods and members: emigrants
in the first half of 2023 and of 2024, emigrants by destination country.
Facts that measure one thing carry the same ``series`` key. Within a series a
fact is placed by its unit, area, period and breakdown, so the engine can
find "the same period last year" of a fact, or "the parts of this total by
sex", without the spec listing their ids.

The rules, which the README states for spec writers:

- The base of ``percent_change: {to: x, base: same_period_last_year}`` (or
  ``previous_period``) is the one fact with x's series, unit, area and
  breakdown whose period is x's period shifted back.
- The members of fact t over dimension d are the facts with t's series,
  unit, area and period whose breakdown is t's breakdown plus a member of d
  (t itself has no member of d). They are taken in file order.

This module holds those rules and the `MemberTable` of an indicator over a
dimension; `_resolution` applies them to a spec at load time.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..exceptions import SpecError
from ..spec import _model as model
from ..spec._area import same_area
from ..spec._period import Period
from ._units import unit_catalogue


__all__ = [
    "MemberTable",
    "describe_place",
    "is_member",
    "member_id",
    "same_place",
    "same_unit",
    "shifted",
]


def member_id(entry_id: str, dimension: str, code: str) -> str:
    """Return the id of one member's result, such as ``x[destination=RU]``."""
    return f"{entry_id}[{dimension}={code}]"


@dataclass(frozen=True, slots=True)
class MemberTable:
    """The facts an indicator over a dimension takes, member by member.

    Attributes:
        dimension: The dimension the indicator is computed over.
        codes: The members, in file order of their first fact.
        inputs: For each input of the indicator (in the order it names
            them), the fact of each member, or ``None`` where the spec has
            no fact for that member.
    """

    dimension: str
    codes: tuple[str, ...]
    inputs: tuple[tuple[str | None, ...], ...]

    def member_ids(self, indicator_id: str) -> tuple[str, ...]:
        """Return the result id of every member, in order."""
        return tuple(member_id(indicator_id, self.dimension, c) for c in self.codes)

    def facts_of(self, index: int) -> tuple[str, ...]:
        """Return the facts one member's result is computed from."""
        found = (column[index] for column in self.inputs)
        return tuple(fact for fact in found if fact is not None)

    def all_facts(self) -> tuple[str, ...]:
        """Return every member fact, input by input, without repeats."""
        found = (fact for column in self.inputs for fact in column if fact)
        return tuple(dict.fromkeys(found))


def shifted(period: Period, base: model.BasePosition) -> Period:
    """Return the period a base by position names, counted back from ``period``."""
    if base is model.BasePosition.PREVIOUS_PERIOD:
        return period.previous()
    return period.same_period_last_year()


def same_span(period: Period, other: Period) -> bool:
    """Tell whether two periods cover the same days, however each is written.

    ``2023-H1`` and ``2023-01/2023-06`` are one span: a base looked up by
    position finds either, and finding both is ambiguous.
    """
    return period.start == other.start and period.end == other.end


def same_place(fact: model.Fact, other: model.Fact) -> bool:
    """Tell whether two facts differ at most by period within one series."""
    return (
        fact.series == other.series
        and same_unit(fact.unit, other.unit)
        and same_area(fact.area, other.area)
        and fact.breakdown == other.breakdown
    )


def same_unit(written: str, other: str) -> bool:
    """Tell whether two units as written name one unit: ``persons`` is ``person``.

    A unit the catalogue cannot read is compared as written; the unit
    check reports it.
    """
    if written == other:
        return True
    catalogue = unit_catalogue()
    try:
        return bool(catalogue.parse(written) == catalogue.parse(other))
    except SpecError:
        return False


def is_member(fact: model.Fact, anchor: model.Fact, dimension: str) -> bool:
    """Tell whether ``fact`` is one of ``anchor``'s members over ``dimension``."""
    if dimension not in fact.breakdown:
        return False
    rest = {key: code for key, code in fact.breakdown.items() if key != dimension}
    return (
        fact.series == anchor.series
        and same_unit(fact.unit, anchor.unit)
        and same_area(fact.area, anchor.area)
        and fact.period == anchor.period
        and rest == anchor.breakdown
    )


def describe_place(fact: model.Fact, period: Period, extra: str | None = None) -> str:
    """Describe the place of ``fact`` in its series, for error messages."""
    breakdown = ", ".join(f"{key}={code}" for key, code in fact.breakdown.items())
    text = (
        f"of series {fact.series!r} in {fact.unit}, area {fact.area}, "
        f"period {period}, breakdown {{{breakdown}}}"
    )
    return f"{text} plus {extra}" if extra else text
