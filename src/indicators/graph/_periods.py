"""The period rule: a change is measured between periods of one length.

A percent change or a difference from a month to a half-year compares six
months of flow with one, and its result means nothing. Such a comparison is
refused at load time unless the indicator says ``periods: mixed``, for the
rare case where it is meant (a month's figure set against a half-year's).

A fact's period is the one it declares. An indicator's period is known when
all of its inputs have one same period (a sum of two first-half figures is a
first-half figure); otherwise it is unknown and the rule does not apply to
comparisons with it.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..exceptions import SpecError
from ..spec import _model as model
from ..spec._period import Period, PeriodKind
from ._walk import FROM_INPUTS, FromInputs, settle


__all__ = ["dated_by", "find_period_errors"]

_COMPARISONS = (model.DifferenceIndicator, model.PercentChangeIndicator)


def find_period_errors(spec: model.Spec) -> list[SpecError]:
    """Return an error for each comparison of periods of different lengths."""
    periods = _Periods(spec)
    errors = []
    for indicator_id, indicator in spec.indicators.items():
        if not isinstance(indicator, _COMPARISONS):
            continue
        if indicator.periods is model.PeriodRule.MIXED:
            continue
        error = _compare(spec, periods, indicator_id, indicator)
        if error is not None:
            errors.append(error)
    return errors


def _compare(
    spec: model.Spec,
    periods: _Periods,
    indicator_id: str,
    indicator: model.DifferenceIndicator | model.PercentChangeIndicator,
) -> SpecError | None:
    inputs = indicator.inputs()
    if len(inputs) != 2:
        return None
    first, second = (periods.of(input_id) for input_id in inputs)
    if first is None or second is None or first.comparable_with(second):
        return None

    problem = (
        f"indicator {indicator_id!r} ({indicator.kind}) compares {inputs[0]!r} over "
        f"{first} ({_length(first)}) with {inputs[1]!r} over {second} "
        f"({_length(second)}); periods of different lengths are not comparable"
    )
    hint = (
        "compare figures for periods of the same length, or add `periods: mixed` "
        "to the indicator if this comparison is intended"
    )
    return SpecError(
        problem, spec.locate(("indicators", indicator_id, indicator.kind)), hint=hint
    )


def _length(period: Period) -> str:
    if period.kind is PeriodKind.RANGE:
        return f"a range of {period.length_kind}"
    if period.kind is PeriodKind.HALF:
        return "a half-year"
    return f"a {period.length_kind}"


class _Periods:
    """The period of each fact and indicator, found once each."""

    def __init__(self, spec: model.Spec) -> None:
        self.spec = spec
        self.known: dict[str, Period | None] = {}

    def of(self, entry_id: str) -> Period | None:
        """Return the one period ``entry_id`` is about, or ``None`` if it mixes some.

        A fact has its own; an indicator has its inputs' period when they
        all share one. An unknown id, or an input on a cycle, has none.
        """
        return settle(entry_id, self.known, self._own, self._inputs_of, _one_period)

    def _own(self, entry_id: str) -> Period | FromInputs:
        fact = self.spec.facts.get(entry_id)
        return FROM_INPUTS if fact is None else fact.period

    def _inputs_of(self, entry_id: str) -> tuple[str, ...]:
        return dated_by(self.spec, entry_id)


def dated_by(spec: model.Spec, entry_id: str) -> tuple[str, ...]:
    """Return the entries whose periods set the period of indicator ``entry_id``.

    They are its inputs, but a conversion's amount alone: a rate only
    translates the amount, so a yearly rate applied to a half-year's amount
    leaves it a half-year's figure. A fact, or an unknown id, has none.
    """
    indicator = spec.indicators.get(entry_id)
    if indicator is None:
        return ()
    if isinstance(indicator, model.ConvertIndicator):
        return (indicator.convert.amount,)
    return indicator.inputs()


def _one_period(_entry_id: str, periods: Sequence[Period | None]) -> Period | None:
    """Return the period all ``periods`` share; ``None`` if they are several or none.

    An id that is neither a fact nor an indicator has no inputs, so none.
    """
    found = set(periods)
    return found.pop() if len(found) == 1 else None
