"""The built-in check kinds, one module each: its options model, its detector and its docs.

A module added here is a new built-in kind: `csnlp.standards.kinds.load_kinds()` imports every
module of this package (names starting with `_` excepted), and the module's detector registers
itself with `@csnlp.detectors.register("kind")`. Nothing else needs to list it.
"""

from __future__ import annotations

from typing import Any

from csnlp.standards.kinds import kinds


def __getattr__(name: str) -> Any:
    """Old import paths: `csnlp.detectors.kinds.RequireDetector` and the like."""
    for kind in kinds().values():
        if kind.builtin and kind.detector is not None and kind.detector.__name__ == name:
            return kind.detector
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
