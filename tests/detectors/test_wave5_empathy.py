"""Mechanisms found by the fifth wave's empathy DEV set (benchmarks/devsets/empathy5.yaml):
complaints without emotion words, apologies that are not empathy, empathy without "sorry",
and agents who talk down without an insult. Sentences here are written for the tests."""

from __future__ import annotations

import numpy as np
import pytest

import csnlp

from .conftest import judge

MET, MISSED, NA = csnlp.Status.MET, csnlp.Status.MISSED, csnlp.Status.NOT_APPLICABLE


@pytest.mark.parametrize("line, status", [
    # late against a promise, trying for hours, a disruption that goes on
    ("the pizza turned up two hours after the website said", MISSED),
    ("it got here three days later than quoted", MISSED),
    ("i've been calling since nine this morning", MISSED),
    ("there's been hammering in the flat upstairs since six", MISSED),
    ("constant drilling next door since breakfast", MISSED),
    ("loud music from the bar downstairs all night", MISSED),
    # told too late, expected otherwise, money out twice, waiting in for nothing
    ("I only found out from a friend that the branch had closed", MISSED),
    ("the price changed without any warning", MISSED),
    ("I thought the installation was free with the contract", MISSED),
    ("the subscription went out of my account twice on Friday", MISSED),
    ("I stayed home the whole morning for the engineer", MISSED),
    ("the repair was meant to happen on Monday", MISSED),
    # understatement, sarcasm pointed out, a mocking emoji, a status stuck, scare quotes
    ("it's a bit tedious having to log in again every single day", MISSED),
    ("I was being sarcastic earlier", MISSED),
    ("a £40 admin fee for changing a date 🤡", MISSED),
    ("my claim has said 'pending' for weeks", MISSED),
    ("great, the 'fast' charger needs six hours to fill my phone", MISSED),
    # the same failed fix again
    ("you gave me the same answer the last person gave me", MISSED),
    ("restarting the router didn't work last time either", MISSED),
    ("still nothing", MISSED),
    # calm lines near those shapes
    ("can you find out when my order will ship?", NA),
    ("this was meant to be a gift, can you leave the receipt out?", NA),
    ("is there a notice period for cancelling?", NA),
    ("I thought about it and I'd like the blue one", NA),
    ("I'll stay in all day tomorrow for the delivery", NA),
    ("is the 'fast' plan available in my area?", NA),
    ("your chilli sauce makes me angry at every other sauce, 10/10 would buy again", NA),
])
def test_complaints_without_emotion_words(line, status):
    report = judge([("customer", line), ("agent", "What's the account number?")])
    assert report["empathy_on_complaint"].status is status


@pytest.mark.parametrize("reply, status", [
    ("oh I totally get that, let me fix it now", MET),
    ("that sounds absolutely miserable, let me look", MET),
    ("waiting in for nothing is the worst. Let me check the slot.", MET),
    ("you must be exhausted after all that", MET),
    ("that's been a waste of your time, let me sort it", MET),
    ("it should have been fixed the first time round", MET),
    ("three weeks is way longer than it should take", MET),
    ("I can't imagine how stressful that is", MET),
    ("Right. Sorry. Let me look at the account.", MET),
    # apologies that are not empathy: a typo corrected, a pardon without a question mark
    ("sorry, *account. What's the number?", MISSED),
    ("Sorry, wrong window! What's your account number?", MISSED),
    ("sorry what's the postcode on the account", MISSED),
    ("it should have been fixed by now according to the system", MISSED),
    # naming a thing bad, or not wasting time, is no empathy
    ("the old portal was the worst, what's the account number?", MISSED),
    ("I don't want to waste your time, what's the account number?", MISSED),
    ("sorry we wasted your time with that form", MET),
])
def test_empathy_without_sorry_and_apologies_that_are_not(reply, status):
    report = judge([("customer", "I've been charged twice and nobody will help me"),
                    ("agent", reply)])
    assert report["empathy_on_complaint"].status is status


class _FakeTone:
    """Frustrated scores by marker: a turn containing "%%" (a marker no rule reads) scores 0.95 frustrated."""

    labels = ("frustrated", "polite")

    def predict_proba(self, texts):
        return np.array([[0.95, 0.5] if "%%" in t else [0.05, 0.5] for t in texts])


_TONE = _FakeTone()


@pytest.mark.parametrize("before, then, status", [
    # the agent just apologised: a customer turn upset by tone alone continues that grievance
    ("I'm so sorry, that sounds stressful.", "the whole shop is waiting at the till %%",
     MET),
    # no apology before it: the tone-only turn needs its own answer
    ("Let me check the terminal.", "the whole shop is waiting at the till %%", MISSED),
    # a complaint the rules find is new content and needs its own answer
    ("I'm so sorry, that sounds stressful.", "and it was declined twice in a day yesterday",
     MISSED),
])
def test_tone_only_turn_right_after_empathy_is_already_answered(before, then, status):
    turns = [("customer", "my card keeps getting declined"), ("agent", before),
             ("customer", then), ("agent", "Can you read me the terminal ID?"),
             ("agent", "Thanks, one moment.")]
    report = judge(turns, tone_model=_TONE)
    assert report["empathy_on_complaint"].status is status


@pytest.mark.parametrize("reply, status", [
    ("I don't know how to explain it any plainer.", MISSED),
    ("The button is literally labelled 'Reset'.", MISSED),
    ("No worries hun, I'll sort it.", MISSED),
    ("Okay honey, let me look.", MISSED),
    # step-by-step instructions and initials are not talking down (a rule for word-by-word
    # replies was dropped in review: it read these as rude)
    ("Step one. Open the app. Tap Settings. Then Cards. That's all, thank you!", MET),
    ("Mr. J. R. Smith. Is that right?", MET),
    ("Honey Lane branch is closed today, sorry.", MET),
    # near misses: brisk or plain, not condescending
    ("Okay. Thanks. Bye. Take care.", MET),
    ("I'll put it in writing so it's easier to follow.", MET),
    ("The reset button is labelled on the back.", MET),
    ("It looks like a digit is missing, could you check?", MET),
    ("Our honey range is out of stock until Friday.", MET),
    ("Done. Your refund is on its way. Anything else?", MET),
])
def test_talking_down_without_an_insult(reply, status):
    # (the customer's oversight told as an aside, "which you appear to have ignored", is blame,
    # prohibited_language's since round 21: tests/detectors/test_round21.py)
    report = judge([("customer", "Where do I find the reset option?"), ("agent", reply)])
    assert report["polite_tone"].status is status


@pytest.mark.parametrize("replies, status", [
    # curt throughout: short turns, not one courteous word
    (["Postcode.", "Not covered. Declined.", "No."], MISSED),
    (["Booked for Tuesday.", "It is. Check the email."], MISSED),
    # brisk but courteous: one courteous word anywhere is enough
    (["Postcode, please.", "Not covered, I'm afraid.", "No."], MET),
    (["Postcode?", "Booked for Tuesday.", "Have a good evening!"], MET),
    # a single short turn says too little to call the agent curt
    (["Booked for Tuesday."], MET),
    # helpful and short is not curt
    (["Yes, I can do that for you.", "It's done now, you're all set."], MET),
    (["Absolutely, I'll look now.", "All sorted for you."], MET),
])
def test_curt_throughout_without_a_courteous_word(replies, status):
    turns = []
    for reply in replies:
        turns += [("customer", "Hi, can I move my boiler service to next week?"),
                  ("agent", reply)]
    assert judge(turns)["polite_tone"].status is status


def test_an_opening_apology_answers_no_later_complaint():
    # "sorry for the wait" before any complaint does not answer the complaint after it
    turns = [("agent", "Sorry for the wait, how can I help?"),
             ("customer", "why does nobody ever call me back when they promise to %%"),
             ("agent", "Can you read me the account number?")]
    assert judge(turns, tone_model=_TONE)["empathy_on_complaint"].status is MISSED


@pytest.mark.parametrize("line", [
    "my mum's been ringing all her friends to tell them about you",
    "the router has no warning light on it, is that normal?",
    "can you do the same thing as last time, the guy did a great job",
    "I found out on the app that I can pay by card, brilliant",
])
def test_calm_lines_near_the_wave5_complaint_shapes(line):
    report = judge([("customer", line), ("agent", "What's the account number?")])
    assert report["empathy_on_complaint"].status is NA


@pytest.mark.parametrize("reply", [
    "It is the worst case scenario, the card is cancelled.",
    "That's tough luck, the policy is clear.",
    "I don't want to be wasting your time, what's the account number?",
])
def test_no_empathy_in_words_near_the_wave5_empathy_shapes(reply):
    report = judge([("customer", "I've been charged twice and nobody will help me"),
                    ("agent", reply)])
    assert report["empathy_on_complaint"].status is MISSED
