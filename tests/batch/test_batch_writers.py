"""Part files: complete or absent, one schema for every part, assembled in input order."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from csnlp.errors import InputError
from csnlp.results import Report
from csnlp.writers import (
    OUTPUT_COLUMNS,
    PartStore,
    output_format,
    output_schema,
    reports_table,
)


def report(i: int, **metadata) -> Report:
    return Report.failed(f"t{i}", "boom", source={"input_index": i, "file": "a.jsonl",
                                                  "line": i + 1}, metadata=metadata)


@pytest.mark.parametrize("metadata", [
    {}, {"agent_id": 46, "team": "blue"}, {"date": "2024-01-02", "nested": {"a": [1, 2]}},
    {"agent_id": None, "extra": True},
], ids=["none", "int-agent", "nested", "null"])
def test_one_schema_whatever_the_metadata(metadata):
    table = reports_table([report(0, **metadata)])
    assert table.schema == output_schema()
    row = table.to_pylist()[0]
    assert json.loads(row["metadata_json"] or "{}") == metadata
    if metadata.get("agent_id") is not None:
        assert row["agent_id"] == str(metadata["agent_id"])
    assert (row["input_index"], row["source_file"], row["source_line"]) == (0, "a.jsonl", 1)


@pytest.mark.parametrize("fmt", ["jsonl", "parquet", "csv"])
def test_parts_assemble_in_order_and_resume_ignores_torn_writes(tmp_path, fmt):
    out = tmp_path / f"out.{fmt}"
    store = PartStore(out)
    assert store.start({"job": 1}, resume=False) == {}
    store.write_part(1, [report(2), report(3, team="x")])
    store.write_part(0, [report(0), report(1, agent_id="a")])
    (store.parts_dir / f".part-00000002.{fmt}.tmp-123").write_bytes(b"half a part")
    again = PartStore(out)
    done = again.start({"job": 1}, resume=True)
    assert sorted(done) == [0, 1] and done[0].failed == 2
    assert not list(again.parts_dir.glob(".*.tmp-*"))
    with pytest.raises(InputError, match="missing"):
        again.assemble(3)
    again.write_part(2, [report(4)])
    again.assemble(3)
    assert not again.parts_dir.exists()
    if fmt == "jsonl":
        ids = [json.loads(line)["transcript_id"] for line in out.read_text().splitlines()]
    else:
        df = pd.read_parquet(out) if fmt == "parquet" else pd.read_csv(out)
        assert list(df.columns) == list(OUTPUT_COLUMNS)
        ids = list(df["transcript_id"])
    assert ids == ["t0", "t1", "t2", "t3", "t4"]


def test_resume_refuses_another_jobs_parts(tmp_path):
    store = PartStore(tmp_path / "o.jsonl")
    store.start({"inputs": ["a"], "batch_size": 8}, resume=False)
    with pytest.raises(InputError, match="batch_size"):
        PartStore(tmp_path / "o.jsonl").start({"inputs": ["a"], "batch_size": 9}, resume=True)


def test_unknown_extension_names_the_file():
    with pytest.raises(InputError, match="out.txt.*.csv, .jsonl"):
        output_format("out.txt")


def test_table_columns_equal_the_row_definition(evaluator):
    """reports_table builds columns straight from tuples; it must hold exactly output_rows."""
    from csnlp.writers import output_rows

    reports = evaluator.evaluate_batch([
        {"id": "a", "turns": [{"speaker": "agent", "text": "Hello, I'm Sam. How can I help?"},
                              {"speaker": "customer", "text": "My card was declined, ugh."},
                              {"speaker": "agent", "text": "I'm so sorry. Anything else?"}],
         "metadata": {"agent_id": 7, "team": "blue", "customer_name": "Ana"}},
        {"id": "b", "turns": []},  # invalid: an error row
    ])
    reports.append(report(9, team="x"))
    rows = [row for r in reports for row in output_rows(r)]
    assert reports_table(reports).to_pylist() == rows
    assert len(rows) > 10 and any(row["status"] == "error" for row in rows)
    assert reports_table([]).num_rows == 0


def _read_ids(out, fmt):
    if fmt == "jsonl":
        return [json.loads(line)["transcript_id"] for line in out.read_text().splitlines()]
    df = pd.read_parquet(out) if fmt == "parquet" else pd.read_csv(out)
    assert list(df.columns) == list(OUTPUT_COLUMNS)
    return list(df["transcript_id"])


@pytest.mark.parametrize("fmt", ["jsonl", "parquet", "csv"])
def test_assembly_appends_parts_as_they_complete_in_input_order(tmp_path, fmt):
    """Parts complete out of order; each is appended once all parts before it are in."""
    out = tmp_path / f"out.{fmt}"
    store = PartStore(out)
    store.start({"job": 1}, resume=False)
    assembly = store.assembly(row_group_rows=3)
    for index in (2, 0, 3, 1):
        store.write_part(index, [report(2 * index), report(2 * index + 1)])
        assembly.add(index)
        if index == 0:
            assert assembly.next == 1  # part 0 is in, part 1 not yet: 2 and 3 wait
        elif index == 3:
            assert assembly.next == 1
    assert assembly.next == 4
    assert assembly.tmp.is_file() and not out.exists()  # built beside the parts until finish
    assembly.finish(4)
    assert not store.parts_dir.exists()
    assert _read_ids(out, fmt) == [f"t{i}" for i in range(8)]


@pytest.mark.parametrize("fmt", ["jsonl", "parquet", "csv"])
def test_an_aborted_assembly_leaves_the_parts_to_resume_from(tmp_path, fmt):
    out = tmp_path / f"out.{fmt}"
    store = PartStore(out)
    store.start({"job": 1}, resume=False)
    assembly = store.assembly()
    store.write_part(0, [report(0)])
    assembly.add(0)
    assembly.abort()
    assert not assembly.tmp.exists() and not out.exists()
    assert sorted(PartStore(out).start({"job": 1}, resume=True)) == [0]
    store.write_part(1, [report(1)])
    store.assemble(2)
    assert _read_ids(out, fmt) == ["t0", "t1"]


@pytest.mark.parametrize("fmt", ["jsonl", "parquet", "csv"])
def test_an_empty_job_gives_an_empty_readable_output(tmp_path, fmt):
    out = tmp_path / f"out.{fmt}"
    store = PartStore(out)
    store.start({"job": 1}, resume=False)
    store.assemble(0)
    if fmt == "jsonl":
        assert out.read_bytes() == b""
    else:
        assert _read_ids(out, fmt) == []


def test_a_parquet_part_handed_over_as_its_table_is_not_read_back(tmp_path):
    out = tmp_path / "out.parquet"
    store = PartStore(out)
    store.start({"job": 1}, resume=False)
    assembly = store.assembly()
    stats, table = store.write_part_table(0, [report(0), report(1)])
    assert stats.records == 2 and table.num_rows == 2 and table.schema == output_schema()
    store.part_path(0).write_bytes(b"not parquet")  # the file is there for --resume only
    assembly.add(0, table)
    assembly.finish(1)
    assert _read_ids(out, "parquet") == ["t0", "t1"]
    jsonl = PartStore(tmp_path / "out.jsonl")
    jsonl.start({"job": 1}, resume=False)
    assert jsonl.write_part_table(0, [report(0)])[1] is None  # other formats: the file is it
