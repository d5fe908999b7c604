"""Hypothesis strategies shared by the tests."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st


#: Country codes to draw destinations from (ISO 3166-1 alpha-2).
COUNTRY_CODES = ("RU", "KZ", "LT", "TR", "GB", "DE", "PL", "US", "CN", "AF")

#: The indicator kinds that can be declared over a dimension, with their roles.
OVER_KINDS: dict[str, tuple[str, str]] = {
    "percent_change": ("from", "to"),
    "ratio": ("numerator", "denominator"),
    "share": ("part", "whole"),
    "net_migration": ("arrivals", "departures"),
}


@st.composite
def members_over_destination(draw: st.DrawFn) -> dict[str, Any]:
    """Draw an indicator kind and, per destination, the two inputs' counts.

    Counts include zero, so that some members are undetermined.
    """
    kind = draw(st.sampled_from(sorted(OVER_KINDS)))
    codes = draw(
        st.lists(st.sampled_from(COUNTRY_CODES), min_size=1, max_size=6, unique=True)
    )
    counts = st.integers(min_value=0, max_value=10**9)
    values = {code: (draw(counts), draw(counts)) for code in codes}
    return {"kind": kind, "values": values}
