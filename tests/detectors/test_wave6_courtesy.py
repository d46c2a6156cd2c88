"""Rude wording a QA lead found passing both courtesy standards (probe6 P1-P4), names and titles
read as profanity (X1, X2), and polite_tone's explanation when prohibited_language judges a
phrase. One rude phrase is penalised once: dismissive and blaming wording is
prohibited_language's, condescension and sarcasm polite_tone's. Sentences here are written for
the tests."""

from __future__ import annotations

import pytest

import csnlp

from .conftest import judge

MET, MISSED = csnlp.Status.MET, csnlp.Status.MISSED


def _courtesy(agent_turn: str) -> tuple[csnlp.StandardResult, csnlp.StandardResult]:
    report = judge([("agent", "Hi, thanks for getting in touch, how can I help?"),
                    ("customer", "my tablet won't charge"),
                    ("agent", agent_turn),
                    ("customer", "fine"),
                    ("agent", "Thanks for your patience, take care.")])
    return report["polite_tone"], report["prohibited_language"]


@pytest.mark.parametrize("turn, polite, prohibited", [
    # time pressure put on the customer: dismissive (prohibited_language)
    ("Honestly we haven't got all afternoon, what's the serial?", MET, MISSED),
    ("i dont have all night just tell me the model", MET, MISSED),
    ("Some of us have got better things to do, so be quick.", MET, MISSED),
    ("Can we hurry this along? I've got other callers holding.", MET, MISSED),
    # ... not an agent's availability or options
    ("We don't have all day Thursday free, but Friday works.", MET, MET),
    ("We have other models in stock if you'd like a swap.", MET, MET),
    # responsibility pushed back onto the customer: blaming (prohibited_language)
    ("Sounds like a you issue, to be honest.", MET, MISSED),
    ("Yeah, that part is not exactly on us.", MET, MISSED),
    ("You dropped it, so that one's really on you.", MET, MISSED),
    ("Water damage is not our problem.", MET, MISSED),
    ("if you cant follow a basic diagram i dont know what to say", MET, MISSED),
    # ... not owning it, paying for it, or setting a rule
    ("That's on us, I'm sorry, I'll send a new charger.", MET, MET),
    ("The replacement cable is on us this time.", MET, MET),
    ("It's not on us to set the warranty terms, the maker does.", MET, MET),
    ("If you can't use the app, I can book the repair for you.", MET, MET),
    # belittling address: condescension (polite_tone)
    ("Look here, buddy, it needs the original plug.", MISSED, MET),
    ("No, missy, the warranty ended in May.", MISSED, MET),
    ("Okay listen here, the charger is not included.", MISSED, MET),
    # ... not a courteous or friendly address, nor a lady spoken of
    ("Look, sir, I understand, let me check the warranty.", MET, MET),
    ("Hey buddy, you're all sorted now!", MET, MET),
    ("The lady at our Leeds store can swap it today.", MET, MET),
    # sarcasm at the customer's expense: polite_tone
    ("Well, what a shock. Hold the power button like the previous six times.", MISSED, MET),
    ("Try a different socket, same as the other dozen times.", MISSED, MET),
    # ... not surprise shared with the customer, nor "like last time"
    ("What a surprise that must have been, let me help.", MET, MET),
    ("Oh, what a lovely surprise to hear from you again!", MET, MET),
    ("Use the same socket like last time.", MET, MET),
])
def test_dismissive_and_belittling_wording_is_penalised_once(turn, polite, prohibited):
    polite_tone, prohibited_language = _courtesy(turn)
    assert polite_tone.status is polite, polite_tone.explanation
    assert prohibited_language.status is prohibited, prohibited_language.explanation


def test_a_belittling_address_and_time_pressure_cost_one_standard_each():
    polite_tone, prohibited_language = _courtesy("Listen pal, I don't have all morning.")
    assert polite_tone.status is MISSED and "Listen pal" in polite_tone.explanation
    assert prohibited_language.status is MISSED
    assert [e.text for e in prohibited_language.evidence] == ["I don't have all morning"]


def test_polite_tone_says_which_wording_it_left_to_prohibited_language():
    polite_tone, prohibited_language = _courtesy("That sounds like a you problem.")
    assert prohibited_language.status is MISSED
    assert polite_tone.status is MET
    assert "prohibited_language" in polite_tone.explanation
    assert "a you problem" in polite_tone.explanation and "turn 3" in polite_tone.explanation


def test_polite_tone_without_prohibited_wording_says_no_rude_wording():
    polite_tone, _ = _courtesy("Let me check the warranty for you.")
    assert polite_tone.explanation.startswith("No rude wording in the agent's 3 turns.")


@pytest.mark.parametrize("turn, status", [
    # a title in quotation marks holding a colon, a semicolon, an ampersand or an apostrophe
    ("We've restocked \u201cDamn Yankees: The Musical\u201d on DVD.", MET),
    ('The novel "Screw You; A Memoir" ships on Monday.', MET),
    ("Your copy of 'Shut Up & Dance' is on its way.", MET),
    # a forbidden word capitalised inside a Title-Case name in mid-sentence
    ("Your Bloody Marvellous Bakes cookbook has been dispatched.", MET),
    ("I booked a table at the Hell's Gate Grill for eight.", MET),
    # the same words said, not named: shouting, lower case, a sentence's first word, a comma
    ("That's a BLOODY HELL of a bill, sorry.", MISSED),
    ("what the hell happened to your order", MISSED),
    ("Bloody Couriers lost it again.", MISSED),
    ("Well, Bloody Hell, that's broken.", MISSED),
    # a quotation that never closes is no quotation
    ("He said \u201cwhat the hell: a refund", MISSED),
])
def test_titles_and_names_are_not_the_agents_profanity(turn, status):
    report = judge([("agent", "Hello, how can I help?"), ("customer", "my order"),
                    ("agent", turn)])
    result = report["prohibited_language"]
    assert result.status is status, result.explanation
