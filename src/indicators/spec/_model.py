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
    PrivateAttr,
    StrictInt,
    StrictStr,
    model_validator,
)

from .._numbers import decimals_written, refuse_text_number
from ..exceptions import Location
from ..graph._formula import Formula, parse_formula
from ._period import Period
from ._yaml import render_key_path


__all__ = [
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
    "Qualifier",
    "RatioIndicator",
    "Reported",
    "Severity",
    "ShareIndicator",
    "Source",
    "Spec",
    "SumIndicator",
]

_ID_PATTERN = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _check_id(text: str) -> str:
    if not _ID_PATTERN.match(text) or text.startswith("__"):
        msg = (
            f"an id must be a letter or underscore followed by letters, digits "
            f"or underscores (and must not start with '__'), got {text!r}"
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
    return value


def _require_finite(value: Decimal) -> Decimal:
    if not value.is_finite():
        msg = f"a finite number is expected, got {value!r}"
        raise ValueError(msg)
    return value


def _check_area(code: str) -> str:
    import pycountry

    if pycountry.countries.get(alpha_2=code) or pycountry.countries.get(alpha_3=code):
        return code
    if "-" in code and pycountry.subdivisions.get(code=code):
        return code
    msg = f"the area {code!r} is not an ISO 3166 country or subdivision code"
    guess = _country_code_like(code)
    if guess:
        msg += f"; did you mean {guess!r}?"
    else:
        msg += "; write a code such as 'TJ', 'KZ', 'RUS' or 'TJ-DU'"
    raise ValueError(msg)


def _country_code_like(name: str) -> str | None:
    import pycountry

    try:
        matches = pycountry.countries.search_fuzzy(name)
    except LookupError:
        return None
    return str(matches[0].alpha_2) if matches else None


#: An ISO 3166 country code (alpha-2 or alpha-3) or subdivision code.
Area = Annotated[StrictStr, AfterValidator(_check_area)]

def _require_not_negative(value: Decimal) -> Decimal:
    if value < 0:
        msg = f"a tolerance is a distance and cannot be negative, got {value}"
        raise ValueError(msg)
    return value


#: An id of a fact, indicator, check or source.
Id = Annotated[StrictStr, AfterValidator(_check_id)]

#: A number exactly as written in the spec (ints become whole Decimals).
WrittenNumber = Annotated[
    Decimal,
    BeforeValidator(_refuse_non_number),
    AfterValidator(_require_finite),
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


class Fact(_Entry):
    """A figure as a report prints it, with where it came from."""

    value: WrittenNumber
    unit: StrictStr
    period: Period
    area: Area
    breakdown: dict[StrictStr, StrictStr] = Field(default_factory=dict)
    qualifier: Qualifier = Qualifier.EXACT
    source: Id
    locator: StrictStr
    quote: StrictStr | None = None

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
            value = _refuse_non_number(written["value"])
            return {**written, "decimals": decimals_written(value)}
        value = _refuse_non_number(written)
        return {"value": value, "decimals": decimals_written(value)}


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

    def inputs(self) -> tuple[str, ...]:
        """Return the minuend and the subtrahend."""
        return self.difference

    def input_keys(self) -> tuple[tuple[str | int, ...], ...]:
        """Return ``("difference", 0)`` and ``("difference", 1)``."""
        return (("difference", 0), ("difference", 1))


class _Pair(_Entry):
    pass


class RatioInputs(_Pair):
    """The two sides of a ratio."""

    numerator: Id
    denominator: Id


class ShareInputs(_Pair):
    """A part and the whole it belongs to."""

    part: Id
    whole: Id


class ChangeInputs(_Pair):
    """The earlier and the later value of a change."""

    from_: Id = Field(alias="from")
    to: Id


class MigrationInputs(_Pair):
    """Arrivals and departures of one population."""

    arrivals: Id
    departures: Id


class ConversionInputs(_Pair):
    """An amount, the exchange rate to apply, and the target currency."""

    amount: Id
    rate: Id
    to: StrictStr


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

    def inputs(self) -> tuple[str, ...]:
        """Return the base value and the new value."""
        return (self.percent_change.from_, self.percent_change.to)

    def input_keys(self) -> tuple[tuple[str | int, ...], ...]:
        """Return the key paths of ``from`` and ``to``."""
        return (("percent_change", "from"), ("percent_change", "to"))


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
        """Return the amount and the rate."""
        return (self.convert.amount, self.convert.rate)

    def input_keys(self) -> tuple[tuple[str | int, ...], ...]:
        """Return the key paths of the amount and the rate."""
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


class Severity(StrEnum):
    """Whether a failed check makes the whole spec fail (`ERROR`) or not."""

    ERROR = "error"
    WARNING = "warning"


class BreakdownInputs(_Entry):
    """A total and the parts it is broken down into."""

    total: Id
    parts: tuple[Id, ...] = Field(min_length=1)
    tolerance: Annotated[WrittenNumber, AfterValidator(_require_not_negative)] = Decimal(0)


class _CheckBase(_Entry):
    kind: ClassVar[str]

    label: StrictStr | None = None
    severity: Severity = Severity.ERROR

    def breakdown(self) -> BreakdownInputs:
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
    parts_within: BreakdownInputs

    def breakdown(self) -> BreakdownInputs:
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

    spec: StrictStr
    title: StrictStr
    sources: dict[str, Source] = Field(default_factory=dict)
    facts: dict[str, Fact] = Field(default_factory=dict)
    indicators: dict[str, Indicator] = Field(default_factory=dict)
    checks: dict[str, Check] = Field(default_factory=dict)

    _file: str = PrivateAttr(default="<spec>")
    _positions: Mapping[tuple[str | int, ...], tuple[int, int]] = PrivateAttr(
        default_factory=dict
    )
    _plan: Any = PrivateAttr(default=None)
    _text: str | None = PrivateAttr(default=None)

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
