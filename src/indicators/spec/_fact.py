"""Facts and their sources: the figures a report prints, as it prints them."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    BeforeValidator,
    Field,
    PlainSerializer,
    PlainValidator,
    StrictStr,
    model_validator,
)

from ._area import Area
from ._entry import Entry, Id, WrittenNumber, refuse_non_number, require_printable
from ._period import Period
from ._printed import ObservationStatus, Scale, read_status


class Source(Entry):
    """A document that figures are taken from.

    ``published`` is the period of publication (a year, a month or a day).
    """

    title: StrictStr
    publisher: StrictStr
    published: Period
    url: StrictStr | None = None
    note: StrictStr | None = None


class Qualifier(StrEnum):
    """How exactly a report states a figure ("over 22 thousand" is `MORE_THAN`)."""

    EXACT = "exact"
    APPROXIMATE = "approximate"
    MORE_THAN = "more_than"
    AT_LEAST = "at_least"
    LESS_THAN = "less_than"
    AT_MOST = "at_most"
    ROUNDED = "rounded"
    RANGE = "range"


class ValueRange(Entry):
    """A figure printed as a range, "2 to 4 million": both ends are possible."""

    low: WrittenNumber
    high: WrittenNumber

    def ends(self) -> tuple[Decimal, Decimal]:
        """Return the two ends as written, lower first."""
        return self.low, self.high

    @model_validator(mode="after")
    def _ordered(self) -> ValueRange:
        if self.low > self.high:
            msg = (
                f"a range runs from its lower to its higher end, got low {self.low} "
                f"above high {self.high}; swap them"
            )
            raise ValueError(msg)
        return self


def _value_as_written(value: ValueRange | Decimal) -> dict[str, Decimal] | Decimal:
    if isinstance(value, ValueRange):
        return {"low": value.low, "high": value.high}
    return value


def _written_value(written: Any) -> ValueRange | Decimal:
    """Read a fact's value: a number as printed, or a printed range.

    One validator decides between the two forms, so that a bad number gets
    one message about numbers rather than one per form it failed.
    """
    if isinstance(written, ValueRange):
        return written
    if isinstance(written, Mapping):
        return ValueRange.model_validate(written)
    return require_printable(refuse_non_number(written))


class Fact(Entry):
    """A figure as a report prints it, with where it came from.

    ``value`` is written as printed: "18 million" is ``value: 18`` with
    ``scale: million``, and "2 to 4 million" is ``value: {low: 2, high: 4}``
    with the same scale. ``margin`` widens an approximate figure by a stated
    amount (in the printed scale) instead of its rounding precision.
    """

    value: Annotated[
        ValueRange | Decimal,
        PlainValidator(_written_value),
        PlainSerializer(_value_as_written),
    ]
    unit: StrictStr
    period: Period
    area: Area
    breakdown: dict[StrictStr, StrictStr] = Field(default_factory=dict)
    series: Id | None = None
    qualifier: Qualifier = Qualifier.EXACT
    scale: Scale | None = None
    margin: WrittenNumber | None = Field(default=None, ge=0)
    status: Annotated[ObservationStatus | None, BeforeValidator(read_status)] = None
    source: Id
    locator: StrictStr
    quote: StrictStr | None = None

    @model_validator(mode="before")
    @classmethod
    def _range_qualifier(cls, written: Any) -> Any:
        if not isinstance(written, Mapping) or not isinstance(
            written.get("value"), Mapping | ValueRange
        ):
            return written
        if written.get("qualifier", "range") not in ("range", "exact"):
            msg = (
                f"a value written as a range is its own qualifier, got "
                f"`qualifier: {written['qualifier']}`; drop the qualifier"
            )
            raise ValueError(msg)
        return {**written, "qualifier": "range"}

    @model_validator(mode="after")
    def _qualifier_fits(self) -> Fact:
        if self.qualifier is Qualifier.RANGE and not isinstance(self.value, ValueRange):
            msg = "`qualifier: range` needs a value written as {low: ..., high: ...}"
            raise ValueError(msg)
        if self.margin is not None and self.qualifier is not Qualifier.APPROXIMATE:
            msg = "`margin` is only for a fact with `qualifier: approximate`"
            raise ValueError(msg)
        return self

    @property
    def printed(self) -> str:
        """The value as the report prints it: ``8,827,250.00``, ``18 million``,
        ``2 to 4 million``; trailing zeros and the scale word are kept."""
        scale = "" if self.scale is None else f" {self.scale.value}"
        if isinstance(self.value, ValueRange):
            return f"{self.value.low:,} to {self.value.high:,}{scale}"
        return f"{self.value:,}{scale}"

    @property
    def multiplier(self) -> int:
        """The factor from the printed number to the value: 1 without a scale."""
        return 1 if self.scale is None else self.scale.multiplier

    def inputs(self) -> tuple[str, ...]:
        """Return the ids this entry rests on: a fact rests on none."""
        return ()
