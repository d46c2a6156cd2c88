"""Round twelve, resolution_check told by its answer: after the fix, a question whose reply says
plainly that the thing arrived or is there ("yep just now", "ok received", "all good now"), or
gives a yes or no and the state of the thing ("yeah it's fine", "no, the lid is cracked"),
was a check; a read-back confirmed ("yes, that's correct") was not; nor was a question about
an intermediate step, after which the agent tells the customer what to do next.
Sentences here are written for the tests."""

from __future__ import annotations

import pytest

import csnlp

from .conftest import judge

MET, MISSED = csnlp.Status.MET, csnlp.Status.MISSED
A, C = "agent", "customer"


def _check(question: str, reply: str, after: str = "Lovely, thanks for calling, bye.") -> csnlp.Status:
    turns = [(A, "Good morning, Fernhill Energy, Rosa speaking, how can I help?"),
             (C, "You've billed me twice for March and I want one of them back"),
             (A, "I'm sorry about that. I've cancelled the duplicate and refunded the 64 pounds."),
             (C, "okay"), (A, question), (C, reply), (A, after)]
    return judge(turns)["resolution_check"].status


@pytest.mark.parametrize("question, reply", [
    ("has the refund text come through to your phone", "yep just now"),
    ("Have you had the confirmation email?", "ok received"),
    ("could you check the app and tell me whether the balance looks right", "logged in, all good now!"),
    ("is the second bill gone from the app", "yeah its gone"),
    ("Is everything showing as it should in the app?", "no, the March one is still there"),
])
def test_a_question_answered_with_what_the_customer_sees_was_a_check(question, reply):
    assert _check(question, reply) is MET


@pytest.mark.parametrize("question, reply", [
    # a read-back confirmed, not the outcome checked
    ("So that's one refund of 64 pounds to the card ending 4471?", "yes that's correct"),
    ("Just to confirm, you're at 12 Mill Lane?", "yes that is right"),
])
def test_a_read_back_confirmed_is_no_check(question, reply):
    assert _check(question, reply) is MISSED


def test_an_intermediate_step_is_no_check():
    assert _check("Did the reset email arrive?", "yes just now",
                  after="Great. Follow the link in it and choose a new password.") is MISSED
    assert _check("Did the refund email arrive?", "yes just now") is MET
