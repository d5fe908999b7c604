"""Areas: the ISO 3166 country or subdivision a figure is about.

A figure's area is written as a code so that two reports about one country
agree on it; a country written by name is refused with its code suggested.
"""

from __future__ import annotations

from functools import cache
from typing import Annotated

from pydantic import AfterValidator, StrictStr


__all__ = ["Area"]


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
