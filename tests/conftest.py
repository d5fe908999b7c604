"""Shared test settings: the hypothesis profiles."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings


settings.register_profile(
    "ci",
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
# Drawing a series spec takes tens of milliseconds; on a loaded machine the
# health check would call that too slow, which says nothing about the engine.
settings.register_profile(
    "dev",
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("thorough", max_examples=2000, deadline=None)
# mutmut runs the suite many times in one process and must see the same
# examples each time, or a surviving mutant could be luck.
settings.register_profile(
    "mutmut",
    max_examples=50,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.differing_executors, HealthCheck.too_slow],
)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev")
)
