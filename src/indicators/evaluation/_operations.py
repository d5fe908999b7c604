"""The arithmetic of each indicator kind, exact and over whole columns.

Every kind is a function of its input values that returns an exact number
(`int` or `Fraction`). A value that cannot be computed (a division by zero,
a percent change from a zero base) is an `Undetermined` carrying its reason;
it flows on to everything computed from it instead of stopping the run.

Evaluation works on columns: one value per member of a breakdown, a single
value for a plain fact. `apply` runs one kind over whole columns at once, so
a dimension with many members costs one call per indicator, not one per
member.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import NamedTuple

from .._numbers import Number, exact, format_number
from ..graph._formula import Formula
from ..spec import _model as model


__all__ = [
    "Column",
    "Operation",
    "Pattern",
    "Undetermined",
    "Value",
    "apply",
    "operation_for",
]


@dataclass(frozen=True, slots=True)
class Undetermined:
    """A value that cannot be computed, with the reason and where it began.

    Attributes:
        reason: Why, in one sentence, such as "division by zero".
        origin: The id of the indicator where the reason arose.
        via: The indicators the value passed through on its way from
            ``origin``, the latest first; empty at the origin.
    """

    reason: str
    origin: str
    via: tuple[str, ...] = ()

    def passed_to(self, indicator_id: str) -> Undetermined:
        """Return this value as inherited by ``indicator_id``, one step on."""
        return Undetermined(self.reason, self.origin, (indicator_id, *self.via))

    def chain(self) -> tuple[str, ...]:
        """Return the ids from the holder's nearest input down to the origin."""
        return (*self.via[1:], self.origin)


Value = Number | Undetermined
Column = tuple[Value, ...]


class _Undefined(ArithmeticError):
    """Raised inside a kind's arithmetic when the result does not exist."""


class Operation(NamedTuple):
    """One indicator's arithmetic, ready to run.

    A named tuple of shared parts, with no function made for it alone: a
    spec of a million indicators builds a million of them. The text of the
    operation is written only when asked for.

    Attributes:
        indicator_id: The indicator the operation computes.
        compute: The exact arithmetic on one member's input values.
        names: The input ids, in the order ``compute`` takes them.
        pattern: How the operation is written, with ids or with values.
    """

    indicator_id: str
    compute: Callable[..., Number]
    names: tuple[str, ...]
    pattern: Pattern

    @property
    def written(self) -> str:
        """How the operation reads with the input ids put in."""
        return self.pattern.write(self.names)

    def describe(self, texts: Sequence[str]) -> str:
        """Return how the operation reads with the inputs' texts put in.

        Each input is already written for people, with its unit.
        """
        return self.pattern.write_values(texts)


@dataclass(frozen=True, slots=True)
class Pattern:
    """How one kind of operation is written.

    Attributes:
        template: A `str.format` template over the inputs, such as
            ``"{0} / {1}"``, or ``None`` to join them with ``" + "``.
    """

    template: str | None

    def write(self, words: Sequence[str]) -> str:
        """Return the operation with ``words`` in place of its inputs."""
        if self.template is None:
            return " + ".join(words)
        return self.template.format(*words)

    def write_values(self, texts: Sequence[str]) -> str:
        """Return the operation with the inputs' texts put in."""
        return self.write(texts)


@dataclass(frozen=True, slots=True)
class _FormulaPattern(Pattern):
    """How a formula is written: by the formula's own renderer."""

    formula: Formula

    def write(self, words: Sequence[str]) -> str:
        """Return the formula as written, with canonical spacing."""
        return self.formula.render()

    def write_values(self, texts: Sequence[str]) -> str:
        """Return the formula with the inputs' texts put in."""
        names = self.formula.references()
        return self.formula.render(dict(zip(names, texts, strict=True)))


@dataclass(frozen=True, slots=True)
class _FormulaArithmetic:
    """The arithmetic of one formula, callable like the other kinds'."""

    formula: Formula

    def __call__(self, *values: Number) -> Number:
        expected = len(self.formula.references())
        if len(values) != expected:
            msg = f"the formula takes {expected} values, one per id, got {len(values)}"
            raise ValueError(msg)
        return exact(Fraction(self.formula.evaluate_in_order(values)))


def apply(operation: Operation, columns: Sequence[Column], scale: Fraction) -> Column:
    """Run ``operation`` over input ``columns``, member by member.

    A member with an undetermined input is undetermined, with the first
    such input's reason and the chain of indicators it came through; the
    others are computed and scaled by ``scale``.
    """
    compute = operation.compute
    indicator_id = operation.indicator_id

    def member(*values: Value) -> Value:
        for value in values:
            if isinstance(value, Undetermined):
                return value.passed_to(indicator_id)
        try:
            result = compute(*values)
        except (_Undefined, ZeroDivisionError) as error:
            return Undetermined(str(error) or "division by zero", indicator_id)
        if scale != 1:
            result = exact(result * scale)
        return result

    if not columns:
        return (member(),)
    return tuple(map(member, *columns))


def operation_for(
    indicator_id: str, indicator: model.Indicator, direction: str | None
) -> Operation:
    """Return the operation that computes ``indicator``."""
    names = indicator.inputs()
    if isinstance(indicator, model.FormulaIndicator):
        formula = indicator.formula
        written = _FormulaPattern(None, formula)
        return Operation(indicator_id, _FormulaArithmetic(formula), names, written)

    kind = indicator.kind
    if isinstance(indicator, model.ConvertIndicator):
        kind = "convert_" + (direction or "multiply")
    compute, pattern = _KINDS[kind]
    return Operation(indicator_id, compute, names, pattern)


def _total(*values: Number) -> Number:
    return sum(values[1:], values[0])


def _minus(first: Number, second: Number) -> Number:
    return first - second


def _divide(numerator: Number, denominator: Number) -> Number:
    if denominator == 0:
        msg = "the denominator is zero"
        raise _Undefined(msg)
    return exact(Fraction(numerator, denominator))


def _percentage(part: Number, whole: Number) -> Number:
    if whole == 0:
        msg = "the whole is zero, so no share of it exists"
        raise _Undefined(msg)
    return exact(Fraction(part * 100, whole))


def _change(base: Number, new: Number) -> Number:
    if base == 0:
        msg = "the base value is zero, so a percent change from it does not exist"
        raise _Undefined(msg)
    if base < 0:
        msg = (
            f"the base value {format_number(base)} is negative, so a percent "
            "change from it would have a misleading sign"
        )
        raise _Undefined(msg)
    return exact(Fraction((new - base) * 100, base))


def _times(first: Number, second: Number) -> Number:
    return exact(first * second)


_KINDS: dict[str, tuple[Callable[..., Number], Pattern]] = {
    "sum": (_total, Pattern(None)),
    "difference": (_minus, Pattern("{0} − {1}")),
    "net_migration": (_minus, Pattern("{0} − {1}")),
    "ratio": (_divide, Pattern("{0} / {1}")),
    "share": (_percentage, Pattern("{0} / {1} × 100")),
    "percent_change": (_change, Pattern("({1} − {0}) / {0} × 100")),
    "convert_divide": (_divide, Pattern("{0} / {1}")),
    "convert_multiply": (_times, Pattern("{0} × {1}")),
}
