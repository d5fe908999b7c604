"""Dimensions: the named ways a report breaks a figure down, and their codes.

A report gives emigrants by sex, by destination country, by region of the
country. A dimension declares which members such a breakdown may have (a
code list), which members are groups of others ("Europe" holds Germany), and
whether its plain codes together cover the whole (sex does; a list of
countries a report happens to name does not). With that known, the engine
can refuse a member nobody declared, find the parts of a total by their
dimension, and notice a breakdown that counts a group and its member twice.

Codes of the ISO 3166 code list are the two-letter country codes, named by
``pycountry``; declared codes are named by themselves.
"""

from __future__ import annotations

import difflib
from enum import StrEnum
from functools import cache

import pycountry
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictStr,
    model_validator,
)

from ._area import Area


__all__ = ["CodeList", "Dimension", "iso3166_codes"]


class CodeList(StrEnum):
    """A code list the engine knows without the spec spelling it out."""

    #: Countries by their ISO 3166-1 alpha-2 code (``DE``, ``RU``, ``TJ``).
    ISO3166 = "iso3166"


@cache
def iso3166_codes() -> dict[str, str]:
    """Return every ISO 3166-1 alpha-2 code with the country's common name."""
    return {
        country.alpha_2: getattr(country, "common_name", country.name)
        for country in pycountry.countries
    }


class Dimension(BaseModel):
    """One dimension of breakdowns: its codes, its groups, its coverage.

    Attributes:
        label: What the dimension is, for people.
        codes: Codes declared by the spec, in the order a report lists them.
        codelist: A known code list whose codes are members too.
        groups: Group codes, each with the plain codes it holds.
        exhaustive: Whether the plain codes together make up the whole, so
            that parts over this dimension must add up to their total.
        area: The area whose parts the codes are, for regions of a country:
            a fact broken down by this dimension must be of that area.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    label: StrictStr | None = None
    codes: tuple[StrictStr, ...] = ()
    codelist: CodeList | None = None
    groups: dict[StrictStr, tuple[StrictStr, ...]] = Field(default_factory=dict)
    exhaustive: StrictBool = False
    area: Area | None = None

    @model_validator(mode="after")
    def _check_codes(self) -> Dimension:
        if not self.codes and self.codelist is None:
            msg = "a dimension needs `codes: [...]`, `codelist: iso3166`, or both"
            raise ValueError(msg)
        _refuse_repeats(self.codes)
        _refuse_id_characters((*self.codes, *self.groups))
        for group, members in self.groups.items():
            self._check_group(group, members)
        return self

    def _check_group(self, group: str, members: tuple[str, ...]) -> None:
        if self.is_code(group):
            msg = f"the group {group!r} has the name of a code of the dimension"
            raise ValueError(msg)
        if not members:
            msg = f"the group {group!r} lists no members"
            raise ValueError(msg)
        for member in members:
            if not self.is_code(member):
                msg = (
                    f"the group {group!r} lists {member!r}, which is not a code of "
                    f"the dimension{_suggestion(self.closest(member))}"
                )
                raise ValueError(msg)

    def is_code(self, member: str) -> bool:
        """Tell whether ``member`` is a plain code (not a group)."""
        if member in self.codes:
            return True
        return self.codelist is CodeList.ISO3166 and member in iso3166_codes()

    def is_group(self, member: str) -> bool:
        """Tell whether ``member`` is one of the declared groups."""
        return member in self.groups

    def knows(self, member: str) -> bool:
        """Tell whether ``member`` is a code or a group of this dimension."""
        return self.is_code(member) or self.is_group(member)

    def members_of(self, group: str) -> frozenset[str]:
        """Return the plain codes a group holds (nothing for a plain code)."""
        return frozenset(self.groups.get(group, ()))

    def name_of(self, member: str) -> str:
        """Return a member's name: the country's name for an ISO 3166 code."""
        if member not in self.codes and self.codelist is CodeList.ISO3166:
            return iso3166_codes().get(member, member)
        return member

    def closest(self, member: str) -> str | None:
        """Return the code or group most like ``member``, for a "did you mean".

        A country written by name (``Germany``) is matched to its ISO code.
        """
        choices = [*self.codes, *self.groups]
        found = difflib.get_close_matches(member, choices, n=1, cutoff=0.6)
        if found:
            return found[0]
        if self.codelist is CodeList.ISO3166:
            return _country_code(member)
        return None


#: Characters that write a member id, ``x[d=code]``, and so cannot be in a code.
_MEMBER_ID_CHARACTERS = frozenset("[]=")


def _refuse_id_characters(codes: tuple[str, ...]) -> None:
    for code in codes:
        if _MEMBER_ID_CHARACTERS & set(code):
            msg = (
                f"the code {code!r} holds '[', ']' or '=', which write the ids of "
                "per-member results; rename the code without them"
            )
            raise ValueError(msg)


def _refuse_repeats(codes: tuple[str, ...]) -> None:
    seen: set[str] = set()
    for code in codes:
        if code in seen:
            msg = f"the code {code!r} is listed twice"
            raise ValueError(msg)
        seen.add(code)


def _country_code(text: str) -> str | None:
    """Return the ISO code of a country written by code or name, if any."""
    try:
        return str(pycountry.countries.lookup(text).alpha_2)
    except LookupError:
        pass
    names = {name: code for code, name in iso3166_codes().items()}
    codes = list(iso3166_codes())
    found = difflib.get_close_matches(text, [*names, *codes], n=1, cutoff=0.75)
    if not found:
        return None
    return names.get(found[0], found[0])


def _suggestion(guess: str | None) -> str:
    return f" (did you mean {guess!r}?)" if guess else ""
