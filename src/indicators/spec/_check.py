"""Checks: the breakdowns a careful reader tests against their totals."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Annotated, ClassVar, TypeAlias

from pydantic import (
    Field,
    StrictStr,
    model_validator,
)

from ._entry import Entry, Id, WrittenNumber


class Severity(StrEnum):
    """Whether a failed check makes the whole spec fail (`ERROR`) or not."""

    ERROR = "error"
    WARNING = "warning"


class _Parts(Entry):
    """A total and its parts, listed by id or found over a dimension.

    The parts are listed by id (``parts``) or found by dimension (``over``):
    the facts of the total's series that differ from it by a member of that
    dimension. The graph stage fills ``parts`` in for the second form.
    """

    total: Id
    parts: tuple[Id, ...] = ()
    over: Id | None = None

    filled_from: ClassVar[dict[str, str]] = {"parts": "over"}

    @model_validator(mode="after")
    def _parts_or_dimension(self) -> _Parts:
        if self.over is None and not self.parts:
            msg = "a breakdown needs its parts: list them (`parts: [a, b]`) or name a dimension (`over: sex`)"
            raise ValueError(msg)
        if self.over is not None and self.parts:
            msg = "a breakdown lists its parts (`parts`) or finds them by dimension (`over`), not both"
            raise ValueError(msg)
        return self


class ListedParts(_Parts):
    """A total and some of the parts it is broken down into."""

    @property
    def tolerance(self) -> Decimal:
        """No gap is tolerated: a partial list must simply stay within its total."""
        return Decimal(0)


class BreakdownInputs(_Parts):
    """A total, all the parts it is broken down into, and the gap tolerated."""

    tolerance: Annotated[WrittenNumber, Field(ge=0)] = Decimal(0)


class _CheckBase(Entry):
    kind: ClassVar[str]

    label: StrictStr | None = None
    severity: Severity = Severity.ERROR

    def breakdown(self) -> BreakdownInputs | ListedParts:
        """Return the total and parts this check compares."""
        raise NotImplementedError

    def inputs(self) -> tuple[str, ...]:
        """Return the total followed by the parts."""
        breakdown = self.breakdown()
        return (breakdown.total, *breakdown.parts)

    def input_keys(self) -> tuple[tuple[str | int, ...], ...]:
        """Return the key paths of the total and of each part."""
        parts = range(len(self.breakdown().parts))
        total = ((self.kind, "total"),)
        return total + tuple((self.kind, "parts", index) for index in parts)


class PartsSumTo(_CheckBase):
    """An exhaustive breakdown: the parts must add up to the total."""

    kind: ClassVar[str] = "parts_sum_to"
    parts_sum_to: BreakdownInputs

    def breakdown(self) -> BreakdownInputs:
        """Return the total and its parts."""
        return self.parts_sum_to


class PartsWithin(_CheckBase):
    """A partial breakdown, such as a top five: the parts must not exceed the total."""

    kind: ClassVar[str] = "parts_within"
    parts_within: ListedParts

    def breakdown(self) -> ListedParts:
        """Return the total and its listed parts."""
        return self.parts_within


Check: TypeAlias = PartsSumTo | PartsWithin


#: Each check kind by the key that declares it.
CHECK_KINDS: dict[str, type[_CheckBase]] = {
    kind.kind: kind for kind in (PartsSumTo, PartsWithin)
}
