"""Small specs for tests, written as Python data and turned into YAML text."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import yaml

from indicators import Results, Spec, evaluate, load_spec_text


SOURCE = {
    "report": {
        "title": "A test report",
        "publisher": "Test Office",
        "published": "2024-07",
    }
}


def fact(value: Any, unit: str = "person", **extra: Any) -> dict[str, Any]:
    """Return a fact entry with a period, area, source and locator filled in."""
    entry = {
        "value": value,
        "unit": unit,
        "period": "2024-H1",
        "area": "TJ",
        "source": "report",
        "locator": "p. 1",
    }
    entry.update(extra)
    return entry


def spec_text(
    facts: dict[str, Any],
    indicators: dict[str, Any] | None = None,
    checks: dict[str, Any] | None = None,
    sources: list[str] | None = None,
    dimensions: dict[str, Any] | None = None,
) -> str:
    """Return the YAML text of a spec with the given sections.

    ``sources`` lists source ids to declare besides ``report``.
    """
    declared = dict(SOURCE)
    for source_id in sources or []:
        declared[source_id] = {**SOURCE["report"], "title": f"Document {source_id}"}
    document: dict[str, Any] = {
        "spec": "test",
        "title": "Test spec",
        "sources": declared,
    }
    if dimensions is not None:
        document["dimensions"] = dimensions
    document.update(facts=facts, indicators=indicators or {}, checks=checks or {})
    return yaml.dump(document, Dumper=_Dumper, sort_keys=False, allow_unicode=True)


def load(
    facts: dict[str, Any],
    indicators: dict[str, Any] | None = None,
    checks: dict[str, Any] | None = None,
    sources: list[str] | None = None,
    dimensions: dict[str, Any] | None = None,
) -> Spec:
    """Load a spec built from the given sections."""
    text = spec_text(facts, indicators, checks, sources, dimensions)
    return load_spec_text(text, "test.yaml")


def run(
    facts: dict[str, Any],
    indicators: dict[str, Any] | None = None,
    checks: dict[str, Any] | None = None,
    sources: list[str] | None = None,
    dimensions: dict[str, Any] | None = None,
) -> Results:
    """Load and evaluate a spec built from the given sections."""
    return evaluate(load(facts, indicators, checks, sources, dimensions))


class _Dumper(yaml.SafeDumper):
    """Write Decimals and Fractions as plain YAML numbers, exactly."""


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:float", str(value))


def _fraction(dumper: yaml.SafeDumper, value: Fraction) -> yaml.ScalarNode:
    return dumper.represent_scalar(
        "tag:yaml.org,2002:float", str(Decimal(value.numerator) / value.denominator)
    )


_Dumper.add_representer(Decimal, _decimal)
_Dumper.add_representer(Fraction, _fraction)
