"""A table of values by id that can be changed without copying it.

An incremental update changes the values of a few entries and must leave
the results it started from valid. Copying a table of a million columns for
that would cost more than the update itself, so a changed table keeps the
original as its base and holds only the changes. The changes of successive
updates are gathered in one layer, and folded into a new base once they
reach a quarter of the base: a lookup is at most two dictionary probes, and
the copying averages out to a constant per changed entry.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Generic, TypeVar


__all__ = ["Table"]

_V = TypeVar("_V")

#: Changes are folded into the base once they reach this share of it.
_FOLD_SHARE = 4


class Table(Mapping[str, _V], Generic[_V]):
    """An immutable mapping from ids to values, cheap to change.

    Args:
        base: The values; the table keeps the dict and never changes it.
        changes: Values that replace those of ``base`` (or add to it).
    """

    __slots__ = ("_base", "_changes")

    def __init__(
        self, base: dict[str, _V], changes: dict[str, _V] | None = None
    ) -> None:
        self._base = base
        self._changes = changes or {}

    def changed(self, changes: Mapping[str, _V]) -> Table[_V]:
        """Return a table with ``changes`` applied; this one stays as it is."""
        gathered = {**self._changes, **changes}
        if len(gathered) * _FOLD_SHARE <= len(self._base):
            return Table(self._base, gathered)
        return Table({**self._base, **gathered})

    def __getitem__(self, entry_id: str) -> _V:
        changes = self._changes
        if entry_id in changes:
            return changes[entry_id]
        return self._base[entry_id]

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self._changes or entry_id in self._base

    def __iter__(self) -> Iterator[str]:
        yield from self._base
        yield from (i for i in self._changes if i not in self._base)

    def __len__(self) -> int:
        extra = sum(1 for i in self._changes if i not in self._base)
        return len(self._base) + extra
