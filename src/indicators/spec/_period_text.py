"""Reading a period as a spec writes it, and saying what is wrong when it is not one.

The accepted forms are listed in `indicators.spec._period`. Besides reading
them, the reader recognises the near misses people write (``2024/H1``,
``H1 2024``, ``30/06/2024``, ``2024-01 to 2024-06``) and refuses each with
the form meant, rather than only calling it unrecognised.
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Callable

from ._calendar import PeriodKind, period_bounds, range_problem
from ._period import Period


__all__ = ["Refusal", "read_period"]


class Refusal(Exception):
    """A text that is not a period, with what exactly is wrong with it."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


def read_period(text: str) -> Period:
    """Read a stripped text as a single period or a range.

    Raises:
        Refusal: When the text is not a period.
    """
    if not text:
        msg = "it is empty"
        raise Refusal(msg)

    _refuse_misshapen(text)
    if "/" in text:
        return _read_range(text)
    return _read_single(text)


def _read_range(text: str) -> Period:
    """Read ``start/end``, checking that the start comes first.

    Raises:
        Refusal: When either end is not a period or they are out of order.
    """
    parts = [part.strip() for part in text.split("/")]
    if len(parts) > 2:
        msg = (
            "a range has one '/' between its start and end periods, "
            f"got {len(parts) - 1}"
        )
        raise Refusal(msg)

    first = _read_range_end(parts[0], "start")
    last = _read_range_end(parts[1], "end")
    kinds = (first.kind, last.kind)
    problem = range_problem(kinds, first.start, last.end)
    if problem:
        raise Refusal(problem)
    return Period(PeriodKind.RANGE, first.start, last.end, kinds)


def _read_range_end(text: str, role: str) -> Period:
    """Read the start or end period of a range.

    Raises:
        Refusal: When it is missing or is not a single period.
    """
    if not text:
        msg = f"a range has a period on each side of '/', and its {role} is missing"
        raise Refusal(msg)

    try:
        _refuse_misshapen(text)
        return _read_single(text)
    except Refusal as refusal:
        msg = f"in its {role} period {text!r}, {refusal.detail}"
        raise Refusal(msg) from None


def _read_single(text: str) -> Period:
    """Read a year, half-year, quarter, month or day.

    Raises:
        Refusal: When the text has none of those forms, or has one with
            numbers out of range.
    """
    for pattern, build in _READERS:
        match = pattern.fullmatch(text)
        if match:
            return build(*match.groups())
    msg = "it matches none of the accepted forms"
    raise Refusal(msg)


def _read_year(digits: str) -> int:
    """Read the year part of a period.

    Raises:
        Refusal: When it is not four digits, or is 0000.
    """
    if len(digits) != 4:
        msg = f"a year has four digits, got {digits!r}"
        raise Refusal(msg)
    if digits == "0000":
        msg = "years run from 0001 to 9999, got '0000'"
        raise Refusal(msg)
    return int(digits)


def _read_month(digits: str) -> int:
    """Read the month part of a month or a day.

    Raises:
        Refusal: When it is not a month number.
    """
    number = int(digits)
    if not 1 <= number <= 12:
        msg = f"a month is 01 to 12, got {digits!r}"
        raise Refusal(msg)
    return number


def _unit(kind: PeriodKind, year: int, month: int) -> Period:
    """Return the ``kind`` period that begins in ``month`` of ``year``."""
    first = datetime.date(year, month, 1)
    return Period(kind, *period_bounds(kind, first))


def _year_period(digits: str) -> Period:
    """Build a year from ``2024``."""
    return _unit(PeriodKind.YEAR, _read_year(digits), 1)


def _half_period(digits: str, letter: str, number: str) -> Period:
    """Build a half-year from ``2024-H1`` or ``2024-S1``.

    Raises:
        Refusal: When the half is not 1 or 2.
    """
    if number not in ("1", "2"):
        code = letter.upper() + number
        msg = f"a half-year is H1 or H2 (S1 or S2 in SDMX), got {code!r}"
        raise Refusal(msg)
    return _unit(PeriodKind.HALF, _read_year(digits), 6 * int(number) - 5)


def _quarter_period(digits: str, number: str) -> Period:
    """Build a quarter from ``2024-Q2``.

    Raises:
        Refusal: When the quarter is not 1 to 4.
    """
    if number not in ("1", "2", "3", "4"):
        msg = f"a quarter is Q1 to Q4, got {'Q' + number!r}"
        raise Refusal(msg)
    return _unit(PeriodKind.QUARTER, _read_year(digits), 3 * int(number) - 2)


def _month_period(digits: str, month_digits: str) -> Period:
    """Build a month from ``2024-04`` or ``2024-M04``.

    Raises:
        Refusal: When the month is out of range or not two digits.
    """
    year = _read_year(digits)
    month = _read_month(month_digits)
    if len(month_digits) != 2:
        example = f"{year:04d}-{month:02d}"
        msg = f"a month has two digits, as in {example!r}"
        raise Refusal(msg)
    return _unit(PeriodKind.MONTH, year, month)


def _day_period(digits: str, month_digits: str, day_digits: str) -> Period:
    """Build a day from ``2024-06-30``.

    Raises:
        Refusal: When the month or day is out of range or not two digits.
    """
    year = _read_year(digits)
    month = _read_month(month_digits)
    length = calendar.monthrange(year, month)[1]
    number = int(day_digits)
    if not 1 <= number <= length:
        msg = f"{year:04d}-{month:02d} has {length} days, got day {day_digits!r}"
        raise Refusal(msg)

    day = datetime.date(year, month, number)
    if len(month_digits) != 2 or len(day_digits) != 2:
        msg = f"the month and the day have two digits each, as in {day.isoformat()!r}"
        raise Refusal(msg)
    return Period(PeriodKind.DAY, day, day)


def _week_period(digits: str, number: str) -> Period:
    """Refuse an ISO week, saying how to write one instead.

    Raises:
        Refusal: Always.
    """
    msg = (
        f"weeks such as {digits + '-W' + number!r} are not supported; "
        "write a week as a range of days, as in '2024-01-29/2024-02-04'"
    )
    raise Refusal(msg)


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
        Refusal: When the text is one of the near misses listed above.
    """
    joined = _JOINED_WRONG.fullmatch(text)
    if joined:
        year, letter, number = joined.groups()
        lead = f"the year and {letter.upper() + number!r} are joined by '-'"
        raise Refusal(_with_example(lead, year, letter, number))

    reversed_ = _YEAR_LAST.fullmatch(text)
    if reversed_:
        letter, number, year = reversed_.groups()
        lead = "the year comes first, joined by '-'"
        raise Refusal(_with_example(lead, year, letter, number))

    if _DAY_FIRST.fullmatch(text):
        msg = "a day is written year-month-day, as in '2024-06-30'"
        raise Refusal(msg)

    _refuse_range_joiner(text)


def _refuse_range_joiner(text: str) -> None:
    """Refuse two periods joined by a dash, '..' or 'to' instead of '/'.

    Raises:
        Refusal: When the text is two such periods.
    """
    parts = _RANGE_JOINER.split(text, maxsplit=1)
    if len(parts) != 2 or not all(map(_is_single, parts)):
        return
    example = f"{parts[0]}/{parts[1]}"
    msg = f"a range joins its start and end periods with '/', as in {example!r}"
    raise Refusal(msg)


def _is_single(text: str) -> bool:
    """Tell whether the text is a valid single period."""
    try:
        _read_single(text)
    except Refusal:
        return False
    return True


def _with_example(lead: str, year: str, letter: str, number: str) -> str:
    """Finish a near-miss hint with the text meant, or what else is wrong."""
    candidate = f"{year}-{letter.upper()}{number}"
    try:
        _read_single(candidate)
    except Refusal as refusal:
        return f"{lead}; also, {refusal.detail}"
    return f"{lead}, as in {candidate!r}"
