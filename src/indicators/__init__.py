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


__all__ = [
    "Bound",
    "Bounds",
    "Citation",
    "CyclicDependencyError",
    "DuplicateIdError",
    "Explanation",
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

