"""Context: which turns say something (agent-silent calls) and what a miss shows as evidence."""

from __future__ import annotations

import dataclasses

import pytest

import csnlp

AGENT_SIDE = ("greeting", "agent_introduction", "customer_name", "empathy_on_complaint",
              "polite_tone", "prohibited_language", "hold_etiquette", "resolution_check",
              "further_assistance", "closing")


def _call(agent_lines: list[str]) -> dict:
    customer = ["hi is anybody on the line", "my parcel never turned up and i am really annoyed",
                "hello? this is hopeless"]
    turns = []
    for n, line in enumerate(agent_lines):
        turns.append({"speaker": "customer", "text": customer[n % len(customer)]})
        turns.append({"speaker": "agent", "text": line})
    return {"turns": turns}


#: What the agent never did (greet, answer the complaint, close) against what it never said (tone,
#: language): a customer nobody answered misses the first and leaves the second unjudged.
DUTIES = ("greeting", "agent_introduction", "empathy_on_complaint", "resolution_check",
          "further_assistance", "closing")
UNJUDGED = ("customer_name", "polite_tone", "prohibited_language", "hold_etiquette")


@pytest.mark.parametrize("agent_lines", [
    ["[noise]", "<unk>", "[inaudible]"],
    ["um", "uh uh", "mm"],
    ["", "(cough)", "  [static] "],
])
def test_an_agent_with_no_surviving_turn_misses_its_duties_and_meets_nothing(agent_lines):
    report = csnlp.evaluate(_call(agent_lines), "contact_center")
    for standard in DUTIES:
        assert report[standard].status.value == "missed", (standard,
                                                          report[standard].explanation)
    for standard in UNJUDGED:  # the name is never given; no words to judge
        assert report[standard].status.value == "not_applicable", standard
    assert report["greeting"].explanation.startswith("The agent never speaks")
    assert report.score == 0.0


def test_a_known_name_nobody_answers_is_missed():
    call = _call(["[noise]"])
    call["metadata"] = {"customer_name": "Ines Duarte"}
    assert csnlp.evaluate(call, "contact_center")["customer_name"].status.value == "missed"


@pytest.mark.parametrize("automation", ["system", "bot", "ivr"])
def test_a_conversation_only_automation_answers_never_reached_an_agent(automation):
    turns = [{"speaker": automation, "text": "Thanks for calling. All our advisers are busy."},
             {"speaker": "customer", "text": "this is the third time i've called, useless"},
             {"speaker": automation, "text": "You are number four in the queue."}]
    report = csnlp.evaluate({"turns": turns}, "contact_center")
    for standard in AGENT_SIDE:
        assert report[standard].status.value == "not_applicable", standard
    assert "never reached an agent" in report["closing"].explanation
    assert report.score is None


def test_one_real_agent_word_makes_the_agent_heard():
    report = csnlp.evaluate(_call(["[noise]", "whatever"]), "contact_center")
    assert report["prohibited_language"].status.value == "missed"


def test_an_agent_saying_only_backchannels_is_there():
    report = csnlp.evaluate(_call(["yeah", "okay"]), "contact_center")
    assert report["closing"].status.value == "missed"
    assert report["prohibited_language"].status.value == "met"


def test_noise_turns_do_not_take_window_places():
    turns = [{"speaker": "agent", "text": "[noise]"}, {"speaker": "agent", "text": "<unk>"},
             {"speaker": "agent", "text": "good morning you are through to billing"},
             {"speaker": "customer", "text": "hi"}]
    assert csnlp.evaluate({"turns": turns}, "contact_center")["greeting"].status.value == "met"


def test_a_missed_last_turns_standard_shows_the_last_turns_searched():
    turns = []
    for n in range(8):
        turns.append({"speaker": "customer", "text": f"question number {n} about the invoice"})
        turns.append({"speaker": "agent", "text": f"here is answer number {n} for the invoice"})
    # (further_assistance looks in the agent's last three turns; resolution_check, which this
    # test used until round twenty-four, now looks in all of them)
    result = csnlp.evaluate({"turns": turns}, "contact_center")["further_assistance"]
    assert result.status.value == "missed"
    shown = [e.turn_index for e in result.evidence]
    assert shown == [11, 13, 15]  # the agent's last three turns, not turns 1, 3 and 5


RUDE_AND_PROHIBITED = {"turns": [
    {"speaker": "customer", "text": "the engineer never showed up"},
    {"speaker": "agent", "text": "that's not my problem, I only book the visits"},
    {"speaker": "customer", "text": "fine"}]}


def test_one_rude_phrase_is_penalised_once():
    report = csnlp.evaluate(RUDE_AND_PROHIBITED, "contact_center")
    assert report["prohibited_language"].status.value == "missed"
    assert report["polite_tone"].status.value == "met", report["polite_tone"].explanation


def test_without_a_forbid_standard_the_rude_list_judges_alone():
    pack = csnlp.load_standards("contact_center")
    alone = dataclasses.replace(pack, standards=(pack["polite_tone"],))
    result = csnlp.evaluate(RUDE_AND_PROHIBITED, alone)["polite_tone"]
    assert result.status.value == "missed" and "problem" in result.explanation
