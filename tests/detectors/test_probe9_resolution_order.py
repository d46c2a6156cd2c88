"""Probe 9, resolution_check: a question before the fix is not the check (`after`), and a
failure report invited, a retry put off or a thing presented is not one either."""

from __future__ import annotations

import pytest

from tests.detectors.conftest import judge


def status(turns):
    return judge(turns, standards="contact_center")["resolution_check"].status.value


# --- a check follows the fix: questions before it ask for details or greet ---

def test_greeting_question_before_the_customer_spoke_is_not_the_check():
    turns = [("agent", "Good morning, Brightline Energy. Is the heating running fine at your place?"),
             ("customer", "No, the boiler won't fire up at all."),
             ("agent", "Right, I'll book an engineer for Monday morning."),
             ("customer", "fine"),
             ("agent", "Goodbye.")]
    assert status(turns) == "missed"


def test_greeting_question_counts_not_even_without_any_fix_said():
    turns = [("agent", "Hi there, is everything working okay?"),
             ("customer", "No, my telly has no sound."),
             ("agent", "You'll need the manufacturer for that, their number is on the box."),
             ("customer", "ok"),
             ("agent", "Bye.")]
    assert status(turns) == "missed"


@pytest.mark.parametrize("question", [
    "Has the replacement card arrived at your address?",
    "Is the app working at all on your phone?",
    "Were you able to pay by card before this week?",
])
def test_detail_question_before_the_fix_is_not_the_check(question):
    turns = [("customer", "My card keeps getting declined online."),
             ("agent", question),
             ("customer", "Yes."),
             ("agent", "Okay, I've lifted the block on the card."),
             ("customer", "ok"),
             ("agent", "Bye.")]
    assert status(turns) == "missed"


def test_follow_up_call_stating_the_fix_then_checking_is_met():
    turns = [("agent", "Hi, it's Dana from Brightline. We replaced the faulty meter yesterday, "
                       "is the heating running fine now?"),
             ("customer", "Yes, all good."),
             ("agent", "Great, bye.")]
    assert status(turns) == "met"


def test_detail_question_then_a_check_after_the_fix_is_met():
    turns = [("customer", "My card keeps getting declined online."),
             ("agent", "Has the replacement card arrived at your address?"),
             ("customer", "Yes."),
             ("agent", "I've lifted the block. Is it working now?"),
             ("customer", "yes it went through"),
             ("agent", "Bye.")]
    assert status(turns) == "met"


def test_a_step_for_the_customer_is_what_the_check_follows():
    turns = [("customer", "The speaker keeps cutting out."),
             ("agent", "Please unplug it for ten seconds and plug it back in. Is it playing "
                       "properly now?"),
             ("customer", "yes it is"),
             ("agent", "Great. I'll also send you a voucher for the trouble."),
             ("customer", "thanks"),
             ("agent", "Bye.")]
    assert status(turns) == "met"


def test_an_answer_checked_before_a_later_fix_is_met():
    turns = [("customer", "Why did my water bill double?"),
             ("agent", "The last two bills were estimates and this one used a real reading, so "
                       "it caught up. Does that explain it?"),
             ("customer", "yes ok"),
             ("agent", "I've also set up a reminder to send readings. Bye.")]
    assert status(turns) == "met"


# --- a failure report invited, a retry put off, a thing presented: not checks ---

@pytest.mark.parametrize("line", [
    "I've reissued your boarding pass. Tell me if it fails again.",
    "I've reset the modem remotely, let me know if the lights keep flashing red.",
    "I've cleared the cache on our side. Let me know if you still get the warning.",
])
def test_asking_to_hear_only_of_a_failure_is_not_a_check(line):
    turns = [("customer", "It's not working."), ("agent", line),
             ("customer", "ok"), ("agent", "Bye.")]
    assert status(turns) == "missed"


def test_asking_to_hear_the_outcome_still_is_a_check():
    turns = [("customer", "It's not working."),
             ("agent", "I've reset the modem remotely, let me know if the light turns green."),
             ("customer", "it's green"), ("agent", "Bye.")]
    assert status(turns) == "met"


@pytest.mark.parametrize("line, expected", [
    ("The booking system is offline for an upgrade. Could you try again tomorrow morning?",
     "missed"),
    ("The checkout is being patched right now, can you try it again in two hours?", "missed"),
    ("I've cleared the stuck payment. Could you try again now?", "met"),
])
def test_a_retry_put_off_is_not_a_check(line, expected):
    turns = [("customer", "I can't check out, it errors."), ("agent", line),
             ("customer", "ok"), ("agent", "Bye.")]
    assert status(turns) == expected


@pytest.mark.parametrize("line, expected", [
    ("Apologies for that. Below is the updated schedule.", "missed"),
    ("Here's the fixed link to the meeting room.", "missed"),
    ("I've sent the updated schedule. Is the updated schedule showing for you now?", "met"),
])
def test_a_thing_presented_is_not_a_check(line, expected):
    turns = [("customer", "The schedule you sent has the wrong dates."), ("agent", line),
             ("customer", "Thanks"), ("agent", "You're welcome!")]
    assert status(turns) == expected


@pytest.mark.parametrize("line", [
    "I've re-routed the feed, let me know if the buzzing stops.",
    "I've re-sent the code. Let me know if the login page is loading again.",
])
def test_asking_to_hear_a_good_outcome_is_still_a_check(line):
    turns = [("customer", "It's not working."), ("agent", line),
             ("customer", "yes it is"), ("agent", "Bye.")]
    assert status(turns) == "met"
