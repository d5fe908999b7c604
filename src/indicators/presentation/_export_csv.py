"""The CSV export: one row per indicator, and one row per finding.

A spreadsheet holds one table per file, so the export writes two: the
indicators to ``FILE`` and the findings to ``FILE`` with ``-findings`` put
before the extension (``audit.csv`` and ``audit-findings.csv``). Written to
standard output, the two tables follow each other, separated by one empty
line. ``value`` is a decimal, exact when it terminates and otherwise rounded
at 20 places; ``value_exact`` is always exact (``p/q`` when the decimal never
ends), as are the other number columns.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .._numbers import Number
from ._exact import decimal_text, exact_text
from ._rows import indicator_rows


if TYPE_CHECKING:
    from pandas import DataFrame

    from ..evaluation import Results

__all__ = [
    "FINDING_COLUMNS",
    "INDICATOR_COLUMNS",
    "dataframe",
    "findings_csv",
    "findings_path",
    "indicators_csv",
]

#: The columns of the indicators table, in order.
INDICATOR_COLUMNS = (
    "id",
    "label",
    "kind",
    "value",
    "value_exact",
    "rounded",
    "unit",
    "period",
    "reported",
    "difference",
    "status",
    "message",
)

#: The columns of the findings table, in order.
FINDING_COLUMNS = (
    "id",
    "subject",
    "kind",
    "status",
    "severity",
    "computed",
    "stated",
    "difference",
    "unit",
    "message",
)


def indicators_csv(results: Results) -> str:
    """Return the indicators table as CSV text, with a header row."""
    records = _indicator_records(results, _decimal, _exact)
    return _table(INDICATOR_COLUMNS, records)


def findings_csv(results: Results) -> str:
    """Return the findings table as CSV text, with a header row."""
    records = [
        [
            finding.id,
            finding.subject,
            finding.kind,
            finding.status.value,
            finding.severity.value,
            _exact(finding.computed),
            _exact(finding.stated),
            _exact(finding.difference),
            finding.unit,
            finding.message,
        ]
        for finding in results.findings
    ]
    return _table(FINDING_COLUMNS, records)


def findings_path(path: Path) -> Path:
    """Return where the findings go when the indicators go to ``path``."""
    return path.with_name(f"{path.stem}-findings{path.suffix or '.csv'}")


def dataframe(results: Results) -> DataFrame:
    """Return the indicators table as a pandas DataFrame indexed by id.

    Values stay exact Python numbers (``int`` or ``Fraction``) in object
    columns; nothing is turned into a float, so the CSV's ``value_exact``
    column is left out.

    Raises:
        ImportError: If pandas is not installed.
    """
    try:
        import pandas
    except ImportError as missing:
        msg = (
            "Results.to_dataframe needs pandas, which is not installed; install "
            "the optional extra with: pip install 'indicators[pandas]'"
        )
        raise ImportError(msg) from missing

    rows = [
        dict(zip(INDICATOR_COLUMNS, record, strict=True))
        for record in _indicator_records(results, _as_is, _as_is)
    ]
    frame = pandas.DataFrame(rows, columns=list(INDICATOR_COLUMNS), dtype=object)
    return frame.drop(columns="value_exact").set_index("id")


def _indicator_records(
    results: Results,
    decimal: Callable[[Number | None], object],
    shown: Callable[[Number | None], object],
) -> list[list[object]]:
    return [
        [
            row.id,
            row.label or "",
            row.kind,
            decimal(row.value),
            shown(row.value),
            shown(row.rounded),
            row.unit,
            row.period,
            shown(row.reported),
            shown(row.difference),
            row.status,
            row.message,
        ]
        for row in indicator_rows(results)
    ]


def _table(columns: tuple[str, ...], records: Sequence[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(records)
    return buffer.getvalue()


def _exact(value: Number | None) -> str:
    return "" if value is None else exact_text(value)


def _decimal(value: Number | None) -> str:
    return "" if value is None else decimal_text(value)


def _as_is(value: Number | None) -> Number | None:
    return value
