"""The public strategies of `indicators.testing` generate valid specs of every shape."""

from __future__ import annotations

import importlib
import re
import sys
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, find, given, settings

from indicators import evaluate, load_spec_text
from indicators.spec._model import CHECK_KINDS, INDICATOR_KINDS
from strategies import (
    OVER_KINDS,
    facts,
    series_periods,
    series_spec_dicts,
    spec_dicts,
    spec_texts,
    spec_yaml,
)


def _kinds(document: dict[str, Any], section: str, kinds: dict[str, Any]) -> set[str]:
    return {
        kind
        for entry in document.get(section, {}).values()
        for kind in kinds
        if kind in entry
    }


# Finding one example is the point; shrinking it would only cost time.
# The same examples every run: a rare draw searched at random is found in some
# runs and not in others, which would make these tests flaky.
_FIND = settings(
    database=None,
    derandomize=True,
    phases=[Phase.generate],
    max_examples=500,
    suppress_health_check=list(HealthCheck),
)


class TestStrategies:
    @given(spec_texts())
    def test_every_generated_spec_loads_and_evaluates(self, text: str) -> None:
        """A generated spec loads without error and evaluates without raising."""
        results = evaluate(load_spec_text(text, "generated.yaml"))

        for result in results:
            assert result.value is not None or result.status == "undetermined"

    @pytest.mark.parametrize("kind", sorted(INDICATOR_KINDS))
    def test_every_indicator_kind_is_generated(self, kind: str) -> None:
        """Each indicator kind appears in some generated spec, which loads."""
        document = find(
            spec_dicts(),
            lambda drawn: kind in _kinds(drawn, "indicators", INDICATOR_KINDS),
            settings=_FIND,
        )

        load_spec_text(spec_yaml(document), "generated.yaml")

    @pytest.mark.parametrize("kind", sorted(CHECK_KINDS))
    def test_every_check_kind_is_generated(self, kind: str) -> None:
        """Each check kind appears in some generated spec."""
        document = find(
            spec_dicts(),
            lambda drawn: kind in _kinds(drawn, "checks", CHECK_KINDS),
            settings=_FIND,
        )

        assert kind in _kinds(document, "checks", CHECK_KINDS)

    @given(facts(unit="USD", source="ministry"))
    def test_facts_take_the_unit_and_source_asked_for(
        self, fact: dict[str, Any]
    ) -> None:
        """`facts(unit=..., source=...)` fixes those two fields."""
        assert (fact["unit"], fact["source"]) == ("USD", "ministry")


def _series_shapes(document: dict[str, Any]) -> set[str]:
    """Name what a drawn series spec holds: `over:` kinds, bases, checks, values."""
    shapes = set()
    for indicator in document.get("indicators", {}).values():
        (kind, inputs), *_ = indicator.items()
        shapes.add(f"{kind} over" if "over" in inputs else kind)
        shapes.add(f"base {inputs.get('base')}")
    for check in document.get("checks", {}).values():
        shapes.update(f"{kind} over" for kind in CHECK_KINDS if kind in check)
    for fact in document["facts"].values():
        shapes.update(
            f"{key} {fact[key]}" for key in ("scale", "qualifier") if key in fact
        )
        shapes.update({"range"} if isinstance(fact["value"], dict) else set())
        shapes.update({"margin"} if "margin" in fact else set())
    return shapes


def _may_overlap(document: dict[str, Any]) -> bool:
    """Tell cheaply whether a check over destinations may meet the group Europe."""
    checks = str(document.get("checks", {}))
    return "'destination'" in checks and "'Europe'" in str(document["facts"])


_SERIES_SHAPES = sorted(
    {f"{kind} over" for kind in OVER_KINDS}
    | {f"{kind} over" for kind in CHECK_KINDS}
    | {"base same_period_last_year", "base previous_period"}
    | {"scale thousand", "scale million", "scale billion", "range", "margin"}
    | {"qualifier approximate", "qualifier more_than", "qualifier rounded"}
)


class TestSeriesStrategies:
    @pytest.mark.parametrize("shape", _SERIES_SHAPES)
    def test_every_shape_of_series_spec_is_drawn(self, shape: str) -> None:
        """Each kind over a dimension, base, check, scale and bound is drawn."""
        document = find(
            series_spec_dicts(),
            lambda drawn: shape in _series_shapes(drawn),
            settings=_FIND,
        )

        load_spec_text(spec_yaml(document), "generated.yaml")

    def test_a_group_and_its_member_are_drawn_together(self) -> None:
        """Some specs hold a group beside its member, so overlap findings are drawn."""
        document = find(
            series_spec_dicts(max_checks=3),
            lambda drawn: (
                _may_overlap(drawn)
                and any(
                    finding.kind == "overlap"
                    for finding in evaluate(
                        load_spec_text(spec_yaml(drawn), "generated.yaml")
                    ).findings
                )
            ),
            settings=_FIND,
        )

        assert "Europe" in str(document["facts"])

    @given(series_periods())
    def test_series_periods_are_of_one_kind_and_in_order(
        self, periods: list[str]
    ) -> None:
        """Drawn periods share one form and run from the oldest."""
        forms = {re.sub(r"[0-9]", "0", period) for period in periods}

        assert periods == sorted(periods)
        assert len(forms) == 1


class TestWithoutHypothesis:
    def test_importing_names_the_extra_to_install(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Without hypothesis, importing `indicators.testing` says how to get it."""
        monkeypatch.setitem(sys.modules, "hypothesis", None)
        monkeypatch.delitem(sys.modules, "indicators.testing")

        with pytest.raises(ImportError, match=r"pip install 'indicators\[test\]'"):
            importlib.import_module("indicators.testing")

    def test_importing_the_series_strategies_names_the_extra(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Without hypothesis, `indicators.testing_series` says how to get it."""
        monkeypatch.setitem(sys.modules, "hypothesis", None)
        monkeypatch.delitem(sys.modules, "indicators.testing_series")

        with pytest.raises(ImportError, match=r"pip install 'indicators\[test\]'"):
            importlib.import_module("indicators.testing_series")
