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

import gc
import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType
from typing import Any, TypeAlias, cast

import yaml

from indicators.exceptions import DuplicateIdError, Location, SpecSyntaxError


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

#: How many collections may nest inside one another.
MAX_DEPTH = 200

#: Aliases may always build this many values, however short the text.
MIN_VALUE_BUDGET = 10_000

#: Beyond the minimum, aliases may build this many values per written value.
ALIAS_RATIO = 4

KeyPath: TypeAlias = tuple[str | int, ...]
Position: TypeAlias = tuple[int, int]
Collection: TypeAlias = dict[str, Any] | list[Any]

# libyaml parses several times faster than PyYAML's pure-Python parser.
_Loader = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader

_TAG_PREFIX = "tag:yaml.org,2002:"
_STR = _TAG_PREFIX + "str"
_INT = _TAG_PREFIX + "int"
_FLOAT = _TAG_PREFIX + "float"
_BOOL = _TAG_PREFIX + "bool"
_NULL = _TAG_PREFIX + "null"
_MAP = _TAG_PREFIX + "map"
_SEQ = _TAG_PREFIX + "seq"
_STANDARD_TAGS = frozenset([_STR, _INT, _FLOAT, _BOOL, _NULL, _MAP, _SEQ])

_NULLS: dict[str, None] = dict.fromkeys(["", "~", "null", "Null", "NULL"])
_BOOLS = {
    **dict.fromkeys(["true", "True", "TRUE"], True),
    **dict.fromkeys(["false", "False", "FALSE"], False),
}
_SPECIAL_FLOATS = {
    **dict.fromkeys([".inf", ".Inf", ".INF"], Decimal("Infinity")),
    **dict.fromkeys(["+.inf", "+.Inf", "+.INF"], Decimal("Infinity")),
    **dict.fromkeys(["-.inf", "-.Inf", "-.INF"], Decimal("-Infinity")),
    **dict.fromkeys([".nan", ".NaN", ".NAN"], Decimal("NaN")),
}
_PLAIN_WORDS: dict[str, Any] = {**_NULLS, **_BOOLS, **_SPECIAL_FLOATS}

_DECIMAL_INT = re.compile(r"[-+]?[0-9]+")
_OCTAL_INT = re.compile(r"0o[0-7]+")
_HEX_INT = re.compile(r"0x[0-9a-fA-F]+")
_DECIMAL_FLOAT = re.compile(
    r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
)
_NUMBER_STARTS = frozenset("0123456789+-.")

# Python refuses longer decimal integers by default (CVE-2020-10735).
_MAX_INT_DIGITS = 4300


@dataclass(frozen=True)
class YamlDocument:
    """The values of one spec file and where each key was written.

    Attributes:
        data: The document as nested dicts, lists and scalars (str, int,
            Decimal, bool, None).
        file: The file name given, for messages.
        positions: ``(line, column)``, counting from 1, for every key path:
            a mapping entry maps to its key, a list item to the item, and
            the root ``()`` to ``(1, 1)``.
    """

    data: Any
    file: str
    positions: Mapping[KeyPath, Position]

    def locate(self, path: Sequence[str | int]) -> Location:
        """Return where ``path`` sits, for an error about it.

        A path the file does not spell out, such as a missing field, is
        placed at the longest prefix that the file does have. The key still
        names the whole path, as in ``checks.c1.parts_sum_to.parts[2]``.
        """
        steps = tuple(path)
        position = (1, 1)
        for end in range(len(steps), -1, -1):
            known = self.positions.get(steps[:end])
            if known is not None:
                position = known
                break

        line, column = position
        return Location(self.file, line, column, render_key_path(steps))


def render_key_path(path: Sequence[str | int]) -> str | None:
    """Join a key path with dots, writing list indexes in brackets.

    Returns:
        Text such as ``facts.x.parts[2]``, or ``None`` for the root.
    """
    text = ""
    for step in path:
        if isinstance(step, int):
            text += f"[{step}]"
        else:
            text += f".{step}" if text else step
    return text or None


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
        raise _too_long(file, len(text))

    try:
        root = _build(_Builder(file, record=False), text).root
    except _PositionsNeeded:
        # Only a duplicate key needs a position to report; read again with
        # them, which raises the same error, now complete.
        return _build(_Builder(file, record=True), text).finish()
    return YamlDocument(root, file, _Positions(text, file))


def _build(builder: _Builder, text: str) -> _Builder:
    """Feed ``text`` to ``builder`` and return it, its document complete.

    Raises:
        SpecSyntaxError: As `read_yaml` says.
        DuplicateIdError: One mapping has the same key twice.
        _PositionsNeeded: A builder that does not record positions met an
            error that names one.
    """
    file = builder.file
    with _collector_paused():
        try:
            _parse_into(builder, text)
        except yaml.YAMLError as error:
            key = render_key_path(builder.current_path())
            raise _parse_error(error, text, Location(file, key=key)) from error
        except UnicodeEncodeError as error:
            raise _bad_character(text, error.start, file) from error
    builder.finish()
    return builder


class _PositionsNeeded(Exception):
    """Raised by a builder that records no positions when it needs one."""


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
            builder = _build(_Builder(self._file, record=True), self._text)
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
        raise _unreadable(error, file) from error

    if len(raw) > MAX_SPEC_SIZE:
        raise _too_long(file, None)

    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _not_utf8(raw, error, file) from error

    return read_yaml(text, file)


def _parse_into(builder: _Builder, text: str) -> None:
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


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a document is built.

    A large spec allocates millions of dicts, lists and parser events, none
    of which form cycles, yet each collector pass rescans every one of them.
    """
    if not gc.isenabled():
        yield
        return

    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@dataclass(slots=True)
class _Anchor:
    """An anchored value, and the key path where the text wrote it."""

    value: Any
    path: KeyPath


@dataclass(slots=True)
class _Frame:
    """A dict or list still being filled, and where it sits.

    For a dict, ``key`` is the key read and still waiting for its value, or
    ``None`` when the next scalar is a key.
    """

    container: Collection
    path: KeyPath
    anchor: str | None
    key: str | None = None


_NOT_YET = object()
_COLLECTION_KEY = "a mapping or a list as a key"


class _Builder:
    """Build values and positions from a stream of parser events.

    The dicts and lists being filled wait on a stack, so no step recurses,
    and each handler takes one kind of event.
    """

    def __init__(self, file: str, *, record: bool = True) -> None:
        self.file = file
        self.record = record
        self.positions: dict[KeyPath, Position] = {(): (1, 1)}
        self.texts: dict[str, str] = {}
        # An anchor maps to None while its own collection is still open.
        self.anchors: dict[str, _Anchor | None] = {}
        self.stack: list[_Frame] = []
        self.root: Any = _NOT_YET
        self.documents = 0
        self.written = 0
        self.expanded = 0

    def feed(self, event: yaml.Event) -> None:
        """Take the next parser event."""
        handler = _HANDLERS.get(type(event))
        if handler is not None:
            handler(self, event)

    def finish(self) -> YamlDocument:
        """Return the document once the stream has ended.

        Raises:
            SpecSyntaxError: The text holds no value at all.
        """
        if self.root is _NOT_YET or self.root is None:
            msg = "The spec is empty: the file holds no YAML values"
            hint = "Write the spec's facts, indicators and checks in it"
            raise SpecSyntaxError(msg, Location(self.file, 1, 1), hint=hint)

        positions = MappingProxyType(self.positions)
        return YamlDocument(self.root, self.file, positions)

    def current_path(self) -> KeyPath:
        """Return the key path being read, for an error's location."""
        if not self.stack:
            return ()

        frame = self.stack[-1]
        if isinstance(frame.container, list):
            return (*frame.path, len(frame.container))
        if frame.key is None:
            return frame.path
        return (*frame.path, frame.key)

    def _start_document(self, event: yaml.DocumentStartEvent) -> None:
        self.documents += 1
        if self.documents > 1:
            msg = "The file holds a second YAML document; a spec file holds one"
            hint = "Remove the '---' line, or move each document to its own file"
            raise SpecSyntaxError(msg, self._location(event), hint=hint)

    def _scalar(self, event: yaml.ScalarEvent) -> None:
        value = self._resolve(event)
        if self._expects_key():
            plain = event.tag is None and event.implicit[0]
            self._take_key(value, event, plain=plain, text=event.value)
        else:
            self.written += 1
            self._place(value, event)

        if event.anchor is not None:
            self.anchors[event.anchor] = _Anchor(value, ())

    def _open(self, event: yaml.CollectionStartEvent) -> None:
        is_mapping = isinstance(event, yaml.MappingStartEvent)
        if self._expects_key():
            raise self._key_not_text(event, _COLLECTION_KEY)
        if len(self.stack) >= MAX_DEPTH:
            raise self._too_deep(event)
        self._check_collection_tag(event, is_mapping)

        container: Collection = {} if is_mapping else []
        self.written += 1
        path = self._place(container, event)
        if event.anchor is not None:
            self.anchors[event.anchor] = None
        self.stack.append(_Frame(container, path, event.anchor))

    def _close(self, event: yaml.CollectionEndEvent) -> None:
        frame = self.stack.pop()
        if frame.anchor is not None:
            self.anchors[frame.anchor] = _Anchor(frame.container, frame.path)

    def _alias(self, event: yaml.AliasEvent) -> None:
        anchor = self._anchor_for(event)
        self._spend(event)
        if not isinstance(anchor.value, dict | list):
            if self._expects_key():
                self._take_key(anchor.value, event, plain=False, text=None)
            else:
                self._place(anchor.value, event)
            return

        if self._expects_key():
            raise self._key_not_text(event, _COLLECTION_KEY)
        if len(self.stack) >= MAX_DEPTH:
            raise self._too_deep(event)
        copy: Collection = {} if isinstance(anchor.value, dict) else []
        path = self._place(copy, event)
        self._expand(anchor, copy, path, event)

    def _expand(
        self, anchor: _Anchor, copy: Collection, path: KeyPath, event: yaml.AliasEvent
    ) -> None:
        """Copy an anchored dict or list into ``copy``, one value at a time.

        Each alias gets its own copy, so no two places in the document share
        a mutable value. Every copied value counts against the budget, and
        every copied key keeps the position it has under the anchor, since
        that is where its text is.
        """
        pending: list[tuple[Collection, Collection, KeyPath]] = [
            (anchor.value, copy, ())
        ]
        while pending:
            source, target, steps = pending.pop()
            for step, child in _entries(source):
                self._spend(event)
                relative = (*steps, step)
                if self.record:
                    written_at = self.positions[anchor.path + relative]
                    self.positions[path + relative] = written_at
                if isinstance(child, dict | list):
                    if len(path) + len(relative) >= MAX_DEPTH:
                        raise self._too_deep(event)
                    child_copy: Collection = {} if isinstance(child, dict) else []
                    pending.append((child, child_copy, relative))
                    child = child_copy
                _put(target, step, child)

    def _spend(self, event: yaml.AliasEvent) -> None:
        """Count one value built by an alias, refusing it past the budget."""
        self.expanded += 1
        limit = max(MIN_VALUE_BUDGET, ALIAS_RATIO * self.written)
        if self.written + self.expanded <= limit:
            return

        msg = (
            "Aliases expand to too many values: a spec may build at most "
            f"{limit:,} values when its text writes {self.written:,}"
        )
        hint = "Use fewer aliases of large anchors, or write the values out"
        location = self._location(event)
        raise SpecSyntaxError(msg, location, found=f"*{event.anchor}", hint=hint)

    def _anchor_for(self, event: yaml.AliasEvent) -> _Anchor:
        name = event.anchor
        if name not in self.anchors:
            msg = "An alias must refer to an anchor defined before it"
            hint = f"Define '&{name}' earlier in the file, or correct the alias"
            location = self._location(event)
            raise SpecSyntaxError(msg, location, found=f"*{name}", hint=hint)

        anchor = self.anchors[name]
        if anchor is None:
            msg = "An alias may not stand inside its own anchor (a recursive alias)"
            hint = "Remove the alias from inside the value it refers to"
            location = self._location(event)
            raise SpecSyntaxError(msg, location, found=f"*{name}", hint=hint)
        return anchor

    def _expects_key(self) -> bool:
        if not self.stack:
            return False

        frame = self.stack[-1]
        return frame.key is None and isinstance(frame.container, dict)

    def _take_key(
        self, key: Any, event: yaml.NodeEvent, *, plain: bool, text: str | None
    ) -> None:
        """Accept ``key`` as the next key of the innermost dict.

        Args:
            key: The key's value, resolved like any scalar.
            event: The scalar or alias that wrote the key.
            plain: Whether the key was written unquoted and untagged.
            text: The key as written, or ``None`` for an alias.
        """
        if not isinstance(key, str):
            raise self._key_not_text(event, _describe(key), text)
        if plain and key == "<<":
            msg = "Merge keys ('<<') are not allowed: they silently override entries"
            hint = "Write the entries out, or use an alias as the whole value"
            location = self._location(event)
            raise SpecSyntaxError(msg, location, found="'<<'", hint=hint)

        frame = self.stack[-1]
        path = (*frame.path, key)
        if key in frame.container:
            raise self._duplicate_key(key, path, event)

        if self.record:
            self.positions[path] = _position(event)
        frame.key = key

    def _place(self, value: Any, event: yaml.NodeEvent) -> KeyPath:
        """Put a value into the innermost dict or list, or make it the root.

        Returns:
            The key path of the value.
        """
        if not self.stack:
            self.root = value
            return ()

        frame = self.stack[-1]
        container = frame.container
        if isinstance(container, list):
            path = (*frame.path, len(container))
            if self.record:
                self.positions[path] = _position(event)
            container.append(value)
            return path

        key = cast(str, frame.key)
        container[key] = value
        frame.key = None
        return (*frame.path, key)

    def _resolve(self, event: yaml.ScalarEvent) -> Any:
        try:
            if event.tag is None:
                if event.implicit[0]:
                    value = _resolve_plain(event.value)
                else:
                    value = event.value
            else:
                value = _resolve_tagged(event.tag, event.value)
        except _RefusedScalar as refusal:
            raise self._refused(refusal, event) from None
        if isinstance(value, str):
            # Keys and units repeat on every entry; one copy of each text
            # keeps a large spec's keys, values and key paths several times
            # smaller.
            return self.texts.setdefault(value, value)
        return value

    def _check_collection_tag(
        self, event: yaml.CollectionStartEvent, is_mapping: bool
    ) -> None:
        if event.tag is None or event.tag == (_MAP if is_mapping else _SEQ):
            return
        if event.tag not in _STANDARD_TAGS:
            raise self._refused(_tag_not_allowed(event.tag), event)

        tag = _shorthand(event.tag)
        msg = f"The tag {tag} does not fit {'a mapping' if is_mapping else 'a list'}"
        location = self._location(event)
        raise SpecSyntaxError(msg, location, found=repr(tag), hint="Remove the tag")

    def _refused(
        self, refusal: _RefusedScalar, event: yaml.NodeEvent
    ) -> SpecSyntaxError:
        return SpecSyntaxError(
            refusal.problem,
            self._location(event),
            found=refusal.found,
            hint=refusal.hint,
        )

    def _key_not_text(
        self, event: yaml.NodeEvent, found: str, text: str | None = None
    ) -> SpecSyntaxError:
        msg = "Mapping keys must be text"
        hint = "Use a text key" if text is None else f'Quote the key: "{text}":'
        location = self._location(event)
        return SpecSyntaxError(msg, location, found=found, hint=hint)

    def _duplicate_key(
        self, key: str, path: KeyPath, event: yaml.NodeEvent
    ) -> DuplicateIdError:
        if not self.record:
            raise _PositionsNeeded
        first, _ = self.positions[path]
        second, column = _position(event)
        msg = (
            f"The key {key!r} appears twice in one mapping, "
            f"first on line {first} and again on line {second}"
        )
        hint = "Keep one of the two entries and delete the other"
        key_path = render_key_path(path)
        location = Location(self.file, second, column, key_path)
        return DuplicateIdError(msg, location, hint=hint)

    def _too_deep(self, event: yaml.NodeEvent) -> SpecSyntaxError:
        msg = f"The spec nests more than {MAX_DEPTH} levels deep"
        hint = "Flatten the structure; a spec needs only a few levels"
        # The full key path would be as deep as the problem, so it names the
        # key the nesting starts under instead.
        key = render_key_path(_outer_steps(self.current_path()))
        location = Location(self.file, *_position(event), key)
        return SpecSyntaxError(msg, location, hint=hint)

    def _location(self, event: yaml.Event) -> Location:
        key = render_key_path(self.current_path())
        return Location(self.file, *_position(event), key)


_OUTER_STEPS = 8


def _outer_steps(path: KeyPath) -> KeyPath:
    """Return the start of ``path``: up to its first list index, at most a few keys."""
    for index, step in enumerate(path[:_OUTER_STEPS]):
        if isinstance(step, int):
            return path[:index]
    return path[:_OUTER_STEPS]


def _position(event: yaml.Event) -> Position:
    """Return where an event starts, counting from 1 as editors do."""
    mark = event.start_mark
    if mark is None:
        # Only events built by hand lack a mark; the parser always sets one.
        return (1, 1)
    return mark.line + 1, mark.column + 1


# The handlers live outside the builder: bound methods kept in the builder
# would tie it into a reference cycle, keeping the whole document alive
# until the next full collection.
_HANDLERS: dict[type, Callable[[_Builder, Any], None]] = {
    yaml.DocumentStartEvent: _Builder._start_document,
    yaml.ScalarEvent: _Builder._scalar,
    yaml.AliasEvent: _Builder._alias,
    yaml.MappingStartEvent: _Builder._open,
    yaml.SequenceStartEvent: _Builder._open,
    yaml.MappingEndEvent: _Builder._close,
    yaml.SequenceEndEvent: _Builder._close,
}


def _entries(container: Collection) -> Iterator[tuple[Any, Any]]:
    if isinstance(container, dict):
        return iter(container.items())
    return enumerate(container)


def _put(target: Collection, step: Any, value: Any) -> None:
    if isinstance(target, dict):
        target[step] = value
    else:
        target.append(value)


class _RefusedScalar(Exception):
    """A scalar that cannot be accepted; the builder adds where it is."""

    def __init__(self, problem: str, found: str, hint: str) -> None:
        super().__init__(problem)
        self.problem = problem
        self.found = found
        self.hint = hint


def _resolve_plain(text: str) -> Any:
    """Return the value of an unquoted scalar by the YAML 1.2 core schema.

    Raises:
        _RefusedScalar: An integer too long to read.
    """
    if text in _PLAIN_WORDS:
        return _PLAIN_WORDS[text]
    if text[0] not in _NUMBER_STARTS:
        return text

    number = _read_number(text)
    return text if number is None else number


def _read_number(text: str) -> int | Decimal | None:
    """Return the number ``text`` spells, or ``None`` if it is no number.

    Raises:
        _RefusedScalar: An integer too long to read.
    """
    if _DECIMAL_INT.fullmatch(text):
        if len(text.lstrip("+-")) > _MAX_INT_DIGITS:
            msg = f"An integer may have at most {_MAX_INT_DIGITS} digits"
            hint = "Quote the value if it is a code rather than a number"
            raise _RefusedScalar(msg, repr(text[:20] + "..."), hint)
        return int(text)
    if _DECIMAL_FLOAT.fullmatch(text):
        return Decimal(text)
    if _OCTAL_INT.fullmatch(text):
        return int(text[2:], 8)
    if _HEX_INT.fullmatch(text):
        return int(text[2:], 16)
    return None


def _resolve_tagged(tag: str, text: str) -> Any:
    """Return the value of a scalar with an explicit standard tag.

    Raises:
        _RefusedScalar: The tag is not a standard scalar tag, or the text
            does not fit it.
    """
    if tag == _STR:
        return text

    reader = _TAGGED_READERS.get(tag)
    if reader is None:
        raise _tag_not_allowed(tag)

    value = reader(text)
    if value is _MISFIT:
        msg = f"A value tagged {_shorthand(tag)} must read as {_TAG_MEANINGS[tag]}"
        raise _RefusedScalar(msg, repr(text), "Correct the value, or remove the tag")
    return value


_MISFIT = object()


def _tagged_null(text: str) -> Any:
    return None if text in _NULLS else _MISFIT


def _tagged_bool(text: str) -> Any:
    return _BOOLS.get(text, _MISFIT)


def _tagged_int(text: str) -> Any:
    number = _read_number(text)
    return number if isinstance(number, int) else _MISFIT


def _tagged_float(text: str) -> Any:
    if text in _SPECIAL_FLOATS:
        return _SPECIAL_FLOATS[text]

    number = _read_number(text)
    return _MISFIT if number is None else Decimal(number)


_TAGGED_READERS: dict[str, Callable[[str], Any]] = {
    _NULL: _tagged_null,
    _BOOL: _tagged_bool,
    _INT: _tagged_int,
    _FLOAT: _tagged_float,
}
_TAG_MEANINGS = {
    _NULL: "null (null, ~ or nothing)",
    _BOOL: "true or false",
    _INT: "a whole number",
    _FLOAT: "a number",
}


def _tag_not_allowed(tag: str) -> _RefusedScalar:
    msg = (
        "Tags are not allowed in a spec, except the standard "
        "!!str, !!int, !!float, !!bool, !!null, !!map and !!seq"
    )
    hint = "Remove the tag; a spec holds plain values and nothing in it is run"
    return _RefusedScalar(msg, repr(_shorthand(tag)), hint)


def _shorthand(tag: str) -> str:
    if tag.startswith(_TAG_PREFIX):
        return "!!" + tag.removeprefix(_TAG_PREFIX)
    return tag


def _describe(value: Any) -> str:
    """Say what a key that is not text reads as, for a message."""
    kinds = {bool: "a boolean", int: "an integer", Decimal: "a number"}
    kind = "null" if value is None else kinds.get(type(value), "a value")
    return f"{value!r}, which reads as {kind}"


_SYNTAX_HINTS = (
    (
        "mapping values are not allowed",
        "Quote a value that contains ': ', and indent nested keys under their key",
    ),
    (
        "could not find expected ':'",
        "Put ': ' after the key, or quote a value that runs over several lines",
    ),
    ("quoted scalar", "Close the quote that this value opens"),
    ("expected ',' or ']'", "Close the list with ']' and separate items with ','"),
    ("expected ',' or '}'", "Close the mapping with '}' and separate entries with ','"),
    ("expected '-'", "Start each item of one list with '- ' at the same indentation"),
    ("expected key", "Line up the keys of one mapping at the same indentation"),
    ("expected <block end>", "Line up the keys of one mapping at the same indentation"),
    (
        "cannot start any token",
        "Quote the value; characters such as '@' and '`' cannot start a plain value",
    ),
    ("nesting depth", f"Flatten the structure to at most {MAX_DEPTH} levels"),
)
_DEFAULT_HINT = "Check the indentation (spaces only) and the quoting on this line"


def _parse_error(error: yaml.YAMLError, text: str, where: Location) -> SpecSyntaxError:
    """Turn a PyYAML error into a `SpecSyntaxError` at the same place."""
    problem = "the text is not valid YAML"
    if isinstance(error, yaml.reader.ReaderError):
        index = text.find(chr(error.character))
        if index >= 0:
            return _bad_character(text, index, where.file)
        problem = error.reason

    line = column = None
    if isinstance(error, yaml.MarkedYAMLError):
        problem = error.problem or error.context or problem
        mark = error.problem_mark or error.context_mark
        if mark is not None:
            line, column = mark.line + 1, mark.column + 1

    msg = f"The YAML cannot be parsed: {problem}"
    location = Location(where.file, line, column, where.key)
    return SpecSyntaxError(msg, location, hint=_syntax_hint(error, text, line))


def _syntax_hint(error: yaml.YAMLError, text: str, line: int | None) -> str:
    if line is not None and "\t" in _indentation(text, line):
        return "Indent with spaces; YAML does not allow tabs for indentation"

    described = f"{getattr(error, 'context', '')} {getattr(error, 'problem', '')}"
    for fragment, hint in _SYNTAX_HINTS:
        if fragment in described:
            return hint
    return _DEFAULT_HINT


def _indentation(text: str, line: int) -> str:
    """Return the blanks that start line ``line`` (from 1) of ``text``."""
    lines = text.split("\n", line)
    if len(lines) < line:
        return ""

    current = lines[line - 1]
    return current[: len(current) - len(current.lstrip())]


def _bad_character(text: str, index: int, file: str) -> SpecSyntaxError:
    line_start = text.rfind("\n", 0, index) + 1
    line = text.count("\n", 0, index) + 1
    character = text[index]
    msg = "The text holds a character that YAML does not allow"
    found = f"{character!r} (U+{ord(character):04X})"
    hint = "Delete the character, or write it as an escape in double quotes"
    location = Location(file, line, index - line_start + 1)
    return SpecSyntaxError(msg, location, found=found, hint=hint)


def _too_long(file: str, characters: int | None) -> SpecSyntaxError:
    found = f"a file of more than {MAX_SPEC_SIZE:,} bytes"
    if characters is not None:
        found = f"{characters:,} characters"
    msg = f"The spec is too long: it may hold at most {MAX_SPEC_SIZE:,} characters"
    hint = "Split the spec into smaller files"
    return SpecSyntaxError(msg, Location(file), found=found, hint=hint)


def _unreadable(error: OSError, file: str) -> SpecSyntaxError:
    msg = f"The spec file cannot be read: {error.strerror or error}"
    hint = "Check the path and the file's permissions"
    return SpecSyntaxError(msg, Location(file), hint=hint)


def _not_utf8(raw: bytes, error: UnicodeDecodeError, file: str) -> SpecSyntaxError:
    before = raw[: error.start]
    line_start = before.rfind(b"\n") + 1
    column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
    msg = "The spec file is not valid UTF-8"
    found = repr(raw[error.start : error.end])
    location = Location(file, before.count(b"\n") + 1, column)
    hint = "Save the file with the UTF-8 encoding"
    return SpecSyntaxError(msg, location, found=found, hint=hint)
