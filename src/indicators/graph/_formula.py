"""The small arithmetic language of ``formula:`` indicators.

A formula such as ``(returns_men_2024 + returns_women_2024) / 2`` is read by
a tokenizer and a recursive-descent parser written here, never by Python's
``eval``, ``ast`` or ``compile``: a spec is untrusted text, and the grammar
should hold exactly what an auditor can check by hand. The grammar::

    sum      := product (("+" | "-") product)*
    product  := unary (("*" | "/") unary)*
    unary    := ("+" | "-") unary | power
    power    := primary ("^" unary)?
    primary  := number | id | function "(" sum ("," sum)* ")" | "(" sum ")"

``^`` is right-associative and binds tighter than a unary minus on its left,
so ``-a^2`` is ``-(a^2)``. Its exponent must be a whole-number literal of at
most 64 in absolute value, so that no formula can ask for a number too large
to compute. Everything is exact: literals become `fractions.Fraction`.
"""

from __future__ import annotations

import difflib
import keyword
import re
from decimal import Decimal
from fractions import Fraction
from typing import NamedTuple

from indicators.exceptions import FormulaError

from ._formula_tree import (
    BinaryOperation,
    Expression,
    Formula,
    FunctionCall,
    Negation,
    Number,
    Reference,
    fold,
    write_expression,
)


__all__ = [
    "BinaryOperation",
    "Expression",
    "Formula",
    "FunctionCall",
    "Negation",
    "Number",
    "Reference",
    "fold",
    "parse_formula",
]


#: The longest formula accepted, in characters.
MAX_LENGTH = 2000

#: The deepest nesting of parentheses, calls and unary operators accepted.
MAX_DEPTH = 64

#: The largest exponent, and the largest product of nested exponents.
MAX_EXPONENT = 64

#: Each function with its least and greatest number of arguments.
FUNCTIONS: dict[str, tuple[int, int | None]] = {
    "abs": (1, 1),
    "max": (2, None),
    "min": (2, None),
}

_ALLOWED = (
    "numbers, ids, the operators + - * / ^, parentheses and calls to abs, min or max"
)

_SYMBOLS = {
    "+": "+",
    "-": "-",
    "\N{MINUS SIGN}": "-",
    "*": "*",
    "\N{MULTIPLICATION SIGN}": "*",
    "/": "/",
    "\N{DIVISION SIGN}": "/",
    "^": "^",
    "(": "(",
    ")": ")",
    ",": ",",
}

_NUMBER = re.compile(
    r"(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE](?P<exponent>[+-]?[0-9]+))?"
)
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_WORD_CHARACTER = re.compile(r"[A-Za-z0-9_.]")
_QUOTES = "'\"\N{LEFT SINGLE QUOTATION MARK}\N{RIGHT SINGLE QUOTATION MARK}" + (
    "\N{LEFT DOUBLE QUOTATION MARK}\N{RIGHT DOUBLE QUOTATION MARK}"
)


def parse_formula(text: str) -> Formula:
    """Read a formula, refusing anything outside the grammar.

    Raises:
        FormulaError: The text is empty, too long, nests too deep, or holds
            a token the grammar does not allow. The message names the token
            and its column; the error has no spec location yet, which the
            caller adds with ``error.with_location(...)``.

    Returns:
        The formula with its expression tree.
    """
    _check_length(text)
    tokens = _tokenize(text)
    expression = _Parser(tokens).parse()
    _check_power_growth(expression)
    return Formula(text, expression)


def _refusal(
    problem: str,
    column: int,
    found: str | None,
    *,
    expected: str = _ALLOWED,
    hint: str | None = None,
) -> FormulaError:
    return FormulaError(
        f"{problem} at column {column}",
        found=found,
        expected=expected,
        hint=hint,
    )


def _check_length(text: str) -> None:
    if len(text) > MAX_LENGTH:
        msg = f"A formula may be at most {MAX_LENGTH} characters long; this one goes on"
        raise _refusal(
            msg,
            MAX_LENGTH + 1,
            f"{len(text)} characters",
            expected=f"at most {MAX_LENGTH} characters",
            hint="Split it into intermediate indicators, each with a shorter formula",
        )
    if not text.strip():
        msg = "The formula is empty"
        raise _refusal(
            msg,
            1,
            repr(text),
            expected="an arithmetic expression such as 'a - b'",
            hint="Write the arithmetic, or use another kind of indicator",
        )


class _Token(NamedTuple):
    """One token: ``kind`` is number, name, symbol or end."""

    kind: str
    text: str
    column: int
    symbol: str = ""


def _tokenize(text: str) -> list[_Token]:
    """Split a formula into tokens, refusing characters outside the grammar.

    Raises:
        FormulaError: A character or word that no formula may contain.
    """
    tokens: list[_Token] = []
    position = 0
    while position < len(text):
        if text[position].isspace():
            position += 1
            continue
        previous = tokens[-1] if tokens else None
        token = _read_token(text, position, previous)
        tokens.append(token)
        position += len(token.text)

    tokens.append(_Token("end", "", len(text) + 1))
    return tokens


def _read_token(text: str, position: int, previous: _Token | None) -> _Token:
    column = position + 1
    character = text[position]
    follows_value = previous is not None and (
        previous.kind == "name" or previous.symbol == ")"
    )
    if character == "." and follows_value:
        raise _attribute_access(column)

    number = _NUMBER.match(text, position)
    if number:
        return _read_number(text, number, column)
    name = _NAME.match(text, position)
    if name:
        return _read_name(name.group(), column)
    return _read_symbol(text, position, column)


def _attribute_access(column: int) -> FormulaError:
    return _refusal(
        "Attribute access is not allowed in a formula",
        column,
        repr("."),
        hint="Refer to a fact or indicator by its id alone, without a dot",
    )


def _read_number(text: str, number: re.Match[str], column: int) -> _Token:
    end = number.end()
    if end < len(text) and _WORD_CHARACTER.match(text, end):
        msg = "A number runs into a name or another number"
        raise _refusal(
            msg,
            column,
            repr(number.group() + text[end]),
            hint="Put an operator between them, such as '2 * a'",
        )

    exponent = number.group("exponent")
    if exponent is not None and abs(int(exponent)) > MAX_EXPONENT:
        msg = f"A number's exponent may be at most {MAX_EXPONENT} in size"
        raise _refusal(
            msg,
            column,
            repr(number.group()),
            expected=f"an exponent from -{MAX_EXPONENT} to {MAX_EXPONENT}",
            hint="Express the value in a unit that keeps it small",
        )
    return _Token("number", number.group(), column)


def _read_name(name: str, column: int) -> _Token:
    if name.startswith("__"):
        msg = "Names starting with '__' are not allowed in a formula"
        raise _refusal(
            msg,
            column,
            repr(name),
            expected="an id starting with a letter, or with a single '_'",
            hint="Rename the fact or indicator so it does not start with '__'",
        )
    if keyword.iskeyword(name):
        msg = f"The Python keyword {name!r} is not allowed in a formula"
        raise _refusal(
            msg,
            column,
            repr(name),
            hint="A formula is plain arithmetic; put conditions and loops in"
            " code, not in the spec",
        )
    return _Token("name", name, column)


def _read_symbol(text: str, position: int, column: int) -> _Token:
    pair = text[position : position + 2]
    if pair in ("**", "//"):
        msg = f"The Python operator {pair!r} is not allowed in a formula"
        raise _refusal(
            msg,
            column,
            repr(pair),
            hint="Write '^' for a power"
            if pair == "**"
            else "Write '/'; division is exact",
        )

    character = text[position]
    if character in _SYMBOLS:
        return _Token("symbol", character, column, _SYMBOLS[character])
    raise _unknown_character(character, column)


def _unknown_character(character: str, column: int) -> FormulaError:
    if character in "[]":
        problem = "Subscripts are not allowed in a formula"
        hint = "Refer to each value by its own id"
    elif character in _QUOTES:
        problem = "Strings are not allowed in a formula"
        hint = "Write ids without quotes, and numbers as digits"
    elif character == ".":
        problem = "A '.' must belong to a number such as 0.5"
        hint = "Write a digit next to the decimal point"
    else:
        problem = f"The character {character!r} is not allowed in a formula"
        hint = "Use only the characters of numbers, ids and + - * / ^ ( ) ,"
    return _refusal(problem, column, repr(character), hint=hint)


class _Parser:
    """Read tokens into a tree, one grammar rule per method.

    Every rule that recurses counts its depth first, so a deeply nested
    formula is refused with a `FormulaError` long before Python's own
    recursion limit.
    """

    def __init__(self, tokens: list[_Token]) -> None:
        self._tokens = tokens
        self._position = 0
        self._depth = 0

    def parse(self) -> Expression:
        expression = self._sum()
        self._expect_end()
        return expression

    def _peek(self) -> _Token:
        return self._tokens[self._position]

    def _advance(self) -> _Token:
        token = self._tokens[self._position]
        self._position += 1
        return token

    def _enter(self, token: _Token) -> None:
        self._depth += 1
        if self._depth > MAX_DEPTH:
            msg = f"The formula nests deeper than {MAX_DEPTH} levels"
            raise _refusal(
                msg,
                token.column,
                repr(token.text),
                expected=f"at most {MAX_DEPTH} nested parentheses, calls and signs",
                hint="Split it into intermediate indicators",
            )

    def _leave(self) -> None:
        self._depth -= 1

    def _sum(self) -> Expression:
        left = self._product()
        while self._peek().symbol in ("+", "-"):
            sign = self._advance()
            right = self._product()
            left = BinaryOperation(sign.symbol, left, right, sign.column)
        return left

    def _product(self) -> Expression:
        left = self._unary()
        while self._peek().symbol in ("*", "/"):
            sign = self._advance()
            right = self._unary()
            left = BinaryOperation(sign.symbol, left, right, sign.column)
        return left

    def _unary(self) -> Expression:
        sign = self._peek()
        if sign.symbol not in ("+", "-"):
            return self._power()

        self._advance()
        self._enter(sign)
        operand = self._unary()
        self._leave()

        if sign.symbol == "+":
            return operand
        return Negation(operand, sign.column)

    def _power(self) -> Expression:
        base = self._primary()
        if self._peek().symbol != "^":
            return base

        caret = self._advance()
        self._enter(caret)
        start = self._peek()
        exponent = self._unary()
        self._leave()

        _check_exponent(exponent, start.column)
        return BinaryOperation("^", base, exponent, caret.column)

    def _primary(self) -> Expression:
        token = self._advance()
        if token.kind == "number":
            return Number(Fraction(Decimal(token.text)), token.column)
        if token.kind == "name" and self._peek().symbol == "(":
            return self._call(token)
        if token.kind == "name":
            return Reference(token.text, token.column)
        if token.symbol == "(":
            return self._group(token)
        raise _missing_operand(token)

    def _group(self, opening: _Token) -> Expression:
        self._enter(opening)
        inner = self._sum()
        self._close(opening)
        self._leave()
        return inner

    def _call(self, name: _Token) -> Expression:
        _check_function(name)
        opening = self._advance()
        self._enter(opening)
        arguments = [self._sum()]
        while self._peek().symbol == ",":
            self._advance()
            arguments.append(self._sum())
        self._close(opening)
        self._leave()

        _check_arity(name, len(arguments))
        return FunctionCall(name.text, tuple(arguments), name.column)

    def _close(self, opening: _Token) -> None:
        token = self._advance()
        if token.symbol == ")":
            return
        if token.kind == "end":
            msg = "The parenthesis opened here is never closed"
            raise _refusal(
                msg,
                opening.column,
                repr(opening.text),
                expected="a matching ')'",
                hint="Add ')' where the group or call should end",
            )
        if token.symbol == ",":
            raise _stray_comma(token)
        raise _unexpected(token, "an operator or ')'")

    def _expect_end(self) -> None:
        token = self._peek()
        if token.kind == "end":
            return
        if token.symbol == ",":
            raise _stray_comma(token)
        if token.symbol == ")":
            msg = "A closing parenthesis has no matching '('"
            raise _refusal(
                msg,
                token.column,
                repr(token.text),
                expected="as many '(' as ')'",
                hint="Remove the ')' or add the '(' it closes",
            )
        raise _unexpected(token, "an operator or the end of the formula")


def _missing_operand(token: _Token) -> FormulaError:
    if token.kind == "end":
        return _refusal(
            "The formula ends where a value was expected",
            token.column,
            None,
            expected="a number, an id, '(' or a call to abs, min or max",
            hint="Complete the last operation, or remove its operator",
        )
    return _refusal(
        f"A value was expected, not {token.text!r},",
        token.column,
        repr(token.text),
        expected="a number, an id, '(' or a call to abs, min or max",
        hint="Write the missing operand, or remove the extra symbol",
    )


def _unexpected(token: _Token, expected: str) -> FormulaError:
    return _refusal(
        f"Unexpected {token.text!r} after a complete expression",
        token.column,
        repr(token.text),
        expected=expected,
        hint="Join the parts with an operator such as '+' or '*'",
    )


def _stray_comma(token: _Token) -> FormulaError:
    return _refusal(
        "A comma may only separate the arguments of a function call",
        token.column,
        repr(token.text),
        expected="a comma only inside abs(...), min(...) or max(...)",
        hint="Remove the comma, or write the call it belongs to",
    )


def _check_function(name: _Token) -> None:
    if name.text in FUNCTIONS:
        return

    close = difflib.get_close_matches(name.text, FUNCTIONS, n=3, cutoff=0.5)
    if close:
        hint = "Did you mean " + " or ".join(repr(match) for match in close) + "?"
    else:
        hint = "Compute the value as its own indicator, then refer to its id"
    msg = f"The function {name.text!r} is not available in a formula"
    raise _refusal(
        msg,
        name.column,
        repr(name.text),
        expected="a call to abs, min or max",
        hint=hint,
    )


def _check_arity(name: _Token, count: int) -> None:
    least, most = FUNCTIONS[name.text]
    if count >= least and (most is None or count <= most):
        return

    wanted = "exactly one argument" if most == 1 else f"at least {least} arguments"
    msg = f"The function {name.text!r} takes {wanted}, not {count},"
    raise _refusal(
        msg,
        name.column,
        repr(name.text),
        expected=wanted,
        hint=f"Give {name.text}() {wanted}",
    )


def _literal_exponent(exponent: Expression) -> int | None:
    """Return the exponent as a whole number when it is a literal one."""
    sign = 1
    if isinstance(exponent, Negation):
        sign, exponent = -1, exponent.operand
    if isinstance(exponent, Number) and exponent.value.denominator == 1:
        return sign * exponent.value.numerator
    return None


def _check_exponent(exponent: Expression, column: int) -> None:
    value = _literal_exponent(exponent)
    if value is not None and abs(value) <= MAX_EXPONENT:
        return

    expected = f"a whole number from -{MAX_EXPONENT} to {MAX_EXPONENT}"
    if value is None:
        problem = "The exponent of '^' must be a whole-number literal"
        hint = "Write the exponent as digits, such as 'a^2' or 'a^-1'"
    else:
        problem = f"The exponent of '^' may be at most {MAX_EXPONENT} in size"
        hint = "Express the quantities in units that need a smaller power"
    raise _refusal(
        problem,
        column,
        repr(write_expression(exponent)),
        expected=expected,
        hint=hint,
    )


def _check_power_growth(expression: Expression) -> None:
    """Refuse powers of powers whose exponents multiply past the limit.

    Each power is small, but ``((2^64)^64)^64`` would still be too large a
    number to compute, so the exponents along a chain of nested powers
    multiply to at most `MAX_EXPONENT`.

    Raises:
        FormulaError: A nested power grows the number too far.
    """

    def grow(_operator: str, left: int, right: int, node: Expression) -> int:
        if not isinstance(node, BinaryOperation) or node.operator != "^":
            return max(left, right)
        growth = left * max(1, abs(_literal_exponent(node.right) or 0))
        if growth > MAX_EXPONENT:
            msg = f"Nested powers multiply their exponents past {MAX_EXPONENT}"
            raise _refusal(
                msg,
                node.column,
                repr(write_expression(node)),
                expected=f"nested exponents whose product is at most {MAX_EXPONENT}",
                hint="Multiply the exponents yourself and write a single power",
            )
        return growth

    fold(
        expression,
        number=lambda _value: 1,
        reference=lambda _id: 1,
        negation=lambda operand: operand,
        binary=grow,
        call=lambda _function, arguments: max(arguments),
    )
