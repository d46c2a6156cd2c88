"""benchmarks/acts.py on a small slice of the real act-annotated dialogue in ../shared/data.

A guard, not the benchmark: the first 60 SGD dialogues of the held-out test split and three
Switchboard test conversations that hold all three measured acts. The floor (F1 > 0.6) sits well
below the targets (0.90 SGD, 0.80 Switchboard), so only a broken or badly widened phrase list
fails it. Run `python benchmarks/acts.py` for the real numbers. Skipped when the data is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FLOOR = 0.6
# SwDA test conversations with at least one fp (2503), fa (2434) and ft (2229) utterance.
SWDA_FILES = ("2229", "2434", "2503")

pytestmark = pytest.mark.data


@pytest.fixture(scope="module")
def acts(shared_data, benchmark_acts):
    for sub in ("sgd-sample/test", "swda/test"):
        if not (shared_data / sub).is_dir():
            pytest.skip(f"needs {shared_data / sub} (part of ../shared/data, absent here)")
    return benchmark_acts


@pytest.fixture(scope="module")
def rows(acts, shared_data):
    sgd = acts.measure(shared_data, "test", datasets=("sgd",), sgd_dialogues=60, show_errors=3)
    swda = acts.measure(shared_data, "test", datasets=("swda",), swda_files=SWDA_FILES,
                        show_errors=3)
    return sgd + swda


def _describe(r: dict) -> str:
    return (f"{r['act']} ({r['dataset']}, rule {r['rule']}, {r['scoring']}): "
            f"P={r['precision']:.2f} R={r['recall']:.2f} F1={r['f1']:.2f}; "
            f"false positives {[e['text'] for e in r['false_positives']]}, "
            f"false negatives {[e['text'] for e in r['false_negatives']]}")


def test_every_act_is_measured(rows):
    got = {(r["dataset"], r["act"]) for r in rows if r["scoring"] == "all turns"}
    assert got == {("sgd", "REQ_MORE"), ("sgd", "GOODBYE"), ("sgd", "THANK_YOU"),
                   ("swda", "fp"), ("swda", "fa"), ("swda", "ft")}
    for r in rows:
        assert r["positives"] > 0, _describe(r)
        assert r["tp"] + r["fn"] == r["positives"]
        assert 0 <= r["precision"] <= 1 and 0 <= r["recall"] <= 1 and 0 <= r["f1"] <= 1


@pytest.mark.parametrize("act", ["REQ_MORE", "GOODBYE", "THANK_YOU", "fp", "fa", "ft"])
def test_f1_floor(rows, act):
    for r in rows:
        if r["act"] == act and r["scoring"] == "all turns":
            assert r["f1"] > FLOOR, _describe(r)


def test_sgd_split_is_deterministic_and_disjoint(acts, shared_data):
    assert acts.sgd_split("1_00000") == acts.sgd_split("1_00000")
    dev = {t.dialogue for t in acts.sgd_turns(shared_data, "dev", limit=40)}
    test = {t.dialogue for t in acts.sgd_turns(shared_data, "test", limit=40)}
    assert dev and test and not dev & test


def test_window_rows_follow_the_standards(rows):
    """GOODBYE and REQ_MORE are scored again inside their standard's window; THANK_YOU, a
    phrase list of no standard, is not."""
    windows = {r["act"]: r for r in rows if r["dataset"] == "sgd" and r["scoring"] != "all turns"}
    assert set(windows) == {"GOODBYE", "REQ_MORE"}
    assert windows["GOODBYE"]["scoring"] == "last 2 turns"
    assert windows["REQ_MORE"]["scoring"] == "last 3 turns, goodbyes skipped"
    every = {r["act"]: r for r in rows if r["dataset"] == "sgd" and r["scoring"] == "all turns"}
    for act, r in windows.items():
        assert 0 < r["turns"] < every[act]["turns"], _describe(r)
        assert r["f1"] > FLOOR, _describe(r)
