"""Broken and hostile specs give an `IndicatorError`, never another exception or a hang."""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings

from indicators import IndicatorError, evaluate, load_spec_text
from strategies import mutated_spec_texts


#: Seconds one example may take: a bound against hangs, not a speed target.
BOUND = 2.0


class TestMutatedSpecs:
    @settings(
        suppress_health_check=[*settings().suppress_health_check, HealthCheck.too_slow]
    )
    @given(mutated_spec_texts())
    def test_load_either_succeeds_or_raises_an_indicator_error(self, text: str) -> None:
        """Loading and evaluating a mutated spec succeeds or raises IndicatorError."""
        started = time.perf_counter()
        try:
            evaluate(load_spec_text(text, "fuzz.yaml"))
        except IndicatorError as error:
            assert str(error)
        assert time.perf_counter() - started < BOUND
