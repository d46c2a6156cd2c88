"""Round 13: a name the customer states ends at a comma or a sentence's end (the matcher reads
words without punctuation), and a lower-case name counts in typed text when its sentence is
typed all in lower case and its cue says a name ("kate here", "my name is"); on sentences
written for these tests."""

from __future__ import annotations

import pytest

import csnlp

from .conftest import judge

MET, MISSED, NA = csnlp.Status.MET, csnlp.Status.MISSED, csnlp.Status.NOT_APPLICABLE


def _status(customer: str, agent: str) -> csnlp.Status:
    turns = [("agent", "Hello, Northgate Parcels, how can I help?"),
             ("customer", customer),
             ("agent", agent)]
    return judge(turns)["customer_name"].status


@pytest.mark.parametrize("customer, agent, status", [
    # the words after the comma are the message, not a surname
    ("hi im Ottilie, driver says it came but nothing here. ref QX-1182",
     "I see the driver says it was left at the door, let me check.", MISSED),
    ("hi im Ottilie, driver says it came but nothing here. ref QX-1182",
     "Thanks Ottilie, let me check.", MET),
    # a full stop ends the name too
    ("hi its Marguerite. need my account unlocked since Tuesday",
     "Thanks Marguerite, I'll reset it.", MET),
    ("hi its Marguerite. need my account unlocked since Tuesday",
     "I'll reset it, you need a new code.", MISSED),
    # a sentence typed in lower case in a typed message, with a cue that says a name: its
    # name has no capital either
    ("ravi here, order 55210. The parcel is two days late",
     "Thanks ravi, I'll chase the depot.", MET),
    ("ravi here, order 55210. The parcel is two days late",
     "I'll chase the depot for you.", MISSED),
    # the name said again in full after its comma is one name (review of round 13)
    ("Hello, my name is Okafor, Chidi Okafor. My parcel is late",
     "Thanks Chidi, I'll chase the depot.", MET),
])
def test_a_stated_name_ends_at_punctuation_and_may_be_typed_lower_case(customer, agent, status):
    assert _status(customer, agent) is status


@pytest.mark.parametrize("customer", [
    # a capitalised sentence keeps the capital rule: "silly" is no name
    "This is silly. My parcel is two days late",
    # lower case, and no name at all
    "hi im fed up, order 55210 is two days late",
    "hi its me again. The parcel is still not here",
    # lower case after "I'm" or "this is" is a feeling as often as a name (review of round 13)
    "hi im livid, order 55210 is two days late. The driver never came",
    "this is shocking, order 55210 is two days late. The driver never came",
])
def test_no_name_is_found_where_there_is_none(customer):
    assert _status(customer, "I'll chase the depot for you.") is NA
