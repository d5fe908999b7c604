"""Convert the Kazakhstan-to-Tajikistan remittances of the IOM report between currencies.

Run it from the repository root::

    .venv/bin/python examples/convert_remittances.py

The spec's exchange rates are illustrative (see the comment at its top), so
the converted figures show how the engine picks and reports rates, not what
the remittances were worth in tenge or somoni.
"""

from __future__ import annotations

from pathlib import Path

from indicators import evaluate, load_spec


SPEC = Path(__file__).with_name("remittances-in-currencies.yaml")


def main() -> list[str]:
    """Return one line per converted figure: value, unit and the rates used."""
    results = evaluate(load_spec(SPEC))
    lines = []
    for result in results:
        rates = ", ".join(result.inputs[1:])
        lines.append(
            f"{result.id} = {float(result.value):,.2f} {result.unit} "
            f"[{result.formula}; rates: {rates}; status: "
            f"{', '.join(result.observation_status) or 'normal'}]"
        )
    return lines


if __name__ == "__main__":
    import sys

    sys.stdout.write("\n".join(main()) + "\n")
