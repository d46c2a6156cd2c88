"""The notebooks run top to bottom in a kernel of this interpreter (as in CI), and are committed
with their outputs cleared."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat", reason="nbformat is not installed (pip install "
                               "-e '.[test]')")
nbclient = pytest.importorskip("nbclient", reason="nbclient is not installed (pip install "
                               "-e '.[test]')")
pytest.importorskip("ipykernel", reason="ipykernel is not installed (pip install -e '.[test]')")

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
NOTEBOOK = NOTEBOOKS / "coaching_gaps.ipynb"
CALIBRATION = NOTEBOOKS / "calibration.ipynb"


@pytest.fixture
def kernel_name(tmp_path, monkeypatch) -> str:
    """A kernelspec for *this* interpreter, so a fresh machine needs no `ipykernel install`."""
    from ipykernel.kernelspec import install

    prefix = tmp_path / "jupyter"
    install(prefix=str(prefix), kernel_name="csnlp-test", display_name="csnlp test")
    monkeypatch.setenv("JUPYTER_PATH", str(prefix / "share" / "jupyter"))
    return "csnlp-test"


@pytest.mark.parametrize("notebook", [NOTEBOOK, CALIBRATION], ids=lambda p: p.stem)
def test_notebook_outputs_are_cleared(notebook):
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


def _run(notebook: Path, kernel_name: str) -> tuple[str, float]:
    """Execute `notebook` in memory; its printed text and the seconds it took."""
    nb = nbformat.read(notebook, as_version=4)
    client = nbclient.NotebookClient(nb, kernel_name=kernel_name, timeout=300,
                                     resources={"metadata": {"path": str(notebook.parent)}})
    started = time.monotonic()
    client.execute()  # raises CellExecutionError, with the cell and traceback, on any error
    elapsed = time.monotonic() - started
    text = "\n".join(out.get("text", "") for cell in nb.cells if cell.cell_type == "code"
                     for out in cell.outputs)
    print(f"{notebook.name} ran in {elapsed:.0f}s with {sys.executable}")
    return text, elapsed


@pytest.mark.slow
def test_notebook_runs_top_to_bottom(kernel_name):
    text, _ = _run(NOTEBOOK, kernel_name)
    assert "calls, " in text and "Focus: " in text and "wrote " in text


@pytest.mark.slow
@pytest.mark.data
def test_calibration_notebook_runs_top_to_bottom(kernel_name, shared_data):
    if not (shared_data / "harper-valley").is_dir():
        pytest.skip(f"the calibration notebook needs {shared_data / 'harper-valley'}")
    text, elapsed = _run(CALIBRATION, kernel_name)
    assert "100 calls (0 unreadable), 1100 labels" in text
    assert "worst standard: " in text and "changed / note" in text and "overall kappa: " in text
    assert elapsed < 60
