"""Round twelve, names: a name word may hold an apostrophe ("o'sullivan", "D'Souza"); a customer
gives a full name after greeting the agent, or a title and name, later in the turn; an agent
signs a social reply with a dash after an emoji, or with the company after a bar or an at
sign. And the rules engine keeps both tests of a pattern token that tests LOWER and ORTH.
Sentences here are written for the tests."""

from __future__ import annotations

import pytest

import csnlp

from .conftest import judge

MET, MISSED, NA = csnlp.Status.MET, csnlp.Status.MISSED, csnlp.Status.NOT_APPLICABLE
A, C = "agent", "customer"


def _name(stated: str, reply: str) -> csnlp.StandardResult:
    return judge([(A, "thanks for calling northway energy this is jo how can i help"),
                  (C, stated), (A, reply), (C, "ok thanks"), (A, "anything else today")]
                 )["customer_name"]


@pytest.mark.parametrize("stated, used", [
    # an apostrophe inside the surname no longer hides the name
    ("yeah it's siobhan o'hare and my meter's stopped", "thanks siobhan i'll check the meter"),
    ("my name is tadhg d'arcy i'm moving house", "okay tadhg let's set up the move"),
    # a full name after greeting the agent, mid-turn
    ("oh hi jo um it's priya raman i want to change my tariff", "sure priya let me look"),
    ("Hi Jo, it's Milo Brandt. I have a question about my bill.", "Of course Milo."),
    # a title and name later in the turn
    ("the reference is two two nine and it's missus okoye and nobody rang me back",
     "i'm so sorry missus okoye let me sort that"),
    # a name given in passing
    ("sorry forgot to say it's ines by the way", "no problem ines"),
])
def test_names_stated_in_these_ways_are_known_and_their_use_counts(stated, used):
    assert _name(stated, used).status is MET
    assert _name(stated, "right let me look into it").status is MISSED


@pytest.mark.parametrize("stated", [
    # not names: a state, a reference, a transcription tag, a time
    "my dinner came and it's stone cold and soggy",
    "hi um it's PX 447109",
    "my name is <unk> wilson",
    "it's ten o'clock and nobody has come",
])
def test_what_is_no_name_stays_unknown(stated):
    assert _name(stated, "right let me look into it").status is NA


def _intro(reply: str) -> csnlp.Status:
    return judge([(C, "how do i export my invoices"), (A, reply), (C, "found it"),
                  (A, "great, anything else?")], metadata={"channel": "instagram_dm"}
                 )["agent_introduction"].status


@pytest.mark.parametrize("reply, status", [
    ("Hi! It's under Billing > Export. — Ravi | Ledgerline Help", MET),
    ("Hi! It's under Billing > Export. - Ravi @ Ledgerline", MET),
    ("Hi! It's under Billing > Export 🌟 - Ravi", MET),
    ("Hi! It's under Billing > Export ~ Ravi", MET),
    # a dash before a day or a month is a range, not a sign-off
    ("Hi! Exports run Monday - Friday", MISSED),
    ("Hi! Exports cover January - March", MISSED),
    # a team is no name
    ("Hi! It's under Billing > Export. - Support Team", MISSED),
])
def test_social_sign_offs(reply, status):
    assert _intro(reply) is status


def test_a_pattern_token_keeps_both_its_lower_and_orth_tests():
    from csnlp.nlp.rules import _lower_token

    token = {"LOWER": {"REGEX": "^[a-z]+$"}, "ORTH": {"NOT_IN": ["Cold"]}, "IS_STOP": False}
    out = _lower_token(token)
    assert out["LOWER"] == {"REGEX": "^[a-z]+$"}
    assert out["ORTH"] == {"NOT_IN": ["cold"]}
    # alone, LOWER means ORTH on normalised words, as before
    assert _lower_token({"LOWER": "Hello"}) == {"ORTH": "hello"}


def test_a_name_left_with_a_typed_booking_note_is_known():
    turns = [(C, "do you have a table free saturday"), (A, "Hi! Yes, 7pm works, want it?"),
             (C, "yes pls, booking under Tamsin for 7pm"), (A, "Done, see you Saturday!")]
    assert judge(turns, metadata={"channel": "instagram_dm"})["customer_name"].status is MISSED
    turns[-1] = (A, "Done, see you Saturday Tamsin!")
    assert judge(turns, metadata={"channel": "instagram_dm"})["customer_name"].status is MET


@pytest.mark.parametrize("opening, status", [
    ("Hiii! Yes, the bakery opens at 8.", MET),
    ("Heyy 👋 yes, the bakery opens at 8.", MET),
    ("helloooo, yes, the bakery opens at 8.", MET),
    ("Yes, the bakery opens at 8.", MISSED),
])
def test_a_greeting_typed_long_is_a_greeting(opening, status):
    turns = [(C, "what time do you open"), (A, opening), (C, "thanks"), (A, "anytime!")]
    assert judge(turns, metadata={"channel": "instagram_dm"})["greeting"].status is status
