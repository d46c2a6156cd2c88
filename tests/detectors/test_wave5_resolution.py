"""Mechanisms found by the fifth wave of blind DEV sets (benchmarks/devsets/resolution5.yaml):
resolution checks, holds and further help. Sentences here are written for the tests."""

from __future__ import annotations

import pytest

import csnlp

from .conftest import judge

MET, MISSED, NA = csnlp.Status.MET, csnlp.Status.MISSED, csnlp.Status.NOT_APPLICABLE


@pytest.mark.parametrize("line, status", [
    # a negative tag after what the customer should now see or have
    ("The voucher is in your account now, isn't it?", MET),
    ("you can see the new balance there now, can't you", MET),
    # a receipt confirmed by a tag, or asked to be confirmed
    ("The replacement code arrived, right?", MET),
    ("Would you mind confirming you've received the label?", MET),
    ("let me know once you've got the contract", MET),
    # is it nearer what they expected, is it coming through
    ("does the quote look closer to what you were told", MET),
    ("are the text alerts for the new card coming through now", MET),
    # ASR runs two sentences together before the question
    ("i've texted the code over to you can you see that", MET),
    # near misses: a diagnostic tag, a statement, a request, a promise
    ("The light was flashing orange, wasn't it?", MISSED),
    ("The replacement code arrived this morning.", MISSED),
    ("could you confirm your postcode", MISSED),
    ("let me know if you need the receipt", MISSED),
])
def test_resolution_checks_as_tags_receipts_and_run_ons(line, status):
    report = judge([("customer", "the app still shows the old plan"), ("agent", line)])
    assert report["resolution_check"].status is status, report["resolution_check"].explanation


@pytest.mark.parametrize("line, status", [
    # leave asked for what the agent is about to do
    ("I can move the appointment to Thursday and email the new time. Is that okay with you?",
     MISSED),
    ("we'll waive the fee and close the ticket is that alright", MISSED),
    # agreement with what was already done is still a check
    ("I've moved the appointment to Thursday. Is that okay?", MET),
])
def test_permission_before_acting_is_not_a_resolution_check(line, status):
    report = judge([("customer", "I need to change my dentist appointment"), ("agent", line)])
    assert report["resolution_check"].status is status, report["resolution_check"].explanation


@pytest.mark.parametrize("line, status", [
    ("Got it. Is anything else broken on the frame apart from the hinge?", MISSED),
    ("Anything else damaged in the box?", MISSED),
    ("Is there anything else I can sort out for you?", MET),
])
def test_fault_finding_anything_else_is_not_further_help(line, status):
    report = judge([("customer", "the wardrobe door hinge snapped off"), ("agent", line)])
    assert report["further_assistance"].status is status


def _held(back: str) -> csnlp.Report:
    return judge([("agent", "Could I put you on hold while I ring the depot?", 0, 4),
                  ("customer", "go ahead", 5, 6),
                  ("agent", back, 90, 98), ("customer", "right", 99, 100)])


@pytest.mark.parametrize("back, status", [
    ("Apologies for the delay there, the van is booked.", MISSED),
    ("sorry to keep you waiting, the van is booked", MISSED),
    ("sorry for the wait, thank you, the van is booked", MET),
    ("Thanks ever so much for holding, the van is booked.", MET),
])
def test_an_apology_for_the_wait_is_not_thanks(back, status):
    assert _held(back)["hold_etiquette"].status is status


def test_a_declined_hold_is_no_hold():
    report = judge([
        ("agent", "can i pop you on hold for a minute while i check the rota", 0, 5),
        ("customer", "i'd prefer not to be honest my battery's nearly dead", 5.5, 9),
        ("agent", "that's fine i'll stay on the line so thursday has a slot at ten", 9.5, 15),
        ("customer", "ten works", 15.5, 16.5)])
    assert report["hold_etiquette"].status is NA, report["hold_etiquette"].explanation


def test_a_second_silent_hold_is_not_hidden_by_a_good_first_one():
    report = judge([
        ("agent", "may i put you on hold while i check the tariff", 0, 4),
        ("customer", "sure", 5, 6),
        ("agent", "thanks for holding it's on the old tariff which day suits for the switch", 60, 66),
        ("customer", "the first of the month", 67, 69),
        # a second, unannounced hold, thanked for: the first one's thanks does not cover it
        ("agent", "thanks for waiting that's switched from the first", 130, 134),
        ("customer", "great", 135, 136)])
    result = report["hold_etiquette"]
    assert result.status is MISSED and result.score == 0.5, result.explanation


@pytest.mark.parametrize("turns, status", [
    # the customer takes time to answer the agent's question: their silence
    ([("agent", "Could I put you on hold while I check with billing?", 0, 3),
      ("customer", "sure", 4, 5),
      ("agent", "Thanks for waiting! Done. Is the credit on your statement yet?", 80, 85),
      ("customer", "one min... yes it is", 140, 142)], MET),
    # in a typed chat, "just a sec" and the answer 12 s later is typing, not a hold
    ([("agent", "Sure, just a sec.", 0, 2), ("agent", "Done, it's changed.", 14, 16),
      ("customer", "thx", 20, 21)], NA),
    # the customer stepping away in a chat
    ([("agent", "What's the order number?", 0, 2),
      ("customer", "brb it's in my other inbox", 5, 6),
      ("customer", "ok it's 5521", 150, 152), ("agent", "Thanks, found it.", 155, 157)], NA),
])
def test_silences_that_are_the_customers(turns, status):
    report = judge(turns, metadata={"channel": "chat"})
    assert report["hold_etiquette"].status is status, report["hold_etiquette"].explanation


def test_a_spoken_one_second_is_a_hold_however_short():
    report = judge([("agent", "one second", 0, 1), ("agent", "okay it's open till six", 2.5, 5),
                    ("customer", "thanks", 6, 7)])
    assert report["hold_etiquette"].status is MISSED
