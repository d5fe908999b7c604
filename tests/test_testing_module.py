"""The public strategies of `indicators.testing` generate valid specs of every shape."""

from __future__ import annotations

import importlib
import sys
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, find, given, settings

from indicators import evaluate, load_spec_text
from indicators.spec._model import CHECK_KINDS, INDICATOR_KINDS
from strategies import facts, spec_dicts, spec_texts, spec_yaml


def _kinds(document: dict[str, Any], section: str, kinds: dict[str, Any]) -> set[str]:
    return {
        kind
        for entry in document.get(section, {}).values()
        for kind in kinds
        if kind in entry
    }


# Finding one example is the point; shrinking it would only cost time.
_FIND = settings(
    database=None,
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


class TestWithoutHypothesis:
    def test_importing_names_the_extra_to_install(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Without hypothesis, importing `indicators.testing` says how to get it."""
        monkeypatch.setitem(sys.modules, "hypothesis", None)
        monkeypatch.delitem(sys.modules, "indicators.testing")

        with pytest.raises(ImportError, match=r"pip install 'indicators\[test\]'"):
            importlib.import_module("indicators.testing")
