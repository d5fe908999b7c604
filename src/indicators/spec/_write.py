"""Write a spec back out as YAML that reloads to the same model, losing nothing.

A spec is edited by people and handed on, so writing one out must keep what
they wrote: every field, every digit of every number (``8827250.00`` stays
``8827250.00``, not ``8827250.0``), and, when the spec came from a file,
its comments, key order and flow or block style. The layout is kept with
ruamel.yaml's round-trip mode: the file's text is read into ruamel's
commented mappings, the model's values are merged into them key by key,
and only what changed is written anew. A key the model no longer has is
removed; a new key goes after the keys already there.

Numbers are never passed through a float: each is written from the
`decimal.Decimal` the reader kept. Periods are written in their canonical
form and formulas as their text, both of which read back equal.
"""

from __future__ import annotations

import datetime
import io
import os
import re
from collections.abc import Mapping
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.representer import RoundTripRepresenter

from .._numbers import decimals_written
from ..exceptions import IndicatorError, Location, SpecError
from ..graph._formula import Formula
from ._model import Reported, Spec
from ._period import Period


__all__ = [
    "dump_document",
    "dump_spec",
    "same_spec",
    "spec_document",
    "verified_dump",
    "write_spec",
]

_WHOLE = re.compile(r"[-+]?[0-9]+")


def spec_document(spec: Spec) -> dict[str, Any]:
    """Return ``spec`` as plain YAML values: dicts, lists, text and numbers.

    Every top-level field of the model is written (an empty section is
    left out), so a section the writer has never heard of is not lost.
    Each entry keeps the keys it was written with (a default that the file
    left out stays left out), under its public name (``from``, not
    ``from_``).
    """
    document: dict[str, Any] = {}
    for name in type(spec).model_fields:
        value = getattr(spec, name)
        if isinstance(value, Mapping):
            if value:
                document[name] = {key: _plain(entry) for key, entry in value.items()}
        else:
            document[name] = _plain(value)
    return document


def dump_spec(spec: Spec, layout: str | None = None) -> str:
    """Return the YAML text of ``spec``, keeping the layout of its file.

    Args:
        spec: The spec to write.
        layout: YAML text whose comments, key order and styles to keep;
            by default the text ``spec`` was read from, when that is known.

    Returns:
        Text that `load_spec_text` reads back to a spec equal to ``spec``.
    """
    yaml = _yaml()
    document = spec_document(spec)
    base = _layout_of(spec) if layout is None else layout
    tree = _parse_layout(yaml, base) if base else None
    if not isinstance(tree, CommentedMap):
        return dump_document(document)

    stream = io.StringIO()
    yaml.dump(_Merger().mapping(tree, document), stream)
    return stream.getvalue()


def dump_document(document: Mapping[str, Any]) -> str:
    """Return plain YAML values as text, numbers exactly as their Decimals hold them."""
    stream = io.StringIO()
    _yaml().dump(_fresh(document), stream)
    return stream.getvalue()


def write_spec(spec: Spec, path: str | os.PathLike[str]) -> None:
    """Write ``spec`` to ``path``, checking first that it reads back equal.

    When ``path`` already holds a spec, its comments and layout are kept.

    Raises:
        IndicatorError: If the written text would not read back to an equal
            spec (a bug, never a silent loss), or the file cannot be written.
    """
    target = Path(path)
    layout = _read_text(target) if target.is_file() else None
    text = verified_dump(spec, layout)
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as error:
        msg = f"The spec cannot be written: {error.strerror or error}"
        location = Location(os.fspath(target))
        raise SpecError(msg, location, hint="Check the path and permissions") from error


def verified_dump(spec: Spec, layout: str | None = None) -> str:
    """Return `dump_spec` text after checking that it reads back equal.

    Raises:
        IndicatorError: If the text reads back to a different spec.
    """
    from ._load import load_spec_text

    text = dump_spec(spec, layout)
    reloaded = load_spec_text(text, spec.file)
    if not same_spec(spec, reloaded):
        msg = "Writing the spec would change it; nothing was written"
        raise IndicatorError(msg)
    _require_comments_kept(spec, layout or _layout_of(spec), text)
    return text


def _require_comments_kept(spec: Spec, layout: str | None, text: str) -> None:
    """Refuse to write text that lost a comment of the spec it came from.

    ruamel.yaml keeps comments on their own lines and after block entries,
    but a comment inside a flow mapping spread over several lines is lost
    when the mapping is joined onto one line.

    Raises:
        SpecError: Naming the first comment that would be lost, and its line.
    """
    if layout is None:
        return
    kept = {comment for _line, comment in _comments(text)}
    for line, comment in _comments(layout):
        if comment not in kept:
            msg = f"Writing the spec would drop the comment {comment!r}; nothing was written"
            hint = (
                "if the comment sits inside braces or brackets spread over lines, "
                "move it onto a line of its own above the entry; if its entry is no "
                "longer in the spec, delete the comment; then write the spec again"
            )
            raise SpecError(msg, Location(spec.file, line), hint=hint)


def _comments(text: str) -> list[tuple[int, str]]:
    """Return each comment of YAML ``text`` with its line, quotes respected."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        quote = None
        for index, character in enumerate(line):
            if quote:
                quote = None if character == quote else quote
            elif character in "'\"" and (index == 0 or line[index - 1] in " \t:[{,-"):
                quote = character
            elif character == "#" and (index == 0 or line[index - 1] in " \t"):
                found.append((number, line[index:].rstrip()))
                break
    return found


def same_spec(first: Spec, second: Spec) -> bool:
    """Tell whether two specs declare the same things, number for number.

    Numbers must be written the same (``8827250.00`` is not ``8827250``),
    since their precision is part of what a report printed.
    """
    return spec_document(first) == spec_document(second) and _same_digits(
        spec_document(first), spec_document(second)
    )


def _same_digits(first: Any, second: Any) -> bool:
    if isinstance(first, Decimal) and isinstance(second, Decimal):
        return str(first) == str(second)
    if isinstance(first, dict) and isinstance(second, dict):
        return all(_same_digits(first[key], second[key]) for key in first)
    if isinstance(first, list) and isinstance(second, list):
        return all(map(_same_digits, first, second))
    return True


def _plain(value: Any) -> Any:
    """Turn a model value into a plain YAML value."""
    if isinstance(value, Reported):
        return _reported(value)
    if isinstance(value, BaseModel):
        return {
            _public_name(type(value), name): _plain(getattr(value, name))
            for name in _written_fields(value)
        }
    if isinstance(value, Mapping):
        return {str(key): _plain(member) for key, member in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(member) for member in value]
    return _scalar(value)


def _written_fields(entry: BaseModel) -> list[str]:
    """Return the fields of ``entry`` its spec wrote, in the model's order.

    A field the graph stage filled in from another one (see
    `Entry.filled_from`) is left out when that other field is there, so a
    resolved spec is written as it was read and reads back the same.
    """
    written = entry.model_fields_set
    filled = getattr(entry, "filled_from", {})
    return [
        name
        for name in type(entry).model_fields
        if name in written
        and (name not in filled or getattr(entry, filled[name]) is None)
    ]


def _scalar(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Period):
        return str(value)
    if isinstance(value, Formula):
        return value.text
    return value


def _public_name(model: type[BaseModel], name: str) -> str:
    field = model.model_fields[name]
    return field.alias or name


def _reported(reported: Reported) -> Any:
    """Write a reported value as a bare number when its digits give its precision."""
    if decimals_written(reported.value) == reported.decimals:
        return reported.value
    return {"value": reported.value, "decimals": reported.decimals}


class _Merger:
    """Put a document's values into a ruamel tree, keeping what did not change.

    An anchored mapping that aliases share is merged once; where it appears
    again, a fresh copy is written, so a change to one entry cannot leak
    into another through the alias.
    """

    def __init__(self) -> None:
        self.seen: set[int] = set()

    def mapping(self, tree: CommentedMap, document: Mapping[str, Any]) -> Any:
        if id(tree) in self.seen:
            return _fresh(document)
        self.seen.add(id(tree))

        for key in [key for key in tree if key not in document]:
            del tree[key]
        for key, value in document.items():
            if key in tree:
                tree[key] = self.value(tree[key], value)
            else:
                tree[key] = _fresh(value)
        return tree

    def value(self, old: Any, new: Any) -> Any:
        if isinstance(new, Mapping):
            if isinstance(old, CommentedMap):
                return self.mapping(old, new)
            return _fresh(new)
        if isinstance(new, list):
            return self.sequence(old, new)
        if isinstance(new, Decimal) and _written_in_full(old):
            # A reported value the file spelt out with its decimals stays so.
            return self.mapping(old, {"value": new, "decimals": decimals_written(new)})
        return old if _same_scalar(old, new) else new

    def sequence(self, old: Any, new: list[Any]) -> Any:
        if not isinstance(old, CommentedSeq) or len(old) != len(new):
            return _fresh(new)
        if id(old) in self.seen:
            return _fresh(new)
        self.seen.add(id(old))

        for index, member in enumerate(new):
            old[index] = self.value(old[index], member)
        return old


def _written_in_full(old: Any) -> bool:
    return isinstance(old, CommentedMap) and set(old) == {"value", "decimals"}


def _same_scalar(old: Any, new: Any) -> bool:
    """Tell whether the written ``old`` scalar can stay for the value ``new``.

    Text stays when it reads as the same text (its quoting is kept, and a
    period written ``2024`` is not rewritten as ``'2024'``); a number stays
    only when it was written as the same whole number, since ruamel keeps
    other numbers as floats.
    """
    if isinstance(new, str):
        return _as_text(old) == new
    if isinstance(new, Decimal) and isinstance(old, int) and not isinstance(old, bool):
        return _WHOLE.fullmatch(str(new)) is not None and int(str(new)) == old
    if isinstance(new, int) and isinstance(old, int) and not isinstance(old, bool):
        return old == new
    return False


def _as_text(old: Any) -> str | None:
    """Return the text a written scalar stands for where a text is expected."""
    if isinstance(old, str):
        return str(old)
    if isinstance(old, datetime.date):
        return old.isoformat()
    if isinstance(old, int) and not isinstance(old, bool):
        return str(old)
    return None


def _fresh(value: Any) -> Any:
    """Build ruamel containers for a value the layout does not have yet."""
    if isinstance(value, Mapping):
        mapping = CommentedMap()
        for key, member in value.items():
            mapping[key] = _fresh(member)
        return mapping
    if isinstance(value, list):
        sequence = CommentedSeq(_fresh(member) for member in value)
        sequence.fa.set_flow_style()
        return sequence
    return value


def _layout_of(spec: Spec) -> str | None:
    text: str | None = getattr(spec, "_text", None)
    if text is not None:
        return text
    path = Path(spec.file)
    if spec.file.startswith("<") or not path.is_file():
        return None
    return _read_text(path)


def _read_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None


def _parse_layout(yaml: YAML, text: str) -> Any:
    """Read ``text`` with ruamel for its layout, or give ``None`` if it cannot."""
    try:
        return yaml.load(text)
    except (YAMLError, ValueError, TypeError):
        return None


def _represent_decimal(representer: RoundTripRepresenter, value: Decimal) -> Any:
    text = str(value)
    kind = "int" if _WHOLE.fullmatch(text) else "float"
    return representer.represent_scalar(f"tag:yaml.org,2002:{kind}", text)


def _represent_text(representer: RoundTripRepresenter, value: str) -> Any:
    """Write text plain where PyYAML reads it back as itself, else double-quoted.

    Inside ``[...]`` or ``{...}``, ruamel writes ``?0``, ``a?b`` or ``:x``
    plain, as YAML 1.2 allows, but PyYAML, which reads specs, ends plain
    text at any ``?`` there and takes a leading ``:`` as an indicator.
    """
    if "?" in value or value.startswith(":"):
        return representer.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    return representer.represent_str(value)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.representer.add_representer(Decimal, _represent_decimal)
    yaml.representer.add_representer(str, _represent_text)
    return yaml
