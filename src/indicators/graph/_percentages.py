"""Percentages and percentage points: what adding and subtracting them gives.

A percentage point is the unit of the difference of two percentages. From
42 % to 45 % is a rise of 3 percentage points; the same rise taken relative
to 42 % is a change of 7.1 %, and a reader who sees "3 percent" may read it
as that relative change. Pint cannot tell the two apart (each is a
hundredth), so these rules do.

The rule looks at a whole run of additions and subtractions at once (the
inputs of a `sum` or `difference`, or ``a - b - c`` in a formula), so that
how it is bracketed does not change its unit:

- percentages only added (a sum of shares of one whole) give a percentage,
  and so do percentage points added to or taken from them (42 % + 3 points
  is 45 %);
- percentages both added and taken away give percentage points: the run is
  the difference between two sums of shares (``a - b``, ``a - b - c``,
  ``a + b - c``), and points added to that stay points;
- points alone give points;
- percentages only taken away give a percentage when nothing else is in the
  run (``-a`` is a share with its sign changed) and are refused beside
  points: a level taken from a change measures nothing.

Comparing a percentage with a number of points is refused everywhere else:
``min`` or ``max`` over both, a check whose parts add up to points and
whose total is a percentage, and a declared unit that would relabel one as
the other or call a ratio points. Their numbers are on the same scale, so
only the label would change, and that label is what tells a reader whether
a change is absolute or relative.
"""

from __future__ import annotations

from collections.abc import Sequence
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

    def added_up(self, terms: Sequence[tuple[int, pint.Unit]]) -> pint.Unit | None:
        """Return the unit of a run of terms added (sign 1) or taken away (-1).

        ``None`` when the units do not add up: two units other than percent
        and points, or percentages only taken away beside points. Other
        units add only to themselves.
        """
        units = {unit for _sign, unit in terms}
        if len(units) == 1 and self.percent not in units:
            return units.pop()
        if not units <= {self.percent, self.point}:
            return None

        added = any(sign > 0 and u == self.percent for sign, u in terms)
        taken = any(sign < 0 and u == self.percent for sign, u in terms)
        if added:
            return self.point if taken else self.percent
        if not taken:
            return self.point
        return None if self.point in units else self.percent

    def invents_points(self, source: pint.Unit, target: pint.Unit) -> bool:
        """Tell whether ``target`` names points that ``source`` does not have.

        A ratio or a share declared in percentage points would present a
        relative measure as a difference of percentages.
        """
        return self._has_points(target) and not self._has_points(source)

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

    def _has_points(self, unit: pint.Unit) -> bool:
        return bool(dict(unit._units.items()).get(str(self.point), 0) != 0)

    def _mixed(self, first: pint.Unit, second: pint.Unit) -> bool:
        return (first, second) in (
            (self.percent, self.point),
            (self.point, self.percent),
        )

    def _as_points(self, unit: pint.Unit) -> pint.Unit:
        exponent = dict(unit._units.items()).get(str(self.percent), 0)
        # Pint leaves * and / on units untyped; they give units of this registry.
        return unit * (self.point / self.percent) ** exponent  # type: ignore[no-any-return]
