"""The calendar under reference periods: months numbered, kinds and their days.

A period of each kind (year, half-year, quarter, month, day) holds a given
day; these functions find its first and last days, write it canonically,
and tell whether a range's two ends fit together. They work on dates and
kinds alone, so the period type and the reader of period text share them.
"""

from __future__ import annotations

import calendar
import datetime
from enum import StrEnum


__all__ = [
    "KIND_NAMES",
    "MONTHS_IN",
    "PeriodKind",
    "first_day",
    "last_day",
    "month_index",
    "period_bounds",
    "period_label",
    "plain_bound_kinds",
    "range_problem",
    "refit",
    "year_earlier",
]


class PeriodKind(StrEnum):
    """The kinds of reference period, from a whole year down to a day."""

    YEAR = "year"
    HALF = "half"
    QUARTER = "quarter"
    MONTH = "month"
    DAY = "day"
    RANGE = "range"


KIND_NAMES = {
    PeriodKind.YEAR: "year",
    PeriodKind.HALF: "half-year",
    PeriodKind.QUARTER: "quarter",
    PeriodKind.MONTH: "month",
    PeriodKind.DAY: "day",
    PeriodKind.RANGE: "range",
}


MONTHS_IN = {
    PeriodKind.YEAR: 12,
    PeriodKind.HALF: 6,
    PeriodKind.QUARTER: 3,
    PeriodKind.MONTH: 1,
}


def month_index(day: datetime.date) -> int:
    """Number the month of ``day``, counting months since year 0."""
    return day.year * 12 + day.month - 1


def first_day(index: int) -> datetime.date:
    """Return the first day of a month numbered by :func:`month_index`.

    Raises:
        OverflowError: When the month falls outside years 1 to 9999.
    """
    year, month = divmod(index, 12)
    if not datetime.MINYEAR <= year <= datetime.MAXYEAR:
        msg = f"Period arithmetic reached year {year}, outside 1 to 9999."
        raise OverflowError(msg)
    return datetime.date(year, month + 1, 1)


def last_day(index: int) -> datetime.date:
    """Return the last day of a month numbered by :func:`month_index`."""
    first = first_day(index)
    length = calendar.monthrange(first.year, first.month)[1]
    return first.replace(day=length)


def period_bounds(
    kind: PeriodKind, day: datetime.date
) -> tuple[datetime.date, datetime.date]:
    """Return the first and last days of the ``kind`` period holding ``day``."""
    if kind is PeriodKind.DAY:
        return day, day

    size = MONTHS_IN[kind]
    index = month_index(day)
    first = index - index % size
    return first_day(first), last_day(first + size - 1)


def period_label(kind: PeriodKind, day: datetime.date) -> str:
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


def year_earlier(day: datetime.date) -> datetime.date:
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


def plain_bound_kinds(
    start: datetime.date, end: datetime.date
) -> tuple[PeriodKind, PeriodKind]:
    """Choose how to write a range's ends when nobody said: months or days."""
    if start.day == 1 and end == last_day(month_index(end)):
        return PeriodKind.MONTH, PeriodKind.MONTH
    return PeriodKind.DAY, PeriodKind.DAY


def refit(
    kinds: tuple[PeriodKind, PeriodKind],
    start: datetime.date,
    end: datetime.date,
    fallback: PeriodKind,
) -> tuple[PeriodKind, PeriodKind]:
    """Keep how a moved range's ends were written, where that still fits."""
    first = kinds[0] if period_bounds(kinds[0], start)[0] == start else fallback
    last = kinds[1] if period_bounds(kinds[1], end)[1] == end else fallback
    if range_problem((first, last), start, end) is None:
        return first, last
    return fallback, fallback


def range_problem(
    kinds: tuple[PeriodKind, PeriodKind],
    start: datetime.date,
    end: datetime.date,
) -> str | None:
    """Say why a range's ends and days do not fit together, or return None."""
    if PeriodKind.RANGE in kinds:
        return "the ends of a range are single periods, not ranges"

    first = period_bounds(kinds[0], start)
    last = period_bounds(kinds[1], end)
    if first[0] != start:
        return f"{start} is not the first day of a {KIND_NAMES[kinds[0]]}"
    if last[1] != end:
        return f"{end} is not the last day of a {KIND_NAMES[kinds[1]]}"

    start_label = period_label(kinds[0], start)
    end_label = period_label(kinds[1], end)
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
