"""Tests for reference periods: reading, printing and calendar arithmetic."""

from __future__ import annotations

import datetime
import pickle

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from indicators.spec._period import Period, PeriodKind


SINGLE_KINDS = [kind for kind in PeriodKind if kind is not PeriodKind.RANGE]

ALL_KINDS = st.sampled_from(list(PeriodKind))

DAYS = st.dates(datetime.date(1900, 1, 1), datetime.date(2100, 12, 31))


def period_holding(kind: PeriodKind, day: datetime.date) -> Period:
    """Return the single period of ``kind`` holding ``day``, read from text."""
    texts = {
        PeriodKind.YEAR: f"{day.year}",
        PeriodKind.HALF: f"{day.year}-H{(day.month + 5) // 6}",
        PeriodKind.QUARTER: f"{day.year}-Q{(day.month + 2) // 3}",
        PeriodKind.MONTH: f"{day.year}-{day.month:02d}",
        PeriodKind.DAY: day.isoformat(),
    }
    return Period.parse(texts[kind])


@st.composite
def periods(
    draw: st.DrawFn,
    kinds: st.SearchStrategy[PeriodKind] = ALL_KINDS,
    days: st.SearchStrategy[datetime.date] = DAYS,
) -> Period:
    """Draw a period of any kind, ranges included, from its text.

    A range is drawn from its end period back: the start period holds a day
    up to two years before the end begins, and when it would reach past the
    end (a year starting a range that ends in one of its months) the one
    before it is taken instead, so every drawn range is valid.
    """
    kind = draw(kinds)
    day = draw(days)
    if kind is not PeriodKind.RANGE:
        return period_holding(kind, day)

    last = period_holding(draw(st.sampled_from(SINGLE_KINDS)), day)
    first_kind = draw(st.sampled_from(SINGLE_KINDS))
    back = datetime.timedelta(days=draw(st.integers(0, 730)))
    first = period_holding(first_kind, last.start - back)
    if first.end > last.end:
        first = period_holding(first_kind, first.start - datetime.timedelta(1))
    return Period.parse(f"{first}/{last}")


def day(text: str) -> datetime.date:
    """Return the date written ``text`` in ISO form."""
    return datetime.date.fromisoformat(text)


class TestParse:
    """Period.parse reads every accepted form and prints it canonically."""

    @pytest.mark.parametrize(
        ("text", "kind", "start", "end", "canonical"),
        [
            ("2024", "year", "2024-01-01", "2024-12-31", "2024"),
            (2024, "year", "2024-01-01", "2024-12-31", "2024"),
            ("2024-H1", "half", "2024-01-01", "2024-06-30", "2024-H1"),
            ("2024-H2", "half", "2024-07-01", "2024-12-31", "2024-H2"),
            ("2024-S1", "half", "2024-01-01", "2024-06-30", "2024-H1"),
            ("2024-s2", "half", "2024-07-01", "2024-12-31", "2024-H2"),
            ("2024-Q1", "quarter", "2024-01-01", "2024-03-31", "2024-Q1"),
            ("2024-Q2", "quarter", "2024-04-01", "2024-06-30", "2024-Q2"),
            ("2024-q4", "quarter", "2024-10-01", "2024-12-31", "2024-Q4"),
            ("2024-04", "month", "2024-04-01", "2024-04-30", "2024-04"),
            ("2024-M04", "month", "2024-04-01", "2024-04-30", "2024-04"),
            ("2024-02", "month", "2024-02-01", "2024-02-29", "2024-02"),
            ("2023-02", "month", "2023-02-01", "2023-02-28", "2023-02"),
            ("2024-06-30", "day", "2024-06-30", "2024-06-30", "2024-06-30"),
            ("2024-02-29", "day", "2024-02-29", "2024-02-29", "2024-02-29"),
            ("0001", "year", "0001-01-01", "0001-12-31", "0001"),
            ("  2024-Q3 ", "quarter", "2024-07-01", "2024-09-30", "2024-Q3"),
            (
                "2024-01/2024-06",
                "range",
                "2024-01-01",
                "2024-06-30",
                "2024-01/2024-06",
            ),
            (
                "2024-M01 / 2024-S1",
                "range",
                "2024-01-01",
                "2024-06-30",
                "2024-01/2024-H1",
            ),
            (
                "2023-Q4/2024-02-10",
                "range",
                "2023-10-01",
                "2024-02-10",
                "2023-Q4/2024-02-10",
            ),
            ("2024/2025", "range", "2024-01-01", "2025-12-31", "2024/2025"),
            (
                "2024-03/2024-03",
                "range",
                "2024-03-01",
                "2024-03-31",
                "2024-03/2024-03",
            ),
            (
                "2024-06-30/2024-06-30",
                "range",
                "2024-06-30",
                "2024-06-30",
                "2024-06-30/2024-06-30",
            ),
        ],
        ids=[
            "year",
            "year-as-int",
            "half-1",
            "half-2",
            "half-sdmx-S",
            "half-lower-case",
            "quarter-1",
            "quarter-2",
            "quarter-lower-case",
            "month",
            "month-sdmx-M",
            "month-leap-february",
            "month-plain-february",
            "day",
            "day-leap",
            "year-one",
            "surrounding-spaces",
            "range-of-months",
            "range-sdmx-ends-with-spaces",
            "range-quarter-to-day",
            "range-of-years",
            "range-of-one-month",
            "range-of-one-day",
        ],
    )
    def test_reads_form(
        self,
        text: str | int,
        kind: str,
        start: str,
        end: str,
        canonical: str,
    ) -> None:
        """A form gives its kind, first and last days, and canonical text."""
        period = Period.parse(text)

        assert (period.kind, period.start, period.end, str(period)) == (
            PeriodKind(kind),
            day(start),
            day(end),
            canonical,
        )

    def test_reads_date_as_day(self) -> None:
        """A date, as YAML reads an unquoted 2024-06-30, is read as that day."""
        period = Period.parse(datetime.date(2024, 6, 30))

        assert period == Period.parse("2024-06-30")

    def test_canonical_text_is_read_back(self) -> None:
        """Parsing the canonical text of an SDMX spelling gives the same period."""
        period = Period.parse("2024-S2")

        assert Period.parse(str(period)) == period


class TestRefusals:
    """Period.parse refuses what is not a period and says what is wrong."""

    @pytest.mark.parametrize(
        ("text", "match"),
        [
            ("2024-H3", r"a half-year is H1 or H2 .*got 'H3'"),
            ("2024-S0", r"a half-year is H1 or H2 .*got 'S0'"),
            ("2024-13", r"a month is 01 to 12, got '13'"),
            ("2024-M00", r"a month is 01 to 12, got '00'"),
            ("2024-Q5", r"a quarter is Q1 to Q4, got 'Q5'"),
            ("2024/H1", r"the year and 'H1' are joined by '-', as in '2024-H1'"),
            ("2024 q2", r"the year and 'Q2' are joined by '-', as in '2024-Q2'"),
            ("H1 2024", r"the year comes first, joined by '-', as in '2024-H1'"),
            ("Q3-2024", r"the year comes first, joined by '-', as in '2024-Q3'"),
            ("H3 2024", r"the year comes first, .*; also, a half-year is H1 or H2"),
            ("2024-02-30", r"2024-02 has 29 days, got day '30'"),
            ("2023-02-29", r"2023-02 has 28 days, got day '29'"),
            ("2024-04-31", r"2024-04 has 30 days, got day '31'"),
            ("2024-13-01", r"a month is 01 to 12, got '13'"),
            ("2024-4", r"a month has two digits, as in '2024-04'"),
            ("2024-6-30", r"two digits each, as in '2024-06-30'"),
            ("24", r"a year has four digits, got '24'"),
            ("0000", r"years run from 0001 to 9999"),
            ("30/06/2024", r"a day is written year-month-day"),
            ("2024-W05", r"weeks such as '2024-W05' are not supported"),
            ("", r"it is empty"),
            ("soon", r"it matches none of the accepted forms"),
            (
                "2024-06/2024-01",
                r"the start period '2024-06' begins later than the end "
                r"period '2024-01'",
            ),
            (
                "2024/2024-06",
                r"the start period '2024' ends later than the end period '2024-06'",
            ),
            ("2024-01/2024-02/2024-03", r"a range has one '/' .*got 2"),
            ("2024-01/", r"its end is missing"),
            ("/2024-06", r"its start is missing"),
            ("2024-01/2024-H3", r"in its end period '2024-H3', a half-year is H1"),
            ("2024-01/H2 2024", r"in its end period 'H2 2024', the year comes first"),
            ("2024-01 - 2024-06", r"with '/', as in '2024-01/2024-06'"),
            ("2024-01 to 2024-06", r"with '/', as in '2024-01/2024-06'"),
        ],
        ids=[
            "half-3",
            "half-sdmx-0",
            "month-13",
            "month-sdmx-00",
            "quarter-5",
            "slash-joins-half",
            "space-joins-quarter",
            "year-after-half",
            "year-after-quarter",
            "year-after-wrong-half",
            "february-30-leap",
            "february-29-plain",
            "april-31",
            "day-in-month-13",
            "month-one-digit",
            "day-one-digit",
            "year-two-digits",
            "year-zero",
            "day-first",
            "week",
            "empty",
            "word",
            "range-reversed",
            "range-start-outlasts-end",
            "range-two-slashes",
            "range-missing-end",
            "range-missing-start",
            "range-bad-end",
            "range-misshapen-end",
            "range-joined-by-dash",
            "range-joined-by-to",
        ],
    )
    def test_refuses_with_reason(self, text: str, match: str) -> None:
        """A near miss is refused with what exactly is wrong with it."""
        with pytest.raises(ValueError, match=match):
            Period.parse(text)

    def test_message_names_text_and_forms(self) -> None:
        """The message quotes the text and lists every form with an example."""
        forms = (
            r"year '2024', half-year '2024-H1' \(or '2024-S1'\), "
            r"quarter '2024-Q2', month '2024-04' \(or '2024-M04'\), "
            r"day '2024-06-30', or a range 'start/end' .*'2024-01/2024-06'"
        )

        with pytest.raises(
            ValueError, match=rf"^Period '2024-H3' is not valid: .*{forms}"
        ):
            Period.parse("2024-H3")

    def test_message_names_int_as_repr(self) -> None:
        """An int that is no year is named as the int it was."""
        with pytest.raises(
            ValueError, match=r"^Period 24 is not valid: a year has four"
        ):
            Period.parse(24)

    @pytest.mark.parametrize(
        "value",
        [2024.0, True, None, [2024], datetime.datetime(2024, 6, 30, 12, 0)],
        ids=["float", "bool", "none", "list", "datetime"],
    )
    def test_refuses_other_types(self, value: object) -> None:
        """A value that is not text, an int or a date is refused as a ValueError."""
        with pytest.raises(
            ValueError, match=r"is given as text, an int year or a date"
        ):
            Period.parse(value)  # type: ignore[arg-type]


class TestConstruction:
    """Building a Period directly is checked like parsing is."""

    def test_refuses_days_that_are_not_the_kind(self) -> None:
        """A month must run from its first to its last day."""
        with pytest.raises(ValueError, match=r"runs from 2024-01-01 to 2024-01-31"):
            Period(PeriodKind.MONTH, day("2024-01-01"), day("2024-01-30"))

    def test_refuses_range_ending_before_it_starts(self) -> None:
        """A range may not end before it starts."""
        with pytest.raises(ValueError, match=r"begins later than the end period"):
            Period(PeriodKind.RANGE, day("2024-06-01"), day("2024-01-31"))

    def test_refuses_bound_kinds_that_do_not_fit(self) -> None:
        """A range's start day must begin a period of its start kind."""
        kinds = (PeriodKind.QUARTER, PeriodKind.MONTH)

        with pytest.raises(
            ValueError, match=r"2024-02-01 is not the first day of a quarter"
        ):
            Period(PeriodKind.RANGE, day("2024-02-01"), day("2024-06-30"), kinds)

    def test_refuses_bound_kinds_on_single_period(self) -> None:
        """Only a range says how its ends are written."""
        kinds = (PeriodKind.MONTH, PeriodKind.MONTH)

        with pytest.raises(ValueError, match=r"only a range has bound kinds"):
            Period(PeriodKind.MONTH, day("2024-01-01"), day("2024-01-31"), kinds)

    def test_range_of_whole_months_is_written_in_months(self) -> None:
        """A range built without bound kinds over whole months prints months."""
        period = Period(PeriodKind.RANGE, day("2024-01-01"), day("2024-06-30"))

        assert str(period) == "2024-01/2024-06"

    def test_other_range_is_written_in_days(self) -> None:
        """A range built without bound kinds over part months prints days."""
        period = Period(PeriodKind.RANGE, day("2024-01-05"), day("2024-06-30"))

        assert str(period) == "2024-01-05/2024-06-30"

    def test_accepts_kind_as_text(self) -> None:
        """A kind given as its text is turned into the enum member."""
        period = Period("quarter", day("2024-04-01"), day("2024-06-30"))  # type: ignore[arg-type]

        assert period.kind is PeriodKind.QUARTER


class TestEquality:
    """Periods are equal when they are the same kind over the same days."""

    def test_half_differs_from_range_of_its_months(self) -> None:
        """A half-year is not equal to the six-month range over its days."""
        assert Period.parse("2024-H1") != Period.parse("2024-01/2024-06")

    def test_month_ranges_over_same_days_are_equal(self) -> None:
        """Two ranges counting months over the same days are equal."""
        assert Period.parse("2024-Q1/2024-Q2") == Period.parse("2024-01/2024-06")

    def test_equal_ranges_share_a_hash(self) -> None:
        """Equal ranges written differently hash alike, so sets merge them."""
        written = {Period.parse("2024-Q1/2024-Q2"), Period.parse("2024-01/2024-06")}

        assert len(written) == 1

    def test_day_range_differs_from_month_range(self) -> None:
        """A range counting days differs from one counting months over the same days."""
        assert Period.parse("2024-02-01/2024-02-29") != Period.parse("2024-02/2024-02")

    def test_equal_ranges_keep_their_writing(self) -> None:
        """Equal ranges still print as each was written."""
        assert str(Period.parse("2024-Q1/2024-Q2")) == "2024-Q1/2024-Q2"

    def test_not_equal_to_its_text(self) -> None:
        """A period is not equal to the text it is written as."""
        assert Period.parse("2024") != "2024"

    def test_repr_rebuilds_the_period(self) -> None:
        """The repr is code that rebuilds an equal period."""
        period = Period.parse("2024-H1/2024-Q3")

        assert eval(repr(period)) == period

    def test_pickles(self) -> None:
        """A period survives pickling with its writing."""
        period = Period.parse("2024-Q1/2024-05")

        assert str(pickle.loads(pickle.dumps(period))) == "2024-Q1/2024-05"


class TestContainment:
    """contains and overlaps compare the days periods cover."""

    @pytest.mark.parametrize(
        ("outer", "inner", "expected"),
        [
            ("2024", "2024-H2", True),
            ("2024-H1", "2024-Q2", True),
            ("2024-H1", "2024-Q3", False),
            ("2024-Q1", "2024-02-29", True),
            ("2024-02", "2024", False),
            ("2024-01/2024-06", "2024-H1", True),
            ("2024-H1", "2024-01/2024-06", True),
            ("2024-01/2024-06", "2024-07", False),
            ("2023-12/2024-01", "2024-01-15", True),
            ("2023", "2024-01-01", False),
        ],
        ids=[
            "year-holds-half",
            "half-holds-quarter",
            "half-lacks-next-quarter",
            "quarter-holds-leap-day",
            "month-lacks-year",
            "range-holds-half",
            "half-holds-range",
            "range-lacks-next-month",
            "range-across-years-holds-day",
            "year-lacks-next-day",
        ],
    )
    def test_contains(self, outer: str, inner: str, expected: bool) -> None:
        """A period contains another when every day of it lies within."""
        assert Period.parse(outer).contains(Period.parse(inner)) is expected

    @pytest.mark.parametrize(
        ("first", "second", "expected"),
        [
            ("2024-H1", "2024-Q2", True),
            ("2024-H1", "2024-Q3", False),
            ("2024-06/2024-08", "2024-Q3", True),
            ("2024-06-30", "2024-H2", False),
            ("2024-06-30", "2024-H1", True),
            ("2023-07/2024-06", "2024-H2", False),
        ],
        ids=[
            "half-and-quarter-inside",
            "half-and-next-quarter",
            "range-straddling-quarter",
            "day-before-half",
            "last-day-of-half",
            "range-ending-before-half",
        ],
    )
    def test_overlaps(self, first: str, second: str, expected: bool) -> None:
        """Two periods overlap when they share at least one day."""
        assert Period.parse(first).overlaps(Period.parse(second)) is expected


class TestNeighbours:
    """previous, next and same_period_last_year move along the calendar."""

    @pytest.mark.parametrize(
        ("text", "before", "after"),
        [
            ("2024", "2023", "2025"),
            ("2024-H1", "2023-H2", "2024-H2"),
            ("2024-Q1", "2023-Q4", "2024-Q2"),
            ("2024-01", "2023-12", "2024-02"),
            ("2024-03-01", "2024-02-29", "2024-03-02"),
            ("2024-12-31", "2024-12-30", "2025-01-01"),
            ("2024-01/2024-06", "2023-07/2023-12", "2024-07/2024-12"),
            ("2024-Q1/2024-Q2", "2023-Q3/2023-Q4", "2024-Q3/2024-Q4"),
            ("2024-H1/2024-Q3", "2023-04/2023-Q4", "2024-10/2025-Q2"),
            ("2024-01-01/2024-01-10", "2023-12-22/2023-12-31", "2024-01-11/2024-01-20"),
            ("2024-02/2024-03-10", "2023-12-24/2024-01-31", "2024-03-11/2024-04-18"),
            ("2024-02-01/2024-02-29", "2024-01-03/2024-01-31", "2024-03-01/2024-03-29"),
        ],
        ids=[
            "year",
            "half",
            "quarter",
            "month",
            "day-after-leap-day",
            "day-at-year-end",
            "range-of-months",
            "range-of-quarters",
            "range-end-kinds-refitted",
            "range-of-days",
            "range-counting-days-from-month",
            "range-of-days-over-a-month",
        ],
    )
    def test_previous_and_next(self, text: str, before: str, after: str) -> None:
        """The previous and next periods have the documented canonical text."""
        period = Period.parse(text)

        assert (str(period.previous()), str(period.next())) == (before, after)

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("2024", "2023"),
            ("2024-H1", "2023-H1"),
            ("2024-Q3", "2023-Q3"),
            ("2024-02", "2023-02"),
            ("2024-02-29", "2023-02-28"),
            ("2024-06-30", "2023-06-30"),
            ("2025-02-28", "2024-02-28"),
            ("2024-01/2024-06", "2023-01/2023-06"),
            ("2024-H1/2024-Q3", "2023-H1/2023-Q3"),
            ("2024-02-01/2024-02-29", "2023-02-01/2023-02-28"),
            ("2025-02/2025-02-28", "2024-02-01/2024-02-28"),
        ],
        ids=[
            "year",
            "half",
            "quarter",
            "leap-february",
            "leap-day",
            "day",
            "day-before-leap-year",
            "range-of-months",
            "range-mixed-ends",
            "range-of-days-to-leap-day",
            "range-whose-month-start-no-longer-fits",
        ],
    )
    def test_same_period_last_year(self, text: str, expected: str) -> None:
        """The same period last year has the documented canonical text."""
        assert str(Period.parse(text).same_period_last_year()) == expected

    def test_refuses_to_leave_the_calendar(self) -> None:
        """Stepping back from year 1 raises OverflowError."""
        with pytest.raises(OverflowError, match=r"outside 1 to 9999"):
            Period.parse("0001-H1").previous()


class TestLength:
    """length_kind and comparable_with tell which periods may be compared."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("2024", "year"),
            ("2024-H1", "half"),
            ("2024-Q1", "quarter"),
            ("2024-01", "month"),
            ("2024-01-01", "day"),
            ("2024-01/2024-06", "6 months"),
            ("2024-Q1/2024-Q1", "3 months"),
            ("2024-01/2024-01", "1 month"),
            ("2024-01-01/2024-01-10", "10 days"),
            ("2024-01-01/2024-01-01", "1 day"),
            ("2024-02-01/2024-02-29", "29 days"),
        ],
        ids=[
            "year",
            "half",
            "quarter",
            "month",
            "day",
            "range-of-months",
            "range-of-one-quarter",
            "range-of-one-month",
            "range-of-days",
            "range-of-one-day",
            "day-range-over-whole-month",
        ],
    )
    def test_length_kind(self, text: str, expected: str) -> None:
        """Each period names its length as documented."""
        assert Period.parse(text).length_kind == expected

    @pytest.mark.parametrize(
        ("first", "second", "expected"),
        [
            ("2024-01", "2024-H1", False),
            ("2024-H1", "2024-01/2024-06", True),
            ("2024-02", "2024-03", True),
            ("2024", "2023-07/2024-06", True),
            ("2024-Q1", "2024-01/2024-02", False),
            ("2024-06-30", "2024-06-30/2024-06-30", True),
            ("2024-01", "2024-01-01/2024-01-31", False),
            ("2024-H1", "2023-H2", True),
        ],
        ids=[
            "month-vs-half",
            "half-vs-six-months",
            "months-of-unequal-days",
            "year-vs-twelve-months",
            "quarter-vs-two-months",
            "day-vs-one-day-range",
            "month-vs-days-of-month",
            "halves",
        ],
    )
    def test_comparable_with(self, first: str, second: str, expected: bool) -> None:
        """Two periods are comparable when their lengths are alike."""
        assert Period.parse(first).comparable_with(Period.parse(second)) is expected


class Reported(BaseModel):
    """A tiny model holding a period, as spec models do."""

    period: Period


class TestPydantic:
    """Period works as a pydantic v2 field type."""

    @pytest.mark.parametrize(
        "value",
        ["2024-H1", 2024, datetime.date(2024, 6, 30)],
        ids=["text", "int", "date"],
    )
    def test_reads_input(self, value: object) -> None:
        """Text, an int and a date are read as Period.parse reads them."""
        model = Reported.model_validate({"period": value})

        assert model.period == Period.parse(value)  # type: ignore[arg-type]

    def test_passes_period_through(self) -> None:
        """A Period instance is kept as it is."""
        period = Period.parse("2024-Q1/2024-05")

        assert Reported(period=period).period is period

    def test_refuses_bad_text(self) -> None:
        """Bad text fails validation with the parse message."""
        with pytest.raises(ValidationError, match=r"a half-year is H1 or H2"):
            Reported.model_validate({"period": "2024-H3"})

    def test_refuses_other_types(self) -> None:
        """A float fails validation rather than escaping as a TypeError."""
        with pytest.raises(ValidationError, match=r"got float 2024.5"):
            Reported.model_validate({"period": 2024.5})

    def test_dumps_canonical_text(self) -> None:
        """Python-mode dumping gives the canonical text."""
        model = Reported.model_validate({"period": "2024-S1"})

        assert model.model_dump() == {"period": "2024-H1"}

    def test_json_round_trip(self) -> None:
        """A model dumped to JSON reads back to an equal model."""
        model = Reported.model_validate({"period": "2024-M01/2024-Q2"})

        assert Reported.model_validate_json(model.model_dump_json()) == model

    def test_json_schema_accepts_text_and_int(self) -> None:
        """The JSON schema describes a text or an int period."""
        schema = Reported.model_json_schema()["properties"]["period"]

        assert schema["anyOf"] == [{"type": "string"}, {"type": "integer"}]


class TestProperties:
    """Laws every period keeps, checked on generated periods of every kind."""

    @given(periods())
    def test_text_round_trip(self, period: Period) -> None:
        """Parsing the printed period gives it back, printed alike."""
        again = Period.parse(str(period))

        assert (again, str(again)) == (period, str(period))

    @given(periods())
    def test_next_undoes_previous(self, period: Period) -> None:
        """Stepping back then forward returns to the period."""
        assert period.previous().next() == period

    @given(periods())
    def test_previous_undoes_next(self, period: Period) -> None:
        """Stepping forward then back returns to the period."""
        assert period.next().previous() == period

    @given(periods())
    def test_next_starts_the_day_after(self, period: Period) -> None:
        """The next period begins on the day after the period ends."""
        assert period.next().start == period.end + datetime.timedelta(days=1)

    @given(periods())
    def test_previous_is_comparable(self, period: Period) -> None:
        """The previous period is of the same length, so comparable."""
        assert period.previous().comparable_with(period)

    @given(periods())
    def test_last_year_is_comparable_for_months(self, period: Period) -> None:
        """Counted in months, the same period last year has the same length."""
        assume(not period.length_kind.endswith("days"))

        assert period.same_period_last_year().comparable_with(period)

    @given(periods())
    def test_contains_itself(self, period: Period) -> None:
        """Every period contains itself."""
        assert period.contains(period)

    @given(
        periods(days=st.dates(datetime.date(2023, 6, 1), datetime.date(2024, 6, 30))),
        periods(days=st.dates(datetime.date(2023, 6, 1), datetime.date(2024, 6, 30))),
        periods(days=st.dates(datetime.date(2023, 6, 1), datetime.date(2024, 6, 30))),
    )
    def test_containment_is_transitive(self, a: Period, b: Period, c: Period) -> None:
        """If a contains b and b contains c, then a contains c."""
        assert not (a.contains(b) and b.contains(c)) or a.contains(c)

    @given(st.integers(1900, 2100))
    def test_year_contains_its_parts(self, year: int) -> None:
        """A year contains each of its halves, quarters and months."""
        parts = [f"{year}-H{half}" for half in (1, 2)]
        parts += [f"{year}-Q{quarter}" for quarter in (1, 2, 3, 4)]
        parts += [f"{year}-{month:02d}" for month in range(1, 13)]

        assert all(Period.parse(year).contains(Period.parse(part)) for part in parts)

    @given(periods(), periods())
    def test_overlap_is_symmetric(self, first: Period, second: Period) -> None:
        """first overlaps second exactly when second overlaps first."""
        assert first.overlaps(second) is second.overlaps(first)
