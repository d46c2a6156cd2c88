"""Tables of turns (CSV, Parquet, JSONL rows, DataFrames) with the column names exports use,
and a `columns` mapping for the rest (issue 16, item 9)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import csnlp
from csnlp.errors import FormatError, InputError
from csnlp.ingest import expand, read_context
from csnlp.io import iter_records, read_transcripts

TEXTS = ("Hello, thanks for calling Acme, this is Ana.", "Hi, my card was declined.")


def _frame(columns: dict[str, list]) -> pd.DataFrame:
    return pd.DataFrame(columns)


def _write(frame: pd.DataFrame, path: Path) -> Path:
    if path.suffix == ".csv":
        frame.to_csv(path, index=False)
    elif path.suffix == ".parquet":
        frame.to_parquet(path, index=False)
    else:
        path.write_text("".join(json.dumps(r) + "\n" for r in frame.to_dict("records")))
    return path


def _timings(records) -> list[list[tuple[float | None, float | None]]]:
    out = []
    for rec in records:
        assert rec.error is None, rec.error
        out.append([(t.start, t.end) for t in rec.transcript.turns])
    return out


# (time columns, their values per turn, the seconds expected)
TIMINGS = {
    "start_s/end_s": ({"start_s": [0.5, 4.0], "end_s": [3.0, 6.5]}, [(0.5, 3.0), (4.0, 6.5)]),
    "start_ms/end_ms": ({"start_ms": [500, 4000], "end_ms": [3000, 6500]},
                        [(0.5, 3.0), (4.0, 6.5)]),
    "begin/end_ms": ({"begin": [0.5, 4.0], "end_ms": [3000, 6500]}, [(0.5, 3.0), (4.0, 6.5)]),
    "offset/stop": ({"offset": [0.5, 4.0], "stop": [3.0, 6.5]}, [(0.5, 3.0), (4.0, 6.5)]),
    "offset_ms": ({"offset_ms": [500, 4000]}, [(0.5, None), (4.0, None)]),
    "start_time/end_time": ({"start_time": ["00:00:00.5", "00:04"], "end_time": [3, 6.5]},
                            [(0.5, 3.0), (4.0, 6.5)]),
    "begin_ms/duration_ms": ({"begin_ms": [500, 4000], "duration_ms": [2500, 2500]},
                             [(0.5, 3.0), (4.0, 6.5)]),
    "start/duration": ({"start": [0.5, 4.0], "duration": [2.5, 2.5]}, [(0.5, 3.0), (4.0, 6.5)]),
}


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".jsonl"], ids=["csv", "parquet", "jsonl"])
@pytest.mark.parametrize("name", TIMINGS, ids=list(TIMINGS))
def test_usual_timing_columns_are_read(tmp_path, name, suffix):
    times, expected = TIMINGS[name]
    frame = _frame({"call_id": ["c1", "c1"], "speaker": ["agent", "customer"],
                    "text": list(TEXTS), **times})
    path = _write(frame, tmp_path / f"turns{suffix}")
    assert _timings(iter_records(path)) == [expected]  # was: start_s, begin_ms, ... lost
    assert _timings(expand(frame, read_context())) == [expected]


NAMES = [
    ("call_id", "role", "utterance"),
    ("session_id", "participant", "message"),
    ("ticket_id", "party", "body"),
    ("transcript_id", "speaker_role", "content"),
    ("interaction_id", "channel", "transcript"),
    ("conversation_id", "sender_type", "message_text"),
]


@pytest.mark.parametrize(("conv", "speaker", "text"), NAMES, ids=[n[0] for n in NAMES])
def test_usual_id_speaker_and_text_columns_are_read(tmp_path, conv, speaker, text):
    frame = _frame({conv: ["a", "a", "b", "b"], speaker: ["agent", "customer"] * 2,
                    text: list(TEXTS) * 2, "team": ["blue"] * 4})
    recs = list(iter_records(_write(frame, tmp_path / "turns.csv")))
    assert [(r.error, r.source["transcript_id"]) for r in recs] == [(None, "a"), (None, "b")]
    t = recs[0].transcript
    assert [(x.speaker, x.text) for x in t.turns] == [("agent", TEXTS[0]), ("customer", TEXTS[1])]
    assert t.metadata["team"] == "blue" and conv not in t.metadata


ODD = {"dialog_key": ["k1", "k1", "k2"], "who_spoke": ["Agent", "Client", "Agent"],
       "what_was_said": [*TEXTS, "Goodbye"], "t0": [0, 4000, 0], "t1": [3000, 6500, 900]}
MAPPING = {"conversation": "dialog_key", "speaker": "who_spoke", "text": "what_was_said",
           "start": "t0", "end": "t1", "time_unit": "ms"}
EXPECTED = [[(0.0, 3.0), (4.0, 6.5)], [(0.0, 0.9)]]


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".jsonl"], ids=["csv", "parquet", "jsonl"])
@pytest.mark.parametrize("columns", [
    MAPPING,
    "conversation=dialog_key,speaker=who_spoke,text=what_was_said,start=t0,end=t1,"
    "start_unit=ms,end_unit=ms",
], ids=["mapping", "cli-string"])
def test_a_columns_mapping_names_the_rest(tmp_path, suffix, columns):
    path = _write(_frame(ODD), tmp_path / f"turns{suffix}")
    with pytest.raises(FormatError, match="no text and no speaker column among the columns|"
                       "for one turn per line, its columns with columns="):
        next(read_transcripts(path))
    recs = list(iter_records(path, columns=columns))
    assert [r.source["transcript_id"] for r in recs] == ["k1", "k2"]
    assert _timings(recs) == EXPECTED
    assert [t.speaker for t in recs[0].transcript.turns] == ["agent", "customer"]


def test_a_columns_mapping_reaches_dataframes_through_evaluate(evaluator):
    frame = _frame(ODD)
    reports = list(csnlp.evaluate_many(frame, evaluator=evaluator, columns=MAPPING))
    assert [(r.transcript_id, r.error) for r in reports] == [("k1", None), ("k2", None)]
    one = evaluator.evaluate(frame[frame.dialog_key == "k1"], columns=MAPPING)
    assert one.transcript_id == "k1" and one["greeting"].status == csnlp.Status.MET
    assert one.metrics == reports[0].metrics


def test_no_text_or_speaker_column_names_the_columns_and_the_fix(tmp_path):
    path = _write(_frame({"id": ["a"], "who": ["agent"], "said": ["Hi"]}), tmp_path / "t.csv")
    (rec,) = iter_records(path)
    assert "no text column among the columns ['id', 'who', 'said']" in rec.error
    assert "--columns text=<column>" in rec.error
    with pytest.raises(FormatError, match=r"column 'words' \(columns\['text'\]\) not found"):
        next(read_transcripts(path, columns={"text": "words"}))
    assert next(read_transcripts(path, columns={"text": "said"})).turns[0].text == "Hi"


@pytest.mark.parametrize(("options", "message"), [
    ({"columns": {"txt": "said"}}, "columns: unknown field 'txt'"),
    ({"columns": {"start_unit": "minutes"}}, r"columns\['start_unit'\]: must be 's' or 'ms'"),
    ({"columns": {"text": ""}}, r"columns\['text'\]: must be a column name"),
    ({"columns": "text"}, "expected field=column pairs"),
    ({"columns": ["text"]}, "columns must be a mapping"),
    ({"columns": {"text": "said"}, "text_column": "words"}, "disagree"),
], ids=["unknown-field", "bad-unit", "empty-name", "bad-string", "not-a-mapping", "conflict"])
def test_a_bad_columns_option_is_refused_before_reading(options, message):
    with pytest.raises(InputError, match=message):
        iter_records("nowhere.csv", **options)
