"""Properties every evaluation must have, whatever the figures."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builders import fact, load, run
from indicators import CyclicDependencyError


counts = st.integers(min_value=0, max_value=10**9)
positive_counts = st.integers(min_value=1, max_value=10**9)
amounts = st.decimals(
    min_value=Decimal("0.01"),
    max_value=Decimal("100000000"),
    places=2,
    allow_nan=False,
    allow_infinity=False,
)
rates = st.decimals(
    min_value=Decimal("0.0001"),
    max_value=Decimal("100000"),
    places=4,
    allow_nan=False,
    allow_infinity=False,
)


class TestPercentChange:
    @given(base=positive_counts, new=counts)
    def test_applied_back_to_its_base_gives_the_new_value(
        self, base: int, new: int
    ) -> None:
        """base × (1 + change / 100) is exactly the new value."""
        results = run(
            {"old": fact(base), "new": fact(new)},
            {"c": {"percent_change": {"from": "old", "to": "new"}}},
        )

        change = results.value("c")
        assert change is not None
        assert base * (1 + Fraction(change) / 100) == new


class TestShare:
    @given(parts=st.lists(counts, min_size=1, max_size=8).filter(lambda p: sum(p) > 0))
    def test_shares_of_an_exhaustive_breakdown_sum_to_100(
        self, parts: list[int]
    ) -> None:
        """The shares of parts that make up their total add up to exactly 100."""
        facts = {f"p{i}": fact(value) for i, value in enumerate(parts)}
        facts["total"] = fact(sum(parts))
        indicators = {
            f"s{i}": {"share": {"part": f"p{i}", "whole": "total"}}
            for i in range(len(parts))
        }

        results = run(facts, indicators)

        assert sum(results.value(f"s{i}") for i in range(len(parts))) == 100


class TestSum:
    @given(
        parts=st.lists(amounts, min_size=2, max_size=8),
        order=st.randoms(use_true_random=False),
    )
    def test_does_not_depend_on_order_and_is_exact(
        self, parts: list[Decimal], order
    ) -> None:
        """A sum of decimal amounts equals their exact total in any order."""
        names = [f"a{i}" for i in range(len(parts))]
        shuffled = names[:]
        order.shuffle(shuffled)
        facts = {
            name: fact(value, "USD") for name, value in zip(names, parts, strict=True)
        }

        results = run(facts, {"forward": {"sum": names}, "shuffled": {"sum": shuffled}})

        exact_total = sum(Fraction(part) for part in parts)
        assert results.value("forward") == exact_total
        assert results.value("shuffled") == exact_total


class TestConvert:
    @given(amount=amounts, rate=rates)
    def test_there_and_back_gives_the_amount(
        self, amount: Decimal, rate: Decimal
    ) -> None:
        """Converting tenge to dollars and back with one rate returns the amount exactly."""
        results = run(
            {"amount": fact(amount, "KZT"), "rate": fact(rate, "KZT/USD")},
            {
                "usd": {"convert": {"amount": "amount", "rate": "rate", "to": "USD"}},
                "back": {"convert": {"amount": "usd", "rate": "rate", "to": "KZT"}},
            },
        )

        assert results.value("back") == Fraction(amount)


class TestCycles:
    @given(length=st.integers(min_value=1, max_value=12), data=st.data())
    def test_a_cycle_is_always_refused_naming_every_node(
        self, length: int, data
    ) -> None:
        """Any ring of indicators is refused and the message names each of them."""
        names = [f"i{n}" for n in range(length)]
        ring = data.draw(st.permutations(names))
        indicators = {
            ring[n]: {"formula": f"{ring[(n + 1) % length]} + base"}
            for n in range(length)
        }

        with pytest.raises(CyclicDependencyError) as error:
            load({"base": fact(1)}, indicators)

        assert set(error.value.cycle) == set(names)
        for name in names:
            assert repr(name)[1:-1] in str(error.value)


class TestSources:
    @given(
        assignment=st.lists(st.sampled_from(["a", "b", "c"]), min_size=2, max_size=6),
        split=st.integers(min_value=1, max_value=5),
    )
    def test_a_result_rests_on_exactly_the_union_of_its_inputs_sources(
        self, assignment: list[str], split: int
    ) -> None:
        """The sources of a sum of sums are the union of the sources of its parts."""
        split = min(split, len(assignment) - 1)
        facts = {f"f{i}": fact(i, source=src) for i, src in enumerate(assignment)}
        left = [f"f{i}" for i in range(split)]
        right = [f"f{i}" for i in range(split, len(assignment))]
        indicators = {
            "left": {"formula": " + ".join(left)},
            "right": {"formula": " + ".join(right)},
            "both": {"sum": ["left", "right"]},
        }

        results = run(facts, indicators, sources=["a", "b", "c"])

        union = results.sources_of("left") | results.sources_of("right")
        assert results.sources_of("both") == union == set(assignment)
