"""A spec's YAML values with the position of every key, and key paths as text.

What the reader returns and what every located error is built from: the
values of one document, the file they came from, and where each key path
was written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias

from ..exceptions import Location


__all__ = ["KeyPath", "Position", "YamlDocument", "render_key_path"]


KeyPath: TypeAlias = tuple[str | int, ...]


Position: TypeAlias = tuple[int, int]


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
