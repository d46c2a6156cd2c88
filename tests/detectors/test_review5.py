"""Plainly wrong verdicts a review of round eight's rules found, each fixed by its mechanism."""

from __future__ import annotations

import pytest

import csnlp

from .conftest import judge

MET, MISSED = csnlp.Status.MET, csnlp.Status.MISSED


@pytest.mark.parametrize("name, reply", [
    ("Will Turner", "okay thanks will do, I'll send that now"),
    ("May Chen", "sorry may i just confirm the postcode"),
    ("Grant Osei", "okay grant is approved and is there anything else"),
])
def test_a_name_that_is_a_word_used_as_the_word(name, reply):
    report = judge([("agent", "thanks for calling how can i help"),
                    ("customer", "hi it's about my application"), ("agent", reply)],
                   metadata={"customer_name": name})
    assert report["customer_name"].status is MISSED, report["customer_name"].explanation


def test_a_closing_wish_is_no_agent_name():
    report = judge([("agent", "Hi there,\\n\\nYour refund was issued today. Hope that helps. "
                              "Best Wishes")])
    assert report["agent_introduction"].status is MISSED


@pytest.mark.parametrize("answer, status", [
    ("sure, I can't wait to get this sorted", MISSED),  # agreed: the hold is a hold
    ("yes please, I'd rather not call back later", MISSED),
])
def test_a_declined_hold_is_only_a_no_to_holding(answer, status):
    report = judge([("agent", "can I put you on hold while I check", 0.0, 3.0),
                    ("customer", answer, 4.0, 6.0),
                    ("agent", "right, it's the old tariff", 70.0, 74.0)])
    assert report["hold_etiquette"].status is status, report["hold_etiquette"].explanation


@pytest.mark.parametrize("reply, status", [
    ("okay mag da lena that's all updated for you", csnlp.Status.MET),
    ("thanks kowal czyk family that's booked", csnlp.Status.MET),
    # short pieces that only happen to join into a short name are ordinary words
    ("okay and a lot of that is done", csnlp.Status.MISSED),
])
def test_a_long_name_split_by_speech_recognition(reply, status):
    report = judge([("agent", "thanks for calling how can i help"),
                    ("customer", "hi my name is magdalena kowalczyk"), ("agent", reply)])
    assert report["customer_name"].status is status, report["customer_name"].explanation


def test_typed_text_spells_the_name_whole():
    report = judge([("agent", "Thanks for contacting us, how can I help?"),
                    ("customer", "Hi, my name is Magdalena Kowalczyk."),
                    ("agent", "Okay Mag da lena, that's all updated for you.")])
    assert report["customer_name"].status is MISSED


def test_a_one_word_acknowledgement_is_no_closing_by_the_act_model():
    """The act model stands in for the rules on turns they did not take, but not on one word:
    "Great." is an acknowledgement, not a goodbye (the shipped model scores it 0.58 closing)."""
    turns = [("customer", "the controller works again"), ("agent", "Great.")]
    report = judge(turns, act_model="default")
    assert report["closing"].status is MISSED, report["closing"].explanation
    # two words or more still go to the model
    longer = judge([("customer", "the controller works again"),
                    ("agent", "Great, enjoy the rest of your evening then.")],
                   act_model="default")
    assert longer["closing"].status is MET
