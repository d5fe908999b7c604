"""Percentages and percentage points: what adding and subtracting them gives.

A percentage point is the unit of the difference of two percentages. From
42 % to 45 % is a rise of 3 percentage points; the same rise taken relative
to 42 % is a change of 7.1 %, and a reader who sees "3 percent" may read it
as that relative change. Pint cannot tell the two apart (each is a
hundredth), so these rules do.

A percentage acts as a level and a percentage point as a change of level,
the way a date and a number of days do:

- percent − percent is in percentage points;
- percent ± percentage points is in percent (42 % + 3 points is 45 %), and
  so is percentage points + percent;
- percentage points ± percentage points stays in percentage points;
- percent + percent stays in percent, since shares of one whole add up to
  a share of it (and percent changes add up to a percent change);
- percentage points − percent is refused: a level taken from a change
  measures nothing.

Comparing a percentage with a number of points is refused everywhere else:
a check whose parts and total differ in it, ``min`` or ``max`` over both,
and a declared unit that would relabel one as the other. Their numbers are
on the same scale, so only the label would change, and that label is what
tells a reader whether a change is absolute or relative.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING


if TYPE_CHECKING:
    import pint

__all__ = ["PercentRules"]


@dataclass(frozen=True, slots=True)
class PercentRules:
    """The rules that keep percentages and percentage points apart.

    Attributes:
        percent: The catalogue's percent.
        point: The catalogue's percentage point.
    """

    percent: pint.Unit
    point: pint.Unit

    def added(self, left: pint.Unit, right: pint.Unit) -> pint.Unit | None:
        """Return the unit of ``left + right``, or ``None`` if they do not add.

        Units other than percent and percentage points add only to
        themselves.
        """
        if left == right:
            return left
        if self._mixed(left, right):
            return self.percent
        return None

    def subtracted(self, left: pint.Unit, right: pint.Unit) -> pint.Unit | None:
        """Return the unit of ``left - right``, or ``None`` if it means nothing."""
        if left == right:
            return self.point if left == self.percent else left
        if left == self.percent and right == self.point:
            return self.percent
        return None

    def relabels(self, source: pint.Unit, target: pint.Unit) -> bool:
        """Tell whether bringing ``source`` to ``target`` only swaps the label.

        That is so when the two units differ and are equal once every
        percent in them is read as a percentage point, as with
        ``percentage_point`` and ``percent`` or ``USD / percent`` and
        ``USD / percentage_point``.
        """
        return source != target and self._as_points(source) == self._as_points(target)

    def hint(self, first: pint.Unit, second: pint.Unit) -> str | None:
        """Return how to combine a percentage with points, if these are the two."""
        if not self._mixed(first, second):
            return None
        return (
            "a percentage point is the difference of two percentages (42 % to 45 % "
            "is +3 percentage points): points may be added to a percentage or taken "
            "from it (`share_2023 + change` is in percent), but a percentage cannot "
            "be compared with points or taken from them; compare percentages with "
            "percentages and points with points"
        )

    def _mixed(self, first: pint.Unit, second: pint.Unit) -> bool:
        return (first, second) in (
            (self.percent, self.point),
            (self.point, self.percent),
        )

    def _as_points(self, unit: pint.Unit) -> pint.Unit:
        exponent = dict(unit._units.items()).get(str(self.percent), 0)
        # Pint leaves * and / on units untyped; they give units of this registry.
        return unit * (self.point / self.percent) ** exponent  # type: ignore[no-any-return]
