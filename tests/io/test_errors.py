"""Broken input: every bad record is reported with file, place, field and value, reading goes
on in iter_records, and read_transcripts raises the first error."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from csnlp.errors import FormatError, InputError, TranscriptError
from csnlp.io import Record, iter_records, read_transcripts


def _summary(records: list[Record]) -> list[tuple[str, str | None]]:
    return [("ok" if r.ok else "error", r.source.get("transcript_id")) for r in records]


def test_truncated_json_object(samples):
    (rec,) = iter_records(samples / "broken/truncated.json")
    assert rec.error_type == "FormatError"
    assert "truncated.json: line 13 column 80: truncated JSON" in rec.error
    with pytest.raises(FormatError, match="truncated.json: line 13"):
        list(read_transcripts(samples / "broken/truncated.json"))


def test_truncated_json_array_keeps_the_records_before(samples):
    recs = list(iter_records(samples / "broken/truncated_list.json"))
    assert _summary(recs) == [("ok", "ok-1"), ("ok", "ok-2"),
                              ("error", "truncated_list.json:record-3")]
    assert recs[2].source["record"] == 3
    assert "record 3 (line 3): truncated JSON" in recs[2].error


def test_missing_text_column(samples):
    (rec,) = iter_records(samples / "broken/no_text_column.csv")
    assert "no_text_column.csv: no text column among the columns" in rec.error
    assert "utterance_txt" in rec.error  # the columns that are there
    assert "columns='text=<column>' (command line: --columns text=<column>)" in rec.error
    with pytest.raises(FormatError, match="no text column"):
        next(read_transcripts(samples / "broken/no_text_column.csv"))
    for option in ({"text_column": "utterance_txt"}, {"columns": {"text": "utterance_txt"}},
                   {"columns": "text=utterance_txt"}):
        fixed = next(read_transcripts(samples / "broken/no_text_column.csv", **option))
        assert fixed.turns[0].text == "Hello"


def test_csv_bad_row_fails_its_conversation_only(samples):
    recs = list(iter_records(samples / "broken/bad_row.csv"))
    assert _summary(recs) == [("ok", "r1"), ("error", "r2"), ("ok", "r3")]
    err = recs[1]
    assert err.source["line"] == 4 and err.source["last_line"] == 6
    assert "bad_row.csv: line 5: expected 5 fields" in err.error
    assert "(and 1 more bad rows)" in err.error and "left out" in err.error
    with pytest.raises(TranscriptError, match="line 5"):
        list(read_transcripts(samples / "broken/bad_row.csv"))


def test_csv_bad_value_names_line_field_and_value(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("conversation_id,speaker,text,start\nx,agent,Hello,soon\n")
    (rec,) = iter_records(path)
    assert rec.error.startswith(f"{path}: line 2: start: expected a time")
    assert "'soon'" in rec.error


def test_jsonl_bad_lines_are_reported_and_reading_goes_on(samples):
    recs = list(iter_records(samples / "broken/bad_lines.jsonl"))
    assert [r.source["line"] for r in recs] == [1, 2, 3, 4, 5]
    assert [r.ok for r in recs] == [True, False, False, False, True]
    assert "line 2: turns[0].text: must be a string, got 42" in recs[1].error
    assert "line 3: column 1: invalid JSON" in recs[2].error
    assert recs[2].error_type == "FormatError"
    assert "line 4: turns[0].start: time must be finite and >= 0, got -3" in recs[3].error


def test_strict_reader_raises_first_error_after_good_records(samples):
    it = read_transcripts(samples / "broken/bad_lines.jsonl")
    assert next(it).id == "g-1"
    with pytest.raises(TranscriptError, match="bad_lines.jsonl: line 2"):
        next(it)


def test_missing_path_empty_glob_and_empty_folder(tmp_path):
    recs = list(iter_records([tmp_path / "nope.json", str(tmp_path / "*.jsonl"), tmp_path]))
    assert [r.ok for r in recs] == [False, False, False]
    assert "no such file or folder" in recs[0].error
    assert "no file matches" in recs[1].error
    assert "no transcript files in this folder" in recs[2].error
    with pytest.raises(FormatError):
        list(read_transcripts(tmp_path / "nope.json"))


def test_unknown_content(tmp_path):
    path = tmp_path / "x.json"
    path.write_text('{"hello": "world"}')
    (rec,) = iter_records(path)
    assert "not a transcript in any known format" in rec.error and "hello" in rec.error


def test_named_format_reports_missing_fields(tmp_path):
    path = tmp_path / "ca.json"
    path.write_text('{"Transcript": [{"ParticipantRole": "AGENT", "BeginOffsetMillis": 0}]}')
    (rec,) = iter_records(path, "aws_call_analytics")
    assert rec.error == f"{path}: Transcript[0].Content: missing"


def test_bad_arguments_fail_before_reading(samples):
    with pytest.raises(InputError, match="unknown format"):
        iter_records(samples, "docx")
    with pytest.raises(InputError, match="unknown option"):
        iter_records(samples, text_feild="human_transcript")
    with pytest.raises(InputError, match="text_field"):
        iter_records(samples, text_field="asr")
    with pytest.raises(TranscriptError, match="speaker_map"):
        iter_records(samples, speaker_map={"spk_0": "boss"})


def test_roles_format_mode_refuses_to_infer(samples):
    (rec,) = iter_records(samples / "aws/transcribe_speakers.json", roles="format")
    assert "speaker 'spk_0' has no role" in rec.error


def test_non_contiguous_conversation_rows(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("conversation_id,speaker,text\na,agent,Hi\nb,agent,Hello\na,customer,Yo\n")
    recs = list(iter_records(path))
    assert _summary(recs) == [("ok", "a"), ("ok", "b"), ("error", "a")]
    assert "line 4: conversation 'a' continues here" in recs[2].error


# ---------------------------------------------------------------- streaming


def test_jsonl_is_read_lazily(tmp_path, monkeypatch):
    path = tmp_path / "big.jsonl"
    line = b'{"id": "x", "turns": [{"speaker": "agent", "text": "Hello"}]}\n'
    path.write_bytes(line * 5000)
    calls = []
    real = orjson.loads
    monkeypatch.setattr("csnlp.io.formats.generic.orjson.loads",
                        lambda b: calls.append(1) or real(b))
    records = iter_records(path)
    first = next(records)
    assert first.ok and len(calls) == 1  # one line parsed, not the file


def test_json_array_streams_across_chunk_boundaries(tmp_path, monkeypatch):
    monkeypatch.setattr("csnlp.io.formats.generic._CHUNK", 7)
    items = [{"id": f"t{i}", "turns": [{"speaker": "agent", "text": "hé, \"quoted\" ]}" * i}]}
             for i in range(1, 30)]
    path = tmp_path / "arr.json"
    path.write_bytes(orjson.dumps(items, option=orjson.OPT_INDENT_2))
    recs = list(iter_records(path))
    assert [r.transcript.id for r in recs] == [f"t{i}" for i in range(1, 30)]
    assert recs[1].source["line"] > recs[0].source["line"]
    broken = tmp_path / "broken.json"
    broken.write_bytes(orjson.dumps(items)[:-40])
    recs = list(iter_records(broken))
    assert [r.ok for r in recs][-1] is False and all(r.ok for r in recs[:-1])
    assert f"record {len(recs)}" in recs[-1].error


def test_record_source_is_json_native(samples):
    for rec in iter_records(samples):
        orjson.dumps(rec.source)
        if rec.ok:
            orjson.dumps(rec.transcript.to_dict())


def test_whole_samples_folder_loses_nothing(samples):
    """Every file in the samples tree yields at least one record, ok or error."""
    recs = list(iter_records(samples))
    files = {r.source["file"] for r in recs}
    on_disk = {str(p) for p in Path(samples).rglob("*")
               if p.is_file() and p.suffix in {".json", ".jsonl", ".csv", ".parquet", ".txt",
                                                ".vtt", ".srt"}}
    # metadata/ of the Harper Valley sample is read with its transcript, not as a record
    on_disk = {f for f in on_disk if "/harper_valley/metadata/" not in f}
    assert files == on_disk


def test_error_source_names_the_transcript_when_readable(samples):
    recs = list(iter_records(samples / "broken/bad_lines.jsonl"))
    # a line without a readable id is named by its file and line, never left empty
    assert [r.source.get("transcript_id") for r in recs] == [
        "g-1", "g-2", "bad_lines.jsonl:3", "g-4", "g-5"]
