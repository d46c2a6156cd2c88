"""Probe 7: names that are also words, self-identification, a one-line sign-off, and a
company where the agent's name would stand."""

from __future__ import annotations

import pytest

from tests.detectors.conftest import judge


def _status(turns, standard, **kw):
    return judge(turns, standards="contact_center", **kw)[standard].status.value


@pytest.mark.parametrize("reply, expected", [
    ("hey ruby yep i can sort that", "met"),             # a greeting, then anything
    ("hello ruby we have your order here", "met"),
    ("okay ruby it has gone through now", "met"),        # a clause opens after the name
    ("thanks ruby sorted for you", "met"),
    ("okay ruby the fifth works", "missed"),             # "the" goes on: a word
])
def test_word_name_after_a_greeting_or_opener(reply, expected):
    turns = [("agent", "hello this is sam"), ("customer", "hi its ruby i need a refund"),
             ("agent", reply), ("customer", "ok"), ("agent", "bye now")]
    assert _status(turns, "customer_name") == expected


@pytest.mark.parametrize("reply, expected", [
    ("okay mark that is all updated", "met"),
    ("okay mark it as paid and we are done", "missed"),   # a verb with its object
    ("okay mark is the name on the card", "missed"),      # the subject of "is"
    ("sure will do", "missed"),
])
def test_verb_names_after_an_opener(reply, expected):
    turns = [("agent", "hello this is sam"), ("customer", "hi i want to pay"), ("agent", reply),
             ("customer", "ok"), ("agent", "bye now")]
    assert _status(turns, "customer_name", metadata={"customer_name": "Mark Webb"}) == expected


def test_hope_before_a_clause_is_no_name():
    turns = [("agent", "hello this is sam"), ("customer", "hi can i check my balance"),
             ("agent", "thanks hope that is useful"), ("agent", "bye now")]
    assert _status(turns, "customer_name", metadata={"customer_name": "Hope Ellis"}) == "missed"


@pytest.mark.parametrize("said, used, expected", [
    ("Hello, my name is August Obi and I need a new card.", "Thanks August, it's ordered.", "met"),
    ("Hi, this is April Shaw, my order is late.", "Sorry April, I'll chase it.", "met"),
    ("Hi, it's Rose.", "Hi Rose, how can I help?", "met"),
    ("Hi, it's Monday and my order is late.", "Sorry, I'll chase it.", "not_applicable"),
    ("Morning, Priya speaking, I need to reschedule.", "Sure Priya, done.", "met"),
    ("hiya, kasia here, can you check my parcel", "hi kasia, yes it is out", "met"),
])
def test_word_names_and_self_identification(said, used, expected):
    turns = [("agent", "Hello, this is Sam."), ("customer", said), ("agent", used),
             ("agent", "Bye")]
    assert _status(turns, "customer_name") == expected


def test_spanish_speaking_is_no_name():
    turns = [("agent", "hello this is sam"), ("customer", "hi spanish speaking agent please"),
             ("agent", "one moment"), ("agent", "bye")]
    assert _status(turns, "customer_name") == "not_applicable"


@pytest.mark.parametrize("first, expected", [
    ("Hi, where can I download my statement? Thanks, Lena", "met"),
    ("Hi, where can I download my statement? Cheers, Lena", "met"),
])
def test_one_line_message_signed_after_thanks(first, expected):
    turns = [("customer", first), ("agent", "Hi Lena,\n\nUnder Documents.\n\nBest,\nSam")]
    assert _status(turns, "customer_name") == expected


def test_thanks_to_the_agent_later_is_no_customer_name():
    turns = [("agent", "Hi, this is Dave, how can I help?"),
             ("customer", "Can I change my plan? Thanks, Dave"),
             ("agent", "Sure, done. Dave here again if you need me."), ("agent", "Bye")]
    assert _status(turns, "customer_name") == "not_applicable"


def _opening(first):
    return [("agent", first), ("customer", "Hi, I want to check my order."),
            ("agent", "Sure, let me look."), ("customer", "Thanks"), ("agent", "Bye!")]


@pytest.mark.parametrize("first, expected", [
    ("hi you're through to zenith payments how can i help", "missed"),
    ("Good morning, this is Brightwave Energy, how can I help?", "missed"),
    ("hi you're through to nadia in payments how can i help", "met"),
    ("Hello, you're through to May from Brightwave.", "met"),
    ("hello welcome to brightwave its ola how can i help", "met"),
    ("morning thanks for calling the practice its ola on the front desk", "met"),
    ("hi you're through to zenith savings the name's kofi", "met"),
])
def test_company_or_name_in_an_introduction(first, expected):
    assert _status(_opening(first), "agent_introduction") == expected


def test_thanks_after_a_statement_is_no_signoff():
    turns = [("customer", "The parcel came today. Thanks, Lena"),
             ("agent", "Great, glad it arrived.")]
    assert _status(turns, "customer_name") == "not_applicable"
