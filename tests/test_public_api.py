"""The package's public surface is exactly what `__all__` declares."""

from __future__ import annotations
import __future__

import indicators


class TestExports:
    def test_all_lists_every_public_name_and_only_those(self) -> None:
        """`__all__` equals the public names of the package, sorted."""
        public = {
            name
            for name, value in vars(indicators).items()
            if not name.startswith("_")
            and not isinstance(value, type(indicators) | __future__._Feature)
        }

        assert set(indicators.__all__) == public
        assert list(indicators.__all__) == sorted(indicators.__all__)

    def test_every_error_shares_one_root(self) -> None:
        """Every exported exception derives from `IndicatorError`."""
        errors = [
            value
            for value in map(vars(indicators).get, indicators.__all__)
            if isinstance(value, type) and issubclass(value, Exception)
        ]

        assert errors
        assert all(issubclass(error, indicators.IndicatorError) for error in errors)
