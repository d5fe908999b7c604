"""The layout of the dependency graph drawn in the audit report."""

from __future__ import annotations

from hypothesis import given

from builders import run
from indicators.presentation._graph_layout import layout_graph
from strategies import SpecSections, spec_graphs


class TestLayout:
    @given(sections=spec_graphs())
    def test_boxes_never_overlap(self, sections: SpecSections) -> None:
        """No two boxes share any area."""
        layout = layout_graph(run(*sections).plan.graph)

        boxes = layout.nodes
        for index, first in enumerate(boxes):
            for second in boxes[index + 1 :]:
                apart_x = (
                    first.x + first.width <= second.x
                    or second.x + second.width <= first.x
                )
                apart_y = (
                    first.y + first.height <= second.y
                    or second.y + second.height <= first.y
                )
                assert apart_x or apart_y

    @given(sections=spec_graphs())
    def test_every_edge_runs_left_to_right(self, sections: SpecSections) -> None:
        """An input is always drawn in a column left of what uses it."""
        graph = run(*sections).plan.graph
        boxes = {box.id: box for box in layout_graph(graph).nodes}

        for start, end in graph.edges:
            assert boxes[start].x < boxes[end].x

    @given(sections=spec_graphs())
    def test_every_box_fits_and_unused_facts_are_counted(
        self, sections: SpecSections
    ) -> None:
        """Every drawn box lies inside the drawing, and what is left out is counted."""
        graph = run(*sections).plan.graph
        layout = layout_graph(graph)

        for box in layout.nodes:
            assert box.x + box.width <= layout.width
            assert box.y + box.height <= layout.height
        isolated = [node for node in graph.nodes if graph.degree(node) == 0]
        assert layout.left_out == len(isolated)
        assert len(layout.nodes) + layout.left_out == graph.number_of_nodes()
