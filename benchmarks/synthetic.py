"""Synthetic specs of any size, with the mix of kinds a series of reports has.

A spec of size ``n`` has ``n`` facts and ``n`` indicators, built from groups
of ten of each (one group per area): a breakdown by sex summed and shared,
a percent change on the previous period with the printed figure, monthly
remittances in roubles summed and converted to dollars with a decimal
exchange rate, arrivals and departures netted, dollars per person, a small
formula, and a link in a chain of net migrations that runs through every
group. Each group also has a breakdown check. A few printed totals and
percentages are off, as in real reports, so some findings fail.

The text is written directly as flow-style YAML: `yaml.dump` would take
longer than the engine itself on a million entries. `recipe` describes the
same indicators as plain tuples, so the baselines can compute them without
touching the engine.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

import pycountry


__all__ = ["GROUP", "Recipe", "Step", "chain_spec", "synthetic_spec"]

#: Facts (and indicators) per group.
GROUP = 10

#: How many source documents the facts are spread over.
SOURCES = 50

#: The areas the groups cycle through: ISO 3166 codes, as specs must use.
_AREAS = tuple(sorted(country.alpha_2 for country in pycountry.countries))


@dataclass(frozen=True, slots=True)
class Step:
    """One indicator for the baselines: its id, kind, inputs and unit."""

    id: str
    kind: str
    inputs: tuple[str, ...]
    unit: str


@dataclass(frozen=True, slots=True)
class Recipe:
    """What a synthetic spec declares, as plain Python values.

    Attributes:
        text: The YAML text of the spec.
        facts: Each fact's value as written (int or Decimal) and unit.
        steps: The indicators in an order where inputs come first.
        checks: Each check's total and parts.
    """

    text: str
    facts: dict[str, tuple[int | Decimal, str]]
    steps: list[Step]
    checks: dict[str, tuple[str, tuple[str, ...]]]


def synthetic_spec(n: int, seed: int = 2024) -> Recipe:
    """Return a spec with ``n`` facts and ``n`` indicators (``n`` rounded up to tens)."""
    rng = random.Random(seed)
    facts: dict[str, tuple[int | Decimal, str]] = {}
    steps: list[Step] = []
    checks: dict[str, tuple[str, tuple[str, ...]]] = {}
    lines = _header()

    lines.append("facts:")
    fact_lines: list[str] = []
    indicator_lines: list[str] = []
    check_lines: list[str] = []
    for group in range(-(-n // GROUP)):
        fact_lines.extend(_group_facts(group, rng, facts))
        indicator_lines.extend(_group_indicators(group, rng, facts, steps))
        check_lines.append(_group_check(group, checks))
    lines.extend(fact_lines)
    lines.append("indicators:")
    lines.extend(indicator_lines)
    lines.append("checks:")
    lines.extend(check_lines)
    return Recipe("\n".join(lines) + "\n", facts, steps, checks)


def chain_spec(n: int) -> Recipe:
    """Return a spec whose ``n`` indicators form one chain over ``n + 1`` facts.

    Indicator ``k{i}`` adds fact ``f{i}`` to ``k{i-1}``, so the last one
    rests on every fact and every other indicator.
    """
    facts: dict[str, tuple[int | Decimal, str]] = {}
    steps: list[Step] = []
    lines = [*_header(), "facts:"]
    for index in range(n + 1):
        facts[f"f{index}"] = (index + 1, "person")
        lines.append(_fact_line(f"f{index}", index + 1, "person", "2024-H1", index))
    lines.append("indicators:")
    previous = "f0"
    for index in range(1, n + 1):
        inputs = (previous, f"f{index}")
        steps.append(Step(f"k{index}", "sum", inputs, "person"))
        lines.append(f"  k{index}: {{sum: [{previous}, f{index}]}}")
        previous = f"k{index}"
    return Recipe("\n".join(lines) + "\n", facts, steps, {})


def _header() -> list[str]:
    lines = ["spec: synthetic", "title: A synthetic series of reports", "sources:"]
    lines.extend(
        f"  s{index}: {{title: Report {index}, publisher: Office, published: 2024-07}}"
        for index in range(SOURCES)
    )
    return lines


def _fact_line(
    fact_id: str,
    value: int | Decimal,
    unit: str,
    period: str,
    group: int,
    breakdown: str = "",
) -> str:
    extra = f", breakdown: {{{breakdown}}}" if breakdown else ""
    area = _AREAS[group % len(_AREAS)]
    return (
        f"  {fact_id}: {{value: {value}, unit: {unit}, period: {period}, "
        f"area: {area}{extra}, source: s{group % SOURCES}, locator: p{group}}}"
    )


def _group_facts(
    group: int, rng: random.Random, facts: dict[str, tuple[int | Decimal, str]]
) -> Iterator[str]:
    men, women = rng.randint(1_000, 500_000), rng.randint(1_000, 500_000)
    # One printed total in twenty is off by 100, as in the bundled report.
    total = men + women + (100 if group % 20 == 7 else 0)
    rate = Decimal(rng.randint(800_000, 950_000)) / Decimal(10_000)
    rows = [
        (f"m{group}", men, "person", "2024-H1", "sex: male"),
        (f"w{group}", women, "person", "2024-H1", "sex: female"),
        (f"t{group}", total, "person", "2024-H1", ""),
        (f"p{group}", rng.randint(2_000, 1_000_000), "person", "2023-H1", ""),
        (f"a{group}", rng.randint(0, 90_000), "person", "2024-H1", "flow: arrivals"),
        (f"d{group}", rng.randint(0, 90_000), "person", "2024-H1", "flow: departures"),
        (f"r{group}_1", rng.randint(10**6, 10**9), "RUB", "2024-01", ""),
        (f"r{group}_2", rng.randint(10**6, 10**9), "RUB", "2024-02", ""),
        (f"r{group}_3", rng.randint(10**6, 10**9), "RUB", "2024-03", ""),
        (f"x{group}", rate, "RUB/USD", "2024-H1", ""),
    ]
    for fact_id, value, unit, period, breakdown in rows:
        facts[fact_id] = (value, unit)
        yield _fact_line(fact_id, value, unit, period, group, breakdown)


def _group_indicators(
    group: int,
    rng: random.Random,
    facts: dict[str, tuple[int | Decimal, str]],
    steps: list[Step],
) -> Iterator[str]:
    g = group
    change = (
        Decimal(facts[f"m{g}"][0] + facts[f"w{g}"][0] - facts[f"p{g}"][0])
        * 100
        / Decimal(facts[f"p{g}"][0])
    )
    # The printed change is rounded to one decimal; one in ten is off by 1.
    printed = round(change, 1) + (1 if rng.random() < 0.1 else 0)
    chain = f"k{g - 1}" if g else f"d{g}"
    rows = [
        (
            f"s{g}",
            "sum",
            (f"m{g}", f"w{g}"),
            "person",
            f"sum: [m{g}, w{g}], unit: person",
        ),
        (
            f"c{g}",
            "percent_change",
            (f"p{g}", f"s{g}"),
            "percent",
            f"percent_change: {{from: p{g}, to: s{g}}}, reported: {printed}",
        ),
        (
            f"hm{g}",
            "share",
            (f"m{g}", f"s{g}"),
            "percent",
            f"share: {{part: m{g}, whole: s{g}}}, decimals: 1",
        ),
        (
            f"hw{g}",
            "share",
            (f"w{g}", f"t{g}"),
            "percent",
            f"share: {{part: w{g}, whole: t{g}}}",
        ),
        (
            f"rr{g}",
            "sum",
            (f"r{g}_1", f"r{g}_2", f"r{g}_3"),
            "RUB",
            f"sum: [r{g}_1, r{g}_2, r{g}_3]",
        ),
        (
            f"u{g}",
            "convert",
            (f"rr{g}", f"x{g}"),
            "USD",
            f"convert: {{amount: rr{g}, rate: x{g}, to: USD}}",
        ),
        (
            f"n{g}",
            "net_migration",
            (f"a{g}", f"d{g}"),
            "person",
            f"net_migration: {{arrivals: a{g}, departures: d{g}}}",
        ),
        (
            f"q{g}",
            "ratio",
            (f"u{g}", f"s{g}"),
            "USD/person",
            f"ratio: {{numerator: u{g}, denominator: s{g}}}",
        ),
        (
            f"v{g}",
            "formula",
            (f"s{g}", f"p{g}", f"n{g}"),
            "person",
            f'formula: "(s{g} + p{g}) / 2 - n{g}"',
        ),
        (f"k{g}", "sum", (f"n{g}", chain), "person", f"sum: [n{g}, {chain}]"),
    ]
    for indicator_id, kind, inputs, unit, body in rows:
        steps.append(Step(indicator_id, kind, inputs, unit))
        yield f"  {indicator_id}: {{{body}}}"


def _group_check(group: int, checks: dict[str, tuple[str, tuple[str, ...]]]) -> str:
    checks[f"b{group}"] = (f"t{group}", (f"m{group}", f"w{group}"))
    return f"  b{group}: {{parts_sum_to: {{total: t{group}, parts: [m{group}, w{group}]}}}}"
