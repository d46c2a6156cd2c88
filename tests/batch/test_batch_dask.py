"""`csnlp.dask` on a 2-worker LocalCluster gives the same rows as `evaluate_many`."""

from __future__ import annotations

import json

import pandas as pd
import pytest

pytest.importorskip("dask.distributed")

import dask.bag as db  # noqa: E402
import dask.dataframe as dd  # noqa: E402
from dask.distributed import Client, LocalCluster  # noqa: E402

from csnlp.batch import evaluate_many  # noqa: E402
from csnlp.dask import evaluate_bag, evaluate_dataframe  # noqa: E402
from csnlp.frames import (
    read_results,  # noqa: E402
    reports_to_frame,  # noqa: E402
)
from csnlp.table import SOURCE_COLUMNS  # noqa: E402
from csnlp.writers import OUTPUT_COLUMNS  # noqa: E402


@pytest.fixture(scope="module")
def client():
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                           host="127.0.0.1", dashboard_address="127.0.0.1:0")
    with cluster, Client(cluster) as c:
        yield c


@pytest.fixture(scope="module")
def transcripts(conversation):
    convs = []
    for i in range(24):
        conv = conversation(i, timed=i % 2 == 0)
        conv["metadata"] = {"agent_id": f"A{i % 3}", "team": "blue" if i % 2 else "green"}
        convs.append(conv)
    return convs


def expected(transcripts) -> pd.DataFrame:
    return reports_to_frame(evaluate_many(transcripts, batch_size=5))


def same_rows(got: pd.DataFrame, want: pd.DataFrame, *, sort: bool) -> None:
    """Dask's stored rows read back equal the in-memory results frame, but for where each
    input came from (a Dask item's source is its partition and record)."""
    assert list(got.columns) == list(OUTPUT_COLUMNS)
    got = read_results(got).drop(columns=list(SOURCE_COLUMNS))
    want = want.drop(columns=list(SOURCE_COLUMNS))
    if sort:
        got = got.sort_values(["transcript_id", "standard_id"])
        want = want.sort_values(["transcript_id", "standard_id"])
    pd.testing.assert_frame_equal(got.reset_index(drop=True), want.reset_index(drop=True))


def test_evaluate_bag_equals_evaluate_many(client, transcripts):
    rows = evaluate_bag(db.from_sequence(transcripts, npartitions=3), batch_size=4)
    same_rows(rows.compute(), expected(transcripts), sort=False)


def test_evaluate_bag_of_json_lines_records_broken_lines(client, transcripts, tmp_path):
    path = tmp_path / "archive.jsonl"
    lines = [json.dumps(t) for t in transcripts]
    lines.insert(5, '{"id": "torn", "tu')
    path.write_text("\n".join(lines) + "\n")
    rows = evaluate_bag(db.read_text(str(path), blocksize=2000), json_lines=True).compute()
    errors = rows[rows["status"] == "error"]
    assert len(errors) == 1 and "not valid JSON" in errors["error"].iloc[0]
    same_rows(rows[rows["status"] != "error"], expected(transcripts), sort=False)


def test_evaluate_dataframe_turns_equals_evaluate_many(client, transcripts, tmp_path):
    flat = [{"conversation_id": t["id"], "turn_index": k, "speaker": turn["speaker"],
             "text": turn["text"], "start": turn.get("start"), "end": turn.get("end"),
             **t["metadata"]}
            for t in transcripts for k, turn in enumerate(t["turns"])]
    turns = pd.DataFrame(flat).sample(frac=1.0, random_state=0)  # rows in any order
    ddf = dd.from_pandas(turns, npartitions=4)
    rows = evaluate_dataframe(ddf, layout="turns", batch_size=4)
    same_rows(rows.compute(), expected(transcripts), sort=True)
    out = tmp_path / "rows.parquet"
    rows.to_parquet(out)  # the result is ready for to_parquet
    assert len(pd.read_parquet(out)) == 11 * len(transcripts)


def test_evaluate_dataframe_turns_in_row_order_when_partitioned(client, transcripts):
    flat = [{"conversation_id": t["id"], "speaker": turn["speaker"], "text": turn["text"],
             "start": turn.get("start"), "end": turn.get("end"), **t["metadata"]}
            for t in transcripts for turn in t["turns"]]
    ddf = dd.from_pandas(pd.DataFrame(flat), npartitions=1)
    rows = evaluate_dataframe(ddf, partitioned=True).compute()
    same_rows(rows, expected(transcripts), sort=False)


def test_evaluate_dataframe_transcripts_equals_evaluate_many(client, transcripts):
    frame = pd.DataFrame({"conversation_id": [t["id"] for t in transcripts],
                          "turns": [json.dumps(t["turns"]) for t in transcripts],
                          "agent_id": [t["metadata"]["agent_id"] for t in transcripts],
                          "team": [t["metadata"]["team"] for t in transcripts]})
    rows = evaluate_dataframe(dd.from_pandas(frame, npartitions=3), layout="transcripts")
    same_rows(rows.compute(), expected(transcripts), sort=False)
