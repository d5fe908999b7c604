"""Resolve a spec's references by position, at load time, before the graph.

A base found by position (`series.shifted`) becomes the percent change's
``from``; parts found over a dimension (`series.is_member`) become the
check's ``parts``; an indicator over a dimension gets a `MemberTable` that
lists, for each member, the fact filling each input. What cannot be found
is an error at the key that asked for it, saying what was looked for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Set
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..exceptions import SpecError, UnknownReferenceError
from ..spec import _model as model
from ._breakdowns import closest_dimension
from ._series import (
    MemberTable,
    describe_place,
    is_member,
    same_place,
    same_span,
    shifted,
)


__all__ = ["Resolution", "resolve_positions"]


@dataclass
class Resolution:
    """The outcome of resolving a spec's positional references.

    Attributes:
        spec: The spec with bases and parts written in as ids.
        members: The member table of each indicator over a dimension.
        errors: What could not be resolved, each at its key.
        unresolved: Ids of entries left out of ``spec`` because of errors.
    """

    spec: model.Spec
    members: dict[str, MemberTable] = field(default_factory=dict)
    errors: list[SpecError] = field(default_factory=list)
    unresolved: set[str] = field(default_factory=set)


def resolve_positions(
    spec: model.Spec,
    unreadable: Set[str] = frozenset(),
    unreadable_facts: Mapping[str, Mapping[str, Any]] | None = None,
) -> Resolution:
    """Resolve every base by position and every breakdown over a dimension.

    Entries that name unknown ids are left alone: the reference check reports
    those. Entries that cannot be resolved are reported and left out, and so
    are entries that take an indicator over a dimension as an input, since
    that indicator has no single value to give them. ``unreadable`` names
    entries, dimensions among them, already reported as unreadable;
    ``unreadable_facts`` holds the YAML values of the facts among them.
    """
    resolver = _Resolver(spec, unreadable, unreadable_facts or {})
    sections = {
        "indicators": _rebuilt(
            spec.indicators, resolver.resolved(spec.indicators, resolver.indicator)
        ),
        "checks": _rebuilt(spec.checks, resolver.resolved(spec.checks, resolver.check)),
    }
    for section, entries in list(sections.items()):
        refused = resolver.refuse_member_inputs(section, entries)
        if refused:
            sections[section] = {i: e for i, e in entries.items() if i not in refused}

    found = (resolver.members, resolver.errors, resolver.unresolved)
    if sections["indicators"] is spec.indicators and sections["checks"] is spec.checks:
        return Resolution(spec, *found)
    return Resolution(spec.model_copy(update=sections), *found)


def _rebuilt(
    entries: dict[str, Any], resolved: Iterator[tuple[str, Any, Any | None]]
) -> dict[str, Any]:
    """Return the entries as resolved, without those refused (resolved to ``None``).

    When no entry changed, ``entries`` itself is returned: most specs name
    every input by id, and a large one is then spared a copy of its sections.
    """
    changed = {
        entry_id: entry for entry_id, written, entry in resolved if entry is not written
    }
    if not changed:
        return entries
    rebuilt = {
        entry_id: changed.get(entry_id, entry) for entry_id, entry in entries.items()
    }
    return {entry_id: entry for entry_id, entry in rebuilt.items() if entry is not None}


class _Unresolved(Exception):
    """One entry that cannot be resolved, with the error to report.

    The error is ``None`` when the cause was already reported elsewhere,
    such as a dimension that could not be read.
    """

    def __init__(self, error: SpecError | None) -> None:
        self.error = error


class _Resolver:
    def __init__(
        self,
        spec: model.Spec,
        unreadable: Set[str],
        unreadable_facts: Mapping[str, Mapping[str, Any]],
    ) -> None:
        self.spec = spec
        self.unreadable = unreadable
        self.unreadable_series = {
            str(fact.get("series")) for fact in unreadable_facts.values()
        }
        self.members: dict[str, MemberTable] = {}
        self.errors: list[SpecError] = []
        self.unresolved: set[str] = set()

    @cached_property
    def series(self) -> dict[str, list[tuple[str, model.Fact]]]:
        """The facts of each series, gathered when a position is first looked up.

        A spec that names every input by id never needs them, and a large
        one is then spared a pass over all of its facts.
        """
        found: dict[str, list[tuple[str, model.Fact]]] = {}
        for fact_id, fact in self.spec.facts.items():
            if fact.series is not None:
                found.setdefault(fact.series, []).append((fact_id, fact))
        return found

    def resolved(
        self, entries: dict[str, Any], resolve: Callable[[str, Any], Any]
    ) -> Iterator[tuple[str, Any, Any | None]]:
        """Yield each entry as written and as resolved (``None`` if refused)."""
        for entry_id, entry in entries.items():
            try:
                yield entry_id, entry, resolve(entry_id, entry)
            except _Unresolved as refusal:
                self._refuse(entry_id, refusal)
                yield entry_id, entry, None

    def _refuse(self, entry_id: str, refusal: _Unresolved) -> None:
        if refusal.error is not None:
            self.errors.append(refusal.error)
        self.unresolved.add(entry_id)

    def refuse_member_inputs(self, section: str, entries: dict[str, Any]) -> list[str]:
        """Report and return the entries that use a per-member indicator."""
        refused: list[str] = []
        if not self.members:
            return refused

        for entry_id, entry in entries.items():
            used = [name for name in entry.inputs() if name in self.members]
            if not used:
                continue
            dimension = self.members[used[0]].dimension
            problem = (
                f"{section[:-1]} {entry_id!r} uses {used[0]!r}, which has one result "
                f"per member of {dimension!r} rather than one value"
            )
            hint = "use the member facts, or declare this entry over the dimension too"
            location = self.spec.locate((section, entry_id, entry.kind))
            self.errors.append(SpecError(problem, location, hint=hint))
            self.unresolved.add(entry_id)
            refused.append(entry_id)
        return refused

    def indicator(self, indicator_id: str, indicator: model.Indicator) -> Any:
        """Return the indicator with a base by position found; note its members.

        Raises:
            _Unresolved: If the base or the members cannot be found.
        """
        if isinstance(indicator, model.PercentChangeIndicator):
            indicator = self._with_base(indicator_id, indicator)
        over = getattr(getattr(indicator, indicator.kind), "over", None)
        if over is not None:
            self._member_table(indicator_id, indicator, over)
        return indicator

    def _with_base(
        self, indicator_id: str, indicator: model.PercentChangeIndicator
    ) -> model.PercentChangeIndicator:
        change = indicator.percent_change
        if change.base is None or change.to not in self.spec.facts:
            return indicator

        path = ("indicators", indicator_id, "percent_change", "base")
        later = self._series_fact(change.to, path, "a base by position")
        period = shifted(later.period, change.base)
        found = [
            fact_id
            for fact_id, fact in self.series[str(later.series)]
            if same_place(fact, later) and same_span(fact.period, period)
        ]
        if len(found) > 1:
            wanted = describe_place(later, period)
            raise _Unresolved(self._base_error(path, change, wanted, found))
        if not found:
            wanted = describe_place(later, period)
            error = self._base_error(path, change, wanted, found)
            raise self._missing(error, later.series)
        update = {"percent_change": change.model_copy(update={"from_": found[0]})}
        return indicator.model_copy(update=update)

    def _base_error(
        self,
        path: tuple[str | int, ...],
        change: model.ChangeInputs,
        wanted: str,
        found: list[str],
    ) -> SpecError:
        location = self.spec.locate(path)
        asked = f"the base {change.base} of {change.to!r}"
        if found:
            problem = f"{asked} is ambiguous: {', '.join(found)} all are {wanted}"
            hint = "give those facts different series, or name the base with `from:`"
            return SpecError(problem, location, hint=hint)
        problem = f"{asked} cannot be found: no fact is {wanted}"
        hint = "declare that fact, or name the base by id with `from:`"
        return UnknownReferenceError(problem, location, hint=hint)

    def _member_table(
        self, indicator_id: str, indicator: model.Indicator, over: str
    ) -> None:
        path = ("indicators", indicator_id, indicator.kind, "over")
        if indicator.reported is not None:
            problem = (
                f"indicator {indicator_id!r} has one result per member of {over!r}, "
                "so it cannot carry one `reported` value"
            )
            hint = "declare the printed figure on an indicator for that one member"
            location = self.spec.locate(("indicators", indicator_id, "reported"))
            raise _Unresolved(SpecError(problem, location, hint=hint))

        dimension = self._dimension(over, path)
        anchors = indicator.inputs()
        if any(anchor not in self.spec.facts for anchor in anchors):
            self._refuse_non_facts(indicator_id, anchors, over, path)
            return
        columns = [self._members(anchor, dimension, path) for anchor in anchors]
        codes = tuple(dict.fromkeys(code for found in columns for code in found))
        inputs = tuple(tuple(found.get(code) for code in codes) for found in columns)
        self.members[indicator_id] = MemberTable(over, codes, inputs)

    def _refuse_non_facts(
        self,
        indicator_id: str,
        anchors: tuple[str, ...],
        over: str,
        path: tuple[str | int, ...],
    ) -> None:
        computed = [a for a in anchors if a in self.spec.indicators]
        if not computed:
            return
        problem = (
            f"indicator {indicator_id!r} is computed over {over!r}, but "
            f"{computed[0]!r} is an indicator; members are found among facts only"
        )
        hint = "name facts of a series as the inputs"
        raise _Unresolved(SpecError(problem, self.spec.locate(path), hint=hint))

    def check(self, check_id: str, check: model.Check) -> Any:
        """Return the check with its parts found over its dimension, if it has one.

        Raises:
            _Unresolved: If the dimension or a part cannot be found.
        """
        breakdown = check.breakdown()
        if breakdown.over is None or breakdown.total not in self.spec.facts:
            return check

        path = ("checks", check_id, check.kind, "over")
        dimension = self._dimension(breakdown.over, path)
        exhaustive = self.spec.dimensions[breakdown.over].exhaustive
        if isinstance(check, model.PartsSumTo) and not exhaustive:
            raise _Unresolved(_not_exhaustive(self.spec, path, breakdown.over))

        found = self._members(breakdown.total, dimension, path)
        if isinstance(check, model.PartsSumTo):
            self._require_every_code(check.parts_sum_to, found, path)
        parts = breakdown.model_copy(update={"parts": tuple(found.values())})
        return check.model_copy(update={check.kind: parts})

    def _require_every_code(
        self,
        breakdown: model.BreakdownInputs,
        found: dict[str, str],
        path: tuple[str | int, ...],
    ) -> None:
        dimension = self.spec.dimensions[str(breakdown.over)]
        missing = [code for code in dimension.codes if code not in found]
        if not missing:
            return
        problem = (
            f"the parts of {breakdown.total!r} over the exhaustive dimension "
            f"{breakdown.over!r} lack a fact for {', '.join(missing)}"
        )
        hint = (
            "declare a fact of the same series for each code, or use "
            "`parts_within` to test the parts that are given"
        )
        error = SpecError(problem, self.spec.locate(path), hint=hint)
        raise self._missing(error, self.spec.facts[breakdown.total].series)

    def _dimension(self, name: str, path: tuple[str | int, ...]) -> str:
        if name in self.spec.dimensions:
            return name
        if name in self.unreadable:
            raise _Unresolved(None)
        guess = closest_dimension(self.spec, name)
        hint = f"did you mean {guess!r}?" if guess else "declare it under `dimensions:`"
        problem = f"{name!r} is not a declared dimension"
        raise _Unresolved(
            UnknownReferenceError(problem, self.spec.locate(path), hint=hint)
        )

    def _members(
        self, anchor_id: str, dimension: str, path: tuple[str | int, ...]
    ) -> dict[str, str]:
        anchor = self._series_fact(anchor_id, path, f"parts over {dimension!r}")
        if dimension in anchor.breakdown:
            problem = (
                f"{anchor_id!r} is itself the member {anchor.breakdown[dimension]!r} "
                f"of {dimension!r}, so it has no members of that dimension"
            )
            hint = "name the fact for the whole as the total or input"
            raise _Unresolved(SpecError(problem, self.spec.locate(path), hint=hint))

        found: dict[str, str] = {}
        for fact_id, fact in self.series[str(anchor.series)]:
            if is_member(fact, anchor, dimension):
                code = fact.breakdown[dimension]
                if code in found:
                    raise _Unresolved(self._twice(path, code, found[code], fact_id))
                found[code] = fact_id
        if not found:
            wanted = describe_place(anchor, anchor.period, f"a member of {dimension!r}")
            problem = (
                f"{anchor_id!r} has no members over {dimension!r}: no fact is {wanted}"
            )
            hint = f"give its parts `series: {anchor.series}` and the same unit, area and period"
            error = UnknownReferenceError(problem, self.spec.locate(path), hint=hint)
            raise self._missing(error, anchor.series)
        return found

    def _missing(self, error: SpecError, series: str | None) -> _Unresolved:
        """Return the refusal for a fact of ``series`` not found by position.

        When a fact of that series could not be read, it may be the one
        looked for, and its own error says what to fix; saying it is missing
        as well would send the reader after a fact that is there.
        """
        knock_on = series is not None and series in self.unreadable_series
        return _Unresolved(None if knock_on else error)

    def _twice(
        self, path: tuple[str | int, ...], code: str, first: str, second: str
    ) -> SpecError:
        problem = f"both {first!r} and {second!r} are the member {code!r} of one series"
        hint = "give one of them a different series, period or breakdown"
        return SpecError(problem, self.spec.locate(path), hint=hint)

    def _series_fact(
        self, fact_id: str, path: tuple[str | int, ...], use: str
    ) -> model.Fact:
        fact = self.spec.facts.get(fact_id)
        if fact is None:
            problem = f"{use} needs {fact_id!r} to be a fact of a series, but it is an indicator"
            raise _Unresolved(SpecError(problem, self.spec.locate(path)))
        if fact.series is None:
            problem = f"{use} needs {fact_id!r} to declare its series"
            hint = f"add `series: <name>` to {fact_id!r} and to the facts of the same measure"
            raise _Unresolved(SpecError(problem, self.spec.locate(path), hint=hint))
        return fact


def _not_exhaustive(
    spec: model.Spec, path: tuple[str | int, ...], dimension: str
) -> SpecError:
    problem = (
        f"`parts_sum_to` over {dimension!r} needs a dimension whose codes cover the "
        "whole, but it is not declared `exhaustive: true`"
    )
    hint = "use `parts_within` to test that the parts do not exceed the total"
    return SpecError(problem, spec.locate(path), hint=hint)
