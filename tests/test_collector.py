"""The collector pause around building a spec's objects."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from indicators._collector import collector_paused


@pytest.fixture(autouse=True)
def _collector_enabled() -> Iterator[None]:
    """Each test starts with the collector running, as a program's would."""
    was_enabled = gc.isenabled()
    gc.enable()
    yield
    if was_enabled:
        gc.enable()
    else:
        gc.disable()


class _Node:
    """A small object that can point at another, to build cycles."""

    def __init__(self) -> None:
        self.other: _Node | None = None


class TestCollectorPaused:
    def test_the_collector_is_off_inside_and_on_after(self) -> None:
        """The block runs without the collector, which runs again after it."""
        with collector_paused():
            inside = gc.isenabled()

        assert inside is False
        assert gc.isenabled() is True

    def test_what_was_built_is_filed_with_the_oldest_generation(self) -> None:
        """Objects built inside wait for a full collection, not for the next pass."""
        gc.collect()
        with collector_paused():
            built = [[index] for index in range(50_000)]

        oldest = gc.get_objects(generation=2)

        assert any(found is built for found in oldest)

    def test_a_cycle_built_inside_is_still_collected(self) -> None:
        """Objects filed as old are freed by the next full collection."""
        with collector_paused():
            first, second = _Node(), _Node()
            first.other, second.other = second, first
            watcher = weakref.ref(first)
        del first, second

        gc.collect()

        assert watcher() is None

    def test_frozen_objects_stay_frozen(self) -> None:
        """A program's frozen objects are not thawed by the pause."""
        gc.freeze()
        frozen = gc.get_freeze_count()
        try:
            with collector_paused():
                _built = [[index] for index in range(1_000)]
            assert gc.get_freeze_count() == frozen
        finally:
            gc.unfreeze()

    def test_an_inner_pause_leaves_the_outer_one_in_charge(self) -> None:
        """Leaving a nested block does not start the collector early."""
        with collector_paused():
            with collector_paused():
                pass
            between = gc.isenabled()

        assert between is False

    def test_a_collector_the_caller_stopped_stays_stopped(self) -> None:
        """A program that runs without the collector keeps it off."""
        gc.disable()

        with collector_paused():
            pass

        assert gc.isenabled() is False
