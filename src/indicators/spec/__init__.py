"""The spec stage: read YAML safely and validate it into typed models."""

from __future__ import annotations

from ._dimensions import Dimension
from ._load import load_spec, load_spec_text, spec_from_document
from ._model import Fact, Source, Spec
from ._period import Period
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
