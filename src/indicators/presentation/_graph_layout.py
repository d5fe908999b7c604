"""Lay the dependency graph out for drawing, without an external program.

Nodes go in columns by topological generation: facts on the left, then each
indicator one column right of its latest input, checks where their inputs
end. Inside a column, nodes are ordered by the mean row of their inputs
(the barycentre heuristic), which keeps most edges short and uncrossed.
Entries that nothing uses and that use nothing are left out of the drawing
and counted, so a spec with many unused facts still draws its structure.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx


__all__ = ["EdgePath", "Layout", "NodeBox", "layout_graph"]

NODE_WIDTH = 210
NODE_HEIGHT = 30
COLUMN_GAP = 90
ROW_GAP = 10
MARGIN = 20

#: Down-and-up passes of the barycentre ordering; more barely help.
_SWEEPS = 4


@dataclass(frozen=True, slots=True)
class NodeBox:
    """Where one entry is drawn: the top-left corner of its box."""

    id: str
    section: str
    x: int
    y: int
    width: int = NODE_WIDTH
    height: int = NODE_HEIGHT


@dataclass(frozen=True, slots=True)
class EdgePath:
    """One dependency, from the right side of the input to the left of its user.

    Attributes:
        start, end: The ids it joins.
        d: The SVG path data of a smooth curve between the two boxes.
    """

    start: str
    end: str
    d: str


@dataclass(frozen=True, slots=True)
class Layout:
    """A drawing of the graph: boxes, curves, size and what was left out."""

    nodes: tuple[NodeBox, ...]
    edges: tuple[EdgePath, ...]
    width: int
    height: int
    left_out: int


def layout_graph(graph: nx.DiGraph[str]) -> Layout:
    """Return the positions of the connected entries of ``graph``, in columns."""
    connected = graph.subgraph(n for n in graph.nodes if graph.degree(n) > 0)
    columns = _ordered_columns(connected)
    rows = _rows(connected, columns)
    boxes = {
        entry_id: NodeBox(
            entry_id,
            graph.nodes[entry_id]["section"],
            MARGIN + column * (NODE_WIDTH + COLUMN_GAP),
            MARGIN + rows[entry_id] * (NODE_HEIGHT + ROW_GAP),
        )
        for column, members in enumerate(columns)
        for entry_id in members
    }
    edges = tuple(_curve(boxes[a], boxes[b]) for a, b in sorted(connected.edges))

    deepest = max(rows.values(), default=-1) + 1
    return Layout(
        nodes=tuple(boxes.values()),
        edges=edges,
        width=2 * MARGIN + len(columns) * (NODE_WIDTH + COLUMN_GAP) - COLUMN_GAP,
        height=2 * MARGIN + deepest * (NODE_HEIGHT + ROW_GAP) - ROW_GAP,
        left_out=graph.number_of_nodes() - connected.number_of_nodes(),
    )


def _ordered_columns(graph: nx.DiGraph[str]) -> list[list[str]]:
    """Order each column by the mean row of its neighbours, sweeping both ways."""
    columns = [sorted(generation) for generation in nx.topological_generations(graph)]
    sweeps = [(graph.predecessors, columns), (graph.successors, columns[::-1])]
    for neighbours, sweep in sweeps * _SWEEPS + sweeps[:1]:
        rows = {n: row for members in columns for row, n in enumerate(members)}
        for members in sweep:
            members.sort(key=lambda entry_id: _barycentre(neighbours(entry_id), rows))
            rows.update((entry_id, row) for row, entry_id in enumerate(members))
    return columns


def _barycentre(neighbours: Iterable[str], rows: dict[str, int]) -> float:
    placed = [rows[entry_id] for entry_id in neighbours]
    return sum(placed) / len(placed) if placed else 0.0


def _rows(graph: nx.DiGraph[str], columns: list[list[str]]) -> dict[str, int]:
    """Put the first column in consecutive rows and each later node near its inputs."""
    rows: dict[str, int] = {}
    for index, members in enumerate(columns):
        next_free = 0
        for entry_id in members:
            inputs = [rows[i] for i in graph.predecessors(entry_id)] if index else []
            wanted = round(sum(inputs) / len(inputs)) if inputs else next_free
            rows[entry_id] = max(wanted, next_free)
            next_free = rows[entry_id] + 1
    return rows


def _curve(start: NodeBox, end: NodeBox) -> EdgePath:
    x1, y1 = start.x + start.width, start.y + start.height // 2
    x2, y2 = end.x, end.y + end.height // 2
    bend = (x2 - x1) // 2
    d = f"M{x1},{y1} C{x1 + bend},{y1} {x2 - bend},{y2} {x2},{y2}"
    return EdgePath(start.id, end.id, d)
