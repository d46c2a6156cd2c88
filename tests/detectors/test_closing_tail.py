"""`require`'s `tail_words`: a match that opens a turn going on with business does not count.

The contact_center pack's closing uses it: "Thank you. Your statement was re-sent." thanks the
customer for what they gave and goes on with business; it does not close the call.
"""

from __future__ import annotations

import pytest

import csnlp
from csnlp.errors import StandardsError
from csnlp.results import Status
from tests.detectors.conftest import judge

MET, MISSED = Status.MET, Status.MISSED
_OPENING = [("agent", "Northwind Energy, how can I help?"),
            ("customer", "I need my meter reading corrected."),
            ("agent", "Sure, what's the reading?"),
            ("customer", "It's 40213.")]


@pytest.mark.parametrize("last, status", [
    # acknowledgements that open a business turn
    ("Thank you. I've corrected the reading and a revised bill will be emailed to you within "
     "five working days.", MISSED),
    ("okay thanks so the revised bill goes out on friday and the refund follows a week later",
     MISSED),
    ("Thanks for your patience, the reading is now 40213 and your next direct debit drops to "
     "fifty two pounds.", MISSED),
    # closes
    ("Thanks for calling Northwind, have a lovely evening.", MET),
    ("Thanks for waiting. That's all corrected now. Bye!", MET),
    ("All corrected now, so the next bill will be right. Thanks so much for your patience!", MET),
    ("thank you very much for calling today take care", MET),
    # a thanks that only closes closes whatever follows it
    ("Thanks for calling, and remember the refund takes five to seven working days to show on "
     "your statement.", MET),
    ("Have a great day! Your reference number is 4471 and the engineer comes on Tuesday "
     "morning between eight and twelve.", MET),
])
def test_a_thanks_that_opens_a_business_turn_is_no_close(last, status):
    report = judge([*_OPENING, ("agent", last)])
    assert report["closing"].status is status, report["closing"].explanation


def test_the_option_is_off_unless_a_standard_sets_it(tmp_path):
    spec = """
schema_version: 1
name: t
version: "1"
standards:
  - id: thanks_at_end
    check: require
    title: Thanks at the end
    speaker: agent
    window: {last_turns: 1}
    match: {phrases: ["thank you"]}
%s
"""
    turns = [*_OPENING, ("agent", "Thank you. I've corrected the reading and a revised bill will "
                                  "be emailed to you within five working days.")]
    plain, tailed = tmp_path / "plain.yaml", tmp_path / "tailed.yaml"
    plain.write_text(spec % "")
    tailed.write_text(spec % "    tail_words: 10")
    assert judge(turns, plain)["thanks_at_end"].status is MET
    assert judge(turns, tailed)["thanks_at_end"].status is MISSED


def test_tail_words_must_be_a_count():
    with pytest.raises(StandardsError, match="tail_words"):
        csnlp.load_standards({"schema_version": 1, "name": "t", "version": "1", "standards": [{
            "id": "x", "check": "require", "title": "X", "speaker": "agent",
            "match": {"phrases": ["thanks"]}, "tail_words": -1}]})
