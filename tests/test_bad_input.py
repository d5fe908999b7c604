"""Bad input gets one clear error naming where it is, what it is and the fix.

Each case is a small spec with one mistake people make (or one made to do
harm). The API tests assert the error class, the line and the key path; the
command-line tests assert that the same message, alone, reaches stderr with
exit status 2 and no traceback.
"""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from indicators import (
    DuplicateIdError,
    FormulaError,
    IndicatorError,
    Results,
    SpecError,
    SpecErrorGroup,
    SpecSyntaxError,
    UnknownReferenceError,
    evaluate,
    load_spec_text,
)
from indicators.presentation.cli import main


BASE = """\
spec: bad_input
title: Bad input
sources:
  report: {title: A report, publisher: An office, published: 2024-07}
facts:
  emigrants_2024h1:
    value: 392805
    unit: person
    period: 2024-H1
    area: TJ
    source: report
    locator: p. 1
  emigrants_2023h1:
    value: 467247
    unit: person
    period: 2023-H1
    area: TJ
    source: report
    locator: p. 1
indicators:
  emigrants_change:
    percent_change: {from: emigrants_2023h1, to: emigrants_2024h1}
checks:
  emigrants_parts:
    parts_within: {total: emigrants_2024h1, parts: [emigrants_2023h1]}
"""


def _with(old: str, new: str) -> str:
    """Return the base spec with the first ``old`` replaced by ``new``."""
    assert old in BASE, old
    return BASE.replace(old, new, 1)


def _line_of(text: str, needle: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


def _with_indicator(body: str) -> str:
    """Return the base spec with an indicator ``extra`` written as ``body``."""
    return BASE.replace("checks:\n", f"  extra:\n    {body}\nchecks:\n", 1)


@dataclass(frozen=True)
class Case:
    """A spec with one mistake and what the error must say about it."""

    name: str
    text: str
    error: type[SpecError]
    marker: str
    key: str
    match: str

    @property
    def line(self) -> int:
        return _line_of(self.text, self.marker)


CASES = [
    Case(
        "unknown_id",
        _with("from: emigrants_2023h1", "from: emigrants_2023"),
        UnknownReferenceError,
        "from: emigrants_2023,",
        "indicators.emigrants_change.percent_change.from",
        "Did you mean 'emigrants_2023h1'",
    ),
    Case(
        "unknown_indicator_kind",
        _with("percent_change: {", "percent_chnge: {"),
        UnknownReferenceError,
        "  emigrants_change:",
        "indicators.emigrants_change",
        "Found 'percent_chnge'.*Did you mean 'percent_change'",
    ),
    Case(
        "unknown_check_kind",
        _with("parts_within:", "parts_witin:"),
        UnknownReferenceError,
        "  emigrants_parts:",
        "checks.emigrants_parts",
        "Found 'parts_witin'.*Did you mean 'parts_within'",
    ),
    Case(
        "unknown_unit",
        _with("unit: person", "unit: persn"),
        UnknownReferenceError,
        "unit: persn",
        "facts.emigrants_2024h1.unit",
        "Found 'persn'.*Did you mean 'person'",
    ),
    Case(
        "unknown_currency",
        _with("unit: person", "unit: RUR"),
        UnknownReferenceError,
        "unit: RUR",
        "facts.emigrants_2024h1.unit",
        "Found 'RUR'.*Did you mean 'RUB'",
    ),
    Case(
        "period_form",
        _with("period: 2024-H1", "period: 2024H1"),
        SpecError,
        "period: 2024H1",
        "facts.emigrants_2024h1.period",
        "Found '2024H1'.*Accepted forms|as in '2024-H1'",
    ),
    Case(
        "unknown_key",
        _with("    locator: p. 1", "    locator: p. 1\n    qualifer: exact"),
        UnknownReferenceError,
        "qualifer: exact",
        "facts.emigrants_2024h1.qualifer",
        "Did you mean 'qualifier'",
    ),
    Case(
        "norway_as_truth_value_in_a_number",
        _with("value: 392805", "value: NO"),
        SpecError,
        "value: NO",
        "facts.emigrants_2024h1.value",
        "a number is expected, got the text 'NO'",
    ),
    Case(
        "date_where_a_number_is_expected",
        _with("value: 392805", "value: 2024-06-30"),
        SpecError,
        "value: 2024-06-30",
        "facts.emigrants_2024h1.value",
        "a date is not a number.*`period`",
    ),
    Case(
        "base_sixty",
        _with("value: 392805", "value: 1:20"),
        SpecError,
        "value: 1:20",
        "facts.emigrants_2024h1.value",
        "no base-60 numbers",
    ),
    Case(
        "duplicate_key",
        _with("    area: TJ\n", "    area: TJ\n    area: KG\n"),
        DuplicateIdError,
        "area: KG",
        "facts.emigrants_2024h1.area",
        "first on line 10 and again on line 11",
    ),
    Case(
        "thousands_separators",
        _with("value: 392805", 'value: "392,805"'),
        SpecError,
        'value: "392,805"',
        "facts.emigrants_2024h1.value",
        "without thousands separators and without quotes, as 392805",
    ),
    Case(
        "unit_inside_the_number",
        _with("value: 392805", 'value: "18 million RUB"'),
        SpecError,
        "18 million RUB",
        "facts.emigrants_2024h1.value",
        "put the unit or currency in `unit`.*`value: 18` with `scale: million`",
    ),
    Case(
        "decimals_in_words",
        _with(
            "percent_change: {from: emigrants_2023h1, to: emigrants_2024h1}",
            "percent_change: {from: emigrants_2023h1, to: emigrants_2024h1}\n"
            "    decimals: one",
        ),
        SpecError,
        "decimals: one",
        "indicators.emigrants_change.decimals",
        "a whole number is expected.*without quotes",
    ),
    Case(
        "sum_of_one",
        _with(
            "percent_change: {from: emigrants_2023h1, to: emigrants_2024h1}",
            "sum: [emigrants_2024h1]",
        ),
        SpecError,
        "sum: [emigrants_2024h1]",
        "indicators.emigrants_change.sum",
        "at least 2 items are needed, got 1",
    ),
    Case(
        "negative_tolerance",
        _with(
            "parts_within: {total: emigrants_2024h1, parts: [emigrants_2023h1]}",
            "parts_sum_to: {total: emigrants_2024h1, parts: [emigrants_2023h1], "
            "tolerance: -1}",
        ),
        SpecError,
        "tolerance: -1",
        "checks.emigrants_parts.parts_sum_to.tolerance",
        "must be 0 or more",
    ),
    Case(
        "tag",
        _with("value: 392805", "value: !!python/object/apply:os.system [ls]"),
        SpecSyntaxError,
        "!!python/object",
        "facts.emigrants_2024h1.value",
        "Tags are not allowed",
    ),
    Case(
        "merge_key",
        _with("    area: TJ\n", "    area: TJ\n    <<: {unit: household}\n"),
        SpecSyntaxError,
        "<<:",
        "facts.emigrants_2024h1",
        "Merge keys",
    ),
    Case(
        "deep_nesting",
        _with("area: TJ", "area: " + "[" * 300 + "]" * 300),
        SpecSyntaxError,
        "area: [[[",
        "facts.emigrants_2024h1.area",
        "nest|nesting",
    ),
    Case(
        "formula_attribute",
        _with_indicator('formula: "emigrants_2024h1.__class__"'),
        FormulaError,
        "formula:",
        "indicators.extra.formula",
        "Attribute access is not allowed in a formula at column 17",
    ),
    Case(
        "formula_dunder_call",
        _with_indicator("formula: \"__import__('os')\""),
        FormulaError,
        "formula:",
        "indicators.extra.formula",
        "Names starting with '__' are not allowed in a formula at column 1",
    ),
    Case(
        "formula_subscript",
        _with_indicator('formula: "emigrants_2024h1[0]"'),
        FormulaError,
        "formula:",
        "indicators.extra.formula",
        "Subscripts are not allowed in a formula at column 17",
    ),
    Case(
        "formula_string",
        _with_indicator("formula: \"'emigrants' + 1\""),
        FormulaError,
        "formula:",
        "indicators.extra.formula",
        "Strings are not allowed in a formula at column 1",
    ),
    Case(
        "formula_lambda",
        _with_indicator('formula: "lambda: 1"'),
        FormulaError,
        "formula:",
        "indicators.extra.formula",
        "keyword 'lambda' is not allowed in a formula at column 1",
    ),
    Case(
        "formula_other_function",
        _with_indicator('formula: "exec(emigrants_2024h1)"'),
        FormulaError,
        "formula:",
        "indicators.extra.formula",
        "The function 'exec' is not available in a formula at column 1",
    ),
    Case(
        "formula_deep_nesting",
        _with_indicator('formula: "' + "(" * 100 + "1" + ")" * 100 + '"'),
        FormulaError,
        "formula:",
        "indicators.extra.formula",
        "nests deeper than 64 levels at column 65",
    ),
    Case(
        "formula_huge_exponent",
        _with_indicator('formula: "emigrants_2024h1 ^ 100000000"'),
        FormulaError,
        "formula:",
        "indicators.extra.formula",
        "exponent of '\\^' may be at most 64 in size at column 20",
    ),
    Case(
        "formula_huge_number_exponent",
        _with_indicator('formula: "1e999999 * emigrants_2024h1"'),
        FormulaError,
        "formula:",
        "indicators.extra.formula",
        "exponent may be at most 64 in size at column 1",
    ),
]

_IDS = [case.name for case in CASES]


def _load_error(text: str) -> SpecError:
    with pytest.raises(SpecError) as caught:
        load_spec_text(text, "bad.yaml")
    return caught.value


class TestErrorsThroughTheApi:
    @pytest.mark.parametrize("case", CASES, ids=_IDS)
    def test_names_class_line_key_and_fix(self, case: Case) -> None:
        """Each mistake raises its error class at its line and key, with the fix."""
        with pytest.raises(case.error, match=case.match) as caught:
            load_spec_text(case.text, "bad.yaml")

        error = caught.value
        assert not isinstance(error, SpecErrorGroup)
        assert (error.file, error.line) == ("bad.yaml", case.line)
        assert (error.key, error.column is not None) == (case.key, True)
        assert str(error).startswith(f"bad.yaml:{case.line}:{error.column}: {case.key}")

    def test_several_problems_are_reported_in_one_run(self) -> None:
        """Independent problems in one spec all come out of one load."""
        text = _with("unit: person", "unit: persn")
        text = text.replace("period: 2023-H1", "period: 2023-H3")
        text = text.replace("to: emigrants_2024h1", "to: emigrants_2024")

        error = _load_error(text)

        assert isinstance(error, SpecErrorGroup)
        found = sorted((e.line, e.key, type(e)) for e in error.errors)
        assert found == [
            (
                _line_of(text, "persn"),
                "facts.emigrants_2024h1.unit",
                UnknownReferenceError,
            ),
            (_line_of(text, "H3"), "facts.emigrants_2023h1.period", SpecError),
            (
                _line_of(text, "to: emigrants_2024}"),
                "indicators.emigrants_change.percent_change.to",
                UnknownReferenceError,
            ),
        ]
        assert str(error).count("bad.yaml:") == 3

    def test_a_fact_with_a_bad_period_still_has_its_unit_and_source_checked(
        self,
    ) -> None:
        """An unknown unit and source are reported beside the fact's bad period."""
        text = _with("unit: person", "unit: persn").replace("H1", "H7", 1)
        text = text.replace("source: report", "source: reprot", 1)

        error = _load_error(text)

        assert isinstance(error, SpecErrorGroup)
        assert sorted(e.key for e in error.errors if e.key) == [
            "facts.emigrants_2024h1.period",
            "facts.emigrants_2024h1.source",
            "facts.emigrants_2024h1.unit",
        ]
        assert "Did you mean 'report'" in str(error)

    def test_billion_laughs_is_refused_quickly(self) -> None:
        """A document of nested aliases is refused before it can grow."""
        lines = ["lol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for level in range(1, 10):
            aliases = ", ".join([f"*lol{level - 1}"] * 10)
            lines.append(f"lol{level}: &lol{level} [{aliases}]")
        text = "\n".join(lines) + "\n"

        started = time.perf_counter()
        refusal = "Aliases expand to too many"
        with pytest.raises(SpecSyntaxError, match=refusal) as caught:
            load_spec_text(text, "laughs.yaml")

        assert time.perf_counter() - started < 2
        assert caught.value.line is not None
        assert caught.value.key is not None and caught.value.key.startswith("lol")


class TestYaml12Scalars:
    @pytest.mark.parametrize("word", ["NO", "ON", "OFF", "YES", "Y", "N", "no", "y"])
    def test_yaml_11_truth_words_stay_text(self, word: str) -> None:
        """YAML 1.1 truth words are read as the text written, wherever text goes."""
        breakdown = f"    locator: p. 1\n    breakdown: {{sex: {word}}}\n"
        text = _with("    locator: p. 1\n", breakdown).replace("p. 1", word, 1)

        fact = load_spec_text(text, "t.yaml").facts["emigrants_2024h1"]

        assert (fact.locator, fact.breakdown) == (word, {"sex": word})

    def test_norway_stays_norway(self) -> None:
        """`area: NO` is the country code for Norway, not false."""
        text = _with("area: TJ", "area: NO")

        assert load_spec_text(text, "t.yaml").facts["emigrants_2024h1"].area == "NO"

    def test_a_day_written_as_a_period_is_a_period(self) -> None:
        """`2024-06-30` under `period` is the day, not a date object or text lost."""
        text = _with("period: 2024-H1", "period: 2024-06-30")
        text = text.replace("period: 2023-H1", "period: 2023-06-30")

        period = load_spec_text(text, "t.yaml").facts["emigrants_2024h1"].period

        assert str(period) == "2024-06-30"
        assert type(period).__name__ == "Period"

    def test_leading_zero_is_decimal_not_octal(self) -> None:
        """`010` is ten, not eight."""
        text = _with("value: 392805", "value: 010")

        assert load_spec_text(text, "t.yaml").facts["emigrants_2024h1"].value == 10


class TestNumbersKeptAsWritten:
    @pytest.mark.parametrize("written", ["0.1", "392805", "8827250.00", "-0.0001"])
    def test_the_value_keeps_every_digit(self, written: str) -> None:
        """A value reaches the model as the decimal written, trailing zeros too."""
        text = _with("value: 392805", f"value: {written}")

        value = load_spec_text(text, "t.yaml").facts["emigrants_2024h1"].value

        assert isinstance(value, Decimal)
        assert str(value) == written

    def test_tenths_add_up_exactly(self) -> None:
        """0.1 + 0.2 is exactly three tenths, as no float would give."""
        text = _with("value: 392805", "value: 0.1")
        text = text.replace("value: 467247", "value: 0.2")
        text = text.replace(
            "percent_change: {from: emigrants_2023h1, to: emigrants_2024h1}",
            "sum: [emigrants_2024h1, emigrants_2023h1]",
        )

        results = evaluate(load_spec_text(text, "t.yaml"))

        assert results.value("emigrants_change") == Fraction(3, 10)


UNDETERMINED = """\
spec: zero
title: Zero bases
sources:
  report: {title: A report, publisher: An office, published: 2024-07}
facts:
  arrivals: {value: 5, unit: person, period: 2024, area: TJ, source: report, locator: p}
  none: {value: 0, unit: person, period: 2024, area: TJ, source: report, locator: p}
  deficit: {value: -4, unit: person, period: 2024, area: TJ, source: report, locator: p}
indicators:
  per_nothing: {ratio: {numerator: arrivals, denominator: none}}
  growth_from_nothing: {percent_change: {from: none, to: arrivals}}
  share_of_nothing: {share: {part: arrivals, whole: none}}
  doubled_share: {formula: "share_of_nothing * 2"}
  doubled_again: {sum: [doubled_share, doubled_share]}
  growth_from_deficit: {percent_change: {from: deficit, to: arrivals}}
  still_fine: {sum: [arrivals, deficit]}
"""


@pytest.fixture(name="results", scope="module")
def _results() -> Results:
    return evaluate(load_spec_text(UNDETERMINED, "zero.yaml"))


class TestUndeterminedValues:
    @pytest.mark.parametrize(
        ("indicator_id", "reason"),
        [
            ("per_nothing", "the denominator is zero"),
            ("growth_from_nothing", "the base value is zero"),
            ("share_of_nothing", "the whole is zero"),
        ],
    )
    def test_a_zero_divisor_is_undetermined_with_its_reason(
        self, results: Results, indicator_id: str, reason: str
    ) -> None:
        """Dividing by zero leaves the indicator undetermined and says why."""
        result = results[indicator_id]

        assert (result.status, result.value) == ("undetermined", None)
        assert result.message.startswith(reason)

    def test_dependents_carry_the_chain_of_reasons(self, results: Results) -> None:
        """Everything resting on an undetermined value names the chain down to it."""
        message = results["doubled_again"].message

        assert results["doubled_again"].status == "undetermined"
        assert message == (
            "rests on 'doubled_share', which rests on 'share_of_nothing', which is "
            "undetermined: the whole is zero, so no share of it exists"
        )

    def test_a_negative_base_is_reported_as_such(self, results: Results) -> None:
        """A percent change from a negative base is named, not given a sign."""
        result = results["growth_from_deficit"]

        assert result.status == "undetermined"
        assert "the base value -4 is negative" in result.message

    def test_nothing_else_stops(self, results: Results) -> None:
        """Indicators not resting on a zero divisor are computed as usual."""
        assert results.value("still_fine") == 1


def _run_cli(tmp_path: Path, text: str) -> subprocess.CompletedProcess[str]:
    spec = tmp_path / "bad.yaml"
    spec.write_text(text, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "indicators", "check", "bad.yaml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def _expected_message(case: Case) -> str:
    with pytest.raises(IndicatorError) as caught:
        load_spec_text(case.text, "bad.yaml")
    return str(caught.value) + "\n"


# A new process costs about a second (pint builds its registry), so every case
# runs through the CLI's entry point in this process, and one case of each
# error class runs as a real process.
_PROCESS_CASES = [
    case
    for case in CASES
    if case.name
    in {"unknown_id", "duplicate_key", "tag", "formula_attribute", "period_form"}
]


class TestErrorsThroughTheCommandLine:
    @pytest.mark.parametrize("case", CASES, ids=_IDS)
    def test_entry_point_prints_the_message_alone_and_exits_2(
        self,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
        case: Case,
    ) -> None:
        """The CLI's entry point prints the message alone on stderr and exits 2."""
        (tmp_path / "bad.yaml").write_text(case.text, encoding="utf-8")
        monkeypatch.chdir(tmp_path)
        monkeypatch.setattr(sys, "argv", ["indicators", "check", "bad.yaml"])

        with pytest.raises(SystemExit) as exited:
            main()

        captured = capsys.readouterr()
        assert exited.value.code == 2
        assert (captured.out, captured.err) == ("", _expected_message(case))

    @pytest.mark.parametrize("case", _PROCESS_CASES, ids=lambda case: case.name)
    def test_process_prints_the_message_alone_and_exits_2(
        self, tmp_path: Path, case: Case
    ) -> None:
        """`python -m indicators check` prints the message alone and exits 2."""
        completed = _run_cli(tmp_path, case.text)

        assert completed.returncode == 2
        assert completed.stdout == ""
        assert completed.stderr == _expected_message(case)
        assert "Traceback" not in completed.stderr
        assert f"bad.yaml:{case.line}:" in completed.stderr
