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
from typing import TYPE_CHECKING, Any, TypeVar

from .._numbers import Number, format_number, round_half_away
from .._suggest import CloseNames
from ..exceptions import (
    FactUpdateError,
    MemberIdError,
    UnknownIdError,
    UnknownSourceError,
)
from ..graph._units import quantity_words, unit_text
from ..provenance._provenance import Provenance
from ..spec._model import Qualifier, require_printable
from ._bounds import Bounds
from ._findings import Finding, Status
from ._members import parse_member_id, written_for_member
from ._operations import Column, Operation, Undetermined, Value
from ._table import Table


if TYPE_CHECKING:
    from pandas import DataFrame
    from prov.model import ProvDocument

    from ..graph import Plan
    from ..graph._series import MemberTable
    from ..provenance._explanation import Explanation
    from ..spec._model import Fact, Spec
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
        status: ``ok`` or ``undetermined``; ``members`` for an indicator
            over a dimension as a whole, whose values are its members'.
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
        decimals: The places ``rounded`` is given at, all of them shown
            (``-1.0`` at one place); ``None`` when it is not rounded.
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
    decimals: int | None = None

    @property
    def qualifier(self) -> str:
        """``exact``, or the shape of the bounds: ``less_than``, ``range``, ..."""
        return "exact" if self.bounds is None else self.bounds.qualifier


class Results:
    """Every value, finding and lineage of one evaluated spec."""

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
        self.provenance = Provenance(plan)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickle the plan, values, findings and bounds; the rest is rebuilt.

        Results sent between processes keep an update's new values, since
        the values are sent, not computed again; the operations and the
        provenance walks are rebuilt from the plan on the other side.
        """
        from ._evaluate import restored_results

        state = (dict(self.values), self.findings, dict(self.bounds))
        return restored_results, (self.plan, *state)

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
            FactUpdateError: If ``fact_id`` names an indicator or a check,
                whose value follows from its inputs, or ``value`` is not a
                finite exact number (a float is not).
        """
        from ._evaluate import reevaluate

        self._require_fact(fact_id)
        written = _as_written(fact_id, self.spec.facts[fact_id], value)
        change = reevaluate(
            self.plan, self.operations, self.values, self.bounds, fact_id, written
        )
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

        An indicator over a dimension has one value per member, asked for
        by member id: ``x[destination=RU]``.

        Raises:
            UnknownIdError: If no fact, indicator or member has ``entry_id``.
            MemberIdError: If ``entry_id`` is an indicator over a dimension.
        """
        value = self._column(entry_id)[0]
        return None if isinstance(value, Undetermined) else value

    def bounds_of(self, entry_id: str) -> Bounds | None:
        """Return where the true value of ``entry_id`` lies, ``None`` when exact.

        Raises:
            UnknownIdError: If no fact or indicator has ``entry_id``.
        """
        self._column(entry_id)
        member = self._member(entry_id)
        node, index = (entry_id, 0) if member is None else (member[0], member[2])
        column = self.bounds.get(node)
        interval = None if column is None else column[index]
        return None if interval is None or interval.is_point else interval

    def observation_status_of(self, entry_id: str) -> dict[str, str]:
        """Return the SDMX observation status of each fact ``entry_id`` rests on.

        Only facts that declare a status appear, by fact id.

        Raises:
            UnknownIdError: If no fact or indicator has ``entry_id``.
        """
        member = self._member(entry_id)
        if member is None:
            self._require(entry_id)
        if not self._statuses_declared:
            return {}

        if member is None:
            rests_on = self.provenance.facts_with_status(entry_id)
        else:
            rests_on = self.facts_of(entry_id)
        facts = self.spec.facts
        return {
            fact_id: status.value
            for fact_id in sorted(rests_on)
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
        table = self.plan.members.get(entry_id)
        if table is not None:
            return self._whole(entry_id, table)
        value = self._column(entry_id)[0]
        return self._result(entry_id, value)

    def __iter__(self) -> Iterator[Result]:
        """Yield the result of every indicator, in the spec's order.

        An indicator over a dimension yields one result per member.
        """
        for indicator_id in self.spec.indicators:
            members = self.members(indicator_id)
            for result_id in members or (indicator_id,):
                yield self[result_id]

    def __contains__(self, entry_id: object) -> bool:
        """Tell whether ``results[entry_id]`` has a result: a fact, indicator or member."""
        if not isinstance(entry_id, str):
            return False
        spec = self.spec
        if entry_id in spec.indicators or entry_id in spec.facts:
            return True
        return self._member(entry_id) is not None

    def __len__(self) -> int:
        return sum(
            len(self._ids_of(indicator_id)) for indicator_id in self.spec.indicators
        )

    def members(self, entry_id: str) -> tuple[str, ...]:
        """Return the member result ids of an indicator over a dimension.

        A fact, a member or an indicator with a single value has none.

        Raises:
            UnknownIdError: If no fact or indicator has ``entry_id``.
        """
        if self._member(entry_id) is not None:
            return ()
        self._require(entry_id)
        table = self.plan.members.get(entry_id)
        return () if table is None else table.member_ids(entry_id)

    def entry_of(self, result_id: str) -> str:
        """Return the fact or indicator a result id names.

        A member id names its indicator
        (``x[destination=RU]`` gives ``x``); any other id names itself.
        """
        member = self._member(result_id)
        return result_id if member is None else member[0]

    def _ids_of(self, indicator_id: str) -> tuple[str, ...]:
        return self.members(indicator_id) or (indicator_id,)

    def finding(self, finding_id: str) -> Finding:
        """Return the finding with ``finding_id``.

        Raises:
            UnknownIdError: If there is no such finding.
        """
        finding = self._findings.get(finding_id)
        if finding is None:
            raise self._unknown(finding_id, list(self._findings))
        return finding

    def printed_finding(self, indicator_id: str) -> Finding | None:
        """Return the finding on the value printed for ``indicator_id``, if any."""
        finding = self._findings.get(indicator_id)
        if finding is None or finding.kind != "reported":
            return None
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
        """Return the ids of the facts ``entry_id`` (or one member) rests on."""
        member = self._member(entry_id)
        if member is not None:
            return frozenset(member[1].facts_of(member[2]))
        self._require(entry_id)
        return self.provenance.facts(entry_id)

    def sources_of(self, entry_id: str) -> frozenset[str]:
        """Return the ids of the source documents ``entry_id`` rests on."""
        if self._member(entry_id) is None:
            # Provenance finds the entry's inputs in the lookup that tells
            # whether it exists at all.
            try:
                return self.provenance.sources(entry_id)
            except KeyError:
                # Unknown ids get the did-you-mean; a known one is a fault here.
                if self._declared(entry_id):
                    raise
                raise self._unknown_entry(entry_id) from None
        facts = self.spec.facts
        return frozenset(facts[fact].source for fact in self.facts_of(entry_id))

    def series_named_by(self, entry_id: str) -> tuple[str, ...]:
        """Return the series facts an indicator over a dimension names.

        Its members are computed from facts of those series, found by
        position, so it rests on them without taking their values. A member
        id gives its indicator's; any other entry names none.

        Raises:
            UnknownIdError: If no fact, indicator, check or member has
                ``entry_id``.
        """
        return self.plan.named_series(self._node(entry_id))

    def upstream(self, entry_id: str) -> frozenset[str]:
        """Return every fact and indicator ``entry_id`` rests on.

        An indicator over a dimension rests on its member facts and on the
        series facts it names (`series_named_by`); one member, on its own
        facts and those series facts.

        Raises:
            UnknownIdError: If no fact, indicator, check or member has
                ``entry_id``.
        """
        member = self._member(entry_id)
        if member is not None:
            named = self.plan.named_series(member[0])
            return self.facts_of(entry_id) | frozenset(named)
        self._require(entry_id)
        return self.provenance.upstream(entry_id)

    def downstream(self, entry_id: str) -> frozenset[str]:
        """Return every indicator and check resting on ``entry_id``.

        A series fact has below it the indicators over a dimension that
        name it. Nothing rests on a member, since an indicator over a
        dimension is the input of nothing.

        Raises:
            UnknownIdError: If no fact, indicator, check or member has
                ``entry_id``.
        """
        node = self._node(entry_id)
        if node != entry_id:
            return frozenset()
        return self.provenance.downstream(node)

    def path(self, start: str, end: str) -> tuple[str, ...] | None:
        """Return a chain of dependencies from ``start`` to ``end``, or ``None``.

        A chain to a member ends at that member through one of the facts it
        rests on (`upstream`), never through another member's facts; a
        chain from a member goes nowhere, since nothing rests on a member.

        Raises:
            UnknownIdError: If no fact, indicator, check or member has
                ``start`` or ``end``.
        """
        start_node, end_node = self._node(start), self._node(end)
        if start == end:
            return (start,)
        if start_node != start:
            return None
        if end_node == end:
            return self.provenance.path(start, end)
        return self._path_to_member(start, end)

    def _path_to_member(self, start: str, member_id: str) -> tuple[str, ...] | None:
        """Return the shortest chain from ``start`` to one member's own inputs."""
        chains = (
            self.provenance.path(start, input_id)
            for input_id in sorted(self.upstream(member_id))
        )
        found = [chain for chain in chains if chain is not None]
        if not found:
            return None
        return (*min(found, key=len), member_id)

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
            entry_id: A fact, indicator or check id, or a member id; an
                indicator over a dimension is explained member by member.
            depth: How many levels below ``entry_id`` to include; all when
                ``None``.
        """
        from ..provenance._explanation import explain

        if self._member(entry_id) is None and entry_id not in self.plan.members:
            self._require(entry_id)
        return explain(self, entry_id, depth)

    def describe(self, entry_id: str) -> str | None:
        """Return the operation of ``entry_id`` with its inputs' values put in."""
        member = self._member(entry_id)
        if member is not None:
            indicator_id, table, index = member
            facts = [column[index] for column in table.inputs]
            shown = [self.quantity_text(f) if f else "undetermined" for f in facts]
            return self.operations[indicator_id].describe(shown)
        operation = self.operations.get(entry_id)
        if operation is None or entry_id in self.plan.members:
            return None
        return operation.describe([self.quantity_text(i) for i in operation.names])

    def quantity_text(self, entry_id: str) -> str:
        """Return the value of ``entry_id`` with its unit, written for people.

        Raises:
            UnknownIdError: If no fact or indicator has ``entry_id``.
        """
        table = self.plan.members.get(entry_id)
        if table is not None:
            return f"{len(table.codes)} results, one per {table.dimension}"
        value = self._column(entry_id)[0]
        if isinstance(value, Undetermined):
            return "undetermined"
        unit = self.unit_of(entry_id).replace(" / ", "/")
        return quantity_words(format_number(value), unit)

    def unit_of(self, entry_id: str) -> str:
        """Return the unit of a fact or indicator (or one member), as text.

        Raises:
            UnknownIdError: If no fact, indicator or member has ``entry_id``.
        """
        member = self._member(entry_id)
        node = entry_id if member is None else member[0]
        unit = self.plan.units.get(node)
        if unit is None:
            raise self._unknown(entry_id, [*self.spec.facts, *self.spec.indicators])
        return unit_text(unit)

    def _whole(self, indicator_id: str, table: MemberTable) -> Result:
        """Return the result of an indicator over a dimension as a whole.

        It has no single value: its status is ``members`` and its message
        names the member results, which hold the values.
        """
        indicator = self.spec.indicators[indicator_id]
        members = ", ".join(table.member_ids(indicator_id))
        return Result(
            id=indicator_id,
            kind=indicator.kind,
            value=None,
            unit=self.unit_of(indicator_id),
            status="members",
            message=f"one result per member of {table.dimension}: {members}",
            label=indicator.label,
            formula=self.operations[indicator_id].written,
            inputs=table.all_facts(),
            rounded=None,
        )

    def check_of(self, finding_id: str) -> str | None:
        """Return the check a finding is about, or ``None`` for a reported value.

        A check's finding is about that check; an overlap finding is about
        the check whose parts overlap.

        Raises:
            UnknownIdError: If there is no such finding.
        """
        finding = self.finding(finding_id)
        if finding.kind == "reported":
            return None
        if finding.kind == "overlap":
            return finding_id.removesuffix(".overlap")
        return finding_id

    def _result(self, entry_id: str, value: Value) -> Result:
        spec = self.spec
        member = self._member(entry_id)
        node = entry_id if member is None else member[0]
        inputs = self.provenance.inputs(node)
        if node in spec.facts:
            kind, label, formula, decimals = "fact", None, None, None
        else:
            indicator = spec.indicators[node]
            kind, label, decimals = indicator.kind, indicator.label, indicator.decimals
            formula = self.operations[node].written
        if member is not None:
            names = spec.indicators[node].inputs()
            formula = written_for_member(str(formula), names, member[1], member[2])
            inputs = member[1].facts_of(member[2])
        determined = not isinstance(value, Undetermined)
        return Result(
            id=entry_id,
            kind=kind,
            value=None if isinstance(value, Undetermined) else value,
            unit=self.unit_of(node),
            status="ok" if determined else "undetermined",
            message=self._message(entry_id, node, value),
            label=label,
            formula=formula,
            inputs=inputs,
            rounded=_rounded(value, decimals),
            bounds=self.bounds_of(entry_id) if determined else None,
            observation_status=tuple(
                sorted(set(self.observation_status_of(entry_id).values()))
            ),
            decimals=decimals if determined else None,
        )

    def _message(self, entry_id: str, node: str, value: Value) -> str:
        if isinstance(value, Undetermined):
            if value.origin == node:
                return value.reason
            steps = ", which rests on ".join(map(repr, value.chain()))
            return f"rests on {steps}, which is undetermined: {value.reason}"
        facts = self.spec.facts
        if self._member(entry_id) is None:
            inexact = self.provenance.inexact_facts(entry_id)
        else:
            inexact = frozenset(
                fact_id
                for fact_id in self.facts_of(entry_id)
                if facts[fact_id].qualifier != "exact"
            )
        qualified = sorted(
            f"{fact_id} ({facts[fact_id].qualifier.value.replace('_', ' ')})"
            for fact_id in inexact
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
        member = self._member(entry_id)
        if member is not None:
            return (self.values[member[0]][member[2]],)
        column = self.values.get(entry_id)
        if column is None:
            raise self._unknown(entry_id, [*self.values, *self.spec.checks])
        if entry_id in self.plan.members:
            raise MemberIdError(entry_id, self.members(entry_id))
        return column

    def _require_fact(self, fact_id: str) -> None:
        if fact_id in self.spec.facts:
            return
        if fact_id in self.spec.indicators or fact_id in self.spec.checks:
            noun = "an indicator" if fact_id in self.spec.indicators else "a check"
            msg = (
                f"only a fact's value can be changed, but {fact_id!r} is {noun} "
                "computed from its inputs; change one of the facts it rests on"
            )
            raise FactUpdateError(msg)
        raise self._unknown(fact_id, list(self.spec.facts))

    def _member(self, entry_id: str) -> tuple[str, MemberTable, int] | None:
        """Return the indicator, member table and index a member id names."""
        if "[" not in entry_id or not self.plan.members:
            # Most ids name no member; spare them the pattern match.
            return None
        ref = parse_member_id(entry_id)
        if ref is None:
            return None
        table = self.plan.members.get(ref.entry_id)
        if table is None or table.dimension != ref.dimension:
            return None
        if ref.code not in table.codes:
            return None
        return ref.entry_id, table, table.codes.index(ref.code)

    def _node(self, entry_id: str) -> str:
        member = self._member(entry_id)
        node = entry_id if member is None else member[0]
        self._require(node)
        return node

    def _require(self, entry_id: str) -> None:
        if not self._declared(entry_id):
            raise self._unknown_entry(entry_id)

    def _declared(self, entry_id: str) -> bool:
        # Most questions are about indicators, so they are looked up first.
        spec = self.spec
        return (
            entry_id in spec.indicators
            or entry_id in spec.facts
            or entry_id in spec.checks
        )

    def _unknown_entry(self, entry_id: str) -> UnknownIdError:
        # A suggestion weighs the ids in the order the spec declares them.
        spec = self.spec
        return self._unknown(entry_id, [*spec.facts, *spec.indicators, *spec.checks])

    def _require_source(self, source_id: str) -> None:
        sources = list(self.spec.sources)
        if source_id not in sources:
            raise UnknownSourceError(source_id, CloseNames(sources).closest(source_id))

    def _unknown(self, entry_id: str, known: list[str]) -> UnknownIdError:
        return UnknownIdError(entry_id, CloseNames(known).closest(entry_id))


def _table(entries: Mapping[str, _V]) -> Table[_V]:
    """Return ``entries`` as a table, keeping a plain dict rather than copying it."""
    if isinstance(entries, Table):
        return entries
    return Table(entries if type(entries) is dict else dict(entries))


def _as_written(fact_id: str, fact: Fact, value: object) -> int | Decimal | Fraction:
    """Return ``value`` as the fact's ``value`` key would hold it.

    A rounded or approximate fact without a margin takes its precision from
    the digits it is written with, which a fraction does not have; a whole
    fraction is an integer, and any other is refused for such a fact.
    """
    written = _exact_value(fact_id, value)
    if not isinstance(written, Fraction):
        return written
    if written.denominator == 1:
        return written.numerator

    precision_written = fact.qualifier is Qualifier.ROUNDED or (
        fact.qualifier is Qualifier.APPROXIMATE and fact.margin is None
    )
    if precision_written:
        msg = (
            f"fact {fact_id!r} is {fact.qualifier.value} and takes its precision "
            f"from the digits it is written with, which the fraction {written} "
            "does not have; give the new value as a Decimal written to the places "
            "the document would print, such as Decimal('6.5')"
        )
        raise FactUpdateError(msg)
    return written


def _exact_value(fact_id: str, value: object) -> int | Decimal | Fraction:
    if isinstance(value, bool) or not isinstance(value, int | Decimal | Fraction):
        msg = (
            f"the new value of fact {fact_id!r} must be an exact number (int, "
            f"Decimal or Fraction), got {value!r}; write 0.1 as Decimal('0.1')"
        )
        raise FactUpdateError(msg)
    written = value if isinstance(value, Decimal) else Decimal(value.numerator)
    try:
        require_printable(written)
        if isinstance(value, Fraction):
            require_printable(Decimal(value.denominator))
    except ValueError as error:
        msg = f"the new value of fact {fact_id!r} is refused: {error}"
        raise FactUpdateError(msg) from None
    return value


def _rounded(value: Number | Undetermined, decimals: int | None) -> Number | None:
    if decimals is None or isinstance(value, Undetermined):
        return None
    return round_half_away(value, decimals)
