"""The typed, immutable model of a spec: sources, facts, indicators and checks.

These classes only describe what a spec declares; they check the shape of
each entry when it is built and never change after. Whether the ids they
name exist, whether their units agree and in which order to compute them is
the graph's business, not theirs.

Each kind of entry has its module (`_fact`, `_indicator`, `_check`, on the
shared pieces of `_entry`); this one holds the `Spec` that gathers them and
names the whole model in one place for the rest of the engine.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import (
    Field,
    PrivateAttr,
    StrictStr,
)

from ..exceptions import Location
from ._check import (
    CHECK_KINDS,
    BreakdownInputs,
    Check,
    ListedParts,
    PartsSumTo,
    PartsWithin,
    Severity,
)
from ._dimensions import Dimension
from ._entry import Entry, Id, check_id, require_printable
from ._fact import Fact, Qualifier, Source, ValueRange
from ._indicator import (
    INDICATOR_KINDS,
    BasePosition,
    ChangeInputs,
    ConversionInputs,
    ConvertIndicator,
    DifferenceIndicator,
    FormulaIndicator,
    Indicator,
    NetMigrationIndicator,
    PercentChangeIndicator,
    PeriodRule,
    RatePolicy,
    RatioIndicator,
    Reported,
    ShareIndicator,
    SumIndicator,
)
from ._period import Period
from ._yaml import render_key_path


__all__ = [
    "BasePosition",
    "BreakdownInputs",
    "ChangeInputs",
    "ConversionInputs",
    "ListedParts",
    "Period",
    "check_id",
    "require_printable",
    "Check",
    "CHECK_KINDS",
    "ConvertIndicator",
    "DifferenceIndicator",
    "Fact",
    "FormulaIndicator",
    "Indicator",
    "INDICATOR_KINDS",
    "NetMigrationIndicator",
    "PartsSumTo",
    "PartsWithin",
    "PercentChangeIndicator",
    "PeriodRule",
    "Qualifier",
    "RatePolicy",
    "RatioIndicator",
    "Reported",
    "Severity",
    "ShareIndicator",
    "Source",
    "Spec",
    "SumIndicator",
    "ValueRange",
]


class Spec(Entry):
    """A whole spec: the facts of one or more reports and what is built on them.

    A spec read from a file remembers where each key was written, so that
    later stages can point at the line of a problem.
    """

    spec: Id
    title: StrictStr
    sources: dict[str, Source] = Field(default_factory=dict)
    dimensions: dict[str, Dimension] = Field(default_factory=dict)
    facts: dict[str, Fact] = Field(default_factory=dict)
    indicators: dict[str, Indicator] = Field(default_factory=dict)
    checks: dict[str, Check] = Field(default_factory=dict)

    _file: str = PrivateAttr(default="<spec>")
    _positions: Mapping[tuple[str | int, ...], tuple[int, int]] = PrivateAttr(
        default_factory=dict
    )
    _plan: Any = PrivateAttr(default=None)
    _text: str | None = PrivateAttr(default=None)

    def __eq__(self, other: object) -> bool:
        """Compare what two specs declare, not where or how they were read.

        The file name, key positions and the cached plan are bookkeeping; two
        specs that declare the same entries are equal wherever they came from.
        """
        if not isinstance(other, Spec):
            return NotImplemented
        return all(
            getattr(self, name) == getattr(other, name)
            for name in type(self).model_fields
        )

    # Python's own marker of an unhashable class; mypy sees a method replaced
    # by None.
    __hash__ = None  # type: ignore[assignment]

    def __copy__(self) -> Spec:
        """Return a copy that builds its own plan, since its entries may differ.

        `model_copy` copies through here, so a spec copied with new facts is
        never evaluated with the plan of the spec it came from.
        """
        copied = super().__copy__()
        copied._plan = None
        return copied

    def __deepcopy__(self, memo: dict[int, Any] | None = None) -> Spec:
        """Return a deep copy that builds its own plan, as `__copy__` does."""
        copied = super().__deepcopy__(memo)
        copied._plan = None
        return copied

    def __getstate__(self) -> dict[str, Any]:
        """Return the state to pickle: the spec as read, without its plan.

        The plan is a cache of what the spec gives, and holds pint units,
        which unpickle only in pint's own default registry; a spec sent to
        another process builds its plan there on first use.
        """
        state = super().__getstate__()
        private = dict(state["__pydantic_private__"] or {})
        private["_plan"] = None
        return {**state, "__pydantic_private__": private}

    @property
    def file(self) -> str:
        """The file the spec was read from, or ``<spec>`` for one built in code."""
        return self._file

    def locate(self, path: tuple[str | int, ...]) -> Location:
        """Return where ``path`` was written, or the nearest enclosing key."""
        for end in range(len(path), -1, -1):
            position = self._positions.get(path[:end])
            if position is not None:
                line, column = position
                return Location(self.file, line, column, render_key_path(path))
        return Location(self.file, None, None, render_key_path(path))

    def entry(self, entry_id: str) -> Fact | Indicator | Check:
        """Return the fact, indicator or check with ``entry_id``.

        Raises:
            KeyError: If no entry has that id.
        """
        for section in (self.facts, self.indicators, self.checks):
            if entry_id in section:
                return section[entry_id]
        raise KeyError(entry_id)
