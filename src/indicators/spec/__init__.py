"""The spec stage: read YAML safely and validate it into typed models."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._dimensions import Dimension
from ._load import load_spec, load_spec_text, spec_from_document
from ._model import Fact, Source, Spec
from ._period import Period


if TYPE_CHECKING:
    from ._write import dump_spec, write_spec


__all__ = [
    "Dimension",
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


def __getattr__(name: str) -> object:
    """Import the writer on first use: reading a spec never needs ruamel.yaml.

    Raises:
        AttributeError: If ``name`` is not a public name of the package.
    """
    if name not in ("dump_spec", "write_spec"):
        msg = f"module 'indicators.spec' has no attribute {name!r}"
        raise AttributeError(msg)
    from . import _write

    return getattr(_write, name)
