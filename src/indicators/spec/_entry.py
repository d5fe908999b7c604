"""What every entry of a spec is built from: ids, numbers as printed, the base model.

Ids and printed numbers are checked here once, so that facts, indicators
and checks share one rule for each.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Any, ClassVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    StrictStr,
)

from .._numbers import decimals_written, refuse_text_number


_ID_PATTERN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def check_id(text: str) -> str:
    """Return ``text`` if it is a valid id, else raise `ValueError` saying why."""
    if not _ID_PATTERN.fullmatch(text) or text.startswith("__") or len(text) > 128:
        msg = (
            f"an id must be a letter or underscore followed by letters, digits "
            f"or underscores, at most 128 long and not starting with '__', got {text!r}"
        )
        raise ValueError(msg)
    return text


def refuse_non_number(value: Any) -> Any:
    if isinstance(value, bool):
        msg = f"a number is expected, got the truth value {value!r}"
        raise ValueError(msg)
    if isinstance(value, str):
        msg = (
            f"a number is expected, got the text {value!r}: {refuse_text_number(value)}"
        )
        raise ValueError(msg)
    if isinstance(value, float):
        msg = f"a number is expected as written in the spec, got the float {value!r}"
        raise ValueError(msg)
    if isinstance(value, int):
        return Decimal(value)
    if not isinstance(value, Decimal):
        noun = type(value).__name__
        msg = f"a plain number such as 392805 or 6.5 is expected, got a {noun}"
        raise ValueError(msg)
    return value


#: The largest power of ten a written figure may have, either way.
MAX_MAGNITUDE = 30


def require_printable(value: Decimal) -> Decimal:
    """Return ``value`` if a report could print it: finite, within 10^±30.

    Raises:
        ValueError: Saying what is wrong with the number and what to check.
    """
    if not value.is_finite():
        msg = f"a finite number such as 392805 or 6.5 is expected, got {value}"
        raise ValueError(msg)
    if value and not -MAX_MAGNITUDE <= value.adjusted() <= MAX_MAGNITUDE:
        msg = (
            f"the number {value} is beyond 10^{MAX_MAGNITUDE} or below "
            f"10^-{MAX_MAGNITUDE}; a printed figure is never that large or that "
            "precise, so check the exponent"
        )
        raise ValueError(msg)
    if decimals_written(value) > MAX_MAGNITUDE:
        msg = f"the number {value} has more than {MAX_MAGNITUDE} decimal places"
        raise ValueError(msg)
    return value


#: An id of a fact, indicator, check or source.
Id = Annotated[StrictStr, AfterValidator(check_id)]


#: A number exactly as written in the spec (ints become whole Decimals).
WrittenNumber = Annotated[
    Decimal,
    BeforeValidator(refuse_non_number),
    AfterValidator(require_printable),
]


class Entry(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        arbitrary_types_allowed=True,
        populate_by_name=True,
    )

    #: Fields the graph stage fills in from another field the spec wrote,
    #: each with that field: a base by position becomes ``from``, a
    #: dimension becomes the list of ``parts``. A resolved entry is
    #: written back as the spec wrote it, without the filled-in field.
    filled_from: ClassVar[dict[str, str]] = {}
