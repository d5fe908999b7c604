"""The graph stage: dependencies, reference checks, cycles and units."""

from __future__ import annotations

from ._plan import Plan, plan_for, validate_spec


__all__ = ["Plan", "plan_for", "validate_spec"]
