"""Name mechanisms found by the fifth wave of blind DEV sets (benchmarks/devsets/names5.yaml).
Sentences here are written for the tests."""

from __future__ import annotations

import pytest

import csnlp

from .conftest import judge as _report

MET, MISSED, NA = csnlp.Status.MET, csnlp.Status.MISSED, csnlp.Status.NOT_APPLICABLE


@pytest.mark.parametrize("name, line, status", [
    # a name that is also a word, used as the word: not the customer addressed
    ("Will Okafor", "right will you read me the postcode please", MISSED),
    ("Hope Barnes", "that should clear by tonight i hope", MISSED),
    ("Chase Morgan", "i'll chase the courier for you today", MISSED),
    ("Mark Jensen", "could you mark the box as faulty", MISSED),
    ("Grant Ellis", "the grant was paid on tuesday", MISSED),
    ("Bill Tanaka", "Your next bill will be lower.", MISSED),
    ("Hope Barnes", "Hope the rest of your week goes well.", MISSED),
    ("Rose Kelly", "the clinic is on rose street", MISSED),
    # the same names addressing the customer
    ("Will Okafor", "thanks will and is that the mobile number", MET),
    ("Hope Barnes", "okay hope sorry about that", MET),
    ("Mark Jensen", "is there anything else mark", MET),
    ("Chase Morgan", "lovely thank you mister morgan", MET),
    ("Grant Ellis", "All done, Grant.", MET),
    ("Bill Tanaka", "Thanks, Bill! Your refund is on its way.", MET),
    ("Rose Kelly", "no problem rose what's the postcode", MET),
    # a name that is no word counts anywhere
    ("Ngozi Obi", "i'll send that to you ngozi straight away", MET),
])
def test_names_that_are_words_count_only_where_they_address(name, line, status):
    report = _report([("agent", "hello this is dara how can i help"),
                      ("customer", "hi i need to change my address"), ("agent", line)],
                     metadata={"customer_name": name})
    assert report["customer_name"].status is status
