"""The scripts in `examples/` run and compute what their comments say."""

from __future__ import annotations

import runpy
from fractions import Fraction
from pathlib import Path

from indicators import evaluate, load_spec


EXAMPLES = Path(__file__).parents[1] / "examples"


class TestRemittanceConversion:
    """The remittance conversion example, with its illustrative rates."""

    def test_script_prints_one_line_per_conversion(self) -> None:
        """The script's main returns a line for each of the four conversions."""
        script = runpy.run_path(str(EXAMPLES / "convert_remittances.py"))

        lines = script["main"]()

        assert [line.split(" = ")[0] for line in lines] == [
            "remittances_january_kzt",
            "remittances_h1_kzt",
            "remittances_h1_tjs",
            "remittances_h1_tjs_from_kzt",
        ]

    def test_conversions_follow_from_the_rates(self) -> None:
        """Each conversion is the printed amount times or over the rates picked."""
        results = evaluate(load_spec(EXAMPLES / "remittances-in-currencies.yaml"))
        monthly_mean = Fraction(450 + 452 + 449 + 447 + 444 + 458, 6)

        assert (
            results.value("remittances_january_kzt"),
            results.value("remittances_h1_kzt"),
            results.value("remittances_h1_tjs"),
            results.value("remittances_h1_tjs_from_kzt"),
        ) == (
            2326074 * 450,
            8827250 * monthly_mean,
            8827250 * Fraction("10.9"),
            # 8827250 x 450 (mean of the months) / 450 (half-year) x 10.9
            8827250 * monthly_mean / 450 * Fraction("10.9"),
        )
