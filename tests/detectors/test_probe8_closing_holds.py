"""Closings, offers of more help, outcome checks and holds a QA lead probed (probe 8 C1, F1-F2,
R1, H1-H3): informal goodbyes and thanks said with "appreciate"; "is that everything?" as an
offer and "anything else in the drum?" as a question about the fault; outcome checks worded in
new ways; things held that are no hold, a "one moment" answered in the same breath, and thanks
with an intensifier. Sentences here are written for the tests."""

from __future__ import annotations

import pytest

import csnlp

from .conftest import judge

MET, MISSED, NA = csnlp.Status.MET, csnlp.Status.MISSED, csnlp.Status.NOT_APPLICABLE


def _closing(last: str) -> csnlp.Report:
    return judge([("agent", "Harbor Gas, Dev speaking."),
                  ("customer", "I want to give a meter reading, it's 40213."),
                  ("agent", "Logged. Is there anything else?"),
                  ("customer", "nope"),
                  ("agent", last)])


@pytest.mark.parametrize("last, status", [
    # informal and borrowed goodbyes
    ("Alright, catch you later!", MET),
    ("Cheerio!", MET),
    ("Okay, later then!", MET),
    ("Laters!", MET),
    ("Ciao for now.", MET),
    ("hasta luego", MET),
    ("Ta-ra, love.", MET),
    ("Right, speak soon.", MET),
    # thanks said with "appreciate"
    ("We really appreciate you choosing Harbor Gas.", MET),
    ("Appreciate your business, Mr Tan.", MET),
    ("I appreciate you bearing with us today.", MET),
    ("Really appreciate your understanding.", MET),
    # near misses: "later" as a time, appreciating a feeling or a fact
    ("An engineer will ring you later.", MISSED),
    ("Later this week the bill will update.", MISSED),
    ("I appreciate that this has been stressful.", MISSED),
    ("I appreciate your concern about the fee, it is refunded.", MISSED),
])
def test_informal_goodbyes_and_appreciation_close(last, status):
    assert _closing(last)["closing"].status is status


def _offer(turn: str) -> csnlp.Report:
    return judge([("agent", "Hi, Pinewood Insurance, this is Leila."),
                  ("customer", "I need to add my son to the car policy."),
                  ("agent", "He's added from Monday. " + turn),
                  ("customer", "no"),
                  ("agent", "Bye now.")])


@pytest.mark.parametrize("turn, status", [
    # asking whether the customer's business is done
    ("Was that everything?", MET),
    ("Is that everything you needed?", MET),
    ("Is that it for today?", MET),
    ("So that all for now?", MET),
    ("Have we covered everything?", MET),
    # near misses: what a list or an amount holds
    ("Is that everything in the glovebox?", MISSED),
    ("Is that all you were quoted?", MISSED),
])
def test_is_that_everything_offers_more_help(turn, status):
    assert _offer(turn)["further_assistance"].status is status


def _fault(question: str) -> csnlp.Report:
    return judge([("agent", "Hello, Brightline Appliances, Omar here, how can I help?"),
                  ("customer", "My dishwasher won't drain."),
                  ("agent", "Sorry about that. " + question),
                  ("customer", "no, just the water"),
                  ("agent", "Okay, a technician is booked for Thursday."),
                  ("customer", "ok"),
                  ("agent", "Thanks for calling, goodbye.")])


@pytest.mark.parametrize("question, status", [
    # questions about the fault, not offers of more help
    ("Is there anything else sitting in the filter?", MISSED),
    ("Is there anything else you can describe about the smell?", MISSED),
    ("Could you tell me anything else about when it stops?", MISSED),
    ("Is there anything else we should know about the installation?", MISSED),
    ("Anything else you remember from the error screen?", MISSED),
    ("What else did the panel say?", MISSED),
    ("What else was in the cutlery basket?", MISSED),
    ("What else happened before it stopped?", MISSED),
    # near misses: offers that name a topic or the customer's need
    ("Is there anything else on your account I can look at?", MET),
    ("Is there anything else on the policy?", MET),
    ("If I can help with anything else about the dishwasher, just call.", MET),
    ("Anything else on your mind today?", MET),
    ("Is there anything else about the warranty you'd like to know?", MET),
    ("What else did you need from us today?", MET),
    ("What else is there I can help with?", MET),
])
def test_questions_about_the_fault_are_not_offers(question, status):
    assert _fault(question)["further_assistance"].status is status


def _outcome(question: str) -> csnlp.Report:
    return judge([("agent", "Hi, Zephyr Mobile, Tomas here."),
                  ("customer", "My voicemail stopped working."),
                  ("agent", "I've reset the voicemail box. " + question),
                  ("customer", "yep"),
                  ("agent", "Great, bye for now!")])


@pytest.mark.parametrize("question, status", [
    # the customer asked to look at the outcome, or about their own state, or the answer
    ("Could you test your voicemail now?", MET),
    ("can you try dialling 121 again", MET),
    ("Can you have a look at the app now? It should be there.", MET),
    ("Could you verify that the greeting has changed now?", MET),
    ("Can you check if the icon is now gone?", MET),
    ("Are you all squared away now?", MET),
    ("Are we good to go then?", MET),
    ("Are you back up and running?", MET),
    ("Is something still not clear?", MET),
    ("Is any of that confusing?", MET),
    # near misses: a detail asked for, a state not changed, leave asked, an answer denied
    ("Can you check the serial number now?", MISSED),
    ("Can you confirm your address is still the same?", MISSED),
    ("Are we good to go ahead with the upgrade?", MISSED),
    ("I didn't find anything unclear in your contract.", MISSED),
])
def test_outcome_checks_in_other_words(question, status):
    assert _outcome(question)["resolution_check"].status is status


def _held(middle: str, *, timed: bool = True, pause: float = 0.0) -> csnlp.Report:
    turns = [("agent", "Hi, Nordic Rail, Ingrid speaking.", 0, 2),
             ("customer", "I need a refund for a cancelled train, and can you check my seat?", 3, 7),
             ("agent", middle, 8, 8 + 0.3 * len(middle.split()) + pause),
             ("customer", "right", 9 + 0.3 * len(middle.split()) + pause,
              10 + 0.3 * len(middle.split()) + pause),
             ("agent", "Anything else? Thanks for travelling with us, bye!",
              11 + 0.3 * len(middle.split()) + pause, 14 + 0.3 * len(middle.split()) + pause)]
    return judge(turns if timed else [t[:2] for t in turns])


@pytest.mark.parametrize("middle, status", [
    # a thing held or kept, not the customer
    ("Just hang on to your ticket until the refund shows.", NA),
    ("Please hold on to the booking email, you may need it.", NA),
    ("Please hold your phone near the scanner at the gate.", NA),
    ("Please hold it down for five seconds to restart the app.", NA),
    # near misses: the customer is held
    ("Please hold the line while I check your seat.", MISSED),
    # a reason to wait after the hold words: the wait may come after the turn
    ("One moment while I look up your seat number.", MISSED),
    ("Please hold a moment.", MISSED),
    ("Hang on a sec, I'll check your seat.", MISSED),
])
def test_things_held_are_no_hold(middle, status):
    assert _held(middle)["hold_etiquette"].status is status


@pytest.mark.parametrize("middle, kwargs, status", [
    # the answer comes in the same breath: nobody waited
    ("Bear with me... okay, seat 42 in coach C is yours.", {}, NA),
    ("One sec. Right, the refund was approved this morning.", {}, NA),
    # near misses: a pause inside the turn, no timestamps, or the words end the turn
    ("Bear with me... okay, seat 42 in coach C is yours.", {"pause": 20}, MISSED),
    ("Bear with me... okay, seat 42 in coach C is yours.", {"timed": False}, MISSED),
    ("One sec.", {}, MISSED),
])
def test_a_hold_answered_at_once_is_no_hold(middle, kwargs, status):
    assert _held(middle, **kwargs)["hold_etiquette"].status is status


def test_a_hold_spoken_of_after_the_silence_stays_a_hold():
    report = judge([("agent", "Hi, Nordic Rail, Ingrid speaking.", 0, 2),
                    ("customer", "Is my refund through?", 3, 5),
                    ("agent", "sorry i had to put you on hold there it was paid on monday", 60, 64),
                    ("customer", "great", 65, 66),
                    ("agent", "Bye now!", 67, 68)])
    assert report["hold_etiquette"].status is MISSED


def test_a_pause_after_the_hold_words_keeps_the_hold():
    report = judge([("agent", "Hi, Nordic Rail, Ingrid speaking.", 0, 2),
                    ("customer", "Is my refund through?", 3, 5),
                    ("agent", "One moment while I look that up.", 6, 8),
                    ("customer", "sure", 9, 10),
                    ("agent", "Okay, it was paid on Monday.", 25, 28),
                    ("customer", "great", 29, 30),
                    ("agent", "Bye now!", 31, 32)])
    assert report["hold_etiquette"].status is MISSED


@pytest.mark.parametrize("back, status", [
    # thanks with an intensifier or "again" before "for", or said with "appreciate"
    ("Thanks a million for hanging on, you're booked on the 9:40.", MET),
    ("Cheers again for holding, the 9:40 is yours.", MET),
    ("I appreciate you sticking with me, the 9:40 is yours.", MET),
    # near miss: thanks for something else
    ("Thanks a lot for your question, the 9:40 is yours.", MISSED),
])
def test_thanks_with_an_intensifier_thanks_for_the_hold(back, status):
    report = judge([("agent", "Hi, Nordic Rail, Ingrid speaking."),
                    ("customer", "Can I move to an earlier train?"),
                    ("agent", "May I put you on hold while I look at the times?"),
                    ("customer", "yes"),
                    ("agent", back),
                    ("customer", "brilliant"),
                    ("agent", "Bye now!")])
    assert report["hold_etiquette"].status is status


@pytest.mark.parametrize("line, expected", [
    ("Do you have any other requests today?", "met"),
    ("Do you still need me to help you with something?", "met"),
    ("will you still need my assistance?", "met"),
    ("Any special requests for the room?", "missed"),   # a detail of the booking, not more help
    ("You will need the receipt for that.", "missed"),
])
def test_round_ten_further_help_wordings(line, expected):
    turns = [("customer", "Book me a table for two."), ("agent", "Done, it is booked for 7pm."),
             ("customer", "Great."), ("agent", line), ("customer", "No thanks."),
             ("agent", "Goodbye.")]
    assert judge(turns, standards="contact_center")["further_assistance"].status.value == expected
