"""Courtesy verdicts a QA lead found wrong (probe8): insults and dismissals no standard
penalised (an insult said of the customer, a put-down of their competence, "look it up
yourself", "no time for this"), and courteous lines flagged (blame denied, the weather calming
down, a compliment with "obviously", a warm transfer, a pointer to a page of the instructions).
Sentences here are written for the tests."""

from __future__ import annotations

import pytest

import csnlp

from .conftest import judge

MET, MISSED = csnlp.Status.MET, csnlp.Status.MISSED


def _courtesy(agent_turn: str) -> tuple[csnlp.StandardResult, csnlp.StandardResult]:
    report = judge([("agent", "Hello, thanks for calling, how can I help?"),
                    ("customer", "i have a question about my router"),
                    ("agent", agent_turn),
                    ("customer", "ok"),
                    ("agent", "Thanks for calling, take care.")])
    return report["polite_tone"], report["prohibited_language"]


@pytest.mark.parametrize("turn, prohibited", [
    # an insult said of the customer, or of customers, or forbidden them
    ("Honestly, you're being completely unreasonable.", MISSED),
    ("You are so hopeless with technology.", MISSED),
    ("Some customers are just incompetent with routers.", MISSED),
    ("Don't be childish, the fee stands.", MISSED),
    # ... not the reverse, praise, or a policy called absurd
    ("You're not being unreasonable at all, that fee was wrong.", MET),
    ("You are so patient, thank you for waiting.", MET),
    ("Some customers find the menu confusing, it isn't just you.", MET),
    ("That rule is absurd, I agree, so I've waived it for you.", MET),
])
def test_an_insult_of_the_customer_is_prohibited(turn, prohibited):
    assert _courtesy(turn)[1].status is prohibited, _courtesy(turn)[1].explanation


@pytest.mark.parametrize("turn, prohibited", [
    # the customer's wits or complaints put down
    ("Use your head, the switch is on the back.", MISSED),
    ("Try using your brain for once.", MISSED),
    ("Maybe learn to spell before you email us.", MISSED),
    ("You should learn to listen.", MISSED),
    ("Quit moaning, it's a two euro charge.", MISSED),
    ("Stop whinging and send me the photo.", MISSED),
    ("I need you to stop nagging me.", MISSED),
    # ... not a tutorial, the agent's own habit or a device's warning
    ("You can learn to read the meter with our short video.", MET),
    ("Sorry, I'll stop moaning about the weather!", MET),
    ("The printer should stop complaining about the cartridge once you reseat it.", MET),
    ("Please use your head office address for the invoice.", MET),
])
def test_a_put_down_of_the_customer_is_prohibited(turn, prohibited):
    assert _courtesy(turn)[1].status is prohibited, _courtesy(turn)[1].explanation


@pytest.mark.parametrize("turn, prohibited", [
    # sent off to find the answer alone, no time for them, good riddance, an ultimatum
    ("Just google it.", MISSED),
    ("Look that up yourself.", MISSED),
    ("Go look it up online.", MISSED),
    ("I haven't got time for this nonsense.", MISSED),
    ("We have no time for your games.", MISSED),
    ("Good riddance, bye.", MISSED),
    ("The price is fixed, take it or leave it.", MISSED),
    # ... not the agent looking it up, a tip where to look, a slot that is full
    ("Let me look it up for you.", MET),
    ("You can look it up any time under Billing in the app.", MET),
    ("I'll google it and get back to you.", MET),
    ("We don't have time for a full service on Saturday, would Monday work?", MET),
    ("Don't worry, we have plenty of time for this.", MET),
])
def test_a_dismissal_is_prohibited(turn, prohibited):
    assert _courtesy(turn)[1].status is prohibited, _courtesy(turn)[1].explanation


@pytest.mark.parametrize("turn, prohibited", [
    # blame denied: "none of it", "nothing ...", "nobody is saying"
    ("Please don't blame yourself, none of it was your fault.", MET),
    ("Neither of the late fees was your fault, so I've removed both.", MET),
    ("Nothing that happened here is your fault.", MET),
    ("Nobody is saying it's your fault, it's our system.", MET),
    ("I don't think any of this is your fault.", MET),
    # ... not blame laid
    ("Frankly, this is your fault.", MISSED),
    ("Nothing went wrong on our side, it is your fault.", MISSED),
])
def test_blame_denied_is_not_prohibited(turn, prohibited):
    assert _courtesy(turn)[1].status is prohibited, _courtesy(turn)[1].explanation


@pytest.mark.parametrize("turn, status", [
    # the weather, the traffic, things calming down; a compliment on what the customer loves
    ("Traffic on the bridge should calm down after seven, so that's a better time.", MET),
    ("Things usually calm down after the January sales, so delivery will be quicker.", MET),
    ("The storm is expected to calm down overnight and flights will resume.", MET),
    ("You obviously love that bike, so the extended warranty makes sense.", MET),
    ("You've obviously put a lot of thought into this order.", MET),
    # ... not the customer told to calm down, nor their fault presumed
    ("Sir, you need to calm down.", MISSED),
    ("Can you just calm down for a second?", MISSED),
    ("You obviously ignored the reminder.", MISSED),
    ("Obviously you plugged it into the wrong port.", MISSED),
])
def test_calm_down_and_obviously_said_of_things_or_in_praise(turn, status):
    polite, prohibited = _courtesy(turn)
    assert prohibited.status is status, prohibited.explanation
    # a phrase is penalised once: polite_tone leaves it to prohibited_language either way
    assert polite.status is MET, polite.explanation


@pytest.mark.parametrize("turn, prohibited", [
    # "I can't help you" with the one who can
    ("Sorry, I can't help you with pensions myself, but I'll put you through to a colleague "
     "who can.", MET),
    ("There's nothing I can do from this desk, but the claims team can reopen it, I'll transfer"
     " you now.", MET),
    # ... not a refusal alone
    ("I can't help you. Bye.", MISSED),
    ("I cannot help you, but good luck.", MISSED),
])
def test_a_warm_transfer_is_not_prohibited(turn, prohibited):
    assert _courtesy(turn)[1].status is prohibited, _courtesy(turn)[1].explanation


@pytest.mark.parametrize("turn, polite, prohibited", [
    # a courteous pointer to the instructions: asked kindly, or to a page, a section, a step
    ("Could you read the email I forwarded and tell me which link you see?", MET, MET),
    ("Do read the instructions in the box, step 2 shows the clip.", MET, MET),
    ("If you read the manual on page 12, the reset is described there.", MET, MET),
    # ... not sent off to read it
    ("Honestly, just read the instructions.", MISSED, MET),
    ("Read the email, it's all in there.", MISSED, MET),
    ("read the manual it explains everything", MET, MISSED),
])
def test_a_pointer_to_the_instructions_is_courteous(turn, polite, prohibited):
    result = _courtesy(turn)
    assert (result[0].status, result[1].status) == (polite, prohibited), \
        (result[0].explanation, result[1].explanation)


@pytest.mark.parametrize("line, expected", [
    ("Obviously we'll cover the repair in full.", "met"),       # the agent's own side
    ("obviously i get why that's annoying", "met"),
    ("We'd obviously prefer to fix it today.", "met"),
    ("Obviously you didn't charge it first.", "missed"),        # a put-down of the customer
    ("It's obviously on the first page.", "missed"),
])
def test_obviously_about_the_agents_own_side(line, expected):
    turns = [("agent", "Hi, this is Sam, how can I help?"), ("customer", "My heater broke."),
             ("agent", line), ("customer", "ok"), ("agent", "Thanks, bye!")]
    assert judge(turns, standards="contact_center")["prohibited_language"].status.value == expected
