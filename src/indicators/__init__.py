"""indicators: a declarative engine for the figures of statistical reports.

A spec declares the facts a report prints, the indicators derived from them
and the checks a careful reader makes. `load_spec` reads and validates one;
`evaluate` computes every indicator exactly and returns `Results`, which hold
the values, the findings and the lineage of every figure down to its
source documents::

    from indicators import evaluate, load_spec

    results = evaluate(load_spec("specs/tajikistan-msr-2024h1.yaml"))
    for finding in results.findings:
        print(finding.id, finding.status, finding.message)
"""

from __future__ import annotations

import importlib as _importlib
import typing as _typing


if _typing.TYPE_CHECKING:
    from .evaluation import (
        Bound,
        Bounds,
        Finding,
        Result,
        Results,
        Status,
        Undetermined,
        evaluate,
    )
    from .exceptions import (
        CyclicDependencyError,
        DuplicateIdError,
        FactUpdateError,
        FormulaError,
        IndicatorError,
        Location,
        MemberIdError,
        RateError,
        SpecError,
        SpecErrorGroup,
        SpecSyntaxError,
        UnitMismatchError,
        UnknownIdError,
        UnknownReferenceError,
        UnknownSourceError,
    )
    from .provenance import Citation, Explanation
    from .spec import Period, Spec, dump_spec, load_spec, load_spec_text, write_spec

# Each public name is imported from its subpackage when first used, so that
# `indicators --help`, or a program that needs only the exceptions, does not
# pay for pydantic, networkx and the models at start-up.
_HOMES = {
    "Bound": "evaluation",
    "Bounds": "evaluation",
    "Citation": "provenance",
    "CyclicDependencyError": "exceptions",
    "DuplicateIdError": "exceptions",
    "FactUpdateError": "exceptions",
    "Explanation": "provenance",
    "Finding": "evaluation",
    "FormulaError": "exceptions",
    "IndicatorError": "exceptions",
    "Location": "exceptions",
    "MemberIdError": "exceptions",
    "Period": "spec",
    "RateError": "exceptions",
    "Result": "evaluation",
    "Results": "evaluation",
    "Spec": "spec",
    "SpecError": "exceptions",
    "SpecErrorGroup": "exceptions",
    "SpecSyntaxError": "exceptions",
    "Status": "evaluation",
    "Undetermined": "evaluation",
    "UnitMismatchError": "exceptions",
    "UnknownIdError": "exceptions",
    "UnknownReferenceError": "exceptions",
    "UnknownSourceError": "exceptions",
    "dump_spec": "spec",
    "evaluate": "evaluation",
    "load_spec": "spec",
    "load_spec_text": "spec",
    "write_spec": "spec",
}


def __getattr__(name: str) -> object:
    """Import a public name from its subpackage on first use.

    Raises:
        AttributeError: If ``name`` is not a public name of the package.
    """
    home = _HOMES.get(name)
    if home is None:
        msg = f"module 'indicators' has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(_importlib.import_module(f".{home}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """List the loaded names and the public ones not yet imported."""
    return sorted({*globals(), *_HOMES})


__all__ = [
    "Bound",
    "Bounds",
    "Citation",
    "CyclicDependencyError",
    "DuplicateIdError",
    "Explanation",
    "FactUpdateError",
    "Finding",
    "FormulaError",
    "IndicatorError",
    "Location",
    "MemberIdError",
    "Period",
    "RateError",
    "Result",
    "Results",
    "Spec",
    "SpecError",
    "SpecErrorGroup",
    "SpecSyntaxError",
    "Status",
    "Undetermined",
    "UnitMismatchError",
    "UnknownIdError",
    "UnknownReferenceError",
    "UnknownSourceError",
    "dump_spec",
    "evaluate",
    "load_spec",
    "load_spec_text",
    "write_spec",
]
