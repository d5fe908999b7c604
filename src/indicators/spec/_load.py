"""Turn a spec's YAML into the typed model, reporting every problem at once.

People write specs by hand, so one run should show them all that is wrong
with the file, each problem at its line and key, rather than one problem per
run. Each entry is validated on its own and the problems are collected; only
then is the spec either returned or refused as a whole.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

from .._collector import collector_paused
from ..exceptions import (
    Location,
    SpecError,
    SpecErrorGroup,
    UnknownReferenceError,
)
from ._dimensions import Dimension
from ._model import CHECK_KINDS, INDICATOR_KINDS, Fact, Source, Spec, check_id
from ._yaml import YamlDocument, read_yaml, read_yaml_file


__all__ = ["load_spec", "load_spec_text", "spec_from_document"]

_Path = tuple[str | int, ...]

_SECTIONS = ("sources", "dimensions", "facts", "indicators", "checks")
_TOP_LEVEL = ("spec", "title", *_SECTIONS)


def load_spec(path: str | os.PathLike[str]) -> Spec:
    """Read, validate and return the spec in the file at ``path``.

    Raises:
        SpecError: If the file cannot be read or the spec is not valid; a
            `SpecErrorGroup` when there are several problems.
    """
    return _spec_from_own_document(read_yaml_file(path))


def load_spec_text(text: str, file: str = "<text>") -> Spec:
    """Read, validate and return the spec written in ``text``.

    ``file`` names the text in error messages.

    Raises:
        SpecError: If the text is not a valid spec.
    """
    spec = _spec_from_own_document(read_yaml(text, file))
    spec._text = text
    return spec


def spec_from_document(document: YamlDocument) -> Spec:
    """Validate a YAML document as a spec, collecting every problem.

    Raises:
        SpecError: The single problem, or a `SpecErrorGroup` of several.
    """
    return _validated(_SpecReader(document))


def _spec_from_own_document(document: YamlDocument) -> Spec:
    """Validate a document no caller holds, letting go of each entry once read.

    On a large spec the values read from the YAML take as much memory as the
    models built from them; releasing them entry by entry lets the models
    reuse that memory instead of adding to it.
    """
    return _validated(_SpecReader(document, release=True))


def _validated(reader: _SpecReader) -> Spec:
    from ..graph import validate_spec
    from ._partial import unreadable_fact_errors

    # Validation allocates a model, a graph node and a few tuples per entry,
    # none in a cycle; collector passes over them cost more than building them.
    with collector_paused():
        spec = reader.read()
        errors = reader.errors + validate_spec(
            spec, reader.unreadable, reader.unreadable_facts
        )
    reported = {error.key for error in errors}
    document = reader.document
    errors += unreadable_fact_errors(document, spec, reader.unreadable, reported)
    _raise_collected(errors)
    return spec


def _raise_collected(errors: list[SpecError]) -> None:
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise SpecErrorGroup(errors)


class _SpecReader:
    """Build a `Spec` from a document entry by entry, keeping every error."""

    def __init__(self, document: YamlDocument, *, release: bool = False) -> None:
        self.document = document
        self.release = release
        self.errors: list[SpecError] = []
        self.unreadable: set[str] = set()
        #: The YAML values of the facts that could not be read, by id: later
        #: checks look at their series and unit to tell a knock-on problem.
        self.unreadable_facts: dict[str, Mapping[str, Any]] = {}
        self.fields_sets: dict[frozenset[str], set[str]] = {}

    def read(self) -> Spec:
        root = self.document.data
        if not isinstance(root, Mapping):
            self._fail((), "a spec must be a mapping of keys", repr(root))
            return _empty_spec()

        self._check_top_level(root)
        fields: dict[str, Any] = {
            "spec": self._spec_id(root),
            "title": self._text(root, "title"),
        }
        fields.update((name, self._read_section(root, name)) for name in _SECTIONS)
        spec = Spec.model_construct(**fields)
        spec._file = self.document.file
        spec._positions = self.document.positions
        return spec

    def _check_top_level(self, root: Mapping[str, Any]) -> None:
        for key in root:
            if key not in _TOP_LEVEL:
                self._unknown_key((key,), key, _TOP_LEVEL, "a top-level key")
        for key in ("spec", "title"):
            if key not in root:
                self._fail(
                    (), f"the top-level key {key!r} is missing", hint=f"add `{key}:`"
                )

    def _spec_id(self, root: Mapping[str, Any]) -> str:
        spec_id = self._text(root, "spec")
        if spec_id and not self._valid_id(("spec",), spec_id):
            return ""
        return spec_id

    def _text(self, root: Mapping[str, Any], key: str) -> str:
        value = root.get(key, "")
        if not isinstance(value, str):
            self._fail((key,), f"`{key}` must be text", repr(value), hint="quote it")
            return ""
        return value

    def _valid_id(self, path: _Path, entry_id: str) -> bool:
        try:
            check_id(entry_id)
        except ValueError as error:
            self._fail(path, str(error), hint="rename it")
            return False
        return True

    def _read_section(self, root: Mapping[str, Any], name: str) -> dict[str, Any]:
        entries = root.get(name)
        if entries is None:
            return {}
        if not isinstance(entries, Mapping):
            problem = f"`{name}` must be a mapping of ids to entries"
            self._fail((name,), problem, repr(entries))
            return {}

        read_entry = {
            "sources": self._read_source,
            "dimensions": self._read_dimension,
            "facts": self._read_fact,
            "indicators": self._read_indicator,
            "checks": self._read_check,
        }[name]
        section = {}
        for entry_id, entry in self._entries(entries):
            if not self._valid_id((name, entry_id), entry_id):
                continue
            model = read_entry((name, entry_id), entry)
            if model is None:
                self.unreadable.add(str(entry_id))
                if name == "facts" and isinstance(entry, Mapping):
                    self.unreadable_facts[str(entry_id)] = entry
            else:
                section[entry_id] = model
                self._release(entries, entry_id)
        return section

    def _entries(self, entries: Mapping[str, Any]) -> Iterable[tuple[str, Any]]:
        """Return the entries of a section, as a list when they may be released."""
        return list(entries.items()) if self.release else entries.items()

    def _release(self, entries: Mapping[str, Any], entry_id: str) -> None:
        """Let go of an entry's YAML values once its model is built, if asked to.

        Entries that could not be read stay: later checks look at them.
        """
        if self.release and isinstance(entries, dict):
            del entries[entry_id]

    def _read_source(self, path: _Path, entry: Any) -> BaseModel | None:
        return self._validate(Source, path, entry)

    def _read_dimension(self, path: _Path, entry: Any) -> BaseModel | None:
        return self._validate(Dimension, path, entry)

    def _read_fact(self, path: _Path, entry: Any) -> BaseModel | None:
        return self._validate(Fact, path, entry)

    def _read_indicator(self, path: _Path, entry: Any) -> BaseModel | None:
        kind = self._kind_of(path, entry, INDICATOR_KINDS, "indicator")
        if kind is None:
            return None
        return self._validate(INDICATOR_KINDS[kind], path, entry)

    def _read_check(self, path: _Path, entry: Any) -> BaseModel | None:
        kind = self._kind_of(path, entry, CHECK_KINDS, "check")
        if kind is None:
            return None
        return self._validate(CHECK_KINDS[kind], path, entry)

    def _kind_of(
        self,
        path: _Path,
        entry: Any,
        kinds: Mapping[str, type[BaseModel]],
        noun: str,
    ) -> str | None:
        if not isinstance(entry, Mapping):
            self._fail(path, f"an {noun} must be a mapping", repr(entry))
            return None

        declared = [str(key) for key in entry if key in kinds]
        if len(declared) == 1:
            return declared[0]

        names = ", ".join(kinds)
        if declared:
            problem = (
                f"an {noun} has exactly one kind, but this one declares {declared}"
            )
            self._fail(path, problem, hint=f"keep one of {declared}")
            return None
        common = {"label", "unit", "decimals", "reported", "severity", "periods"}
        unknown = [key for key in entry if key not in common]
        guess = _closest(unknown[0], kinds) if unknown else None
        hint = f"did you mean {guess!r}?" if guess else f"add one of: {names}"
        problem = f"the {noun} declares no kind; it needs exactly one of: {names}"
        found = repr(unknown[0]) if unknown else None
        self._fail(path, problem, found, hint=hint, cls=UnknownReferenceError)
        return None

    def _validate(
        self, model: type[BaseModel], path: _Path, entry: Any
    ) -> BaseModel | None:
        if not isinstance(entry, Mapping):
            noun = model.__name__.lower()
            self._fail(path, f"a {noun} must be a mapping of keys", repr(entry))
            return None
        try:
            validated = model.model_validate(entry)
        except ValidationError as error:
            details = error.errors()
            misspelt = _misspelt_keys(model, details)
            for detail in details:
                if detail["type"] == "missing" and tuple(detail["loc"]) in misspelt:
                    continue
                self.errors.append(_translate(self.document, model, path, detail))
            return None
        self._share_fields_set(validated)
        return validated

    def _share_fields_set(self, entry: BaseModel) -> None:
        """Let entries that set the same fields share one set of their names.

        Pydantic gives every model its own set of the fields it was given,
        which on a fact is larger than all its values together. The models
        are frozen and pydantic copies the set before changing it (in
        ``model_copy``), so one set per combination of fields is enough.
        """
        pending = [entry]
        while pending:
            model = pending.pop()
            fields = model.__pydantic_fields_set__
            shared = self.fields_sets.setdefault(frozenset(fields), fields)
            object.__setattr__(model, "__pydantic_fields_set__", shared)
            pending.extend(
                value
                for value in model.__dict__.values()
                if isinstance(value, BaseModel)
            )

    def _unknown_key(
        self, path: _Path, key: str, allowed: tuple[str, ...], noun: str
    ) -> None:
        guess = _closest(key, allowed)
        hint = (
            f"did you mean {guess!r}?" if guess else f"use one of: {', '.join(allowed)}"
        )
        self._fail(path, f"{key!r} is not {noun}", hint=hint, cls=UnknownReferenceError)

    def _fail(
        self,
        path: _Path,
        problem: str,
        found: str | None = None,
        *,
        hint: str | None = None,
        cls: type[SpecError] = SpecError,
    ) -> None:
        location = self.document.locate(path)
        self.errors.append(cls(problem, location, found=found, hint=hint))


def _translate(
    document: YamlDocument,
    model: type[BaseModel],
    path: _Path,
    detail: Mapping[str, Any],
) -> SpecError:
    """Turn one pydantic error into a `SpecError` at the key it concerns."""
    where = path + tuple(_public_key(part) for part in detail["loc"])
    location = document.locate(where)
    kind = detail["type"]
    found = detail.get("input")
    cause = (detail.get("ctx") or {}).get("error")

    if isinstance(cause, SpecError):
        return cause.with_location(location)
    if kind == "extra_forbidden":
        return _extra_key(model, location, detail["loc"])
    if kind == "enum":
        return _unknown_choice(detail, location)
    if kind == "missing":
        name = detail["loc"][-1]
        problem = f"the key {name!r} is missing"
        return SpecError(problem, location, hint=f"add `{name}:`")
    return SpecError(_describe(detail), location, found=_shown(found), hint=_hint(kind))


def _unknown_choice(detail: Mapping[str, Any], location: Location) -> SpecError:
    found = str(detail.get("input"))
    expected = str(detail["ctx"]["expected"])
    choices = tuple(
        part.strip(" '") for part in expected.replace(" or ", ",").split(",")
    )
    guess = _closest(found, choices)
    hint = f"did you mean {guess!r}?" if guess else None
    problem = f"{found!r} is not one of the allowed values {expected}"
    return UnknownReferenceError(problem, location, hint=hint)


def _public_key(part: str | int) -> str | int:
    if part == "from_":
        return "from"
    return part


def _misspelt_keys(
    model: type[BaseModel], details: list[Any]
) -> set[tuple[str | int, ...]]:
    """Return the missing keys that an unknown key beside them most likely meant.

    ``locater`` where ``locator`` is missing is one mistake, reported once,
    at the unknown key with the key meant.
    """
    meant = set()
    for detail in details:
        if detail["type"] == "extra_forbidden":
            loc = tuple(detail["loc"])
            guess = _closest(str(loc[-1]), _allowed_keys(model, loc))
            if guess is not None:
                meant.add((*loc[:-1], guess))
    return meant


def _allowed_keys(
    model: type[BaseModel], loc: tuple[str | int, ...]
) -> tuple[str, ...]:
    owner = _nested_model(model, loc[:-1])
    return tuple(field.alias or name for name, field in owner.model_fields.items())


def _extra_key(
    model: type[BaseModel], location: Location, loc: tuple[str | int, ...]
) -> SpecError:
    key = str(loc[-1])
    allowed = _allowed_keys(model, loc)
    guess = _closest(key, allowed)
    hint = (
        f"did you mean {guess!r}?"
        if guess
        else f"the keys allowed here are: {', '.join(allowed)}"
    )
    return UnknownReferenceError(
        f"{key!r} is not a key allowed here", location, hint=hint
    )


def _nested_model(
    model: type[BaseModel], loc: tuple[str | int, ...]
) -> type[BaseModel]:
    for part in loc:
        field = model.model_fields.get(str(part))
        annotation = getattr(field, "annotation", None)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            model = annotation
        elif field is not None:
            for candidate in getattr(annotation, "__args__", ()):
                if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                    model = candidate
    return model


def _describe(detail: Mapping[str, Any]) -> str:
    """Return the problem in the engine's words where pydantic's are generic."""
    own = _MESSAGES.get(str(detail["type"]))
    if own is not None:
        return own.format(**detail.get("ctx", {}))

    message = str(detail["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    return message


#: The problem, for the pydantic error types whose own message reads as code.
_MESSAGES = {
    "int_parsing": "a whole number is expected",
    "int_type": "a whole number is expected",
    "int_from_float": "a whole number is expected, not one with a fraction",
    "greater_than_equal": "the value must be {ge} or more",
    "greater_than": "the value must be more than {gt}",
    "less_than_equal": "the value must be {le} or less",
    "less_than": "the value must be less than {lt}",
    "too_short": "at least {min_length} items are needed, got {actual_length}",
}


def _shown(found: Any) -> str | None:
    if isinstance(found, Mapping | list):
        return None
    return repr(found)


_HINTS = {
    "string_type": "write it as text; quote it if it looks like a number or a truth value",
    "int_type": "write a whole number without quotes",
    "int_parsing": "write a whole number without quotes, such as 1",
    "enum": None,
    "tuple_type": "write a list such as [a, b]",
    "dict_type": "write a mapping of keys",
    "too_short": "list more items, or use a plain fact for a single figure",
}


def _hint(kind: str) -> str | None:
    return _HINTS.get(kind)


def _closest(word: str, choices: Mapping[str, Any] | tuple[str, ...]) -> str | None:
    """Return the choice ``word`` most likely stands for, or ``None`` if none is close.

    Among the close choices, the one that starts as ``word`` does wins: a
    name is misremembered at its end more often than at its start, so
    ``end_of_month`` means ``end_of_period`` rather than the closer-scoring
    ``average_of_months``.
    """
    word = str(word)
    matches = difflib.get_close_matches(word, list(choices), n=3, cutoff=0.6)
    if not matches:
        return None
    return max(matches, key=lambda match: _shared_start(word, match))


def _shared_start(word: str, choice: str) -> int:
    """Return how many leading characters ``word`` and ``choice`` share."""
    return len(os.path.commonprefix([word, choice]))


def _empty_spec() -> Spec:
    return Spec.model_construct(
        spec="", title="", sources={}, dimensions={}, facts={}, indicators={}, checks={}
    )
