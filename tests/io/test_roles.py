"""Role inference: who greets for a company, introduces themselves as the representative or
asks how they can help is the agent; a weak decision is flagged, not hidden."""

from __future__ import annotations

import pytest

from csnlp.io import iter_records
from csnlp.io.roles import assign_roles, infer_roles

CLEAR = [
    ("A", "Hi, I'm calling about my bill, it's wrong again."),
    ("B", "Thank you for calling Acme, my name is Lee. I'm sorry to hear that."),
    ("A", "I was charged twice."),
    ("B", "Let me check that for you. Is there anything else I can help with?"),
]


@pytest.mark.parametrize("turns,agent", [
    (CLEAR, "B"),
    ([("x", "hello this is harper valley national bank"), ("x", "how can i help you today"),
      ("y", "hi my name is patricia brown"), ("y", "i lost my debit card")], "x"),
    ([("s1", "hello, i need help with my order"), ("s2", "welcome to acme support, "
                                                      "i can help you with that")], "s2"),
    ([("c", "Good morning, you've reached Globex. What can I do for you?"),
      ("d", "I'd like to change my address.")], "c"),
], ids=["late-agent", "asr-bank", "chat-customer-first", "reached"])
def test_agent_found(turns, agent):
    result = infer_roles(turns)
    assert result.role_map[agent] == "agent"
    assert [r for lab, r in result.role_map.items() if lab != agent] == ["customer"]
    assert not result.uncertain
    assert agent in result.reason


def test_no_cue_is_uncertain_and_says_why():
    result = infer_roles([("p", "yes"), ("q", "okay"), ("p", "sure")])
    assert result.uncertain
    assert result.role_map == {"p": "agent", "q": "customer"}
    assert "no cue" in result.reason


def test_single_speaker_is_uncertain():
    result = infer_roles([("only", "thank you for calling acme how can i help")])
    assert result.role_map == {"only": "agent"} and result.uncertain


def test_three_speakers_are_uncertain():
    turns = CLEAR + [("C", "um")]
    result = infer_roles(turns)
    assert result.role_map == {"B": "agent", "A": "customer", "C": "customer"}
    assert result.uncertain and "3 speakers" in result.reason


def test_known_role_fixes_the_other_label():
    decision = assign_roles([("Customer", "my card is broken", None),
                             ("Dana", "oh no", None)])
    assert decision.roles == ["customer", "agent"]
    assert decision.role_map == {"Dana": "agent"}
    assert decision.source == "inferred"


def test_speaker_map_wins_and_is_case_insensitive():
    decision = assign_roles([("SPEAKER_00", "hi", None), ("SPEAKER_01", "how can i help", None)],
                            speaker_map={"speaker_00": "agent", "Speaker_01": "customer"})
    assert decision.roles == ["agent", "customer"]
    assert decision.source == "speaker_map" and not decision.uncertain


def test_infer_mode_ignores_format_roles():
    decision = assign_roles([("ch1", "thank you for calling acme, how can i help", "customer"),
                             ("ch2", "i need to reset my password", "agent")], mode="infer")
    assert decision.roles == ["agent", "customer"]


def test_infer_mode_keeps_the_given_role_of_unlabeled_turns():
    # Inference groups turns by label; unlabeled turns were grouped under None, which put a
    # None key in the metadata's role_map ("Dict key must be str" when written as JSON).
    decision = assign_roles([(None, "thank you for calling acme, how can i help", "agent"),
                             (None, "let me check that", "agent")], mode="infer")
    assert decision.roles == ["agent", "agent"]
    assert None not in decision.role_map


def test_turn_without_label_or_role_is_an_error():
    with pytest.raises(ValueError, match=r"turn 1: no speaker label and no role"):
        assign_roles([("A", "hello", None), (None, "hi", None)])


def test_unlabeled_recording_read_with_infer_mode_writes_as_json(samples):
    import orjson

    (record,) = iter_records(samples / "whisper" / "verbose.json", speaker="agent",
                             roles="infer")
    assert record.error is None
    assert {t.speaker for t in record.transcript.turns} == {"agent"}
    orjson.dumps(record.transcript.metadata)


def test_harper_valley_role_inference_accuracy(hv_dir):
    """Drop the known roles (keep only channel labels), infer them, compare: every call."""
    calls = turns = right_calls = right_turns = unsure = 0
    for field in ("transcript", "human_transcript"):
        truth = iter_records(hv_dir, "harper_valley", text_field=field)
        guess = iter_records(hv_dir, "harper_valley", text_field=field, roles="infer")
        for known, inferred in zip(truth, guess, strict=True):
            a, b = known.transcript, inferred.transcript
            assert a.id == b.id
            same = [x.speaker == y.speaker for x, y in zip(a.turns, b.turns, strict=True)]
            calls += 1
            turns += len(same)
            right_calls += all(same)
            right_turns += sum(same)
            unsure += b.metadata["roles_uncertain"]
            assert b.metadata["roles_source"] == "inferred"
    print(f"Harper Valley role inference: {right_calls}/{calls} calls, "
          f"{right_turns}/{turns} turns right; {unsure} flagged uncertain")
    assert calls == 200
    assert right_calls / calls >= 0.97
    assert right_turns / turns >= 0.97


def test_two_agent_like_speakers_still_give_a_customer():
    result = infer_roles([("a", "thank you for calling acme how can i help"),
                          ("b", "thank you for calling, how may i help you")])
    assert sorted(result.role_map.values()) == ["agent", "customer"]
    assert result.uncertain
