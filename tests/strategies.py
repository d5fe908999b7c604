"""Hypothesis strategies for the tests: the public ones, and spec mutations.

Valid specs come from `indicators.testing`, the strategies users get too.
The mutations here break them the ways people and attackers do: keys
deleted, values of the wrong type, ids renamed, YAML tricks (tags, anchors
and aliases, duplicate keys, merge keys), the file cut off, tabs and odd
characters put in.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st

from indicators.testing import (
    facts,
    ids,
    periods,
    spec_dicts,
    spec_texts,
    spec_yaml,
    specs,
    texts,
    written_numbers,
)


__all__ = [
    "facts",
    "ids",
    "mutated_spec_texts",
    "periods",
    "spec_dicts",
    "spec_texts",
    "specs",
    "texts",
    "written_numbers",
]

_Path = tuple[Any, ...]


def _paths(document: Any, prefix: _Path = ()) -> list[_Path]:
    """Return the path of every value inside ``document``."""
    found = []
    if isinstance(document, dict):
        for key, value in document.items():
            found.append((*prefix, key))
            found.extend(_paths(value, (*prefix, key)))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            found.append((*prefix, index))
            found.extend(_paths(value, (*prefix, index)))
    return found


def _parent(document: Any, path: _Path) -> Any:
    for step in path[:-1]:
        document = document[step]
    return document


_ODD_VALUES = (
    None,
    True,
    False,
    0,
    -1,
    10**30,
    "",
    "NO",
    "392,805",
    "18 million RUB",
    "2024-06-30",
    "1:20",
    [],
    [1, [2]],
    {},
    {"value": {"value": 1}},
    "__class__",
)


@st.composite
def _delete_key(draw: st.DrawFn, document: dict[str, Any]) -> None:
    paths = _paths(document)
    path = draw(st.sampled_from(paths))
    parent = _parent(document, path)
    del parent[path[-1]]


@st.composite
def _swap_type(draw: st.DrawFn, document: dict[str, Any]) -> None:
    path = draw(st.sampled_from(_paths(document)))
    _parent(document, path)[path[-1]] = draw(st.sampled_from(_ODD_VALUES))


@st.composite
def _rename_id(draw: st.DrawFn, document: dict[str, Any]) -> None:
    sections = [
        name
        for name in ("facts", "indicators", "checks", "sources")
        if document.get(name)
    ]
    section = document[draw(st.sampled_from(sections))]
    old = draw(st.sampled_from(sorted(section)))
    new = draw(st.one_of(ids(), st.sampled_from(["__import__", "1abc", "a b", "é"])))
    section[new] = section.pop(old)


_DOCUMENT_MUTATIONS = (_delete_key, _swap_type, _rename_id)

_INJECTIONS = (
    "!!python/object/apply:os.system ['echo hacked']",
    "!custom value",
    "!!binary aGVsbG8=",
    "&anchor 5",
    "*undefined",
    "[*a, *a, *a]",
    "{<<: {value: 1}}",
    "\t1",
    "\ufeff",
    "\u202e42",
    "\u2028",
    "\x00",
    "\ud800",
    "0o17",
    "0x1F",
    ".inf",
    "-.nan",
    "1e99999",
    "9" * 5000,
    "[" * 300,
    "'unterminated",
    "key: value: other",
)


def _truncate(draw: st.DrawFn, text: str) -> str:
    return text[: draw(st.integers(0, len(text)))]


def _inject(draw: st.DrawFn, text: str) -> str:
    where = draw(st.integers(0, len(text)))
    piece = draw(st.sampled_from(_INJECTIONS))
    return text[:where] + piece + text[where:]


def _duplicate_line(draw: st.DrawFn, text: str) -> str:
    lines = text.splitlines(keepends=True)
    index = draw(st.integers(0, max(0, len(lines) - 1)))
    return "".join(lines[: index + 1] + lines[index:])


def _anchor_and_alias(draw: st.DrawFn, text: str) -> str:
    lines = text.splitlines(keepends=True)
    with_values = [i for i, line in enumerate(lines) if ": " in line]
    if len(with_values) < 2:
        return text
    first, second = sorted(
        draw(
            st.lists(st.sampled_from(with_values), min_size=2, max_size=2, unique=True)
        )
    )
    key, _, value = lines[first].partition(": ")
    lines[first] = f"{key}: &shared {value}"
    key, _, _ = lines[second].partition(": ")
    lines[second] = f"{key}: *shared\n"
    return "".join(lines)


def _tabs(draw: st.DrawFn, text: str) -> str:
    lines = text.splitlines(keepends=True)
    if not lines:
        return "\t"
    index = draw(st.integers(0, len(lines) - 1))
    lines[index] = "\t" + lines[index].lstrip(" ")
    return "".join(lines)


_TEXT_MUTATIONS: tuple[Callable[[st.DrawFn, str], str], ...] = (
    _truncate,
    _inject,
    _duplicate_line,
    _anchor_and_alias,
    _tabs,
)


@st.composite
def mutated_spec_texts(draw: st.DrawFn) -> str:
    """Draw the YAML text of a valid spec with one to three things broken."""
    document = copy.deepcopy(draw(spec_dicts(max_facts=4, max_indicators=4)))
    for mutation in draw(st.lists(st.sampled_from(_DOCUMENT_MUTATIONS), max_size=2)):
        draw(mutation(document))

    text = spec_yaml(document)
    count = draw(st.integers(0 if document else 1, 2))
    for mutation in draw(
        st.lists(st.sampled_from(_TEXT_MUTATIONS), min_size=count, max_size=count)
    ):
        text = mutation(draw, text)
    return text
