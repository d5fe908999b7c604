"""Units and currencies, checked once per indicator before anything is computed.

Counting units (person, household, permit, ...) and each ISO 4217 currency
are their own dimensions, so adding persons to dollars, or dollars to roubles
without a conversion, is refused. Pint does the unit algebra, once per
indicator when the graph is built; the numbers themselves are computed later
without a pint quantity per value, because pint arithmetic costs hundreds of
times a plain operation.

The registry is built with exact fractions, so a conversion factor such as
percent to a plain ratio is an exact 100, not a float. It holds only the
units a spec may name (counting units, currencies, percent, percentage
points and a few spans of time), which makes it quick to build.

A percentage point is a hundredth like a percent, so pint relates the two
by a factor of 1; what keeps a difference of percentages from being labelled
a percent is the unit check (`_percentages.py`). The words a unit is
printed with, and its short symbol in tables, are written here too, so that
every table, tree and message says "3 percentage points", never
"3 percentage_point".
"""

from __future__ import annotations

import difflib
import re
from fractions import Fraction
from functools import cache
from typing import TYPE_CHECKING

from ..exceptions import UnknownReferenceError


if TYPE_CHECKING:
    import pint

__all__ = [
    "COUNTING_UNITS",
    "UnitCatalogue",
    "quantity_words",
    "unit_catalogue",
    "unit_symbol",
    "unit_text",
    "unit_words",
]

#: Units that count things; each is a dimension of its own.
COUNTING_UNITS = (
    "person",
    "household",
    "permit",
    "quota",
    "transaction",
    "appeal",
    "request",
    "meeting",
    "agency",
    "country",
    "district",
    "province",
    "project",
    "zone",
    "case",
)

#: The longest unit expression read; anything longer is not a unit.
_MAX_EXPRESSION = 100

#: The highest power a unit may be raised to in a spec.
_MAX_POWER = 4

#: Names a spec may use besides counting units and currency codes.
_PLAIN_UNITS = (
    "percent",
    "percentage_point",
    "dimensionless",
    "day",
    "week",
    "month",
    "year",
)

#: The definitions behind the plain units, as pint's own file gives them
#: (pint has no percentage point; it is a hundredth, like a percent).
_PLAIN_DEFINITIONS = (
    "percent = 0.01 = %",
    "percentage_point = 0.01 = pp",
    "second = [time] = s",
    "minute = 60 * second = min",
    "hour = 60 * minute = h",
    "day = 24 * hour = d",
    "week = 7 * day",
    "year = 365.25 * day = a = yr",
    "month = year / 12",
)


class UnitCatalogue:
    """Parse unit expressions of specs and relate them to each other.

    Currency codes are defined on first use, from the ISO 4217 list that
    pycountry keeps, so that the registry holds only the currencies a spec
    actually names.
    """

    def __init__(self) -> None:
        import pint

        # Only the units a spec may name are defined: pint's full file holds
        # thousands, and building them with exact fractions took most of the
        # time of a whole `indicators check` run.
        self.registry: pint.UnitRegistry[Fraction] = pint.UnitRegistry(
            None,
            non_int_type=Fraction,
            autoconvert_offset_to_baseunit=False,
        )
        for definition in _PLAIN_DEFINITIONS:
            self.registry.define(definition)
        for name in COUNTING_UNITS:
            self.registry.define(f"{name} = [{name}]")
        self._currencies: set[str] = set()
        self._parsed: dict[str, pint.Unit] = {}

    def parse(self, expression: str) -> pint.Unit:
        """Return the unit that ``expression`` names, such as ``USD/transaction``.

        Raises:
            UnknownReferenceError: If a name in it is not a counting unit, a
                currency code or a unit pint knows; the message suggests the
                closest name.
        """
        unit = self._parsed.get(expression)
        if unit is not None:
            return unit

        if not expression.strip() or len(expression) > _MAX_EXPRESSION:
            raise self._unknown(expression, expression)
        if not _UNIT_EXPRESSION.fullmatch(expression):
            # Only names, numbers, * / ^, parentheses and spaces reach pint,
            # whose parser runs Python's tokenizer and fails on much else.
            raise self._unknown(expression, _first_odd_word(expression))
        self._define_currencies(expression)
        unit = self._parse_defined(expression)
        self._require_statistical(expression, unit)
        self._parsed[expression] = unit
        return unit

    def factor(self, source: pint.Unit, target: pint.Unit) -> Fraction | None:
        """Return the exact factor that turns ``source`` values into ``target``.

        Returns ``None`` when the two units measure different things.
        """
        if source == target:
            return Fraction(1)
        if source.dimensionality != target.dimensionality:
            return None
        quantity = self.registry.Quantity(Fraction(1), source).to(target)
        return Fraction(quantity.magnitude)

    def currency_of(self, unit: pint.Unit) -> str | None:
        """Return the currency code when ``unit`` is exactly one currency."""
        names = list(unit._units.items())
        if len(names) == 1 and names[0][1] == 1 and names[0][0] in self._currencies:
            return names[0][0]
        return None

    def known_names(self) -> tuple[str, ...]:
        """Return the names suggested when a unit is not recognised."""
        return (*COUNTING_UNITS, *_PLAIN_UNITS, *sorted(_iso_currencies()))

    def _define_currencies(self, expression: str) -> None:
        for word in _words(expression):
            if word in self._currencies or word not in _iso_currencies():
                continue
            self.registry.define(f"{word} = [currency_{word}]")
            self._currencies.add(word)

    def _parse_defined(self, expression: str) -> pint.Unit:
        import pint

        try:
            return self.registry.Unit(expression)
        except (
            pint.errors.UndefinedUnitError,
            pint.errors.DefinitionSyntaxError,
        ) as error:
            names = getattr(error, "unit_names", None) or (expression,)
            if isinstance(names, str):
                names = (names,)
            raise self._unknown(expression, str(names[0])) from None
        except (
            ArithmeticError,
            AttributeError,
            RecursionError,
            SyntaxError,
            TypeError,
            ValueError,
        ):
            raise self._unknown(expression, expression) from None

    def _require_statistical(self, expression: str, unit: pint.Unit) -> None:
        """Refuse units that pint knows but statistical figures do not use.

        Pint would accept metres, prefixed counts (``kiloperson``) and wild
        exponents; a report's figures are counts, amounts of money, percents
        and durations, so anything else is far more likely a typo.
        """
        allowed = {*COUNTING_UNITS, *_PLAIN_UNITS, *self._currencies}
        # Pint types exponents as any scalar, complex included; this
        # registry's are ints and Fractions.
        for name, exponent in unit._units.items():
            if name not in allowed:
                raise self._unknown(expression, name)
            if Fraction(exponent).denominator != 1 or abs(exponent) > _MAX_POWER:  # type: ignore[arg-type, operator]
                power = str(exponent) if abs(exponent) < 10**6 else "a huge power"  # type: ignore[operator]
                problem = f"the unit {expression[:40]!r} raises {name!r} to {power}"
                hint = f"use whole powers from -{_MAX_POWER} to {_MAX_POWER}"
                raise UnknownReferenceError(problem, hint=hint)

    def _unknown(self, expression: str, name: str) -> UnknownReferenceError:
        name = name.strip("'\"()[] ")
        if name.upper() in _iso_currencies():
            guesses = [name.upper()]
        else:
            # Currency codes are three letters, so several often tie; offer them.
            guesses = difflib.get_close_matches(
                name, self.known_names(), n=3, cutoff=0.6
            )
        hint = (
            f"did you mean {_one_of(guesses)}?"
            if guesses
            else (
                "use a counting unit (" + ", ".join(COUNTING_UNITS) + "), 'percent', "
                "'percentage_point', or an ISO 4217 currency code such as USD"
            )
        )
        problem = f"the unit {expression!r} is not known"
        return UnknownReferenceError(problem, found=repr(name), hint=hint)


_UNIT_EXPRESSION = re.compile(
    r"(?:[A-Za-z_][A-Za-z0-9_]*|[0-9]+)(?:\s*(?:[*/^]|\*\*)\s*(?:[A-Za-z_][A-Za-z0-9_]*|[0-9]+|\(\s*-?[0-9]+\s*\)))*"
)


def _first_odd_word(expression: str) -> str:
    """Return the first part of ``expression`` that is not a plain name."""
    for word in expression.replace("/", " ").replace("*", " ").split():
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*(\^[0-9]+)?", word):
            return word
    return expression


def _one_of(names: list[str]) -> str:
    quoted = [repr(name) for name in names]
    if len(quoted) == 1:
        return quoted[0]
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]


@cache
def unit_text(unit: pint.Unit) -> str:
    """Write ``unit`` for people, such as ``USD / transaction`` or ``person^2``.

    Pint cannot format the exact fractional exponents this registry uses,
    so units are written here from their parts. A spec has few distinct
    units, so each is written once.
    """
    above: list[str] = []
    below: list[str] = []
    # Pint types exponents as any scalar; this registry's are exact.
    for name, exponent in unit._units.items():
        if exponent == 0:
            continue
        power = abs(Fraction(exponent))  # type: ignore[arg-type]
        written = name if power == 1 else f"{name}^{_exponent_text(power)}"
        (above if exponent > 0 else below).append(written)  # type: ignore[operator]
    if not above and not below:
        return "dimensionless"
    numerator = " * ".join(above) or "1"
    return " / ".join([numerator, *below]) if below else numerator


#: Units written in words other than their name: singular, then plural.
_WORDS = {"percentage_point": ("percentage point", "percentage points")}

#: Units written shorter in table cells. "pp" is the commonest abbreviation
#: of percentage points in statistical tables ("p.p." and "% pt" are seen too).
_SYMBOLS = {"percentage_point": "pp"}


def unit_words(unit: str, number: str = "") -> str:
    """Return ``unit`` as a sentence writes it after the number ``number``.

    A percentage point is written in words, in the singular after a number
    that reads as one (``1``, ``-1``, ``≈+1``) and in the plural otherwise
    (``3.2``, ``0.5``, ``1.0``), as English counts it. Every other unit keeps
    its name, which is also what a spec writes; inside a quotient the words
    stand in for the name without a plural (``percentage point / person``).

    Args:
        unit: The unit as `unit_text` writes it.
        number: The number the unit follows, as written; empty for none,
            which gives the plural.
    """
    words = _WORDS.get(unit)
    if words is None:
        for name, (singular, _plural) in _WORDS.items():
            unit = unit.replace(name, singular)
        return unit
    singular, plural = words
    return singular if number.lstrip("≈+-−") == "1" else plural


def quantity_words(number: str, unit: str) -> str:
    """Return a number with its unit as a sentence writes it.

    A dimensionless number is written alone, since it has no unit to name.
    """
    if unit == "dimensionless":
        return number
    return f"{number} {unit_words(unit, number)}"


def unit_symbol(unit: str) -> str:
    """Return ``unit`` as a table cell writes it: ``pp`` for percentage points."""
    for name, symbol in _SYMBOLS.items():
        unit = unit.replace(name, symbol)
    return unit


def _exponent_text(power: Fraction) -> str:
    if power.denominator == 1:
        return str(power.numerator)
    return f"({power})"


def _words(expression: str) -> list[str]:
    for symbol in "*/^()0123456789.":
        expression = expression.replace(symbol, " ")
    return expression.split()


@cache
def _iso_currencies() -> frozenset[str]:
    import pycountry

    return frozenset(currency.alpha_3 for currency in pycountry.currencies)


@cache
def unit_catalogue() -> UnitCatalogue:
    """Return the catalogue shared by every spec of this process.

    Building a pint registry takes a noticeable fraction of a second, so it
    is built once, on first use.
    """
    return UnitCatalogue()
