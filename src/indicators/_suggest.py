"""Suggest the closest valid name for a misspelt one.

A spec with thousands of ids and many typos must not take minutes to say
"did you mean": rapidfuzz compares a name with every candidate in compiled
code, where difflib would take seconds per thousand comparisons.
"""

from __future__ import annotations

from collections.abc import Iterable


__all__ = ["CloseNames"]

#: The least similarity, in percent, for a name to be suggested.
_CUTOFF = 60


class CloseNames:
    """Find, among a fixed set of names, the one closest to a given name.

    Args:
        names: The valid names.
    """

    def __init__(self, names: Iterable[str]) -> None:
        self._names = list(names)

    def closest(self, name: str) -> str | None:
        """Return the valid name closest to ``name``, or ``None`` if none is close."""
        from rapidfuzz import fuzz, process

        match = process.extractOne(
            name, self._names, scorer=fuzz.ratio, score_cutoff=_CUTOFF
        )
        return None if match is None else str(match[0])
