"""Round 16: a grievance the agent's own reply acknowledges (empathy_on_complaint's trigger
`acknowledged_by`), and blame or dismissal said plainly (prohibited_language). On sentences
written for these tests."""

from __future__ import annotations

import pytest

import csnlp
from csnlp.evaluator import DEFAULT

from .conftest import judge

MET, MISSED, NA = csnlp.Status.MET, csnlp.Status.MISSED, csnlp.Status.NOT_APPLICABLE


# -- a grievance acknowledged by the agent's reply --------------------------------------------
# The customer's turns name no complaint word; the agent's reply owning a fault shows that a
# reviewer would read one (the agent itself did).
_CALM_GRIEVANCE = "hi there, the parcel tracker shows my sofa went to a depot in leeds on friday"


@pytest.mark.parametrize("reply, status", [
    ("Oh, I'm so sorry about that, let me find out where it is.", MET),
    ("Apologies for the mix-up, I'll get it rerouted today.", MET),
    ("I'm sorry to hear you were sent to the wrong depot, I'll sort it.", MET),
    ("That's really frustrating, I'll chase the depot now.", MET),
    ("Sorry that happened, I'll chase the depot now.", MET),
    ("That shouldn't have happened, I'll chase the depot now.", MET),
    ("We're sorry to hear that, please DM us the order number.", MET),
    # no ownership: a plain answer, the agent's own slip, its own bad news, a wait
    ("Let me find out where it is.", NA),
    ("Sorry, could you give me the order number?", NA),
    ("Hi there. Sorry, could you give me the order number?", NA),
    ("I couldn't reach the depot today. Apologies for the inconvenience.", NA),
    ("Sorry for the wait, let me look.", NA),
    ("Sorry to hear you're moving, let me look.", NA),
    # (review) the fault owned outright; a delay complained of, not the agent's own wait
    ("That's on us, I'll get it rerouted today.", MET),
    ("My apologies, that's our mistake, I'll reroute it.", MET),
    ("Sorry for the delay, let me look.", NA),
    # the agent's own slip told after the apology, its own bad news before it, a plain
    # statement with "not" in it
    ("Sorry about that, my screen froze for a second.", NA),
    ("Sorry for the mix-up on my part, I typed the wrong date.", NA),
    ("Sadly the depot is closed until Monday. I'm sorry about that.", NA),
    ("It's not on our system yet, so give it another day.", NA),
])
def test_a_grievance_the_agents_reply_owns_triggers(reply, status):
    report = judge([("agent", "Hello, Sofaworld, how can I help?"),
                    ("customer", _CALM_GRIEVANCE),
                    ("agent", reply)])
    result = report["empathy_on_complaint"]
    assert result.status is status, result.explanation
    if status is MET:
        trigger = [e for e in result.evidence if e.role is csnlp.EvidenceRole.TRIGGER]
        assert [e.turn_index for e in trigger] == [1]
        assert trigger[0].rule == "trigger:acknowledged"


@pytest.mark.parametrize("customer, reply", [
    ("my grandad passed away in march so i need to close his account", "I'm so sorry for your loss."),
    ("my husband passed away last month so I need to change the account name",
     "I'm so sorry about that."),
    ("no that's all thank you very much", "Sorry about that."),
    ("I'm moving to Lisbon next month so I'd like to cancel", "Sorry to hear you're leaving us!"),
    ("I dropped my phone in the canal last night, can you block the sim", "Oh no, that's awful."),
])
def test_sympathy_for_a_misfortune_is_no_acknowledged_grievance(customer, reply):
    report = judge([("agent", "Hello, how can I help?"), ("customer", customer),
                    ("agent", reply)])
    assert report["empathy_on_complaint"].status is NA


def test_the_acknowledging_reply_must_follow_at_once_and_the_turn_say_something():
    # the owning words in the customer's own turn, a reply two turns later, or a turn of a
    # word or two do not count
    assert judge([("agent", "Hi, how can I help?"),
                  ("customer", "sorry about that, I sent the wrong file earlier"),
                  ("agent", "No problem, got the new one.")]
                 )["empathy_on_complaint"].status is NA
    assert judge([("agent", "Hi, what's the date?"), ("customer", "17 May"),
                  ("agent", "I'm sorry about that, we're fully booked then.")]
                 )["empathy_on_complaint"].status is NA
    assert judge([("customer", _CALM_GRIEVANCE), ("agent", "Let me look."),
                  ("customer", "ok"), ("agent", "I'm sorry about that, it's found now.")]
                 )["empathy_on_complaint"].status is NA


def test_an_acknowledged_trigger_never_adds_a_miss():
    # a complaint left unanswered stays missed; the acknowledged one is answered
    report = judge([("customer", "This is the third time I'm chasing this refund."),
                    ("agent", "What's the order number?"),
                    ("customer", "AB-22. Oh, and the courier left the box in a puddle."),
                    ("agent", "Noted."),
                    ("customer", "also the receipt email had someone else's address on it"),
                    ("agent", "Sorry about that, I've corrected it.")])
    result = report["empathy_on_complaint"]
    assert result.status is MISSED
    assert 0 < result.score < 1


def test_acknowledged_by_is_an_option_of_any_respond_standard():
    standards = {"schema_version": 1, "name": "owning", "standards": [{
        "id": "owned", "check": "respond", "title": "Own faults",
        "trigger": {"match": {"phrases": ["never used"]},
                    "acknowledged_by": {"phrases": ["my bad"]}},
        "response": {"match": {"phrases": ["my bad"]}}}]}
    call = [("customer", "the invoice has last year's address on it"),
            ("agent", "my bad, fixed it now")]
    assert judge(call, standards)["owned"].status is MET
    # looked for in the agent's reply, not the customer's turn
    call = [("customer", "my bad, the invoice has last year's address"),
            ("agent", "fixed it now")]
    assert judge(call, standards)["owned"].status is NA



def test_an_acknowledged_trigger_is_answered_by_the_reply_that_acknowledged_it():
    # (review) the reply need not match the response rule: it answered the trigger it found
    standards = {"schema_version": 1, "name": "owning", "standards": [{
        "id": "owned", "check": "respond", "title": "Own faults",
        "trigger": {"acknowledged_by": {"phrases": ["my bad"]}},
        "response": {"match": {"phrases": ["sorry"]}}}]}
    result = judge([("customer", "the invoice has last year's address on it"),
                    ("agent", "my bad, fixed it now")], standards)["owned"]
    assert result.status is MET
    assert [e.role for e in result.evidence] == [csnlp.EvidenceRole.TRIGGER,
                                                 csnlp.EvidenceRole.RESPONSE]


# -- blame and dismissal said plainly ---------------------------------------------------------
@pytest.mark.parametrize("agent, status", [
    ("You keyed the postcode in wrong, that's why it bounced.", MISSED),
    ("you typed the card number incorrectly so it declined", MISSED),
    ("You must have picked the wrong tariff when you signed up.", MISSED),
    ("you probably scanned it under the wrong account", MISSED),
    ("Honestly you need to be way more careful with your PIN.", MISSED),
    ("well that part is kinda on you", MISSED),
    ("Nine times out of ten it's user error.", MISSED),
    ("Yeah, that's what they all say.", MISSED),
    ("I don't set the prices, do you want it or not", MISSED),
    # asked, supposed, a diagnosis, the agent's own side, denied, softened
    ("Did you key the postcode in wrong?", MET),
    ("If you typed it in wrong, I can change it for you.", MET),
    ("It looks like you picked the wrong tariff, I'll switch it.", MET),
    ("We probably sent the wrong charger, sorry, I'll fix it.", MET),
    ("We'll be more careful with the packaging next time.", MET),
    ("This isn't user error at all, it's a fault on our side.", MET),
    ("I can't control the weather, but I can rebook you for free.", MET),
    # (review) a relative clause of the company's error, a diagnosis, a question, what the
    # customer was sent, another's care, "user error" denied, a clause going on
    ("The parcel you ordered was labelled wrong by our warehouse, I'm so sorry.", MET),
    ("It looks like you typed the email in wrong, I'll fix it now.", MET),
    ("So you entered the PIN wrong a few times?", MET),
    ("You probably got sent the wrong card reader by our team.", MET),
    ("I promise you the driver will be more careful next time.", MET),
    ("This isn't caused by user error, it's our bug.", MET),
    ("That's what everyone says about the premium plan, it's really popular!", MET),
    ("I don't set the prices myself, the system does, but I can apply a discount.", MET),
    ("I just don't make the rules.", MISSED),
])
def test_blame_and_dismissal_said_plainly(agent, status):
    turns = [("agent", "Hello, Keyline, how can I help?"),
             ("customer", "my payment keeps failing and I'm getting annoyed"),
             ("agent", agent)]
    assert judge(turns)["prohibited_language"].status is status


# -- the frustration trigger's bar -------------------------------------------------------------
def test_a_calm_question_the_tone_model_reads_as_mildly_frustrated_triggers_nothing():
    # a real SGD user turn scoring 0.82 frustrated: over the old bar (0.8), under 0.85
    turns = [("agent", "There's a showing of Brightburn at 7 pm."),
             ("customer", "What kind of genre is this again?"),
             ("agent", "It is a horror movie.")]
    scores = csnlp.tone_scores([turns[1][1]])
    assert 0.8 <= scores["frustrated"].iloc[0] < 0.85
    report = judge(turns, tone_model=DEFAULT)
    assert report["empathy_on_complaint"].status is NA


# -- the customer's name: typed before a labelled reference, asked as "a name", said goodbye to
@pytest.mark.parametrize("opening, reply, status", [
    ("Hello, it's Marta Kowalczyk, account AC-55120. My card was declined twice today.",
     "Thanks Marta, I've lifted the block.", MET),
    ("Hello, it's Marta Kowalczyk, account AC-55120. My card was declined twice today.",
     "Thanks, I've lifted the block.", MISSED),
    ("Name: Tomasz Wierzba, ref ZX-99120. It has not arrived.",
     "I've chased it with the courier.", MISSED),
    # "for" is no cue: the order may be for anyone
    ("Order for Tomasz Wierzba, ref ZX-99120, has not arrived.",
     "I've chased it with the courier.", NA),
    # someone else's name before the reference: the customer's own stays unknown
    ("hi, the order's under my husband's name, Tomasz Wierzba, ref ZX-99120. where is it?",
     "Thanks, I've chased it with the courier.", NA),
    # (review) a company, a product, the agent greeted: no cue says the name is the customer's
    ("Hi, I'm calling from Acme Insurance, policy AB-1234. My claim is stuck.",
     "Thanks, I've checked it.", NA),
    ("Hi Sarah, account 44120, my card has been blocked again.", "Thanks, I've checked it.", NA),
    ("My Samsung Galaxy, order 88123, arrived broken.", "Thanks, I've checked it.", NA),
    ("I'm José Álvarez, order 55120, it never came.", "Thanks José, I've chased it.", MET),
])
def test_a_typed_full_name_before_a_labelled_reference(opening, reply, status):
    report = judge([("customer", opening), ("agent", reply)], metadata={"channel": "chat"})
    assert report["customer_name"].status is status


def test_a_name_asked_for_after_other_details_and_given_last():
    turns = [("agent", "hi you're through to parcel support"),
             ("customer", "hi my parcel never came"),
             ("agent", "okay can i take the order number and a name"),
             ("customer", "yeah it's four four one two and it's imogen farrow"),
             ("agent", "thanks for that i've raised a claim")]
    result = judge(turns)["customer_name"]
    assert result.status is MISSED
    assert "imogen" in result.explanation


@pytest.mark.parametrize("last, status", [
    ("okay see you friday mark bye", MET),
    ("okay see you friday mark goodbye", MET),
    ("okay i'll send the mark bye", MISSED),
    # (review) a name that is a word after a noun or someone else's title
    ("i'll pass it to my colleague mark bye", MISSED),
    ("that goes on the final mark bye", MISSED),
])
def test_a_goodbye_said_to_a_name_that_is_also_a_word(last, status):
    turns = [("agent", "fixit garage this is dom"),
             ("customer", "hi my brakes are squeaking can you fit me in"),
             ("agent", "friday at nine okay what's the name for the booking"),
             ("customer", "it's mark"),
             ("agent", last)]
    assert judge(turns)["customer_name"].status is status
