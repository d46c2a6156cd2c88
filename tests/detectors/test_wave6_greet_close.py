"""Greetings and closings of the written channels a QA lead probed (probe6 G1-G3, K1-K2): an
e-mail's salutation and sign-off, a chat's "Hey <name>", a clipped time-of-day greeting, and a
"no thanks needed" that is not a thanks. Sentences here are written for the tests."""

from __future__ import annotations

import pytest

import csnlp

from .conftest import judge

MET, MISSED = csnlp.Status.MET, csnlp.Status.MISSED


@pytest.mark.parametrize("opening, status", [
    # a salutation naming the person: e-mail "Dear ...", chat/social "Hey <name>"
    ("Dear Ms Okafor,\n\nYour refund has been processed today.", MET),
    ("Dear Sam,\nthe replacement card is on its way.", MET),
    ("dear mrs achebe your booking is confirmed", MET),
    ("RE: booking 5521\n\nDear Mr Lindqvist,\nyour seats are confirmed.", MET),
    ("Hey Priya, could you send us the order number in a DM?", MET),
    ("hey jordan! what's going on with the router?", MET),
    ("Hey! Let's get this sorted for you.", MET),
    # after a social reply's @handle
    ("@nadia_k hey Nadia, sorry to hear that. Can you DM us?", MET),
    ("@westrail Afternoon! Which station was it?", MET),
    # a bare time of day opening the turn
    ("Afternoon! What can I sort out for you?", MET),
    ("evening all, what seems to be the problem", MET),
    ("Morning, Gareth. How can I help?", MET),
    ("morning how can i help you today", MET),
    ("Evening. Your ticket is with the night team.", MET),
    # near misses: a time of day that is a slot or a time reference, "dear" and "hey" that
    # do not open the turn or do not greet
    ("Morning appointments are fully booked, I can offer Thursday.", MISSED),
    ("Evening slots start at six.", MISSED),
    ("This morning's outage has been fixed.", MISSED),
    ("Morning, afternoon or evening? Which suits you?", MISSED),
    ("Afternoon and evening deliveries cost extra.", MISSED),
    ("Oh dear, that does not sound right. What is the error?", MISSED),
    ("Dear me, that is an odd error code.", MISSED),
    ("What is the account number? Hey, no rush.", MISSED),
    ("@nadia_k the morning trains are back to normal now", MISSED),
])
def test_salutations_and_clipped_time_greetings(opening, status):
    report = judge([("agent", opening), ("customer", "ok")])
    assert report["greeting"].status is status


_ASK = ("customer", "Could you look into my last invoice?")


@pytest.mark.parametrize("last, status", [
    # a written sign-off, then a name or a team line
    ("Your meter reading has been logged.\n\nWarm regards,\nPriya Shah\nBilling Support", MET),
    ("The parcel was re-sent today.\n\nBest,\nTomas", MET),
    ("I've updated the address on file.\n\nYours sincerely,\nA. Mensah", MET),
    ("The credit is on your account.\n\nSincerely,\nOlu Adeyemi", MET),
    ("The credit is on your account.\n\nRegards,\nCustomer Care", MET),
    ("We have cancelled the order. Sincerely, Olu Adeyemi", MET),
    ("Invoice attached. Warmest wishes, the Accounts Team", MET),
    ("The statement is attached.\nKindest regards", MET),
    ("The statement is attached.\nwith best regards from all of us at Northwave", MET),
    # near misses: "regards", "sincerely", "best" in business
    ("With regards to your refund, it will arrive Friday.", MISSED),
    ("I sincerely apologise for the mix-up, the engineer comes Monday.", MISSED),
    ("Sincerely, we regret the error on your bill.", MISSED),
    ("Best to restart the router first, then check the light.", MISSED),
    ("The invoice is attached.\n\nBest,\nwe will review the second charge on Monday and the "
     "team will call you back once the refund clears our side", MISSED),
])
def test_written_sign_offs_close(last, status):
    report = judge([("agent", "Hello"), _ASK, ("agent", last)])
    assert report["closing"].status is status


@pytest.mark.parametrize("last, status", [
    # waving thanks away is not a thanks
    ("No thanks needed, I am marking this as done.", MISSED),
    ("no thanks necessary. ticket closed", MISSED),
    ("No thank-yous required, the case is closed now.", MISSED),
    ("There's no need for thanks, the case is closed now.", MISSED),
    ("Thanks aren't necessary, the case is closed now.", MISSED),
    # near misses: a real thanks after "no", and a waved-away thanks with a goodbye
    ("No, thank you for confirming.", MET),
    ("No problem at all, thanks again!", MET),
    ("No thanks needed, have a lovely evening!", MET),
])
def test_no_thanks_needed_is_no_thanks(last, status):
    report = judge([("agent", "Hello"), _ASK, ("agent", "I have sent it to you."),
                    ("customer", "got it"), ("agent", last)])
    assert report["closing"].status is status
