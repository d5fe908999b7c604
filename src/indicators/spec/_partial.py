"""Problems in the readable parts of a fact that has other problems.

A fact with a malformed period cannot become a model, yet its unknown unit
or its misspelt source is an independent mistake that the author should
see in the same run. This module checks those two fields of every fact
that failed validation, unless validation already reported them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Set
from typing import Any

from .._suggest import CloseNames
from ..exceptions import SpecError
from ..graph._references import unknown_reference
from ..graph._units import unit_catalogue
from ._model import Spec
from ._yaml import YamlDocument


__all__ = ["unreadable_fact_errors"]


def unreadable_fact_errors(
    document: YamlDocument,
    spec: Spec,
    unreadable: Set[str],
    reported: Set[str | None],
) -> list[SpecError]:
    """Return the unit and source errors of the facts that could not be read.

    Args:
        document: The spec's YAML document.
        spec: The spec read so far, for its sources.
        unreadable: The ids of entries that failed validation.
        reported: The key paths already reported, which are not repeated.
    """
    facts = document.data.get("facts") if isinstance(document.data, Mapping) else None
    if not isinstance(facts, Mapping):
        return []

    errors: list[SpecError] = []
    for fact_id, entry in facts.items():
        if fact_id in unreadable and isinstance(entry, Mapping):
            errors.extend(_fact_errors(document, spec, fact_id, entry, unreadable))
    return [error for error in errors if error.key not in reported]


def _fact_errors(
    document: YamlDocument,
    spec: Spec,
    fact_id: str,
    entry: Mapping[str, Any],
    unreadable: Set[str],
) -> Iterator[SpecError]:
    unit = entry.get("unit")
    if isinstance(unit, str):
        try:
            unit_catalogue().parse(unit)
        except SpecError as error:
            yield error.with_location(document.locate(("facts", fact_id, "unit")))

    source = entry.get("source")
    if (
        isinstance(source, str)
        and source not in spec.sources
        and source not in unreadable
    ):
        location = document.locate(("facts", fact_id, "source"))
        user = f"fact {fact_id!r}"
        yield unknown_reference(
            source, "source", CloseNames(spec.sources), location, user
        )
