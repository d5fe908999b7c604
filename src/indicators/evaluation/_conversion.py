"""The arithmetic of a conversion through one or more steps of exchange rates.

Each step divides or multiplies the amount by a rate, or by the exact mean
of several monthly rates; a conversion through a third currency is two such
steps. How the step reads, with ids and with numbers, names every rate, so
the explanation shows which rates were used.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from .._numbers import Number, exact
from ..graph._rates import Conversion, Leg
from ._operations import Operation


__all__ = ["conversion_operation"]


def conversion_operation(
    indicator_id: str, amount: str, conversion: Conversion
) -> Operation:
    """Return the operation converting ``amount`` along ``conversion``'s steps."""
    legs = conversion.legs

    def compute(value: Number, *rates: Number) -> Number:
        result = Fraction(value)
        start = 0
        for leg in legs:
            count = len(leg.rates)
            rate = Fraction(sum(rates[start : start + count])) / count
            if rate == 0:
                msg = f"the rate from {leg.source} to {leg.target} is zero"
                raise ZeroDivisionError(msg)
            result = result * rate if leg.direction == "multiply" else result / rate
            start += count
        return exact(result)

    def describe(texts: Sequence[str]) -> str:
        return _written(texts[0], legs, texts[1:])

    written = _written(amount, legs, list(conversion.rate_ids))
    return Operation(indicator_id, compute, written, describe)


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
