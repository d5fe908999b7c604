"""An explanation: the derivation of one figure, down to its printed sources.

An auditor asks of any number where it comes from. The answer is a tree:
the indicator with its operation written out and the numbers put in, then
each input in the same way, down to the facts, each with the document,
place and words it was taken from. The tree is data; the CLI draws it, and
`Explanation.to_dict` hands it to any other tool.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .._numbers import Number
from ..spec._fact import ValueRange


if TYPE_CHECKING:
    from ..evaluation._bounds import Bounds
    from ..evaluation._results import Results

__all__ = ["Citation", "Explanation", "explain"]


@dataclass(frozen=True, slots=True)
class Citation:
    """Where a fact was printed: the document and the place in it."""

    source_id: str
    title: str
    publisher: str
    published: str
    url: str | None
    locator: str
    quote: str | None


@dataclass(frozen=True, slots=True)
class Explanation:
    """One step of a derivation, with the steps below it.

    A step is a fact (``kind`` is ``fact``), an indicator (``kind`` is its
    operation, such as ``share``) or a breakdown check (``parts_sum_to`` or
    ``parts_within``; its value is the sum of the parts, its inputs the
    total then the parts, and its finding the verdict).

    Attributes:
        id: The fact or indicator id.
        kind: ``fact`` or the indicator kind.
        value: The exact value, or ``None`` when undetermined.
        unit: The unit of the value.
        status: ``ok`` or ``undetermined``; ``members`` for an indicator
            over a dimension, whose inputs are then its member results.
        message: Why it is undetermined, or what it rests on that is not exact.
        label: The spec's label for it, if any.
        operation: The operation with the input ids (indicators only).
        calculation: The operation with the input values and units put in.
        printed: A fact's value exactly as the spec writes it, thousands
            separated (``8,827,250.00``), so trailing zeros survive, with its
            scale word (``18 million``) or as a range (``2 to 4 million``).
        qualifier, period, area, breakdown: A fact's printed context.
        citation: Where a fact was printed.
        bounds: Where the true value lies, when it rests on approximate
            figures.
        observation_status: The SDMX statuses of the facts it rests on.
        reported: What the document prints for an indicator, if it does.
        finding_status: ``pass``, ``fail`` or ``undetermined`` when the
            printed value was compared with the computed one.
        finding_message: The sentence explaining that comparison.
        inputs: The explanations of the direct inputs.
        repeated: This id was already explained in full earlier in the tree.
        truncated: The depth limit cut the tree below this step.
    """

    id: str
    kind: str
    value: Number | None
    unit: str
    status: str
    message: str
    label: str | None = None
    operation: str | None = None
    calculation: str | None = None
    qualifier: str | None = None
    period: str | None = None
    area: str | None = None
    breakdown: dict[str, str] = field(default_factory=dict)
    citation: Citation | None = None
    printed: str | None = None
    bounds: Bounds | None = None
    observation_status: tuple[str, ...] = ()
    reported: Number | None = None
    finding_status: str | None = None
    finding_message: str | None = None
    inputs: tuple[Explanation, ...] = ()
    repeated: bool = False
    truncated: bool = False

    def leaves(self) -> frozenset[str]:
        """Return the ids of the facts at the bottom of the tree."""
        if self.kind == "fact":
            return frozenset((self.id,))
        found: set[str] = set()
        for step in self.inputs:
            found |= step.leaves()
        return frozenset(found)

    def to_dict(self) -> dict[str, Any]:
        """Return the tree as plain JSON-ready data (numbers as text, exactly)."""
        data: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "value": None if self.value is None else str(self.value),
            "unit": self.unit,
            "status": self.status,
            "message": self.message,
        }
        optional = {
            "label": self.label,
            "operation": self.operation,
            "calculation": self.calculation,
            "printed": self.printed,
            "qualifier": self.qualifier,
            "period": self.period,
            "area": self.area,
            "breakdown": self.breakdown or None,
            "citation": _citation_dict(self.citation),
            "bounds": None if self.bounds is None else self.bounds.to_dict(),
            "observation_status": list(self.observation_status) or None,
            "reported": None if self.reported is None else str(self.reported),
            "finding_status": self.finding_status,
            "finding_message": self.finding_message,
        }
        data.update(
            {key: value for key, value in optional.items() if value is not None}
        )
        data["repeated"] = self.repeated
        data["truncated"] = self.truncated
        data["inputs"] = [step.to_dict() for step in self.inputs]
        return data


#: The deepest tree an explanation builds; a deeper chain is cut and marked, and
#: the step where it was cut can be explained on its own to follow it further.
MAX_DEPTH = 100


def explain(results: Results, entry_id: str, depth: int | None = None) -> Explanation:
    """Return the explanation of ``entry_id`` from evaluated ``results``.

    A fact or indicator reached a second time is marked ``repeated`` and not
    expanded again, so shared inputs appear once in full.
    """
    limit = MAX_DEPTH if depth is None else min(depth, MAX_DEPTH)
    return _Explainer(results).step(entry_id, limit)


class _Explainer:
    def __init__(self, results: Results) -> None:
        self.results = results
        self.seen: set[str] = set()

    def step(self, entry_id: str, depth: int | None) -> Explanation:
        members = self.results.members(entry_id)
        if members:
            return self._per_member(entry_id, members, depth)
        if entry_id in self.results.spec.checks:
            return self.check(entry_id, depth)
        result = self.results[entry_id]
        repeated = entry_id in self.seen
        truncated = depth is not None and depth <= 0
        # An entry cut off by the depth limit is not shown in full, so a
        # later mention of it, higher in the tree, is shown whole.
        if result.kind == "fact" or not truncated:
            self.seen.add(entry_id)
        common: dict[str, Any] = {
            "id": entry_id,
            "kind": result.kind,
            "value": result.value,
            "unit": result.unit,
            "status": result.status,
            "message": result.message,
            "label": result.label,
            "repeated": repeated,
            "bounds": result.bounds,
            "observation_status": result.observation_status,
        }
        if result.kind == "fact":
            if repeated:
                return Explanation(**common)
            context = self._fact_context(entry_id)
            if context["printed"] is None:
                printed = self.results.spec.facts[entry_id].printed
                common["message"] = f"updated; the document prints {printed}"
            return Explanation(**common, **context)

        inputs: tuple[Explanation, ...] = ()
        if not repeated and not truncated:
            below = None if depth is None else depth - 1
            inputs = tuple(self.step(i, below) for i in result.inputs)
        return Explanation(
            **common,
            **self._finding_context(entry_id),
            operation=result.formula,
            calculation=self.results.describe(entry_id),
            inputs=inputs,
            truncated=truncated and not repeated,
        )

    def _per_member(
        self, entry_id: str, members: tuple[str, ...], depth: int | None
    ) -> Explanation:
        """Explain an indicator over a dimension as one step per member.

        The members stand at the indicator's own level, so they do not use
        up a level of ``depth``.
        """
        indicator = self.results.spec.indicators[entry_id]
        inputs = tuple(self.step(member, depth) for member in members)
        return Explanation(
            id=entry_id,
            kind=indicator.kind,
            value=None,
            unit=self.results.unit_of(entry_id),
            status="members",
            message=f"one result per member: {', '.join(members)}",
            label=indicator.label,
            operation=self.results.operations[entry_id].written,
            inputs=inputs,
        )

    def check(self, check_id: str, depth: int | None) -> Explanation:
        """Explain a breakdown check: its parts summed, against the printed total."""
        self.seen.add(check_id)
        check = self.results.spec.checks[check_id]
        breakdown = check.breakdown()
        finding = self.results.finding(check_id)
        rule = "must add up to" if check.kind == "parts_sum_to" else "must not exceed"
        parts = [self.results.quantity_text(part) for part in breakdown.parts]

        truncated = depth is not None and depth <= 0
        inputs: tuple[Explanation, ...] = ()
        if not truncated:
            below = None if depth is None else depth - 1
            inputs = tuple(
                self.step(i, below) for i in (breakdown.total, *breakdown.parts)
            )
        return Explanation(
            id=check_id,
            kind=check.kind,
            value=finding.computed,
            unit=finding.unit,
            status="ok" if finding.computed is not None else "undetermined",
            message="",
            label=check.label,
            operation=f"{' + '.join(breakdown.parts)} {rule} {breakdown.total}",
            calculation=" + ".join(parts),
            finding_status=finding.status.value,
            finding_message=finding.message,
            inputs=inputs,
            truncated=truncated,
        )

    def _finding_context(self, indicator_id: str) -> dict[str, Any]:
        finding = self.results.printed_finding(indicator_id)
        if finding is None:
            return {}
        return {
            "reported": finding.stated,
            "finding_status": finding.status.value,
            "finding_message": finding.message,
        }

    def _fact_context(self, fact_id: str) -> dict[str, Any]:
        spec = self.results.spec
        fact = spec.facts[fact_id]
        source = spec.sources[fact.source]
        citation = Citation(
            source_id=fact.source,
            title=source.title,
            publisher=source.publisher,
            published=str(source.published),
            url=source.url,
            locator=fact.locator,
            quote=fact.quote,
        )
        as_printed = self._as_printed(fact_id)
        # An update writes a range as one exact figure.
        qualifier = fact.qualifier.value
        if not as_printed and isinstance(fact.value, ValueRange):
            qualifier = "exact"
        return {
            "qualifier": qualifier,
            "period": str(fact.period),
            "area": fact.area,
            "breakdown": dict(fact.breakdown),
            "citation": citation,
            "printed": fact.printed if as_printed else None,
        }

    def _as_printed(self, fact_id: str) -> bool:
        """Whether a fact still is as its spec prints it, which an update changes.

        An update to a range's midpoint keeps the value but not the range,
        so the bounds are compared too.
        """
        from ..evaluation._bounded import fact_bounds, fact_value

        fact = self.results.spec.facts[fact_id]
        bounded = self.results.bounds_of(fact_id) is not None
        return self.results.value(fact_id) == fact_value(fact) and bounded == (
            fact_bounds(fact) is not None
        )


def _citation_dict(citation: Citation | None) -> dict[str, Any] | None:
    if citation is None:
        return None
    return {
        "source": citation.source_id,
        "title": citation.title,
        "publisher": citation.publisher,
        "published": citation.published,
        "url": citation.url,
        "locator": citation.locator,
        "quote": citation.quote,
    }
