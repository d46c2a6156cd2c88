"""Mechanisms from the sixth wave's empathy DEV sets (calls6, threads6): a failure of the
company's service told as a plain fact is a complaint (what did not arrive or work, what came
wrong, money taken wrongly, a price jump, a decision against the customer, a service slowed,
distress stated); "sorry to bother you" and a restarted hello apologise for nothing; empathy
without "sorry" after a hello or as hating the harm; a success reported is no frustration by
tone alone. Sentences here are written for the tests."""

from __future__ import annotations

import numpy as np
import pytest

import csnlp

from .conftest import judge

MET, MISSED, NA = csnlp.Status.MET, csnlp.Status.MISSED, csnlp.Status.NOT_APPLICABLE


def _status(line: str, **options) -> csnlp.Status:
    report = judge([("customer", line), ("agent", "Can I take the account number?")], **options)
    return report["empathy_on_complaint"].status


@pytest.mark.parametrize("line", [
    # what did not arrive, happen or work
    "my refund still hasn't come in and it's been a fortnight",
    "the plumber you booked didn't show up this afternoon",
    "the delivery tracker hasn't updated since Tuesday",
    "the banking app won't load on my phone",
    "the router is not connecting at all",
    "hi, email not syncing on my tablet",
    "I can't log in to the portal",
    "I haven't received my new card",
    # delivered wrong
    "the lamp arrived cracked",
    "the parcel came but there's no charger in it",
    # money taken wrongly
    "you've billed me for a gym membership I closed last year",
    "we were charged a late checkout fee",
    "there's a payment on my statement I didn't authorise",
    "a £30 fee appeared and I never went over my limit",
    "my premium went up and I haven't made a claim",
    "I didn't do anything and now I'm locked out",
    # done as asked, or paid for one thing and given another
    "they say my meter reading is missing but I sent it last week",
    "I've been on the basic plan for a year when I asked for the family one",
    "I booked a double room for our anniversary and they gave us two singles",
    # prices or bills jumping
    "the water bill has nearly tripled",
    "my phone contract's gone up by twenty pounds",
    # degraded
    "the wifi's been painfully slow all week",
    "the checkout page hangs forever",
    "the tv box crashes every time I open the guide",
    # decisions against the customer
    "my application for the loan was rejected even with a good score",
    "why has my account been suspended",
    "the 9am ferry just got cancelled",
    "the insurer said it was covered and now they won't pay",
    # late against the due time
    "my passport was due back last week",
    "the train was delayed by over an hour",
    # distress stated
    "I'm really anxious about this",
    "honestly this is doing my head in",
    "the fee came out twice 😢",
])
def test_a_service_failure_told_plainly_is_a_complaint(line):
    assert _status(line) is MISSED


@pytest.mark.parametrize("line", [
    # requests, questions and the caller's own doing
    "I need to move my appointment to Thursday",
    "when does my fixed tariff end?",
    "I ordered the wrong size, can I swap it?",
    "Thursday doesn't work for me, is Friday free?",
    "if it doesn't arrive by Friday can I cancel?",
    "my parcel hasn't arrived yet, when should I expect it?",
    "my transfer didn't go through, can you check why?",
    "I haven't moved house, the address is the same",
    "I haven't used it yet, can I get a refund?",
    "have I been charged for the delivery?",
    "will you charge me to change the date?",
    "my card was lost on holiday and I need a new one",
    "is the shop closed on Sunday?",
    "I'd like a slow cooker",
    "no worries, take your time",
    "I'm not worried about it, just curious",
    "my order came this morning, thanks",
])
def test_a_request_question_or_own_doing_is_no_complaint(line):
    assert _status(line) is NA


@pytest.mark.parametrize("reply, status", [
    # an apology for the agent's own interruption or a restarted hello: no empathy
    ("Sorry to bother you, but can you confirm your date of birth?", MISSED),
    ("hi sorry hello good afternoon can i take your postcode", MISSED),
    # ... unless the harm is apologised for as well
    ("Sorry to trouble you, and I'm so sorry about the delay.", MET),
    # empathy after a hello, or hating the harm for them
    ("Hi there! Sorry it's been such a pain, let me check.", MET),
    ("We'd hate for you to be left out of pocket, let me look now.", MET),
    ("I hate that this happened to you, let me fix it.", MET),
    # near miss: hating to say something is no empathy
    ("I hate to say it but the fee stands.", MISSED),
])
def test_which_sorry_is_empathy(reply, status):
    report = judge([("customer", "the courier never turned up"), ("agent", reply),
                    ("customer", "ok"), ("agent", "Anything else?")])
    assert report["empathy_on_complaint"].status is status


class _FakeTone:
    """A tone model that reads every turn as frustrated (0.9): what the real one does with
    some short success reports."""

    labels = ("frustrated", "polite")

    def predict_proba(self, texts):
        return np.array([[0.9, 0.5] for _ in texts])


@pytest.mark.parametrize("line, status", [
    ("yep it's gone through now, got the email", NA),
    ("ok that worked, the light is green", NA),
    ("all sorted, the app opens fine", NA),
    # a grievance after the success is still read by the score
    ("it's gone through but you took the money twice", MISSED),
    ("the light is still red", MISSED),
])
def test_a_success_reported_is_no_frustration_by_tone_alone(line, status):
    assert _status(line, tone_model=_FakeTone()) is status
