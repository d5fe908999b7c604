"""Read a spec's YAML text into plain values, with the position of every key.

A spec is data, never code, and its numbers are audited figures. So this
module does not let PyYAML construct anything. ``yaml.safe_load`` would apply
YAML 1.1 rules, where ``NO`` is false, ``010`` is eight, ``2024-06-30`` is a
date and ``1:20`` is eighty; it would turn ``0.1`` into a binary float; and it
would forget where each key was written, which every error message needs.

PyYAML (libyaml when it is installed) only parses the text into events. The
values are built here from those events by the YAML 1.2 core schema, with
decimal numbers kept as `decimal.Decimal` so no digit is lost. Building from
the event stream, rather than from a composed node tree, keeps the exact line
of every alias, needs no recursion however deep the text nests, and skips a
tree of node objects that large specs would otherwise pay for.

The limits, each refused with a `SpecSyntaxError` naming the line:

- the text may hold at most `MAX_SPEC_SIZE` characters (a file, that many
  bytes);
- collections may nest at most `MAX_DEPTH` levels, alias expansions included;
- aliases may build at most ``max(MIN_VALUE_BUDGET, ALIAS_RATIO * written)``
  values in all, where ``written`` counts the values (not keys) that the text
  spells out before the alias. The check runs as each alias expands, so a
  "billion laughs" document stops after about ten thousand values, while a
  spec that repeats a small source block for every fact stays far below it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping

import yaml

from .._collector import collector_paused
from ..exceptions import Location
from ._yaml_document import KeyPath, Position, YamlDocument, render_key_path
from ._yaml_errors import bad_character, not_utf8, parse_error, too_long, unreadable
from ._yaml_events import (
    ALIAS_RATIO,
    MAX_DEPTH,
    MIN_VALUE_BUDGET,
    EventBuilder,
    PositionsNeeded,
)


__all__ = [
    "ALIAS_RATIO",
    "MAX_DEPTH",
    "MAX_SPEC_SIZE",
    "MIN_VALUE_BUDGET",
    "KeyPath",
    "YamlDocument",
    "read_yaml",
    "read_yaml_file",
    "render_key_path",
]

#: The longest spec text accepted, in characters (for a file, in bytes).
MAX_SPEC_SIZE = 50_000_000

# libyaml parses several times faster than PyYAML's pure-Python parser.
_Loader = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader


def read_yaml(text: str, file: str) -> YamlDocument:
    """Read one spec document from YAML text, safely.

    Args:
        text: The YAML text.
        file: The file name to report in messages.

    Returns:
        The values and the position of every key.

    Raises:
        SpecSyntaxError: The text is too long, is not valid YAML, is empty,
            holds several documents, uses a tag other than the standard
            ones, a key that is not text, a merge key, or an alias that is
            undefined, recursive or expands too far, or nests too deeply.
        DuplicateIdError: One mapping has the same key twice.
    """
    if len(text) > MAX_SPEC_SIZE:
        raise too_long(file, len(text), MAX_SPEC_SIZE)

    try:
        root = _build(EventBuilder(file, record=False), text).root
    except PositionsNeeded:
        # Only a duplicate key needs a position to report; read again with
        # them, which raises the same error, now complete.
        return _build(EventBuilder(file, record=True), text).finish()
    return YamlDocument(root, file, _Positions(text, file))


def _build(builder: EventBuilder, text: str) -> EventBuilder:
    """Feed ``text`` to ``builder`` and return it, its document complete.

    Raises:
        SpecSyntaxError: As `read_yaml` says.
        DuplicateIdError: One mapping has the same key twice.
        PositionsNeeded: A builder that does not record positions met an
            error that names one.
    """
    file = builder.file
    with collector_paused():
        try:
            _parse_into(builder, text)
        except yaml.YAMLError as error:
            key = render_key_path(builder.current_path())
            raise parse_error(error, text, Location(file, key=key)) from error
        except UnicodeEncodeError as error:
            raise bad_character(text, error.start, file) from error
    builder.finish()
    return builder


class _Positions(Mapping[KeyPath, Position]):
    """The position of every key path, worked out when first asked for.

    A valid spec is read once and never asks where its keys are; a spec
    with a problem asks, for its error messages. Recording every key's
    position while reading would take more memory than the values
    themselves on a large spec, so the text is kept instead and read again,
    with positions, on the first question.
    """

    def __init__(self, text: str, file: str) -> None:
        self._text = text
        self._file = file
        self._known: Mapping[KeyPath, Position] | None = None

    def _table(self) -> Mapping[KeyPath, Position]:
        if self._known is None:
            builder = _build(EventBuilder(self._file, record=True), self._text)
            self._known = builder.finish().positions
        return self._known

    def __getitem__(self, path: KeyPath) -> Position:
        return self._table()[path]

    def __iter__(self) -> Iterator[KeyPath]:
        return iter(self._table())

    def __len__(self) -> int:
        return len(self._table())


def read_yaml_file(path: str | os.PathLike[str]) -> YamlDocument:
    """Read one spec document from a UTF-8 YAML file, safely.

    Args:
        path: The spec file; its name appears in every message.

    Returns:
        The values and the position of every key.

    Raises:
        SpecSyntaxError: The file cannot be read, is larger than
            `MAX_SPEC_SIZE` bytes, is not UTF-8, or `read_yaml` refuses it.
        DuplicateIdError: One mapping has the same key twice.
    """
    file = os.fspath(path)
    try:
        with open(file, "rb") as stream:
            raw = stream.read(MAX_SPEC_SIZE + 1)
    except OSError as error:
        raise unreadable(error, file) from error

    if len(raw) > MAX_SPEC_SIZE:
        raise too_long(file, None, MAX_SPEC_SIZE)

    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise not_utf8(raw, error, file) from error

    return read_yaml(text, file)


def _parse_into(builder: EventBuilder, text: str) -> None:
    """Feed the parser's events for ``text`` to ``builder``, in order.

    Raises:
        yaml.YAMLError: The text is not valid YAML.
    """
    loader = _Loader(text)
    try:
        event = loader.get_event()
        while not isinstance(event, yaml.StreamEndEvent):
            builder.feed(event)
            event = loader.get_event()
    finally:
        loader.dispose()
