"""One row per indicator: what every table of results shows.

The CSV export, the DataFrame, the notebook table and the audit report all
show the same columns for an indicator; this module gathers them once, so
the four cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .._numbers import Number


if TYPE_CHECKING:
    from ..evaluation import Finding, Results

__all__ = ["IndicatorRow", "indicator_rows", "periods_of", "reported_findings"]


@dataclass(frozen=True, slots=True)
class IndicatorRow:
    """What an auditor reads about one indicator, in one line.

    Attributes:
        id: The indicator id.
        label: The spec's label, or ``None``.
        kind: The indicator kind.
        formula: The operation with the input ids.
        calculation: The operation with the input values and units put in.
        value: The exact value, or ``None`` when undetermined.
        rounded: The value at the indicator's declared decimals, or ``None``.
        unit: The unit of the value.
        period: The periods of the facts it rests on, in order, joined by
            ``"; "``.
        reported: What the document prints for it, or ``None``.
        difference: Computed minus reported, unrounded, or ``None``.
        status: The finding's ``pass``/``fail``/``undetermined`` when a value
            is reported, else the result's ``ok``/``undetermined``.
        message: The finding's sentence, or the result's message.
    """

    id: str
    label: str | None
    kind: str
    formula: str | None
    calculation: str | None
    value: Number | None
    rounded: Number | None
    unit: str
    period: str
    reported: Number | None
    difference: Number | None
    status: str
    message: str


def indicator_rows(results: Results) -> list[IndicatorRow]:
    """Return one row per indicator, in the spec's order."""
    findings = reported_findings(results)
    return [_row(results, result.id, findings.get(result.id)) for result in results]


def reported_findings(results: Results) -> dict[str, Finding]:
    """Return the reported-value findings, by indicator id."""
    return {f.id: f for f in results.findings if f.kind == "reported"}


def periods_of(results: Results, entry_id: str) -> str:
    """Return the distinct periods of the facts ``entry_id`` rests on, sorted.

    Provenance gathers them once per entry and shares them along a chain,
    so a row per indicator does not walk every fact above each one.
    """
    if entry_id in results.spec.indicators or entry_id in results.spec.facts:
        periods = results.provenance.periods(entry_id)
    else:
        facts = results.spec.facts
        periods = frozenset(str(facts[i].period) for i in results.facts_of(entry_id))
    return "; ".join(sorted(periods))


def _row(results: Results, indicator_id: str, finding: Finding | None) -> IndicatorRow:
    result = results[indicator_id]
    status, message = result.status, result.message
    if finding is not None:
        status, message = finding.status.value, finding.message
    return IndicatorRow(
        id=indicator_id,
        label=result.label,
        kind=result.kind,
        formula=result.formula,
        calculation=results.describe(indicator_id),
        value=result.value,
        rounded=result.rounded,
        unit=result.unit,
        period=periods_of(results, indicator_id),
        reported=None if finding is None else finding.stated,
        difference=None if finding is None else finding.difference,
        status=status,
        message=message,
    )
