"""How a report prints a figure: its scale, a range, its observation status.

A report writes "18 million roubles", "2 to 4 million" or marks a figure as
estimated. A spec keeps these as separate keys beside the value, so the
value stays written as printed (``value: 18, scale: million``) and the
engine, not the person copying the figure, does the multiplication.

Observation status follows the SDMX code list CL_OBS_STATUS: a spec may
write the one-letter code (``E``) or its readable name (``estimated``).
Codes that mark a missing value (``M``, ``L``, ``O``, ``Q``) are left out,
since a fact always has a value.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any


__all__ = ["ObservationStatus", "Scale", "read_status"]


class Scale(StrEnum):
    """The word a report prints after a number: "18 million"."""

    THOUSAND = "thousand"
    MILLION = "million"
    BILLION = "billion"

    @property
    def multiplier(self) -> int:
        """The exact factor from the printed number to the value."""
        return _MULTIPLIERS[self]


_MULTIPLIERS = {
    Scale.THOUSAND: 1_000,
    Scale.MILLION: 1_000_000,
    Scale.BILLION: 1_000_000_000,
}


class ObservationStatus(StrEnum):
    """An SDMX observation status (CL_OBS_STATUS), by its readable name."""

    NORMAL = "normal"
    BREAK = "break"
    DEFINITION_DIFFERS = "definition_differs"
    ESTIMATED = "estimated"
    FORECAST = "forecast"
    EXPERIMENTAL = "experimental"
    IMPUTED = "imputed"
    PROVISIONAL = "provisional"
    STRIKE = "strike"
    LOW_RELIABILITY = "low_reliability"
    UNVALIDATED = "unvalidated"

    @property
    def code(self) -> str:
        """The one-letter SDMX code, such as ``E`` for estimated."""
        return _CODES[self]


_CODES = {
    ObservationStatus.NORMAL: "A",
    ObservationStatus.BREAK: "B",
    ObservationStatus.DEFINITION_DIFFERS: "D",
    ObservationStatus.ESTIMATED: "E",
    ObservationStatus.FORECAST: "F",
    ObservationStatus.EXPERIMENTAL: "G",
    ObservationStatus.IMPUTED: "I",
    ObservationStatus.PROVISIONAL: "P",
    ObservationStatus.STRIKE: "S",
    ObservationStatus.LOW_RELIABILITY: "U",
    ObservationStatus.UNVALIDATED: "V",
}
_BY_CODE = {code: status for status, code in _CODES.items()}


def read_status(written: Any) -> Any:
    """Turn an SDMX code (``E``) into its readable name; leave names as they are."""
    if isinstance(written, str) and written in _BY_CODE:
        return _BY_CODE[written].value
    return written
