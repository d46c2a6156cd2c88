"""Mechanisms found by the third wave of blind DEV sets (benchmarks/devsets/*3.yaml):
understated and rhetorical complaints, empathy without "sorry", and a plain "no" read as
calm. Sentences here are written for the tests."""

from __future__ import annotations

import pytest

import csnlp

from .conftest import judge

MET, MISSED, NA = csnlp.Status.MET, csnlp.Status.MISSED, csnlp.Status.NOT_APPLICABLE


def _empathy(turns: list[tuple[str, str]], **options) -> csnlp.StandardResult:
    return judge(turns, **options)["empathy_on_complaint"]


@pytest.mark.parametrize("line, status", [
    # understated and rhetorical complaints: empathy is required (and missing)
    ("the spa day was honestly a bit of a let down, half the rooms were shut", MISSED),
    ("I feel let down after being a member for ten years", MISSED),
    ("Not ideal that the invoice has last year's prices on it.", MISSED),
    ("does anybody there actually check the voicemail?", MISSED),
    ("can anyone even answer a phone at your depot", MISSED),
    ("is it really that hard to put a parcel through a letterbox", MISSED),
    ("that's the 4th outage since Easter", MISSED),
    ("the replacement card is now on day 5 and still nothing", MISSED),
    ("Oh brilliant, the app logged me out again", MISSED),
    # calm lines near those shapes
    ("Thursday is not ideal, is Friday free?", NA),
    ("my daughter keeps asking about the new tablets, are they in yet?", NA),
    ("we're on day three of our trip and want to add a tour", NA),
    ("oh wonderful, thanks so much", NA),
])
def test_understated_and_rhetorical_complaints_make_empathy_required(line, status):
    assert _empathy([("customer", line), ("agent", "What's the account number?")]).status \
        is status


@pytest.mark.parametrize("reply", [
    "oh that's the last thing you need before a holiday, let me look",
    "I understand. Let me see why it went up.",
    "ugh that's really frustrating, let me fix it",
])
def test_empathy_without_sorry(reply):
    complaint = "I've rung four times about this and nobody called back"
    assert _empathy([("customer", complaint), ("agent", reply)]).status is MET


def test_i_understand_with_a_request_after_it_is_not_empathy():
    complaint = "I've rung four times about this and nobody called back"
    assert _empathy([("customer", complaint),
                     ("agent", "I understand you want the account number changed.")]).status \
        is MISSED


def test_a_plain_no_answer_is_not_read_as_frustration():
    # with the shipped tone model: the "no" of a short answer scores as frustrated (0.90)
    turns = [("agent", "Is there anything else, like access to the garden?"),
             ("customer", "not really, no. the back door is open")]
    calm = _empathy(turns, tone_model="default")
    assert calm.status is NA
    # the same words alone, without an agent turn before them, are read by the score
    assert _empathy(turns[1:] + [("agent", "ok")], tone_model="default").status is MISSED
    longer = [turns[0], ("customer", "no and frankly three visits to fit one meter is a "
                         "joke, you lot need to sort yourselves out")]
    assert _empathy(longer, tone_model="default").status is MISSED


@pytest.mark.parametrize("answer", ["nope still not fixed", "no, total waste of my time",
                                    "no it isn't working"])
def test_a_short_no_that_says_more_is_read_by_its_score(answer):
    turns = [("agent", "did that sort it?"), ("customer", answer), ("agent", "ok")]
    assert _empathy(turns, tone_model="default").status is MISSED
