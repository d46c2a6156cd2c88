"""One ingest path: every shape a transcript comes in means the same in memory and in a file.

Each bug of issue 15 (step 3) and issue 16 (ids, speaker rules) has a test here that failed on
the code before `csnlp.ingest`; they use the public API (`csnlp.evaluate`, `evaluate_many`,
`Evaluator`, `read_transcripts`) so that they say what a user sees.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pandas as pd
import pytest

import csnlp
from csnlp.batch import evaluate_many
from csnlp.ingest import coerce
from csnlp.io import iter_records

SAM_BOB = ("Sam: Thank you for calling Acme Bank, this is Sam, how can I help you today?\n"
           "Bob: Hi, I'm calling because my card was declined.\n"
           "Sam: I'm sorry to hear that. Let me check your account.")


def _evaluate(transcript, **kwargs):
    return csnlp.evaluate(transcript, tone_model=None, **kwargs)


def _turn_rows(*conversations: str) -> pd.DataFrame:
    rows = []
    for cid in conversations:
        rows += [{"conversation_id": cid, "speaker": "agent",
                  "text": "Hello, thanks for calling, this is Ana.", "region": "eu"},
                 {"conversation_id": cid, "speaker": "customer", "text": "Hi, my card is blocked.",
                  "region": "eu"}]
    return pd.DataFrame(rows)


# ---------------------------------------------------------------- speakers


def test_named_speakers_with_a_speaker_map():
    report = _evaluate(SAM_BOB, speaker_map={"Sam": "agent", "Bob": "customer"})
    assert report.error is None and report["greeting"].status == csnlp.Status.MET
    assert report.metadata["roles_source"] == "speaker_map"


def test_named_speakers_without_a_map_are_inferred_as_files_are(tmp_path):
    report = _evaluate(SAM_BOB)
    assert report["greeting"].status == csnlp.Status.MET
    assert report.metadata["roles_source"] == "inferred"
    assert report.metadata["roles_uncertain"] is False
    path = tmp_path / "call.txt"
    path.write_text(SAM_BOB)
    from_file = next(csnlp.read_transcripts(path))
    in_memory = coerce(SAM_BOB)
    assert [t.speaker for t in in_memory.turns] == [t.speaker for t in from_file.turns] \
        == ["agent", "customer", "agent"]


def test_an_unknown_speaker_label_is_read_the_same_in_memory_and_from_a_file(tmp_path):
    call = {"id": "w1", "turns": [
        {"speaker": "wizard", "text": "Thanks for calling Acme, how can I help you?"},
        {"speaker": "Customer", "text": "My order never arrived."}]}
    path = tmp_path / "calls.jsonl"
    path.write_text(json.dumps(call) + "\n" + json.dumps({**call, "id": "w2"}) + "\n")
    from_file = next(csnlp.read_transcripts(path))
    report = _evaluate(call)  # was: "unknown speaker 'wizard'"
    assert report.error is None
    assert report.metadata["roles_source"] == from_file.metadata["roles_source"] == "inferred"
    assert [t.speaker for t in coerce(call).turns] == \
        [t.speaker for t in from_file.turns] == ["agent", "customer"]


# ---------------------------------------------------------------- shapes


def test_extra_keys_of_a_dict_are_kept_as_metadata():
    call = {"call_id": "k-9", "region": "emea", "agent_id": "A7",
            "turns": [{"speaker": "agent", "text": "Hello, thanks for calling!"},
                      {"speaker": "customer", "text": "Hi"}],
            "metadata": {"team": "blue"}}
    report = _evaluate(call)  # was: "unknown field(s) ['agent_id', 'call_id', 'region']"
    assert report.transcript_id == "k-9"
    assert {k: report.metadata[k] for k in ("region", "agent_id", "team")} == {
        "region": "emea", "agent_id": "A7", "team": "blue"}
    assert "call_id" not in report.metadata


def test_a_dataframe_of_one_conversation_gives_its_report():
    report = _evaluate(_turn_rows("c-1"))  # was: a list of the column names
    assert report.transcript_id == "c-1" and report.metadata["region"] == "eu"
    assert report["greeting"].status == csnlp.Status.MET


def test_a_dataframe_of_several_conversations_points_at_evaluate_many():
    with pytest.raises(csnlp.TranscriptError, match="evaluate_many"):
        _evaluate(_turn_rows("c-1", "c-2"))


def test_evaluate_many_and_evaluate_batch_take_a_dataframe(evaluator):
    frame = _turn_rows("c-1", "c-2", "c-3").sample(frac=1.0, random_state=1)
    reports = list(evaluate_many(frame, evaluator=evaluator))
    assert sorted(r.transcript_id for r in reports) == ["c-1", "c-2", "c-3"]
    assert all(r.error is None and len(r.results) == 11 for r in reports)
    batch = evaluator.evaluate_batch(frame)
    assert [r.transcript_id for r in batch] == [r.transcript_id for r in reports]


def test_evaluate_of_a_path_to_a_one_conversation_file(tmp_path):
    path = tmp_path / "call.txt"
    path.write_text("Agent: Hello, thanks for calling!\nCustomer: Hi")
    assert _evaluate(path).transcript_id == _evaluate(str(path)).transcript_id == "call"
    many = tmp_path / "calls.jsonl"
    many.write_text("\n".join(json.dumps({"id": f"x{i}", "turns": [
        {"speaker": "agent", "text": "Hi"}]}) for i in range(2)) + "\n")
    with pytest.raises(csnlp.TranscriptError, match="more than one conversation"):
        _evaluate(many)


def test_a_mistyped_path_is_named_as_a_missing_file():
    with pytest.raises(csnlp.CsnlpError, match="no such file"):
        _evaluate("calls/missing.jsonl")


# ---------------------------------------------------------------- ids


def test_plain_strings_in_evaluate_many_get_distinct_ids(evaluator):
    texts = ["Agent: Hello!\nCustomer: Hi", "Agent: Good morning\nCustomer: Hey"] * 2
    reports = list(evaluate_many(texts, evaluator=evaluator))
    ids = [r.transcript_id for r in reports]
    assert ids == ["input-0", "input-1", "input-2", "input-3"]  # was: "transcript" 4 times


def test_a_single_anonymous_input_is_named_by_its_content():
    a = coerce("Agent: Hello!\nCustomer: Hi")
    b = coerce([{"speaker": "agent", "text": "Hello!"},
                             {"speaker": "customer", "text": "Hi"}])
    c = coerce("Agent: Bye\nCustomer: Bye")
    assert a.id == b.id != c.id and a.id.startswith("transcript-")


def test_records_without_an_id_are_named_by_file_and_line(tmp_path, evaluator):
    path = tmp_path / "calls.jsonl"
    turns = [{"speaker": "agent", "text": "Hello"}, {"speaker": "customer", "text": "Hi"}]
    path.write_text("\n".join([json.dumps({"turns": turns}), json.dumps({"id": "", "turns": turns}),
                               "{broken", json.dumps({"id": "k", "turns": turns})]) + "\n")
    ids = [r.source["transcript_id"] for r in iter_records(path)]
    assert ids == ["calls.jsonl:1", "calls.jsonl:2", "calls.jsonl:3", "k"]
    reports = list(evaluate_many(iter_records(path), evaluator=evaluator))
    assert [r.transcript_id for r in reports] == ids  # was: "" for the broken line
    assert [r.error is None for r in reports] == [True, True, False, True]


def test_repeated_ids_are_warned_once_and_kept_apart(evaluator):
    call = {"id": "dup", "turns": [{"speaker": "agent", "text": "Hello"}]}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        reports = list(evaluate_many([call, "Agent: hi", call, call], evaluator=evaluator))
    repeated = [str(w.message) for w in caught if "repeated" in str(w.message)]
    assert len(repeated) == 1
    assert "'dup'" in repeated[0] and "input[0]" in repeated[0] and "input[2]" in repeated[0]
    assert [r.transcript_id for r in reports] == ["dup", "input-1", "dup", "dup"]
    assert [r.source["input_index"] for r in reports] == [0, 1, 2, 3]
    frame = csnlp.reports_to_frame(reports)
    assert frame.groupby("transcript_id").size()["dup"] == 3 * 11
    if "input_index" in frame.columns:  # the record key column that keeps them apart
        assert frame[frame.transcript_id == "dup"]["input_index"].nunique() == 3


def test_repeated_ids_across_files_name_file_and_line(tmp_path, evaluator):
    line = json.dumps({"id": "same", "turns": [{"speaker": "agent", "text": "Hello"}]})
    for name in ("a.jsonl", "b.jsonl"):
        (tmp_path / name).write_text(line + "\n")
    with pytest.warns(UserWarning, match=r"'same' is repeated: .*a\.jsonl: line 1 and "
                                         r".*b\.jsonl: line 1"):
        reports = list(evaluate_many(Path(tmp_path), evaluator=evaluator))
    assert [r.source["file"].endswith(n) for r, n in zip(reports, ("a.jsonl", "b.jsonl"),
                                                          strict=True)] == [True, True]


# ---------------------------------------------------------------- every input a result or an error

GOOD = "Agent: Hello, thanks for calling!\nCustomer: Hi, my card is blocked."
SURROGATE = "Agent: Hello \ud800 there\nCustomer: Hi"
# Over spaCy's million characters: E088 ("parser memory") from inside the batch, before.
HUGE = "Agent: " + "word " * 200_001 + "\nCustomer: Hi"


@pytest.mark.parametrize(("text", "problem"), [
    (SURROGATE, "lone surrogate U+D800 at character 6"),
    (HUGE, "over the limit of 100,000 per turn"),
], ids=["lone-surrogate", "5MB-turn"])
def test_a_turn_spacy_cannot_take_is_a_transcript_error_naming_the_turn(text, problem):
    with pytest.raises(csnlp.TranscriptError, match=r"turn 0 \(line 1\): the text") as exc:
        _evaluate(text)  # was: UnicodeEncodeError / spaCy's E088
    assert problem in str(exc.value)


def test_a_transcript_object_with_a_lone_surrogate_is_refused_too():
    t = csnlp.Transcript("t1", (csnlp.Turn("agent", "Hi"), csnlp.Turn("customer", "\udcff")))
    with pytest.raises(csnlp.TranscriptError, match=r"transcript 't1': turn 1: the text holds "
                                                   r"a lone surrogate U\+DCFF"):
        _evaluate(t)


@pytest.mark.parametrize("bad", [SURROGATE, HUGE], ids=["lone-surrogate", "5MB-turn"])
def test_evaluate_batch_gives_the_bad_transcript_an_error_report(evaluator, bad):
    reports = evaluator.evaluate_batch([GOOD, bad, GOOD])  # was: the whole batch raised
    assert [r.error is None for r in reports] == [True, False, True]
    assert "input[1]" in reports[1].error and "turn 0" in reports[1].error
    assert reports[0].results == reports[2].results and len(reports[0].results) == 11
    with pytest.raises(csnlp.TranscriptError, match="turn 0"):
        evaluator.evaluate_batch([GOOD, bad], on_error="raise")


def test_evaluate_batch_falls_back_to_one_transcript_at_a_time(evaluator, monkeypatch):
    """Whatever the annotator fails on, only the transcript it fails on is lost."""
    annotate = evaluator.annotator.annotate

    def flaky(texts, speakers=None):
        if any("BOOM" in t for t in texts):
            raise ValueError("[E999] spaCy gave up")
        return annotate(texts, speakers)

    monkeypatch.setattr(evaluator.annotator, "annotate", flaky)
    reports = evaluator.evaluate_batch([GOOD, "Agent: BOOM\nCustomer: ok", GOOD])
    assert [r.transcript_id for r in reports] == ["input-0", "input-1", "input-2"]
    assert [r.error for r in reports] == [None, "ValueError: [E999] spaCy gave up", None]
    assert reports[0]["greeting"].status == reports[2]["greeting"].status == csnlp.Status.MET
    with pytest.raises(ValueError, match="E999"):
        evaluator.evaluate_batch([GOOD, "Agent: BOOM"], on_error="raise")


def test_evaluate_many_records_a_bad_turn_and_goes_on(evaluator):
    reports = list(evaluate_many([SURROGATE, GOOD], evaluator=evaluator))
    assert [r.error is None for r in reports] == [False, True]
    assert "lone surrogate" in reports[0].error


@pytest.mark.parametrize("obj", [
    {"id": "c\ud800", "turns": [{"speaker": "agent", "text": "Hello"}]},
    {"id": "c1", "agent_id": "a\udcff", "turns": [{"speaker": "agent", "text": "Hello"}]},
    [{"speaker": "S\ud800m", "text": "Hello, thanks for calling"},
     {"speaker": "Bob", "text": "Hi"}],
    pd.DataFrame({"call_id": ["c\ud800"], "speaker": ["agent"], "text": ["Hi"]}, dtype=object),
], ids=["id", "metadata", "speaker-label", "frame-id"])
def test_a_lone_surrogate_outside_the_text_is_refused_too(evaluator, obj):
    """Found by tests/test_fuzz.py: such a report could not be written (UnicodeEncodeError)."""
    with pytest.raises(csnlp.TranscriptError, match="lone surrogate"):
        _evaluate(obj)
    (report,) = evaluator.evaluate_batch([obj] if not isinstance(obj, pd.DataFrame) else obj)
    assert "lone surrogate" in report.error
    json.dumps(report.to_dict()).encode("utf-8")  # the error report itself can be written
