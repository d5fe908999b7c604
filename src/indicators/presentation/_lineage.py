"""Lineage answers for people and programs: what rests on what.

An auditor asks four questions: what does this figure rest on (up), what
rests on it and would change if it were corrected (down), how are two
figures connected (the path), and what depends on one source document. Each
answer here is a JSON-ready document and a few lines of text; the CLI prints
one or the other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .._numbers import format_number
from ..graph._units import quantity_words
from ._export_graph import failed_entries


if TYPE_CHECKING:
    from ..evaluation import Results

__all__ = [
    "lineage_lines",
    "path_document",
    "path_lines",
    "source_document",
    "source_lines",
    "lineage_document",
]

_SECTIONS = ("facts", "indicators", "checks")


def lineage_document(results: Results, entry_id: str, direction: str) -> dict[str, Any]:
    """Return the entries above (``up``) or below (``down``) ``entry_id``."""
    found = (
        results.upstream(entry_id)
        if direction == "up"
        else results.downstream(entry_id)
    )
    document: dict[str, Any] = {"id": entry_id, "direction": direction}
    document.update(_by_section(results, found))
    if direction == "up":
        document["sources"] = sorted(results.sources_of(entry_id))
    return document


def lineage_lines(results: Results, entry_id: str, direction: str) -> list[str]:
    """Return the lineage of ``entry_id`` as lines of text, one entry a line."""
    document = lineage_document(results, entry_id, direction)
    verb = "rests on" if direction == "up" else "is used by"
    lines = [f"{entry_id} {verb}:"]
    if not any(document[section] for section in _SECTIONS):
        lines.append("  nothing")
    for section in _SECTIONS:
        lines.extend(_section_lines(results, section, document[section]))
    if direction == "up":
        lines.append(
            f"sources ({len(document['sources'])}): " + ", ".join(document["sources"])
        )
    return lines


def path_document(results: Results, start: str, end: str) -> dict[str, Any]:
    """Return the chain of dependencies from ``start`` to ``end``, or ``null``."""
    path = results.path(start, end)
    return {"from": start, "to": end, "path": None if path is None else list(path)}


def path_lines(results: Results, start: str, end: str) -> list[str]:
    """Return the chain from ``start`` to ``end`` as text, or why there is none."""
    path = results.path(start, end)
    if path is not None:
        return [" → ".join(path)]
    lines = [f"no chain of dependencies leads from {start} to {end}"]
    if results.path(end, start) is not None:
        lines.append(
            f"the other way round, {start} rests on {end}: "
            + " → ".join(results.path(end, start) or ())
        )
    return lines


def source_document(results: Results, source_id: str) -> dict[str, Any]:
    """Return what rests on a source and what would have no source without it."""
    resting = results.resting_on_source(source_id)
    orphaned = results.orphaned_without(source_id)
    return {
        "source": source_id,
        "title": results.spec.sources[source_id].title,
        "rests_on_it": _by_section(results, resting),
        "orphaned_without_it": _by_section(results, orphaned),
    }


def source_lines(results: Results, source_id: str) -> list[str]:
    """Return the dependants of a source document as text."""
    document = source_document(results, source_id)
    lines = [f"{source_id}: {document['title']}", "rests on it:"]
    for section in _SECTIONS:
        lines.extend(_section_lines(results, section, document["rests_on_it"][section]))
    lines.append("left with no source if it were withdrawn:")
    orphaned = document["orphaned_without_it"]
    if not any(orphaned[section] for section in _SECTIONS):
        lines.append(
            "  nothing: every figure resting on it rests on another source too"
        )
    for section in _SECTIONS:
        lines.extend(_section_lines(results, section, orphaned[section]))
    return lines


def _by_section(results: Results, entries: frozenset[str]) -> dict[str, list[str]]:
    """Return ``entries`` by section, each in the order the spec declares it."""
    spec = results.spec
    return {
        section: [
            entry_id for entry_id in getattr(spec, section) if entry_id in entries
        ]
        for section in _SECTIONS
    }


def _section_lines(results: Results, section: str, entries: list[str]) -> list[str]:
    if not entries:
        return []
    failed = failed_entries(results)
    lines = [f"  {section} ({len(entries)}):"]
    for entry_id in entries:
        mark = "  FAILED" if entry_id in failed else ""
        lines.append(f"    {entry_id}{_shown(results, entry_id, section)}{mark}")
    return lines


def _shown(results: Results, entry_id: str, section: str) -> str:
    if section == "checks":
        return f" [{results.spec.checks[entry_id].kind}]"
    if results.members(entry_id):
        return f" = {results.quantity_text(entry_id)}"
    value = results.value(entry_id)
    unit = results.unit_of(entry_id)
    number = "undetermined" if value is None else format_number(value)
    return f" = {quantity_words(number, unit)}"
