"""The structures that keep large specs cheap: shared lineage, layered tables."""

from __future__ import annotations

import subprocess
import sys
from fractions import Fraction

import networkx as nx
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from builders import fact, run
from indicators import Results, evaluate, load_spec_text
from indicators.evaluation._table import Table
from indicators.graph._dependents import below, dependents_of, in_computing_order
from indicators.provenance._provenance import Provenance


def _run_chain(length: int, source_every: int = 1, backwards: bool = False) -> Results:
    """Evaluate a chain of sums where link ``k{i}`` adds fact ``f{i}`` to ``k{i-1}``.

    Fact ``f{i}`` comes from source ``s{(i // source_every) % 3}``. With
    ``backwards``, the spec lists the last link first.
    """
    sources = {
        f"s{index}": {"title": "T", "publisher": "P", "published": "2024"}
        for index in range(3)
    }
    facts = {
        f"f{i}": fact(i, source=f"s{(i // source_every) % 3}")
        for i in range(length + 1)
    }
    indicators = {"k1": {"sum": ["f0", "f1"]}}
    for index in range(2, length + 1):
        indicators[f"k{index}"] = {"sum": [f"k{index - 1}", f"f{index}"]}
    if backwards:
        indicators = dict(reversed(indicators.items()))
    document = {
        "spec": "chain",
        "title": "A chain",
        "sources": sources,
        "facts": facts,
        "indicators": indicators,
    }
    return evaluate(
        load_spec_text(yaml.safe_dump(document, sort_keys=False), "chain.yaml")
    )


class TestComputingOrder:
    @pytest.mark.parametrize("backwards", [False, True])
    def test_the_unit_table_follows_the_computing_order(self, backwards: bool) -> None:
        """Evaluation walks the unit table beside the order, so the two must agree."""
        plan = _run_chain(30, backwards=backwards).plan

        assert tuple(plan.indicator_units) == plan.order
        assert plan.in_written_order is not backwards

    def test_a_spec_written_backwards_gives_the_same_values(self) -> None:
        """Listing the indicators last link first changes nothing computed."""
        forwards, backwards = _run_chain(30), _run_chain(30, backwards=True)

        for index in range(1, 31):
            link = f"k{index}"
            assert (
                backwards.value(link) == forwards.value(link) == sum(range(index + 1))
            )


class TestProvenanceSharing:
    def test_sources_at_the_bottom_of_a_chain_are_every_source(self) -> None:
        """The last link of a chain rests on the sources of all its facts."""
        results = _run_chain(300)

        assert results.sources_of("k300") == frozenset({"s0", "s1", "s2"})

    def test_equal_source_sets_are_one_object(self) -> None:
        """Links whose inputs bring no new document share their input's set."""
        results = _run_chain(300)

        bottom = results.provenance.sources("k300")
        assert results.provenance.sources("k150") is bottom

    def test_a_link_adds_the_source_of_its_own_fact(self) -> None:
        """Sources grow along the chain only where a new document comes in."""
        results = _run_chain(30, source_every=10)

        assert results.sources_of("k9") == frozenset({"s0"})
        assert results.sources_of("k10") == frozenset({"s0", "s1"})


def _in_order_below(inputs: dict[str, tuple[str, ...]], start: str) -> list[str]:
    dependents = dependents_of(inputs)
    reached = below([start], dependents)
    return in_computing_order(reached, lambda i: inputs.get(i, ()), dependents)


class TestDescendantsInOrder:
    def test_lists_each_descendant_after_its_inputs(self) -> None:
        """Every entry resting on the start comes after all of its own inputs."""
        inputs = {"b": ("a",), "c": ("a",), "d": ("b", "c", "x")}

        ordered = _in_order_below(inputs, "a")

        assert set(ordered) == {"b", "c", "d"}
        assert ordered.index("d") > max(ordered.index("b"), ordered.index("c"))

    def test_leaves_out_what_does_not_rest_on_the_start(self) -> None:
        """Entries beside or above the start are not visited."""
        inputs = {"b": ("a", "y"), "y": ("x",)}

        assert _in_order_below(inputs, "y") == ["b"]

    def test_an_input_named_twice_is_waited_for_once(self) -> None:
        """An entry using one input twice (``a * a``) still comes out, after it."""
        inputs = {"b": ("a",), "c": ("b", "b")}

        assert _in_order_below(inputs, "a") == ["b", "c"]

    @given(st.integers(2, 40), st.data())
    def test_agrees_with_networkx(self, size: int, data: st.DataObject) -> None:
        """The walk reaches what networkx's descendants are, in a topological order."""
        inputs = {
            f"n{i}": tuple(
                f"n{j}" for j in data.draw(st.lists(st.integers(0, i - 1), max_size=3))
            )
            for i in range(1, size)
        }
        graph = nx.DiGraph([(j, i) for i, named in inputs.items() for j in named])
        graph.add_nodes_from(["n0", *inputs])

        ordered = _in_order_below(inputs, "n0")

        assert set(ordered) == nx.descendants(graph, "n0")
        position = {entry_id: index for index, entry_id in enumerate(ordered)}
        assert all(
            position[i] < position[entry_id]
            for entry_id in ordered
            for i in inputs[entry_id]
            if i in position
        )


class TestComputeOrder:
    def test_an_indicator_declared_before_its_input_is_computed_after_it(self) -> None:
        """The order follows the inputs, not the spec, when the spec lists a user first."""
        document = {
            "spec": "order",
            "title": "Declared out of order",
            "sources": {"s": {"title": "T", "publisher": "P", "published": "2024"}},
            "facts": {"a": fact(2, source="s"), "b": fact(3, source="s")},
            "indicators": {
                "late": {"sum": ["early", "a"]},
                "early": {"sum": ["a", "b"]},
            },
        }
        results = evaluate(load_spec_text(yaml.safe_dump(document), "order.yaml"))

        assert results.plan.order == ("early", "late")
        assert results.value("late") == 7


class TestTable:
    def test_changed_leaves_the_original_unchanged(self) -> None:
        """A changed table answers with the changes; the original keeps its values."""
        original = Table({"a": 1, "b": 2, "c": 3, "d": 4, "e": 5})
        changed = original.changed({"b": 20})

        assert (original["b"], changed["b"], changed["a"]) == (2, 20, 1)

    def test_changes_past_a_quarter_are_folded_into_a_new_base(self) -> None:
        """Once the changes reach a quarter of the base they are merged into it."""
        original = Table({name: 0 for name in "abcdefgh"})
        changed = original.changed({"a": 1}).changed({"b": 2}).changed({"c": 3})

        assert dict(changed) == {**dict.fromkeys("abcdefgh", 0), "a": 1, "b": 2, "c": 3}
        assert changed._changes == {}

    def test_length_and_order_follow_the_base(self) -> None:
        """A changed table lists its ids in the base's order, each once."""
        changed = Table({"a": 1, "b": 2, "c": 3, "d": 4}).changed({"c": 30})

        assert list(changed) == ["a", "b", "c", "d"]
        assert len(changed) == 4


class TestLazyPositions:
    def test_a_valid_spec_is_read_once(self) -> None:
        """Loading and evaluating the bundled spec never reads it again for positions."""
        from indicators import load_spec
        from indicators.presentation.cli import bundled_spec_path

        spec = load_spec(bundled_spec_path())
        evaluate(spec)

        assert spec._positions._known is None

    def test_an_error_after_loading_still_names_its_line(self) -> None:
        """Positions worked out on demand place a key at the line it was written."""
        results = _run_chain(5)

        assert results.spec.locate(("indicators", "k3")).line is not None


class TestImports:
    @pytest.mark.parametrize(
        "module",
        ["indicators.spec", "indicators.graph", "indicators.evaluation"],
        ids=["spec", "graph", "evaluation"],
    )
    def test_each_stage_imports_first(self, module: str) -> None:
        """Any stage can be the first module a program imports."""
        finished = subprocess.run(
            [sys.executable, "-c", f"import {module}"], capture_output=True, text=True
        )

        assert finished.returncode == 0, finished.stderr

    def test_the_package_defers_its_dependencies(self) -> None:
        """Importing the package alone loads neither pydantic nor networkx."""
        code = "import sys, indicators; print('pydantic' in sys.modules, 'networkx' in sys.modules)"
        finished = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True
        )

        assert finished.stdout.split() == ["False", "False"]

    def test_checking_a_spec_written_in_order_never_imports_networkx(self) -> None:
        """Evaluation, findings and sources use each entry's inputs, not a graph."""
        code = (
            "import sys\n"
            "from indicators import evaluate, load_spec\n"
            "from indicators.presentation.cli import bundled_spec_path\n"
            "results = evaluate(load_spec(bundled_spec_path()))\n"
            "failed = [f.id for f in results.findings if f.status.value == 'fail']\n"
            "sources = [results.sources_of(i) for i in results.spec.indicators]\n"
            "print(len(failed) > 0, all(sources), 'networkx' in sys.modules)\n"
        )
        finished = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True
        )

        assert finished.stdout.split() == ["True", "True", "False"], finished.stderr


class TestLineageWithoutTheGraph:
    def test_walking_up_the_inputs_finds_what_the_graph_finds(self) -> None:
        """`upstream` walks the inputs; the networkx ancestors are the same set."""
        results = _run_chain(40, source_every=7)

        for entry_id in ("k1", "k17", "k40"):
            expected = nx.ancestors(results.plan.graph, entry_id)
            assert results.provenance.upstream(entry_id) == expected

    def test_sources_asked_from_the_bottom_of_a_diamond_are_the_graphs(self) -> None:
        """An entry reached by two paths is settled once, whatever is asked first."""
        results = run(
            {
                "a": fact(1, source="s0"),
                "b": fact(2, source="s1"),
                "c": fact(3, source="s2"),
            },
            {
                "x": {"sum": ["a", "b"]},
                "y": {"sum": ["x", "c"]},
                "z": {"sum": ["x", "y"]},
                "w": {"sum": ["z", "a"]},
            },
            sources=["s0", "s1", "s2"],
        )

        for entry_id in ("w", "z", "y", "x"):
            facts = results.spec.facts
            above = nx.ancestors(results.plan.graph, entry_id)
            expected = {facts[node].source for node in above if node in facts}
            assert results.sources_of(entry_id) == expected

    def test_each_entry_of_a_dense_graph_is_settled_once(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Asking for the last rung of a ladder settles every rung once, not per user."""
        facts = {f"f{i}": fact(i + 1) for i in range(60)}
        indicators = {"k0": {"sum": ["f0", "f1"]}}
        for index in range(1, 60):
            earlier = [f"k{j}" for j in range(max(0, index - 10), index)]
            indicators[f"k{index}"] = {"sum": [f"f{index}", *earlier]}
        results = run(facts, indicators)
        settled: list[int] = []
        union = Provenance._union

        def counted(
            provenance: Provenance, entry_id: str, parts: list[frozenset[str]]
        ) -> object:
            settled.append(len(parts))
            return union(provenance, entry_id, parts)

        monkeypatch.setattr(Provenance, "_union", counted)
        results.provenance.inexact_facts("k59")

        assert len(settled) == 60


class TestDeepChainsLoad:
    """Chains far deeper than Python's recursion limit are read like short ones."""

    depth = 3_000

    def _chain(self) -> dict[str, dict[str, list[str]]]:
        links = {"i0": {"sum": ["a", "a"]}}
        for index in range(1, self.depth):
            links[f"i{index}"] = {"sum": [f"i{index - 1}", "a"]}
        return links

    def test_a_difference_at_the_bottom_of_a_deep_chain(self) -> None:
        """The period rule follows the chain without recursing into it."""
        indicators = {**self._chain(), "d": {"difference": [f"i{self.depth - 1}", "a"]}}

        results = run({"a": fact(1)}, indicators)

        assert results.value("d") == self.depth

    def test_a_conversion_at_the_bottom_of_a_deep_chain(self) -> None:
        """A rate is picked for the span of a deep chain without recursing."""
        facts = {
            "a": fact(2, "KZT"),
            "rate": fact(400, "KZT/USD", period="2024-H1"),
        }
        indicators = {
            **self._chain(),
            "usd": {"convert": {"amount": f"i{self.depth - 1}", "to": "USD"}},
        }

        results = run(facts, indicators)

        assert results.value("usd") == Fraction(2 * (self.depth + 1), 400)
