"""benchmarks/frustration.py `--labelled`: a team's own labelled lines scored by the shipped model.

Lines written here for the test only (not a measurement): a clear complaint must outscore a
clear calm line, and malformed files stop with the file and line named.
"""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def bench(benchmark_frustration):
    return benchmark_frustration


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "lines.tsv"
    path.write_text("label\ttext\n" + body, encoding="utf-8")
    return path


def test_labelled_lines_give_auc_and_trigger_rates(bench, tmp_path):
    from csnlp.ml.tone import default_tone_model

    model = default_tone_model()
    if model is None:
        pytest.skip("no shipped tone model")
    path = _write(tmp_path, "1\tfourth email about the same refund and still nothing, useless\n"
                            "1\tthis is absolutely unacceptable, I want my money back NOW\n"
                            "0\tthanks, that's everything for today\n"
                            "0\tcould you tell me when the store opens on sunday?\n")
    out = bench.labelled(path, bench.Scorer(model, 0.7))
    assert out["frustrated"]["n"] == 2 and out["calm"]["n"] == 2
    assert out["auc"] == 1.0
    assert out["calm"]["over"] == 0.0


@pytest.mark.parametrize("body, where", [
    ("2\tnot a label\n", ":2:"),
    ("1\ttwo\ttabs\n0\tok\n", ":2:"),
    ("1\tonly complaints here\n", "both labels"),
])
def test_malformed_labelled_file_names_the_place(bench, tmp_path, body, where):
    with pytest.raises(SystemExit) as err:
        bench.read_labelled(_write(tmp_path, body))
    assert where in str(err.value) and "lines.tsv" in str(err.value)
