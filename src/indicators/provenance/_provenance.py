"""Where each result comes from: its inputs, its facts, its source documents.

Provenance is not copied into every result. A result names its direct
inputs, and the graph links them. The source documents of a result are the
union of its inputs' sources, worked out once per entry on first demand and
interned: equal sets are one shared object, and an entry whose inputs bring
no new document reuses its input's set. A chain of a hundred thousand
indicators over a few documents thus holds a handful of sets, and asking for
the sources of its last link walks the chain once, then answers at once.
The facts of a result, which may be as many as the spec has, are found by
walking the inputs upwards when asked. Sources and facts need only each
entry's inputs; the networkx graph is drawn for the questions that go
downwards or look for a path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from ..graph._dependents import below
from ..graph._walk import FROM_INPUTS, FromInputs, settle_from


if TYPE_CHECKING:
    from ..graph import Plan
    from ..spec._model import Fact


__all__ = ["Provenance"]


class Provenance:
    """Answer lineage questions about the entries of one spec.

    Args:
        plan: The plan of the spec whose entries are asked about.
    """

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.spec = plan.spec
        self._facts: dict[str, frozenset[str]] = {}
        self._sources: dict[str, frozenset[str]] = {}
        self._inexact: dict[str, frozenset[str]] = {}
        self._periods: dict[str, frozenset[str]] = {}
        self._with_status: dict[str, frozenset[str]] = {}
        self._interned: dict[frozenset[str], frozenset[str]] = {}

    def inputs(self, entry_id: str) -> tuple[str, ...]:
        """Return the direct inputs of ``entry_id``, in the order it names them.

        An indicator over a dimension takes its member facts, input by input.
        """
        return tuple(dict.fromkeys(self.plan.inputs_of(entry_id)))

    def upstream(self, entry_id: str) -> frozenset[str]:
        """Return every fact and indicator that ``entry_id`` rests on.

        That is what it is computed from and, for an indicator over a
        dimension, the series facts it names. The walk follows each entry's
        inputs upwards, so it visits only what lies above ``entry_id`` and
        needs no graph of the whole spec.
        """
        plan = self.plan

        def rests_on(node: str) -> tuple[str, ...]:
            return plan.inputs_of(node) + plan.named_series(node)

        return self._above(entry_id, rests_on)

    def _computed_from(self, entry_id: str) -> frozenset[str]:
        """Return every fact and indicator whose value ``entry_id``'s value takes."""
        return self._above(entry_id, self.plan.inputs_of)

    def _above(
        self, entry_id: str, inputs_of: Callable[[str], tuple[str, ...]]
    ) -> frozenset[str]:
        found: set[str] = set()
        pending = list(inputs_of(entry_id))
        while pending:
            node = pending.pop()
            if node not in found:
                found.add(node)
                pending.extend(inputs_of(node))
        return frozenset(found)

    def downstream(self, entry_id: str) -> frozenset[str]:
        """Return every indicator and check that rests on ``entry_id``.

        An indicator over a dimension rests on the series facts it names as
        well as on its members, as in `upstream`.
        """
        plan = self.plan
        return frozenset(below([entry_id], plan.dependents, plan.series_dependents))

    def path(self, start: str, end: str) -> tuple[str, ...] | None:
        """Return one chain of dependencies from ``start`` to ``end``, if any.

        A step may be a series fact named by an indicator over a dimension.
        """
        import networkx as nx

        try:
            return tuple(nx.shortest_path(self.plan.graph, start, end))
        except nx.NetworkXNoPath:
            return None

    def facts(self, entry_id: str) -> frozenset[str]:
        """Return the facts that ``entry_id`` is computed from (itself, for a fact).

        The series facts an indicator over a dimension names are not among
        them: its values are its members'.
        """
        cached = self._facts.get(entry_id)
        if cached is not None:
            return cached
        if entry_id in self.spec.facts:
            found = frozenset((entry_id,))
        else:
            facts = self.spec.facts
            found = frozenset(i for i in self._computed_from(entry_id) if i in facts)
        self._facts[entry_id] = found
        return found

    def sources(self, entry_id: str) -> frozenset[str]:
        """Return the ids of the source documents ``entry_id`` rests on.

        Raises:
            KeyError: If no fact, indicator or check has that id.
        """
        return self._gathered(entry_id, self._sources, _source_of)

    def periods(self, entry_id: str) -> frozenset[str]:
        """Return the periods, as written, of the facts ``entry_id`` rests on.

        Raises:
            KeyError: If no fact, indicator or check has that id.
        """
        return self._gathered(entry_id, self._periods, _period_of)

    def facts_with_status(self, entry_id: str) -> frozenset[str]:
        """Return the facts ``entry_id`` rests on that declare an observation status.

        Raises:
            KeyError: If no fact, indicator or check has that id.
        """
        return self._gathered(entry_id, self._with_status, _if_status)

    def inexact_facts(self, entry_id: str) -> frozenset[str]:
        """Return the facts ``entry_id`` rests on that are not stated exactly.

        Raises:
            KeyError: If no fact, indicator or check has that id.
        """
        return self._gathered(entry_id, self._inexact, _if_inexact)

    def _gathered(
        self,
        entry_id: str,
        known: dict[str, frozenset[str]],
        own: Callable[[str, Fact], Iterable[str]],
    ) -> frozenset[str]:
        """Return the union over the facts below ``entry_id`` of ``own(fact)``.

        Indicators are settled inputs first by `settle_from`, which keeps its
        own stack, so a chain of any depth is walked once. A fact's own
        set is made where an indicator uses it rather than kept per fact:
        on a large spec each lookup in a table of every fact misses the
        processor's caches, and a fact's set costs less to make again.
        """
        found = known.get(entry_id)
        if found is not None:
            return found
        inputs = self.plan.inputs.get(entry_id)
        if inputs is None:
            return self._intern(frozenset(own(entry_id, self.spec.facts[entry_id])))

        facts = self.spec.facts

        def own_set(input_id: str) -> frozenset[str] | FromInputs:
            fact = facts.get(input_id)
            if fact is None:
                return FROM_INPUTS
            return self._intern(frozenset(own(input_id, fact)))

        return settle_from(
            entry_id, inputs, known, own_set, self.plan.inputs_of, self._union
        )

    def _union(
        self, _entry_id: str, parts: Sequence[frozenset[str] | None]
    ) -> frozenset[str]:
        """Return the union of ``parts``, reusing the largest when it holds the rest."""
        settled = [part for part in parts if part is not None]
        ordered = sorted(settled, key=len, reverse=True)
        if not ordered:
            return self._intern(frozenset())

        union = ordered[0]
        for part in ordered[1:]:
            if not part <= union:
                union = union | part
        return self._intern(union)

    def _intern(self, found: frozenset[str]) -> frozenset[str]:
        return self._interned.setdefault(found, found)

    def resting_on_source(self, source_id: str) -> frozenset[str]:
        """Return every fact, indicator and check that rests on ``source_id``.

        These are what a correction to the document could change, so an
        indicator that only names a series fact of the source is not among
        them. One walk down from all of the source's facts at once visits
        each entry below them once, however many of those facts it rests on.
        """
        cited = {i for i, fact in self.spec.facts.items() if fact.source == source_id}
        return frozenset(cited | below(cited, self.plan.dependents))

    def orphaned_without(self, source_id: str) -> frozenset[str]:
        """Return what would rest on no source at all if ``source_id`` were withdrawn."""
        return frozenset(
            entry_id
            for entry_id in self.resting_on_source(source_id)
            if self.sources(entry_id) == {source_id}
        )


def _source_of(_fact_id: str, fact: Fact) -> tuple[str]:
    return (fact.source,)


def _period_of(_fact_id: str, fact: Fact) -> tuple[str]:
    return (str(fact.period),)


def _if_status(fact_id: str, fact: Fact) -> tuple[str, ...]:
    return () if fact.status is None else (fact_id,)


def _if_inexact(fact_id: str, fact: Fact) -> tuple[str, ...]:
    return () if fact.qualifier == "exact" else (fact_id,)
