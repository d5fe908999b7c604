"""Building values and key positions from PyYAML's parser events.

PyYAML only parses; this builder turns each event into plain values by the
YAML 1.2 core schema, records where each key was written when asked to,
refuses duplicate keys, keys that are not text and unknown tags, and
expands aliases within the nesting and value limits the reader documents.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, TypeAlias, cast

import yaml

from ..exceptions import DuplicateIdError, Location, SpecSyntaxError
from ._yaml_document import KeyPath, Position, YamlDocument, render_key_path
from ._yaml_scalars import (
    MAP_TAG,
    SEQ_TAG,
    STANDARD_TAGS,
    RefusedScalar,
    describe_value,
    resolve_plain,
    resolve_tagged,
    tag_not_allowed,
    tag_shorthand,
)


__all__ = [
    "ALIAS_RATIO",
    "MAX_DEPTH",
    "MIN_VALUE_BUDGET",
    "EventBuilder",
    "PositionsNeeded",
]


#: How many collections may nest inside one another.
MAX_DEPTH = 200


#: Aliases may always build this many values, however short the text.
MIN_VALUE_BUDGET = 10_000


#: Beyond the minimum, aliases may build this many values per written value.
ALIAS_RATIO = 4


Collection: TypeAlias = dict[str, Any] | list[Any]


class PositionsNeeded(Exception):
    """Raised by a builder that records no positions when it needs one."""


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


class EventBuilder:
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
            raise self._key_not_text(event, describe_value(key), text)
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
                    value = resolve_plain(event.value)
                else:
                    value = event.value
            else:
                value = resolve_tagged(event.tag, event.value)
        except RefusedScalar as refusal:
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
        if event.tag is None or event.tag == (MAP_TAG if is_mapping else SEQ_TAG):
            return
        if event.tag not in STANDARD_TAGS:
            raise self._refused(tag_not_allowed(event.tag), event)

        tag = tag_shorthand(event.tag)
        msg = f"The tag {tag} does not fit {'a mapping' if is_mapping else 'a list'}"
        location = self._location(event)
        raise SpecSyntaxError(msg, location, found=repr(tag), hint="Remove the tag")

    def _refused(
        self, refusal: RefusedScalar, event: yaml.NodeEvent
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
            raise PositionsNeeded
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
_HANDLERS: dict[type, Callable[[EventBuilder, Any], None]] = {
    yaml.DocumentStartEvent: EventBuilder._start_document,
    yaml.ScalarEvent: EventBuilder._scalar,
    yaml.AliasEvent: EventBuilder._alias,
    yaml.MappingStartEvent: EventBuilder._open,
    yaml.SequenceStartEvent: EventBuilder._open,
    yaml.MappingEndEvent: EventBuilder._close,
    yaml.SequenceEndEvent: EventBuilder._close,
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
