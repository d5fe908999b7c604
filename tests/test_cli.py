"""The ``indicators`` command: what it prints and how it exits."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from builders import fact, spec_text
from indicators import evaluate, load_spec
from indicators.presentation.cli import bundled_spec_path, cli


BUNDLED = Path(__file__).parents[1] / "specs" / "tajikistan-msr-2024h1.yaml"


@pytest.fixture(name="runner")
def _runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(name="bundled_results", scope="module")
def _bundled_results():
    return evaluate(load_spec(BUNDLED))


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "spec.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _indicators(main: str) -> list[str]:
    """Return the command line that runs the CLI in a fresh interpreter."""
    return [sys.executable, "-m", "indicators", *main.split()]


class TestRun:
    def test_without_a_spec_runs_the_bundled_report(self, runner: CliRunner) -> None:
        """`indicators run` with no argument tabulates every indicator of the bundled spec."""
        outcome = runner.invoke(cli, ["run"])

        assert outcome.exit_code == 0
        assert "emigrants_change_pct" in outcome.output
        assert "Tajikistan" in outcome.output

    def test_the_bundled_spec_is_shipped_in_the_package(self) -> None:
        """The packaged copy of the report spec is the one in `specs/`."""
        assert bundled_spec_path().read_text() == BUNDLED.read_text()

    def test_json_lists_every_indicator_with_its_facts_and_sources(
        self, runner: CliRunner, bundled_results
    ) -> None:
        """`run --format json` gives each indicator's (or member's) value and lineage."""
        outcome = runner.invoke(cli, ["run", str(BUNDLED), "--format", "json"])
        document = json.loads(outcome.output)

        assert document["spec"] == bundled_results.spec.spec
        ids = [entry["id"] for entry in document["results"]]
        assert ids == [
            result_id
            for indicator_id in bundled_results.spec.indicators
            for result_id in bundled_results.members(indicator_id) or (indicator_id,)
        ]
        change = next(
            e for e in document["results"] if e["id"] == "emigrants_change_pct"
        )
        assert change["value"] == pytest.approx(
            float(bundled_results.value("emigrants_change_pct"))
        )
        assert change["status"] == "ok"
        assert set(change["facts"]) == bundled_results.facts_of("emigrants_change_pct")
        assert set(change["sources"]) == bundled_results.sources_of(
            "emigrants_change_pct"
        )

    def test_an_undetermined_value_is_null_with_the_reason(
        self, runner: CliRunner, tmp_path: Path
    ) -> None:
        """A value that cannot be computed is null in JSON, with the reason in message."""
        path = _write(
            tmp_path,
            spec_text(
                {"a": fact(1), "zero": fact(0)},
                {"r": {"ratio": {"numerator": "a", "denominator": "zero"}}},
            ),
        )

        document = json.loads(
            runner.invoke(cli, ["run", str(path), "--format", "json"]).output
        )

        assert document["results"][0]["value"] is None
        assert document["results"][0]["status"] == "undetermined"
        assert "zero" in document["results"][0]["message"]


class TestCheck:
    def test_exits_1_when_an_error_finding_fails(self, runner: CliRunner) -> None:
        """The bundled report has figures that do not add up, so check exits 1."""
        outcome = runner.invoke(cli, ["check", str(BUNDLED)])

        assert outcome.exit_code == 1
        assert "emigrants_2024_sex_sum" in outcome.output

    def test_exits_0_when_every_finding_passes(
        self, runner: CliRunner, tmp_path: Path
    ) -> None:
        """A spec whose parts add up passes its check and exits 0."""
        path = _write(
            tmp_path,
            spec_text(
                {"total": fact(3), "a": fact(1), "b": fact(2)},
                checks={"c": {"parts_sum_to": {"total": "total", "parts": ["a", "b"]}}},
            ),
        )

        assert runner.invoke(cli, ["check", str(path)]).exit_code == 0

    def test_json_gives_each_finding_and_a_summary_matching_the_engine(
        self, runner: CliRunner, bundled_results
    ) -> None:
        """`check --format json` lists every finding with the engine's statuses and counts."""
        outcome = runner.invoke(cli, ["check", str(BUNDLED), "--format", "json"])
        document = json.loads(outcome.output)

        statuses = {f["id"]: f["status"] for f in document["findings"]}
        assert statuses == {f.id: f.status.value for f in bundled_results.findings}
        assert document["summary"] == bundled_results.summary()
        sex = next(
            f for f in document["findings"] if f["id"] == "emigrants_2024_sex_sum"
        )
        assert (sex["computed"], sex["stated"], sex["difference"]) == (
            392905,
            392805,
            100,
        )


class TestExplain:
    def test_shows_the_operation_with_numbers_and_each_source(
        self, runner: CliRunner
    ) -> None:
        """Explain writes the operation with its inputs and cites each fact's source."""
        outcome = runner.invoke(cli, ["explain", str(BUNDLED), "emigrants_change_pct"])

        assert outcome.exit_code == 0
        assert (
            "= (392,805 person − 467,247 person) / 467,247 person × 100"
            in outcome.output
        )
        assert "there were 392,805 emigrants registered" in outcome.output
        assert "MoLMEP" in outcome.output

    def test_an_unknown_id_is_one_message_and_exit_2(self, tmp_path: Path) -> None:
        """Asking to explain an id that does not exist names the closest id and exits 2."""
        completed = subprocess.run(
            _indicators(f"explain {BUNDLED} emigrants_change_pc"),
            capture_output=True,
            text=True,
            check=False,
        )

        assert completed.returncode == 2
        assert "Did you mean 'emigrants_change_pct'?" in completed.stderr
        assert "Traceback" not in completed.stderr


class TestUnusableSpec:
    def test_a_spec_error_is_one_message_without_traceback_and_exit_2(
        self, tmp_path: Path
    ) -> None:
        """A broken spec prints its located message alone and exits 2."""
        path = _write(tmp_path, spec_text({"a": fact(1, "persn")}))

        completed = subprocess.run(
            _indicators(f"check {path}"), capture_output=True, text=True, check=False
        )

        assert completed.returncode == 2
        assert completed.stdout == ""
        assert completed.stderr.startswith(f"{path}:")
        assert "facts.a.unit" in completed.stderr
        assert "Traceback" not in completed.stderr

    def test_a_missing_file_is_a_usage_error(self, runner: CliRunner) -> None:
        """A spec path that does not exist is refused with exit 2."""
        outcome = runner.invoke(cli, ["check", "no-such-spec.yaml"])

        assert outcome.exit_code == 2
        assert "does not exist" in outcome.output


class TestExplainCheck:
    def test_a_check_is_explained_by_adding_up_its_parts(
        self, runner: CliRunner
    ) -> None:
        """Explaining a check shows its parts added up and its outcome."""
        outcome = runner.invoke(
            cli, ["explain", str(BUNDLED), "emigrants_2024_sex_sum", "--depth", "0"]
        )

        assert outcome.exit_code == 0
        assert "314,052 person + 78,853 person = 392,905 person" in outcome.output
        assert "printed total is 392,805" in outcome.output


class TestBoundsOutput:
    """Bounds of approximate results in the JSON documents and the tables."""

    @staticmethod
    def _spec(tmp_path: Path, reported: int) -> Path:
        return _write(
            tmp_path,
            spec_text(
                {
                    "total": fact(8827250, "USD"),
                    "count": fact(
                        22, "transaction", scale="thousand", qualifier="more_than"
                    ),
                },
                {
                    "avg": {
                        "ratio": {"numerator": "total", "denominator": "count"},
                        "reported": reported,
                    }
                },
            ),
        )

    def test_run_json_gives_open_bounds(
        self, runner: CliRunner, tmp_path: Path
    ) -> None:
        """A ratio over "more than 22,000" is in (0, 401.24) with both ends excluded."""
        path = self._spec(tmp_path, 400)

        document = json.loads(
            runner.invoke(cli, ["run", str(path), "--format", "json"]).output
        )
        bounds = document["results"][0]["bounds"]

        assert (bounds["low"], bounds["low_included"], bounds["high_included"]) == (
            0,
            False,
            False,
        )
        assert bounds["high"] == pytest.approx(8827250 / 22000)

    def test_check_json_gives_the_finding_bounds(
        self, runner: CliRunner, tmp_path: Path
    ) -> None:
        """A printed 402 lies outside (0, 401.24), so the check fails with the bounds."""
        path = self._spec(tmp_path, 402)

        outcome = runner.invoke(cli, ["check", str(path), "--format", "json"])
        finding = json.loads(outcome.output)["findings"][0]

        assert (
            outcome.exit_code,
            finding["status"],
            finding["bounds"]["qualifier"],
        ) == (
            1,
            "fail",
            "range",
        )

    def test_table_shows_the_bounds_in_words(
        self, runner: CliRunner, tmp_path: Path
    ) -> None:
        """The results table has the bound and its qualifier in words."""
        path = self._spec(tmp_path, 400)

        outcome = runner.invoke(cli, ["run", str(path)], terminal_width=250)

        assert "less than ≈401.2386" in outcome.output


class TestResultsTablePlaces:
    def test_values_and_printed_figures_keep_their_places(
        self, runner: CliRunner, tmp_path: Path
    ) -> None:
        """A difference of -1 declared at one place shows as -1.0, and 57.30 as printed."""
        facts = {"a": fact(4, unit="USD"), "b": fact(3, unit="USD"), "c": fact(7)}
        indicators = {
            "gap": {"difference": ["b", "a"], "decimals": 1, "unit": "USD"},
            "share": {
                "share": {"part": "b", "whole": "a"},
                "reported": {"value": Decimal("75.00"), "decimals": 2},
            },
        }
        path = tmp_path / "places.yaml"
        path.write_text(spec_text(facts, indicators), encoding="utf-8")

        outcome = runner.invoke(cli, ["run", str(path)], terminal_width=250)

        assert "-1.0" in outcome.output
        assert "75.00" in outcome.output


class TestLineageQuestions:
    def test_up_and_down_together_are_a_usage_error(self, runner: CliRunner) -> None:
        """Asking --up and --down at once is refused rather than answering one."""
        outcome = runner.invoke(
            cli, ["lineage", str(BUNDLED), "emigrants_2024", "--up", "--down"]
        )

        assert outcome.exit_code == 2
        assert "not both" in outcome.output
