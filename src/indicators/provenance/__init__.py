"""The provenance stage: lineage of every figure and its explanation."""

from __future__ import annotations

from ._explanation import Citation, Explanation, explain
from ._provenance import Provenance


__all__ = ["Citation", "Explanation", "Provenance", "explain"]
