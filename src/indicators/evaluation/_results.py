"""The results of evaluating a spec, as data a program or an auditor can query.

`Results` holds every computed value, every finding and the lineage of each
figure. It prints nothing: the CLI and the exports render it.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .._numbers import Number, round_half_away
from ..exceptions import UnknownIdError
from ..graph._units import unit_text
from ..provenance._provenance import Provenance
from ._findings import Finding, Status
from ._operations import Column, Operation, Undetermined


if TYPE_CHECKING:
    from ..graph import Plan
    from ..provenance._explanation import Explanation
    from ..spec._model import Spec

__all__ = ["Result", "Results"]


@dataclass(frozen=True, slots=True)
class Result:
    """One fact's or indicator's value, with how it was obtained.

    Attributes:
        id: The fact or indicator id.
        kind: ``fact`` or the indicator kind (``sum``, ``share``, ...).
        value: The exact value, or ``None`` when it cannot be computed.
        unit: The unit of the value.
        status: ``ok`` or ``undetermined``.
        message: Why the value is undetermined, or what it rests on that
            is not exact (an approximate or bounded fact).
        label: The human label the spec gives, if any.
        formula: The operation written with the input ids.
        inputs: The direct inputs.
        rounded: The value rounded half away from zero at the indicator's
            declared ``decimals``, or ``None`` when it declares none.
    """

    id: str
    kind: str
    value: Number | None
    unit: str
    status: str
    message: str
    label: str | None
    formula: str | None
    inputs: tuple[str, ...]
    rounded: Number | None


class Results:
    """Every value, finding and lineage of one evaluated spec."""

    def __init__(
        self,
        plan: Plan,
        operations: dict[str, Operation],
        values: dict[str, Column],
        findings: tuple[Finding, ...],
    ) -> None:
        self.plan = plan
        self.operations = operations
        self.values = values
        self.findings = findings
        self.provenance = Provenance(plan.spec, plan.graph)

    @property
    def spec(self) -> Spec:
        """The spec these results were computed from."""
        return self.plan.spec

    def value(self, entry_id: str) -> Number | None:
        """Return the exact value of a fact or indicator, ``None`` if undetermined.

        Raises:
            UnknownIdError: If no fact or indicator has ``entry_id``.
        """
        value = self._column(entry_id)[0]
        return None if isinstance(value, Undetermined) else value

    def __getitem__(self, entry_id: str) -> Result:
        """Return the `Result` of a fact or indicator.

        Raises:
            UnknownIdError: If no fact or indicator has ``entry_id``.
        """
        value = self._column(entry_id)[0]
        return self._result(entry_id, value)

    def __iter__(self) -> Iterator[Result]:
        """Yield the result of every indicator, in the spec's order."""
        for indicator_id in self.spec.indicators:
            yield self[indicator_id]

    def __len__(self) -> int:
        return len(self.spec.indicators)

    def finding(self, finding_id: str) -> Finding:
        """Return the finding with ``finding_id``.

        Raises:
            UnknownIdError: If there is no such finding.
        """
        for finding in self.findings:
            if finding.id == finding_id:
                return finding
        raise self._unknown(finding_id, [f.id for f in self.findings])

    def summary(self) -> dict[str, int]:
        """Count the findings by status, and the failed errors and warnings."""
        counts = Counter(finding.status.value for finding in self.findings)
        failed = [f for f in self.findings if f.status is Status.FAIL]
        return {
            "findings": len(self.findings),
            "pass": counts["pass"],
            "fail": counts["fail"],
            "undetermined": counts["undetermined"],
            "failed_errors": sum(f.severity == "error" for f in failed),
            "failed_warnings": sum(f.severity == "warning" for f in failed),
        }

    @property
    def ok(self) -> bool:
        """Whether no finding of error severity failed."""
        return self.summary()["failed_errors"] == 0

    def facts_of(self, entry_id: str) -> frozenset[str]:
        """Return the ids of the facts ``entry_id`` rests on."""
        self._require(entry_id)
        return self.provenance.facts(entry_id)

    def sources_of(self, entry_id: str) -> frozenset[str]:
        """Return the ids of the source documents ``entry_id`` rests on."""
        self._require(entry_id)
        return self.provenance.sources(entry_id)

    def upstream(self, entry_id: str) -> frozenset[str]:
        """Return every fact and indicator ``entry_id`` rests on."""
        self._require(entry_id)
        return self.provenance.upstream(entry_id)

    def downstream(self, entry_id: str) -> frozenset[str]:
        """Return every indicator and check resting on ``entry_id``."""
        self._require(entry_id)
        return self.provenance.downstream(entry_id)

    def path(self, start: str, end: str) -> tuple[str, ...] | None:
        """Return a chain of dependencies from ``start`` to ``end``, or ``None``."""
        self._require(start)
        self._require(end)
        return self.provenance.path(start, end)

    def explain(self, entry_id: str, depth: int | None = None) -> Explanation:
        """Return the derivation of ``entry_id`` down to its facts, as a tree.

        Args:
            entry_id: A fact or indicator id.
            depth: How many levels below ``entry_id`` to include; all when
                ``None``.
        """
        from ..provenance._explanation import explain

        if entry_id not in self.spec.checks:
            self._column(entry_id)
        return explain(self, entry_id, depth)

    def describe(self, entry_id: str) -> str | None:
        """Return the operation of ``entry_id`` with its input values put in."""
        operation = self.operations.get(entry_id)
        if operation is None:
            return None
        inputs = [self.values[i][0] for i in self.spec.indicators[entry_id].inputs()]
        return operation.describe(inputs)

    def unit_of(self, entry_id: str) -> str:
        """Return the unit of a fact or indicator, as text."""
        return unit_text(self.plan.units[entry_id])

    def _result(self, entry_id: str, value: Number | Undetermined) -> Result:
        spec = self.spec
        if entry_id in spec.facts:
            kind, label, formula, decimals = "fact", None, None, None
        else:
            indicator = spec.indicators[entry_id]
            kind, label, decimals = indicator.kind, indicator.label, indicator.decimals
            formula = self.operations[entry_id].written
        determined = not isinstance(value, Undetermined)
        return Result(
            id=entry_id,
            kind=kind,
            value=None if isinstance(value, Undetermined) else value,
            unit=self.unit_of(entry_id),
            status="ok" if determined else "undetermined",
            message=self._message(entry_id, value),
            label=label,
            formula=formula,
            inputs=self.provenance.inputs(entry_id),
            rounded=_rounded(value, decimals),
        )

    def _message(self, entry_id: str, value: Number | Undetermined) -> str:
        if isinstance(value, Undetermined):
            if value.origin == entry_id:
                return value.reason
            steps = ", which rests on ".join(map(repr, value.chain()))
            return f"rests on {steps}, which is undetermined: {value.reason}"
        facts = self.spec.facts
        qualified = sorted(
            f"{fact_id} ({facts[fact_id].qualifier.value.replace('_', ' ')})"
            for fact_id in self.provenance.facts(entry_id)
            if facts[fact_id].qualifier != "exact"
        )
        if qualified:
            return "rests on figures that are not exact: " + ", ".join(qualified)
        return ""

    def _column(self, entry_id: str) -> Column:
        column = self.values.get(entry_id)
        if column is None:
            raise self._unknown(entry_id, [*self.values, *self.spec.checks])
        return column

    def _require(self, entry_id: str) -> None:
        if entry_id not in self.plan.graph:
            raise self._unknown(entry_id, list(self.plan.graph))

    def _unknown(self, entry_id: str, known: list[str]) -> UnknownIdError:
        guesses = difflib.get_close_matches(entry_id, known, n=1, cutoff=0.6)
        return UnknownIdError(entry_id, guesses[0] if guesses else None)


def _rounded(value: Number | Undetermined, decimals: int | None) -> Number | None:
    if decimals is None or isinstance(value, Undetermined):
        return None
    return round_half_away(value, decimals)
