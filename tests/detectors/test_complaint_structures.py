"""Complaints told by their structure in written support threads (counted failures, being
passed around, paying and not being served, sarcasm), and empathy told without "sorry".

The sentences here are written for these tests; the dev set that drove the mechanisms is
benchmarks/devsets/empathy_threads.yaml, the held-out check benchmarks/paraphrases/.
"""

from __future__ import annotations

import pytest

import csnlp


def _empathy(customer: str, agent: str = "Please send us your account number.") -> csnlp.Status:
    call = {"turns": [{"speaker": "customer", "text": customer},
                      {"speaker": "agent", "text": agent}]}
    # the rule path alone (no tone model): what the patterns find
    return csnlp.evaluate(call, tone_model=None, act_model=None)["empathy_on_complaint"].status


@pytest.mark.parametrize("line", [
    "5th night without hot water at flat 2",
    "the heating has failed for the third week running",
    "app down for the second weekend in a row",
    "4 cancellations since may, great job",
    "my train got cancelled twice in one week",
    "the third router they've sent me won't even power on",
    "I've been redirected 4 times between departments",
    "the courier keeps leaving parcels at the wrong door",
    "broadband bill going up again",
    "an 80 minute delay and the driver said nothing",
    "50 minutes in the queue and got cut off",
    "stuck on the platform since 7 with no info",
    "booked the whole afternoon off and nobody turned up",
    "sent two emails, zero replies",
    "the lounge pass I paid for was not accepted",
    "they shut off my water even though I paid on time",
    "another surprise fee on my statement",
    "just love waiting 40 mins for a chat agent",
    "switching to a rival next week tbh",
    "getting close to leaving you lot",
    "is anybody actually reading these messages",
    "delivery window missed. typical",
    "new update broke the login. epic fail",
])
def test_complaints_without_emotion_words_make_empathy_required(line):
    assert _empathy(line) is csnlp.Status.MISSED


@pytest.mark.parametrize("line", [
    "is the second day of the festival included in the pass?",
    "can I book the third week of August?",
    "I'd love to switch my plan to the yearly one",
    "how long is the delay on the 9:15 usually?",
    "I paid for the upgrade, how do I turn it on?",
    "is there another fee if I pay by card?",
    "you keep my details on file, right?",
    "I'm sitting in the lounge, which gate is it?",
])
def test_calm_lines_with_the_same_words_leave_it_not_applicable(line):
    assert _empathy(line) is csnlp.Status.NOT_APPLICABLE


@pytest.mark.parametrize("reply", [
    "We hear you, and I'm looking into it now.",
    "Three days is far too long to be without a phone line.",
    "That isn't acceptable. Let me escalate it.",
    "That's not what we want for any customer, let me fix it.",
    "I understand why that would be upsetting. Let me check.",
    "I get that it's the last thing you need today.",
    "You shouldn't have to chase us for this.",
    "Here's the tracking link. Sorry we didn't send it sooner.",
    "We've let you down here and I'll put it right.",
])
def test_empathy_told_without_the_usual_phrases_meets_it(reply):
    assert _empathy("my parcel is a week late and nobody replies", reply) is csnlp.Status.MET


@pytest.mark.parametrize("reply", [
    "That payment method is not accepted here, please use a card.",
    "Can I get that reference number?",
    "I can see why the payment failed: the card has expired.",
    "Sorry?",
])
def test_procedure_and_pardon_are_not_empathy(reply):
    assert _empathy("my parcel is a week late and nobody replies", reply) is csnlp.Status.MISSED
