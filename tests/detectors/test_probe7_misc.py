"""Probe-7 findings on holds and courtesy: a hold explained with a filler adverb between the
asker and the act ("let me just check"), condescending advice on what the customer should have
done ("maybe read the terms next time") and a dismissive shrug ("it is what it is"). Sentences
here are written for the tests."""

from __future__ import annotations

import pytest

import csnlp

from .conftest import judge

MET, MISSED, NA = csnlp.Status.MET, csnlp.Status.MISSED, csnlp.Status.NOT_APPLICABLE


def _hold(hold_turn: str) -> csnlp.StandardResult:
    return judge([("agent", "Hi, you're through to Priya at Fernside Vets."),
                  ("customer", "Hi, I need to move Biscuit's jab to next week."),
                  ("agent", hold_turn),
                  ("agent", "Thanks for waiting, Tuesday at 4 is free."),
                  ("customer", "Perfect."),
                  ("agent", "Done, see you then, bye!")])["hold_etiquette"]


@pytest.mark.parametrize("turn, status", [
    # an adverb or a light verb between the asker and the act still explains the hold
    ("Sure, let me just look at the rota, one moment.", MET),
    ("Let me quickly pull up Biscuit's file, bear with me.", MET),
    ("Let me go and ask the nurse, one second.", MET),
    ("Let me just double-check the rota, one sec.", MET),
    ("Let me have a quick look, bear with me.", MET),
    ("Let's just have a look, one moment.", MET),
    ("I'll just quickly find a slot, one moment.", MET),
    ("I need to quickly confirm with the vet, one moment please.", MET),
    ("Can I just pop you on hold for a minute?", MET),
    ("Bear with me, I'm just checking the diary.", MET),
    ("One moment, just looking at next week.", MET),
    # ... but words that say nothing of why still leave it unexplained
    ("One moment please.", MISSED),
    ("Just a second.", MISSED),
    ("Let me just say, one moment.", MISSED),
    ("Bear with me, just a sec.", MISSED),
])
def test_a_hold_explained_through_a_filler_adverb(turn, status):
    assert _hold(turn).status is status


def test_a_customer_asking_to_wait_with_a_filler_is_no_hold():
    report = judge([("agent", "Hi, Fernside Vets, Priya speaking.", 0.0, 2.0),
                    ("customer", "Hi, sorry, let me quickly grab the pet passport.", 3.0, 6.0),
                    ("agent", "Of course.", 6.5, 7.0),
                    ("customer", "Got it, it's number 4471.", 50.0, 53.0),
                    ("agent", "Thanks, that's all updated, bye!", 54.0, 56.0)])
    assert report["hold_etiquette"].status is NA


def _courtesy(agent_turn: str) -> tuple[csnlp.StandardResult, csnlp.StandardResult]:
    report = judge([("agent", "Hello, Kestrel Outdoor, Marco speaking, how can I help?"),
                    ("customer", "The tent I bought has no pegs in the box, that's not on."),
                    ("agent", agent_turn),
                    ("customer", "Fine."),
                    ("agent", "Thanks for calling, bye.")])
    return report["polite_tone"], report["prohibited_language"]


@pytest.mark.parametrize("turn, polite, prohibited", [
    # condescending advice on what the customer should have done: blame, prohibited_language's
    # since round 21 (the rule sheet's "blaming", as the blind writers read it), said once so
    # polite_tone leaves it
    ("Perhaps read the product description next time.", MET, MISSED),
    ("Maybe check the listing next time before you order.", MET, MISSED),
    ("Next time, maybe try reading the small print.", MET, MISSED),
    ("Try reading the box contents list before buying next time.", MET, MISSED),
    ("Maybe try reading the description, pegs are sold separately.", MET, MISSED),
    ("You could have just checked the listing, it says no pegs.", MET, MISSED),
    # ... not a helpful tip, a future step or a guess
    ("Maybe try checking the side pocket, they are sometimes tucked in there.", MET, MET),
    ("Next time you log in, check the Orders tab for the refund.", MET, MET),
    ("Next time you visit, ask at the till and they'll add pegs for free.", MET, MET),
    ("Please read the care label before washing the flysheet.", MET, MET),
    ("You could have a look in the side pocket first.", MET, MET),
    # a dismissive shrug: prohibited_language (said once, so polite_tone leaves it)
    ("It is what it is.", MET, MISSED),
    ("Sorry, but that's just the way it is.", MET, MISSED),
    ("Rules are rules, I'm afraid.", MET, MISSED),
    ("Yeah well, that's life.", MET, MISSED),
    # ... not an explanation of how a thing works, a product or an offer
    ("That's just how the app works: tap Returns and pick a reason.", MET, MET),
    ("Our life insurance is separate, that's life cover not travel.", MET, MET),
    ("It is what you ordered, the 2-person model, so I'll send pegs free.", MET, MET),
])
def test_condescending_advice_and_dismissive_shrugs(turn, polite, prohibited):
    assert tuple(r.status for r in _courtesy(turn)) == (polite, prohibited)
