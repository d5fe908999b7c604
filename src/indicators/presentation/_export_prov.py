"""The W3C PROV export: every figure, every evaluation, every source document.

One run of the engine becomes one PROV bundle. Each fact, indicator result
and check is an entity carrying its value and unit; each evaluation of an
indicator or check is an activity that used its inputs and generated its
result; each result was derived from its inputs; each fact had the source
document it was printed in as its primary source.

Exact values go out as typed literals, never floats. ``prov:value`` is an
``xsd:decimal``: the exact value when its decimal expansion terminates,
otherwise the value rounded half away from zero at 20 places. In both cases
``ind:valueExact`` holds the exact value as text (``p/q`` when the decimal
never ends) and ``ind:valueIsExact`` says whether ``prov:value`` is exact.
A printed value is ``ind:reported``, with ``ind:reportedExact`` and
``ind:reportedIsExact`` beside it in the same way.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from prov.constants import (
    PROV_ATTR_GENERATED_ENTITY,
    PROV_ATTR_USED_ENTITY,
    PROV_LABEL,
    PROV_TYPE,
    PROV_VALUE,
    XSD_DECIMAL,
)
from prov.model import Literal, Namespace, ProvBundle, ProvDerivation, ProvDocument

from .._numbers import Number
from ._exact import decimal_text, exact_text, terminates
from ._rows import reported_findings


if TYPE_CHECKING:
    from ..evaluation import Results

__all__ = ["NAMESPACE", "derivation_edges", "prov_document", "prov_json"]

#: The namespace of the engine's own PROV types and attributes (prefix ``ind``).
NAMESPACE = "urn:indicators:"

IND = Namespace("ind", NAMESPACE)


def prov_json(results: Results, run_id: str | None = None) -> str:
    """Return the PROV document of ``results`` serialized as PROV-JSON."""
    buffer = io.StringIO()
    prov_document(results, run_id).serialize(buffer, format="json", indent=2)
    return buffer.getvalue()


def prov_document(results: Results, run_id: str | None = None) -> ProvDocument:
    """Return the provenance of one evaluation of a spec as a PROV document.

    Args:
        results: The evaluated spec.
        run_id: Names the run's bundle; a UTC timestamp when ``None``.
    """
    document = ProvDocument()
    document.add_namespace(IND)
    prefix = f"urn:indicators:spec:{results.spec.spec}:"
    document.add_namespace("src", prefix + "source:")
    document.add_namespace("fig", prefix + "figure:")
    document.add_namespace("run", prefix + "evaluation:")

    run = run_id or datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    bundle = document.bundle(f"run:{run}")
    _sources(bundle, results)
    _facts(bundle, results)
    _evaluations(bundle, results)
    return document


def derivation_edges(document: ProvDocument) -> set[tuple[str, str]]:
    """Return every ``wasDerivedFrom`` as an (input id, derived id) pair.

    Primary sources are left out: they link facts to documents, not
    figures to figures. These pairs are the edges of the engine's
    dependency graph, which is what the tests compare them with.
    """
    edges: set[tuple[str, str]] = set()
    for bundle in document.bundles:
        for record in bundle.get_records(ProvDerivation):
            if record.get_asserted_types():
                continue
            attributes = dict(record.formal_attributes)
            derived = attributes[PROV_ATTR_GENERATED_ENTITY]
            used = attributes[PROV_ATTR_USED_ENTITY]
            edges.add((used.localpart, derived.localpart))
    return edges


def _sources(bundle: ProvBundle, results: Results) -> None:
    for source_id, source in results.spec.sources.items():
        attributes: dict[Any, Any] = {
            PROV_TYPE: IND["SourceDocument"],
            PROV_LABEL: source.title,
            IND["publisher"]: source.publisher,
            IND["published"]: str(source.published),
        }
        if source.url:
            attributes[IND["url"]] = source.url
        bundle.entity(f"src:{source_id}", attributes)


def _facts(bundle: ProvBundle, results: Results) -> None:
    for fact_id, fact in results.spec.facts.items():
        attributes = {
            PROV_TYPE: IND["Fact"],
            PROV_LABEL: fact_id,
            IND["unit"]: results.unit_of(fact_id),
            IND["printed"]: fact.printed,
            IND["qualifier"]: fact.qualifier.value,
            IND["period"]: str(fact.period),
            IND["area"]: fact.area,
            IND["locator"]: fact.locator,
            **_value(results.value(fact_id)),
        }
        if fact.breakdown:
            # One attribute, since a dimension name need not be a valid QName.
            attributes[IND["breakdown"]] = ", ".join(
                f"{dimension}={member}" for dimension, member in fact.breakdown.items()
            )
        if fact.quote:
            attributes[IND["quote"]] = fact.quote
        entity = bundle.entity(f"fig:{fact_id}", attributes)
        bundle.hadPrimarySource(entity, f"src:{fact.source}")


def _evaluations(bundle: ProvBundle, results: Results) -> None:
    findings = reported_findings(results)
    for indicator_id in results.plan.order:
        result = results[indicator_id]
        attributes = {
            PROV_TYPE: IND["Indicator"],
            PROV_LABEL: result.label or indicator_id,
            IND["kind"]: result.kind,
            IND["unit"]: result.unit,
            IND["formula"]: result.formula,
            IND["calculation"]: results.describe(indicator_id),
            IND["status"]: result.status,
            **_value(result.value),
        }
        if result.message:
            attributes[IND["message"]] = result.message
        finding = findings.get(indicator_id)
        if finding is not None:
            attributes[IND["findingStatus"]] = finding.status.value
            attributes.update(_value(finding.stated, "reported"))
        _evaluation(bundle, results, indicator_id, attributes)

    for finding in results.findings:
        if finding.kind in ("reported", "overlap"):
            continue
        attributes = {
            PROV_TYPE: IND["Check"],
            PROV_LABEL: results.spec.checks[finding.id].label or finding.id,
            IND["kind"]: finding.kind,
            IND["severity"]: finding.severity.value,
            IND["findingStatus"]: finding.status.value,
            IND["message"]: finding.message,
            **_overlap(results, finding.id),
        }
        _evaluation(bundle, results, finding.id, attributes)


def _overlap(results: Results, check_id: str) -> dict[Any, Any]:
    """Return the overlap finding of a check as attributes of the check."""
    for finding in results.findings:
        if finding.kind == "overlap" and results.check_of(finding.id) == check_id:
            return {IND["overlap"]: finding.message}
    return {}


def _evaluation(
    bundle: ProvBundle, results: Results, entry_id: str, attributes: dict[Any, Any]
) -> None:
    entity = bundle.entity(f"fig:{entry_id}", attributes)
    activity = bundle.activity(
        f"run:evaluate_{entry_id}", other_attributes={PROV_TYPE: IND["Evaluation"]}
    )
    bundle.wasGeneratedBy(entity, activity)
    for input_id in results.provenance.inputs(entry_id):
        bundle.used(activity, f"fig:{input_id}")
        bundle.wasDerivedFrom(entity, f"fig:{input_id}", activity)


def _value(value: Number | None, name: str = "value") -> dict[Any, Any]:
    if value is None:
        return {}
    key = PROV_VALUE if name == "value" else IND[name]
    return {
        key: Literal(decimal_text(value), datatype=XSD_DECIMAL),
        IND[f"{name}Exact"]: exact_text(value),
        IND[f"{name}IsExact"]: terminates(value),
    }
