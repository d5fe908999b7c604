"""Lineage answers for people and programs: what rests on what.

An auditor asks four questions: what does this figure rest on (up), what
rests on it and would change if it were corrected (down), how are two
figures connected (the path), and what depends on one source document. Each
answer here is a JSON-ready document and a few lines of text; the CLI prints
one or the other.

An indicator over a dimension rests on two kinds of figure: the member facts
its values are computed from, and the series facts it names, which say where
those members are found. Both are listed, and the second kind is marked in
the text and under ``by_series`` (or ``relation: series``) in the document,
since correcting such a fact's value changes no value of the indicator.
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING, Any

from ._export_graph import failed_entries
from ._quantity import entry_quantity


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

_SERIES_UP = "names the series; the values come from its members' facts"
_SERIES_DOWN = "names this fact's series; computed from its members' facts"


def lineage_document(results: Results, entry_id: str, direction: str) -> dict[str, Any]:
    """Return the entries above (``up``) or below (``down``) ``entry_id``.

    ``by_series`` lists those of them linked to ``entry_id`` by a series
    named rather than by a value: up, the series facts an indicator over a
    dimension names; down, the indicators over a dimension naming the fact.
    Up, ``sources`` are the documents the values come from and
    ``series_sources`` the other documents of the series facts named. Down,
    ``members`` gives for each indicator over a dimension the member results
    computed from ``entry_id``.
    """
    up = direction == "up"
    found = results.upstream(entry_id) if up else results.downstream(entry_id)
    document: dict[str, Any] = {"id": entry_id, "direction": direction}
    document.update(_by_section(results, found))
    document["by_series"] = _by_series(results, entry_id, found, up)
    if up:
        sources = results.sources_of(entry_id)
        facts = results.spec.facts
        named = {facts[i].source for i in document["by_series"]} - sources
        document["sources"] = sorted(sources)
        document["series_sources"] = sorted(named)
    else:
        document["members"] = _members_resting_on(results, entry_id, found)
    return document


def lineage_lines(results: Results, entry_id: str, direction: str) -> list[str]:
    """Return the lineage of ``entry_id`` as lines of text, one entry a line."""
    document = lineage_document(results, entry_id, direction)
    up = direction == "up"
    lines = [f"{entry_id} {'rests on' if up else 'is used by'}:"]
    if not any(document[section] for section in _SECTIONS):
        lines.append("  nothing")

    note = _SERIES_UP if up else _SERIES_DOWN
    notes = dict.fromkeys(document["by_series"], note)
    for indicator_id, member_ids in document.get("members", {}).items():
        notes[indicator_id] = "through " + ", ".join(member_ids)
    for section in _SECTIONS:
        lines.extend(_section_lines(results, section, document[section], notes))
    if up:
        lines.append(
            f"sources ({len(document['sources'])}): " + ", ".join(document["sources"])
        )
    if document.get("series_sources"):
        named = document["series_sources"]
        lines.append(
            f"sources of the series facts named only ({len(named)}): "
            + ", ".join(named)
        )
    return lines


def path_document(results: Results, start: str, end: str) -> dict[str, Any]:
    """Return the chain of dependencies from ``start`` to ``end``, or ``null``.

    ``steps`` gives each link of the chain with its ``relation``: ``input``
    when the value flows along it, ``series`` when a series fact is named
    by an indicator over a dimension (or one of its members).
    """
    path = results.path(start, end)
    if path is None:
        return {"from": start, "to": end, "path": None, "steps": None}
    steps = [
        {"from": a, "to": b, "relation": "series" if named else "input"}
        for a, b, named in _steps(results, path)
    ]
    return {"from": start, "to": end, "path": list(path), "steps": steps}


def path_lines(results: Results, start: str, end: str) -> list[str]:
    """Return the chain from ``start`` to ``end`` as text, or why there is none."""
    path = results.path(start, end)
    if path is not None:
        return _chain_lines(results, path)
    lines = [f"no chain of dependencies leads from {start} to {end}"]
    back = results.path(end, start)
    if back is not None:
        chain = _chain_lines(results, back)
        lines.append(f"the other way round, {start} rests on {end}: " + chain[0])
        lines.extend(chain[1:])
    return lines


def _chain_lines(results: Results, path: tuple[str, ...]) -> list[str]:
    """Write a chain with ``→`` for an input and ``⇢`` for a series named."""
    text = path[0]
    named_any = False
    for _start, end, named in _steps(results, path):
        text += f" {'⇢' if named else '→'} {end}"
        named_any = named_any or named
    if not named_any:
        return [text]
    return [text, f"(⇢ {_SERIES_UP})"]


def _steps(results: Results, path: tuple[str, ...]) -> list[tuple[str, str, bool]]:
    """Return each link of ``path`` with whether it is a series named."""
    return [
        (start, end, start in results.series_named_by(end))
        for start, end in pairwise(path)
    ]


def _members_resting_on(
    results: Results, entry_id: str, found: frozenset[str]
) -> dict[str, list[str]]:
    """Return the members computed from ``entry_id``, by indicator in ``found``.

    An indicator that only names the series of ``entry_id`` has none.
    """
    members: dict[str, list[str]] = {}
    for indicator_id in results.plan.members:
        if indicator_id not in found:
            continue
        member_ids = [
            member_id
            for member_id in results.members(indicator_id)
            if entry_id in results.facts_of(member_id)
        ]
        if member_ids:
            members[indicator_id] = member_ids
    return members


def _by_series(
    results: Results, entry_id: str, found: frozenset[str], up: bool
) -> list[str]:
    """Return the entries of ``found`` linked to ``entry_id`` by a series named."""
    if up:
        return [i for i in results.series_named_by(entry_id) if i in found]
    over_dimension = results.plan.members
    return [
        i
        for i in over_dimension
        if i in found and entry_id in results.series_named_by(i)
    ]


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


def _section_lines(
    results: Results,
    section: str,
    entries: list[str],
    notes: dict[str, str] | None = None,
) -> list[str]:
    if not entries:
        return []
    failed = failed_entries(results)
    notes = notes or {}
    lines = [f"  {section} ({len(entries)}):"]
    for entry_id in entries:
        mark = "  FAILED" if entry_id in failed else ""
        note = f"  ({notes[entry_id]})" if entry_id in notes else ""
        shown = _shown(results, entry_id, section)
        lines.append(f"    {entry_id}{shown}{mark}{note}")
    return lines


def _shown(results: Results, entry_id: str, section: str) -> str:
    if section == "checks":
        return f" [{results.spec.checks[entry_id].kind}]"
    if results.members(entry_id):
        return f" = {results.quantity_text(entry_id)}"
    return f" = {entry_quantity(results, entry_id)}"
