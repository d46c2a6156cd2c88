"""Timing measures: response delays, silences, holds, talk time and share, overlaps; turns
without times are left out, never counted as 0."""

from __future__ import annotations

import json

import pytest

from csnlp.metrics import (
    holds,
    overlaps,
    response_delays,
    silences,
    talk_time,
    transcript_metrics,
)
from csnlp.transcript import coerce_transcript


def T(*turns):
    keys = ("speaker", "text", "start", "end")
    return coerce_transcript([dict(zip(keys, t, strict=True)) for t in turns])


CALL = T(
    ("agent", "Thanks for calling Acme, how can I help?", 0.0, 3.0),
    ("customer", "I'd like to check my balance.", 4.0, 6.0),
    ("agent", "Sure, let me check that for you.", 7.5, 9.0),
    ("customer", "Okay.", 9.2, 9.6),
    ("agent", "Thanks for waiting, it's two hundred dollars.", 45.0, 48.0),
    ("customer", "Great, and can you also—", 48.5, 50.0),
    ("agent", "Of course.", 49.0, 50.5),
)


def test_response_delays_leave_out_the_hold_the_customer_agreed_to():
    # turn 4 ends the wait the agent asked for in turn 2 ("let me check", "Okay."): no delay
    assert response_delays(CALL) == [(2, 1.5), (6, 0.0)]
    assert response_delays(CALL, skip_holds=False) == [(2, 1.5), (4, pytest.approx(35.4)),
                                                       (6, 0.0)]


def test_an_unannounced_silence_is_still_a_slow_reply():
    t = T(("customer", "Is my refund through?", 0.0, 2.0),
          ("agent", "Sorry, I was reading the notes. Yes, it went through.", 50.0, 53.0))
    assert response_delays(t) == [(1, 48.0)]


@pytest.mark.parametrize("asks", [
    "Could you hang on a couple of minutes while I look that up?",
    "I'll need another minute to get the letter drafted, is that okay?",
    "Would you mind holding while I speak with the fraud desk?",
    # a filler between "let me" / "while I" and what the agent goes to do
    "okay let me quickly pull that up for you",
    "Thanks, while I just quickly check the ledger.",
])
def test_wait_requests_in_other_words_open_a_hold(asks):
    t = T(("customer", "Can you sort out the charge?", 0.0, 2.0),
          ("agent", asks, 3.0, 6.0), ("customer", "yeah go ahead", 6.5, 7.5),
          ("agent", "Right, thanks for waiting.", 80.0, 82.0))
    (hold,) = holds(t)
    assert hold["request_turn"] == 1 and hold["before_turn"] == 3
    assert response_delays(t) == [(1, 1.0)]


def test_silence_and_hold_after_a_wait_request():
    assert silences(CALL) == [(4, pytest.approx(35.4))]
    (hold,) = holds(CALL)
    assert hold["request_turn"] == 2 and hold["before_turn"] == 4
    assert hold["seconds"] == pytest.approx(35.4) and hold["cue"].lower() == "let me check"


def test_a_long_silence_without_a_wait_request_is_not_a_hold():
    t = T(("agent", "Your balance is fine.", 0.0, 2.0), ("agent", "Hello?", 30.0, 31.0))
    assert silences(t) and not holds(t)


def test_talk_time_and_overlap_per_speaker():
    assert talk_time(CALL) == {"agent": 9.0, "customer": 3.9}
    (ov,) = overlaps(CALL)
    assert ov == {"turn": 6, "speaker": "agent", "over_turn": 5, "seconds": 1.0}


def test_short_turn_inside_a_long_one_opens_no_gap():
    t = T(("customer", "long story about my card", 0.0, 30.0),
          ("agent", "mm hmm", 10.0, 10.5),
          ("agent", "I see", 31.0, 32.0))
    assert silences(t, threshold=5) == []
    assert overlaps(t)[0]["speaker"] == "agent"


def test_missing_times_are_not_zero():
    t = T(("customer", "hi", None, None), ("agent", "hello", 5.0, 6.0),
          ("customer", "my card", 7.0, None), ("agent", "ok", 8.0, 9.0))
    # the untimed first turn gives no delay; the start stands in for a missing end
    assert response_delays(t) == [(3, 1.0)]
    assert talk_time(t) == {"agent": 2.0}
    m = transcript_metrics(t)
    assert m["talk_share"] == {"agent": 1.0}


def test_metrics_without_timestamps_have_no_timing():
    m = transcript_metrics(coerce_transcript("Agent: hi\nCustomer: hello"))
    assert m["turns"] == 2 and "response_delays" not in m and "holds" not in m


def test_transcript_metrics_is_json_native():
    m = transcript_metrics(CALL)
    assert json.loads(json.dumps(m)) == m
    assert m["talk_share"] == {"agent": pytest.approx(0.6977, abs=1e-4),
                               "customer": pytest.approx(0.3023, abs=1e-4)}
    assert m["overlaps_by_speaker"] == {"agent": {"count": 1, "seconds": 1.0}}
    assert m["hold_seconds"] == pytest.approx(35.4)
    assert m["response_delay_turns"][0] == {"customer_turn": 1, "agent_turn": 2, "seconds": 1.5}
    assert m["duration"] == 50.5
