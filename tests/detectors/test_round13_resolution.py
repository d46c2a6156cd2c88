"""Round 13: a check told by its answer, when the answer reports what the customer now sees or
got ("yes I can see it", "got the voucher", "oh there it is"), on sentences written for these
tests; an "I see" of understanding and a bare "got it" stay acknowledgements."""

from __future__ import annotations

import pytest

import csnlp

from .conftest import judge

MET, MISSED = csnlp.Status.MET, csnlp.Status.MISSED


def _status(question: str, answer: str) -> csnlp.Status:
    turns = [("agent", "Hello, Brightwater Energy, how can I help?"),
             ("customer", "my direct debit form never arrived, can you resend it"),
             ("agent", "Of course, I've emailed the mandate form to you again just now."),
             ("agent", question),
             ("customer", answer),
             ("agent", "Lovely. Is there anything else I can help with?"),
             ("customer", "no that's everything"),
             ("agent", "Thanks for calling, bye for now.")]
    return judge(turns)["resolution_check"].status


@pytest.mark.parametrize("question, answer", [
    ("has the form turned into your mailbox?", "yes I can see it"),
    ("has the form turned into your mailbox?", "oh yeah i see it now"),
    ("any sign of the form at your end?", "um yep got the mandate form"),
    ("any sign of the form at your end?", "okay there it is"),
    ("has the form turned into your mailbox?", "Yes, there's the form, top of my inbox."),
    ("has the form turned into your mailbox", "yeah i can see the pdf"),
])
def test_an_answer_that_reports_what_the_customer_sees_tells_a_check(question, answer):
    assert _status(question, answer) is MET


@pytest.mark.parametrize("question, answer", [
    # understanding, not seeing: the fee explained, then "I see"
    ("The form takes ten days to process, okay?", "yes i see"),
    # a bare acknowledgement
    ("The form takes ten days to process, okay?", "yep got it"),
    # a detail the customer has to hand, not the outcome
    ("do you have your account number handy?", "yes i have the bill here"),
    # ... answered with what they see or got (review of round 13)
    ("have you got your latest bill to hand?", "yep got the bill"),
    ("are you next to the boiler?", "oh there it is, it says F28"),
    ("do you have the meter reading?", "yes I can see the reading, 40213"),
    ("do you have a pen ready?", "yes got a pen"),
])
def test_an_acknowledgement_is_no_check(question, answer):
    assert _status(question, answer) is MISSED
