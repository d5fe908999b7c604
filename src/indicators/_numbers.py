"""Exact numbers: how values written in a spec become numbers the engine adds.

A figure copied from a report must lose nothing on its way into the
arithmetic, so values are kept as `int` when whole and as
`fractions.Fraction` otherwise; floats never appear. Rounding happens once,
at the end, half away from zero, which is how statistical offices round the
figures they print.
"""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from typing import TypeAlias


__all__ = [
    "Number",
    "decimals_written",
    "exact",
    "format_fixed",
    "format_number",
    "refuse_text_number",
    "round_half_away",
]

#: An exact number: an `int` when whole, otherwise a `Fraction`.
Number: TypeAlias = int | Fraction

_SEPARATED_THOUSANDS = re.compile(r"^[-+]?\d{1,3}([, '\u202f\u00a0]\d{3})+(\.\d+)?$")
_WITH_WORDS = re.compile(r"^[-+]?\d[\d.,]*\s*[A-Za-z%]")
_DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")
_SEXAGESIMAL = re.compile(r"^[-+]?\d+(:[0-5]?\d)+(\.\d*)?$")


def exact(value: int | Decimal | Fraction) -> Number:
    """Return ``value`` as an exact number, `int` when it is whole.

    Raises:
        ValueError: If ``value`` is not finite.
        TypeError: If ``value`` is not an int, Decimal or Fraction (a float
            would already have lost the figure as written).
    """
    if isinstance(value, bool):
        msg = f"a number is expected, not the truth value {value!r}"
        raise ValueError(msg)
    if isinstance(value, int):
        return value
    if isinstance(value, Fraction):
        return value.numerator if value.denominator == 1 else value
    if isinstance(value, Decimal):
        return _from_decimal(value)

    msg = f"an exact number (int, Decimal or Fraction) is expected, not {value!r}"
    raise TypeError(msg)


def _from_decimal(value: Decimal) -> Number:
    if not value.is_finite():
        msg = f"a finite number is expected, not {value!r}"
        raise ValueError(msg)
    # The exact ratio, already in lowest terms, without Fraction's parsing.
    numerator, denominator = value.as_integer_ratio()
    if denominator == 1:
        return numerator
    return Fraction(numerator, denominator)


def decimals_written(value: int | Decimal) -> int:
    """Return how many decimal places ``value`` was written with.

    ``6.5`` has one, ``8827250.00`` two, ``16`` none. The precision of a
    printed figure is what a reported value is compared at.
    """
    if isinstance(value, int):
        return 0
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int):
        return 0
    return max(0, -exponent)


def round_half_away(value: Number | Decimal, decimals: int) -> Number:
    """Round ``value`` to ``decimals`` places, halves away from zero.

    Negative ``decimals`` round to tens, hundreds and so on. The result is
    exact: an `int` when whole, otherwise a `Fraction`; a `Decimal`, as a
    caller may hold a printed figure, is read exactly first. The steps are
    counted with integer division, which a report of a million figures
    reaches for a million times.
    """
    if isinstance(value, Decimal):
        value = exact(value)
    if isinstance(value, int) and decimals >= 0:
        return value

    numerator, denominator = value.numerator, value.denominator
    if decimals >= 0:
        numerator *= 10**decimals
    else:
        denominator *= 10**-decimals
    steps, remainder = divmod(abs(numerator), denominator)
    if 2 * remainder >= denominator:
        steps += 1
    if numerator < 0:
        steps = -steps

    if decimals < 0:
        # Typeshed cannot tell that the power is whole: the exponent is
        # positive here.
        scale: int = 10**-decimals
        return steps * scale
    return exact(Fraction(steps, 10**decimals))


def refuse_text_number(text: str) -> str:
    """Explain how to write a number that was given as text.

    The explanation names the problem the text shows (thousands separators,
    a unit or scale word inside the number) and the way to write it.
    """
    stripped = text.strip()
    if _DATE.match(stripped):
        return (
            "a date is not a number; write the figure in `value` and the date "
            "or period it refers to in `period`"
        )
    if _SEXAGESIMAL.match(stripped):
        return (
            "a value with ':' is not read as a number (no base-60 numbers); "
            "write the number in plain decimal digits"
        )
    if _SEPARATED_THOUSANDS.match(stripped):
        digits = re.sub(r"[, '\u202f\u00a0]", "", stripped)
        return (
            f"write the number without thousands separators and without "
            f"quotes, as {digits}"
        )
    if _WITH_WORDS.match(stripped):
        return (
            "write only the number in `value` and put the unit or currency in "
            "`unit`; a scale word goes in `scale`: 18 million is "
            "`value: 18` with `scale: million`"
        )
    return "write a plain number without quotes, such as 392805 or 6.5"


def format_number(value: Number | Decimal, places: int = 4) -> str:
    """Format ``value`` for people: thousands separated, at most ``places`` decimals.

    A value that had to be rounded to fit is marked with ``≈``. The digits
    come from integer arithmetic, so a long number is shown as it is, not
    as a Decimal context would round it. This is for display only; the
    engine never computes with the text.
    """
    value = exact(value)
    rounded = round_half_away(value, places)
    text = _written(rounded, places, every_place=False)
    return "≈" + text if rounded != value else text


def format_fixed(value: Number | Decimal, decimals: int) -> str:
    """Format ``value`` rounded at ``decimals`` places, every place shown.

    A figure printed as 57.30 is written 57.30, not 57.3: the places a
    document prints its figures at are part of what it says, and a
    comparison at two places reads wrong beside a figure shown at one.
    The value is rounded half away from zero and not marked with ``≈``;
    a caller showing a rounded value says so in its own words.
    """
    rounded = round_half_away(exact(value), decimals)
    return _written(rounded, max(decimals, 0), every_place=True)


def _written(rounded: Number, places: int, *, every_place: bool) -> str:
    """Write a value on a step of ``10**-places``, thousands separated.

    The digits come from integer arithmetic, which is exact for such a
    value; without ``every_place`` trailing zeros are dropped.
    """
    scale = 10**places
    steps = abs(rounded.numerator) * scale // rounded.denominator
    whole, rest = divmod(steps, scale)

    decimals = f"{rest:0{places}d}" if places else ""
    if not every_place:
        decimals = decimals.rstrip("0")
    text = f"{whole:,}.{decimals}" if decimals else f"{whole:,}"
    return "-" + text if rounded < 0 else text
