"""Four leftovers of the fifth wave, each fixed by its mechanism: a receipt dated before the
call is no resolution check, a permission question vetoes only itself, a customer who shares
the agent's name, and one e-mail sign-off for both sides. Sentences here are written for the
tests."""

from __future__ import annotations

import pytest

import csnlp

from .conftest import judge

MET, MISSED = csnlp.Status.MET, csnlp.Status.MISSED


# -- resolution_check: a receipt dated before the call is a fact checked, not an outcome ------

@pytest.mark.parametrize("line, status", [
    # verification of something received before this call
    ("Can you confirm you got the renewal notice from us back in October?", MISSED),
    ("did you get it a couple of weeks ago", MISSED),
    ("so just to confirm, you got the statement on the 12th?", MISSED),
    ("Did you receive that text last Friday?", MISSED),
    # near misses: a receipt of what the agent just sent, undated or dated within the call
    ("I've emailed the voucher across, did you get it?", MET),
    ("I sent that two minutes ago, can you confirm you've received it?", MET),
    # a dated receipt question does not cancel a real check in the same turn
    ("Did you get our letter last month? And is the meter reading correctly now?", MET),
])
def test_a_receipt_dated_before_the_call_is_no_resolution_check(line, status):
    report = judge([("customer", "my direct debit went out twice"), ("agent", line)])
    assert report["resolution_check"].status is status, report["resolution_check"].explanation


# -- resolution_check: the permission veto removes the permission question, not the turn ------

@pytest.mark.parametrize("line, status", [
    # a real check, then leave asked for something more
    ("The new PIN is live, is it letting you in now? I'll also text you a copy, is that alright?",
     MET),
    ("Your parcel's rebooked for Tuesday, does that work for you? We can add a safe place note "
     "too, would that be okay?", MET),
    # near misses: leave asked alone, before or after a statement, is still no check
    ("I can also text you a copy, is that alright? The new PIN is live.", MISSED),
    ("The new PIN is live. We'll text you a copy as well, is that okay with you", MISSED),
])
def test_the_permission_veto_removes_only_its_own_question(line, status):
    report = judge([("customer", "my card PIN got locked"), ("agent", line)])
    assert report["resolution_check"].status is status, report["resolution_check"].explanation


SPAN_VETO = {
    "schema_version": 1, "name": "t", "version": "1",
    "standards": [{"id": "order_ref", "check": "require", "title": "Quote the order",
                   "speaker": "agent", "match": {"regex": [r"\bORD-\d{4}\b"],
                                                 "unless_span_regex": [r"old order ORD-\d+"]}}],
}


@pytest.mark.parametrize("line, status", [
    ("your old order ORD-1111 is closed", MISSED),
    ("your old order ORD-1111 is closed and ORD-2222 ships today", MISSED),  # first match only
    ("ORD-2222 ships today, your old order ORD-1111 is closed", MET),
])
def test_a_span_veto_drops_only_the_matches_it_overlaps(line, status):
    report = judge([("agent", line)], standards=SPAN_VETO)
    assert report["order_ref"].status is status
    if status is MET:
        assert report["order_ref"].evidence[0].text == "ORD-2222"


# -- customer_name: a customer who shares the agent's name -----------------------------------

INTRO = ("agent", "good afternoon you're through to rowan how can i help")
TYPED_INTRO = ("agent", "Hello, my name is Tobias. What can I do for you today?")


@pytest.mark.parametrize("turns, status", [
    # the customer's answer to the introduction shares the name; the agent then uses it
    ([INTRO, ("customer", "oh hello rowan i'm rowan as well actually my boiler's leaking"),
      ("agent", "okay rowan let's get an engineer out")], MET),
    ([TYPED_INTRO, ("customer", "Ha, no way, I'm called Tobias too! My order is late."),
      ("agent", "Great name, Tobias. Let me check the order.")], MET),
    ([INTRO, ("customer", "rowan too ha right my boiler's leaking"),
      ("agent", "no problem rowan let's get an engineer out")], MET),
    # the agent's own introduction is never the use of the shared name
    ([INTRO, ("customer", "oh hello rowan i'm rowan as well actually my boiler's leaking"),
      ("agent", "okay let's get an engineer out")], MISSED),
    # the agent naming itself again later is not addressing the customer either
    ([INTRO, ("customer", "oh hello rowan i'm rowan as well actually my boiler's leaking"),
      ("agent", "engineer's booked and if you call back just ask for rowan")], MISSED),
    ([INTRO, ("customer", "oh hello rowan i'm rowan as well actually my boiler's leaking"),
      ("agent", "that's booked for friday and my name's rowan if you need me")], MISSED),
    # near misses: "too" after a state, or after a name that is not the agent's
    ([INTRO, ("customer", "hi rowan i'm frozen too the boiler's leaking"),
      ("agent", "okay rowan let's get an engineer out")], csnlp.Status.NOT_APPLICABLE),
    ([INTRO, ("customer", "hi rowan my neighbour's on the line too the boiler's leaking"),
      ("agent", "okay rowan let's get an engineer out")], csnlp.Status.NOT_APPLICABLE),
])
def test_a_customer_sharing_the_agents_name(turns, status):
    result = judge(turns)["customer_name"]
    assert result.status is status, result.explanation
