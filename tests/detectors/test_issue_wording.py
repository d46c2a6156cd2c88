"""The issue's own example wordings live here, in tests only: the pack's mechanisms must catch
them and unseen wordings of the same shape alike (the packs never list them)."""

from __future__ import annotations

import pytest

import csnlp


def _resolution(question: str) -> csnlp.Status:
    call = ("Customer: my payment went missing\nAgent: I've sorted that out for you now.\n"
            f"Agent: {question}\nCustomer: yes\nAgent: great, bye")
    return csnlp.evaluate(call, tone_model=None, act_model=None)["resolution_check"].status


@pytest.mark.parametrize("question", [
    # the examples
    "Is the page loading for you now?", "Does the new date work for you?",
    "Can you see the credit on your statement?", "does that take care of it?",
    # unseen wordings: a thing named, then where or how it now is
    "Could you spot the refund in your account?", "Have you got the signal back?",
    "can you see your new balance yet", "Did you receive the replacement card okay?",
])
def test_outcome_questions_are_checks(question):
    assert _resolution(question) is csnlp.Status.MET


@pytest.mark.parametrize("statement", [
    "You should see the credit on your statement.", "Can you see the blue button at the top?",
    "The page is loading now.",
])
def test_stated_outcomes_and_directions_are_not_checks(statement):
    assert _resolution(statement) is csnlp.Status.MISSED


def _complaint(line: str) -> csnlp.Status:
    call = f"Agent: Hello, how can I help?\nCustomer: {line}\nAgent: Let me look."
    return csnlp.evaluate(call, tone_model=None, act_model=None)["empathy_on_complaint"].status


@pytest.mark.parametrize("line", [
    "brilliant, cut off again",  # the example
    "logged out again, third time today", "the app kicked me out again",
    "we got switched off again last night",
])
def test_a_failure_that_comes_back_is_a_complaint(line):
    # the rule path alone (no tone model): required and unanswered
    assert _complaint(line) is csnlp.Status.MISSED


@pytest.mark.parametrize("line", ["can you log me out of the old phone?",
                                  "I switched it off and on as you said"])
def test_a_phrasal_verb_without_again_is_calm(line):
    assert _complaint(line) is csnlp.Status.NOT_APPLICABLE
