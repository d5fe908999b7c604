"""The dependency graph of a spec as a networkx graph, for questions of shape.

Every fact, indicator and check is a node; an edge runs from each input to
what is computed from it. An indicator over a dimension is computed from
its member facts, but it names the series facts whose members those are:
an edge marked `NAMES_SERIES` runs from each of them too, so that lineage
finds the indicator from the fact it names. Updates and what rests on a
source follow only the unmarked edges, the ones a value flows along.
Evaluation needs none of this: a spec that lists
each indicator after its inputs is computed in its own order from the
inputs each entry names. The graph is drawn when a question needs the whole
shape: sorting a spec written out of order, tracing a cycle, or following a
figure up to its facts and down to what rests on it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import networkx as nx

from ..exceptions import CyclicDependencyError
from ._references import declared_twice


if TYPE_CHECKING:
    from ..spec._model import Spec


__all__ = [
    "NAMES_SERIES",
    "computing_view",
    "dependency_graph",
    "find_cycles",
    "sorted_indicators",
]

_SECTIONS = ("facts", "indicators", "checks")

#: The attribute of an edge from a series fact to an indicator over a
#: dimension that names it; its value is ``True``. Other edges carry none.
NAMES_SERIES = "names_series"


def dependency_graph(
    spec: Spec,
    inputs: Mapping[str, tuple[str, ...]],
    named_series: Mapping[str, tuple[str, ...]] | None = None,
) -> nx.DiGraph[str]:
    """Return the graph of ``spec``: an edge from each input to its dependent.

    ``inputs`` holds the direct inputs of each indicator and check. Nodes
    carry ``section`` ("facts", "indicators" or "checks"). Inputs that name
    nothing are left out; the reference check reports them.
    ``named_series`` holds, for each indicator over a dimension, the series
    facts it names; their edges are marked `NAMES_SERIES`.
    """
    graph: nx.DiGraph[str] = nx.DiGraph()
    for section in _SECTIONS:
        graph.add_nodes_from(getattr(spec, section), section=section)

    graph.add_edges_from(
        (input_id, entry_id)
        for entry_id, entry_inputs in inputs.items()
        for input_id in entry_inputs
        if input_id in graph
    )
    for indicator_id, fact_ids in (named_series or {}).items():
        for fact_id in fact_ids:
            if fact_id in graph and not graph.has_edge(fact_id, indicator_id):
                graph.add_edge(fact_id, indicator_id, **{NAMES_SERIES: True})
    return graph


def computing_view(graph: nx.DiGraph[str]) -> nx.DiGraph[str]:
    """Return a read-only view of ``graph`` without the edges naming a series.

    Its edges are those a value flows along, from each input to what is
    computed from it; every node stays.
    """

    def computes(start: str, end: str) -> bool:
        return not graph.edges[start, end]

    # The stubs' overloads all match a graph whose attributes are typed Any,
    # so mypy gives the view as Any; it is a view of this very graph.
    view: nx.DiGraph[str] = nx.subgraph_view(graph, filter_edge=computes)
    return view


def sorted_indicators(
    spec: Spec, graph: nx.DiGraph[str]
) -> tuple[tuple[str, ...], list[CyclicDependencyError]]:
    """Return the indicators in dependency order, and an error for each cycle.

    Indicators on a cycle, and those resting on one, have no order; the
    others are still ordered so that their units can be checked in the same
    run as the cycle is reported. Sorting tells whether there is a cycle at
    no extra cost, so the search for each cycle's path runs only then.
    """
    cycles: list[CyclicDependencyError] = []
    try:
        ordered = list(nx.topological_sort(graph))
    except nx.NetworkXUnfeasible:
        cycles = find_cycles(spec, graph)
        ordered = list(nx.topological_sort(_without_cycles(graph)))
    indicators = spec.indicators
    return tuple(n for n in ordered if n in indicators), cycles


def find_cycles(spec: Spec, graph: nx.DiGraph[str]) -> list[CyclicDependencyError]:
    """Return one error for each set of indicators that depend on each other.

    Each message prints the cycle's path, such as ``a -> b -> a``. A loop
    through an id declared twice is left out: it comes from the duplicate,
    which is reported on its own.
    """
    duplicated = declared_twice(spec)
    errors = []
    for component in nx.strongly_connected_components(graph):
        if component & duplicated:
            continue
        if len(component) == 1:
            node = next(iter(component))
            if not graph.has_edge(node, node):
                continue
        cycle = _cycle_through(graph, component)
        path = " -> ".join(cycle)
        problem = f"these indicators depend on each other in a cycle: {path}"
        hint = "an indicator cannot rest on its own result; break the cycle"
        location = spec.locate((graph.nodes[cycle[0]]["section"], cycle[0]))
        errors.append(CyclicDependencyError(problem, location, cycle=cycle, hint=hint))
    return errors


def _cycle_through(graph: nx.DiGraph[str], component: set[str]) -> list[str]:
    start = min(component)
    edges = nx.find_cycle(graph.subgraph(component), source=start)
    cycle = [edge[0] for edge in edges]
    return [*cycle, cycle[0]]


def _without_cycles(graph: nx.DiGraph[str]) -> nx.DiGraph[str]:
    looped: set[str] = set()
    for component in nx.strongly_connected_components(graph):
        node = next(iter(component))
        if len(component) > 1 or graph.has_edge(node, node):
            looped |= component
    for node in list(looped):
        looped |= nx.descendants(graph, node)
    return graph.subgraph(set(graph) - looped)
