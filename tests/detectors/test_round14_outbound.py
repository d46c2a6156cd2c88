"""Round 14: a call or message the agent opens with its own purpose (a reminder, a
confirmation) that the customer only answers has no problem whose outcome could be checked:
resolution_check is not_applicable. On sentences written for these tests."""

from __future__ import annotations

import pytest

import csnlp

from .conftest import judge

MET, MISSED, NA = csnlp.Status.MET, csnlp.Status.MISSED, csnlp.Status.NOT_APPLICABLE


def _resolution(turns: list[tuple[str, str]]) -> csnlp.Status:
    return judge(turns)["resolution_check"].status


@pytest.mark.parametrize("turns", [
    [("agent", "hello, it's Dana from Oakfield Vets, I'm ringing to confirm Biscuit's booster "
               "on Thursday at ten"),
     ("customer", "lovely, yes we'll be there"),
     ("agent", "great, see you Thursday then, bye")],
    [("agent", "Reminder of your MOT at Halls Garage on 3 June, 8am. Reply C to confirm."),
     ("customer", "C"),
     ("agent", "Confirmed, thanks.")],
    [("agent", "good morning mrs adeyemi this is a courtesy call from northgate water"),
     ("customer", "oh hello yes"),
     ("agent", "we are replacing the main on your road on monday so the supply is off from "
               "nine till one"),
     ("customer", "right okay thanks for letting me know"),
     ("agent", "no problem have a good day")],
    # speech recognition writes no apostrophes
    [("agent", "hello its dana from oakfield vets im ringing to confirm the booster on "
               "thursday at ten"),
     ("customer", "lovely yes well be there"), ("agent", "great see you then bye")],
])
def test_an_outbound_reminder_only_answered_has_nothing_to_check(turns):
    assert _resolution(turns) is NA


@pytest.mark.parametrize("turns", [
    # the customer asks something back: that question has an outcome to check
    [("agent", "hello, it's Dana from Oakfield Vets, I'm ringing to confirm Biscuit's booster "
               "on Thursday at ten"),
     ("customer", "could we make it the afternoon?"),
     ("agent", "yes, two o'clock, bye")],
    # ... or brings a problem of their own
    [("agent", "hello, it's Dana from Oakfield Vets, I'm ringing to confirm Biscuit's booster "
               "on Thursday at ten"),
     ("customer", "yes but the last one made him really poorly and nobody rang me back about it"),
     ("agent", "I'll note that for the vet, see you Thursday")],
    # the customer opened the conversation: it is theirs, whatever the agent then says
    [("customer", "hi, what time is my dog's booster?"),
     ("agent", "I'm just messaging to confirm it, Thursday at ten."),
     ("customer", "ok")],
    # (review of round 14) an inbound call: the agent speaks first, and a reminder comes later
    # or is the recording notice
    [("agent", "Good morning, Larch Plumbing, Idris speaking."),
     ("customer", "the shower has no hot water"),
     ("agent", "I've booked a visit for Friday and I'll text you a reminder of the time."),
     ("customer", "ok thanks"), ("agent", "Bye.")],
    [("agent", "Thank you for calling Larch Energy. Just a reminder that calls are recorded. "
               "How can I help?"),
     ("customer", "my meter stopped working"), ("agent", "An engineer comes Monday."),
     ("customer", "fine")],
    # ... a problem said in a short reply, with no question mark
    [("agent", "Hi, it's Omar from Fibrelink, I'm calling to confirm your visit tomorrow."),
     ("customer", "still no signal at all since friday"),
     ("agent", "The engineer will fix that tomorrow."), ("customer", "fine")],
    # ... a call back about the customer's own problem
    [("agent", "Hi Mrs Shah, it's Tom from Northgate Water, I'm calling to update you on the "
               "low pressure you reported."),
     ("customer", "Oh yes, hello."),
     ("agent", "The engineer replaced the valve this morning."),
     ("customer", "Okay, thank you.")],
])
def test_a_customer_who_asks_or_complains_still_needs_a_check(turns):
    assert _resolution(turns) is MISSED


def test_a_check_found_counts_on_an_outbound_call():
    turns = [("agent", "hi, it's Omar from Fibrelink, I'm calling to check in after the "
                       "engineer's visit"),
             ("customer", "oh hi"),
             ("agent", "is the connection working properly for you now?"),
             ("customer", "yes all good"),
             ("agent", "great, bye")]
    assert _resolution(turns) is MET


@pytest.mark.parametrize("reply", ["No, it's still dropping out every evening.",
                                   "no it never came"])
def test_a_no_that_reports_the_problem_is_no_plain_answer(reply):
    # (third review) a call back "to check in" answered with the fault still there
    turns = [("agent", "Hi, it's Leon from Zipnet, I'm just calling to check in after the "
                       "engineer's visit yesterday."),
             ("customer", reply),
             ("agent", "Okay, I've booked another engineer for Friday morning."),
             ("customer", "Fine.")]
    assert _resolution(turns) is MISSED


def test_a_call_back_about_the_customers_claim_is_theirs():
    turns = [("agent", "Hello Mrs Green, it's Ben from Harbour Insurance, I'm calling to update "
                       "you on your claim for the water damage."),
             ("customer", "Yes, hello."),
             ("agent", "It's approved and we pay 2,400 pounds on Monday."),
             ("customer", "Oh, that's great news, thank you.")]
    assert _resolution(turns) is MISSED
