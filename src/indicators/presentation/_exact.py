"""Exact numbers written as text, for exports that must lose nothing.

Every export writes a value so that a reader can get the engine's exact
number back. A value whose decimal expansion ends (``6.5``, ``392805``) is
written as that decimal. A value whose expansion never ends, such as
203250/17761, is written as the fraction ``p/q``; the exports add a decimal
approximation beside it, rounded half away from zero at
`APPROXIMATION_PLACES` places, and say that it is one.
"""

from __future__ import annotations

from fractions import Fraction

from .._numbers import Number, round_half_away


__all__ = ["APPROXIMATION_PLACES", "decimal_text", "exact_text", "terminates"]

#: Decimal places of the approximation written beside a non-terminating value.
APPROXIMATION_PLACES = 20


def terminates(value: Number) -> bool:
    """Return whether ``value`` has a finite decimal expansion."""
    denominator = Fraction(value).denominator
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
    return denominator == 1


def exact_text(value: Number) -> str:
    """Return ``value`` exactly: a decimal when it terminates, else ``p/q``."""
    if terminates(value):
        return decimal_text(value)
    fraction = Fraction(value)
    return f"{fraction.numerator}/{fraction.denominator}"


def decimal_text(value: Number) -> str:
    """Return ``value`` as a plain decimal: exact when it terminates.

    A non-terminating value is rounded half away from zero at
    `APPROXIMATION_PLACES` places.
    """
    if not terminates(value):
        value = round_half_away(value, APPROXIMATION_PLACES)
    fraction = Fraction(value)
    places = _places(fraction.denominator)
    scaled = abs(fraction.numerator) * 10**places // fraction.denominator
    digits = str(scaled).rjust(places + 1, "0")
    sign = "-" if fraction < 0 else ""
    if places == 0:
        return sign + digits
    return f"{sign}{digits[:-places]}.{digits[-places:]}"


def _places(denominator: int) -> int:
    places = 0
    while 10**places % denominator:
        places += 1
    return places
