from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"needs the shared datasets at {SHARED_DATA} (absent on this machine)")
    return SHARED_DATA


@pytest.fixture(scope="session")
def evaluator():
    """A rule-only evaluator of the default pack (no tone model), built once."""
    from csnlp.evaluator import Evaluator

    return Evaluator("contact_center", tone_model=None)


def load_benchmark(name: str):
    """benchmarks/<name>.py as a module (the benchmarks are scripts, not a package)."""
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location(f"csnlp_benchmark_{name}",
                                                  REPO / "benchmarks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def benchmark_acts():
    """benchmarks/acts.py as a module, loaded once."""
    return load_benchmark("acts")


@pytest.fixture(scope="session")
def benchmark_frustration():
    """benchmarks/frustration.py as a module, loaded once."""
    return load_benchmark("frustration")
