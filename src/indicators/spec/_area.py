"""Areas: the ISO 3166 country or subdivision a figure is about.

A figure's area is written as a code so that two reports about one country
agree on it; a country written by name is refused with its code suggested.
A country may be written in two or three letters (``TJ`` or ``TJK``); the
area is kept as written, and `same_area` tells the two spellings are one.
"""

from __future__ import annotations

from functools import cache
from typing import Annotated

from pydantic import AfterValidator, StrictStr


__all__ = ["Area", "same_area"]


def _check_area(code: str) -> str:
    import pycountry

    if pycountry.countries.get(alpha_2=code) or pycountry.countries.get(alpha_3=code):
        return code
    # pycountry leaves Subdivisions.get, its override of the typed one, unannotated.
    if "-" in code and pycountry.subdivisions.get(code=code):  # type: ignore[no-untyped-call]
        return code
    msg = f"the area {code!r} is not an ISO 3166 country or subdivision code"
    guess = _country_code_like(code)
    if guess:
        msg += f"; did you mean {guess!r}?"
    else:
        msg += "; write a code such as 'TJ', 'KZ', 'RUS' or 'TJ-DU'"
    raise ValueError(msg)


@cache
def _country_code_like(name: str) -> str | None:
    """Return the code of the country ``name`` names, if it looks like a name.

    Two or three letters are a mistyped code, not a name, and fuzzy search
    would only guess; the search runs once per distinct name.
    """
    if len(name) <= 3:
        return None
    import pycountry

    try:
        matches = pycountry.countries.search_fuzzy(name)
    except LookupError:
        return None
    return str(matches[0].alpha_2) if matches else None


#: An ISO 3166 country code (alpha-2 or alpha-3) or subdivision code.
Area = Annotated[StrictStr, AfterValidator(_check_area)]


def same_area(written: str, other: str) -> bool:
    """Tell whether two area codes name one place: ``TJK`` is ``TJ``.

    Facts of one series may spell their country either way; a base by
    position, the parts of a total and a dimension's area compare places.
    """
    return written == other or _two_letters(written) == _two_letters(other)


@cache
def _two_letters(code: str) -> str:
    """Return a country's two-letter code; any other code is its own."""
    if len(code) != 3:
        return code
    import pycountry

    country = pycountry.countries.get(alpha_3=code)
    return code if country is None else str(country.alpha_2)
