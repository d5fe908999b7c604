"""The evaluation stage: exact arithmetic over the plan, then the findings."""

from __future__ import annotations

from ._bounds import Bound, Bounds
from ._evaluate import evaluate
from ._findings import Finding, Status
from ._operations import Undetermined
from ._results import Result, Results


__all__ = [
    "Bound",
    "Bounds",
    "Finding",
    "Result",
    "Results",
    "Status",
    "Undetermined",
    "evaluate",
]
