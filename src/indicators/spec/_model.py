"""The typed, immutable model of a spec: sources, facts, indicators and checks.

These classes only describe what a spec declares; they check the shape of
each entry when it is built and never change after. Whether the ids they
name exist, whether their units agree and in which order to compute them is
the graph's business, not theirs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, ClassVar, TypeAlias

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    PrivateAttr,
    StrictInt,
    StrictStr,
    model_validator,
)

from .._numbers import decimals_written, refuse_text_number
from ..exceptions import Location
from ..graph._formula import Formula, parse_formula
from ._area import Area
from ._dimensions import Dimension
from ._period import Period
from ._printed import ObservationStatus, Scale, read_status
from ._yaml import render_key_path


__all__ = [
    "BasePosition",
    "Check",
    "CHECK_KINDS",
    "ConvertIndicator",
    "DifferenceIndicator",
    "Fact",
    "FormulaIndicator",
    "Indicator",
    "INDICATOR_KINDS",
    "NetMigrationIndicator",
    "PartsSumTo",
    "PartsWithin",
    "PercentChangeIndicator",
    "PeriodRule",
    "Qualifier",
    "RatePolicy",
    "RatioIndicator",
    "Reported",
    "Severity",
    "ShareIndicator",
    "Source",
    "Spec",
    "SumIndicator",
    "ValueRange",
]

_ID_PATTERN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def check_id(text: str) -> str:
    """Return ``text`` if it is a valid id, else raise `ValueError` saying why."""
    if not _ID_PATTERN.fullmatch(text) or text.startswith("__") or len(text) > 128:
        msg = (
            f"an id must be a letter or underscore followed by letters, digits "
            f"or underscores, at most 128 long and not starting with '__', got {text!r}"
        )
        raise ValueError(msg)
    return text


def _refuse_non_number(value: Any) -> Any:
    if isinstance(value, bool):
        msg = f"a number is expected, got the truth value {value!r}"
        raise ValueError(msg)
    if isinstance(value, str):
        msg = (
            f"a number is expected, got the text {value!r}: {refuse_text_number(value)}"
        )
        raise ValueError(msg)
    if isinstance(value, float):
        msg = f"a number is expected as written in the spec, got the float {value!r}"
        raise ValueError(msg)
    if isinstance(value, int):
        return Decimal(value)
    if not isinstance(value, Decimal):
        noun = type(value).__name__
        msg = f"a plain number such as 392805 or 6.5 is expected, got a {noun}"
        raise ValueError(msg)
    return value


#: The largest power of ten a written figure may have, either way.
MAX_MAGNITUDE = 30


def require_printable(value: Decimal) -> Decimal:
    """Return ``value`` if a report could print it: finite, within 10^±30.

    Raises:
        ValueError: Saying what is wrong with the number and what to check.
    """
    if not value.is_finite():
        msg = f"a finite number such as 392805 or 6.5 is expected, got {value}"
        raise ValueError(msg)
    if value and not -MAX_MAGNITUDE <= value.adjusted() <= MAX_MAGNITUDE:
        msg = (
            f"the number {value} is beyond 10^{MAX_MAGNITUDE} or below "
            f"10^-{MAX_MAGNITUDE}; a printed figure is never that large or that "
            "precise, so check the exponent"
        )
        raise ValueError(msg)
    if decimals_written(value) > MAX_MAGNITUDE:
        msg = f"the number {value} has more than {MAX_MAGNITUDE} decimal places"
        raise ValueError(msg)
    return value


#: An id of a fact, indicator, check or source.
Id = Annotated[StrictStr, AfterValidator(check_id)]

#: A number exactly as written in the spec (ints become whole Decimals).
WrittenNumber = Annotated[
    Decimal,
    BeforeValidator(_refuse_non_number),
    AfterValidator(require_printable),
]


class _Entry(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        arbitrary_types_allowed=True,
        populate_by_name=True,
    )


class Source(_Entry):
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


class ValueRange(_Entry):
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
    return require_printable(_refuse_non_number(written))


class BasePosition(StrEnum):
    """Where a percent change finds its base when it names none by id."""

    PREVIOUS_PERIOD = "previous_period"
    SAME_PERIOD_LAST_YEAR = "same_period_last_year"


class PeriodRule(StrEnum):
    """Whether a comparison may set periods of different lengths side by side."""

    SAME_LENGTH = "same_length"
    MIXED = "mixed"


class Fact(_Entry):
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


class Reported(_Entry):
    """The value a document prints for an indicator, and at what precision."""

    value: WrittenNumber
    decimals: StrictInt = Field(ge=-12, le=12)

    @model_validator(mode="before")
    @classmethod
    def _from_number(cls, written: Any) -> Any:
        if isinstance(written, Mapping):
            if "decimals" in written or "value" not in written:
                return written
            return {**written, "decimals": _precision_of(written["value"])}
        value = _refuse_non_number(written)
        return {"value": value, "decimals": _precision_of(value)}


def _precision_of(written: Any) -> Any:
    """Return the decimals a printed figure was written with, if it is a number."""
    value = _refuse_non_number(written)
    decimals = decimals_written(value)
    if decimals > 12:
        msg = (
            f"the printed value {value} has {decimals} decimal places; a reported "
            "figure is compared at the precision it is printed with, at most 12"
        )
        raise ValueError(msg)
    return decimals


class _IndicatorBase(_Entry):
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


class _Pair(_Entry):
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

    _rates: tuple[str, ...] = PrivateAttr(default=())

    def inputs(self) -> tuple[str, ...]:
        """Return the amount, then the named rate or the rate facts picked."""
        rates = self._rates or tuple(filter(None, (self.convert.rate,)))
        return (self.convert.amount, *rates)

    def input_keys(self) -> tuple[tuple[str | int, ...], ...]:
        """Return the key paths of the amount and of each rate."""
        rates = len(self.inputs()) - 1
        key = ("convert", "rate") if self.convert.rate else ("convert", "to")
        return (("convert", "amount"), *(key for _ in range(rates)))

    def use_rates(self, rate_ids: tuple[str, ...]) -> None:
        """Record the rate facts the graph stage picked for this conversion."""
        self._rates = rate_ids


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


class Severity(StrEnum):
    """Whether a failed check makes the whole spec fail (`ERROR`) or not."""

    ERROR = "error"
    WARNING = "warning"


class _Parts(_Entry):
    """A total and its parts, listed by id or found over a dimension.

    The parts are listed by id (``parts``) or found by dimension (``over``):
    the facts of the total's series that differ from it by a member of that
    dimension. The graph stage fills ``parts`` in for the second form.
    """

    total: Id
    parts: tuple[Id, ...] = ()
    over: Id | None = None

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


class _CheckBase(_Entry):
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


class Spec(_Entry):
    """A whole spec: the facts of one or more reports and what is built on them.

    A spec read from a file remembers where each key was written, so that
    later stages can point at the line of a problem.
    """

    spec: Id
    title: StrictStr
    sources: dict[str, Source] = Field(default_factory=dict)
    dimensions: dict[str, Dimension] = Field(default_factory=dict)
    facts: dict[str, Fact] = Field(default_factory=dict)
    indicators: dict[str, Indicator] = Field(default_factory=dict)
    checks: dict[str, Check] = Field(default_factory=dict)

    _file: str = PrivateAttr(default="<spec>")
    _positions: Mapping[tuple[str | int, ...], tuple[int, int]] = PrivateAttr(
        default_factory=dict
    )
    _plan: Any = PrivateAttr(default=None)
    _text: str | None = PrivateAttr(default=None)

    def __eq__(self, other: object) -> bool:
        """Compare what two specs declare, not where or how they were read.

        The file name, key positions and the cached plan are bookkeeping; two
        specs that declare the same entries are equal wherever they came from.
        """
        if not isinstance(other, Spec):
            return NotImplemented
        return all(
            getattr(self, name) == getattr(other, name)
            for name in type(self).model_fields
        )

    __hash__ = None  # type: ignore[assignment]

    @property
    def file(self) -> str:
        """The file the spec was read from, or ``<spec>`` for one built in code."""
        return self._file

    def locate(self, path: tuple[str | int, ...]) -> Location:
        """Return where ``path`` was written, or the nearest enclosing key."""
        for end in range(len(path), -1, -1):
            position = self._positions.get(path[:end])
            if position is not None:
                line, column = position
                return Location(self.file, line, column, render_key_path(path))
        return Location(self.file, None, None, render_key_path(path))

    def entry(self, entry_id: str) -> Fact | Indicator | Check:
        """Return the fact, indicator or check with ``entry_id``.

        Raises:
            KeyError: If no entry has that id.
        """
        for section in (self.facts, self.indicators, self.checks):
            if entry_id in section:
                return section[entry_id]
        raise KeyError(entry_id)
