"""A figure with its unit, written the one way every text output writes it.

`explain`, `lineage` and the graph exports all show a fact beside what is
computed from it. A fact is shown as the report prints it (``8,827,250.00``,
``90,000 million``), so an auditor can find it in the document; when that
form ends in a scale word, the full value follows, so the reader also sees
the number the engine computes with. Writing this once keeps the outputs
from disagreeing about the same figure.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._numbers import Number, format_number
from ..graph._units import quantity_words


if TYPE_CHECKING:
    from ..evaluation import Results

__all__ = ["entry_quantity", "quantity_text"]


def quantity_text(value: Number | None, unit: str, printed: str | None = None) -> str:
    """Return ``value`` with ``unit`` as people read it.

    Args:
        value: The exact value, or ``None`` when it is undetermined.
        unit: The unit as text; ``dimensionless`` is not written, and
            percentage points are worded (`quantity_words`).
        printed: A fact's value as the report prints it, or ``None`` for a
            computed figure, which is written with `format_number`.

    Returns:
        Text such as ``90,000 million RUB (= 90,000,000,000)``,
        ``392,805 person`` or ``undetermined``.
    """
    if value is None:
        return "undetermined"

    number = printed or format_number(value)
    shown = quantity_words(number, unit)
    if printed and printed[-1].isalpha():
        shown += f" (= {format_number(value)})"
    return shown


def entry_quantity(results: Results, entry_id: str) -> str:
    """Return the value of a fact or indicator of ``results`` with its unit.

    A fact is written as printed, as `quantity_text` says.

    Raises:
        UnknownIdError: If no fact or indicator has ``entry_id``.
    """
    fact = results.spec.facts.get(entry_id)
    printed = None if fact is None else fact.printed
    return quantity_text(results.value(entry_id), results.unit_of(entry_id), printed)
