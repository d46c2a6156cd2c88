"""A contact with no problem or question at all: the customer calls only to praise or thank
(`not_applicable_if` of resolution_check). Sentences here are written for the tests."""

from __future__ import annotations

import pytest

import csnlp
from csnlp.results import EvidenceRole

from .conftest import judge

MET, MISSED, NA = csnlp.Status.MET, csnlp.Status.MISSED, csnlp.Status.NOT_APPLICABLE


@pytest.mark.parametrize("opening, status", [
    # the customer says there is nothing to solve, or calls only to praise
    ("hi um nothing's wrong i just wanted to ring and say the fitter was brilliant", NA),
    ("Hello! No problem at all, I'm only writing to say thank you to Lena at the desk.", NA),
    ("i just wanted to give a big shout out to the driver who helped me yesterday", NA),
    ("Just calling to pass on my thanks to your night team, they were lovely.", NA),
    ("Huge shout-out to the Leeds branch for sorting my mum's card so quickly", NA),
    ("Thanks @QuickBite for the fastest delivery ever tonight!", NA),
    # praise with a question, a request or a problem after all
    ("Nothing's wrong, I just wanted to say thanks. Can you also tell me my balance?", MISSED),
    ("I only rang to say thanks for the repair, but it isn't working again today", MISSED),
    ("no problem with the tech i just want to cancel my contract", MISSED),
    ("Shout out to @AirCo for cancelling my flight with no warning, great work", MISSED),
    # an ordinary opening
    ("hi my router keeps dropping out every evening", MISSED),
])
def test_a_contact_only_to_praise_has_no_outcome_to_check(opening, status):
    report = judge([("agent", "Good morning, Acme support."),
                    ("customer", opening),
                    ("agent", "Thanks so much for getting in touch, I'll pass that on."),
                    ("customer", "ok bye"),
                    ("agent", "Take care, bye.")])
    result = report["resolution_check"]
    assert result.status is status, result.explanation
    if status is NA:
        (evidence,) = result.evidence
        assert evidence.role is EvidenceRole.OPENING and evidence.turn_index == 1
        assert evidence.text in opening


def test_praise_asked_to_be_passed_on_is_no_question_to_check():
    report = judge([("customer", "Just wanted to say thank you to Omar, he was amazing. "
                                 "Could you pass that on to him?"),
                    ("agent", "Of course, I'll make sure he hears it. Have a lovely day.")])
    assert report["resolution_check"].status is NA


def test_praise_later_in_the_call_is_not_an_opening():
    report = judge([("agent", "Hi, how can I help?"),
                    ("customer", "my bill is higher than usual"),
                    ("agent", "I've corrected it."),
                    ("customer", "great, i just wanted to say thanks too"),
                    ("agent", "You're welcome, bye.")])
    assert report["resolution_check"].status is MISSED


def test_sarcastic_thanks_for_a_harm_is_no_praise_contact():
    report = judge([("customer", "Thanks @SwiftAir for losing my suitcase on a two hour flight"),
                    ("agent", "We're so sorry, please DM us your file reference.")])
    assert report["resolution_check"].status is MISSED
    # the sarcastic thanks is a complaint, answered here by the apology
    assert report["empathy_on_complaint"].status is MET


def test_praise_with_a_service_failure_after_it_has_an_outcome_to_check():
    report = judge([("agent", "Morning, Acme broadband."),
                    ("customer", "hi i just wanted to say thanks to the engineer, the new "
                                 "router's great. my bill has doubled this month though"),
                    ("agent", "Glad to hear it, I've reset the app for you."),
                    ("customer", "ok")])
    assert report["resolution_check"].status is MISSED
