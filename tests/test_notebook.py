"""notebooks/coaching_gaps.ipynb runs top to bottom in a kernel of this interpreter (as in CI)."""

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

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "coaching_gaps.ipynb"


@pytest.fixture
def kernel_name(tmp_path, monkeypatch) -> str:
    """A kernelspec for *this* interpreter, so a fresh machine needs no `ipykernel install`."""
    from ipykernel.kernelspec import install

    prefix = tmp_path / "jupyter"
    install(prefix=str(prefix), kernel_name="csnlp-test", display_name="csnlp test")
    monkeypatch.setenv("JUPYTER_PATH", str(prefix / "share" / "jupyter"))
    return "csnlp-test"


def test_notebook_outputs_are_cleared():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


@pytest.mark.slow
def test_notebook_runs_top_to_bottom(kernel_name):
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(nb, kernel_name=kernel_name, timeout=300,
                                     resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    started = time.monotonic()
    client.execute()  # raises CellExecutionError, with the cell and traceback, on any error
    elapsed = time.monotonic() - started
    text = "\n".join(out.get("text", "") for cell in nb.cells if cell.cell_type == "code"
                     for out in cell.outputs)
    assert "calls, " in text and "Focus: " in text and "wrote " in text
    print(f"notebook ran in {elapsed:.0f}s with {sys.executable}")
