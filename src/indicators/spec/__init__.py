"""The spec stage: read YAML safely and validate it into typed models."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._load import load_spec, load_spec_text, spec_from_document
from ._model import Fact, Source, Spec
from ._period import Period


if TYPE_CHECKING:
    from ._write import dump_spec, write_spec


__all__ = [
    "Fact",
    "Period",
    "Source",
    "Spec",
    "dump_spec",
    "load_spec",
    "load_spec_text",
    "spec_from_document",
    "write_spec",
]

# The writer needs ruamel.yaml, which reading and evaluating never do, so it
# is imported on first use.
_WRITER = frozenset(["dump_spec", "write_spec"])


def __getattr__(name: str) -> Any:
    if name in _WRITER:
        from . import _write

        return getattr(_write, name)
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)
