from __future__ import annotations

import pytest

import csnlp
from csnlp.ingest import coerce_transcript
from csnlp.transcript import normalise_speaker


@pytest.mark.parametrize(
    ("raw", "role"),
    [("Agent", "agent"), ("REP", "agent"), ("Representative", "agent"), ("caller", "customer"),
     ("Client", "customer"), ("user", "customer"), ("bot", "system"), ("IVR", "system")],
    ids=lambda v: str(v),
)
def test_speaker_aliases(raw, role):
    assert normalise_speaker(raw) == role


def test_text_form_with_continuation_lines():
    t = coerce_transcript("Agent: Hello!\nCustomer: Hi, my bill\nis wrong.\n\nRep: Sorry to hear")
    assert [x.speaker for x in t.turns] == ["agent", "customer", "agent"]
    assert t.turns[1].text == "Hi, my bill is wrong."


def test_dict_and_list_forms_agree():
    turns = [{"speaker": "agent", "text": "Hi", "start": 0, "end": 1.5},
             {"speaker": "customer", "text": "Hello", "start": 2}]
    a = coerce_transcript({"id": "x", "turns": turns, "metadata": {"team": "t1"}})
    b = coerce_transcript(turns, default_id="x")
    assert a.turns == b.turns and (a.id, b.id) == ("x", "x")
    assert a.metadata["team"] == "t1" and a.turns[0].end == 1.5 and a.turns[1].end is None


def test_round_trip_to_dict():
    t = coerce_transcript({"id": "r", "turns": [{"speaker": "agent", "text": "Hi"}]})
    assert csnlp.Transcript.from_dict(t.to_dict()) == t


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"turns": []}, "no turns"),
        ({"turns": [{"speaker": "agent", "text": 42}]}, "turns[0].text: must be a string, got 42"),
        ({"turns": [{"speaker": "agent", "text": "a", "start": -1}]},
         "turns[0].start: time must be finite and >= 0, got -1"),
        ({"turns": [{"speaker": "agent", "text": "a", "start": 5, "end": 2}]},
         "turns[0].end: 2.0 is before start 5.0"),
        ({"turns": [{"speaker": "agent"}]}, "turns[0].text: missing"),
        ({"id": [1], "turns": [{"speaker": "agent", "text": "a"}]}, "id: must be a string"),
        ("hello there", "line 1: expected 'Speaker: text'"),
        (42, "expected a Transcript, dict, list of turns, text, DataFrame or path, got 42"),
    ],
    ids=["empty", "non-string-text", "negative-time", "end-before-start", "missing-text",
         "bad-id", "bad-text-line", "not-a-transcript"],
)
def test_bad_input_names_the_place(raw, message):
    with pytest.raises(csnlp.TranscriptError) as err:
        coerce_transcript(raw)
    assert message in str(err.value)
    assert isinstance(err.value, ValueError) and isinstance(err.value, csnlp.CsnlpError)


def test_coerce_transcript_is_still_importable_from_transcript():
    from csnlp.transcript import coerce_transcript as old

    assert old is coerce_transcript
