"""The expression tree of a formula: its nodes, how to walk them, and the
`Formula` that computes and writes itself from them.

The parser in `_formula` builds these trees from text; everything here
trusts the tree it is given. Every computation is exact.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from typing import NamedTuple, TypeVar


__all__ = [
    "BinaryOperation",
    "Expression",
    "Formula",
    "FunctionCall",
    "Negation",
    "Number",
    "Reference",
    "fold",
    "write_expression",
]

T = TypeVar("T")


_ATOM = re.compile(r"[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|[A-Za-z_][A-Za-z0-9_]*")


_ADDITIVE, _MULTIPLICATIVE, _UNARY, _POWER, _ATOMIC = range(1, 6)


@dataclass(frozen=True, slots=True)
class Number:
    """A literal number, kept exact.

    Columns count from 1 in the formula text. They locate errors but are not
    part of a node's identity, so two trees written with different spacing
    compare equal.
    """

    value: Fraction
    column: int = field(compare=False)


@dataclass(frozen=True, slots=True)
class Reference:
    """The id of a fact or indicator whose value the formula uses."""

    id: str
    column: int = field(compare=False)


@dataclass(frozen=True, slots=True)
class Negation:
    """A unary minus; ``column`` is where the minus sign stands."""

    operand: Expression
    column: int = field(compare=False)


@dataclass(frozen=True, slots=True)
class BinaryOperation:
    """``left operator right``; ``column`` is where the operator stands.

    ``operator`` is one of ``+``, ``-``, ``*``, ``/`` and ``^``, already
    translated from the typographic signs ``×``, ``÷`` and ``−``.
    """

    operator: str
    left: Expression
    right: Expression
    column: int = field(compare=False)


@dataclass(frozen=True, slots=True)
class FunctionCall:
    """A call to ``abs``, ``min`` or ``max``; ``column`` is the name's."""

    function: str
    arguments: tuple[Expression, ...]
    column: int = field(compare=False)


Expression = Number | Reference | Negation | BinaryOperation | FunctionCall


def fold(
    expression: Expression,
    *,
    number: Callable[[Fraction], T],
    reference: Callable[[str], T],
    negation: Callable[[T], T],
    binary: Callable[[str, T, T, Expression], T],
    call: Callable[[str, list[T]], T],
) -> T:
    """Reduce a tree bottom-up, calling one function per kind of node.

    Evaluation, rendering and unit inference all walk the same tree, so the
    walk lives here once. It keeps its own stack rather than recursing: a
    long chain such as ``1 + 1 + ... + 1`` is a tree a thousand levels deep.
    ``binary`` also receives the node itself, so that a caller can read a
    literal exponent.

    Returns:
        What the given functions make of the whole tree.
    """
    results: list[T] = []
    pending: list[tuple[Expression, bool]] = [(expression, False)]
    while pending:
        node, children_done = pending.pop()
        if isinstance(node, Number):
            results.append(number(node.value))
        elif isinstance(node, Reference):
            results.append(reference(node.id))
        elif children_done:
            results.append(_combine(node, results, negation, binary, call))
        else:
            pending.append((node, True))
            children = reversed(_children(node))
            pending.extend((child, False) for child in children)
    return results[0]


def _children(
    node: Negation | BinaryOperation | FunctionCall,
) -> tuple[Expression, ...]:
    if isinstance(node, Negation):
        return (node.operand,)
    if isinstance(node, BinaryOperation):
        return (node.left, node.right)
    return node.arguments


def _combine(
    node: Negation | BinaryOperation | FunctionCall,
    results: list[T],
    negation: Callable[[T], T],
    binary: Callable[[str, T, T, Expression], T],
    call: Callable[[str, list[T]], T],
) -> T:
    """Pop the results of a node's children and combine them."""
    count = len(_children(node))
    operands = results[len(results) - count :]
    del results[len(results) - count :]

    if isinstance(node, Negation):
        return negation(operands[0])
    if isinstance(node, BinaryOperation):
        return binary(node.operator, operands[0], operands[1], node)
    return call(node.function, operands)


@dataclass(frozen=True)
class Formula:
    """A parsed formula: the text as written and its expression tree.

    Build one with `parse_formula`, which checks the text against the
    grammar; the methods then trust the tree.
    """

    text: str
    expression: Expression

    def references(self) -> tuple[str, ...]:
        """Return the ids used, in order of first appearance, each once."""
        return self._references

    @cached_property
    def _references(self) -> tuple[str, ...]:
        # Evaluation asks for the ids once per formula indicator; walking the
        # tree each time cost as much as the arithmetic.
        ids = fold(
            self.expression,
            number=lambda _value: (),
            reference=lambda id_: (id_,),
            negation=lambda operand: operand,
            binary=lambda _operator, left, right, _node: left + right,
            call=lambda _function, arguments: sum(arguments, ()),
        )
        return tuple(dict.fromkeys(ids))

    def evaluate_in_order(self, values: Sequence[Fraction | int]) -> Fraction | int:
        """Compute the formula from the values of `references`, in that order.

        The arithmetic is `evaluate`'s, walked without `fold`'s callbacks:
        evaluation runs once per indicator and member, where the generic
        walk cost more than the arithmetic itself.

        Raises:
            ZeroDivisionError: A division by zero, or zero raised to a
                negative power.
        """
        position = self._positions
        results: list[Fraction | int] = []
        pending: list[tuple[Expression, bool]] = [(self.expression, False)]
        while pending:
            node, children_done = pending.pop()
            match node:
                case Number():
                    results.append(node.value)
                case Reference():
                    results.append(values[position[node.id]])
                case _ if not children_done:
                    pending.append((node, True))
                    children = reversed(_children(node))
                    pending.extend((child, False) for child in children)
                case BinaryOperation():
                    right = results.pop()
                    results[-1] = _apply(node.operator, results[-1], right, node)
                case Negation():
                    results[-1] = -results[-1]
                case FunctionCall():
                    count = len(node.arguments)
                    arguments = results[len(results) - count :]
                    del results[len(results) - count :]
                    results.append(_call(node.function, arguments))
        return results[0]

    @cached_property
    def _positions(self) -> dict[str, int]:
        return {name: index for index, name in enumerate(self.references())}

    def evaluate(self, values: Mapping[str, Fraction | int]) -> Fraction | int:
        """Compute the formula exactly from the values of its ids.

        Raises:
            KeyError: An id of the formula has no value in ``values``.
            ZeroDivisionError: A division by zero, or zero raised to a
                negative power.

        Returns:
            A `Fraction`, or an `int` when the formula is a bare id whose
            value is one.
        """

        def look_up(id_: str) -> Fraction | int:
            if id_ not in values:
                msg = f"The formula {self.text!r} needs a value for {id_!r}"
                raise KeyError(msg)
            return values[id_]

        return fold(
            self.expression,
            number=_exact,
            reference=look_up,
            negation=_negate,
            binary=_apply,
            call=_call,
        )

    def render(self, values: Mapping[str, object] | None = None) -> str:
        """Write the formula out with canonical spacing and few parentheses.

        With ``values``, each id that has one is written as ``str(value)``
        instead, so that an auditor sees the numbers that went in, such as
        ``392805 - 467247``. A value whose text is not a plain unsigned number
        is put in parentheses, so that ``-3`` squared reads ``(-3)^2``. Ids
        without a value are written as ids.

        Returns:
            The formula text. Without ``values``, parsing it gives back an
            equal tree, unless a hand-built `Number` holds a value with no
            finite decimal form, such as 1/3.
        """
        return _render(self.expression, values or {}).text


def _exact(value: Fraction) -> Fraction | int:
    return value


def _negate(value: Fraction | int) -> Fraction | int:
    return -value


def _apply(
    sign: str,
    left: Fraction | int,
    right: Fraction | int,
    _node: Expression,
) -> Fraction | int:
    if sign == "+":
        return left + right
    if sign == "-":
        return left - right
    if sign == "*":
        return left * right
    if sign == "/":
        return _divide(left, right)
    return _power(left, right)


def _divide(left: Fraction | int, right: Fraction | int) -> Fraction:
    if right == 0:
        msg = f"The formula divides {left} by zero"
        raise ZeroDivisionError(msg)
    return Fraction(left) / right


def _power(base: Fraction | int, exponent: Fraction | int) -> Fraction:
    if base == 0 and exponent < 0:
        msg = f"The formula raises zero to the negative power {exponent}"
        raise ZeroDivisionError(msg)
    return Fraction(base) ** int(exponent)


def _call(function: str, arguments: list[Fraction | int]) -> Fraction | int:
    if function == "abs":
        return _negate(arguments[0]) if arguments[0] < 0 else arguments[0]
    exact = [Fraction(argument) for argument in arguments]
    return min(exact) if function == "min" else max(exact)


def write_expression(expression: Expression) -> str:
    """Write an expression tree back out as formula text, with canonical spacing."""
    return _render(expression, {}).text


class _Rendered(NamedTuple):
    """Text of a subtree and how tightly its outermost operation binds."""

    text: str
    precedence: int


def _render(expression: Expression, values: Mapping[str, object]) -> _Rendered:
    def reference(id_: str) -> _Rendered:
        if id_ not in values:
            return _Rendered(id_, _ATOMIC)
        text = str(values[id_])
        if not _ATOM.fullmatch(text):
            text = f"({text})"
        return _Rendered(text, _ATOMIC)

    return fold(
        expression,
        number=_render_number,
        reference=reference,
        negation=_render_negation,
        binary=_render_binary,
        call=_render_call,
    )


def _render_number(value: Fraction) -> _Rendered:
    precedence = _UNARY if value < 0 else _ATOMIC
    return _Rendered(_number_text(value), precedence)


def _number_text(value: Fraction) -> str:
    """Write a value as the shortest literal that reads back exactly.

    A value with no finite decimal form, such as 1/3, cannot come from a
    literal; it is written as a parenthesized division.
    """
    sign = "-" if value < 0 else ""
    numerator, denominator = abs(value.numerator), value.denominator
    if denominator == 1:
        return f"{sign}{numerator}"

    places = _decimal_places(denominator)
    if places is None:
        return f"({sign}{numerator} / {denominator})"
    digits = str(numerator * 10**places // denominator).rjust(places + 1, "0")
    return f"{sign}{digits[:-places]}.{digits[-places:]}"


def _decimal_places(denominator: int) -> int | None:
    """Return how many decimal places 1/denominator needs, if finitely many."""
    twos = fives = 0
    while denominator % 2 == 0:
        denominator //= 2
        twos += 1
    while denominator % 5 == 0:
        denominator //= 5
        fives += 1
    return max(twos, fives) if denominator == 1 else None


def _render_negation(operand: _Rendered) -> _Rendered:
    return _Rendered("-" + _wrap(operand, operand.precedence < _UNARY), _UNARY)


def _render_binary(
    sign: str,
    left: _Rendered,
    right: _Rendered,
    _node: Expression,
) -> _Rendered:
    if sign == "^":
        left_text = _wrap(left, left.precedence < _ATOMIC)
        right_text = _wrap(right, right.precedence < _UNARY)
        return _Rendered(f"{left_text}^{right_text}", _POWER)

    precedence = _ADDITIVE if sign in "+-" else _MULTIPLICATIVE
    left_text = _wrap(left, left.precedence < precedence)
    right_text = _wrap(right, right.precedence <= precedence)
    return _Rendered(f"{left_text} {sign} {right_text}", precedence)


def _render_call(function: str, arguments: list[_Rendered]) -> _Rendered:
    texts = ", ".join(argument.text for argument in arguments)
    return _Rendered(f"{function}({texts})", _ATOMIC)


def _wrap(rendered: _Rendered, needed: bool) -> str:
    return f"({rendered.text})" if needed else rendered.text
