"""Mechanisms behind probe 8's empathy findings: complaint words in a frame that takes the
complaint away (a harm only guarded against or asked about, a verdict on another company, a
worry over, a request softened by an apology), empathy told by validating the feeling, and
frustration said as an outcry. Sentences here are written for the tests."""

from __future__ import annotations

import numpy as np
import pytest

import csnlp

from .conftest import judge

MET, MISSED, NA = csnlp.Status.MET, csnlp.Status.MISSED, csnlp.Status.NOT_APPLICABLE


def _status(customer: str, reply: str = "Sure, what's the account number?", **options):
    report = judge([("agent", "Hi, you're through to Ben, how can I help?"),
                    ("customer", customer), ("agent", reply)], **options)
    return report["empathy_on_complaint"].status


@pytest.mark.parametrize("line, status", [
    # a harm only guarded against or asked about
    ("can you make sure the direct debit isn't taken twice when I switch?", NA),
    ("quick one, I won't get billed twice for the add-on, will I?", NA),
    ("so the account won't be suspended while I'm travelling then", NA),
    ("would I get double charged if I pay by card as well?", NA),
    ("what if we get disconnected halfway through the transfer?", NA),
    # ... not a promise broken, a repeat, or an indignant question
    ("they promised me I wouldn't be charged twice and I was", MISSED),
    ("please make sure I'm not overcharged again, it happened in March too", MISSED),
    ("why would I be billed twice for a single ticket?", MISSED),
])
def test_harm_guarded_against_is_no_complaint(line, status):
    assert _status(line) is status


@pytest.mark.parametrize("line, status", [
    # a verdict on another company, said to praise us or to explain a switch
    ("my old broadband provider was dreadful, you've been far better so far", NA),
    ("we had a horrible time with a different insurer, hence the new policy", NA),
    ("the bank I used to be with was awful, how do I move my savings over?", NA),
    # ... not a verdict on us after it, nor on our own agent
    ("my former supplier was fine but you have charged me twice this month", MISSED),
    ("the other agent I spoke to was awful", MISSED),
])
def test_verdict_on_another_company_is_no_complaint(line, status):
    assert _status(line) is status


@pytest.mark.parametrize("line, status", [
    # a worry told as over
    ("I got a bit panicked this morning but the money has cleared now, thanks", NA),
    ("we were really anxious until the passports turned up", NA),
    # ... not when the trouble goes on
    ("I was stressed last week and the money still hasn't cleared", MISSED),
    ("I was anxious but it's not arrived", MISSED),
])
def test_worry_over_is_no_complaint(line, status):
    assert _status(line) is status


class _FakeTone:
    """A turn containing "%%" (a marker no rule reads) scores 0.95 frustrated."""

    labels = ("frustrated", "polite")

    def predict_proba(self, texts):
        return np.array([[0.95, 0.5] if "%%" in t else [0.05, 0.5] for t in texts])


@pytest.mark.parametrize("line, status", [
    # the score alone misreads a softened request or a harm guarded against
    ("sorry to trouble you, but would you resend the booking email %%", NA),
    ("I don't mean to be a pest, but can the courier ring before coming %%", NA),
    ("just so the deposit won't be taken twice, right %%", NA),
    # ... not a "but" that turns to a grievance, nor a reluctance that is no apology for asking
    ("the fitter was lovely, but the tap is dripping again %%", MISSED),
    ("I hate to say it, but the new app is worse %%", MISSED),
])
def test_tone_reads_again_only_what_the_words_leave_open(line, status):
    assert _status(line, tone_model=_FakeTone()) is status


@pytest.mark.parametrize("reply, status", [
    ("You've got every reason to feel let down, let me check.", MET),
    ("You're absolutely entitled to be cross about that.", MET),
    ("Your disappointment is entirely fair. Let me look.", MET),
    ("Anybody would be exasperated, I'll sort it now.", MET),
    ("I'd feel every bit as annoyed as you do.", MET),
    ("Who wouldn't be fed up after that? Let me see.", MET),
    ("You deserve better than this, let me fix it.", MET),
    ("That's a truly shoddy experience, I'll put it right.", MET),
    # not a right to act, the agent's own gladness, reassurance or a request for details
    ("You have every right to request a refund in writing.", MISSED),
    ("I'd be glad to check the statement.", MISSED),
    ("I wouldn't be worried, that's only a pre-authorisation.", MISSED),
    ("Your complaint has been logged under a reference.", MISSED),
])
def test_feelings_validated_are_empathy(reply, status):
    customer = "the engineer never came and I lost a day's pay waiting in"
    assert _status(customer, reply) is status


@pytest.mark.parametrize("line, status", [
    ("honestly the entire claim has been one long ordeal", MISSED),
    ("this is turning into a real fiasco", MISSED),
    ("wonderful, just wonderful, the card's been declined", MISSED),
    ("that's another ruined evening thanks to your app", MISSED),
    ("I'd like to talk to your supervisor please", MISSED),
    ("transfer me to somebody more senior", MISSED),
    # not a scenario, earnest praise, or a manager asked about a role
    ("is a flood a nightmare scenario for the policy?", NA),
    ("lovely, just lovely, thank you so much for that", NA),
    ("can I speak to the manager of the Leeds branch about a job?", NA),
])
def test_outcry_is_frustration(line, status):
    assert _status(line) is status
