"""Round nineteen, from wave 16's disagreements, by mechanism: a typed self-naming with a
capitalised name mid-sentence (a name that is also a word included: the capitals tell), a full
name signing a one-line message, speech recognition's "surnames"; the agent's "<name> from
<company> here"; asking to be told of the customer's own success, asking
the customer's opinion of the outcome, and "have I got you sorted". Sentences here are written
for the tests."""

from __future__ import annotations

import pytest

import csnlp

from .conftest import judge

MET, MISSED, NA = csnlp.Status.MET, csnlp.Status.MISSED, csnlp.Status.NOT_APPLICABLE

OPEN = ("agent", "Hello, Brightline support, how can I help?")


def _name(customer: str, agent: str = "One moment please.") -> csnlp.StandardResult:
    return judge([OPEN, ("customer", customer), ("agent", agent)])["customer_name"]


@pytest.mark.parametrize("customer, words", [
    # a sentence opening on "Name's", after a reference the words cannot tell from it
    ("Ref 88 1204. Name's Odile Marchand.", {"odile", "marchand"}),
    ("Policy 40-551. Name is Kwame Boateng, thanks", {"kwame", "boateng"}),
    # a name that is also a word, capitalised mid-sentence after "this is" / "I'm"
    ("Hello, this is Grant Ellery. My meter is stuck.", {"grant", "ellery"}),
    ("Hi, I'm Hope from Ridgeway Farm. The invoice is wrong.", {"hope"}),
])
def test_a_typed_name_the_customer_gives_is_known(customer, words):
    result = _name(customer)
    assert result.status is MISSED, result.explanation
    stated = [e for e in result.evidence if e.role is csnlp.EvidenceRole.STATED_NAME]
    assert stated and set(stated[0].text.lower().replace(",", "").split()) >= words


def test_a_full_name_signing_the_opening_message_is_known():
    """A one-line message opening the conversation, signed with a full name after its last
    sentence; later, two capitalised words closing a message are as often a product."""
    signed = "my parcel never came. order 55 1190. Ines Duarte"
    result = judge([("customer", signed), ("agent", "Hello, one moment please.")])[
        "customer_name"]
    assert result.status is MISSED, result.explanation
    assert _name("it keeps dropping out. Galaxy Buds").status is NA
    words = {"ines", "duarte"}
    stated = [e for e in result.evidence if e.role is csnlp.EvidenceRole.STATED_NAME]
    assert stated and set(stated[0].text.lower().replace(",", "").split()) >= words


@pytest.mark.parametrize("customer", [
    "Hi, I'm Will.",  # a name that is also a word, with no word that goes on after it
    "This is absurd. I'm Sorry to say it.",   # a state, capitalised
    "the app crashed again. Very Annoying",   # an exclamation signing nothing
    "my booking failed. Thank You",
    "Yes, I'm British.",                      # one capitalised word alone: a state or place
    "Hi, this is Insane. Third time I am asking for a refund.",
])
def test_capitals_that_are_no_self_naming_give_no_name(customer):
    assert _name(customer).status is NA


def test_speech_recognition_surnames_is_the_surname_label():
    result = _name("surnames okonjo first name chidi", "thanks mr okonjo")
    assert result.status is MET, result.explanation


@pytest.mark.parametrize("agent, status", [
    ("Sorry for the wait! Marisol from Tidewater billing here. What's the account?", MET),
    ("Hi! Support from Copperline here, what's up?", MISSED),  # a team, not a name
    ("Hi from Copperline here! What can I do?", MISSED),  # a greeting, not a name
    ("Oh I'm Scottish too, small world.", MISSED),         # a state, not a shared name
    ("I'm Sorry too, that sounds awful.", MISSED),
])
def test_informal_written_introductions(agent, status):
    report = judge([("customer", "hi my router keeps dropping"), ("agent", agent)])
    assert report["agent_introduction"].status is status, \
        report["agent_introduction"].explanation


def _check(line: str) -> csnlp.StandardResult:
    return judge([OPEN, ("customer", "my online banking won't let me log in"),
                  ("agent", "I've unlocked the profile."), ("customer", "ok"),
                  ("agent", line), ("customer", "ok")])["resolution_check"]


@pytest.mark.parametrize("line, status", [
    ("Try it once more and tell us if you can sign in now.", MET),
    ("Give it a go and let me know once you're logged in.", MET),
    ("Would you say that covers it?", MET),
    ("you think this fixes it", MET),
    ("Did we get you all set?", MET),
    ("Could you let me know once you can see the refund on your statement?", MET),
    ("Let me know if you can make it on Friday.", MISSED),  # the customer's availability
    ("Let me know if you can't sign in and we'll try again.", MISSED),  # a fallback
    ("let me know when you are arriving", MISSED),
    ("Let me know if you have any other questions.", MISSED),
    ("I think that fixes it.", MISSED),  # the agent's own opinion, stated
    # (a review's) requests and steps, not outcomes
    ("Please send the photos to us when you can.", MISSED),
    ("let me know if you can hear me", MISSED),
    ("Let me know when you can see the settings page.", MISSED),
    ("Would you say it works better on wifi or on data?", MISSED),
    ("Did we get you set up with paperless billing when you joined?", MISSED),
])
def test_outcome_checks_asked_in_other_frames_and_requests_that_are_none(line, status):
    result = _check(line)
    assert result.status is status, result.explanation


def _language(agent: str) -> csnlp.StandardResult:
    return judge([("customer", "I was charged a late fee and I'm not happy about it"),
                  ("agent", agent)])["prohibited_language"]


@pytest.mark.parametrize("agent, status", [
    # the end of help announced, and lectures
    ("Reinstall the app. If it still fails there's nothing more we can do.", MISSED),
    ("Nothing else I can do here.", MISSED),
    ("not a lot more we can say about it", MISSED),
    ("We can't do anything about that.", MISSED),
    ("No. Please be a bit more careful next time.", MISSED),
    ("you should honestly have been checking your statements", MISSED),
    ("Read the cancellation policy before booking.", MISSED),
    # courtesies, reasons and what the customer was owed
    ("If there's nothing else I can do for you, have a lovely evening!", MET),
    ("there's nothing more i can do as the refund window closed last week", MET),
    ("We can't do anything about that until Monday, but I'll call you first thing.", MET),
    ("We'll be more careful with the packaging from now on, sorry.", MET),
    ("I'll ask the driver to be more careful.", MET),
    ("You should have been sent a reminder, and I'm sorry it never came.", MET),
    ("you should have been getting our monthly statements", MET),
    ("Check the returns page first, it lists the steps.", MET),
])
def test_the_end_of_help_and_lectures_are_prohibited_and_courtesies_are_not(agent, status):
    result = _language(agent)
    assert result.status is status, result.explanation
