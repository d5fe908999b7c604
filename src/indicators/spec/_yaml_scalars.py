"""How the plain and tagged scalars of a spec's YAML become Python values.

Plain scalars follow the YAML 1.2 core schema, not PyYAML's 1.1 rules: ``NO``
and ``ON`` stay text, ``010`` is ten, ``1:20`` is text, floats become exact
``Decimal``s and dates stay text. Tags other than the standard ones are
refused, so nothing in a spec can name a Python object.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any


_TAG_PREFIX = "tag:yaml.org,2002:"


_STR = _TAG_PREFIX + "str"


_INT = _TAG_PREFIX + "int"


_FLOAT = _TAG_PREFIX + "float"


_BOOL = _TAG_PREFIX + "bool"


_NULL = _TAG_PREFIX + "null"


MAP_TAG = _TAG_PREFIX + "map"


SEQ_TAG = _TAG_PREFIX + "seq"


STANDARD_TAGS = frozenset([_STR, _INT, _FLOAT, _BOOL, _NULL, MAP_TAG, SEQ_TAG])


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


class RefusedScalar(Exception):
    """A scalar that cannot be accepted; the builder adds where it is."""

    def __init__(self, problem: str, found: str, hint: str) -> None:
        super().__init__(problem)
        self.problem = problem
        self.found = found
        self.hint = hint


def resolve_plain(text: str) -> Any:
    """Return the value of an unquoted scalar by the YAML 1.2 core schema.

    Raises:
        RefusedScalar: An integer too long to read.
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
        RefusedScalar: An integer too long to read.
    """
    if _DECIMAL_INT.fullmatch(text):
        if len(text.lstrip("+-")) > _MAX_INT_DIGITS:
            msg = f"An integer may have at most {_MAX_INT_DIGITS} digits"
            hint = "Quote the value if it is a code rather than a number"
            raise RefusedScalar(msg, repr(text[:20] + "..."), hint)
        return int(text)
    if _DECIMAL_FLOAT.fullmatch(text):
        return Decimal(text)
    if _OCTAL_INT.fullmatch(text):
        return int(text[2:], 8)
    if _HEX_INT.fullmatch(text):
        return int(text[2:], 16)
    return None


def resolve_tagged(tag: str, text: str) -> Any:
    """Return the value of a scalar with an explicit standard tag.

    Raises:
        RefusedScalar: The tag is not a standard scalar tag, or the text
            does not fit it.
    """
    if tag == _STR:
        return text

    reader = _TAGGED_READERS.get(tag)
    if reader is None:
        raise tag_not_allowed(tag)

    value = reader(text)
    if value is _MISFIT:
        msg = f"A value tagged {tag_shorthand(tag)} must read as {_TAG_MEANINGS[tag]}"
        raise RefusedScalar(msg, repr(text), "Correct the value, or remove the tag")
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


_TAG_MEANINGS = {
    _NULL: "null (null, ~ or nothing)",
    _BOOL: "true or false",
    _INT: "a whole number",
    _FLOAT: "a number",
}


def tag_not_allowed(tag: str) -> RefusedScalar:
    msg = (
        "Tags are not allowed in a spec, except the standard "
        "!!str, !!int, !!float, !!bool, !!null, !!map and !!seq"
    )
    hint = "Remove the tag; a spec holds plain values and nothing in it is run"
    return RefusedScalar(msg, repr(tag_shorthand(tag)), hint)


def tag_shorthand(tag: str) -> str:
    if tag.startswith(_TAG_PREFIX):
        return "!!" + tag.removeprefix(_TAG_PREFIX)
    return tag


def describe_value(value: Any) -> str:
    """Say what a key that is not text reads as, for a message."""
    kinds = {bool: "a boolean", int: "an integer", Decimal: "a number"}
    kind = "null" if value is None else kinds.get(type(value), "a value")
    return f"{value!r}, which reads as {kind}"


_TAGGED_READERS: dict[str, Callable[[str], Any]] = {
    _NULL: _tagged_null,
    _BOOL: _tagged_bool,
    _INT: _tagged_int,
    _FLOAT: _tagged_float,
}
