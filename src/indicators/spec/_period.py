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

import calendar
import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from pydantic_core import core_schema


if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue


__all__ = ["Period", "PeriodKind"]


class PeriodKind(StrEnum):
    """The kinds of reference period, from a whole year down to a day."""

    YEAR = "year"
    HALF = "half"
    QUARTER = "quarter"
    MONTH = "month"
    DAY = "day"
    RANGE = "range"


_NAMES = {
    PeriodKind.YEAR: "year",
    PeriodKind.HALF: "half-year",
    PeriodKind.QUARTER: "quarter",
    PeriodKind.MONTH: "month",
    PeriodKind.DAY: "day",
    PeriodKind.RANGE: "range",
}

_MONTHS_IN = {
    PeriodKind.YEAR: 12,
    PeriodKind.HALF: 6,
    PeriodKind.QUARTER: 3,
    PeriodKind.MONTH: 1,
}

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
            plain = _plain_bound_kinds(self.start, self.end)
            object.__setattr__(self, "bound_kinds", plain)

        problem = self._problem()
        if problem:
            msg = (
                f"A {_NAMES[self.kind]} period cannot run from {self.start} "
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

        try:
            return _read(str(text).strip())
        except _Refusal as refusal:
            msg = (
                f"Period {text!r} is not valid: {refusal.detail}. "
                f"Accepted forms: {_FORMS}."
            )
            raise ValueError(msg) from None

    def __str__(self) -> str:
        """Return the canonical text, which :meth:`parse` reads back."""
        if self.kind is not PeriodKind.RANGE:
            return _label(self.kind, self.start)

        first, last = self._ends()
        return f"{_label(first, self.start)}/{_label(last, self.end)}"

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
        return self._moved(_year_earlier(self.start), _year_earlier(self.end))

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
        return self.bound_kinds or _plain_bound_kinds(self.start, self.end)

    def _span(self) -> tuple[int, str]:
        """Return the length as a count of months, or of days."""
        if self.kind is PeriodKind.DAY:
            return 1, "day"
        if self.kind is not PeriodKind.RANGE:
            return _MONTHS_IN[self.kind], "month"

        if PeriodKind.DAY in self._ends():
            return (self.end - self.start).days + 1, "day"
        return _month_index(self.end) - _month_index(self.start) + 1, "month"

    def _identity(self) -> tuple[PeriodKind, datetime.date, datetime.date, str]:
        """Return what equality compares."""
        return self.kind, self.start, self.end, self._span()[1]

    def _problem(self) -> str | None:
        """Say why the fields do not make a period, or return None."""
        if self.kind is PeriodKind.RANGE:
            return _range_problem(self._ends(), self.start, self.end)
        if self.bound_kinds is not None:
            return "only a range has bound kinds"

        first, last = _bounds(self.kind, self.start)
        if (first, last) == (self.start, self.end):
            return None
        name = _NAMES[self.kind]
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
        start = _first_day(_month_index(self.start) + months)
        end = _last_day(_month_index(self.end) + months)
        return self._moved(start, end)

    def _moved(self, start: datetime.date, end: datetime.date) -> Period:
        """Return a period like this one over other days."""
        if self.kind is not PeriodKind.RANGE:
            return Period(self.kind, start, end)

        counts_days = self._span()[1] == "day"
        fallback = PeriodKind.DAY if counts_days else PeriodKind.MONTH
        kinds = _refit(self._ends(), start, end, fallback)
        return Period(PeriodKind.RANGE, start, end, kinds)


class _Refusal(Exception):
    """A text that is not a period, with what exactly is wrong with it."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


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


def _month_index(day: datetime.date) -> int:
    """Number the month of ``day``, counting months since year 0."""
    return day.year * 12 + day.month - 1


def _first_day(index: int) -> datetime.date:
    """Return the first day of a month numbered by :func:`_month_index`.

    Raises:
        OverflowError: When the month falls outside years 1 to 9999.
    """
    year, month = divmod(index, 12)
    if not datetime.MINYEAR <= year <= datetime.MAXYEAR:
        msg = f"Period arithmetic reached year {year}, outside 1 to 9999."
        raise OverflowError(msg)
    return datetime.date(year, month + 1, 1)


def _last_day(index: int) -> datetime.date:
    """Return the last day of a month numbered by :func:`_month_index`."""
    first = _first_day(index)
    length = calendar.monthrange(first.year, first.month)[1]
    return first.replace(day=length)


def _bounds(
    kind: PeriodKind, day: datetime.date
) -> tuple[datetime.date, datetime.date]:
    """Return the first and last days of the ``kind`` period holding ``day``."""
    if kind is PeriodKind.DAY:
        return day, day

    size = _MONTHS_IN[kind]
    index = _month_index(day)
    first = index - index % size
    return _first_day(first), _last_day(first + size - 1)


def _label(kind: PeriodKind, day: datetime.date) -> str:
    """Write the ``kind`` period holding ``day`` in its canonical form."""
    year = f"{day.year:04d}"
    if kind is PeriodKind.YEAR:
        return year
    if kind is PeriodKind.HALF:
        return f"{year}-H{(day.month + 5) // 6}"
    if kind is PeriodKind.QUARTER:
        return f"{year}-Q{(day.month + 2) // 3}"
    if kind is PeriodKind.MONTH:
        return f"{year}-{day.month:02d}"
    return day.isoformat()


def _year_earlier(day: datetime.date) -> datetime.date:
    """Return the same date a year earlier, 29 February giving the 28th.

    Raises:
        OverflowError: When ``day`` lies in year 1.
    """
    if day.year == datetime.MINYEAR:
        msg = f"Period arithmetic reached year 0 from {day}, outside 1 to 9999."
        raise OverflowError(msg)
    if (day.month, day.day) == (2, 29):
        return day.replace(year=day.year - 1, day=28)
    return day.replace(year=day.year - 1)


def _plain_bound_kinds(
    start: datetime.date, end: datetime.date
) -> tuple[PeriodKind, PeriodKind]:
    """Choose how to write a range's ends when nobody said: months or days."""
    if start.day == 1 and end == _last_day(_month_index(end)):
        return PeriodKind.MONTH, PeriodKind.MONTH
    return PeriodKind.DAY, PeriodKind.DAY


def _refit(
    kinds: tuple[PeriodKind, PeriodKind],
    start: datetime.date,
    end: datetime.date,
    fallback: PeriodKind,
) -> tuple[PeriodKind, PeriodKind]:
    """Keep how a moved range's ends were written, where that still fits."""
    first = kinds[0] if _bounds(kinds[0], start)[0] == start else fallback
    last = kinds[1] if _bounds(kinds[1], end)[1] == end else fallback
    if _range_problem((first, last), start, end) is None:
        return first, last
    return fallback, fallback


def _range_problem(
    kinds: tuple[PeriodKind, PeriodKind],
    start: datetime.date,
    end: datetime.date,
) -> str | None:
    """Say why a range's ends and days do not fit together, or return None."""
    if PeriodKind.RANGE in kinds:
        return "the ends of a range are single periods, not ranges"

    first = _bounds(kinds[0], start)
    last = _bounds(kinds[1], end)
    if first[0] != start:
        return f"{start} is not the first day of a {_NAMES[kinds[0]]}"
    if last[1] != end:
        return f"{end} is not the last day of a {_NAMES[kinds[1]]}"

    start_label = _label(kinds[0], start)
    end_label = _label(kinds[1], end)
    if first[0] > last[0]:
        return (
            f"the start period {start_label!r} begins later than the end "
            f"period {end_label!r} does; put the earlier period first"
        )
    if first[1] > last[1]:
        return (
            f"the start period {start_label!r} ends later than the end "
            f"period {end_label!r} does; end the range with a period that "
            "ends no earlier than its start period"
        )
    return None


def _read(text: str) -> Period:
    """Read a stripped text as a single period or a range.

    Raises:
        _Refusal: When the text is not a period.
    """
    if not text:
        msg = "it is empty"
        raise _Refusal(msg)

    _refuse_misshapen(text)
    if "/" in text:
        return _read_range(text)
    return _read_single(text)


def _read_range(text: str) -> Period:
    """Read ``start/end``, checking that the start comes first.

    Raises:
        _Refusal: When either end is not a period or they are out of order.
    """
    parts = [part.strip() for part in text.split("/")]
    if len(parts) > 2:
        msg = (
            "a range has one '/' between its start and end periods, "
            f"got {len(parts) - 1}"
        )
        raise _Refusal(msg)

    first = _read_range_end(parts[0], "start")
    last = _read_range_end(parts[1], "end")
    kinds = (first.kind, last.kind)
    problem = _range_problem(kinds, first.start, last.end)
    if problem:
        raise _Refusal(problem)
    return Period(PeriodKind.RANGE, first.start, last.end, kinds)


def _read_range_end(text: str, role: str) -> Period:
    """Read the start or end period of a range.

    Raises:
        _Refusal: When it is missing or is not a single period.
    """
    if not text:
        msg = f"a range has a period on each side of '/', and its {role} is missing"
        raise _Refusal(msg)

    try:
        _refuse_misshapen(text)
        return _read_single(text)
    except _Refusal as refusal:
        msg = f"in its {role} period {text!r}, {refusal.detail}"
        raise _Refusal(msg) from None


def _read_single(text: str) -> Period:
    """Read a year, half-year, quarter, month or day.

    Raises:
        _Refusal: When the text has none of those forms, or has one with
            numbers out of range.
    """
    for pattern, build in _READERS:
        match = pattern.fullmatch(text)
        if match:
            return build(*match.groups())
    msg = "it matches none of the accepted forms"
    raise _Refusal(msg)


def _read_year(digits: str) -> int:
    """Read the year part of a period.

    Raises:
        _Refusal: When it is not four digits, or is 0000.
    """
    if len(digits) != 4:
        msg = f"a year has four digits, got {digits!r}"
        raise _Refusal(msg)
    if digits == "0000":
        msg = "years run from 0001 to 9999, got '0000'"
        raise _Refusal(msg)
    return int(digits)


def _read_month(digits: str) -> int:
    """Read the month part of a month or a day.

    Raises:
        _Refusal: When it is not a month number.
    """
    number = int(digits)
    if not 1 <= number <= 12:
        msg = f"a month is 01 to 12, got {digits!r}"
        raise _Refusal(msg)
    return number


def _unit(kind: PeriodKind, year: int, month: int) -> Period:
    """Return the ``kind`` period that begins in ``month`` of ``year``."""
    first = datetime.date(year, month, 1)
    return Period(kind, *_bounds(kind, first))


def _year_period(digits: str) -> Period:
    """Build a year from ``2024``."""
    return _unit(PeriodKind.YEAR, _read_year(digits), 1)


def _half_period(digits: str, letter: str, number: str) -> Period:
    """Build a half-year from ``2024-H1`` or ``2024-S1``.

    Raises:
        _Refusal: When the half is not 1 or 2.
    """
    if number not in ("1", "2"):
        code = letter.upper() + number
        msg = f"a half-year is H1 or H2 (S1 or S2 in SDMX), got {code!r}"
        raise _Refusal(msg)
    return _unit(PeriodKind.HALF, _read_year(digits), 6 * int(number) - 5)


def _quarter_period(digits: str, number: str) -> Period:
    """Build a quarter from ``2024-Q2``.

    Raises:
        _Refusal: When the quarter is not 1 to 4.
    """
    if number not in ("1", "2", "3", "4"):
        msg = f"a quarter is Q1 to Q4, got {'Q' + number!r}"
        raise _Refusal(msg)
    return _unit(PeriodKind.QUARTER, _read_year(digits), 3 * int(number) - 2)


def _month_period(digits: str, month_digits: str) -> Period:
    """Build a month from ``2024-04`` or ``2024-M04``.

    Raises:
        _Refusal: When the month is out of range or not two digits.
    """
    year = _read_year(digits)
    month = _read_month(month_digits)
    if len(month_digits) != 2:
        example = f"{year:04d}-{month:02d}"
        msg = f"a month has two digits, as in {example!r}"
        raise _Refusal(msg)
    return _unit(PeriodKind.MONTH, year, month)


def _day_period(digits: str, month_digits: str, day_digits: str) -> Period:
    """Build a day from ``2024-06-30``.

    Raises:
        _Refusal: When the month or day is out of range or not two digits.
    """
    year = _read_year(digits)
    month = _read_month(month_digits)
    length = calendar.monthrange(year, month)[1]
    number = int(day_digits)
    if not 1 <= number <= length:
        msg = f"{year:04d}-{month:02d} has {length} days, got day {day_digits!r}"
        raise _Refusal(msg)

    day = datetime.date(year, month, number)
    if len(month_digits) != 2 or len(day_digits) != 2:
        msg = f"the month and the day have two digits each, as in {day.isoformat()!r}"
        raise _Refusal(msg)
    return Period(PeriodKind.DAY, day, day)


def _week_period(digits: str, number: str) -> Period:
    """Refuse an ISO week, saying how to write one instead.

    Raises:
        _Refusal: Always.
    """
    msg = (
        f"weeks such as {digits + '-W' + number!r} are not supported; "
        "write a week as a range of days, as in '2024-01-29/2024-02-04'"
    )
    raise _Refusal(msg)


_READERS: tuple[tuple[re.Pattern[str], Callable[..., Period]], ...] = (
    (re.compile(r"([0-9]+)"), _year_period),
    (re.compile(r"([0-9]+)-([HS])([0-9]+)", re.IGNORECASE), _half_period),
    (re.compile(r"([0-9]+)-Q([0-9]+)", re.IGNORECASE), _quarter_period),
    (re.compile(r"([0-9]+)-M?([0-9]+)", re.IGNORECASE), _month_period),
    (re.compile(r"([0-9]+)-([0-9]+)-([0-9]+)"), _day_period),
    (re.compile(r"([0-9]+)-W([0-9]+)", re.IGNORECASE), _week_period),
)

# Near misses that the forms above would only call unrecognised: a year and a
# code joined by something other than '-' (2024/H1, 2024 Q2), the year put
# last (H1 2024), a day written day first (30/06/2024), and a range joined by
# something other than '/' (2024-01 - 2024-06, 2024-01 to 2024-06).
_JOINED_WRONG = re.compile(r"([0-9]{4})\s*[/_.,:]?\s*([HSQM])([0-9]+)", re.IGNORECASE)
_YEAR_LAST = re.compile(r"([HSQM])([0-9]+)\s*[-/_.,:]?\s*([0-9]{4})", re.IGNORECASE)
_DAY_FIRST = re.compile(r"[0-9]{1,2}([./-])[0-9]{1,2}\1[0-9]{4}")
_RANGE_JOINER = re.compile(r"\s+-\s+|\s*(?:–|—|\.\.|\bto\b)\s*", re.IGNORECASE)


def _refuse_misshapen(text: str) -> None:
    """Refuse a near miss of a single form, saying how to write it.

    Raises:
        _Refusal: When the text is one of the near misses listed above.
    """
    joined = _JOINED_WRONG.fullmatch(text)
    if joined:
        year, letter, number = joined.groups()
        lead = f"the year and {letter.upper() + number!r} are joined by '-'"
        raise _Refusal(_with_example(lead, year, letter, number))

    reversed_ = _YEAR_LAST.fullmatch(text)
    if reversed_:
        letter, number, year = reversed_.groups()
        lead = "the year comes first, joined by '-'"
        raise _Refusal(_with_example(lead, year, letter, number))

    if _DAY_FIRST.fullmatch(text):
        msg = "a day is written year-month-day, as in '2024-06-30'"
        raise _Refusal(msg)

    _refuse_range_joiner(text)


def _refuse_range_joiner(text: str) -> None:
    """Refuse two periods joined by a dash, '..' or 'to' instead of '/'.

    Raises:
        _Refusal: When the text is two such periods.
    """
    parts = _RANGE_JOINER.split(text, maxsplit=1)
    if len(parts) != 2 or not all(map(_is_single, parts)):
        return
    example = f"{parts[0]}/{parts[1]}"
    msg = f"a range joins its start and end periods with '/', as in {example!r}"
    raise _Refusal(msg)


def _is_single(text: str) -> bool:
    """Tell whether the text is a valid single period."""
    try:
        _read_single(text)
    except _Refusal:
        return False
    return True


def _with_example(lead: str, year: str, letter: str, number: str) -> str:
    """Finish a near-miss hint with the text meant, or what else is wrong."""
    candidate = f"{year}-{letter.upper()}{number}"
    try:
        _read_single(candidate)
    except _Refusal as refusal:
        return f"{lead}; also, {refusal.detail}"
    return f"{lead}, as in {candidate!r}"
