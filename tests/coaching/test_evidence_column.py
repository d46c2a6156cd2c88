"""Coaching reads evidence from the results frame's `evidence` column, and still from the
`evidence_json` text of frames written by older versions, with the same outcome."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from csnlp.coaching.analysis import evidence_items, gaps
from csnlp.coaching.report import load_results, render_html

TIPS = {"greeting": "Open every call with a greeting.", "closing": "Thank and say goodbye."}


def _old(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame as csnlp wrote it before: evidence as a JSON string column."""
    text = [json.dumps(items) for items in frame["evidence"]]
    return frame.drop(columns=["evidence"]).assign(evidence_json=text)


def test_the_frame_carries_evidence_as_lists_of_dicts(frame):
    missed = frame[frame["status"] == "missed"]
    assert all(isinstance(cell, list) and cell for cell in missed["evidence"])
    assert "evidence_json" not in frame.columns


def test_evidence_items_are_the_same_from_an_old_frame(frame):
    new = evidence_items(frame, status=None)
    assert len(new) > 0 and set(new["rule"]) >= {"looked:phrase:greeting"}
    pd.testing.assert_frame_equal(evidence_items(_old(frame), status=None), new)


def test_gap_snippets_are_the_same_from_an_old_frame(frame):
    new = gaps(frame, standards=TIPS)
    assert any(new["evidence"].map(len))
    assert gaps(_old(frame), standards=TIPS)["evidence"].tolist() == new["evidence"].tolist()


@pytest.mark.parametrize("suffix", [".parquet", ".csv"], ids=["parquet", "csv"])
def test_an_old_results_file_gives_the_same_report(tmp_path, frame, suffix):
    path = tmp_path / f"old{suffix}"
    old = _old(frame)
    old.to_parquet(path) if suffix == ".parquet" else old.to_csv(path, index=False)
    loaded = load_results(path)
    assert loaded["evidence"].tolist() == frame["evidence"].tolist()
    assert render_html(loaded, standards=TIPS) == render_html(frame, standards=TIPS)
