"""Courtesy false alarms a QA lead found (probe7): capitals of a warning, a label or a product
name read as shouting, "your problem" banned in a helpful sentence, and a Title-Case product
name holding a forbidden phrase. Sentences here are written for the tests."""

from __future__ import annotations

import pytest

import csnlp

from .conftest import judge

MET, MISSED = csnlp.Status.MET, csnlp.Status.MISSED


def _courtesy(agent_turn: str) -> tuple[csnlp.StandardResult, csnlp.StandardResult]:
    report = judge([("agent", "Hello, thanks for messaging, how can I help?"),
                    ("customer", "i have a question about my booking"),
                    ("agent", agent_turn),
                    ("customer", "ok"),
                    ("agent", "Thanks for getting in touch, take care.")])
    return report["polite_tone"], report["prohibited_language"]


@pytest.mark.parametrize("turn, polite", [
    # a notice under its label, in capitals
    ("CAUTION: THE PLATFORM EDGE IS SLIPPERY WHEN WET.", MET),
    ("Reminder: NEVER GIVE YOUR PASSWORD TO ANYONE, even someone from our team.", MET),
    ("NOTICE: OUR OFFICES CLOSE AT NOON ON FRIDAY. Sorry for any trouble.", MET),
    ("FOR YOUR SAFETY: KEEP THE DOOR CLOSED WHILE THE OVEN IS ON.", MET),
    # an instruction stressed in mid-sentence, a product's name
    ("If the alarm sounds, EVACUATE THE ROOM AND WAIT OUTSIDE. We'll call you.", MET),
    ("I've added the FAMILY FUN BUNDLE PLUS to your account for you.", MET),
    ("Your SUPER SAVER RETURN ticket is valid for a month.", MET),
    # capitals of thanks or congratulations
    ("THANK YOU SO MUCH FOR YOUR KIND WORDS!", MET),
    ("CONGRATULATIONS ON YOUR NEW HOME! Your account is moved.", MET),
    # shouting at the customer: a whole sentence in capitals, or "YOU" in capitals to its end
    ("YOUR REFUND WAS SENT ON MONDAY.", MISSED),
    ("I did that already. THE LINK IS IN YOUR INBOX.", MISSED),
    ("Look, I ALREADY SENT YOU THE LINK.", MISSED),
    ("Right, YOU HAVE TO ENTER THE CODE FIRST!", MISSED),
])
def test_capitals_shout_only_at_the_customer(turn, polite):
    result = _courtesy(turn)[0]
    assert result.status is polite, result.explanation


@pytest.mark.parametrize("turn, prohibited", [
    # the customer's problem named, solved or asked about
    ("Great news, your problem with the login is sorted now.", MET),
    ("Thanks for explaining your problem, I'll look into it.", MET),
    ("Okay, is your problem still there after the restart?", MET),
    ("What's your problem with the new tariff, exactly?", MET),
    ("The cable is frayed, that's your problem right there.", MET),
    # ... or pushed back at them
    ("Honestly, that's your problem now.", MISSED),
    ("If the courier lost it, that is entirely your problem.", MISSED),
    ("The delay is your problem to sort out, not ours.", MISSED),
    ("Your problem, not ours, I'm afraid.", MISSED),
    ("It's your own lookout, mate.", MISSED),
])
def test_your_problem_is_forbidden_only_as_a_dismissal(turn, prohibited):
    result = _courtesy(turn)[1]
    assert result.status is prohibited, result.explanation


@pytest.mark.parametrize("turn, prohibited", [
    # a Title-Case name after a determiner, a noun after it
    ("Our Chill Out lavender candle is back in stock.", MET),
    ("I've packed a Shut Up earplug set with your order.", MET),
    ("The Calm Down weekend retreat starts on Friday.", MET),
    # ... not the phrase said to the customer, capitalised or not
    ("Please Calm Down and let me check.", MISSED),
    ("Ok, Calm Down now, I'm looking.", MISSED),
    ("You need to calm down before we continue.", MISSED),
    ("the calm down bedtime tea is back", MISSED),
])
def test_a_name_after_a_determiner_is_not_said(turn, prohibited):
    result = _courtesy(turn)[1]
    assert result.status is prohibited, result.explanation
