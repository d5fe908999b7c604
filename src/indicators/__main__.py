"""Run the command-line interface as ``python -m indicators``."""

from __future__ import annotations

from .presentation.cli import main


main()
