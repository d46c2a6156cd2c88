"""Round 14: blame in an adviser's words is prohibited language: what went wrong put down to
the customer's own wrong act, and a reproach with "really" or "seriously" about what they did.
On sentences written for these tests."""

from __future__ import annotations

import pytest

import csnlp

from .conftest import judge

MET, MISSED = csnlp.Status.MET, csnlp.Status.MISSED


@pytest.mark.parametrize("agent, status", [
    ("Most of the delay is down to you using an old courier account.", MISSED),
    ("That happened due to you not updating the app when we asked.", MISSED),
    ("You seriously shouldn't share your login with friends.", MISSED),
    # (third review) siding with the customer, a tip, a cause that is praise
    ("You really shouldn't be charged for that, I've removed the fee.", MET),
    ("You definitely shouldn't have been charged, I've refunded it.", MET),
    ("You really should check your spam folder for the label, it lands there.", MET),
    ("The refund came quickly due to you sending the photos so fast.", MET),
    # news, kind advice, or reassurance
    ("Thanks to you letting us know, we caught the fault early.", MET),
    ("You really should claim the delay refund, you're entitled to it.", MET),
    ("You really shouldn't worry, none of this is your fault.", MET),
    ("It's down to us, not you, and I've refunded the postage.", MET),
])
def test_blame_in_an_advisers_words(agent, status):
    turns = [("agent", "Hello, Parcelpoint, how can I help?"),
             ("customer", "my parcel came four days late and the box was torn"),
             ("agent", agent)]
    assert judge(turns)["prohibited_language"].status is status
