"""The ``indicators`` command: run, explain, check, trace, export and report.

The CLI owns exit codes. A spec that cannot be loaded prints its one clear
message, without a traceback, and exits 2; ``check`` exits 1 when a finding
of error severity fails and 0 otherwise. Heavy libraries (prov, jinja2)
are imported inside the commands that need them, so ``indicators --help``
stays fast.
"""

from __future__ import annotations

import gc
import json
import os
import sys
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..exceptions import IndicatorError


if TYPE_CHECKING:
    from rich.console import Console

    from ..evaluation import Results

__all__ = ["BUNDLED_SPEC", "cli", "main"]

#: The spec of the IOM Tajikistan migration situation report, January–June 2024.
BUNDLED_SPEC = "tajikistan-msr-2024h1.yaml"

#: Exit status when a spec cannot be loaded or the command line is wrong.
EXIT_UNUSABLE = 2

_FORMATS = click.Choice(["table", "json"])
_SPEC = click.Path(exists=True, dir_okay=False, path_type=Path)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="indicators")
def cli() -> None:
    """Recompute, explain, check and format the figures of a statistical report."""


@cli.command()
@click.argument("spec", type=_SPEC, required=False)
@click.option("--format", "output", type=_FORMATS, default="table", show_default=True)
def run(spec: Path | None, output: str) -> None:
    """Compute every indicator of SPEC (the bundled report spec by default)."""
    from . import _json, _render

    results = _evaluate(spec or bundled_spec_path())
    if output == "json":
        _print_json(_json.run_document(results))
        return
    console = _console()
    console.print(_render.results_table(results))
    console.print(_render.summary_line(results))


@cli.command()
@click.argument("spec", type=_SPEC)
@click.argument("entry_id", metavar="ID")
@click.option(
    "--depth",
    type=click.IntRange(min=0),
    default=None,
    help="Show at most this many levels below ID.",
)
@click.option(
    "--format",
    "output",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
)
def explain(spec: Path, entry_id: str, depth: int | None, output: str) -> None:
    """Show how the figure ID of SPEC is derived, down to its sources."""
    from . import _render

    explanation = _evaluate(spec).explain(entry_id, depth)
    if output == "json":
        _print_json(explanation.to_dict())
        return
    _console().print(_render.explanation_tree(explanation))


@cli.command()
@click.argument("spec", type=_SPEC)
@click.option("--format", "output", type=_FORMATS, default="table", show_default=True)
def check(spec: Path, output: str) -> None:
    """Compare every printed figure and breakdown of SPEC with its inputs.

    Exits 1 when a finding of error severity fails.
    """
    from . import _json, _render

    results = _evaluate(spec)
    if output == "json":
        _print_json(_json.check_document(results))
    else:
        console = _console()
        console.print(_render.findings_table(results))
        console.print(_render.summary_line(results))
    if not results.ok:
        sys.exit(1)


@cli.command()
@click.argument("spec", type=_SPEC)
@click.argument("entry_id", metavar="[ID]", required=False)
@click.option(
    "--up", is_flag=True, help="What ID rests on, down to its facts and sources."
)
@click.option(
    "--down", is_flag=True, help="What rests on ID: the impact of correcting it."
)
@click.option(
    "--to", "target", metavar="ID2", help="The chain of dependencies from ID to ID2."
)
@click.option(
    "--source",
    "source_id",
    metavar="SOURCE",
    help="What rests on a source document, and what would be left "
    "with no source if it were withdrawn.",
)
@click.option(
    "--format",
    "output",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
)
def lineage(
    spec: Path,
    entry_id: str | None,
    up: bool,
    down: bool,
    target: str | None,
    source_id: str | None,
    output: str,
) -> None:
    """Show what the figure ID of SPEC rests on, or what rests on it.

    Give ID with --up or --down, ID with --to ID2, or --source SOURCE alone.
    Exits 1 when --to finds no chain.
    """
    from . import _lineage

    if up and down:
        msg = "give --up or --down, not both: ask one lineage question at a time"
        raise click.UsageError(msg)
    direction = "up" if up else "down" if down else None
    _require_one_question(entry_id, direction, target, source_id)
    results = _evaluate(spec)
    if source_id is not None:
        document = _lineage.source_document(results, source_id)
        lines = _lineage.source_lines(results, source_id)
    elif target is not None:
        assert entry_id is not None
        document = _lineage.path_document(results, entry_id, target)
        lines = _lineage.path_lines(results, entry_id, target)
    else:
        assert entry_id is not None and direction is not None
        document = _lineage.lineage_document(results, entry_id, direction)
        lines = _lineage.lineage_lines(results, entry_id, direction)
    if output == "json":
        _print_json(document)
    else:
        click.echo("\n".join(lines))
    if target is not None and document["path"] is None:
        sys.exit(1)


@cli.command()
@click.argument("spec", type=_SPEC)
@click.option(
    "--format",
    "output",
    required=True,
    type=click.Choice(["json", "csv", "prov-json", "mermaid", "dot"]),
    help="json: results, findings and provenance (versioned schema); "
    "csv: indicators, and findings in FILE-findings.csv; "
    "prov-json: W3C PROV; mermaid, dot: the dependency graph.",
)
@click.option(
    "-o",
    "--output",
    "target",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to FILE instead of standard output.",
)
def export(spec: Path, output: str, target: Path | None) -> None:
    """Export the results of SPEC for other tools."""
    results = _evaluate(spec)
    if output == "csv":
        _export_csv(results, target)
        return
    _write(_export_text(results, output), target)


@cli.command()
@click.argument("spec", type=_SPEC)
@click.option(
    "-o",
    "--output",
    "target",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The HTML file to write, such as audit.html.",
)
def report(spec: Path, target: Path) -> None:
    """Write a self-contained HTML audit report of SPEC to a file."""
    from ._report_html import audit_report

    _write(audit_report(_evaluate(spec)), target)
    click.echo(f"wrote {target}", err=True)


@cli.command()
@click.argument("spec", type=_SPEC)
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="Write nothing; exit 1 when SPEC is not written as fmt writes it.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the spec to this file instead of standard output.",
)
@click.option("--in-place", is_flag=True, help="Rewrite SPEC itself.")
def fmt(spec: Path, check_only: bool, output: Path | None, in_place: bool) -> None:
    """Write SPEC back out in the engine's form, keeping comments and key order.

    The text written reads back to an equal spec, number for number; it is
    checked before anything is written.
    """
    from ..spec import load_spec
    from ..spec._write import verified_dump

    if output is not None and in_place:
        msg = "Give either -o/--output or --in-place, not both."
        raise click.UsageError(msg)
    if check_only and (output is not None or in_place):
        msg = (
            "--check writes nothing; drop -o/--output and --in-place, or drop --check."
        )
        raise click.UsageError(msg)

    text = verified_dump(load_spec(spec))
    if check_only:
        if spec.read_text(encoding="utf-8-sig") != text:
            click.echo(f"{spec}: not written as fmt writes it", err=True)
            sys.exit(1)
        return
    target = spec if in_place else output
    if target is None:
        click.echo(text, nl=False)
        return
    _write_text(target, text)


def _write_text(target: Path, text: str) -> None:
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as error:
        raise click.FileError(str(target), error.strerror or str(error)) from error


def bundled_spec_path() -> Path:
    """Return the path of the bundled report spec shipped with the package."""
    return Path(str(resources.files("indicators") / "specs" / BUNDLED_SPEC))


def main() -> None:
    """Run the CLI, turning every `IndicatorError` into one message and exit 2."""
    # One run is a short process: the modules it imports and the spec it
    # reads hold no cycles worth collecting, and collector passes over them
    # took a tenth of the time of `indicators check` on the bundled spec.
    # The collector is restored for callers that run `main` in-process.
    collecting = gc.isenabled()
    gc.disable()
    try:
        _run()
    finally:
        if collecting:
            gc.enable()


def _run() -> None:
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except click.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(1)
    except IndicatorError as error:
        click.echo(str(error), err=True)
        sys.exit(EXIT_UNUSABLE)


def _evaluate(path: Path) -> Results:
    from ..evaluation import evaluate
    from ..spec import load_spec

    return evaluate(load_spec(path))


def _require_one_question(
    entry_id: str | None,
    direction: str | None,
    target: str | None,
    source_id: str | None,
) -> None:
    if source_id is not None:
        if entry_id is not None or direction or target:
            msg = "--source SOURCE takes no ID, --up, --down or --to"
            raise click.UsageError(msg)
        return
    if entry_id is None:
        msg = "give an ID with --up, --down or --to ID2, or --source SOURCE"
        raise click.UsageError(msg)
    if (direction is None) == (target is None):
        msg = "give exactly one of --up, --down and --to ID2"
        raise click.UsageError(msg)


def _export_text(results: Results, output: str) -> str:
    if output == "json":
        return results.to_json() + "\n"
    if output == "prov-json":
        from ._export_prov import prov_json

        return prov_json(results) + "\n"
    from ._export_graph import dot_text, mermaid_text

    return mermaid_text(results) if output == "mermaid" else dot_text(results)


def _export_csv(results: Results, target: Path | None) -> None:
    from ._export_csv import findings_csv, findings_path, indicators_csv

    if target is None:
        click.echo(indicators_csv(results) + "\n" + findings_csv(results), nl=False)
        return
    _write(indicators_csv(results), target)
    _write(findings_csv(results), findings_path(target))


def _write(text: str, target: Path | None) -> None:
    if target is None:
        click.echo(text, nl=False)
        return
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as error:
        msg = f"cannot write {str(target)!r}: {error.strerror}"
        raise click.BadParameter(msg, param_hint="'-o' / '--output'") from error


def _print_json(document: Any) -> None:
    click.echo(json.dumps(document, indent=2, ensure_ascii=False))


def _console() -> Console:
    from rich.console import Console

    width = None if sys.stdout.isatty() or "COLUMNS" in os.environ else 160
    return Console(width=width, highlight=False)
