"""Tests for the formula grammar: parsing, refusals, evaluation, rendering."""

from __future__ import annotations

import time
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indicators.exceptions import FormulaError, Location
from indicators.graph._formula import (
    BinaryOperation,
    Expression,
    Formula,
    FunctionCall,
    Negation,
    Number,
    Reference,
    fold,
    parse_formula,
)


PROPERTY_SETTINGS = settings(max_examples=200, deadline=None)


def _tree(text: str) -> Expression:
    return parse_formula(text).expression


@st.composite
def _expressions(draw: st.DrawFn, depth: int = 4) -> Expression:
    """Draw a tree of numbers, ids a, b and c, negations and + - *."""
    if depth == 0 or draw(st.booleans()):
        return draw(_leaves())

    kind = draw(st.sampled_from(["+", "-", "*", "negation"]))
    if kind == "negation":
        return Negation(draw(_expressions(depth - 1)), 0)
    left = draw(_expressions(depth - 1))
    right = draw(_expressions(depth - 1))
    return BinaryOperation(kind, left, right, 0)


def _leaves() -> st.SearchStrategy[Expression]:
    decimals = st.decimals(
        min_value=0,
        max_value=10**6,
        places=3,
        allow_nan=False,
        allow_infinity=False,
    )
    numbers = decimals.map(lambda value: Number(Fraction(value), 0))
    ids = st.sampled_from("abc").map(lambda id_: Reference(id_, 0))
    return st.one_of(numbers, ids)


def _reference_value(tree: Expression, values: dict[str, Fraction]) -> Fraction:
    """Evaluate a tree by plain recursion, independently of `fold`."""
    if isinstance(tree, Number):
        return tree.value
    if isinstance(tree, Reference):
        return values[tree.id]
    if isinstance(tree, Negation):
        return -_reference_value(tree.operand, values)

    assert isinstance(tree, BinaryOperation)
    left = _reference_value(tree.left, values)
    right = _reference_value(tree.right, values)
    if tree.operator == "+":
        return left + right
    if tree.operator == "-":
        return left - right
    return left * right


PRECEDENCE = [
    ("a + b * c", "a + (b * c)"),
    ("a * b + c", "(a * b) + c"),
    ("a - b - c", "(a - b) - c"),
    ("a - b + c", "(a - b) + c"),
    ("a / b / c", "(a / b) / c"),
    ("a / b * c", "(a / b) * c"),
    ("a * b ^ 2", "a * (b ^ 2)"),
    ("a ^ 2 * b", "(a ^ 2) * b"),
    ("-a ^ 2", "-(a ^ 2)"),
    ("-a * b", "(-a) * b"),
    ("a * -b", "a * (-b)"),
    ("2 ^ -1 * a", "(2 ^ -1) * a"),
    ("+a - b", "a - b"),
    ("a - -b", "a - (-b)"),
    ("max(a, b) * c", "(max(a, b)) * c"),
    ("a × b ÷ c − d", "a * b / c - d"),
]


class TestPrecedence:
    """Operators bind and associate as in written arithmetic."""

    @pytest.mark.parametrize(
        ("formula", "grouped"),
        PRECEDENCE,
        ids=[formula for formula, _ in PRECEDENCE],
    )
    def test_groups_as_explicit_parentheses(self, formula: str, grouped: str) -> None:
        """A formula gives the same tree as its fully parenthesized form."""
        assert _tree(formula) == _tree(grouped)

    def test_power_binds_tighter_than_leading_minus(self) -> None:
        """``-a^2`` is the negation of a square, not the square of ``-a``."""
        square = BinaryOperation("^", Reference("a", 0), Number(Fraction(2), 0), 0)

        assert _tree("-a^2") == Negation(square, 0)

    def test_power_groups_to_the_right(self) -> None:
        """In ``2^3^2`` the exponent of the first power is ``3^2``."""
        with pytest.raises(FormulaError, match=r"at column 3\b.*Found '3\^2'"):
            parse_formula("2^3^2")

    def test_left_grouped_power_is_accepted(self) -> None:
        """Parentheses make a power of a power explicit, ``(2^3)^2``."""
        assert parse_formula("(2^3)^2").evaluate({}) == 64


class TestColumns:
    """Each node records where it stands in the text, counting from 1."""

    def test_operator_and_operand_columns(self) -> None:
        """A binary operation sits at its operator, an id at its first letter."""
        tree = _tree("a +  b")

        assert isinstance(tree, BinaryOperation)
        assert (tree.column, tree.left.column, tree.right.column) == (3, 1, 6)

    def test_columns_do_not_affect_equality(self) -> None:
        """Two spellings of one formula give equal trees."""
        assert _tree("a+b") == _tree("  a   +   b")


class TestEvaluate:
    """Evaluation is exact and refuses to divide by zero."""

    def test_decimals_add_exactly(self) -> None:
        """``0.1 + 0.2`` is exactly three tenths, with no float rounding."""
        result = parse_formula("0.1 + 0.2").evaluate({})

        assert result == Fraction(3, 10)
        assert isinstance(result, Fraction)

    @pytest.mark.parametrize(
        "text", ["12", "0.5", "1e3", ".25", "3.", "2.5E-3"], ids=str
    )
    def test_literal_is_exact_decimal(self, text: str) -> None:
        """A literal's value is exactly that of the same text read by Decimal."""
        assert parse_formula(text).evaluate({}) == Fraction(Decimal(text))

    def test_exponent_notation(self) -> None:
        """``1e3`` is the number one thousand."""
        assert parse_formula("1e3").evaluate({}) == 1000

    def test_integer_division_is_exact(self) -> None:
        """Dividing two ints gives a Fraction, never a float."""
        result = parse_formula("a / b").evaluate({"a": 1, "b": 3})

        assert result == Fraction(1, 3)
        assert isinstance(result, Fraction)

    def test_values_are_substituted(self) -> None:
        """Ids take the values given for them."""
        formula = parse_formula("returns_men_2024 + returns_women_2024 - 100")
        values = {"returns_men_2024": 392805, "returns_women_2024": 467247}

        assert formula.evaluate(values) == 392805 + 467247 - 100

    def test_negative_exponent(self) -> None:
        """A negative integer exponent gives the exact reciprocal power."""
        assert parse_formula("2^-2").evaluate({}) == Fraction(1, 4)

    def test_negated_power(self) -> None:
        """``-2^2`` evaluates to minus four."""
        assert parse_formula("-2^2").evaluate({}) == -4

    @pytest.mark.parametrize(
        ("formula", "expected"),
        [("abs(a - b)", 2), ("min(a, b, 7)", 3), ("max(a, b, -1)", 5)],
        ids=["abs", "min", "max"],
    )
    def test_functions(self, formula: str, expected: int) -> None:
        """abs, min and max act on exact values."""
        assert parse_formula(formula).evaluate({"a": 3, "b": 5}) == expected

    def test_division_by_zero(self) -> None:
        """Dividing by a zero value raises ZeroDivisionError."""
        with pytest.raises(ZeroDivisionError, match="by zero"):
            parse_formula("a / (b - b)").evaluate({"a": 1, "b": 2})

    def test_negative_power_of_zero(self) -> None:
        """Zero raised to a negative power raises ZeroDivisionError."""
        with pytest.raises(ZeroDivisionError, match="negative power"):
            parse_formula("a^-1").evaluate({"a": 0})

    def test_missing_value(self) -> None:
        """An id without a value raises KeyError naming the id."""
        with pytest.raises(KeyError, match="'b'"):
            parse_formula("a + b").evaluate({"a": 1})

    def test_long_chain_has_no_recursion_limit(self) -> None:
        """A 500-term sum, a tree 499 levels deep, evaluates without recursing."""
        formula = parse_formula(" + ".join(["a"] * 500))

        assert formula.evaluate({"a": Fraction(1, 2)}) == 250


REFUSALS = [
    ("a.b", r"Attribute access.* at column 2\b"),
    ("exec(x)", r"'exec' is not available.* at column 1\b.*abs, min or max"),
    ("1 + sqrt(x)", r"'sqrt' is not available.* at column 5\b"),
    ("a[0]", r"Subscripts.* at column 2\b"),
    ("a + 'b'", r"Strings.* at column 5\b"),
    ("lambda x: x", r"keyword 'lambda'.* at column 1\b"),
    ("a if b else c", r"keyword 'if'.* at column 3\b"),
    ("a ** 2", r"'\*\*'.* at column 3\b.*Write '\^'"),
    ("__import__(a)", r"'__'.* at column 1\b"),
    ("a + __class__", r"'__'.* at column 5\b"),
    ("a, b", r"comma.* at column 2\b"),
    ("(a, b)", r"comma.* at column 3\b"),
    ("", r"empty at column 1\b"),
    ("   ", r"empty at column 1\b"),
    ("(a + b", r"never closed at column 1\b"),
    ("max(a, b", r"never closed at column 4\b"),
    ("a + b)", r"no matching '\(' at column 6\b"),
    ("a b", r"Unexpected 'b'.* at column 3\b"),
    ("2 (a)", r"Unexpected '\('.* at column 3\b"),
    ("a +", r"ends where a value was expected at column 4\b"),
    ("a + * b", r"value was expected.* at column 5\b"),
    ("2a", r"runs into a name.* at column 1\b.*'2 \* a'"),
    ("a % b", r"'%'.* at column 3\b"),
    ("2^a", r"whole-number literal at column 3\b"),
    ("2^0.5", r"whole-number literal at column 3\b"),
    ("2^1000000000", r"at most 64 in size at column 3\b"),
    ("2^-65", r"at most 64 in size at column 3\b"),
    ("((2^64)^64)^64", r"Nested powers.* at column 8\b"),
    ("1e999999999", r"exponent may be at most 64.* at column 1\b"),
    ("abs(a, b)", r"exactly one argument.* at column 1\b"),
    ("min(a)", r"at least 2 arguments.* at column 1\b"),
    ("max(a, b,)", r"value was expected.* at column 10\b"),
    ("(" * 65 + "a" + ")" * 65, r"deeper than 64 levels at column 65\b"),
    ("-" * 65 + "a", r"deeper than 64 levels at column 65\b"),
    ("a" * 2001, r"at most 2000 characters.* at column 2001\b"),
]


class TestRefusals:
    """Text outside the grammar is refused with its token and column."""

    @pytest.mark.parametrize(
        ("formula", "message"),
        REFUSALS,
        ids=[formula[:20] or "empty" for formula, _ in REFUSALS],
    )
    def test_refused_at_column(self, formula: str, message: str) -> None:
        """Each refusal names what went wrong and where."""
        with pytest.raises(FormulaError, match=message):
            parse_formula(formula)

    def test_close_function_name_is_suggested(self) -> None:
        """A near miss of an allowed function suggests the right name."""
        with pytest.raises(FormulaError, match=r"column 1\b.*Did you mean 'max'"):
            parse_formula("mx(a, b)")

    def test_refusal_has_no_location(self) -> None:
        """The parser leaves the spec location for its caller to add."""
        with pytest.raises(FormulaError) as caught:
            parse_formula("a.b")

        assert caught.value.location is None

    def test_caller_adds_location(self) -> None:
        """``with_location`` places the refusal in the spec file."""
        with pytest.raises(FormulaError) as caught:
            parse_formula("a.b")
        where = Location("spec.yaml", 12, 14, "indicators.gap.formula")

        located = caught.value.with_location(where)

        assert str(located).startswith("spec.yaml:12:14: indicators.gap.formula:")

    def test_huge_exponent_is_refused_at_once(self) -> None:
        """``2^1000000000`` is refused well before it could be computed."""
        started = time.perf_counter()
        with pytest.raises(FormulaError):
            parse_formula("2^1000000000")

        assert time.perf_counter() - started < 1

    def test_deepest_allowed_nesting(self) -> None:
        """Sixty-four nested parentheses are still accepted."""
        formula = parse_formula("(" * 64 + "a" + ")" * 64)

        assert formula.evaluate({"a": 7}) == 7

    def test_longest_allowed_formula(self) -> None:
        """A formula of exactly 2000 characters is accepted."""
        text = "1" * 2000

        assert parse_formula(text).evaluate({}) == int(text)


class TestReferences:
    """``references()`` lists the ids a formula uses."""

    def test_order_of_first_appearance(self) -> None:
        """Ids come in the order they first appear, each once."""
        formula = parse_formula("b + a * b - max(c, a) / d")

        assert formula.references() == ("b", "a", "c", "d")

    def test_no_ids(self) -> None:
        """A formula of numbers alone uses no ids."""
        assert parse_formula("1 + 2").references() == ()


ROUND_TRIPS = [
    "a+b*c",
    "(a+b)*c",
    "a-(b-c)",
    "a/(b*c)",
    "-(a+b)",
    "(-a)^2",
    "(a^2)^3",
    "--a",
    "a^-1",
    "2^+3",
    "abs(a-b)/max(a,b,0.25)",
    "0.001*1e3 - 7.50",
    "a × b ÷ c − d",
]


class TestRender:
    """Rendering writes a formula back out in one canonical form."""

    def test_canonical_spacing(self) -> None:
        """Binary operators get one space each side, powers none."""
        assert parse_formula("a+b*  c-d^2").render() == "a + b * c - d^2"

    def test_redundant_parentheses_are_dropped(self) -> None:
        """Parentheses that change nothing are left out."""
        assert parse_formula("((a))+((b*c))").render() == "a + b * c"

    def test_needed_parentheses_are_kept(self) -> None:
        """Parentheses that change the grouping stay."""
        assert parse_formula("(a+b)*(c-d)").render() == "(a + b) * (c - d)"

    def test_values_replace_ids(self) -> None:
        """With values, the auditor sees the numbers that went in."""
        formula = parse_formula("emigrants - immigrants")
        values = {"emigrants": 392805, "immigrants": 467247}

        assert formula.render(values) == "392805 - 467247"

    def test_compound_values_are_parenthesized(self) -> None:
        """A negative or fractional value is wrapped so it reads correctly."""
        formula = parse_formula("a^2 * b")
        values = {"a": -3, "b": Fraction(1, 2)}

        assert formula.render(values) == "(-3)^2 * (1/2)"

    def test_numbers_written_exactly(self) -> None:
        """A literal is written as its exact shortest decimal."""
        assert parse_formula("0.50 + 1e-3 + 2e2").render() == "0.5 + 0.001 + 200"

    @pytest.mark.parametrize("text", ROUND_TRIPS, ids=ROUND_TRIPS)
    def test_round_trip(self, text: str) -> None:
        """Parsing the rendered text gives back the same tree."""
        formula = parse_formula(text)

        assert parse_formula(formula.render()).expression == formula.expression


class TestFold:
    """``fold`` walks a tree for other modules."""

    def test_counts_nodes(self) -> None:
        """A fold can count the nodes of every kind."""
        count = fold(
            _tree("-a + max(b, 2) * c"),
            number=lambda _value: 1,
            reference=lambda _id: 1,
            negation=lambda operand: operand + 1,
            binary=lambda _sign, left, right, _node: left + right + 1,
            call=lambda _function, arguments: sum(arguments) + 1,
        )

        assert count == 8

    def test_binary_receives_its_node(self) -> None:
        """The binary callback can read a literal exponent from the node."""
        exponents: list[Expression] = []

        def binary(sign: str, left: int, right: int, node: Expression) -> int:
            assert isinstance(node, BinaryOperation)
            exponents.append(node.right)
            return 0

        fold(
            _tree("a^3"),
            number=lambda _value: 0,
            reference=lambda _id: 0,
            negation=lambda operand: operand,
            binary=binary,
            call=lambda _function, arguments: 0,
        )

        assert exponents == [Number(Fraction(3), 0)]

    def test_call_receives_all_arguments(self) -> None:
        """The call callback gets the name and each argument's result."""
        calls: list[tuple[str, list[str]]] = []

        def call(function: str, arguments: list[str]) -> str:
            calls.append((function, arguments))
            return function

        fold(
            FunctionCall("min", (Reference("x", 1), Reference("y", 1)), 1),
            number=str,
            reference=lambda id_: id_,
            negation=lambda operand: operand,
            binary=lambda _sign, left, _right, _node: left,
            call=call,
        )

        assert calls == [("min", ["x", "y"])]


class TestProperties:
    """Properties that hold for every formula, checked with hypothesis."""

    @PROPERTY_SETTINGS
    @given(_expressions())
    def test_render_then_parse_gives_equal_tree(self, tree: Expression) -> None:
        """Any tree of + - * and negation survives rendering and parsing."""
        text = Formula("", tree).render()

        assert parse_formula(text).expression == tree

    @PROPERTY_SETTINGS
    @given(
        _expressions(),
        st.fixed_dictionaries(
            {"a": st.fractions(), "b": st.fractions(), "c": st.fractions()}
        ),
    )
    def test_evaluate_matches_reference(
        self, tree: Expression, values: dict[str, Fraction]
    ) -> None:
        """Evaluation agrees with a plain recursive evaluator."""
        expected = _reference_value(tree, values)

        assert Formula("", tree).evaluate(values) == expected

    @PROPERTY_SETTINGS
    @given(st.text(max_size=60))
    def test_any_text_parses_or_is_refused(self, text: str) -> None:
        """Arbitrary text either parses or raises FormulaError, nothing else."""
        try:
            formula = parse_formula(text)
        except FormulaError as error:
            assert "at column" in str(error)
        else:
            assert formula.text == text

    @PROPERTY_SETTINGS
    @given(st.text(alphabet="ab12.e+-*/^(), ×÷−_", max_size=30))
    def test_grammar_text_round_trips(self, text: str) -> None:
        """Text made of grammar characters parses to a tree that round-trips."""
        try:
            formula = parse_formula(text)
        except FormulaError as error:
            assert "at column" in str(error)
        else:
            rendered = parse_formula(formula.render())
            assert rendered.expression == formula.expression
