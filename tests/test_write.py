"""A spec written back out reloads to an equal spec, keeping what people wrote."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given

from indicators import (
    IndicatorError,
    dump_spec,
    evaluate,
    load_spec,
    load_spec_text,
    write_spec,
)
from indicators.presentation.cli import bundled_spec_path
from indicators.spec._write import same_spec
from strategies import spec_texts


COMMENTED = """\
# A spec with comments, flow and block styles, and numbers with places.
spec: commented
title: Commented
sources:
  report: {title: A report, publisher: An office, published: 2024-07}  # July
facts:
  # The total as printed, two decimal places.
  remittances:
    value: 8827250.00
    unit: USD
    period: 2024-H1
    area: NO          # Norway, not false
    source: report
    locator: "p. 3"
  tenth: {value: 0.1, unit: USD, period: 2024, area: TJ, source: report, locator: p. 4}
indicators:
  total:
    sum: [remittances, tenth]   # both in dollars
    reported: {value: 8827250.1, decimals: 1}
"""


BY_POSITION = """\
spec: positions
title: Bases and parts found by position
sources:
  report: {title: A report, publisher: An office, published: 2024-07}
dimensions:
  sex: {codes: [male, female], exhaustive: true}
facts:
  e23: {value: 100, unit: person, period: 2023-H1, area: TJ, series: emigrants, source: report, locator: p. 1}
  e24: {value: 120, unit: person, period: 2024-H1, area: TJ, series: emigrants, source: report, locator: p. 1}
  m24: {value: 70, unit: person, period: 2024-H1, area: TJ, breakdown: {sex: male}, series: emigrants, source: report, locator: p. 2}
  w24: {value: 50, unit: person, period: 2024-H1, area: TJ, breakdown: {sex: female}, series: emigrants, source: report, locator: p. 2}
indicators:
  change: {percent_change: {to: e24, base: same_period_last_year}}
checks:
  by_sex: {parts_sum_to: {total: e24, over: sex}}
"""  # noqa: E501


def _load(text: str) -> object:
    return load_spec_text(text, "commented.yaml")


class TestDumpSpec:
    def test_an_unchanged_spec_is_written_as_it_was(self) -> None:
        """Comments, key order, styles and quoting of an unchanged spec are kept."""
        assert dump_spec(load_spec_text(COMMENTED, "c.yaml")) == COMMENTED

    def test_the_bundled_spec_keeps_its_comments_and_reloads_equal(self) -> None:
        """The bundled report spec reloads equal, with every comment line kept."""
        path = bundled_spec_path()
        spec = load_spec(path)

        text = dump_spec(spec)

        assert same_spec(spec, load_spec_text(text, "bundled.yaml"))
        comments = [
            line.strip()
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip().startswith("#")
        ]
        assert all(comment in text for comment in comments)

    def test_numbers_keep_their_digits(self) -> None:
        """`8827250.00` and `0.1` are written with exactly the digits they had."""
        spec = load_spec_text(COMMENTED, "c.yaml")

        text = dump_spec(spec, layout="")

        assert "value: 8827250.00\n" in text and "value: 0.1\n" in text
        reloaded = load_spec_text(text, "c.yaml")
        assert str(reloaded.facts["remittances"].value) == "8827250.00"

    def test_a_changed_value_is_written_and_comments_stay(self) -> None:
        """A value changed in the model is written; the comments around it stay."""
        spec = load_spec_text(COMMENTED, "c.yaml")
        fact = spec.facts["remittances"].model_copy(
            update={"value": Decimal("8819261.00")}
        )
        changed = spec.model_copy(update={"facts": {**spec.facts, "remittances": fact}})

        text = dump_spec(changed, layout=COMMENTED)

        assert "value: 8819261.00\n" in text
        assert "# Norway, not false" in text and "# both in dollars" in text
        assert text.replace("8819261.00", "8827250.00") == COMMENTED

    def test_a_spec_built_in_code_is_written_in_full(self) -> None:
        """Without a layout, every declared field is written and reads back equal."""
        spec = load_spec_text(COMMENTED, "c.yaml")

        text = dump_spec(spec, layout="")

        assert "#" not in text
        assert same_spec(spec, load_spec_text(text, "c.yaml"))

    @pytest.mark.parametrize("code", ["?0", "? a", "a?b", ":x"])
    def test_a_code_starting_with_an_indicator_reads_back_as_written(
        self, code: str
    ) -> None:
        """A text starting with `?` or `:` in a flow list is quoted, not read as a key."""
        dimension = f"dimensions:\n  note: {{codes: [{code!r}]}}\n"
        spec = load_spec_text(COMMENTED.replace("facts:\n", dimension + "facts:\n", 1))

        text = dump_spec(spec, layout="")

        assert load_spec_text(text).dimensions["note"].codes == (code,)

    def test_a_reported_value_written_in_full_stays_in_full(self) -> None:
        """`reported: {value, decimals}` is not shortened to a bare number."""
        text = dump_spec(load_spec_text(COMMENTED, "c.yaml"))

        assert "reported: {value: 8827250.1, decimals: 1}" in text


class TestResolvedSpec:
    def test_a_base_by_position_is_written_as_the_spec_wrote_it(self) -> None:
        """The resolved spec of results writes `base`, not the `from` found for it."""
        results = evaluate(load_spec_text(BY_POSITION, "p.yaml"))

        text = dump_spec(results.spec, layout="")

        assert "base: same_period_last_year" in text and "from:" not in text

    def test_parts_over_a_dimension_are_written_as_the_dimension(self) -> None:
        """The resolved spec of results writes `over`, not the parts found for it."""
        results = evaluate(load_spec_text(BY_POSITION, "p.yaml"))

        text = dump_spec(results.spec, layout="")

        assert "over: sex" in text and "parts:" not in text

    def test_the_resolved_spec_reads_back_equal_to_the_written_one(self) -> None:
        """Writing the spec results hold gives the spec that was loaded."""
        spec = load_spec_text(BY_POSITION, "p.yaml")

        text = dump_spec(evaluate(spec).spec)

        assert same_spec(spec, load_spec_text(text, "again.yaml"))


class TestWriteSpec:
    def test_writes_a_file_that_reloads_equal(self, tmp_path: Path) -> None:
        """`write_spec` writes text that `load_spec` reads back to an equal spec."""
        spec = load_spec_text(COMMENTED, "c.yaml")
        target = tmp_path / "out.yaml"

        write_spec(spec, target)

        assert same_spec(spec, load_spec(target))

    def test_keeps_the_comments_of_the_file_it_overwrites(self, tmp_path: Path) -> None:
        """Writing over an existing spec keeps that file's comments."""
        target = tmp_path / "spec.yaml"
        target.write_text(COMMENTED, encoding="utf-8")

        write_spec(load_spec(target), target)

        assert target.read_text(encoding="utf-8") == COMMENTED

    def test_an_unwritable_path_is_an_indicator_error(self, tmp_path: Path) -> None:
        """A path that cannot be written gives an IndicatorError naming it."""
        spec = load_spec_text(COMMENTED, "c.yaml")
        target = tmp_path / "missing" / "out.yaml"

        with pytest.raises(IndicatorError, match="cannot be written"):
            write_spec(spec, target)


class TestRoundTripProperty:
    @given(spec_texts(max_facts=5, max_indicators=5, max_checks=2))
    def test_generated_specs_survive_load_write_load(self, text: str) -> None:
        """Any valid spec reloads equal, number for number, after being written."""
        spec = load_spec_text(text, "generated.yaml")

        for layout in (None, ""):
            written = dump_spec(spec, layout=layout)
            assert same_spec(spec, load_spec_text(written, "generated.yaml"))


def _fmt(*arguments: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "indicators", "fmt", *arguments],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


class TestFmtCommand:
    def test_prints_the_spec_and_checks_it(self, tmp_path: Path) -> None:
        """`fmt` prints the spec; `fmt --check` exits 0 on a spec written as fmt writes."""
        (tmp_path / "spec.yaml").write_text(COMMENTED, encoding="utf-8")

        printed = _fmt("spec.yaml", cwd=tmp_path)
        checked = _fmt("--check", "spec.yaml", cwd=tmp_path)

        assert (printed.returncode, printed.stdout) == (0, COMMENTED)
        assert (checked.returncode, checked.stdout, checked.stderr) == (0, "", "")

    def test_check_fails_on_a_spec_not_written_as_fmt_writes(
        self, tmp_path: Path
    ) -> None:
        """`fmt --check` exits 1 and names the file when fmt would change it."""
        spec = tmp_path / "spec.yaml"
        spec.write_text(
            COMMENTED.replace("    unit: USD\n", "    unit:    USD\n"), encoding="utf-8"
        )

        checked = _fmt("--check", "spec.yaml", cwd=tmp_path)

        assert checked.returncode == 1
        assert checked.stderr == "spec.yaml: not written as fmt writes it\n"

    def test_writes_in_place_and_to_a_file(self, tmp_path: Path) -> None:
        """`--in-place` rewrites the spec and `-o` writes another file."""
        spec = tmp_path / "spec.yaml"
        spec.write_text(
            COMMENTED.replace("    unit: USD\n", "    unit:    USD\n"), encoding="utf-8"
        )

        to_file = _fmt("spec.yaml", "-o", "out.yaml", cwd=tmp_path)
        in_place = _fmt("--in-place", "spec.yaml", cwd=tmp_path)

        assert (to_file.returncode, in_place.returncode) == (0, 0)
        assert (tmp_path / "out.yaml").read_text(encoding="utf-8") == COMMENTED
        assert spec.read_text(encoding="utf-8") == COMMENTED

    def test_check_with_a_target_is_refused(self, tmp_path: Path) -> None:
        """`--check` writes nothing, so asking it to write somewhere is a usage error."""
        (tmp_path / "spec.yaml").write_text(COMMENTED, encoding="utf-8")

        refused = _fmt("--check", "--in-place", "spec.yaml", cwd=tmp_path)

        assert refused.returncode == 2
        assert "--check writes nothing" in refused.stderr

    def test_a_bad_spec_is_one_message_and_exit_2(self, tmp_path: Path) -> None:
        """`fmt` on a spec that cannot load prints its error alone and exits 2."""
        (tmp_path / "spec.yaml").write_text(COMMENTED.replace("USD", "USDD", 1))

        completed = _fmt("spec.yaml", cwd=tmp_path)

        assert completed.returncode == 2
        assert completed.stderr.startswith("spec.yaml:10:5: facts.remittances.unit:")
        assert "Traceback" not in completed.stderr


class TestBundledSpecLayout:
    def test_the_bundled_spec_is_written_as_fmt_writes_it(self) -> None:
        """The bundled report spec is in the layout `fmt` gives, so `fmt --check` passes."""
        from pathlib import Path

        from indicators import dump_spec, load_spec

        path = Path(__file__).parents[1] / "specs" / "tajikistan-msr-2024h1.yaml"

        assert dump_spec(load_spec(path)) == path.read_text(encoding="utf-8")


class TestCommentsInJoinedFlowMappings:
    def test_writing_refuses_to_drop_a_comment_inside_a_flow_mapping(
        self, tmp_path
    ) -> None:
        """A comment the writer cannot keep stops the write, naming its line."""
        from indicators import SpecError, load_spec, write_spec

        path = tmp_path / "spec.yaml"
        path.write_text(
            "spec: t\ntitle: T\n"
            "sources: {s: {title: A, publisher: B, published: 2024-07}}\n"
            "facts:\n"
            "  a: {value: 1,   # printed in words\n"
            "      unit: person, period: 2024, area: TJ, source: s, locator: p}\n",
            encoding="utf-8",
        )
        before = path.read_text(encoding="utf-8")

        with pytest.raises(
            SpecError, match="drop the comment '# printed in words'"
        ) as error:
            write_spec(load_spec(path), path)

        assert error.value.line == 5
        assert path.read_text(encoding="utf-8") == before
