"""The audit export: results, findings and provenance in one JSON document.

The document is versioned and described by a JSON Schema shipped in the
package (``schemas/audit-export-2.schema.json``), so a program that reads it
can validate it first. Every number goes out as an object holding the exact
value as text (a decimal, or ``p/q`` when its decimal expansion never ends),
a decimal text, and the nearest double for readers that only want a number.

A result or check names its direct inputs, the facts among them and how
many facts it rests on in all, not every one of those facts: on a chain of
indicators that list would make the file grow with the square of the
chain's length. The full set is found by walking ``inputs`` (or ``edges``)
up to the facts. Version 1 wrote the full list; its schema still ships for
readers of old exports.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import TYPE_CHECKING, Any

from .._numbers import Number
from ._exact import decimal_text, exact_text, terminates
from ._fact_counts import fact_counts
from ._json import finding_document, json_number
from ._rows import IndicatorRow, indicator_rows


if TYPE_CHECKING:
    from ..evaluation import Finding, Results

__all__ = [
    "FORMAT",
    "MAJOR_VERSIONS",
    "VERSION",
    "export_document",
    "export_schema",
    "export_text",
]

#: The name of the document format, in its ``format`` field.
FORMAT = "indicators-audit"

#: The version of the format; the schema file carries the same major number.
VERSION = "2.0"

#: The major versions whose schema ships in the package.
MAJOR_VERSIONS = (1, 2)


def export_schema(major: int = 2) -> dict[str, Any]:
    """Return the JSON Schema that export documents of one major version satisfy.

    Version 2 is what `export_document` writes; version 1 stays for readers
    that validate exports written before it.

    Args:
        major: The major version of the format.

    Raises:
        ValueError: If no schema of that major version ships.
    """
    if major not in MAJOR_VERSIONS:
        msg = (
            f"no audit export schema has major version {major!r}; the package "
            f"ships versions {', '.join(map(str, MAJOR_VERSIONS))}"
        )
        raise ValueError(msg)

    name = f"audit-export-{major}.schema.json"
    schema = resources.files("indicators.presentation") / "schemas" / name
    document: dict[str, Any] = json.loads(schema.read_text(encoding="utf-8"))
    return document


def export_text(results: Results, indent: int | None = 2) -> str:
    """Return the export document of ``results`` as JSON text."""
    return json.dumps(export_document(results), indent=indent, ensure_ascii=False)


def export_document(results: Results) -> dict[str, Any]:
    """Return results, findings and provenance as JSON-ready data.

    ``edges`` are those a value flows along; an indicator over a dimension
    has them from its member facts, not from the series facts it names.
    """
    from ..graph._graph import computing_view

    spec = results.spec
    counts = fact_counts(results)
    return {
        "format": FORMAT,
        "version": VERSION,
        "spec": {"id": spec.spec, "title": spec.title},
        "summary": results.summary(),
        "sources": [_source(results, source_id) for source_id in spec.sources],
        "facts": [_fact(results, fact_id) for fact_id in spec.facts],
        "results": [_result(results, row, counts) for row in indicator_rows(results)],
        "checks": [_check(results, check_id, counts) for check_id in spec.checks],
        "findings": [_finding(finding) for finding in results.findings],
        "edges": [
            {"from": start, "to": end}
            for start, end in sorted(computing_view(results.plan.graph).edges)
        ],
    }


def number(value: Number | None) -> dict[str, Any] | None:
    """Return an exact number as the export writes it, ``None`` as ``null``."""
    if value is None:
        return None
    return {
        "exact": exact_text(value),
        "decimal": decimal_text(value),
        "terminating": terminates(value),
        "approximate": json_number(value),
    }


def _source(results: Results, source_id: str) -> dict[str, Any]:
    source = results.spec.sources[source_id]
    return {
        "id": source_id,
        "title": source.title,
        "publisher": source.publisher,
        "published": str(source.published),
        "url": source.url,
        "note": source.note,
        "rests_on_it": sorted(results.resting_on_source(source_id)),
        "orphaned_without_it": sorted(results.orphaned_without(source_id)),
    }


def _fact(results: Results, fact_id: str) -> dict[str, Any]:
    fact = results.spec.facts[fact_id]
    return {
        "id": fact_id,
        "value": number(results.value(fact_id)),
        "printed": fact.printed,
        "unit": results.unit_of(fact_id),
        "qualifier": fact.qualifier.value,
        "bounds": _bounds(results, fact_id),
        "observation_status": None if fact.status is None else fact.status.value,
        "period": str(fact.period),
        "area": fact.area,
        "breakdown": dict(fact.breakdown),
        "source": fact.source,
        "locator": fact.locator,
        "quote": fact.quote,
    }


def _result(
    results: Results, row: IndicatorRow, counts: dict[str, int]
) -> dict[str, Any]:
    indicator = results.spec.indicators[results.entry_of(row.id)]
    inputs = results[row.id].inputs
    return {
        "id": row.id,
        "kind": row.kind,
        "label": row.label,
        "formula": row.formula,
        "calculation": row.calculation,
        "inputs": list(inputs),
        "value": number(row.value),
        "rounded": number(row.rounded),
        "decimals": indicator.decimals,
        "unit": row.unit,
        "period": row.period,
        "reported": number(row.reported),
        "difference": number(row.difference),
        "status": row.status,
        "message": row.message,
        "bounds": _bounds(results, row.id),
        "observation_status": results.observation_status_of(row.id),
        "direct_facts": _direct_facts(results, inputs),
        "fact_count": counts[row.id],
        "sources": sorted(results.sources_of(row.id)),
    }


def _bounds(results: Results, entry_id: str) -> dict[str, Any] | None:
    bounds = results.bounds_of(entry_id)
    return None if bounds is None else bounds.to_dict(number)


def _check(results: Results, check_id: str, counts: dict[str, int]) -> dict[str, Any]:
    check = results.spec.checks[check_id]
    breakdown = check.breakdown()
    return {
        "id": check_id,
        "kind": check.kind,
        "label": check.label,
        "severity": check.severity.value,
        "total": breakdown.total,
        "parts": list(breakdown.parts),
        "direct_facts": _direct_facts(results, (breakdown.total, *breakdown.parts)),
        "fact_count": counts[check_id],
        "sources": sorted(results.sources_of(check_id)),
    }


def _direct_facts(results: Results, inputs: tuple[str, ...]) -> list[str]:
    """Return the facts among ``inputs``, in their order, without repeats."""
    facts = results.spec.facts
    return [input_id for input_id in dict.fromkeys(inputs) if input_id in facts]


def _finding(finding: Finding) -> dict[str, Any]:
    return finding_document(finding, number)
