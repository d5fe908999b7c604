"""Where each result comes from: its inputs, its facts, its source documents.

Provenance is not copied into every result. A result names its direct
inputs; the facts and documents it rests on are found by walking the
dependency graph upwards when asked, so a long chain of indicators costs no
more memory than the graph itself, and the answer is always consistent with
the graph the engine evaluated.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import networkx as nx

from ..spec._model import Spec


if TYPE_CHECKING:
    from ..graph._series import MemberTable


__all__ = ["Provenance"]


class Provenance:
    """Answer lineage questions about the entries of one spec.

    Args:
        spec: The spec whose entries are asked about.
        graph: Its dependency graph, with an edge from each input to its
            dependent.
        members: The member facts of each indicator over a dimension.
    """

    def __init__(
        self,
        spec: Spec,
        graph: nx.DiGraph,
        members: Mapping[str, MemberTable] | None = None,
    ) -> None:
        self.spec = spec
        self.graph = graph
        self.members = members or {}
        self._facts: dict[str, frozenset[str]] = {}

    def inputs(self, entry_id: str) -> tuple[str, ...]:
        """Return the direct inputs of ``entry_id``, in the order it names them.

        An indicator over a dimension takes its member facts, input by input.
        """
        if entry_id in self.spec.facts:
            return ()
        table = self.members.get(entry_id)
        if table is not None:
            return table.all_facts()
        return tuple(dict.fromkeys(self.spec.entry(entry_id).inputs()))

    def upstream(self, entry_id: str) -> frozenset[str]:
        """Return every fact and indicator that ``entry_id`` rests on."""
        return frozenset(nx.ancestors(self.graph, entry_id))

    def downstream(self, entry_id: str) -> frozenset[str]:
        """Return every indicator and check that rests on ``entry_id``."""
        return frozenset(nx.descendants(self.graph, entry_id))

    def path(self, start: str, end: str) -> tuple[str, ...] | None:
        """Return one chain of dependencies from ``start`` to ``end``, if any."""
        try:
            return tuple(nx.shortest_path(self.graph, start, end))
        except nx.NetworkXNoPath:
            return None

    def facts(self, entry_id: str) -> frozenset[str]:
        """Return the facts that ``entry_id`` rests on (itself, for a fact)."""
        cached = self._facts.get(entry_id)
        if cached is not None:
            return cached
        if entry_id in self.spec.facts:
            found = frozenset((entry_id,))
        else:
            found = frozenset(
                node for node in self.upstream(entry_id) if node in self.spec.facts
            )
        self._facts[entry_id] = found
        return found

    def sources(self, entry_id: str) -> frozenset[str]:
        """Return the ids of the source documents ``entry_id`` rests on."""
        facts = self.spec.facts
        return frozenset(facts[fact_id].source for fact_id in self.facts(entry_id))

    def resting_on_source(self, source_id: str) -> frozenset[str]:
        """Return every fact, indicator and check that rests on ``source_id``."""
        direct = [i for i, fact in self.spec.facts.items() if fact.source == source_id]
        found = set(direct)
        for fact_id in direct:
            found.update(self.downstream(fact_id))
        return frozenset(found)

    def orphaned_without(self, source_id: str) -> frozenset[str]:
        """Return what would rest on no source at all if ``source_id`` were withdrawn."""
        return frozenset(
            entry_id
            for entry_id in self.resting_on_source(source_id)
            if self.sources(entry_id) == {source_id}
        )
