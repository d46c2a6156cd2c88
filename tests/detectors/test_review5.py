"""Plainly wrong verdicts a review of round eight's rules found, each fixed by its mechanism."""

from __future__ import annotations

import pytest

import csnlp

from .conftest import judge

MISSED = csnlp.Status.MISSED


@pytest.mark.parametrize("name, reply", [
    ("Will Turner", "okay thanks will do, I'll send that now"),
    ("May Chen", "sorry may i just confirm the postcode"),
    ("Grant Osei", "okay grant is approved and is there anything else"),
])
def test_a_name_that_is_a_word_used_as_the_word(name, reply):
    report = judge([("agent", "thanks for calling how can i help"),
                    ("customer", "hi it's about my application"), ("agent", reply)],
                   metadata={"customer_name": name})
    assert report["customer_name"].status is MISSED, report["customer_name"].explanation


def test_a_closing_wish_is_no_agent_name():
    report = judge([("agent", "Hi there,\\n\\nYour refund was issued today. Hope that helps. "
                              "Best Wishes")])
    assert report["agent_introduction"].status is MISSED


@pytest.mark.parametrize("answer, status", [
    ("sure, I can't wait to get this sorted", MISSED),  # agreed: the hold is a hold
    ("yes please, I'd rather not call back later", MISSED),
])
def test_a_declined_hold_is_only_a_no_to_holding(answer, status):
    report = judge([("agent", "can I put you on hold while I check", 0.0, 3.0),
                    ("customer", answer, 4.0, 6.0),
                    ("agent", "right, it's the old tariff", 70.0, 74.0)])
    assert report["hold_etiquette"].status is status, report["hold_etiquette"].explanation
