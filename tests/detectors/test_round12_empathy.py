"""Round twelve, empathy: a "sorry" that opens a request to repeat or check a detail is no
empathy, also unpunctuated in speech; the details the agent asked for are an answer, not a
complaint, whatever the tone model reads in them; "working again" after a "yes" is good news;
a turn that says outright it is no complaint, or concedes the point, does not trigger.
Sentences here are written for the tests."""

from __future__ import annotations

import numpy as np
import pytest

import csnlp

from .conftest import judge

MET, MISSED, NA = csnlp.Status.MET, csnlp.Status.MISSED, csnlp.Status.NOT_APPLICABLE
A, C = "agent", "customer"


class _Frustrated:
    """A tone model that reads the turn `text` as frustrated (0.95) and every other as calm:
    what the tone model does with some plain answers, so that only the detector decides."""

    labels = ("polite", "frustrated", "grateful")
    model_id = "test-frustrated"

    def __init__(self, text: str) -> None:
        self.text = text

    def predict_proba(self, texts):
        return np.array([[0.9, 0.95 if t == self.text else 0.05, 0.1] for t in texts])


def _empathy(turns: list[tuple], **options) -> csnlp.StandardResult:
    return judge(turns, **options)["empathy_on_complaint"]


@pytest.mark.parametrize("reply", [
    "sorry can you spell the street name for me",
    "oh sorry could you repeat the reference",
    "Sorry, just to double check, was it the blue one?",
    "sorry to confirm is that the account ending four two",
])
def test_a_sorry_asking_to_repeat_or_check_is_no_empathy(reply):
    turns = [(A, "hi you're through to loomis tech how can i help"),
             (C, "my laptop screen cracked the day it arrived and nobody answered my email"),
             (A, reply), (C, "yes"), (A, "okay a replacement is on its way")]
    assert _empathy(turns).status is MISSED


def test_a_real_apology_after_the_check_still_counts():
    turns = [(A, "hi how can i help"),
             (C, "my laptop screen cracked the day it arrived and nobody answered my email"),
             (A, "sorry can you spell the surname, and i'm really sorry about the screen")]
    assert _empathy(turns).status is MET


@pytest.mark.parametrize("asked, answer", [
    ("Could you confirm your date of birth and postcode for me?",
     "The ninth of May 1971, and it's LS6 2QT."),
    ("can i take the account number please", "yeah it's four four one nine two oh seven"),
    ("What's the email on the account?", "it's r dot ahmed at fastmail dot com"),
])
def test_the_details_asked_for_are_an_answer_not_a_complaint(asked, answer):
    turns = [(A, "Hello, Lakeside Water, how can I help?"),
             (C, "I'd like to update the address on my account please."), (A, asked),
             (C, answer), (A, "Thank you, that's updated now.")]
    assert _empathy(turns, tone_model=_Frustrated(answer)).status is NA


def test_a_grievance_in_a_details_answer_is_still_read():
    turns = [(A, "Hello, Lakeside Water, how can I help?"),
             (C, "I'd like to update the address on my account please."),
             (A, "Could you confirm your postcode?"),
             (C, "LS6 2QT, and I've given it three times already, this is a waste of time"),
             (A, "Thank you, that's updated now.")]
    assert _empathy(turns, tone_model=_Frustrated(turns[3][1])).status is MISSED


@pytest.mark.parametrize("answer, status", [
    ("yeah it's working again and the light is green", NA),
    ("yep the router's back online again", NA),
    ("yeah it dropped again twice while we were talking", MISSED),
])
def test_again_after_a_state_back_to_normal_is_good_news(answer, status):
    turns = [(A, "hi how can i help"), (C, "could you check my broadband please"),
             (A, "i've reset the line is it back up"), (C, answer),
             (A, "okay thanks for confirming")]
    assert _empathy(turns, tone_model=_Frustrated(answer)).status is status


@pytest.mark.parametrize("said, status", [
    ("honestly i'm not annoyed or anything, the voucher code just isn't showing in my app", NA),
    ("no rush at all, the voucher code isn't showing in my app", NA),
    ("i'm not angry, just really disappointed, the voucher code isn't showing", MISSED),
    ("not even mad lol but the voucher code isn't showing again", MISSED),
    ("the voucher expired before it arrived, not what I expected but it makes sense", NA),
])
def test_a_turn_that_says_it_is_no_complaint(said, status):
    turns = [(A, "hi there, how can I help?"), (C, said), (A, "let me look at that")]
    assert _empathy(turns).status is status


@pytest.mark.parametrize("said, status", [
    # what came is not what was ordered
    ("so i ordered the green kettle and what came is a red one", MISSED),
    ("I paid for two chairs and you sent one", MISSED),
    ("i ordered it monday and i got a confirmation email", NA),
    ("i ordered a size 9 and it arrived today, can i swap it for a 10", NA),
    # time gone by with the fault gone is good news
    ("ok its been 2 hrs no drops", NA),
    ("been a few hours now and no dropouts at all", NA),
    ("its been 2 hours and still no signal", MISSED),
])
def test_ordered_versus_received_and_time_without_the_fault(said, status):
    turns = [(A, "hi there, how can I help?"), (C, said), (A, "let me look at that")]
    assert _empathy(turns).status is status
