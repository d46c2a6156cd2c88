"""Mechanisms from the sixth wave's probe of empathy_on_complaint: thanks or praise for a harm
is sarcasm (a complaint); praise and complaint words denied ("no problems at all") are no
complaint by tone alone; a feeling denied ("I'm not cross, only ...") is no frustration.
Sentences here are written for the tests."""

from __future__ import annotations

import numpy as np
import pytest

import csnlp

from .conftest import judge

MET, MISSED, NA = csnlp.Status.MET, csnlp.Status.MISSED, csnlp.Status.NOT_APPLICABLE


def _status(line: str, **options) -> csnlp.Status:
    report = judge([("customer", line), ("agent", "Can I take the order number?")], **options)
    return report["empathy_on_complaint"].status


@pytest.mark.parametrize("line, status", [
    # thanks or praise for a harm
    ("cheers for breaking the handle off my suitcase", MISSED),
    ("thank you so much for wrecking my weekend plans", MISSED),
    ("many thanks for damaging the wardrobe on the way up", MISSED),
    ("really appreciate you ruining my daughter's birthday cake", MISSED),
    ("nice work misplacing my passport application", MISSED),
    ("well done on smashing my new tv", MISSED),
    ("thanks for keeping me waiting in the rain", MISSED),
    ("thanks for leaving me stranded at the station", MISSED),
    ("thanks for hanging up on me earlier", MISSED),
    # an act that is a harm only when done unasked: cancelled without a word, at the last minute
    ("thanks a lot for cancelling my table without telling me", MISSED),
    ("thank you for closing my account at the last minute", MISSED),
    # near misses: sincere thanks for a service, or for an act the customer asked for
    ("thanks for cancelling the old direct debit for me", NA),
    ("thank you for closing my account so quickly", NA),
    ("thanks for keeping me updated on the repair", NA),
    ("thanks for leaving the parcel with my neighbour", NA),
    ("cheers for cutting my bill down", NA),
    ("thanks for hanging on while I found the letter", NA),
])
def test_thanks_or_praise_for_a_harm_is_a_complaint(line, status):
    assert _status(line) is status


@pytest.mark.parametrize("line, status", [
    # a feeling or a complaint denied
    ("I'm not annoyed, I only want the invoice resent", NA),
    ("we aren't frustrated at all, just checking the delivery slot", NA),
    ("honestly I was never disappointed with the shop", NA),
    ("this isn't a complaint, I'd just like the opening hours", NA),
    ("there's no complaint from me, I'm ringing about my address", NA),
    # near misses: the feeling kept, another feeling said, a feeling at the agent's company
    ("I'm not happy with the new tariff", MISSED),
    ("I'm not angry, I'm disappointed", MISSED),
    ("I'm not annoyed with you, but the app is useless", MISSED),
    ("I am not upset with you personally", MISSED),
])
def test_a_denied_feeling_is_no_frustration(line, status):
    assert _status(line) is status


class _FakeTone:
    """A tone model that reads every turn as frustrated (0.9): what the real one does with
    praise holding complaint words ("no issues", "not broken") and denied feelings."""

    labels = ("frustrated", "polite")

    def predict_proba(self, texts):
        return np.array([[0.9, 0.5] for _ in texts])


_TONE = _FakeTone()


@pytest.mark.parametrize("line, status", [
    # praise, or the complaint denied, read from the words: not frustration by tone alone
    ("Zero issues since the engineer came, the wifi runs flawlessly now", NA),
    ("the sofa came early and not a scratch on it, excellent service", NA),
    ("never had a single problem with you lot, keep up the good work", NA),
    ("nothing was missing from the box, top job", NA),
    ("I'm not cross at all, I just need a new PIN", NA),
    # near misses: praise with a grievance after "but", or no praise at all
    ("the staff were lovely but the wifi drops every evening", MISSED),
    ("no problems until last week, now the wifi drops every evening", MISSED),
    ("the wifi drops every evening", MISSED),
])
def test_praise_vetoes_a_trigger_by_tone_alone(line, status):
    assert _status(line, tone_model=_TONE) is status
