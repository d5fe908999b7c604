"""The presentation stage: the CLI, tables, exports and the audit report."""

from __future__ import annotations

from typing import TYPE_CHECKING


if TYPE_CHECKING:
    from ._export_json import export_schema
    from ._render import explanation_text


__all__ = ["explanation_text", "export_schema"]


def __getattr__(name: str) -> object:
    """Import a public function on first use: the CLI's commands rarely need them.

    Raises:
        AttributeError: If ``name`` is not a public name of the package.
    """
    if name == "export_schema":
        from ._export_json import export_schema

        return export_schema
    if name == "explanation_text":
        from ._render import explanation_text

        return explanation_text
    msg = f"module 'indicators.presentation' has no attribute {name!r}"
    raise AttributeError(msg)
