"""Round 11's empathy mechanisms, on sentences written for these tests: complaints told as plain
facts (a charge disputed, fewer than paid for, a complaint announced, damage named, shakiness),
calm lines that only look like complaints (the customer's own mistake, a joke taken back, a
laugh at home, the weather, consent passed on, an incident denied), turns the tone model
misreads (a plain "yes", a short answer, an inquiry said as one, a referral followed), and
agent replies that are or are not empathy."""

from __future__ import annotations

import numpy as np
import pytest

import csnlp

from .conftest import judge

MET, MISSED, NA = csnlp.Status.MET, csnlp.Status.MISSED, csnlp.Status.NOT_APPLICABLE

_OPEN = ("agent", "Hi, you're through to Priya, how can I help?")


def _status(customer: str, reply: str = "Sure, what's the account number?", **options):
    report = judge([_OPEN, ("customer", customer), ("agent", reply)], **options)
    return report["empathy_on_complaint"].status


class _FakeTone:
    """A turn containing "%%" (a marker no rule reads) scores 0.95 frustrated."""

    labels = ("frustrated", "polite")

    def predict_proba(self, texts):
        return np.array([[0.95, 0.5] if "%%" in t else [0.05, 0.5] for t in texts])


@pytest.mark.parametrize("line, status", [
    # a charge disputed as a plain fact
    ("I owe six pounds for a DVD I'm sure I returned on time", MISSED),
    ("they fined me forty pounds though I'd already paid at the machine", MISSED),
    ("there's a bill for the scan that my insurer said they covered", MISSED),
    # ... not a bill talked about, nor a question
    ("I got a bill for thirty pounds and I'd like to pay it by card", NA),
    ("if I'm charged the fee, do I get it back once I've paid?", NA),
    # fewer than paid for
    ("we ordered three garden chairs and only two turned up", MISSED),
    ("I booked four seats for the matinee and the confirmation only shows two", MISSED),
    ("I ordered two lamps, do you only stock them in white?", NA),
    # a complaint announced
    ("sorry to moan, but your new checkout page is confusing", MISSED),
    ("hate to grumble, but the parking bays outside are tiny", MISSED),
    # damage named with its part
    ("the kettle came with a cracked lid", MISSED),
    ("it arrived with the manual in French, is there an English one?", NA),
    # shaken
    ("I'm still a bit shaky after the bump this morning", MISSED),
    ("the signal's a bit shaky here, can you hear me?", NA),
])
def test_complaint_told_as_plain_fact(line, status):
    assert _status(line) is status


@pytest.mark.parametrize("line, status", [
    # the customer's own mistake, owned
    ("argh I entered my old card on the booking 🤦 can you swap it?", NA),
    ("my own fault, but I paid for the wrong plan, can I swap?", NA),
    ("ugh I'm such an idiot 🤦 paid for the same course twice, can I get one back?", NA),
    ("I ordered the small and you sent me the wrong size", MISSED),
    # a joke taken back
    ("your prices are daylight robbery lol jk, how do I add a second line?", NA),
    ("your prices are daylight robbery, how do I cancel?", MISSED),
    # a laugh at someone at home
    ("my husband ordered the most awful wallpaper haha, can I return a roll?", NA),
    ("the dog chewed the charger ha ha he is terrible, do you sell spares?", NA),
    # the weather or the week
    ("the forecast for Porto is awful, storms all week 😩 can I push the trip back?", NA),
    ("ugh mondays 😩 anyway, where do I find my tax code?", NA),
    ("that's the third Monday the bin men haven't come", MISSED),
    # consent passed on, an incident denied ahead
    ("yes he says that's fine, carry on", NA),
    ("what happens if the courier loses my bike? just asking in case, nothing has happened",
     NA),
    ("I reported the leak a week ago and nothing has happened", MISSED),
])
def test_calm_line_that_looks_like_a_complaint(line, status):
    assert _status(line) is status


def _tone(turns):
    return judge(turns, tone_model=_FakeTone())["empathy_on_complaint"].status


@pytest.mark.parametrize("question, answer, status", [
    # a plain "yes" to the agent's check, and a few words answering its question
    ("Is the light green now?", "yeah it's green now and the fan has gone quiet %%", NA),
    ("Is the light green now?", "yeah but it took you three weeks %%", MISSED),
    ("Which colour would you like instead?", "the dark blue one %%", NA),
    ("Which colour would you like instead?", "still the blue one, again %%", MISSED),
])
def test_plain_answer_is_not_read_as_frustration(question, answer, status):
    turns = [_OPEN, ("customer", "I'd like to change my order please."),
             ("agent", question), ("customer", answer), ("agent", "Okay, one moment.")]
    assert _tone(turns) is status


def test_answer_to_the_opening_question_is_read_by_its_score():
    assert _tone([_OPEN, ("customer", "about my son's account %%"),
                  ("agent", "Okay, what's his name?")]) is MISSED


@pytest.mark.parametrize("line, status", [
    # an inquiry said as one, a referral followed, the customer stepping away, praise by score
    ("hi, just checking my new card is on its way %%", NA),
    ("my parcel hasn't come yet, just checking it's on track %%", NA),
    ("the app told me to call you about my renewal %%", NA),
    ("hang on, let me grab my card from the kitchen %%", NA),
    ("your ginger biscuits have ruined all others for me, I'm raging, 10/10 %%", NA),
    ("this is silly but my cat sat on the keyboard haha, how do I undo it %%", NA),
    # ... not a run-around, nor a grievance after the softener
    ("the branch told me to call you and you told me to go back to the branch %%", MISSED),
    ("just checking, but why has nobody rung me back %%", MISSED),
])
def test_tone_gate(line, status):
    assert _status(line, tone_model=_FakeTone()) is status


@pytest.mark.parametrize("reply, status", [
    # sorry only for the agent's own slowness is no empathy
    ("Sorry, my screen's being really slow today. What's your postcode?", MISSED),
    ("Sorry for the hold. Right, the charge was for roaming.", MISSED),
    ("Sorry to keep you waiting, the charge was for roaming.", MISSED),
    # ... the wait answers a complaint that speaks of time, not this one (round 28: "you've
    # charged me twice" says nothing of a wait), unless more is said
    ("Sorry about the wait. What's the order number?", MISSED),
    ("Sorry for the hold, and I'm so sorry about the bill.", MET),
    # a "sorry" closing a clause, before an emoji
    ("Oof, that's a rotten start to the day, sorry 😬 what's the order number?", MET),
])
def test_which_sorry_is_empathy(reply, status):
    assert _status("you've charged me twice for the same delivery", reply) is status


def test_upset_after_an_apology_for_an_unread_complaint_is_answered():
    turns = [_OPEN, ("customer", "my dog came home from the groomer with a nick on her ear"),
             ("agent", "Oh no, I'm so sorry, is she alright?"),
             ("customer", "she's okay now, just a bit sore %%"),
             ("agent", "I'll refund the groom today.")]
    assert _tone(turns) is MET
    # an apology before the customer said anything answered nothing
    opening = [("agent", "Apologies for the delay in answering, how can I help?"),
               ("customer", "it's about the router %%"), ("agent", "Okay, which model?")]
    assert _tone(opening) is MISSED


@pytest.mark.parametrize("line, status", [
    # a promised quality in scare quotes, a wrong or missing supply, a harm from the last visit
    ("my 'leak-proof' flask soaked my whole bag", MISSED),
    ("is the 'leak-proof' lid sold separately?", NA),
    ("the order arrived with the wrong charger", MISSED),
    ("Missing two burgers from my order.", MISSED),
    ("the refill I picked up was the wrong dosage", MISSED),
    ("I think I picked the wrong size, can I swap it?", NA),
    ("last time your fitter left muddy prints all up the stairs", MISSED),
    ("last time I left it too late to book, so I'm early this year", NA),
    # the customer's own mess, owned
    ("I've messed up and booked the wrong week, totally my fault", NA),
])
def test_more_plain_facts_and_own_mistakes(line, status):
    assert _status(line) is status


@pytest.mark.parametrize("agent, answer, status", [
    # a status read out as now right; a question asked in speech without "?"
    ("could you reload the page and tell me what it says", "oh it shows approved now %%", NA),
    ("could you reload the page and tell me what it says", "it still shows pending now %%",
     MISSED),
    ("can you check the app and tell me what it says", "it's gone green %%", NA),
    ("I've sent the code to your phone.", "it's gone green %%", MISSED),
])
def test_status_and_spoken_questions(agent, answer, status):
    turns = [_OPEN, ("customer", "I'd like to check my application please."),
             ("agent", agent), ("customer", answer), ("agent", "Okay, one moment.")]
    assert _tone(turns) is status


@pytest.mark.parametrize("line, status", [
    ("I've got a check-up on the fifth but I'm away that week, can I move it %%", NA),
    ("I've got a check-up on the fifth but nobody confirmed it, can I move it %%", MISSED),
])
def test_own_plans_after_but_are_no_grievance(line, status):
    assert _status(line, tone_model=_FakeTone()) is status


@pytest.mark.parametrize("reply, status", [
    ("That's not the start to the week we want for you, sorry. Can you DM us?", MET),
    ("Oh, that's not what you need on a Monday morning. What's your postcode?", MET),
    ("That's not what you need to do, just restart it.", MISSED),
    ("We're sorry you didn't enjoy the meal. Busy nights mean waits.", MISSED),
    ("We're sorry you didn't enjoy it, and I'm sorry the food was cold.", MET),
])
def test_more_replies(reply, status):
    assert _status("you've charged me twice for the same delivery", reply) is status
