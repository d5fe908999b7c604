"""The errors `indicators` raises, all under one root.

A spec is written by hand and read by an auditor, so every error says where
the problem is (file, line, column and key path), what was found, what the
rule is, and how to fix it. The CLI prints the message alone, never a
traceback.

The tree::

    IndicatorError
    ├── SpecError (ValueError)            a spec that cannot be accepted
    │   ├── SpecSyntaxError               unreadable or unsafe YAML
    │   ├── DuplicateIdError              one id declared twice
    │   ├── UnknownReferenceError         an id, unit or kind that does not exist
    │   ├── CyclicDependencyError         indicators that depend on themselves
    │   ├── UnitMismatchError (TypeError) arithmetic on incompatible units
    │   ├── FormulaError                  a formula outside the grammar
    │   ├── RateError                     no fitting exchange rate for a conversion
    │   └── SpecErrorGroup                several of the above, found in one run
    ├── FactUpdateError (ValueError)      changing what is not a fact, or to no number
    └── UnknownIdError (LookupError)      asking results for an id they lack
        ├── MemberIdError                 asking one value of a per-member indicator
        └── UnknownSourceError            asking for a source document they lack

Every error carries its parts as attributes (``file``, ``line``, ``key``,
``found``, ``expected``, ``hint``), so a program can read them without parsing
the text, and every error pickles.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeAlias


__all__ = [
    "CyclicDependencyError",
    "DuplicateIdError",
    "FactUpdateError",
    "FormulaError",
    "IndicatorError",
    "Location",
    "MemberIdError",
    "RateError",
    "SpecError",
    "SpecErrorGroup",
    "SpecSyntaxError",
    "UnitMismatchError",
    "UnknownIdError",
    "UnknownReferenceError",
    "UnknownSourceError",
]

#: What ``__reduce__`` returns: a function that makes the error again, and
#: the arguments pickle calls it with.
_Rebuilt: TypeAlias = "tuple[Callable[..., IndicatorError], tuple[object, ...]]"


@dataclass(frozen=True, slots=True)
class Location:
    """Where in a spec file a problem sits.

    Lines and columns count from 1, as editors show them. ``key`` is the
    dotted path of the offending key, such as ``facts.emigrants.unit``.
    """

    file: str
    line: int | None = None
    column: int | None = None
    key: str | None = None

    def render(self) -> str:
        """Return ``file:line:column: key`` with the parts that are known."""
        text = self.file
        if self.line is not None:
            text += f":{self.line}"
            if self.column is not None:
                text += f":{self.column}"
        if self.key:
            text += f": {self.key}"
        return text


class IndicatorError(Exception):
    """Root of every error that `indicators` raises on purpose."""


class SpecError(IndicatorError, ValueError):
    """A spec that cannot be accepted, with where, what and how to fix it.

    Args:
        problem: What is wrong, in one sentence.
        location: Where in the spec the problem is.
        found: The offending value as written, if there is one.
        expected: What the rule allows instead.
        hint: How to fix it, such as a close valid name.
    """

    def __init__(
        self,
        problem: str,
        location: Location | None = None,
        *,
        found: str | None = None,
        expected: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.problem = problem
        self.location = location
        self.found = found
        self.expected = expected
        self.hint = hint
        super().__init__(self._render())

    @property
    def file(self) -> str | None:
        """The spec file, or ``None`` for a spec given as data."""
        return self.location.file if self.location else None

    @property
    def line(self) -> int | None:
        """The line of the problem, counting from 1."""
        return self.location.line if self.location else None

    @property
    def column(self) -> int | None:
        """The column of the problem, counting from 1."""
        return self.location.column if self.location else None

    @property
    def key(self) -> str | None:
        """The dotted key path of the problem, such as ``facts.x.unit``."""
        return self.location.key if self.location else None

    def _render(self) -> str:
        parts = [_sentence(self.problem)]
        if self.found is not None:
            parts.append(f"Found {self.found}.")
        if self.expected is not None:
            parts.append(_sentence(f"Expected {self.expected}"))
        if self.hint is not None:
            parts.append(_sentence(self.hint[:1].upper() + self.hint[1:]))
        message = " ".join(parts)
        if self.location is None:
            return message
        return f"{self.location.render()}: {message}"

    def with_location(self, location: Location) -> SpecError:
        """Return a copy of this error placed at ``location``."""
        copy = self.__class__.__new__(self.__class__)
        copy.__dict__.update(self.__dict__)
        copy.location = location
        Exception.__init__(copy, copy._render())
        return copy

    def __reduce__(self) -> _Rebuilt:
        keywords = {
            "found": self.found,
            "expected": self.expected,
            "hint": self.hint,
        }
        return (_rebuild, (self.__class__, self.problem, self.location, keywords))


def _sentence(text: str) -> str:
    text = text.rstrip()
    if text.endswith((".", "?", "!", ":")):
        return text
    return text + "."


def _rebuild(
    cls: type[SpecError],
    problem: str,
    location: Location | None,
    keywords: dict[str, str | None],
) -> SpecError:
    error = cls.__new__(cls)
    SpecError.__init__(error, problem, location, **keywords)
    return error


class SpecSyntaxError(SpecError):
    """The YAML text cannot be read, or uses a construct that is refused."""


class DuplicateIdError(SpecError):
    """The same id, or the same mapping key, is declared twice."""


class UnknownReferenceError(SpecError, LookupError):
    """A name that does not exist: an id, a unit, a kind or a source."""


class CyclicDependencyError(SpecError):
    """Indicators that depend on themselves through a chain of inputs.

    Attributes:
        cycle: The ids on the cycle, in order, the first repeated at the end.
    """

    def __init__(
        self,
        problem: str,
        location: Location | None = None,
        *,
        cycle: Sequence[str] = (),
        **keywords: str | None,
    ) -> None:
        self.cycle = tuple(cycle)
        super().__init__(problem, location, **keywords)

    def __reduce__(self) -> _Rebuilt:
        return (_rebuild_cycle, (self.problem, self.location, self.cycle, self.hint))


def _rebuild_cycle(
    problem: str,
    location: Location | None,
    cycle: tuple[str, ...],
    hint: str | None,
) -> CyclicDependencyError:
    return CyclicDependencyError(problem, location, cycle=cycle, hint=hint)


class UnitMismatchError(SpecError, TypeError):
    """Arithmetic or a comparison across units that do not agree."""


class FormulaError(SpecError):
    """A formula that the formula grammar does not accept."""


class RateError(SpecError):
    """A conversion for which the spec has no fitting exchange rate.

    No rate of the policy's periods connects the currencies, several do for
    one step, or a named rate does not cover the amount's period.
    """


class SpecErrorGroup(SpecError):
    """Several independent problems in one spec, all reported at once.

    Attributes:
        errors: Each problem as its own `SpecError`, in file order.
    """

    def __init__(self, errors: Iterable[SpecError]) -> None:
        self.errors = tuple(sorted(errors, key=_place_in_file))
        lines = [str(error) for error in self.errors]
        count = len(self.errors)
        heading = f"The spec has {count} problems; fix each of them"
        super().__init__(heading, None)
        Exception.__init__(self, heading + ":\n" + "\n".join(lines))

    def __reduce__(self) -> _Rebuilt:
        return (SpecErrorGroup, (self.errors,))


def _place_in_file(error: SpecError) -> tuple[float, float]:
    """Return where ``error`` sits, for ordering; problems with no line come last."""
    location = error.location
    if location is None or location.line is None:
        return (float("inf"), float("inf"))
    return (location.line, location.column or 0)


class FactUpdateError(IndicatorError, ValueError):
    """Results were asked to change something other than a fact's exact value."""


class UnknownIdError(IndicatorError, LookupError):
    """Results were asked for an id that the spec does not declare."""

    def __init__(self, requested: str, suggestion: str | None = None) -> None:
        self.requested = requested
        self.suggestion = suggestion
        message = f"No fact, indicator or check has the id {requested!r}."
        if suggestion:
            message += f" Did you mean {suggestion!r}?"
        super().__init__(message)

    def __str__(self) -> str:
        return str(self.args[0])

    def __reduce__(self) -> _Rebuilt:
        return (UnknownIdError, (self.requested, self.suggestion))


class MemberIdError(UnknownIdError):
    """One value was asked of an indicator that has one result per member.

    Attributes:
        requested: The indicator id asked for.
        members: The ids of its member results, such as ``x[sex=male]``.
    """

    def __init__(self, requested: str, members: Sequence[str]) -> None:
        self.requested = requested
        self.suggestion = members[0] if members else None
        self.members = tuple(members)
        shown = ", ".join(self.members[:5]) + (", ..." if len(self.members) > 5 else "")
        message = (
            f"The indicator {requested!r} has one result per member; "
            f"ask for one of them: {shown}."
        )
        LookupError.__init__(self, message)

    def __reduce__(self) -> _Rebuilt:
        return (MemberIdError, (self.requested, self.members))


class UnknownSourceError(UnknownIdError):
    """Results were asked about a source document that the spec does not declare."""

    def __init__(self, requested: str, suggestion: str | None = None) -> None:
        super().__init__(requested, suggestion)
        message = f"No source document has the id {requested!r}."
        if suggestion:
            message += f" Did you mean {suggestion!r}?"
        self.args = (message,)

    def __reduce__(self) -> _Rebuilt:
        return (UnknownSourceError, (self.requested, self.suggestion))
