"""The arithmetic of a conversion through one or more steps of exchange rates.

Each step divides or multiplies the amount by a rate, or by the exact mean
of several monthly rates; a conversion through a third currency is two such
steps. How the step reads, with ids and with numbers, names every rate, so
the explanation shows which rates were used.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from .._numbers import Number, exact, format_number
from ..graph._rates import Conversion, Leg
from ._operations import Operation, Pattern


__all__ = ["conversion_operation"]


def conversion_operation(
    indicator_id: str, amount: str, conversion: Conversion
) -> Operation:
    """Return the operation converting ``amount`` along ``conversion``'s steps."""
    legs = tuple(conversion.legs)
    names = (amount, *conversion.rate_ids)
    return Operation(
        indicator_id, _ConversionArithmetic(legs), names, _ConversionPattern(None, legs)
    )


@dataclass(frozen=True, slots=True)
class _ConversionArithmetic:
    """The arithmetic of one conversion: the amount, then each step's rates."""

    legs: tuple[Leg, ...]

    def __call__(self, value: Number, *rates: Number) -> Number:
        result = Fraction(value)
        start = 0
        for leg in self.legs:
            count = len(leg.rates)
            rate = Fraction(sum(rates[start : start + count])) / count
            if rate == 0:
                msg = f"the rate from {leg.source} to {leg.target} is zero"
                raise ZeroDivisionError(msg)
            if rate < 0:
                msg = (
                    f"the rate from {leg.source} to {leg.target} is negative, "
                    f"{format_number(rate)}; an exchange rate is always positive"
                )
                raise ZeroDivisionError(msg)
            result = result * rate if leg.direction == "multiply" else result / rate
            start += count
        return exact(result)


@dataclass(frozen=True, slots=True)
class _ConversionPattern(Pattern):
    """How a conversion reads: the amount, then each step's sign and rates."""

    legs: tuple[Leg, ...]

    def write(self, words: Sequence[str]) -> str:
        """Return the conversion with ``words`` for the amount and the rates."""
        return _written(words[0], self.legs, words[1:])


def _written(amount: str, legs: Sequence[Leg], rates: Sequence[str]) -> str:
    text = amount
    start = 0
    for leg in legs:
        named = rates[start : start + len(leg.rates)]
        rate = named[0] if len(named) == 1 else f"mean({', '.join(named)})"
        sign = "×" if leg.direction == "multiply" else "/"
        text = f"{text} {sign} {rate}"
        start += len(leg.rates)
    return text
