"""Breakdown checks: exhaustive parts add up, partial lists stay within."""

from __future__ import annotations

from builders import fact, run


def _breakdown(total: int, parts: list[int]) -> dict[str, object]:
    facts = {"total": fact(total)}
    facts.update({f"part{i}": fact(value) for i, value in enumerate(parts)})
    return facts


def _parts(count: int) -> list[str]:
    return [f"part{i}" for i in range(count)]


class TestPartsSumTo:
    def test_passes_when_the_parts_add_up(self) -> None:
        """An exhaustive breakdown that adds up to its total passes."""
        results = run(
            _breakdown(4731, [4163, 568]),
            checks={"by_sex": {"parts_sum_to": {"total": "total", "parts": _parts(2)}}},
        )

        finding = results.finding("by_sex")
        assert finding.status == "pass"
        assert finding.computed == 4731
        assert finding.difference == 0

    def test_fails_with_the_gap_when_the_parts_do_not_add_up(self) -> None:
        """A breakdown whose parts miss the total fails and reports the gap."""
        results = run(
            _breakdown(392805, [314052, 78853]),
            checks={"by_sex": {"parts_sum_to": {"total": "total", "parts": _parts(2)}}},
        )

        finding = results.finding("by_sex")
        assert finding.status == "fail"
        assert finding.computed == 392905
        assert finding.stated == 392805
        assert finding.difference == 100
        assert "+100" in finding.message

    def test_passes_within_the_stated_tolerance(self) -> None:
        """A gap no larger than the tolerance passes."""
        results = run(
            _breakdown(100, [50, 49]),
            checks={
                "c": {
                    "parts_sum_to": {
                        "total": "total",
                        "parts": _parts(2),
                        "tolerance": 1,
                    }
                }
            },
        )

        assert results.finding("c").status == "pass"

    def test_a_failed_warning_does_not_fail_the_spec(self) -> None:
        """Only failed findings of error severity make the results not ok."""
        results = run(
            _breakdown(100, [50, 40]),
            checks={
                "c": {
                    "parts_sum_to": {"total": "total", "parts": _parts(2)},
                    "severity": "warning",
                }
            },
        )

        assert results.finding("c").status == "fail"
        assert results.ok
        assert results.summary()["failed_warnings"] == 1


class TestPartsWithin:
    def test_passes_when_the_listed_parts_stay_within_the_total(self) -> None:
        """A top-five list that sums to less than its total passes."""
        results = run(
            _breakdown(2832, [1992, 212, 170, 110, 51]),
            checks={"top5": {"parts_within": {"total": "total", "parts": _parts(5)}}},
        )

        assert results.finding("top5").status == "pass"
        assert results.finding("top5").computed == 2535

    def test_fails_when_the_listed_parts_exceed_the_total(self) -> None:
        """A partial list larger than its total cannot be right and fails."""
        results = run(
            _breakdown(100, [60, 50]),
            checks={"c": {"parts_within": {"total": "total", "parts": _parts(2)}}},
        )

        assert results.finding("c").status == "fail"
        assert not results.ok


class TestUndeterminedInputs:
    def test_a_check_on_an_undetermined_part_is_undetermined(self) -> None:
        """A check whose part cannot be computed is undetermined, not failed."""
        results = run(
            {"total": fact(10), "a": fact(1), "zero": fact(0)},
            {"broken": {"formula": "a / zero * total"}},
            {"c": {"parts_sum_to": {"total": "total", "parts": ["broken"]}}},
        )

        assert results.finding("c").status == "undetermined"
