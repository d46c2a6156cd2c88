"""Mechanisms found by the third wave of blind DEV sets (benchmarks/devsets/resolution3.yaml):
outcome questions, holds asked with more words, silences the customer asked for, and a silence
after the agent's "okay". Sentences here are written for the tests."""

from __future__ import annotations

import pytest

import csnlp

from .conftest import judge as _report

MET, MISSED, NA = csnlp.Status.MET, csnlp.Status.MISSED, csnlp.Status.NOT_APPLICABLE


@pytest.mark.parametrize("line, status", [
    ("Have you managed to sign in with the new code?", MET),
    ("were you able to download the statement", MET),
    ("the refund's gone back to your card, has it come through yet", MET),
    ("Does that all add up now?", MET),
    ("is any of that unclear", MET),
    ("right i've moved the slot so that's you booked for monday yeah", MET),
    # requests and statements near those shapes
    ("Are you able to read me the meter number?", MISSED),
    ("The money has come through on our side.", MISSED),
    ("I've booked you for Monday.", MISSED),
])
def test_outcome_questions(line, status):
    report = _report([("customer", "my direct debit bounced"), ("agent", line)])
    assert report["resolution_check"].status is status


@pytest.mark.parametrize("ask", [
    "would it be okay if i put you on a quick hold",
    "can i pop you on hold for two minutes",
    "i'm just going to run a check on the line",
    "i'll need a couple of minutes to go through the bills, one moment",
])
def test_holds_asked_or_explained_in_more_words(ask):
    report = _report([("agent", "hi how can i help", 0, 2),
                      ("customer", "my line keeps dropping", 3, 5),
                      ("agent", ask, 6, 9), ("customer", "sure", 10, 11),
                      ("agent", "thanks for holding, it's fixed now", 80, 84)])
    assert report["hold_etiquette"].status is MET, report["hold_etiquette"].explanation


def test_a_silence_after_the_agents_okay_is_a_hold():
    report = _report([("customer", "my card was declined at the shop", 0, 4),
                      ("agent", "okay", 5, 6),
                      ("agent", "right the block is lifted", 80, 84),
                      ("customer", "great", 85, 86)])
    result = report["hold_etiquette"]
    assert result.status is MISSED
    assert result.evidence[0].turn_index == 1


def test_agreeing_to_wait_keeps_the_hold():
    report = _report([("agent", "let me check that with billing", 0, 3),
                      ("customer", "sure i don't mind waiting", 4, 6),
                      ("agent", "right the credit is on the account", 90, 94)])
    result = report["hold_etiquette"]
    assert result.status is MISSED  # explained, never thanked
    assert "not thanked" in result.explanation


@pytest.mark.parametrize("turns", [
    # the customer asked for the silence ("one sec", "hold on") or went off to do a task
    [("agent", "what's the reference on the letter", 0, 3),
     ("customer", "one sec i'll go and get it", 4, 6), ("agent", "no rush", 7, 8),
     ("customer", "okay it's k l four four nine", 70, 74),
     ("agent", "got it the bill was estimated", 75, 79)],
    [("agent", "can you read me the reference", 0, 3),
     ("customer", "hold on let me find the letter", 4, 6), ("agent", "no problem", 7, 8),
     ("customer", "right it's k l four four nine", 61, 65), ("agent", "got it", 66, 67)],
    [("agent", "could you unplug the router for thirty seconds", 0, 4),
     ("customer", "okay doing that now", 5, 7), ("agent", "okay", 8, 9),
     ("customer", "right it's back on", 83, 85), ("agent", "great is the light green", 86, 88)],
    # the agent gave the customer the time (wave 4)
    [("agent", "switch the router off at the wall and back on", 0, 4),
     ("customer", "okay one moment", 5, 6), ("agent", "no rush, take your time", 7, 9),
     ("customer", "right it's back up", 95, 97), ("agent", "great, are the lights white", 98, 100)],
    # a noise tag is no agent turn to start a hold
    [("customer", "my bill is wrong", 0, 3), ("agent", "[noise]", 4, 5),
     ("customer", "hello", 65, 66), ("agent", "sorry yes the bill", 67, 70)],
])
def test_silences_that_are_no_agent_hold(turns):
    report = _report(turns)
    assert report["hold_etiquette"].status is NA, report["hold_etiquette"].explanation
