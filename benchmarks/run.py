"""Time each phase of the engine on synthetic specs, beside two baselines.

    python benchmarks/run.py --sizes 1000 10000 100000 1000000

For each size ``n`` (``n`` facts and ``n`` indicators) a fresh Python
process reads the spec from a file and runs the pipeline once, phase by phase:
parse (YAML to values), validate (values to the typed model), graph
(references, cycles, order), unit check, evaluate, check (findings) and
provenance (the sources of every indicator). Beside them it times the same
indicators computed with plain floats and with pint quantities, one
operation at a time, and an incremental update of one fact. Sizes are
repeated, each run in a process of its own, and the median is printed,
because the machine is shared.

Times are CPU seconds of the process (`time.process_time`), which other
work on a shared machine disturbs far less than wall-clock time. The
baselines run in a process of their own, so they do not pay for the engine's
objects, and with the cyclic collector paused as the engine pauses it.

Peak memory is the process's peak resident size after the engine's phases
minus its size before the spec was read, divided by the number of nodes
(facts, indicators and checks).
"""

from __future__ import annotations

import argparse
import json
import pickle
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any


HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

PHASES = ("parse", "validate", "graph", "units", "evaluate", "check", "provenance")


def main() -> None:
    """Parse the command line and run the benchmark for each size."""
    options = _arguments()
    if options.one is not None:
        _child(options)
        return

    rows = _measure_sizes(options)
    for row in rows:
        _print_row(row)
    _print_summary(rows)
    if options.chain:
        _print_chain(_measure_chain(options.chain, options))
    if options.cli:
        _print_cli(_cli_timings(options.cli))


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument(
        "--repeats",
        type=int,
        default=5,
        help="runs for sizes up to 10,000 (median reported); 3 up to 100,000",
    )
    parser.add_argument(
        "--large-repeats",
        type=int,
        default=1,
        help="runs for sizes above 100,000 (a million takes minutes a run)",
    )
    parser.add_argument(
        "--pint-max",
        type=int,
        default=100_000,
        help="largest size the pint baseline runs at",
    )
    parser.add_argument(
        "--chain",
        type=int,
        default=100_000,
        help="length of the deep-chain provenance benchmark; 0 skips it",
    )
    parser.add_argument(
        "--cli",
        type=int,
        default=20,
        help="runs of the CLI start-up comparison; 0 skips it",
    )
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument(
        "--part", choices=["engine", "baselines", "chain"], help=argparse.SUPPRESS
    )
    parser.add_argument("--workdir", help=argparse.SUPPRESS)
    return parser.parse_args()


def _measure_sizes(options: argparse.Namespace) -> list[dict]:
    """Write the spec of every size once, then run the repeats of all sizes in turn.

    A second run in one process reuses memory the first one freed and is
    faster, so every repeat at every size is a first run in a fresh process.
    The repeats of the sizes alternate (one of each size, then the next of
    each), so that the load other work puts on the shared machine, which
    drifts over minutes, weighs on every size alike and the growth from one
    size to the next compares like with like.
    """
    with tempfile.TemporaryDirectory() as root:
        commands = {
            size: _write_spec(size, Path(root), options.pint_max)
            for size in options.sizes
        }
        engine: dict[int, list[dict]] = {size: [] for size in options.sizes}
        baselines: dict[int, list[dict]] = {size: [] for size in options.sizes}
        for repeat in range(max(_repeats(size, options) for size in options.sizes)):
            for size, command in commands.items():
                if repeat < _repeats(size, options):
                    engine[size].append(
                        _run_child([*command, "--part", "engine"], size)
                    )
                    baselines[size].append(
                        _run_child([*command, "--part", "baselines"], size)
                    )
        return [_median_report(engine[size], baselines[size]) for size in options.sizes]


def _measure_chain(size: int, options: argparse.Namespace) -> dict:
    """Run the deep-chain benchmark of ``size`` links once, in a fresh process."""
    with tempfile.TemporaryDirectory() as root:
        command = _write_spec(size, Path(root), options.pint_max, chain=True)
        return _run_child([*command, "--part", "chain"], size)


def _write_spec(size: int, root: Path, pint_max: int, chain: bool = False) -> list[str]:
    """Write the spec of ``size`` and its recipe under ``root``; return the child's command."""
    from synthetic import chain_spec, synthetic_spec

    workdir = root / f"{'chain' if chain else 'spec'}-{size}"
    workdir.mkdir()
    recipe = chain_spec(size) if chain else synthetic_spec(size)
    (workdir / "spec.yaml").write_text(recipe.text, encoding="utf-8")
    with open(workdir / "recipe.pickle", "wb") as stream:
        pickle.dump((recipe.facts, recipe.steps, recipe.checks), stream)
    return [
        sys.executable,
        __file__,
        "--one",
        str(size),
        "--workdir",
        str(workdir),
        "--pint-max",
        str(pint_max),
    ]


def _repeats(size: int, options: argparse.Namespace) -> int:
    if size <= 10_000:
        return options.repeats
    if size <= 100_000:
        return 3
    return options.large_repeats


def _median_report(engine: list[dict], baselines: list[dict]) -> dict:
    """Return the first run's report with the medians of every timed figure."""
    report = dict(engine[0])
    report["repeats"] = len(engine)
    report["times"] = {
        phase: statistics.median(run["times"][phase] for run in engine)
        for phase in PHASES
    }
    for figure in ("peak_bytes", "dependents", "lineage_graph", "peak_with_graph"):
        report[figure] = statistics.median(run[figure] for run in engine)
    for baseline in ("float", "pint", "lookup_ns"):
        if baseline in baselines[0]:
            report[baseline] = statistics.median(run[baseline] for run in baselines)
    return report


def _run_child(command: list[str], size: int) -> dict:
    finished = subprocess.run(command, capture_output=True, text=True, check=False)
    if finished.returncode != 0:
        sys.exit(f"the benchmark of size {size} failed:\n{finished.stderr}")
    return json.loads(finished.stdout)


def _child(options: argparse.Namespace) -> None:
    workdir = Path(options.workdir)
    if options.part == "chain":
        report = _chain_child(workdir / "spec.yaml", options.one)
    elif options.part == "engine":
        report = _pipeline_child(workdir, options.one)
    else:
        report = _baselines_child(workdir, options.one, options.pint_max)
    json.dump(report, sys.stdout)


def _peak_bytes() -> int:
    """Return this process's peak resident size.

    ``VmHWM`` belongs to the process's own memory map, whereas
    ``getrusage``'s ``ru_maxrss`` carries over the peak of the parent that
    started it, which holds the largest spec's recipe by then.
    """
    with open("/proc/self/status") as stream:
        for line in stream:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    msg = "/proc/self/status gives no VmHWM line"
    raise RuntimeError(msg)


def _current_bytes() -> int:
    with open("/proc/self/statm") as stream:
        pages = int(stream.read().split()[1])
    return pages * resource.getpagesize()


def _timed(step: Callable[[], Any]) -> tuple[float, Any]:
    start = time.process_time()
    outcome = step()
    return time.process_time() - start, outcome


def _pipeline(path: Path) -> tuple[dict[str, float], Any]:
    """Load and evaluate the spec at ``path`` as the library does, timing each phase.

    The public functions run unchanged; the steps inside them are timed by
    wrapping the private functions that do each step.
    """
    from indicators.evaluation import _evaluate as evaluation
    from indicators.graph import _plan as planning
    from indicators.spec._load import _spec_from_own_document
    from indicators.spec._yaml import read_yaml_file

    times: dict[str, float] = {}
    times["parse"], document = _timed(lambda: read_yaml_file(path))
    with (
        _timing(planning, "_build") as build,
        _timing(planning, "_check_units") as units,
    ):
        load, spec = _timed(partial(_spec_from_own_document, document))
    del document
    times["validate"] = load - build[0]
    times["graph"] = build[0] - units[0]
    times["units"] = units[0]

    with _timing(evaluation, "_findings") as findings:
        total, results = _timed(lambda: evaluation.evaluate(spec))
    times["evaluate"] = total - findings[0]
    times["check"] = findings[0]

    def provenance_phase() -> None:
        for indicator_id in spec.indicators:
            results.sources_of(indicator_id)

    times["provenance"], _ = _timed(provenance_phase)
    return times, results


@contextmanager
def _timing(module: Any, name: str) -> Iterator[list[float]]:
    """Add up the CPU time spent in ``module.name`` while the block runs."""
    original = getattr(module, name)
    spent = [0.0]

    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            spent[0] += time.process_time() - start

    setattr(module, name, timed)
    try:
        yield spent
    finally:
        setattr(module, name, original)


def _pipeline_child(workdir: Path, size: int) -> dict:
    from indicators.spec import _yaml

    spec_bytes = (workdir / "spec.yaml").stat().st_size
    # A spec file may hold 50 MB; a million facts take more than that.
    limit_raised = spec_bytes > _yaml.MAX_SPEC_SIZE
    if limit_raised:
        _yaml.MAX_SPEC_SIZE = spec_bytes

    # The unit registry and the ISO 3166 and 4217 lists are loaded once per
    # process, not per spec (the CLI comparison counts them): a small spec
    # is evaluated first so that neither time nor memory includes them.
    from synthetic import synthetic_spec

    from indicators import evaluate, load_spec_text

    # 250 groups of ten name each of the 249 areas at least once.
    evaluate(load_spec_text(synthetic_spec(2_500).text, "warm-up.yaml"))
    before = _current_bytes()
    times, results = _pipeline(workdir / "spec.yaml")
    peak = _peak_bytes() - before

    spec = results.spec
    nodes = len(spec.facts) + len(spec.indicators) + len(spec.checks)
    report: dict[str, Any] = {"size": size, "nodes": nodes}
    report["spec_bytes"] = spec_bytes
    report["limit_raised"] = limit_raised
    report["times"] = times
    report["peak_bytes"] = peak
    report["summary"] = results.summary()
    # Updates and walks down from an entry use a map of each entry's
    # dependents, and paths, cycles and drawings the networkx graph; each is
    # made on first use, so their costs are shown apart from the phases.
    report["dependents"], _dependents = _timed(lambda: results.plan.dependents)
    report["update"] = _update_timings(results, size)
    report["lineage_graph"], _graph = _timed(lambda: results.plan.graph)
    report["peak_with_graph"] = _peak_bytes() - before
    return report


def _baselines_child(workdir: Path, size: int, pint_max: int) -> dict:
    from baselines import float_baseline, id_lookups, pint_baseline, pint_registry
    from synthetic import Recipe

    from indicators._collector import collector_paused

    with open(workdir / "recipe.pickle", "rb") as stream:
        facts, steps, checks = pickle.load(stream)
    recipe = Recipe("", facts, steps, checks)
    report: dict[str, Any] = {}
    with collector_paused():
        report["float"], _values = _timed(lambda: float_baseline(recipe))
        count, look_up = id_lookups(recipe)
        report["lookup_ns"] = _timed(look_up)[0] / count * 1e9
        if size <= pint_max:
            registry = pint_registry()
            report["pint"], _values = _timed(lambda: pint_baseline(recipe, registry))
    return report


def _update_timings(results: Any, size: int) -> dict[str, Any]:
    groups = -(-size // 10)
    leaf = f"r{groups // 2}_1"
    root = "d0"
    timings = {}
    for fact_id in (leaf, root):
        new_value = results.value(fact_id) + 1
        descendants = len(results.downstream(fact_id))
        update = partial(results.update, fact_id, new_value)
        seconds = min(_timed(update)[0] for _ in range(3))
        timings[fact_id] = {"descendants": descendants, "seconds": seconds}
    return timings


def _chain_child(path: Path, size: int) -> dict:
    from indicators import evaluate, load_spec

    load_seconds, spec = _timed(lambda: load_spec(path))
    evaluate_seconds, results = _timed(lambda: evaluate(spec))
    bottom = f"k{size}"
    first, sources = _timed(lambda: results.sources_of(bottom))
    again, _ = _timed(lambda: results.sources_of(bottom))
    facts, fact_ids = _timed(lambda: results.facts_of(bottom))
    middle, _ = _timed(lambda: results.sources_of(f"k{size // 2}"))
    dependents, _dependents = _timed(lambda: results.plan.dependents)
    top_update, _ = _timed(lambda: results.update("f0", 0))
    leaf_update, _ = _timed(lambda: results.update(f"f{size}", 0))
    return {
        "size": size,
        "load": load_seconds,
        "evaluate": evaluate_seconds,
        "sources_first": first,
        "sources_again": again,
        "sources_middle": middle,
        "sources_count": len(sources),
        "facts": facts,
        "facts_count": len(fact_ids),
        "dependents": dependents,
        "update_top": top_update,
        "update_leaf": leaf_update,
    }


def _cli_timings(runs: int) -> dict[str, float]:
    spec = HERE.parent / "specs" / "tajikistan-msr-2024h1.yaml"
    cli = [sys.executable, "-m", "indicators", "check", str(spec)]
    bare = [
        sys.executable,
        "-c",
        "import pydantic, pint, yaml, networkx; pint.UnitRegistry()",
    ]
    timings: dict[str, float] = {}
    for name, command in (("cli", cli), ("bare", bare)):
        timings[name], timings[name + "_wall"] = _median_run(command, runs)
    return timings


def _median_run(command: list[str], runs: int) -> tuple[float, float]:
    """Return the median CPU and wall-clock seconds of ``runs`` runs of ``command``."""
    subprocess.run(command, capture_output=True, check=False)
    cpu, wall = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        wall.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(cpu), statistics.median(wall)


def _seconds(value: float) -> str:
    if value < 1:
        return f"{value * 1000:.1f} ms"
    return f"{value:.2f} s"


def _print_row(report: dict) -> None:
    times = report["times"]
    print(
        f"\nN = {report['size']:,} ({report['nodes']:,} nodes, "
        f"{report['spec_bytes'] / 1e6:,.1f} MB of YAML; median of {report['repeats']})"
    )
    if report["limit_raised"]:
        print("  (the 50 MB limit on spec files was raised for this run)")
    for phase in PHASES:
        print(f"  {phase:<11} {_seconds(times[phase]):>10}")
    engine = sum(times.values())
    print(f"  {'total':<11} {_seconds(engine):>10}")
    print(
        f"  float baseline {_seconds(report['float']):>10}   "
        f"evaluate / float = {times['evaluate'] / report['float']:.1f}x"
    )
    if "pint" in report:
        print(
            f"  pint baseline  {_seconds(report['pint']):>10}   "
            f"evaluate / pint = {times['evaluate'] / report['pint']:.2f}x"
        )
    print(
        f"  a dict look-up of each input by id, nothing else: "
        f"{report['lookup_ns']:.0f} ns a look-up"
    )
    per_node = report["peak_bytes"] / report["nodes"]
    print(
        f"  peak memory {report['peak_bytes'] / 2**20:,.0f} MiB = {per_node:,.0f} B/node"
    )
    print(
        f"  map of dependents for updates and walks down, made on first use: "
        f"{_seconds(report['dependents'])}"
    )
    with_graph = report["peak_with_graph"] / report["nodes"]
    print(
        f"  networkx graph for paths and drawings, drawn on first use: "
        f"{_seconds(report['lineage_graph'])}; peak memory with it {with_graph:,.0f} B/node"
    )
    for fact_id, update in report["update"].items():
        print(
            f"  update {fact_id}: {update['descendants']:,} descendants in "
            f"{_seconds(update['seconds'])} (full evaluate + check "
            f"{_seconds(times['evaluate'] + times['check'])})"
        )


def _print_summary(rows: list[dict]) -> None:
    print(
        "\n| N | " + " | ".join(PHASES) + " | float | pint | eval/float | eval/pint "
        "| peak B/node |"
    )
    print("|" + "---|" * (len(PHASES) + 6))
    for report in rows:
        times = report["times"]
        cells = [
            f"{report['size']:,}",
            *(_seconds(times[p]) for p in PHASES),
            _seconds(report["float"]),
            _seconds(report["pint"]) if "pint" in report else "–",
            f"{times['evaluate'] / report['float']:.1f}",
            f"{times['evaluate'] / report['pint']:.2f}" if "pint" in report else "–",
            f"{report['peak_bytes'] / report['nodes']:,.0f}",
        ]
        print("| " + " | ".join(cells) + " |")
    for smaller, larger in zip(rows, rows[1:], strict=False):
        factor = larger["size"] / smaller["size"]
        ratios = ", ".join(
            f"{p} {larger['times'][p] / smaller['times'][p]:.1f}" for p in PHASES
        )
        baseline = larger["float"] / smaller["float"]
        lookup = larger["lookup_ns"] / smaller["lookup_ns"]
        print(
            f"growth {smaller['size']:,} -> {larger['size']:,} (x{factor:g}): {ratios}; "
            f"float baseline {baseline:.1f}; cost of one look-up by id x{lookup:.1f}"
        )


def _print_chain(report: dict) -> None:
    print(
        f"\nChain of {report['size']:,} indicators: load {_seconds(report['load'])}, "
        f"evaluate {_seconds(report['evaluate'])}"
    )
    print(
        f"  sources of the last: {_seconds(report['sources_first'])} first, "
        f"{_seconds(report['sources_again'])} again ({report['sources_count']} sources); "
        f"of the middle one after: {_seconds(report['sources_middle'])}"
    )
    print(
        f"  facts of the last: {_seconds(report['facts'])} ({report['facts_count']:,} facts)"
    )
    print(
        f"  map of dependents, made for the first update: "
        f"{_seconds(report['dependents'])}; "
        f"update the first fact ({report['size']:,} descendants): "
        f"{_seconds(report['update_top'])}; the last fact (1): "
        f"{_seconds(report['update_leaf'])}"
    )


def _print_cli(timings: dict[str, float]) -> None:
    print(
        "\nCLI `indicators check` on the bundled spec against a process that imports "
        "pydantic, pint, yaml and networkx and builds a pint registry (medians):"
    )
    print(
        f"  CPU:  {_seconds(timings['cli'])} vs {_seconds(timings['bare'])}, "
        f"ratio {timings['cli'] / timings['bare']:.2f}"
    )
    print(
        f"  wall: {_seconds(timings['cli_wall'])} vs {_seconds(timings['bare_wall'])}, "
        f"ratio {timings['cli_wall'] / timings['bare_wall']:.2f}"
    )


if __name__ == "__main__":
    main()
