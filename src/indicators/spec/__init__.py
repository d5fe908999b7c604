"""The spec stage: read YAML safely and validate it into typed models."""

from __future__ import annotations

from ._dimensions import Dimension
from ._load import load_spec, load_spec_text, spec_from_document
from ._model import Fact, Source, Spec
from ._period import Period


__all__ = [
    "Dimension",
    "Fact",
    "Period",
    "Source",
    "Spec",
    "load_spec",
    "load_spec_text",
    "spec_from_document",
]
