"""The package keeps the typing its README promises to programs importing it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent


class TestTyping:
    def test_the_package_type_checks_under_mypy_strict(self) -> None:
        """Mypy, configured strict in pyproject.toml, finds no error in the package.

        The package ships `py.typed`, so the annotations are a contract with
        every caller's type checker; running mypy here, as the rest of the
        suite runs, keeps a change from breaking it unnoticed.
        """
        completed = subprocess.run(
            [sys.executable, "-m", "mypy", "src/indicators"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )

        report = completed.stdout + completed.stderr
        assert completed.returncode == 0, report
        assert report.startswith("Success: no issues found"), report
