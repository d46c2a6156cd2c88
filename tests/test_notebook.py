"""The notebooks run top to bottom in a kernel of this interpreter (as in CI). coaching_gaps is
committed executed, so a reader sees its outputs on the forge; calibration is committed with its
outputs cleared (they would quote Harper Valley calls, which may not be published).

Re-execute coaching_gaps after changing it (its outputs skip the Harper Valley section):

    CSNLP_HARPER_VALLEY= jupyter execute --inplace notebooks/coaching_gaps.ipynb
"""

from __future__ import annotations

import json
import re
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


def test_calibration_notebook_outputs_are_cleared():
    nb = nbformat.read(CALIBRATION, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


def _code_cells(notebook: Path) -> list:
    return [c for c in nbformat.read(notebook, as_version=4).cells if c.cell_type == "code"]


def test_coaching_notebook_opens_by_loading_a_results_file():
    first = _code_cells(NOTEBOOK)[1].source  # right after the imports
    assert re.search(r"^RESULTS = None", first, re.M) and "csnlp.read_results(RESULTS)" in first


def test_coaching_notebook_is_committed_executed_without_errors():
    cells = _code_cells(NOTEBOOK)
    assert [c.execution_count for c in cells] == list(range(1, len(cells) + 1))
    outputs = [out for c in cells for out in c.outputs]
    assert sum("image/png" in out.get("data", {}) for out in outputs) >= 3  # the figures
    bad = [out for out in outputs if out.output_type == "error"
           or (out.output_type == "stream" and out.name == "stderr")]
    assert bad == []


#: Absolute paths of a machine: POSIX homes and work folders, temp folders, Windows drives.
_ABSOLUTE = re.compile(r"(?<![\w.])(?:/(?:work|home|Users|root|tmp|var|private|mnt|opt)/"
                       r"|[A-Za-z]:\\)")


def _output_text(cells: list) -> str:
    """Every text an output holds (streams, text/plain, text/html), PNG data left out."""
    parts = []
    for out in (o for c in cells for o in c.outputs):
        parts.append(out.get("text", ""))
        parts += [v for k, v in out.get("data", {}).items() if k.startswith("text/")]
    return "\n".join(p if isinstance(p, str) else "".join(p) for p in parts)


def test_coaching_notebook_outputs_hold_no_paths_nor_personal_data():
    from csnlp.redact import Redactor

    cells = _code_cells(NOTEBOOK)
    text = _output_text(cells)
    assert "calls, " in text and "Focus: " in text  # the outputs are there to check
    assert not _ABSOLUTE.search(text), _ABSOLUTE.search(text)
    assert str(NOTEBOOKS.parent) not in json.dumps(nbformat.read(NOTEBOOK, as_version=4))
    assert Redactor().find(text) == []
    # Harper Valley calls may not be published: the committed run skipped their section
    harper = next(c for c in cells if "HARPER_VALLEY" in c.source and "hv_frame = None" in c.source)
    assert [o.get("text", "") for o in harper.outputs] == [
        "Harper Valley calls not found: skipping this section (CSNLP_HARPER_VALLEY names their "
        "folder)\n"]


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
