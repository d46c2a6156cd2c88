"""customer_name: which of the customer's words give the customer's own name (issue 13).

The name is taken only from the caller speaking of themself ("my name is", "this is X calling",
"I'm X"); a name the caller owns something of ("X's phone") or gives for a third party ("his
name is X") is not the caller's, so the agent saying it does not count.
"""

from __future__ import annotations

import pytest

import csnlp


def _result(customer: str, agent: str):
    report = csnlp.evaluate({"turns": [
        {"speaker": "agent", "text": "Hello, Larkspur Travel, how can I help?"},
        {"speaker": "customer", "text": customer},
        {"speaker": "agent", "text": agent},
    ]}, "contact_center")
    return report["customer_name"]


@pytest.mark.parametrize("customer", [
    "This is Anselm, I booked a cabin for May.",
    "Hi, this is Anselm Quayle calling about a cabin.",
    "hello my name is anselm quayle i booked a cabin",
])
def test_the_callers_own_name_is_stated(customer: str) -> None:
    result = _result(customer, "Thanks, Anselm, let me find the cabin.")
    assert result.status.value == "met", result.explanation


@pytest.mark.parametrize("customer", [
    "This is Anselm's booking, I'm his neighbour.",
    "this is anselm's account he asked me to call",
    "I'm calling for my uncle, his name is Anselm Quayle.",
])
def test_someone_elses_name_is_not_the_callers(customer: str) -> None:
    result = _result(customer, "Thanks, is Anselm with you?")
    assert result.status.value == "not_applicable", result.explanation


def test_a_title_and_surname_count_for_a_stated_full_name() -> None:
    result = _result("Good morning, my name is Anselm Quayle and I need a refund.",
                     "Certainly, Mr Quayle, which booking is it?")
    assert result.status.value == "met", result.explanation
    assert any("Quayle" in e.text for e in result.evidence)
