"""Mechanisms found by the fourth wave of blind DEV sets (benchmarks/devsets/*4.yaml).
Sentences here are written for the tests."""

from __future__ import annotations

import pytest

import csnlp

from .conftest import judge as _report

MET, MISSED, NA = csnlp.Status.MET, csnlp.Status.MISSED, csnlp.Status.NOT_APPLICABLE


@pytest.mark.parametrize("line, status", [
    # complaints told as states and outcomes: empathy is required (and missing)
    ("the landline's been dead since thursday and my mum relies on it", MISSED),
    ("honestly i'm losing my mind with this router", MISSED),
    ("our flight got cancelled and we're stuck at the airport", MISSED),
    ("the repair was never booked even though I was told it was", MISSED),
    ("my parcel has been 'out for delivery' since Monday", MISSED),
    # calm lines near those shapes
    ("my bumper was damaged in a crash, can I check my claim?", NA),
    ("does the 'premium' bundle include sports?", NA),
    ("i'm supposed to pick it up on friday, what time do you open", NA),
    ("we've never booked with you before, how does the deposit work?", NA),
])
def test_complaints_told_as_states_and_outcomes(line, status):
    report = _report([("customer", line), ("agent", "What's the account number?")])
    assert report["empathy_on_complaint"].status is status


@pytest.mark.parametrize("reply, status", [
    ("that must be really frightening, let's freeze the card now", MET),
    ("honestly I'd be panicking too, let me sort it", MET),
    ("Sorry you feel that way. The fee stands.", MISSED),
    ("Sorry, which branch was that?", MISSED),
    ("Sorry, that shouldn't have happened. Which branch was it?", MET),
])
def test_empathy_and_apologies_that_are_not(reply, status):
    report = _report([("customer", "I've been charged twice and nobody will help me"),
                      ("agent", reply)])
    assert report["empathy_on_complaint"].status is status


@pytest.mark.parametrize("turns, status", [
    ([("customer", "Hi,\n\nThe invoice total is wrong.\n\nRegards,\nIngrid Solberg (Ms)\n"
                   "Finance, Fjord Tools"), ("agent", "Dear Ms Solberg,\n\nCorrected.")], MET),
    ([("customer", "Hello,\n\nMy order has not arrived.\n\nSaludos,\nMateo Ruiz"),
      ("agent", "Hi Mateo, it ships today.")], MET),
    ([("customer", "hey. I'm Jonathan Reyes but everyone calls me Jojo"),
      ("agent", "Hi Jojo, what's up?")], MET),
    ([("customer", "Hi, I'd like to swap a kettle, order KT-4410, name's Femi Adeyemi."),
      ("agent", "Thanks Femi, done.")], MET),
    ([("customer", "hi i'm supposed to get a refund"), ("agent", "okay let me check")], NA),
])
def test_names_in_signatures_nicknames_and_asides(turns, status):
    assert _report(turns)["customer_name"].status is status


def test_an_agent_signing_with_an_initial_and_surname_introduces_itself():
    report = _report([("customer", "Where is my refund?"),
                      ("agent", "It was sent today.\n\nKind regards,\nS. Okafor\nAccounts")])
    assert report["agent_introduction"].status is MET


@pytest.mark.parametrize("line, status", [
    ("can you see the updated booking in your app", MET),
    ("Does that give you everything you need for the form?", MET),
    ("All good on your side now?", MET),
    ("restart it and let me know what you see", MET),
    ("Did you receive our letter about the renewal in March?", MISSED),
    ("It's all good now, the refund went through.", MISSED),
])
def test_outcome_questions_of_wave_4(line, status):
    report = _report([("customer", "the app won't show my booking"), ("agent", line)])
    assert report["resolution_check"].status is status


def test_thanking_for_bearing_with_me_ends_a_hold_rather_than_starting_one():
    report = _report([("customer", "the export keeps failing", 0, 3),
                     ("agent", "I'm going to try reproducing it, it could take 2-3 minutes, "
                               "is that alright?", 4, 8),
                     ("customer", "sure", 9, 10),
                     ("agent", "Thanks for bearing with me. It's fixed now.", 150, 154)])
    assert report["hold_etiquette"].status is MET, report["hold_etiquette"].explanation
