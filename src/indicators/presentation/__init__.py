"""The presentation stage: the CLI, tables, exports and the audit report."""

from __future__ import annotations

from typing import TYPE_CHECKING


if TYPE_CHECKING:
    from ._export_json import export_schema


__all__ = ["export_schema"]


def __getattr__(name: str) -> object:
    """Import the export schema on first use: the CLI's commands rarely need it.

    Raises:
        AttributeError: If ``name`` is not a public name of the package.
    """
    if name != "export_schema":
        msg = f"module 'indicators.presentation' has no attribute {name!r}"
        raise AttributeError(msg)
    from ._export_json import export_schema

    return export_schema
