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


@pytest.mark.parametrize("line", [
    "Try it once more and tell us if you can sign in now.",
    "Give it a go and let me know once you're logged in.",
    "Would you say that covers it?",
    "you think this fixes it",
    "Did we get you all set?",
    "Could you let me know once you can see the refund on your statement?",
])
def test_outcome_checks_asked_in_other_frames(line):
    assert _check(line).status is MET, _check(line).explanation


@pytest.mark.parametrize("line", [
    "Let me know if you can make it on Friday.",    # the customer's availability
    "Let me know if you can't sign in and we'll try again.",  # a fallback
    "let me know when you are arriving",
    "Let me know if you have any other questions.",
    "I think that fixes it.",                       # the agent's own opinion, stated
    # (a review's) requests and steps, not outcomes
    "Please send the photos to us when you can.",
    "let me know if you can hear me",
    "Let me know when you can see the settings page.",
    "Would you say it works better on wifi or on data?",
    "Did we get you set up with paperless billing when you joined?",
])
def test_requests_that_check_no_outcome(line):
    assert _check(line).status is MISSED, _check(line).explanation


def _language(agent: str) -> csnlp.StandardResult:
    return judge([("customer", "I was charged a late fee and I'm not happy about it"),
                  ("agent", agent)])["prohibited_language"]


@pytest.mark.parametrize("agent", [
    "Reinstall the app. If it still fails there's nothing more we can do.",
    "Nothing else I can do here.",
    "not a lot more we can say about it",
    "We can't do anything about that.",
    "No. Please be a bit more careful next time.",
    "you should honestly have been checking your statements",
    "Read the cancellation policy before booking.",
])
def test_the_end_of_help_and_lectures_are_prohibited(agent):
    assert _language(agent).status is MISSED, _language(agent).explanation


@pytest.mark.parametrize("agent", [
    "If there's nothing else I can do for you, have a lovely evening!",
    "there's nothing more i can do as the refund window closed last week",
    "We can't do anything about that until Monday, but I'll call you first thing.",
    "We'll be more careful with the packaging from now on, sorry.",
    "I'll ask the driver to be more careful.",
    "You should have been sent a reminder, and I'm sorry it never came.",
    "you should have been getting our monthly statements",
    "Check the returns page first, it lists the steps.",
])
def test_courtesies_reasons_and_owed_things_are_not(agent):
    assert _language(agent).status is MET, _language(agent).explanation
