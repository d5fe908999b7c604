"""Exchange rates: which rate facts a conversion uses, picked before computing.

A rate is a fact whose unit is one currency per another (``KZT/USD``: tenge
per dollar). A conversion either names its rate, or says how to pick one
for its amount's period (``rate_policy``):

- ``exact_period``: the rate fact of the amount's own period (the same
  days), the default;
- ``average_of_months``: the mean of the monthly rate facts of every month
  within the amount's period; a missing month is an error;
- ``end_of_period``: the rate fact of the last day of the amount's period.

When no rate connects the two currencies directly, the shortest chain of
rates through other currencies is used (tenge to dollars to somoni), each
step picked by the same policy. A named rate must cover the amount's
period. What is picked is recorded as the conversion's inputs, so the
provenance and the explanation show every rate used.
"""

from __future__ import annotations

import datetime
import itertools
from collections import deque
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..exceptions import RateError, SpecError, UnitMismatchError
from ..spec import _model as model
from ..spec._period import PeriodKind
from ._periods import dated_by
from ._walk import FROM_INPUTS, FromInputs, settle


if TYPE_CHECKING:
    import pint

    from ._units import UnitCatalogue

__all__ = ["Conversion", "Leg", "RatePicker"]

#: The first and last day an amount or rate is about.
Days = tuple[datetime.date, datetime.date]


@dataclass(frozen=True, slots=True)
class Leg:
    """One step of a conversion, from one currency to the next.

    Attributes:
        source: The currency the step starts from.
        target: The currency it ends in.
        rates: The rate ids whose mean the step applies (one unless the
            policy averages months).
        direction: ``divide`` when the rates are quoted in source per
            target (tenge per dollar, for tenge to dollars), else ``multiply``.
    """

    source: str
    target: str
    rates: tuple[str, ...]
    direction: str


@dataclass(frozen=True, slots=True)
class Conversion:
    """The steps that take an amount from its currency to the target."""

    legs: tuple[Leg, ...]

    @property
    def rate_ids(self) -> tuple[str, ...]:
        """Every rate used, in the order of the steps."""
        return tuple(rate for leg in self.legs for rate in leg.rates)

    def shape(self) -> tuple[tuple[int, str], ...]:
        """Return each step's number of rates and direction, for the arithmetic."""
        return tuple((len(leg.rates), leg.direction) for leg in self.legs)


class RatePicker:
    """Pick the rates of each conversion of one spec.

    Args:
        spec: The spec whose facts hold the rates.
        catalogue: The unit catalogue, to read currencies from units.
    """

    def __init__(self, spec: model.Spec, catalogue: UnitCatalogue) -> None:
        self.spec = spec
        self.catalogue = catalogue
        self._rates = dict(self._rate_facts())
        self._days: dict[str, Days] = {}

    def named(
        self,
        indicator_id: str,
        indicator: model.ConvertIndicator,
        amount_unit: pint.Unit,
        direction: str,
    ) -> Conversion:
        """Return the one-step conversion of a named rate, if it covers the amount.

        Raises:
            RateError: If the rate's period does not cover the amount's.
        """
        rate_id = indicator.convert.rate
        assert rate_id is not None
        amount = self.days(indicator.convert.amount)
        covered = self.days(rate_id)
        if not (covered[0] <= amount[0] and amount[1] <= covered[1]):
            problem = (
                f"indicator {indicator_id!r} converts an amount for {_shown(amount)} "
                f"with the rate {rate_id!r} for {_shown(covered)}, which does not "
                "cover it"
            )
            hint = (
                "name a rate whose period contains the amount's, or set a `rate_policy`"
            )
            raise RateError(problem, hint=hint)
        source, target = self._currencies(indicator_id, indicator, amount_unit)
        return Conversion((Leg(source, target, (rate_id,), direction),))

    def pick(
        self, indicator_id: str, indicator: model.ConvertIndicator, amount: pint.Unit
    ) -> Conversion:
        """Return the rates ``indicator`` converts its amount with.

        Raises:
            UnitMismatchError: If the amount or the target is not a currency.
            RateError: If no chain of rate facts of the policy's periods
                connects the amount's currency to the target, or one step
                has several candidate rates.
        """
        source, target = self._currencies(indicator_id, indicator, amount)
        if source == target:
            problem = f"indicator {indicator_id!r} converts {source} to {target}"
            raise UnitMismatchError(problem, hint="convert to another currency")
        policy = indicator.convert.rate_policy
        days = self.days(indicator.convert.amount)
        steps = self._candidates(policy, days)
        path = _shortest_path(source, target, steps)
        if path is None:
            raise self._no_rate(indicator_id, source, target, policy, days)
        legs = [
            self._leg(indicator_id, first, second, steps[frozenset((first, second))])
            for first, second in itertools.pairwise(path)
        ]
        return Conversion(tuple(legs))

    def days(self, entry_id: str) -> Days:
        """Return the days an entry is about: a fact's period, or its inputs' span.

        A conversion is about its amount's days, whatever its rates cover.
        """
        return settle(entry_id, self._days, self._own_days, self._day_inputs, _span)

    def _own_days(self, entry_id: str) -> Days | FromInputs:
        fact = self.spec.facts.get(entry_id)
        if fact is None:
            return FROM_INPUTS
        return (fact.period.start, fact.period.end)

    def _day_inputs(self, entry_id: str) -> tuple[str, ...]:
        return dated_by(self.spec, entry_id)

    def _rate_facts(self) -> Iterator[tuple[str, tuple[str, str]]]:
        for fact_id, fact in self.spec.facts.items():
            parts = fact.unit.replace(" ", "").split("/")
            if len(parts) != 2:
                continue
            currencies = [self._currency(part) for part in parts]
            if currencies[0] and currencies[1]:
                yield fact_id, (currencies[0], currencies[1])

    def _currency(self, name: str) -> str | None:
        try:
            return self.catalogue.currency_of(self.catalogue.parse(name))
        except SpecError:
            return None

    def _currencies(
        self, indicator_id: str, indicator: model.ConvertIndicator, amount: pint.Unit
    ) -> tuple[str, str]:
        source = self.catalogue.currency_of(amount)
        target = self.catalogue.currency_of(self.catalogue.parse(indicator.convert.to))
        if source is None or target is None:
            problem = (
                f"indicator {indicator_id!r} converts {str(amount) or 'dimensionless'} "
                f"to {indicator.convert.to!r}, but both must be currencies"
            )
            hint = "convert an amount in one ISO 4217 currency to another"
            raise UnitMismatchError(problem, hint=hint)
        return source, target

    def _candidates(
        self, policy: model.RatePolicy, days: Days
    ) -> dict[frozenset[str], list[str]]:
        steps: dict[frozenset[str], list[str]] = {}
        for rate_id, pair in self._rates.items():
            if _fits(policy, self.spec.facts[rate_id].period, days):
                steps.setdefault(frozenset(pair), []).append(rate_id)
        if policy is model.RatePolicy.AVERAGE_OF_MONTHS:
            months = _months(days)
            steps = {
                pair: rates
                for pair, rates in steps.items()
                if {self.spec.facts[r].period.start for r in rates} >= months
            }
        return steps

    def _leg(
        self, indicator_id: str, source: str, target: str, rates: list[str]
    ) -> Leg:
        quotes = {self._rates[rate_id] for rate_id in rates}
        periods = [self.spec.facts[rate_id].period for rate_id in rates]
        if len(quotes) > 1 or len(set(periods)) < len(periods):
            problem = (
                f"indicator {indicator_id!r} finds several rates for {source} and "
                f"{target} in the same period: {', '.join(rates)}"
            )
            hint = "name the rate to use with `rate:`, or keep one rate per period, quoted one way"
            raise RateError(problem, hint=hint)
        quoted = quotes.pop()
        direction = "divide" if quoted == (source, target) else "multiply"
        ordered = tuple(sorted(rates, key=lambda r: self.spec.facts[r].period.start))
        return Leg(source, target, ordered, direction)

    def _no_rate(
        self,
        indicator_id: str,
        source: str,
        target: str,
        policy: model.RatePolicy,
        days: Days,
    ) -> RateError:
        wanted = {
            model.RatePolicy.EXACT_PERIOD: f"for {_shown(days)}",
            model.RatePolicy.AVERAGE_OF_MONTHS: f"for every month of {_shown(days)}",
            model.RatePolicy.END_OF_PERIOD: f"for the day {days[1]}",
        }[policy]
        known = ", ".join(
            f"{rate_id} ({pair[0]}/{pair[1]}, {self.spec.facts[rate_id].period})"
            for rate_id, pair in self._rates.items()
        )
        problem = (
            f"indicator {indicator_id!r} converts {source} to {target} "
            f"({policy.value}), but no rate facts {wanted} connect them, directly "
            "or through another currency"
        )
        if policy is model.RatePolicy.AVERAGE_OF_MONTHS:
            problem += self._missing_months(source, target, days)
        hint = (
            f"rates declared: {known}"
            if known
            else "declare a rate fact such as unit: KZT/USD"
        )
        return RateError(problem, hint=hint + "; or name one with `rate:`")

    def _missing_months(self, source: str, target: str, days: Days) -> str:
        """Return why no monthly rates average over ``days``.

        Only whole months can be averaged, so an amount for part of a month
        never has a monthly average; otherwise the months without a direct
        rate are named, when some months have one.
        """
        first, last = days
        if first.day != 1 or (last + datetime.timedelta(days=1)).day != 1:
            return f"; {_shown(days)} does not begin and end with whole months"
        pair = {source, target}
        have = {
            self.spec.facts[rate_id].period.start
            for rate_id, quoted in self._rates.items()
            if set(quoted) == pair
            and _fits(
                model.RatePolicy.AVERAGE_OF_MONTHS,
                self.spec.facts[rate_id].period,
                days,
            )
        }
        missing = sorted(_months(days) - have)
        if not have or not missing:
            return ""
        return f"; the {source}/{target} rates lack " + ", ".join(
            f"{month:%Y-%m}" for month in missing
        )


def _fits(policy: model.RatePolicy, period: model.Period, days: Days) -> bool:
    if policy is model.RatePolicy.EXACT_PERIOD:
        return (period.start, period.end) == days
    if policy is model.RatePolicy.END_OF_PERIOD:
        return period.kind is PeriodKind.DAY and period.start == days[1]
    monthly = period.kind is PeriodKind.MONTH
    return monthly and days[0] <= period.start and period.end <= days[1]


def _months(days: Days) -> set[datetime.date]:
    first, last = days
    months = set()
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.add(datetime.date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _shortest_path(
    source: str, target: str, steps: Mapping[frozenset[str], list[str]]
) -> list[str] | None:
    neighbours: dict[str, set[str]] = {}
    for pair in steps:
        first, second = sorted(pair) if len(pair) == 2 else (next(iter(pair)),) * 2
        neighbours.setdefault(first, set()).add(second)
        neighbours.setdefault(second, set()).add(first)
    previous: dict[str, str | None] = {source: None}
    queue = deque([source])
    while queue:
        currency = queue.popleft()
        if currency == target:
            return _walk_back(previous, target)
        for following in sorted(neighbours.get(currency, ())):
            if following not in previous:
                previous[following] = currency
                queue.append(following)
    return None


def _walk_back(previous: Mapping[str, str | None], target: str) -> list[str]:
    path = [target]
    while (step := previous[path[-1]]) is not None:
        path.append(step)
    return path[::-1]


def _shown(days: Days) -> str:
    first, last = days
    return str(first) if first == last else f"{first} to {last}"


def _span(_entry_id: str, spans: Sequence[Days | None]) -> Days:
    """Return the days from the first start to the last end of ``spans``."""
    known = [span for span in spans if span is not None]
    return (min(s[0] for s in known), max(s[1] for s in known))
