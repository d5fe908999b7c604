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

from .._numbers import Number, format_number


if TYPE_CHECKING:
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

    Attributes:
        id: The fact or indicator id.
        kind: ``fact`` or the indicator kind.
        value: The exact value, or ``None`` when undetermined.
        unit: The unit of the value.
        status: ``ok`` or ``undetermined``.
        message: Why it is undetermined, or what it rests on that is not exact.
        label: The spec's label for it, if any.
        operation: The operation with the input ids (indicators only).
        calculation: The operation with the input values put in.
        qualifier, period, area, breakdown: A fact's printed context.
        citation: Where a fact was printed.
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
            "qualifier": self.qualifier,
            "period": self.period,
            "area": self.area,
            "breakdown": self.breakdown or None,
            "citation": _citation_dict(self.citation),
        }
        data.update(
            {key: value for key, value in optional.items() if value is not None}
        )
        data["repeated"] = self.repeated
        data["truncated"] = self.truncated
        data["inputs"] = [step.to_dict() for step in self.inputs]
        return data


def explain(results: Results, entry_id: str, depth: int | None = None) -> Explanation:
    """Return the explanation of ``entry_id`` from evaluated ``results``.

    A fact or indicator reached a second time is marked ``repeated`` and not
    expanded again, so shared inputs appear once in full.
    """
    explainer = _Explainer(results)
    if entry_id in results.spec.checks:
        return explainer.check(entry_id, depth)
    return explainer.step(entry_id, depth)


class _Explainer:
    def __init__(self, results: Results) -> None:
        self.results = results
        self.seen: set[str] = set()

    def step(self, entry_id: str, depth: int | None) -> Explanation:
        result = self.results[entry_id]
        repeated = entry_id in self.seen
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
        }
        if result.kind == "fact":
            return Explanation(**common, **self._fact_context(entry_id))

        inputs: tuple[Explanation, ...] = ()
        truncated = depth is not None and depth <= 0
        if not repeated and not truncated:
            below = None if depth is None else depth - 1
            inputs = tuple(self.step(i, below) for i in result.inputs)
        return Explanation(
            **common,
            operation=result.formula,
            calculation=self.results.describe(entry_id),
            inputs=inputs,
            truncated=truncated and not repeated,
        )

    def check(self, check_id: str, depth: int | None) -> Explanation:
        """Explain a check: its outcome, then its total and each part."""
        check = self.results.spec.checks[check_id]
        finding = self.results.finding(check_id)
        breakdown = check.breakdown()
        relation = "=" if check.kind == "parts_sum_to" else "≤"
        truncated = depth is not None and depth <= 0
        below = None if depth is None else depth - 1
        inputs = () if truncated else tuple(self.step(i, below) for i in check.inputs())
        return Explanation(
            id=check_id,
            kind=check.kind,
            value=finding.computed,
            unit=finding.unit,
            status=finding.status.value,
            message=finding.message,
            label=check.label,
            operation=f"{' + '.join(breakdown.parts)} {relation} {breakdown.total}",
            calculation=self._parts_calculation(breakdown.parts, finding.computed),
            inputs=inputs,
            truncated=truncated,
        )

    def _parts_calculation(
        self, parts: tuple[str, ...], computed: Number | None
    ) -> str | None:
        if computed is None:
            return None
        values = [self.results.value(part) for part in parts]
        written = " + ".join(format_number(v) for v in values if v is not None)
        return f"{written} = {format_number(computed)}"

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
        return {
            "qualifier": fact.qualifier.value,
            "period": str(fact.period),
            "area": fact.area,
            "breakdown": dict(fact.breakdown),
            "citation": citation,
        }


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
