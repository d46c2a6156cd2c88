"""Round 13: a typed self-introduction whose sentence ends before the turn does (the matcher
reads words without punctuation, so "it's Ben. Tracking number?" ran on); on sentences written
for these tests."""

from __future__ import annotations

import pytest

import csnlp

from .conftest import judge

MET, MISSED = csnlp.Status.MET, csnlp.Status.MISSED


def _status(opening: str) -> csnlp.Status:
    turns = [("agent", opening), ("customer", "hi, my router keeps dropping"),
             ("agent", "Okay, let me look.")]
    return judge(turns)["agent_introduction"].status


@pytest.mark.parametrize("opening, status", [
    ("Hi, it's Anouk. Postcode please?", MET),
    ("Hello! 🙂 This is Tavish. Router model?", MET),
    ("Broadband desk, this is Oluwaseun. Postcode first?", MET),
    ("Evening. Priyanka here. Which router model is it?", MET),
    ("hey, Ruairi here. first thing, is the light red?", MET),
    # a day, a state or a department is no name; a possessive is someone else's
    ("Hi, it's Saturday. We're open till six, how can I help?", MISSED),
    ("Hello, it's Fine. Router model please?", MISSED),
    ("Billing here. Account number please?", MISSED),
    ("Hi, it's Anouk's account you're asking about?", MISSED),
    # departments and states where a name would be (review of round 13)
    ("Hello, this is Reception. Which room?", MISSED),
    ("Hi, it's Complicated. Let me explain.", MISSED),
    ("Morning, Dispatch here. Order number?", MISSED),
    ("Hi, Sorry here. Postcode please?", MISSED),
])
def test_a_typed_introduction_ended_by_its_sentence(opening, status):
    assert _status(opening) is status
