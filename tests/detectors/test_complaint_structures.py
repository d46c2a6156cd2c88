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


# Complaints without emotion words make empathy required (and unanswered here: missed); calm
# lines with the same words leave it not applicable.
@pytest.mark.parametrize("line, status", [
    ("5th night without hot water at flat 2", csnlp.Status.MISSED),
    ("the heating has failed for the third week running", csnlp.Status.MISSED),
    ("app down for the second weekend in a row", csnlp.Status.MISSED),
    ("4 cancellations since may, great job", csnlp.Status.MISSED),
    ("my train got cancelled twice in one week", csnlp.Status.MISSED),
    ("the third router they've sent me won't even power on", csnlp.Status.MISSED),
    ("I've been redirected 4 times between departments", csnlp.Status.MISSED),
    ("the courier keeps leaving parcels at the wrong door", csnlp.Status.MISSED),
    ("broadband bill going up again", csnlp.Status.MISSED),
    ("an 80 minute delay and the driver said nothing", csnlp.Status.MISSED),
    ("50 minutes in the queue and got cut off", csnlp.Status.MISSED),
    ("stuck on the platform since 7 with no info", csnlp.Status.MISSED),
    ("booked the whole afternoon off and nobody turned up", csnlp.Status.MISSED),
    ("sent two emails, zero replies", csnlp.Status.MISSED),
    ("the lounge pass I paid for was not accepted", csnlp.Status.MISSED),
    ("they shut off my water even though I paid on time", csnlp.Status.MISSED),
    ("another surprise fee on my statement", csnlp.Status.MISSED),
    ("just love waiting 40 mins for a chat agent", csnlp.Status.MISSED),
    ("switching to a rival next week tbh", csnlp.Status.MISSED),
    ("getting close to leaving you lot", csnlp.Status.MISSED),
    ("is anybody actually reading these messages", csnlp.Status.MISSED),
    ("delivery window missed. typical", csnlp.Status.MISSED),
    ("new update broke the login. epic fail", csnlp.Status.MISSED),
    ("is the second day of the festival included in the pass?", csnlp.Status.NOT_APPLICABLE),
    ("can I book the third week of August?", csnlp.Status.NOT_APPLICABLE),
    ("I'd love to switch my plan to the yearly one", csnlp.Status.NOT_APPLICABLE),
    ("how long is the delay on the 9:15 usually?", csnlp.Status.NOT_APPLICABLE),
    ("I paid for the upgrade, how do I turn it on?", csnlp.Status.NOT_APPLICABLE),
    ("is there another fee if I pay by card?", csnlp.Status.NOT_APPLICABLE),
    ("you keep my details on file, right?", csnlp.Status.NOT_APPLICABLE),
    ("I'm sitting in the lounge, which gate is it?", csnlp.Status.NOT_APPLICABLE),
])
def test_complaint_structures_and_calm_lines_with_the_same_words(line, status):
    assert _empathy(line) is status


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
