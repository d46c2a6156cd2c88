"""Round 14: typed introductions the matcher's patterns miss: "It's <Name> calling" opening a
later sentence, "<Name> here" after a dash, and a day or a month that is the agent's name
where a phrase says so ("my name is", "speaking"). On sentences written for these tests."""

from __future__ import annotations

import pytest

import csnlp

from .conftest import judge

MET, MISSED = csnlp.Status.MET, csnlp.Status.MISSED


@pytest.mark.parametrize("agent, status", [
    ("Good morning, am I speaking with Mr Osei? It's Linnea calling from Fernway Dental.", MET),
    ("Sorry about the line. This is Okoro speaking, from the lettings team.", MET),
    ("Thanks for waiting in the queue at Brightmoor Cycles — Teodor here.", MET),
    ("Hello, my name is April and I look after renewals.", MET),
    ("Evening, Kestrel Taxis reservations, Friday speaking.", MET),
    # a day, a state or a department in the name's place says no name
    ("Is that everything? It's Monday calling that needs a fix.", MISSED),
    ("We open Tuesday - Friday here.", MISSED),
    ("Did you get it? It's Billing speaking now, the ticket moved.", MISSED),
    ("Your renewal date: my name is on the letter.", MISSED),
    # (review of round 14) a link, a company or a department in the name's place, a booking
    # "under my name"
    ("No problem. To update your card details - Click here: https://pay.example", MISSED),
    ("Good afternoon, is that Mr Osei? It's Fernway calling to confirm your check-up.", MISSED),
    ("Hello, is that Mr Osei? It's Maintenance calling about the boiler repair.", MISSED),
    ("Yes, the callback booked under my name is Thursday morning.", MISSED),
])
def test_typed_introductions(agent, status):
    report = judge([("agent", agent), ("customer", "hi, I need some help with my booking")])
    assert report["agent_introduction"].status is status
