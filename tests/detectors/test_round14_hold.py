"""Round 14: dead air in a call that the agent accounts for ("sorry, I was just pulling up the
order") or that the customer ends asking whether anyone is there is a hold, neither asked for
nor (without thanks) thanked; a silence after the agent's "okay" too. Dead air no one accounts
for is a slow reply (response_time's), and in typed channels a gap is the agent's reply time.
On sentences written for these tests."""

from __future__ import annotations

import pytest

import csnlp

from .conftest import judge

MET, MISSED, NA = csnlp.Status.MET, csnlp.Status.MISSED, csnlp.Status.NOT_APPLICABLE


def _lookup(gap: float, reply: str = "right so the order left the warehouse on tuesday",
            channel: str = "phone", customer: str = "it's nine four two seven one") -> csnlp.Status:
    turns = [("agent", "hello northwind homeware this is leon how can i help", 0.0, 4.0),
             ("customer", "hi i'm chasing an order that hasn't arrived", 4.5, 8.0),
             ("agent", "okay what's the order number", 8.5, 10.0),
             ("customer", customer, 10.5, 13.0),
             ("agent", reply, 13.0 + gap, 18.0 + gap),
             ("customer", "oh okay", 19.0 + gap, 20.0 + gap),
             ("agent", "anything else", 20.5 + gap, 21.5 + gap)]
    return judge(turns, metadata={"channel": channel})["hold_etiquette"].status


@pytest.mark.parametrize("reply, status", [
    ("sorry i was just pulling up the order it left the warehouse on tuesday", MISSED),
    ("apologies the system's slow today so it left the warehouse on tuesday", MISSED),
    ("thanks for waiting so it left the warehouse tuesday", MISSED),       # never asked for
    ("right so the order left the warehouse on tuesday", NA),              # a slow reply
])
def test_dead_air_the_agent_accounts_for_is_a_hold(reply, status):
    assert _lookup(48.0, reply=reply) is status


@pytest.mark.parametrize("gap, channel, customer, status", [
    (12.0, "phone", "it's nine four two seven one", NA),           # a pause, not a hold
    (48.0, "chat", "it's nine four two seven one", NA),            # typed: reply time
    (48.0, "phone", "hang on let me find the email", NA),          # the customer's own pause
])
def test_what_is_no_hold(gap, channel, customer, status):
    reply = "sorry i was just pulling up the order it left the warehouse on tuesday"
    assert _lookup(gap, reply=reply, channel=channel, customer=customer) is status


@pytest.mark.parametrize("prompt", ["hello are you still there", "hello? hello?",
                                    "hello, can you hear me?", "anyone there?"])
def test_the_customer_asking_whether_anyone_is_there_after_their_own_turn(prompt):
    turns = [("agent", "good afternoon fernhill council this is aoife", 0.0, 3.0),
             ("customer", "hi my green bin wasn't collected on monday", 3.5, 7.0),
             ("agent", "what's the house number and street", 7.5, 9.0),
             ("customer", "twelve orchard way", 9.5, 11.0),
             ("customer", prompt, 70.0, 72.0),
             ("agent", "yes so the crew missed your road i've booked a return visit", 73.0, 79.0),
             ("customer", "great", 79.5, 80.0)]
    assert judge(turns, metadata={"channel": "phone"})["hold_etiquette"].status is MISSED


def test_a_backchannel_then_the_customer_asking_whether_anyone_is_there():
    turns = [("agent", "good afternoon fernhill council this is aoife", 0.0, 3.0),
             ("customer", "hi my green bin wasn't collected on monday", 3.5, 7.0),
             ("agent", "okay", 7.5, 8.0),
             ("customer", "hello are you still there", 72.0, 74.0),
             ("agent", "yes so the crew missed your road i've booked a return visit", 75.0, 81.0),
             ("customer", "great", 81.5, 82.0)]
    result = judge(turns, metadata={"channel": "phone"})["hold_etiquette"]
    assert result.status is MISSED
    assert "turn 3" in result.explanation


# -- the review of round 14 ----------------------------------------------------------------------
def _call(turns):
    return judge(turns, metadata={"channel": "phone"})["hold_etiquette"].status


def test_the_customer_back_from_a_task_is_no_hold_of_the_agent():
    turns = [("agent", "okay could you go and look at the lights on the front of the box", 0, 4),
             ("customer", "yeah okay it's in the hallway", 4.5, 6.0),
             ("customer", "hello? are you still there?", 66.0, 68.0),
             ("agent", "yes i'm here what colour is the light", 68.5, 71.0)]
    assert _call(turns) is NA
    turns = [("agent", "i'll need the long number on your card", 0, 3),
             ("customer", "right it's in my bag in the car", 3.5, 5.0),
             ("agent", "okay", 5.5, 6.0),
             ("customer", "hello? are you there?", 58.0, 59.0),
             ("agent", "yep still here", 59.5, 60.5)]
    assert _call(turns) is NA


@pytest.mark.parametrize("reply", [
    "i'm so sorry to hear that, it's taken far too long for you, i'll chase the depot",
    "apologies for the delay with your delivery, a van broke down",
    "sorry, are you still looking for it? no rush",
])
def test_sorry_in_another_sense_is_no_return_from_hold(reply):
    assert _lookup(48.0, reply=reply) is NA


def test_a_transfers_queue_is_no_unannounced_hold():
    turns = [("agent", "that's the billing team, i'll put you through to them now", 0, 4),
             ("customer", "okay thanks", 4.5, 5.5),
             ("agent", "hi billing sorry about the wait this is tom how can i help", 70, 74)]
    assert _call(turns) is NA


def test_the_customer_back_from_their_own_errand_with_news_is_no_hold():
    # (third review) "hello?" that goes on with what the customer went to get
    turns = [("agent", "sure what's the reading on the meter", 8, 10),
             ("customer", "oh i'll have to nip out to the garage to read it", 11, 15),
             ("customer", "hello? right it's 0 4 4 7 1", 75, 79),
             ("agent", "lovely thank you i've put that on the account", 80, 84)]
    assert _call(turns) is NA
