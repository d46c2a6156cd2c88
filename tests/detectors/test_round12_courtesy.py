"""Round twelve, courtesy: the customer lumped in with everyone or told their question was
answered already is impatience (polite_tone); being sent off to read the FAQ first, or to use
the search, is dismissive (prohibited_language). Sentences here are written for the tests."""

from __future__ import annotations

import pytest

import csnlp

from .conftest import judge

MET, MISSED = csnlp.Status.MET, csnlp.Status.MISSED
A, C = "agent", "customer"


def _report(reply: str) -> csnlp.Report:
    return judge([(C, "my heating app has shown offline since monday"),
                  (A, "Hi, thanks for getting in touch."), (C, "any news?"), (A, reply)])


@pytest.mark.parametrize("reply", [
    "You'll get the update like everyone else.",
    "Same as the other 300 customers who messaged today.",
    "You're not the only one, the fix is coming.",
    "This has been answered already.",
])
def test_impatience_misses_polite_tone_only(reply):
    report = _report(reply)
    assert report["polite_tone"].status is MISSED
    assert report["prohibited_language"].status is MET


@pytest.mark.parametrize("reply", [
    "Please read our FAQ before messaging us.",
    "Use the search function.",
])
def test_sent_off_to_read_first_is_dismissive(reply):
    assert _report(reply)["prohibited_language"].status is MISSED


@pytest.mark.parametrize("reply", [
    "Our FAQ has the steps for resetting it, and I can walk you through them too.",
    "Everyone else on your street is back online, so let me check your hub.",
])
def test_pointing_to_help_or_others_politely_is_fine(reply):
    report = _report(reply)
    assert report["polite_tone"].status is MET
    assert report["prohibited_language"].status is MET
