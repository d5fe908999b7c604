"""The dependency graph of a spec, and the reference errors it reveals.

Every fact, indicator and check is a node; an edge runs from each input to
what is computed from it. Building the graph is where an id that names
nothing, an id declared twice, or a chain of indicators that depends on
itself is found, before any number is touched.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Set
from typing import TYPE_CHECKING

import networkx as nx

from .._suggest import CloseNames
from ..exceptions import (
    CyclicDependencyError,
    DuplicateIdError,
    Location,
    SpecError,
    UnknownReferenceError,
)


if TYPE_CHECKING:
    from ..spec._model import Spec


__all__ = [
    "dependency_graph",
    "descendants_in_order",
    "find_cycles",
    "find_reference_errors",
]

_COMPUTED = ("indicators", "checks")


def dependency_graph(spec: Spec) -> nx.DiGraph:
    """Return the graph of ``spec``: an edge from each input to its dependent.

    Nodes carry ``section`` ("facts", "indicators" or "checks"). Inputs
    that name nothing are left out; `find_reference_errors` reports them.
    """
    graph = nx.DiGraph()
    for section in ("facts", *_COMPUTED):
        graph.add_nodes_from(getattr(spec, section), section=section)

    for section in _COMPUTED:
        for entry_id, entry in getattr(spec, section).items():
            graph.add_edges_from(
                (input_id, entry_id) for input_id in entry.inputs() if input_id in graph
            )
    return graph


def find_reference_errors(
    spec: Spec, unreadable: Set[str] = frozenset()
) -> list[SpecError]:
    """Return an error for each duplicate id and each reference to nothing.

    Ids in ``unreadable`` were declared but could not be read; references to
    them are not errors of their own.
    """
    errors: list[SpecError] = list(_duplicate_ids(spec))
    errors.extend(_unknown_sources(spec, unreadable))
    errors.extend(_unknown_inputs(spec, unreadable))
    return errors


def find_cycles(spec: Spec, graph: nx.DiGraph) -> list[CyclicDependencyError]:
    """Return one error for each set of indicators that depend on each other.

    Each message prints the cycle's path, such as ``a -> b -> a``. A loop
    through an id declared twice is left out: it comes from the duplicate,
    which is reported on its own.
    """
    duplicated = _declared_twice(spec)
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


def _cycle_through(graph: nx.DiGraph, component: set[str]) -> list[str]:
    start = min(component)
    edges = nx.find_cycle(graph.subgraph(component), source=start)
    cycle = [edge[0] for edge in edges]
    return [*cycle, cycle[0]]


def _declared_twice(spec: Spec) -> set[str]:
    seen: set[str] = set()
    twice: set[str] = set()
    for section in ("facts", *_COMPUTED):
        for entry_id in getattr(spec, section):
            (twice if entry_id in seen else seen).add(entry_id)
    return twice


def _duplicate_ids(spec: Spec) -> Iterator[SpecError]:
    first_seen: dict[str, str] = {}
    for section in ("facts", *_COMPUTED):
        for entry_id in getattr(spec, section):
            if entry_id not in first_seen:
                first_seen[entry_id] = section
                continue
            earlier = spec.locate((first_seen[entry_id], entry_id))
            problem = (
                f"the id {entry_id!r} is declared in both `{first_seen[entry_id]}` "
                f"(line {earlier.line}) and `{section}`"
            )
            hint = "ids are shared by facts, indicators and checks; rename one"
            location = spec.locate((section, entry_id))
            yield DuplicateIdError(problem, location, hint=hint)


def _unknown_sources(spec: Spec, unreadable: Set[str]) -> Iterator[SpecError]:
    sources = CloseNames(spec.sources)
    for fact_id, fact in spec.facts.items():
        if fact.source in spec.sources or fact.source in unreadable:
            continue
        location = spec.locate(("facts", fact_id, "source"))
        yield unknown_reference(
            fact.source, "source", sources, location, f"fact {fact_id!r}"
        )


def _unknown_inputs(spec: Spec, unreadable: Set[str]) -> Iterator[SpecError]:
    facts, indicators = spec.facts, spec.indicators
    known: dict[str, object] = {}
    names: CloseNames | None = None
    for section in _COMPUTED:
        for entry_id, entry in getattr(spec, section).items():
            inputs = entry.inputs()
            # The common case, every input declared, builds nothing.
            if all(i in facts or i in indicators or i in unreadable for i in inputs):
                continue
            if names is None:
                known = {**facts, **indicators}
                # An id declared but unreadable is still the likely intended one.
                names = CloseNames([*known, *unreadable])
            for input_id, key in zip(inputs, entry.input_keys(), strict=True):
                if input_id in known or input_id in unreadable:
                    continue
                location = spec.locate((section, entry_id, *key))
                user = f"{section[:-1]} {entry_id!r}"
                if input_id in spec.checks:
                    yield _check_as_input(input_id, location, user)
                    continue
                yield unknown_reference(
                    input_id, "fact or indicator", names, location, user
                )


def _check_as_input(check_id: str, location: Location, user: str) -> SpecError:
    problem = f"{user} uses {check_id!r}, which is a check, not a figure"
    hint = "use the check's total or parts instead; a check has an outcome, not a value"
    return UnknownReferenceError(problem, location, hint=hint)


def unknown_reference(
    name: str,
    noun: str,
    known: CloseNames,
    location: Location,
    user: str,
) -> UnknownReferenceError:
    """Return the error for ``user`` naming ``name``, which no ``noun`` has."""
    guess = known.closest(name)
    hint = f"did you mean {guess!r}?" if guess else f"declare a {noun} {name!r}"
    problem = f"{user} uses {name!r}, but no {noun} has that id"
    return UnknownReferenceError(problem, location, hint=hint)


def descendants_in_order(graph: nx.DiGraph, start_ids: Iterable[str]) -> list[str]:
    """Return every node resting on ``start_ids``, each after all of its inputs.

    Only the descendants are visited, so the cost follows their number and
    their edges, not the size of the graph. The start nodes are left out.
    """
    reached: set[str] = set()
    for start_id in start_ids:
        reached.update(nx.descendants(graph, start_id))

    predecessors, successors = graph.pred, graph.succ
    waiting = {
        node: sum(1 for i in predecessors[node] if i in reached) for node in reached
    }
    ready = [node for node, count in waiting.items() if count == 0]
    ordered = []
    while ready:
        node = ready.pop()
        ordered.append(node)
        for dependent in successors[node]:
            waiting[dependent] -= 1
            if waiting[dependent] == 0:
                ready.append(dependent)
    return ordered
