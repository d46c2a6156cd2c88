"""One results table: reports_to_frame, the CLI's JSONL / Parquet / CSV read back with
`read_results`, and Dask give the identical frame, user metadata and error rows included."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pandas as pd
import pytest

import csnlp
from csnlp.batch import evaluate_many
from csnlp.cli import main
from csnlp.coaching.report import count_calls
from csnlp.errors import InputError
from csnlp.frames import read_results
from csnlp.io import iter_records
from csnlp.results import Evidence, EvidenceRole, Report, SearchedWindow, StandardResult, Status
from csnlp.table import (
    EVIDENCE_FIELDS,
    FIXED_COLUMNS,
    SOURCE_COLUMNS,
    arrow_type,
    reports_table,
    reports_to_frame,
    stored_schema,
)
from csnlp.writers import PartStore

FORMATS = [".jsonl", ".parquet", ".csv"]
FORMAT_IDS = ["jsonl", "parquet", "csv"]
REGIONS = ["north", "south", "east"]

#: Metadata the file readers add (not the Dask readers, until one ingest path serves both).
READER_KEYS = ["roles_source", "roles_uncertain", "source_format"]


def _metadata(i: int) -> dict:
    """User metadata of many kinds; some keys only on some transcripts."""
    meta: dict = {"region": REGIONS[i % 3], "agent_id": f"A{i % 2}",
                  "date": f"2024-03-{1 + i:02d}", "survey": {"csat": i % 5, "tags": ["x", i]}}
    if i % 2:
        meta["priority"] = i
        meta["vip"] = i % 4 == 1
    if i % 3 == 0:
        meta["handle_s"] = 12.5 * i
    return meta


@pytest.fixture
def archive(tmp_path, conversation) -> Path:
    """A JSONL file of eight conversations with user metadata, one malformed record, and two
    records that cannot be read at all (their transcript id is unknown: the empty id)."""
    lines = []
    for i in range(8):
        conv = conversation(i, timed=i % 2 == 0)
        conv["metadata"] = _metadata(i)
        lines.append(json.dumps(conv))
    lines.insert(3, json.dumps({"id": "bad-turns", "turns": "oops"}))
    lines.insert(5, '{"id": "torn", "tu')
    lines.append("not json at all")
    path = tmp_path / "calls.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _cli(archive: Path, out: Path) -> pd.DataFrame:
    assert main(["evaluate", str(archive), "--out", str(out), "--no-progress",
                 "--batch-size", "4"]) == 0
    return read_results(out)


@pytest.fixture
def in_memory(archive) -> pd.DataFrame:
    return reports_to_frame(evaluate_many(iter_records(archive), batch_size=4))


def test_in_memory_frame_has_the_user_metadata_and_the_error_rows(in_memory):
    frame = in_memory
    metadata = ["agent_id", "date", "handle_s", "priority", "region", *READER_KEYS, "survey",
                "vip"]
    assert list(frame.columns) == [*FIXED_COLUMNS, *metadata]
    assert frame["priority"].dtype == "Int64" and frame["vip"].dtype == "boolean"
    assert frame["handle_s"].dtype == "float64" and frame["region"].dtype == object
    assert frame["input_index"].dtype == "Int64" and frame["score"].dtype == "float64"
    errors = frame[frame["status"] == "error"]
    assert len(errors) == 3 and errors["error"].notna().all()
    assert list(errors["source_line"]) == [4, 6, 11]
    good = frame[frame["status"] != "error"]
    assert len(good) == 8 * 11 and set(good["region"]) == set(REGIONS)
    assert json.loads(good["survey"].iloc[0]) == {"csat": 0, "tags": ["x", 0]}
    evidence = good["evidence"].iloc[0]
    assert isinstance(evidence, list) and list(evidence[0]) == list(EVIDENCE_FIELDS)


@pytest.mark.parametrize("suffix", FORMATS, ids=FORMAT_IDS)
def test_cli_output_read_back_is_the_in_memory_frame(archive, in_memory, tmp_path, suffix):
    got = _cli(archive, tmp_path / f"results{suffix}")
    pd.testing.assert_frame_equal(got, in_memory)


def test_dask_rows_read_back_are_the_in_memory_frame(archive, in_memory):
    """Dask names an input by partition and record and says so in its error messages, so
    those columns differ, and it reads lines, not a file (no `source_format`); all else, the
    roles the one ingest path infers included, is the same frame."""
    pytest.importorskip("dask.bag")
    import dask
    import dask.bag as db

    from csnlp.dask import evaluate_bag

    with dask.config.set(scheduler="sync"):
        rows = evaluate_bag(db.read_text(str(archive)), json_lines=True, batch_size=4)
        got = read_results(rows)
    place = [*SOURCE_COLUMNS, "error", "explanation"]
    assert got["error"].notna().tolist() == in_memory["error"].notna().tolist()
    # An input without an id is named by its place: "calls.jsonl:6" from the file,
    # "partition-0:record-6" from Dask's lines. Both named, and the rest identical.
    anonymous = ~in_memory["transcript_id"].str.startswith(("c0", "bad"))
    assert anonymous.sum() == 2 and got.loc[anonymous, "transcript_id"].str.len().gt(0).all()
    got.loc[anonymous, "transcript_id"] = in_memory.loc[anonymous, "transcript_id"]
    pd.testing.assert_frame_equal(got.drop(columns=place),
                                  in_memory.drop(columns=[*place, "source_format"]))


@pytest.mark.parametrize("suffix", FORMATS, ids=FORMAT_IDS)
def test_reports_written_by_a_part_store_read_back_as_reports_to_frame(tmp_path, evaluator,
                                                                       suffix):
    """Metadata that is not JSON yet (a date, a nested dict with a tuple) is the same frame
    in memory and from every file."""
    reports = evaluator.evaluate_batch([
        {"id": f"t{i}", "metadata": {"region": REGIONS[i], "day": datetime.date(2024, 5, i + 1),
                                     "nested": {"k": (i, "v")}},
         "turns": [{"speaker": "agent", "text": "Hello, I'm Sam. How can I help?"},
                   {"speaker": "customer", "text": "My card was declined, ugh."},
                   {"speaker": "agent", "text": "I'm so sorry. Anything else? Goodbye!"}]}
        for i in range(3)])
    reports.append(Report.failed("", "boom", source={"input_index": 3}))
    store = PartStore(tmp_path / f"out{suffix}")
    store.start({"job": 1}, resume=False)
    store.write_part(0, reports[:2])
    store.write_part(1, reports[2:])
    got = read_results(store.assemble(2))
    want = reports_to_frame(reports)
    days = want.drop_duplicates("transcript_id")["day"]
    assert list(days) == ["2024-05-01", "2024-05-02", "2024-05-03", None]
    pd.testing.assert_frame_equal(got, want)


@pytest.mark.parametrize("suffix", FORMATS, ids=FORMAT_IDS)
def test_report_by_a_user_metadata_column_works_on_every_format(archive, tmp_path, capsys,
                                                                 suffix):
    out = tmp_path / f"results{suffix}"
    _cli(archive, out)
    capsys.readouterr()
    html = tmp_path / "report.html"
    assert main(["report", str(out), "--by", "region", "--out", str(html)]) == 0
    # 11 inputs (3 failed, two of them with the empty id): the same count from every format
    assert "11 transcripts, 3 region groups" in capsys.readouterr().out
    page = html.read_text(encoding="utf-8")
    assert all(region in page for region in REGIONS)


@pytest.mark.parametrize("suffix", FORMATS, ids=FORMAT_IDS)
def test_counts_are_the_inputs_in_every_format(archive, in_memory, tmp_path, suffix):
    frame = _cli(archive, tmp_path / f"results{suffix}")
    assert count_calls(frame) == count_calls(in_memory) == 11
    # the unreadable records are named by their place in the file, in CSV too
    assert sorted(frame.loc[frame["status"] == "error", "transcript_id"]) == [
        "bad-turns", "calls.jsonl:11", "calls.jsonl:6"]


def test_read_results_of_several_files_and_of_a_results_frame(archive, in_memory, tmp_path):
    a, b = _cli(archive, tmp_path / "a.parquet"), _cli(archive, tmp_path / "b.csv")
    both = read_results([tmp_path / "a.parquet", tmp_path / "b.csv"])
    pd.testing.assert_frame_equal(both, pd.concat([a, b], ignore_index=True))
    pd.testing.assert_frame_equal(read_results(in_memory), in_memory)
    assert csnlp.read_results is read_results


def test_files_of_older_versions_with_evidence_json_read_back(in_memory, tmp_path):
    table = reports_table(evaluate_many([{"id": "x", "turns": [
        {"speaker": "agent", "text": "Hello, I'm Sam."}], "metadata": {"region": "north"}}]))
    evidence = table.column("evidence").to_pylist()
    old = table.drop_columns(["evidence"]).append_column(
        "evidence_json", __import__("pyarrow").array([json.dumps(e) for e in evidence]))
    import pyarrow.parquet as pq

    pq.write_table(old, tmp_path / "old.parquet")
    pd.testing.assert_frame_equal(read_results(tmp_path / "old.parquet"), read_results(table))


@pytest.mark.parametrize("name, message", [
    ("results.xlsx", r"results\.xlsx.*unknown results format"),
    ("missing.parquet", r"missing\.parquet: no such results file"),
], ids=["extension", "missing"])
def test_read_results_names_the_file(tmp_path, name, message):
    path = tmp_path / name
    if name.endswith(".xlsx"):
        path.write_bytes(b"")
    with pytest.raises(InputError, match=message):
        read_results(path)


def test_evidence_struct_has_every_evidence_field():
    ev = Evidence(0, "agent", 0, 5, "Hello", "phrase:greetings", score=0.5, context="Hello!")
    assert list(EVIDENCE_FIELDS) == list(ev.to_dict())
    report = Report("t", (StandardResult("greeting", Status.MET, 1.0, (ev,)),))
    assert reports_table([report]).column("evidence").to_pylist() == [[ev.to_dict()]]


#: Evidence of several roles; the searched window and the timings are typed data.
TYPED = (
    Evidence(0, "agent", 0, 5, "Hey", context="Hey", role=EvidenceRole.SEARCHED,
             window=SearchedWindow("the agent's first 2 turns", (0, 2))),
    Evidence(1, "customer", 4, 10, "fed up", context="I'm fed up", role=EvidenceRole.TRIGGER,
             label="phrase:frustration"),
    Evidence(2, "agent", 0, 4, "Sure", context="Sure", role=EvidenceRole.TONE, label="polite",
             score=0.25),
    Evidence(2, "agent", 0, 4, "Sure", context="Sure", role=EvidenceRole.TIMING, label="reply",
             seconds=42.5),
)
NEW_FIELDS = ("role", "label", "window", "seconds")


def test_the_evidence_column_carries_role_label_window_and_seconds(tmp_path):
    import pyarrow as pa

    struct = reports_table([]).schema.field("evidence").type.value_type
    assert [struct.field(n).name for n in NEW_FIELDS] == list(NEW_FIELDS)
    assert struct.field("window").type == pa.struct([("description", pa.string()),
                                                     ("turns", pa.list_(pa.int64()))])
    report = Report("t", (StandardResult("greeting", Status.MISSED, 0.0, TYPED),))
    cell = reports_to_frame([report])["evidence"].iloc[0]
    assert cell == [e.to_dict() for e in TYPED]
    assert cell[0]["window"] == {"description": "the agent's first 2 turns", "turns": [0, 2]}


def _old_file(report: Report, path: Path) -> None:
    """`report` as csnlp wrote it before evidence had role, label, window and seconds."""
    import pyarrow as pa

    def old(items):
        return [{k: v for k, v in e.items() if k not in NEW_FIELDS} for e in items]

    if path.suffix == ".jsonl":
        d = report.to_dict()
        for r in d["results"]:
            r["evidence"] = old(r["evidence"])
        path.write_text(json.dumps(d) + "\n")
        return
    rows = reports_table([report]).to_pylist()
    struct = pa.struct([(n, arrow_type(k)) for n, k in EVIDENCE_FIELDS.items()
                        if n not in NEW_FIELDS])
    for row in rows:
        row["evidence"] = old(row["evidence"])
        if path.suffix == ".csv":
            row["evidence"] = json.dumps(row["evidence"])
    schema = stored_schema(evidence_json=path.suffix == ".csv")
    at = schema.get_field_index("evidence")
    if path.suffix == ".parquet":
        schema = schema.set(at, pa.field("evidence", pa.list_(struct)))
    table = pa.Table.from_pylist(rows, schema=schema)
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        pq.write_table(table, path)
    else:
        import pyarrow.csv as pcsv

        pcsv.write_csv(table, path)


@pytest.mark.parametrize("suffix", FORMATS, ids=FORMAT_IDS)
def test_an_old_file_with_rule_only_evidence_reads_back_with_its_fields(tmp_path, suffix):
    report = Report("t", (StandardResult("greeting", Status.MISSED, 0.0, TYPED),),
                    metadata={"region": "north"})
    path = tmp_path / f"old{suffix}"
    _old_file(report, path)
    (cell,) = read_results(path)["evidence"]
    assert list(cell[0]) == list(EVIDENCE_FIELDS)
    want = [e.to_dict() for e in TYPED]
    for key in ("rule", "role", "label", "seconds", "score"):
        assert [e[key] for e in cell] == [e[key] for e in want], key
    # the old rule named the searched window; which turns it held was not written
    assert cell[0]["window"] == {"description": "the agent's first 2 turns", "turns": []}


class _ResultWithError:
    """A StandardResult as a later version may make it: with its own `error`."""

    def __init__(self, error):
        self.standard_id, self.status, self.score = "greeting", Status.ERROR, None
        self.weight, self.title, self.explanation, self.evidence = 1.0, "", "", ()
        self.error = error


@pytest.mark.parametrize("error, text", [
    ("ValueError: boom", "ValueError: boom"),
    ({"type": "ValueError", "message": "boom"}, "ValueError: boom"),
], ids=["text", "typed"])
def test_a_standards_own_error_fills_the_error_column(error, text):
    report = Report("t", (_ResultWithError(error),))
    row = reports_to_frame([report]).iloc[0]
    assert (row["status"], row["error"]) == ("error", text)
