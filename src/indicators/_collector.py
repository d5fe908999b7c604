"""Pausing the cyclic garbage collector while a spec's objects are built.

Reading, validating and evaluating a large spec allocate millions of dicts,
models, tuples and fractions that outlive the step and form no cycles. A
collector pass over them frees nothing, yet the collector would rescan them
every few hundred allocations, and once more, all of them, at the first
allocation after the step.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


__all__ = ["collector_paused"]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the collector for the block, then count what it built as old.

    Leaving the block files every tracked object with the oldest generation
    (freezing, then unfreezing, moves them there without a scan), so what
    was just built is looked at in the next full collection, not at once.
    A program that keeps objects frozen (before forking, say) is left as it
    is: its frozen objects must stay frozen, so the scan is paid instead.
    A nested block does nothing; the outermost one decides.
    """
    if not gc.isenabled():
        yield
        return

    gc.disable()
    try:
        yield
    finally:
        if gc.get_freeze_count() == 0:
            gc.freeze()
            gc.unfreeze()
        gc.enable()
