"""The README's examples work as written."""

from __future__ import annotations

import re
from pathlib import Path

from indicators import evaluate, load_spec_text


README = Path(__file__).resolve().parent.parent / "README.md"


def _spec_example() -> str:
    """Return the YAML block of the README's section on the spec format."""
    section = README.read_text(encoding="utf-8").split("## The spec format", 1)[1]
    found = re.search(r"```yaml\n(.*?)```", section, re.DOTALL)
    assert found is not None, "the spec format section has no YAML example"
    return found.group(1)


class TestSpecFormatExample:
    def test_the_example_loads_and_evaluates(self) -> None:
        """The example spec, copied as it is, is a valid spec."""
        results = evaluate(load_spec_text(_spec_example(), "README.md"))

        assert results.value("emigrants_change") is not None

    def test_the_example_check_finds_the_printed_parts_off_by_100(self) -> None:
        """The men and women printed add up to 100 more than the printed total."""
        results = evaluate(load_spec_text(_spec_example(), "README.md"))

        finding = next(f for f in results.findings if f.id == "emigrants_by_sex")

        assert finding.status.value == "fail"
        assert finding.difference == 100
