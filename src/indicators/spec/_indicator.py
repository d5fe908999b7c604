"""Indicators: the figures derived from facts, one class per kind.

Each kind names its inputs under its own key (`sum: [a, b]`, `ratio:
{numerator, denominator}`, ...) and says which ids it rests on; the graph
and evaluation read only that.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Annotated, Any, ClassVar, TypeAlias

from pydantic import (
    BeforeValidator,
    Field,
    StrictInt,
    StrictStr,
    model_validator,
)

from .._numbers import decimals_written
from ..graph._formula import Formula, parse_formula
from ._entry import Entry, Id, WrittenNumber, refuse_non_number


class BasePosition(StrEnum):
    """Where a percent change finds its base when it names none by id."""

    PREVIOUS_PERIOD = "previous_period"
    SAME_PERIOD_LAST_YEAR = "same_period_last_year"


class PeriodRule(StrEnum):
    """Whether a comparison may set periods of different lengths side by side."""

    SAME_LENGTH = "same_length"
    MIXED = "mixed"


class Reported(Entry):
    """The value a document prints for an indicator, and at what precision."""

    value: WrittenNumber
    decimals: StrictInt = Field(ge=-12, le=12)

    @property
    def places(self) -> int:
        """The places to show the printed figure at: its decimals, or as written.

        ``{value: 57.35, decimals: 1}`` is shown as 57.35, as the spec says it
        was printed, though it is compared at one place.
        """
        return max(self.decimals, decimals_written(self.value))

    @model_validator(mode="before")
    @classmethod
    def _from_number(cls, written: Any) -> Any:
        if isinstance(written, Mapping):
            if "decimals" in written or "value" not in written:
                return written
            return {**written, "decimals": _precision_of(written["value"])}
        value = refuse_non_number(written)
        return {"value": value, "decimals": _precision_of(value)}


def _precision_of(written: Any) -> Any:
    """Return the decimals a printed figure was written with, if it is a number."""
    value = refuse_non_number(written)
    decimals = decimals_written(value)
    if decimals > 12:
        msg = (
            f"the printed value {value} has {decimals} decimal places; a reported "
            "figure is compared at the precision it is printed with, at most 12"
        )
        raise ValueError(msg)
    return decimals


class _IndicatorBase(Entry):
    kind: ClassVar[str]

    label: StrictStr | None = None
    unit: StrictStr | None = None
    decimals: StrictInt | None = Field(default=None, ge=-12, le=12)
    reported: Reported | None = None

    def inputs(self) -> tuple[str, ...]:
        """Return the ids this indicator is computed from, in order."""
        raise NotImplementedError

    def input_keys(self) -> tuple[tuple[str | int, ...], ...]:
        """Return, for each input, its key path inside this entry."""
        raise NotImplementedError


class SumIndicator(_IndicatorBase):
    """The sum of two or more facts or indicators in one unit."""

    kind: ClassVar[str] = "sum"
    sum: tuple[Id, ...] = Field(min_length=2)

    def inputs(self) -> tuple[str, ...]:
        """Return the summands."""
        return self.sum

    def input_keys(self) -> tuple[tuple[str | int, ...], ...]:
        """Return ``("sum", i)`` for each summand."""
        return tuple(("sum", index) for index in range(len(self.sum)))


class DifferenceIndicator(_IndicatorBase):
    """The first input minus the second."""

    kind: ClassVar[str] = "difference"
    difference: tuple[Id, Id]
    periods: PeriodRule = PeriodRule.SAME_LENGTH

    def inputs(self) -> tuple[str, ...]:
        """Return the minuend and the subtrahend."""
        return self.difference

    def input_keys(self) -> tuple[tuple[str | int, ...], ...]:
        """Return ``("difference", 0)`` and ``("difference", 1)``."""
        return (("difference", 0), ("difference", 1))


class _Pair(Entry):
    pass


class _OverDimension(_Pair):
    #: The dimension to compute the indicator over, one result per member.
    over: Id | None = None


class RatioInputs(_OverDimension):
    """The two sides of a ratio."""

    numerator: Id
    denominator: Id


class ShareInputs(_OverDimension):
    """A part and the whole it belongs to."""

    part: Id
    whole: Id


class ChangeInputs(_OverDimension):
    """The earlier and the later value of a change.

    The earlier value is named by id (``from``) or by position (``base``):
    the fact of the same series one period, or one year, before ``to``.
    """

    from_: Id | None = Field(default=None, alias="from")
    to: Id
    base: BasePosition | None = None

    filled_from: ClassVar[dict[str, str]] = {"from_": "base"}

    @model_validator(mode="after")
    def _one_base(self) -> ChangeInputs:
        if (self.from_ is None) == (self.base is None):
            msg = (
                "a percent change names its base either by id (`from: an_id`) or by "
                "position (`base: same_period_last_year` or `base: previous_period`), "
                "exactly one of them"
            )
            raise ValueError(msg)
        return self


class MigrationInputs(_OverDimension):
    """Arrivals and departures of one population."""

    arrivals: Id
    departures: Id


class RatePolicy(StrEnum):
    """Which rate facts a conversion takes for its amount's period."""

    EXACT_PERIOD = "exact_period"
    AVERAGE_OF_MONTHS = "average_of_months"
    END_OF_PERIOD = "end_of_period"


class ConversionInputs(_Pair):
    """An amount, the target currency, and the rate or the rule that picks it.

    Without ``rate`` the engine picks the rate facts by ``rate_policy``,
    through a third currency when no rate connects the two directly.
    """

    amount: Id
    rate: Id | None = None
    to: StrictStr
    rate_policy: RatePolicy = RatePolicy.EXACT_PERIOD

    @model_validator(mode="after")
    def _one_way_to_the_rate(self) -> ConversionInputs:
        if self.rate is not None and self.rate_policy is not RatePolicy.EXACT_PERIOD:
            msg = "name a `rate` or a `rate_policy`, not both"
            raise ValueError(msg)
        return self


class RatioIndicator(_IndicatorBase):
    """The numerator divided by the denominator, in their units' quotient."""

    kind: ClassVar[str] = "ratio"
    ratio: RatioInputs

    def inputs(self) -> tuple[str, ...]:
        """Return the numerator and the denominator."""
        return (self.ratio.numerator, self.ratio.denominator)

    def input_keys(self) -> tuple[tuple[str | int, ...], ...]:
        """Return the key paths of the numerator and the denominator."""
        return (("ratio", "numerator"), ("ratio", "denominator"))


class ShareIndicator(_IndicatorBase):
    """The part as a percentage of the whole."""

    kind: ClassVar[str] = "share"
    share: ShareInputs

    def inputs(self) -> tuple[str, ...]:
        """Return the part and the whole."""
        return (self.share.part, self.share.whole)

    def input_keys(self) -> tuple[tuple[str | int, ...], ...]:
        """Return the key paths of the part and the whole."""
        return (("share", "part"), ("share", "whole"))


class PercentChangeIndicator(_IndicatorBase):
    """The change from one value to another, in percent of the first."""

    kind: ClassVar[str] = "percent_change"
    percent_change: ChangeInputs
    periods: PeriodRule = PeriodRule.SAME_LENGTH

    def inputs(self) -> tuple[str, ...]:
        """Return the base value and the new value.

        A base named by position is left out until the graph stage has
        resolved it to a fact id.
        """
        change = self.percent_change
        if change.from_ is None:
            return (change.to,)
        return (change.from_, change.to)

    def input_keys(self) -> tuple[tuple[str | int, ...], ...]:
        """Return the key paths of ``from`` (or ``base``) and ``to``."""
        base = "from" if self.percent_change.base is None else "base"
        keys = (("percent_change", base), ("percent_change", "to"))
        return keys[-len(self.inputs()) :]


class NetMigrationIndicator(_IndicatorBase):
    """Arrivals minus departures."""

    kind: ClassVar[str] = "net_migration"
    net_migration: MigrationInputs

    def inputs(self) -> tuple[str, ...]:
        """Return the arrivals and the departures."""
        return (self.net_migration.arrivals, self.net_migration.departures)

    def input_keys(self) -> tuple[tuple[str | int, ...], ...]:
        """Return the key paths of the arrivals and the departures."""
        return (("net_migration", "arrivals"), ("net_migration", "departures"))


class ConvertIndicator(_IndicatorBase):
    """An amount converted to another currency with an exchange rate.

    The rate's unit says its direction: ``KZT/USD`` is tenge per dollar, so
    tenge become dollars by division and dollars become tenge by
    multiplication.
    """

    kind: ClassVar[str] = "convert"
    convert: ConversionInputs

    def inputs(self) -> tuple[str, ...]:
        """Return the amount, then the rate if the conversion names one.

        Rates picked by a `rate_policy` are not part of what the spec
        writes: the plan picks them and keeps them with the conversion.
        """
        if self.convert.rate is None:
            return (self.convert.amount,)
        return (self.convert.amount, self.convert.rate)

    def input_keys(self) -> tuple[tuple[str | int, ...], ...]:
        """Return the key paths of the amount and of the rate named, if any."""
        if self.convert.rate is None:
            return (("convert", "amount"),)
        return (("convert", "amount"), ("convert", "rate"))


def _parse_formula_text(text: Any) -> Any:
    if isinstance(text, str):
        return parse_formula(text)
    return text


class FormulaIndicator(_IndicatorBase):
    """A small arithmetic expression over ids, parsed by our own grammar."""

    kind: ClassVar[str] = "formula"
    formula: Annotated[Formula, BeforeValidator(_parse_formula_text)]

    def inputs(self) -> tuple[str, ...]:
        """Return the ids the formula mentions, in order of first mention."""
        return self.formula.references()

    def input_keys(self) -> tuple[tuple[str | int, ...], ...]:
        """Return ``("formula",)`` for every id: they share one string."""
        return tuple(("formula",) for _ in self.formula.references())


Indicator: TypeAlias = (
    SumIndicator
    | DifferenceIndicator
    | RatioIndicator
    | ShareIndicator
    | PercentChangeIndicator
    | NetMigrationIndicator
    | ConvertIndicator
    | FormulaIndicator
)


#: Each indicator kind by the key that declares it.
INDICATOR_KINDS: dict[str, type[_IndicatorBase]] = {
    kind.kind: kind
    for kind in (
        SumIndicator,
        DifferenceIndicator,
        RatioIndicator,
        ShareIndicator,
        PercentChangeIndicator,
        NetMigrationIndicator,
        ConvertIndicator,
        FormulaIndicator,
    )
}
