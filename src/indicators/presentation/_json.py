"""The JSON documents of ``indicators run`` and ``indicators check``.

Numbers go out as JSON numbers: whole values exactly, others as the
nearest double, since that is what JSON readers can hold. A value that
cannot be computed is ``null`` with the reason in ``message``.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from .._numbers import Number


if TYPE_CHECKING:
    from ..evaluation import Finding, Results
    from ..evaluation._bounds import Bounds

__all__ = ["check_document", "run_document"]


def run_document(results: Results) -> dict[str, Any]:
    """Return every indicator's result with the facts and sources it rests on."""
    return {
        "spec": results.spec.spec,
        "results": [
            {
                "id": result.id,
                "kind": result.kind,
                "value": json_number(result.value),
                "unit": result.unit,
                "status": result.status,
                "message": result.message,
                "qualifier": result.qualifier,
                "bounds": bounds_document(result.bounds),
                "observation_status": list(result.observation_status),
                "facts": sorted(results.facts_of(result.id)),
                "sources": sorted(results.sources_of(result.id)),
            }
            for result in results
        ],
    }


def check_document(results: Results) -> dict[str, Any]:
    """Return every finding and a summary of their outcomes."""
    return {
        "spec": results.spec.spec,
        "findings": [_finding(finding) for finding in results.findings],
        "summary": results.summary(),
    }


def _finding(finding: Finding) -> dict[str, Any]:
    return {
        **finding_document(finding),
        "bounds": bounds_document(finding.bounds),
    }


def finding_document(
    finding: Finding, encode: Callable[[Number | None], Any] | None = None
) -> dict[str, Any]:
    """Return a finding's fields as JSON, numbers written by ``encode``.

    By default whole numbers are exact and others the nearest double; the
    audit export passes its own encoding, which keeps every value exact.
    """
    write = encode or json_number
    return {
        "id": finding.id,
        "subject": finding.subject,
        "kind": finding.kind,
        "status": finding.status.value,
        "severity": finding.severity.value,
        "computed": write(finding.computed),
        "stated": write(finding.stated),
        "difference": write(finding.difference),
        "unit": finding.unit,
        "message": finding.message,
    }


def bounds_document(bounds: Bounds | None) -> dict[str, Any] | None:
    """Return bounds as JSON, or ``None`` for an exact value."""
    return None if bounds is None else bounds.to_dict()


def json_number(value: Number | None) -> int | float | None:
    """Return ``value`` as a JSON number: exact when whole, else the nearest double."""
    if value is None:
        return None
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return value.numerator
        return float(value)
    return value
