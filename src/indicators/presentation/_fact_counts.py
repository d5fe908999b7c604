"""How many facts each result and check rests on, counted in one pass.

The audit export writes a count of facts per result instead of the facts
themselves, which on a chain of indicators would fill a file with the
square of its length. Asking provenance for each entry's set of facts and
taking its length would still cost that square in time and in the sets it
keeps. Here the sets are gathered once, inputs first, and an entry's set
is handed on to the last entry that takes it as an input, which adds its
own facts to it in place; a set nothing else needs is dropped at once. A
chain thus holds one growing set and is counted in time linear in its
length.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING


if TYPE_CHECKING:
    from ..evaluation import Results
    from ..graph import Plan

__all__ = ["fact_counts"]


def fact_counts(results: Results) -> dict[str, int]:
    """Return how many facts each indicator, member result and check rests on.

    An indicator over a dimension as a whole is counted too, though the
    export writes its members instead: each member rests on its own facts.
    """
    counts = _FactCounter(results.plan).counts()
    for indicator_id, table in results.plan.members.items():
        members = table.member_ids(indicator_id)
        for index, member_id in enumerate(members):
            counts[member_id] = len(set(table.facts_of(index)))
    return counts


class _FactCounter:
    """Gather each entry's facts from its inputs' and count them.

    Args:
        plan: The plan whose indicators and checks are counted.
    """

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.facts = plan.spec.facts
        self.entries = (*plan.order, *plan.spec.checks)
        self.waiting = Counter(
            input_id
            for entry_id in self.entries
            for input_id in self._inputs(entry_id)
            if input_id not in self.facts
        )
        self.held: dict[str, set[str]] = {}

    def counts(self) -> dict[str, int]:
        """Return the number of facts below every indicator and check."""
        counts: dict[str, int] = {}
        for entry_id in self.entries:
            gathered = self._gather(entry_id)
            counts[entry_id] = len(gathered)
            if self.waiting[entry_id]:
                self.held[entry_id] = gathered
        return counts

    def _inputs(self, entry_id: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.plan.inputs_of(entry_id)))

    def _gather(self, entry_id: str) -> set[str]:
        """Return the facts below ``entry_id``, reusing a set no one else needs.

        Of the indicator inputs this entry is the last to take, the one with
        the most facts gives its set to be extended; the others are copied
        in and then dropped.
        """
        inputs = self._inputs(entry_id)
        indicators = [i for i in inputs if i not in self.facts]
        for input_id in indicators:
            self.waiting[input_id] -= 1
        finished = [i for i in indicators if not self.waiting[i]]

        heir = max(finished, key=lambda i: len(self.held[i]), default=None)
        gathered = set() if heir is None else self.held[heir]
        for input_id in indicators:
            if input_id != heir:
                gathered |= self.held[input_id]
        gathered.update(i for i in inputs if i in self.facts)

        for input_id in finished:
            del self.held[input_id]
        return gathered
