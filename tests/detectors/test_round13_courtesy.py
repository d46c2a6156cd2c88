"""Round 13: blame said in courteous words is prohibited language: the responsibility put on
the customer, and what went wrong made their doing; on sentences written for these tests."""

from __future__ import annotations

import pytest

import csnlp

from .conftest import judge

MET, MISSED = csnlp.Status.MET, csnlp.Status.MISSED


def _status(agent: str) -> csnlp.Status:
    turns = [("agent", "Hello, Lakeside Lettings, how can I help?"),
             ("customer", "I was charged a cleaning fee when I moved out and I want it removed"),
             ("agent", agent)]
    return judge(turns)["prohibited_language"].status


@pytest.mark.parametrize("agent, status", [
    ("I'm afraid it is the account holder's responsibility to keep the address up to date.",
     MISSED),
    ("That was the renter’s responsibility under the agreement, so the fee stands.", MISSED),
    ("Keeping the oven clean remains solely your responsibility, as the inventory says.", MISSED),
    ("The cleaning fee is a result of your oversight at check-out.", MISSED),
    ("This happened due to your own error when you booked the van.", MISSED),
    # responsibility taken, denied, or asked about; an error that is not the customer's
    ("We take full responsibility for the mix-up and will refund it.", MET),
    ("It isn't your responsibility at all, we'll sort the fee out.", MET),
    ("Is cleaning the oven your responsibility or the landlord's under your contract?", MET),
    ("The fee was added due to an error on our side, I've removed it.", MET),
    ("The form failed because of your error code 42, which means the card had expired.", MET),
    # the blame denied, asked about or wondered about (review of round 13)
    ("That charge wasn't the result of your mistake, it was ours.", MET),
    ("None of the damage is down to your error, I'll waive it.", MET),
    ("Was the stain down to your mistake or the last tenant's? I'll check.", MET),
    ("I'll find out whether the oven was the tenant's responsibility.", MET),
    ("I know it seems like it's your responsibility, but the inventory says otherwise.", MET),
])
def test_blame_in_courteous_words(agent, status):
    assert _status(agent) is status
