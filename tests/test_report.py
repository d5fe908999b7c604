"""The audit report: one self-contained, escaped HTML page, checked in a browser."""

from __future__ import annotations

import os
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given

from builders import fact, run
from indicators import Results, evaluate, load_spec
from indicators.graph._graph import computing_view
from indicators.presentation._report_html import TREE_DEPTH, audit_report
from indicators.presentation.cli import cli
from strategies import SpecSections, spec_graphs


BUNDLED = Path(__file__).parents[1] / "specs" / "tajikistan-msr-2024h1.yaml"
ARTIFACTS = Path(__file__).parents[1] / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(name="bundled", scope="module")
def _bundled() -> Results:
    return evaluate(load_spec(BUNDLED))


@pytest.fixture(name="report_path", scope="module")
def _report_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("report") / "audit.html"
    outcome = CliRunner().invoke(cli, ["report", str(BUNDLED), "-o", str(target)])
    assert outcome.exit_code == 0, outcome.output
    return target


class _Summary(HTMLParser):
    """Collect the text of every element carrying a ``data-summary`` key."""

    def __init__(self) -> None:
        super().__init__()
        self.counts: dict[str, str] = {}
        self._key: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._key = dict(attrs).get("data-summary")

    def handle_data(self, data: str) -> None:
        if self._key is not None:
            self.counts[self._key] = data.strip()
            self._key = None


class TestAuditReport:
    def test_the_summary_counts_are_the_engine_s(
        self, bundled: Results, report_path: Path
    ) -> None:
        """Each count in the page's summary equals the engine's `summary()`."""
        parser = _Summary()
        parser.feed(report_path.read_text(encoding="utf-8"))

        assert parser.counts == {
            key: str(value) for key, value in bundled.summary().items()
        }

    def test_the_summary_comes_first(self, report_path: Path) -> None:
        """The summary of findings comes before the indicators, checks, sources and graph."""
        html = report_path.read_text(encoding="utf-8")
        order = [
            html.index(f'<section id="{name}">')
            for name in ("summary", "indicators", "checks", "sources", "graph", "facts")
        ]

        assert order == sorted(order)

    def test_every_failure_is_listed_with_its_difference(
        self, bundled: Results, report_path: Path
    ) -> None:
        """The table of failures has one row per failed finding, with the gap."""
        html = report_path.read_text(encoding="utf-8")
        failures = html.split('<table id="failures">')[1].split("</table>")[0]

        failed = [f for f in bundled.findings if f.status.value == "fail"]
        assert failures.count('<tr class="fail">') == len(failed)
        # 314052 + 78853 = 392905, printed 392805
        assert "<strong>+100</strong>" in failures

    def test_the_page_fetches_nothing(self, report_path: Path) -> None:
        """No script, stylesheet link, remote image or font: everything is inline."""
        html = report_path.read_text(encoding="utf-8")

        assert "<script" not in html
        assert "<link" not in html
        assert not re.search(r'(src|href)\s*=\s*"(https?:)?//', html)
        assert "@import" not in html and "url(http" not in html

    def test_the_graph_is_inline_svg_with_every_connected_entry(
        self, bundled: Results, report_path: Path
    ) -> None:
        """The graph is an inline SVG with a box for each entry a value flows through."""
        html = report_path.read_text(encoding="utf-8")
        graph = computing_view(bundled.plan.graph)
        connected = [n for n in graph.nodes if graph.degree(n) > 0]

        svg = html.split("<svg")[1].split("</svg>")[0]
        assert svg.count("<rect") == len(connected)
        assert svg.count('<path class="edge"') == graph.number_of_edges()

    @given(sections=spec_graphs())
    def test_any_spec_gives_a_report_with_its_counts(
        self, sections: SpecSections
    ) -> None:
        """Any spec, undetermined values included, gives a page whose counts are the engine's."""
        results = run(*sections)
        parser = _Summary()
        parser.feed(audit_report(results))

        expected = {key: str(value) for key, value in results.summary().items()}
        assert parser.counts == expected

    def test_the_summary_agrees_in_number_with_its_counts(self) -> None:
        """One printed figure or breakdown is spoken of in the singular."""
        results = run(
            {"a": fact(1), "b": fact(2)},
            {"s": {"sum": ["a", "b"], "reported": 4}},
            {"c": {"parts_sum_to": {"total": "b", "parts": ["a"]}}},
        )

        html = audit_report(results)

        assert "prints 1 figure that can be recomputed" in html
        assert "<strong>0 match</strong>, <strong>1 does not match</strong>" in html
        assert "1 breakdown was checked" in html
        assert "<strong>0 hold</strong>, <strong>1 fails</strong>" in html

    def test_spec_text_is_escaped(self) -> None:
        """A script in a quote and quotes in a label reach the page as text, never as markup."""
        results = run(
            {
                "a": fact(1, quote="<script>alert('x')</script>"),
                "b": fact(2),
            },
            {"s": {"sum": ["a", "b"], "label": 'Sum "of" <b>a</b> & b'}},
        )

        html = audit_report(results)

        assert "<script" not in html
        assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
        assert "Sum &#34;of&#34; &lt;b&gt;a&lt;/b&gt; &amp; b" in html

    def test_an_unwritable_target_is_one_message(self, tmp_path: Path) -> None:
        """Writing into a missing directory is a usage error naming the file, exit 2."""
        target = tmp_path / "missing" / "audit.html"
        outcome = CliRunner().invoke(cli, ["report", str(BUNDLED), "-o", str(target)])

        assert outcome.exit_code == 2
        assert "cannot write" in outcome.output


def _chain_report(length: int) -> str:
    """Return the audit report of a chain where link ``k{i}`` adds ``f{i}`` to ``k{i-1}``."""
    facts = {f"f{i}": fact(i + 1) for i in range(length + 1)}
    indicators = {"k1": {"sum": ["f0", "f1"]}}
    for index in range(2, length + 1):
        indicators[f"k{index}"] = {"sum": [f"k{index - 1}", f"f{index}"]}
    return audit_report(run(facts, indicators))


class TestLongChains:
    def test_a_deep_derivation_links_on_to_its_own(self) -> None:
        """Below the depth shown, an indicator links to the row of its own derivation."""
        html = _chain_report(12)

        assert f'<a href="#indicator-k{12 - TREE_DEPTH}">' in html
        assert f'id="indicator-k{12 - TREE_DEPTH}"' in html

    def test_the_page_grows_in_step_with_the_chain(self) -> None:
        """Each further link adds the same number of steps, not more and more."""
        steps = [_chain_report(length).count("<li>") for length in (20, 40, 60)]

        assert steps[2] - steps[1] == steps[1] - steps[0]

    def test_the_bundled_report_is_shown_whole(self, bundled: Results) -> None:
        """The bundled spec's derivations are shallow enough to be shown whole."""
        html = audit_report(bundled)

        assert "how <code>" in html
        assert "derived in full under" not in html


def _launch_chromium(playwright: object) -> object:
    """Start the system Chromium, or skip (fail in CI) when it cannot run here."""
    reason = None
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is not installed (apt-get install chromium)"
    else:
        try:
            return playwright.chromium.launch(  # type: ignore[attr-defined]
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
            )
        except Exception as error:  # noqa: BLE001 - any launch failure means no browser
            reason = f"{CHROMIUM} cannot start here: {error}"
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the browser test, but {reason}")
    pytest.skip(reason)


class TestAuditReportInBrowser:
    def test_renders_without_errors_and_shows_the_engine_s_counts(
        self, bundled: Results, report_path: Path
    ) -> None:
        """Chromium renders the page with no console error or request, the counts right, and a screenshot saved."""
        sync_api = pytest.importorskip("playwright.sync_api")
        with sync_api.sync_playwright() as playwright:
            browser = _launch_chromium(playwright)
            try:
                page = browser.new_page(viewport={"width": 1280, "height": 1600})
                errors: list[str] = []
                requests: list[str] = []
                page.on(
                    "console",
                    lambda m: errors.append(m.text) if m.type == "error" else None,
                )
                page.on("pageerror", lambda error: errors.append(str(error)))
                page.on("request", lambda request: requests.append(request.url))
                page.goto(report_path.as_uri())
                counts = {
                    key: page.locator(f'[data-summary="{key}"]').inner_text()
                    for key in bundled.summary()
                }
                ARTIFACTS.mkdir(exist_ok=True)
                page.screenshot(path=str(ARTIFACTS / "audit-report.png"))
            finally:
                browser.close()

        assert errors == []
        assert requests == [report_path.as_uri()]
        assert counts == {key: str(value) for key, value in bundled.summary().items()}
        assert (ARTIFACTS / "audit-report.png").stat().st_size > 0


class _Launcher:
    """Stands in for playwright's chromium launcher, failing as a broken browser does."""

    class chromium:  # noqa: N801 - mirrors the attribute playwright has
        @staticmethod
        def launch(**options: object) -> object:
            msg = "Target page, context or browser has been closed"
            raise RuntimeError(msg)


class TestBrowserPolicy:
    def test_a_browser_that_cannot_start_skips_outside_ci(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Outside CI, a Chromium that cannot start skips the test with the reason."""
        monkeypatch.delenv("CI", raising=False)
        monkeypatch.setattr(sys.modules[__name__], "CHROMIUM", Path(__file__))

        with pytest.raises(pytest.skip.Exception, match="cannot start here"):
            _launch_chromium(_Launcher())

    def test_a_browser_that_cannot_start_fails_in_ci(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """In CI, a Chromium that cannot start fails the test instead of skipping."""
        monkeypatch.setenv("CI", "1")
        monkeypatch.setattr(sys.modules[__name__], "CHROMIUM", Path(__file__))

        with pytest.raises(pytest.fail.Exception, match="CI must run the browser test"):
            _launch_chromium(_Launcher())
