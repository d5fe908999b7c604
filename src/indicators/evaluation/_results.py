"""The results of evaluating a spec, as data a program or an auditor can query.

`Results` holds every computed value, every finding and the lineage of each
figure. It prints nothing: the CLI and the exports render it.
"""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, TypeVar

from .._numbers import Number, format_number, round_half_away
from .._suggest import CloseNames
from ..exceptions import UnknownIdError, UnknownSourceError
from ..graph._units import unit_text
from ..provenance._provenance import Provenance
from ._bounds import Bounds
from ._findings import Finding, Status
from ._operations import Column, Operation, Undetermined
from ._table import Table


if TYPE_CHECKING:
    from pandas import DataFrame
    from prov.model import ProvDocument

    from ..graph import Plan
    from ..provenance._explanation import Explanation
    from ..spec._model import Spec
    from ._bounded import BoundsColumn

__all__ = ["Result", "Results"]

_V = TypeVar("_V")


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
        bounds: Where the true value lies when it rests on approximate
            figures (``more_than``, ranges, ...); ``None`` when exact.
            ``value`` is then what the printed figures give as written.
        observation_status: The SDMX observation statuses (``estimated``,
            ``provisional``, ``break``, ...) of the facts it rests on.
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
    bounds: Bounds | None = None
    observation_status: tuple[str, ...] = ()

    @property
    def qualifier(self) -> str:
        """``exact``, or the shape of the bounds: ``less_than``, ``range``, ..."""
        return "exact" if self.bounds is None else self.bounds.qualifier


class Results:
    """Every value, finding and lineage of one evaluated spec.

    Results never change: `update` returns new results and leaves these
    valid. Results derived from one another share what did not change (the
    plan, the operations, the lineage and the unchanged values).
    """

    def __init__(
        self,
        plan: Plan,
        operations: Mapping[str, Operation],
        values: Mapping[str, Column],
        findings: Iterable[Finding],
        bounds: Mapping[str, BoundsColumn | None] | None = None,
    ) -> None:
        self.plan = plan
        self.operations = operations
        self.values: Table[Column] = _table(values)
        self._findings: Table[Finding] = _table(
            {finding.id: finding for finding in findings}
        )
        #: Bounds by id; an id missing, or mapped to ``None``, has none.
        self.bounds: Table[BoundsColumn | None] = _table(bounds or {})
        self._statuses_declared = any(
            fact.status is not None for fact in plan.spec.facts.values()
        )
        self.provenance = Provenance(plan.spec, plan.graph)

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Every finding: reported values in the spec's order, then checks."""
        return tuple(self._findings.values())

    def update(self, fact_id: str, value: int | Decimal | Fraction) -> Results:
        """Return the results with fact ``fact_id`` written as ``value``.

        ``value`` replaces the fact's ``value`` key, as the spec writes it
        (before the fact's scale). Only the indicators and findings that
        rest on the fact are computed again, so the cost follows the number
        of its descendants, not the size of the spec. The spec itself is not
        changed: `value` of the new results gives the new figure,
        ``spec.facts`` still the written one.

        Raises:
            UnknownIdError: If no fact has ``fact_id``.
            ValueError: If ``fact_id`` names an indicator or a check, whose
                value follows from its inputs.
            TypeError: If ``value`` is not an exact number (a float is not).
        """
        from ._evaluate import reevaluate

        self._require_fact(fact_id)
        written = _exact_value(fact_id, value)
        change = reevaluate(self.plan, self.operations, self.values, self.bounds,
                            fact_id, written)
        updated = copy.copy(self)
        updated.values = self.values.changed(change.values)
        updated.bounds = self.bounds.changed(change.bounds)
        updated._findings = self._findings.changed(
            {finding.id: finding for finding in change.findings}
        )
        return updated

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

    def bounds_of(self, entry_id: str) -> Bounds | None:
        """Return where the true value of ``entry_id`` lies, ``None`` when exact.

        Raises:
            UnknownIdError: If no fact or indicator has ``entry_id``.
        """
        self._column(entry_id)
        column = self.bounds.get(entry_id)
        interval = None if column is None else column[0]
        return None if interval is None or interval.is_point else interval

    def observation_status_of(self, entry_id: str) -> dict[str, str]:
        """Return the SDMX observation status of each fact ``entry_id`` rests on.

        Only facts that declare a status appear, by fact id.

        Raises:
            UnknownIdError: If no fact or indicator has ``entry_id``.
        """
        self._require(entry_id)
        facts = self.spec.facts
        if not self._statuses_declared:
            return {}
        return {
            fact_id: status.value
            for fact_id in sorted(self.provenance.facts(entry_id))
            if (status := facts[fact_id].status) is not None
        }

    def rates_of(self, entry_id: str) -> tuple[str, ...]:
        """Return the exchange-rate facts a conversion used, step by step.

        Empty for anything that is not a conversion.

        Raises:
            UnknownIdError: If no fact or indicator has ``entry_id``.
        """
        self._require(entry_id)
        conversion = self.plan.conversions.get(entry_id)
        return () if conversion is None else conversion.rate_ids

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
        finding = self._findings.get(finding_id)
        if finding is None:
            raise self._unknown(finding_id, list(self._findings))
        return finding

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

    def resting_on_source(self, source_id: str) -> frozenset[str]:
        """Return every fact, indicator and check that rests on a source document.

        These are what a correction to the document could change.

        Raises:
            UnknownSourceError: If the spec declares no source ``source_id``.
        """
        self._require_source(source_id)
        return self.provenance.resting_on_source(source_id)

    def orphaned_without(self, source_id: str) -> frozenset[str]:
        """Return what would rest on no source at all if ``source_id`` were withdrawn.

        Raises:
            UnknownSourceError: If the spec declares no source ``source_id``.
        """
        self._require_source(source_id)
        return self.provenance.orphaned_without(source_id)

    def to_json(self, indent: int | None = 2) -> str:
        """Return results, findings and provenance as one JSON document.

        The document follows the versioned JSON Schema shipped in the
        package (`indicators.presentation.export_schema`).
        """
        from ..presentation._export_json import export_text

        return export_text(self, indent)

    def to_prov(self, run_id: str | None = None) -> ProvDocument:
        """Return the provenance of this run as a W3C PROV document.

        Args:
            run_id: Names the run's bundle; a UTC timestamp when ``None``.
        """
        from ..presentation._export_prov import prov_document

        return prov_document(self, run_id)

    def to_dataframe(self) -> DataFrame:
        """Return one row per indicator as a pandas DataFrame.

        Raises:
            ImportError: If pandas is not installed (the ``pandas`` extra).
        """
        from ..presentation._export_csv import dataframe

        return dataframe(self)

    def _repr_html_(self) -> str:
        """Return an HTML table of every indicator, for notebooks."""
        from ..presentation._report_html import results_table_html

        return results_table_html(self)

    def explain(self, entry_id: str, depth: int | None = None) -> Explanation:
        """Return the derivation of ``entry_id`` down to its facts, as a tree.

        A check is explained as its parts summed against its total.

        Args:
            entry_id: A fact, indicator or check id.
            depth: How many levels below ``entry_id`` to include; all when
                ``None``.
        """
        from ..provenance._explanation import explain

        self._require(entry_id)
        return explain(self, entry_id, depth)

    def describe(self, entry_id: str) -> str | None:
        """Return the operation of ``entry_id`` with its inputs' values put in."""
        operation = self.operations.get(entry_id)
        if operation is None:
            return None
        inputs = self.spec.indicators[entry_id].inputs()
        return operation.describe([self.quantity_text(i) for i in inputs])

    def quantity_text(self, entry_id: str) -> str:
        """Return the value of ``entry_id`` with its unit, written for people.

        Raises:
            UnknownIdError: If no fact or indicator has ``entry_id``.
        """
        value = self._column(entry_id)[0]
        if isinstance(value, Undetermined):
            return "undetermined"
        unit = self.unit_of(entry_id).replace(" / ", "/")
        number = format_number(value)
        return number if unit == "dimensionless" else f"{number} {unit}"

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
            bounds=self.bounds_of(entry_id) if determined else None,
            observation_status=tuple(
                sorted(set(self.observation_status_of(entry_id).values()))
            ),
        )

    def _message(self, entry_id: str, value: Number | Undetermined) -> str:
        if isinstance(value, Undetermined):
            if value.origin == entry_id:
                return value.reason
            return f"rests on {value.origin!r}, which is undetermined: {value.reason}"
        facts = self.spec.facts
        qualified = sorted(
            f"{fact_id} ({facts[fact_id].qualifier.value.replace('_', ' ')})"
            for fact_id in self.provenance.inexact_facts(entry_id)
        )
        notes = []
        if qualified:
            notes.append("rests on figures that are not exact: " + ", ".join(qualified))
        bounds = self.bounds_of(entry_id)
        if bounds is not None:
            notes.append("the true value is " + bounds.describe(self.unit_of(entry_id)))
        statuses = self.observation_status_of(entry_id)
        if statuses:
            marked = ", ".join(
                f"{f} ({s.replace('_', ' ')})" for f, s in statuses.items()
            )
            notes.append("rests on figures with an observation status: " + marked)
        return "; ".join(notes)

    def _column(self, entry_id: str) -> Column:
        column = self.values.get(entry_id)
        if column is None:
            raise self._unknown(entry_id, [*self.values, *self.spec.checks])
        return column

    def _require_fact(self, fact_id: str) -> None:
        if fact_id in self.spec.facts:
            return
        if fact_id in self.plan.graph:
            noun = "an indicator" if fact_id in self.spec.indicators else "a check"
            msg = (
                f"only a fact's value can be changed, but {fact_id!r} is {noun} "
                "computed from its inputs; change one of the facts it rests on"
            )
            raise ValueError(msg)
        raise self._unknown(fact_id, list(self.spec.facts))

    def _require(self, entry_id: str) -> None:
        if entry_id not in self.plan.graph:
            raise self._unknown(entry_id, list(self.plan.graph))

    def _require_source(self, source_id: str) -> None:
        sources = list(self.spec.sources)
        if source_id not in sources:
            raise UnknownSourceError(source_id, CloseNames(sources).closest(source_id))

    def _unknown(self, entry_id: str, known: list[str]) -> UnknownIdError:
        return UnknownIdError(entry_id, CloseNames(known).closest(entry_id))


def _table(entries: Mapping[str, _V]) -> Table[_V]:
    return entries if isinstance(entries, Table) else Table(dict(entries))


def _exact_value(fact_id: str, value: object) -> int | Decimal | Fraction:
    if isinstance(value, bool) or not isinstance(value, int | Decimal | Fraction):
        msg = (
            f"the new value of fact {fact_id!r} must be an exact number (int, "
            f"Decimal or Fraction), got {value!r}; write 0.1 as Decimal('0.1')"
        )
        raise TypeError(msg)
    if isinstance(value, Decimal) and not value.is_finite():
        msg = f"the new value of fact {fact_id!r} must be finite, got {value!r}"
        raise ValueError(msg)
    return value


def _rounded(value: Number | Undetermined, decimals: int | None) -> Number | None:
    if decimals is None or isinstance(value, Undetermined):
        return None
    return round_half_away(value, decimals)
