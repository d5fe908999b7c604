"""Findings: what a careful reader concludes when comparing printed figures.

Two kinds of finding come out of a spec. A reported-value finding compares
what a document prints for an indicator with what its inputs give, rounded
the way the document rounded. A check finding tests a breakdown: exhaustive
parts must add up to their total, a partial list must not exceed it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from .._numbers import Number, exact, format_fixed, format_number, round_half_away
from ..graph._units import unit_words
from ..spec import _model as model
from ._bounds import Bounds
from ._operations import Column, Undetermined


__all__ = ["Finding", "Status", "check_finding", "reported_finding"]


class Status(StrEnum):
    """The outcome of a finding."""

    PASS = "pass"
    FAIL = "fail"
    UNDETERMINED = "undetermined"


@dataclass(frozen=True, slots=True)
class Finding:
    """The outcome of comparing a printed figure with what the figures give.

    Attributes:
        id: The indicator id for a reported value, the check id for a check.
        subject: The indicator a reported value is printed for, or the
            total a check tests.
        kind: ``reported``, ``parts_sum_to`` or ``parts_within``.
        status: Pass, fail or undetermined.
        severity: ``error`` or ``warning``; reported values are errors.
        computed: The engine's unrounded value (for a check, the sum of
            the parts), or ``None`` when it cannot be computed.
        stated: What the document prints (for a check, the total).
        difference: ``computed - stated``, or ``None``.
        unit: The unit of the compared values.
        message: One sentence an auditor can read on its own.
        bounds: Where the computed value lies when it rests on approximate
            figures, else ``None``.
    """

    id: str
    subject: str
    kind: str
    status: Status
    severity: model.Severity
    computed: Number | None
    stated: Number | None
    difference: Number | None
    unit: str
    message: str
    bounds: Bounds | None = None


def reported_finding(
    indicator_id: str,
    reported: model.Reported,
    value: Column,
    unit: str,
) -> Finding:
    """Compare an indicator's computed value with the value printed for it.

    The computed value is rounded half away from zero at the precision the
    printed figure was given with; the finding passes when the two agree.
    A value resting on approximate figures is compared by its bounds
    instead, in `_approximate_findings`.
    """
    stated = exact(reported.value)
    computed = value[0]
    if isinstance(computed, Undetermined):
        printed = format_fixed(stated, reported.places)
        message = f"cannot compare with the printed {printed}: {computed.reason}"
        return _reported(indicator_id, Status.UNDETERMINED, None, stated, unit, message)

    rounded = round_half_away(computed, reported.decimals)
    status = Status.PASS if rounded == stated else Status.FAIL
    verdict = "matches" if status is Status.PASS else "does not match"
    message = (
        f"computed {format_number(computed)} rounds to "
        f"{format_fixed(rounded, reported.decimals)} at "
        f"{_precision(reported.decimals)}, which {verdict} the printed "
        f"{format_fixed(stated, reported.places)}"
    )
    return _reported(indicator_id, status, computed, stated, unit, message)


def check_finding(
    check_id: str,
    check: model.Check,
    values: Mapping[str, Column],
    unit: str,
) -> Finding:
    """Test one breakdown check against the values of its total and parts."""
    breakdown = check.breakdown()
    total = values[breakdown.total][0]
    parts = [values[part][0] for part in breakdown.parts]
    missing = [v for v in (total, *parts) if isinstance(v, Undetermined)]
    if missing:
        message = f"cannot test the breakdown: {missing[0].reason}"
        return _finding(
            check_id,
            breakdown.total,
            check.kind,
            Status.UNDETERMINED,
            check.severity,
            None,
            None,
            unit,
            message,
        )

    numbers = [value for value in parts if not isinstance(value, Undetermined)]
    assert not isinstance(total, Undetermined)
    computed: Number = sum(numbers[1:], numbers[0])
    if isinstance(check, model.PartsSumTo):
        status, message = _sums_to(computed, total, exact(breakdown.tolerance), unit)
    else:
        status, message = _within(computed, total, unit)
    return _finding(
        check_id,
        breakdown.total,
        check.kind,
        status,
        check.severity,
        computed,
        total,
        unit,
        message,
    )


def _sums_to(
    parts: Number, total: Number, tolerance: Number, unit: str
) -> tuple[Status, str]:
    gap = parts - total
    allowed = f" (tolerance {format_number(tolerance)})" if tolerance else ""
    added = _with_unit(format_number(parts), unit)
    # Written without abs(): mypy types abs() of an int-or-Fraction as object.
    if -tolerance <= gap <= tolerance:
        return (
            Status.PASS,
            f"the parts add up to {added}, which is the total{allowed}",
        )
    return Status.FAIL, (
        f"the parts add up to {added}, but the printed total is "
        f"{format_number(total)}: {_with_unit(_signed(gap), unit)}{allowed}"
    )


def _within(parts: Number, total: Number, unit: str) -> tuple[Status, str]:
    if parts <= total:
        rest = total - parts
        return Status.PASS, (
            f"the listed parts add up to {_with_unit(format_number(parts), unit)}, "
            "within the total "
            f"{format_number(total)} ({format_number(rest)} not listed)"
        )
    return Status.FAIL, (
        f"the listed parts add up to {_with_unit(format_number(parts), unit)}, "
        "more than the total "
        f"{format_number(total)} by {format_number(parts - total)}"
    )


def _reported(
    indicator_id: str,
    status: Status,
    computed: Number | None,
    stated: Number,
    unit: str,
    message: str,
    bounds: Bounds | None = None,
) -> Finding:
    """Return the finding on the figure printed for ``indicator_id``.

    Whether compared exactly or by bounds, a printed figure that does not
    follow from its inputs is an error in the document.
    """
    return _finding(
        indicator_id,
        indicator_id,
        "reported",
        status,
        model.Severity.ERROR,
        computed,
        stated,
        unit,
        message,
        bounds,
    )


def _finding(
    finding_id: str,
    subject: str,
    kind: str,
    status: Status,
    severity: model.Severity,
    computed: Number | None,
    stated: Number | None,
    unit: str,
    message: str,
    bounds: Bounds | None = None,
) -> Finding:
    difference = None
    if computed is not None and stated is not None:
        difference = exact(Fraction(computed) - stated)
    return Finding(
        finding_id,
        subject,
        kind,
        status,
        severity,
        computed,
        stated,
        difference,
        unit,
        message,
        bounds,
    )


def _precision(decimals: int) -> str:
    if decimals == 0:
        return "whole units"
    if decimals > 0:
        return f"{decimals} decimal place" + ("s" if decimals > 1 else "")
    return f"the nearest {10**-decimals:,}"


def _with_unit(number: str, unit: str) -> str:
    """Write ``number`` with its unit, as `unit_words` words it."""
    return f"{number} {unit_words(unit, number)}"


def _signed(value: Number) -> str:
    text = format_number(value)
    return text if value < 0 else "+" + text
