"""Messages for YAML a spec cannot be read from: where, why and how to fix it."""

from __future__ import annotations

import yaml

from indicators.exceptions import Location, SpecSyntaxError


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
    ("nesting depth", "Flatten the structure: nest lists and mappings less deeply"),
)


_DEFAULT_HINT = "Check the indentation (spaces only) and the quoting on this line"


def parse_error(error: yaml.YAMLError, text: str, where: Location) -> SpecSyntaxError:
    """Turn a PyYAML error into a `SpecSyntaxError` at the same place."""
    problem = "the text is not valid YAML"
    if isinstance(error, yaml.reader.ReaderError):
        index = text.find(chr(error.character))
        if index >= 0:
            return bad_character(text, index, where.file)
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


def bad_character(text: str, index: int, file: str) -> SpecSyntaxError:
    line_start = text.rfind("\n", 0, index) + 1
    line = text.count("\n", 0, index) + 1
    character = text[index]
    msg = "The text holds a character that YAML does not allow"
    found = f"{character!r} (U+{ord(character):04X})"
    hint = "Delete the character, or write it as an escape in double quotes"
    location = Location(file, line, index - line_start + 1)
    return SpecSyntaxError(msg, location, found=found, hint=hint)


def too_long(file: str, characters: int | None, limit: int) -> SpecSyntaxError:
    found = f"a file of more than {limit:,} bytes"
    if characters is not None:
        found = f"{characters:,} characters"
    msg = f"The spec is too long: it may hold at most {limit:,} characters"
    hint = "Split the spec into smaller files"
    return SpecSyntaxError(msg, Location(file), found=found, hint=hint)


def unreadable(error: OSError, file: str) -> SpecSyntaxError:
    msg = f"The spec file cannot be read: {error.strerror or error}"
    hint = "Check the path and the file's permissions"
    return SpecSyntaxError(msg, Location(file), hint=hint)


def not_utf8(raw: bytes, error: UnicodeDecodeError, file: str) -> SpecSyntaxError:
    before = raw[: error.start]
    line_start = before.rfind(b"\n") + 1
    column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
    msg = "The spec file is not valid UTF-8"
    found = repr(raw[error.start : error.end])
    location = Location(file, before.count(b"\n") + 1, column)
    hint = "Save the file with the UTF-8 encoding"
    return SpecSyntaxError(msg, location, found=found, hint=hint)
