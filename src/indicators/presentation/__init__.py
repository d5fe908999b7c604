"""The presentation stage: the CLI, tables, exports and the audit report."""

from __future__ import annotations

from ._export_json import export_schema


__all__ = ["export_schema"]
