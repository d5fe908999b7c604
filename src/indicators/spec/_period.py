"""Reference periods of statistical facts, written the SDMX way.

A fact is about a stretch of calendar: a year, a half-year, a quarter, a
month, a day, or a range from one of these to another. This module reads a
period as a spec writes it, prints it back in one canonical form, and answers
what the engine asks of periods: does one lie within another, what comes just
before or after, what is the same period a year earlier, and may two periods
be compared at all.

The forms, canonical first::

    year        2024              also the int 2024
    half-year   2024-H1           also 2024-S1 (SDMX)
    quarter     2024-Q2
    month       2024-04           also 2024-M04 (SDMX)
    day         2024-06-30        also a datetime.date
    range       2024-01/2024-06   start period / end period, both included

Letters may be lower case, and spaces around a period or around the ``/`` of
a range are ignored.

A range runs from the first day of its start period to the last day of its
end period. Its ends may be of different kinds (``2024-01/2024-Q2``), but the
start period may neither begin nor end later than the end period does.

A range counts its length in days when either end is a day, and in months
otherwise. That count decides what comes before and after a range and what it
may be compared with, so it is part of what the range is:
``2024-02-01/2024-02-29`` (29 days) is not equal to ``2024-02/2024-02`` (one
month), though both cover the same days. Two ranges over the same days that
both count months are equal however their ends are written
(``2024-Q1/2024-Q2 == 2024-01/2024-06``), and each prints as it was written.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from pydantic_core import core_schema

from ._calendar import (
    KIND_NAMES,
    MONTHS_IN,
    PeriodKind,
    first_day,
    last_day,
    month_index,
    period_bounds,
    period_label,
    plain_bound_kinds,
    range_problem,
    refit,
    year_earlier,
)


if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue


__all__ = ["Period", "PeriodKind"]


_FORMS = (
    "year '2024', half-year '2024-H1' (or '2024-S1'), quarter '2024-Q2', "
    "month '2024-04' (or '2024-M04'), day '2024-06-30', "
    "or a range 'start/end' of two of these, both included, "
    "as in '2024-01/2024-06'"
)


_EXAMPLES = ("2024", "2024-H1", "2024-Q2", "2024-04", "2024-06-30", "2024-01/2024-06")


@dataclass(frozen=True, slots=True, order=False)
class Period:
    """A reference period: the days a fact is about, and how they are named.

    Build one with :meth:`parse`. Building one directly is checked too:
    ``start`` and ``end`` must delimit exactly one period of ``kind``.

    Two periods are equal when their kind, first and last days are equal and,
    for ranges, when both count their length in the same unit (days or
    months). A half-year and a six-month range over the same days are not
    equal; use :meth:`comparable_with` and :meth:`contains` to relate them.

    Args:
        kind: What sort of period this is.
        start: Its first day.
        end: Its last day, included.
        bound_kinds: For a range, the kinds its start and end periods are
            written in; left out, a range over whole months is written in
            months and any other range in days. Must be left out otherwise.

    Raises:
        ValueError: When ``start`` and ``end`` do not delimit one period of
            ``kind``, or ``bound_kinds`` does not fit them.
    """

    kind: PeriodKind
    start: datetime.date
    end: datetime.date
    bound_kinds: tuple[PeriodKind, PeriodKind] | None = field(
        default=None, compare=False
    )

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", PeriodKind(self.kind))
        if self.kind is PeriodKind.RANGE and self.bound_kinds is None:
            plain = plain_bound_kinds(self.start, self.end)
            object.__setattr__(self, "bound_kinds", plain)

        problem = self._problem()
        if problem:
            msg = (
                f"A {KIND_NAMES[self.kind]} period cannot run from {self.start} "
                f"to {self.end}: {problem}."
            )
            raise ValueError(msg)

    @classmethod
    def parse(cls, text: str | int | datetime.date) -> Period:
        """Read a period as a spec writes it.

        An int is read as a year, because YAML turns ``2024`` into one, and a
        ``datetime.date`` as a day, because YAML turns ``2024-06-30`` into one.

        Args:
            text: The period, in one of the forms the module lists.

        Returns:
            The period, remembering for a range how its ends were written.

        Raises:
            ValueError: When ``text`` is not a period; the message names the
                text, says what is wrong with it when that can be told, and
                lists the accepted forms. Values of another type (a float,
                a bool, a datetime) raise it too, so that callers turning
                spec mistakes into located errors need catch one type only.
        """
        if not _is_period_input(text):
            raise ValueError(_type_refusal(text))
        if isinstance(text, datetime.date):
            return cls(PeriodKind.DAY, text, text)

        # The reader builds periods of this type, so it imports this module.
        from ._period_text import Refusal, read_period

        try:
            return read_period(str(text).strip())
        except Refusal as refusal:
            msg = (
                f"Period {text!r} is not valid: {refusal.detail}. "
                f"Accepted forms: {_FORMS}."
            )
            raise ValueError(msg) from None

    def __str__(self) -> str:
        """Return the canonical text, which :meth:`parse` reads back."""
        if self.kind is not PeriodKind.RANGE:
            return period_label(self.kind, self.start)

        first, last = self._ends()
        return f"{period_label(first, self.start)}/{period_label(last, self.end)}"

    def __repr__(self) -> str:
        """Return how to rebuild the period, which says more than its days."""
        return f"Period.parse({str(self)!r})"

    def __eq__(self, other: object) -> bool:
        """Tell whether two periods are the same kind over the same days."""
        if not isinstance(other, Period):
            return NotImplemented
        return self._identity() == other._identity()

    def __hash__(self) -> int:
        """Hash what equality compares, so equal periods share a hash."""
        return hash(self._identity())

    def contains(self, other: Period) -> bool:
        """Tell whether every day of ``other`` lies within this period."""
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Period) -> bool:
        """Tell whether the two periods share at least one day."""
        return self.start <= other.end and other.start <= self.end

    def previous(self) -> Period:
        """Return the period of the same kind and length just before this one.

        A year, half-year, quarter or month steps back one of itself
        (``2024-H1`` gives ``2023-H2``) and a day steps back one day. A range
        steps back by its own length, counted as :attr:`length_kind` counts it:
        ``2024-01/2024-06`` gives ``2023-07/2023-12``, and
        ``2024-01-01/2024-01-10`` gives ``2023-12-22/2023-12-31``. The new
        range keeps the kind each end was written in where the new day still
        begins or ends such a period (``2024-Q1/2024-Q2`` gives
        ``2023-Q3/2023-Q4``); an end that no longer fits is written as a month
        when the range counts months, and both ends as days when it counts
        days.

        Raises:
            OverflowError: When the result would fall outside years 1 to 9999.
        """
        return self._shifted(-1)

    def next(self) -> Period:
        """Return the period of the same kind and length just after this one.

        The rule mirrors :meth:`previous`, so ``p.next().previous() == p``.

        Raises:
            OverflowError: When the result would fall outside years 1 to 9999.
        """
        return self._shifted(1)

    def same_period_last_year(self) -> Period:
        """Return the period that covers the same part of the year before.

        Periods counted in months move back twelve months, so ``2024-H1``
        gives ``2023-H1`` and a month range keeps its whole months. Periods
        counted in days keep their dates one year earlier, except that
        29 February becomes 28 February: ``2024-02-29`` gives ``2023-02-28``.
        A day range keeps the kinds of its ends where they still fit and is
        otherwise written in days.

        Raises:
            OverflowError: When the result would fall before year 1.
        """
        if self._span()[1] == "month":
            return self._shifted_months(-12)
        return self._moved(year_earlier(self.start), year_earlier(self.end))

    @property
    def length_kind(self) -> str:
        """Name the length of the period, to refuse comparing unlike periods.

        Single periods give their kind: ``'year'``, ``'half'``, ``'quarter'``,
        ``'month'`` or ``'day'``. A range gives its length in months when both
        ends are months or longer periods (``'6 months'``), and in days when
        either end is a day (``'29 days'``), even if those days happen to
        make up whole months.
        """
        if self.kind is not PeriodKind.RANGE:
            return self.kind.value

        count, unit = self._span()
        plural = "" if count == 1 else "s"
        return f"{count} {unit}{plural}"

    def comparable_with(self, other: Period) -> bool:
        """Tell whether two periods are of the same length, so comparable.

        A month and a half-year are not, two months are (whatever their
        number of days), and ``2024-H1`` is comparable with
        ``2024-01/2024-06`` since both span six whole months.
        """
        return self._span() == other._span()

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[Any], handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        """Let pydantic models declare fields of type ``Period``.

        Text, an int year and a date are read with :meth:`parse`, a period
        passes through, and the field serialises as its canonical text.
        """
        return core_schema.no_info_plain_validator_function(
            _validate,
            serialization=core_schema.to_string_ser_schema(when_used="always"),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """Describe the field for JSON Schema, since its validator is code."""
        description = f"A reference period: {_FORMS}."
        if handler.mode == "serialization":
            return {"type": "string", "description": description}
        return {
            "anyOf": [{"type": "string"}, {"type": "integer"}],
            "description": description,
            "examples": list(_EXAMPLES),
        }

    def _ends(self) -> tuple[PeriodKind, PeriodKind]:
        """Return the kinds of a range's two ends."""
        return self.bound_kinds or plain_bound_kinds(self.start, self.end)

    def _span(self) -> tuple[int, str]:
        """Return the length as a count of months, or of days."""
        if self.kind is PeriodKind.DAY:
            return 1, "day"
        if self.kind is not PeriodKind.RANGE:
            return MONTHS_IN[self.kind], "month"

        if PeriodKind.DAY in self._ends():
            return (self.end - self.start).days + 1, "day"
        return month_index(self.end) - month_index(self.start) + 1, "month"

    def _identity(self) -> tuple[PeriodKind, datetime.date, datetime.date, str]:
        """Return what equality compares."""
        return self.kind, self.start, self.end, self._span()[1]

    def _problem(self) -> str | None:
        """Say why the fields do not make a period, or return None."""
        if self.kind is PeriodKind.RANGE:
            return range_problem(self._ends(), self.start, self.end)
        if self.bound_kinds is not None:
            return "only a range has bound kinds"

        first, last = period_bounds(self.kind, self.start)
        if (first, last) == (self.start, self.end):
            return None
        name = KIND_NAMES[self.kind]
        return f"the {name} holding {self.start} runs from {first} to {last}"

    def _shifted(self, steps: int) -> Period:
        """Move the period by ``steps`` times its own length."""
        count, unit = self._span()
        if unit == "month":
            return self._shifted_months(count * steps)

        delta = datetime.timedelta(days=count * steps)
        return self._moved(self.start + delta, self.end + delta)

    def _shifted_months(self, months: int) -> Period:
        """Move a period counted in months by whole months."""
        start = first_day(month_index(self.start) + months)
        end = last_day(month_index(self.end) + months)
        return self._moved(start, end)

    def _moved(self, start: datetime.date, end: datetime.date) -> Period:
        """Return a period like this one over other days."""
        if self.kind is not PeriodKind.RANGE:
            return Period(self.kind, start, end)

        counts_days = self._span()[1] == "day"
        fallback = PeriodKind.DAY if counts_days else PeriodKind.MONTH
        kinds = refit(self._ends(), start, end, fallback)
        return Period(PeriodKind.RANGE, start, end, kinds)


def _validate(value: Any) -> Period:
    """Turn a pydantic field's input into a period."""
    if isinstance(value, Period):
        return value
    if isinstance(value, str | int) and not isinstance(value, bool):
        return _parse_written(value)
    return Period.parse(value)


@lru_cache(maxsize=4096)
def _parse_written(text: str | int) -> Period:
    # A spec writes the same few periods on thousands of facts; periods are
    # immutable, so they can share one object each.
    return Period.parse(text)


def _is_period_input(value: object) -> bool:
    """Tell whether :meth:`Period.parse` accepts values of this type."""
    if isinstance(value, bool | datetime.datetime):
        return False
    return isinstance(value, str | int | datetime.date)


def _type_refusal(value: object) -> str:
    """Explain that a value of the wrong type was given as a period."""
    return (
        "A period is given as text, an int year or a date, "
        f"got {type(value).__name__} {value!r}; "
        "write it as text, such as '2024-H1'."
    )
