"""Fuzzing (issue 16, item 11): whatever comes in, csnlp answers with a Report (perhaps an error
report) or raises a CsnlpError, never anything else: any Unicode (lone surrogates, NUL, BOMs,
right-to-left marks), odd speakers, JSON-ish shapes, DataFrames, files of random bytes, and
standards files of random YAML.

Bounded: examples are few, derandomized (the same every run, so the suite is stable) and
without a database; the whole file runs in well under 30 s.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
import yaml

hypothesis = pytest.importorskip("hypothesis", reason="fuzzing needs hypothesis (test extra)")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import csnlp  # noqa: E402
from csnlp.errors import CsnlpError  # noqa: E402
from csnlp.io import iter_records  # noqa: E402
from csnlp.io.formats.base import detect_encoding  # noqa: E402
from csnlp.standards import load_standards  # noqa: E402

FUZZ = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# ---------------------------------------------------------------- strategies

ODD_CHARS = ["\ud800", "\udfff", "\udcff", "\x00", "\ufeff", "\u202e", "\u200b", "\r", "\n",
             "\t", ":", "\ufffd", "😀", "ﷺ", "\u0301", "İ"]
#: Any Unicode, lone surrogates included (st.text() leaves them out).
any_text = st.lists(st.one_of(st.characters(), st.sampled_from(ODD_CHARS)),
                    max_size=40).map("".join)
speaker = st.one_of(st.sampled_from(["agent", "Customer", "REP", "caller", "bot", "system",
                                     "spk_0", "SPEAKER_01", "", " ", "None", "0"]), any_text)
json_scalar = st.one_of(st.none(), st.booleans(), st.integers(), any_text,
                        st.floats(allow_nan=True, allow_infinity=True))
json_value = st.recursive(json_scalar, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(any_text, inner, max_size=4)), max_leaves=12)
turn_key = st.sampled_from(["speaker", "role", "text", "utterance", "start", "end", "start_s",
                            "end_ms", "duration", "speaker_name", "channel", "content"])
turn = st.dictionaries(st.one_of(turn_key, any_text), st.one_of(json_scalar, json_value),
                       max_size=6)
good_turn = st.fixed_dictionaries(
    {"speaker": speaker, "text": any_text},
    optional={"start": st.one_of(json_scalar, st.floats(0, 1e6)),
              "end": st.one_of(json_scalar, st.floats(0, 1e6)), "speaker_name": json_scalar})
transcript_dict = st.fixed_dictionaries(
    {"turns": st.one_of(st.lists(good_turn, max_size=5), st.lists(turn, max_size=4),
                        json_value)},
    optional={"id": json_scalar, "metadata": json_value, "call_id": json_scalar,
              "agent_id": json_value})
lines = st.lists(st.tuples(speaker, any_text), max_size=6).map(
    lambda pairs: "\n".join(f"{s}: {t}" for s, t in pairs))
any_input = st.one_of(any_text, lines, transcript_dict, st.lists(good_turn, max_size=5),
                      st.lists(turn, max_size=4), json_value)


def _report_or_csnlp_error(call):
    """The call's Report, or None when it raised a CsnlpError; anything else fails the test."""
    try:
        report = call()
    except CsnlpError:
        return None
    assert isinstance(report, csnlp.Report)
    return report


def _usable(report: csnlp.Report) -> None:
    """A report can be written: JSON-native, and every string encodable (no lone surrogate)."""
    json.dumps(report.to_dict(), allow_nan=False).encode("utf-8")


# ---------------------------------------------------------------- transcripts


@FUZZ
@given(obj=any_input)
def test_evaluate_gives_a_report_or_a_csnlp_error(evaluator, obj):
    report = _report_or_csnlp_error(lambda: evaluator.evaluate(obj))
    if report is not None:
        assert report.error is None and len(report.results) == 11
        _usable(report)


@FUZZ
@given(text=lines)
def test_the_default_evaluator_with_its_tone_model_takes_any_lines(text):
    report = _report_or_csnlp_error(lambda: csnlp.evaluate(text))
    if report is not None:
        _usable(report)


@FUZZ
@given(items=st.lists(any_input, max_size=5))
def test_evaluate_many_gives_one_report_per_input_and_never_raises(evaluator, items):
    reports = list(csnlp.evaluate_many(items, evaluator=evaluator))
    assert len(reports) == len(items)
    assert all(isinstance(r, csnlp.Report) and r.transcript_id for r in reports)
    for r in reports:
        _usable(r)
    batch = evaluator.evaluate_batch(items)
    assert [r.error is None for r in batch] == [r.error is None for r in reports]


table_cell = st.one_of(st.none(), st.integers(-5, 10**6), st.floats(allow_nan=True), any_text)
rows = st.lists(st.fixed_dictionaries({
    "conversation_id": st.one_of(st.sampled_from(["a", "b", ""]), table_cell),
    "speaker": st.one_of(speaker, table_cell), "text": st.one_of(any_text, table_cell),
    "start_s": table_cell, "end_ms": table_cell, "team": table_cell}), min_size=1, max_size=8)


@FUZZ
@given(records=rows)
def test_a_dataframe_of_odd_rows_gives_reports(evaluator, records):
    frame = pd.DataFrame(records, dtype=object)  # arrow-backed strings refuse surrogates
    reports = list(csnlp.evaluate_many(frame, evaluator=evaluator))
    assert reports and all(isinstance(r, csnlp.Report) for r in reports)
    for r in reports:
        _usable(r)
    _report_or_csnlp_error(lambda: evaluator.evaluate(frame))


SUFFIXES = [".jsonl", ".json", ".csv", ".txt", ".vtt", ".srt", ".parquet"]


@FUZZ
@given(data=st.one_of(st.binary(max_size=300),
                      any_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
                      lines.map(lambda t: t.encode("utf-16", "surrogatepass")),
                      st.lists(transcript_dict, max_size=3).map(
                          lambda ds: "\n".join(json.dumps(d) for d in ds).encode())),
       suffix=st.sampled_from(SUFFIXES))
def test_a_file_of_any_bytes_gives_records_or_errors(evaluator, tmp_path_factory, data,
                                                     suffix):
    path = tmp_path_factory.mktemp("fuzz") / f"calls{suffix}"
    path.write_bytes(data)
    records = list(iter_records(path))
    # a JSON Lines file of blank lines is an empty batch, every other file gives a record
    blank = not data.decode(detect_encoding(data), "replace").strip("\ufeff \t\r\n")
    assert records or (suffix == ".jsonl" and blank)
    assert all((r.transcript is None) != (r.error is None) for r in records)
    reports = list(csnlp.evaluate_many(Path(path), evaluator=evaluator))
    assert len(reports) == len(records)
    for r in reports:
        _usable(r)


# ---------------------------------------------------------------- standards files

PACK = yaml.safe_load((Path(csnlp.__file__).parent / "packs" / "contact_center.yaml")
                      .read_text(encoding="utf-8"))
STANDARD_KEYS = sorted({k for s in PACK["standards"] for k in s} | set(PACK))
yamlish = st.recursive(
    st.one_of(json_scalar, st.sampled_from(STANDARD_KEYS)),
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.one_of(st.sampled_from(STANDARD_KEYS), any_text),
                                            inner, max_size=5)), max_leaves=20)


def _mutate(value, path: list[int], replacement):
    """The pack with the node `path` leads to (indexes into dict items/list items) replaced."""
    if not path or not isinstance(value, (dict, list)) or not value:
        return replacement
    items = list(value.items()) if isinstance(value, dict) else list(enumerate(value))
    key, child = items[path[0] % len(items)]
    new = _mutate(child, path[1:], replacement)
    if isinstance(value, dict):
        return {**value, key: new}
    return [new if i == key else v for i, v in enumerate(value)]


def _standards_or_csnlp_error(source) -> None:
    try:
        result = load_standards(source)
    except CsnlpError:
        return
    assert isinstance(result, csnlp.StandardSet)


@FUZZ
@given(doc=yamlish)
def test_load_standards_of_any_dict_or_value(doc):
    _standards_or_csnlp_error(doc if isinstance(doc, dict) else {"standards": doc})


@FUZZ
@given(path=st.lists(st.integers(0, 50), min_size=1, max_size=5), replacement=yamlish)
def test_load_standards_of_a_pack_with_one_node_replaced(path, replacement):
    _standards_or_csnlp_error(_mutate(PACK, path, replacement))


@FUZZ
@given(text=st.one_of(st.text(), yamlish.map(lambda d: yaml.safe_dump(d, allow_unicode=True)),
                      st.binary(max_size=200).map(lambda b: b.decode("latin-1"))))
def test_load_standards_of_a_file_of_any_text(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("fuzz") / "standards.yaml"
    path.write_text(text.replace("\ud800", ""), encoding="utf-8", errors="replace")
    _standards_or_csnlp_error(path)


@FUZZ
@given(data=st.binary(min_size=1, max_size=200))
def test_load_standards_of_a_file_of_any_bytes(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "standards.yaml"
    path.write_bytes(b"\xed\xa0\x80" + data)  # a UTF-8-encoded lone surrogate, then anything
    _standards_or_csnlp_error(path)
