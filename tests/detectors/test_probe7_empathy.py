"""Calm customers the seventh probe saw treated as complaints: a complaint denied ("I'm not
complaining"), a feeling or complaint word as a topic or in a title, the customer's own
lateness or lateness only supposed, and, for the tone score alone, a routine request to
rearrange, praise said of the past and a report made as such. Near misses keep complaints
triggering. Sentences here are written for the tests."""

from __future__ import annotations

import numpy as np
import pytest

import csnlp

from .conftest import judge

MET, MISSED, NA = csnlp.Status.MET, csnlp.Status.MISSED, csnlp.Status.NOT_APPLICABLE


class _FakeTone:
    """A tone model that reads every turn as frustrated (0.9): what the real one does with
    some calm requests."""

    labels = ("frustrated", "polite")

    def predict_proba(self, texts):
        return np.array([[0.9, 0.5] for _ in texts])


def _status(line: str, **options) -> csnlp.Status:
    report = judge([("customer", line), ("agent", "Can I take the account number?")], **options)
    return report["empathy_on_complaint"].status


@pytest.mark.parametrize("line, status", [
    # a complaint denied, by the rule and by the score
    ("I'm not complaining, the parcel was late, I just need the invoice", NA),
    ("not trying to complain or anything, can you just tell me when it ships", NA),
    ("this isn't a formal complaint, just a question about where returns go", NA),
    # near miss: a complaint after a denied one is read again
    ("I'm not one to complain but this is the third time the order was wrong", MISSED),
    ("I've complained twice already and it's still broken", MISSED),
])
def test_a_complaint_denied_is_no_trigger(line, status):
    assert _status(line, tone_model=_FakeTone()) is status


@pytest.mark.parametrize("line, status", [
    # a feeling or complaint word as a topic
    ("I'm writing an essay about angry commuters, do you publish delay figures?", NA),
    ("our team is running a workshop on complaint handling, can we use your leaflet?", NA),
    # near miss: the words said about the service
    ("honestly your support has been awful about this", MISSED),
    ("a review of your terrible app is going up on my blog tonight", MISSED),
])
def test_a_topic_is_no_complaint(line, status):
    assert _status(line, tone_model=_FakeTone()) is status


@pytest.mark.parametrize("line, status", [
    # a title or a name in capitals holds no verdict
    ("can I get two seats for Awful Auntie at the Playhouse on Sunday?", NA),
    ("we'd like the Horrible Histories tour for a school group of 30", NA),
    # near miss: the word said of the service, or a title-cased run naming the service
    ("the Playhouse booking site is awful", MISSED),
    ("@Zapcart Worst Delivery Service Ever, no parcel", MISSED),
])
def test_a_title_is_no_complaint(line, status):
    assert _status(line) is status


@pytest.mark.parametrize("line, status", [
    # the customer late, or lateness only supposed
    ("we'll be about twenty minutes late for the table, can you hold it?", NA),
    ("I was a week late sending the form, will that matter?", NA),
    ("what if I return the jacket a few days late, do I still get a refund?", NA),
    ("is there a charge for checking out an hour late?", NA),
    # near miss: the service late
    ("the engineer was two hours late and didn't even call", MISSED),
    ("my refund is a week late now", MISSED),
])
def test_the_customer_late_is_no_complaint(line, status):
    assert _status(line) is status


@pytest.mark.parametrize("line, status", [
    # a routine request to rearrange
    ("sadly something's come up, could I reschedule the fitting to Thursday?", NA),
    ("annoyingly I'm away that week, can we push my booking back a fortnight", NA),
    ("we can't do the morning, could we do the afternoon instead", NA),
    # praise said of the past, then a request
    ("the fitter last month was brilliant, can I get him again for the loft?", NA),
    ("your colleague on Monday was so helpful, I'd like to add my wife to the policy", NA),
    # a report made as such
    ("hi, I'm calling to report a fallen tree blocking the footpath on Elm Road", NA),
    # near miss: a grievance after the praise, the report or with the request is read again
    ("the first visit was great but nobody came back to finish the job", MISSED),
    ("I'd like to report that nobody has bothered to reply to my emails", MISSED),
    ("you've cancelled on me twice now, can we rebook for Monday?", MISSED),
    ("it would have been nice to get a call", MISSED),
    ("how many times do I have to report this leak", MISSED),
])
def test_a_calm_request_is_no_frustration_by_tone_alone(line, status):
    assert _status(line, tone_model=_FakeTone()) is status
