from __future__ import annotations

from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parent / "samples"
HARPER_VALLEY = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "harper-valley"


@pytest.fixture(scope="session")
def samples() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def hv_dir() -> Path:
    if not (HARPER_VALLEY / "transcript").is_dir():
        pytest.skip(f"needs the Harper Valley calls at {HARPER_VALLEY.resolve()} (../shared/data "
                    "beside the repository), absent on this machine")
    return HARPER_VALLEY
