"""How a customer gives a name on a call, and how an agent says it back: spelled names, a
name cut across two turns, the name the caller wants used, every name the caller gives, and
speech recognition's spellings of a name. Sentences here are written for the tests."""

from __future__ import annotations

import pytest

import csnlp

from .conftest import judge

MET, MISSED, NA = csnlp.Status.MET, csnlp.Status.MISSED, csnlp.Status.NOT_APPLICABLE


def _name(turns: list[tuple[str, str]], **metadata) -> csnlp.StandardResult:
    return judge(turns, metadata=metadata)["customer_name"]


ASK = ("agent", "good morning larchfield water how can i help")


@pytest.mark.parametrize("said, agent, status", [
    # said and spelled, the spelling before or after the name
    ("the surname is d-u-b-o-i-s dubois", "thank you mr dubois bear with me", MET),
    ("yeah it's ngozi n g o z i", "lovely ngozi and the postcode", MET),
    ("it's okonkwo o-k-o-n-k-w-o", "right so the meter reading please", MISSED),
    # letters that spell no word said in the call are a reference, not a name
    ("the code on the letter is x-k-q then nine", "okay that's the april bill", NA),
])
def test_a_name_said_and_spelled_is_stated(said, agent, status):
    result = _name([ASK, ("customer", said), ("agent", agent)])
    assert result.status is status, result.explanation
    if status is MET:
        assert result.evidence[1].role is csnlp.EvidenceRole.STATED_NAME


def test_a_name_cut_off_by_the_turn_end_is_in_the_next_turn():
    result = _name([ASK, ("customer", "yeah hi so my name's um"), ("customer", "rafael mendes"),
                    ("agent", "okay rafael what's happened")])
    assert result.status is MET
    assert result.evidence[1].text == "rafael mendes"


def test_an_unfinished_sentence_does_not_make_the_next_turn_a_name():
    result = _name([ASK, ("customer", "i think it is"), ("customer", "broken again"),
                    ("agent", "broken again okay")])
    assert result.status is NA


@pytest.mark.parametrize("said, agent, status", [
    ("hello i'm bartholomew but you can just call me bart", "sure bart what's up", MET),
    ("i'm bartholomew but you can just call me bart", "okay bartholomew", MET),
    ("could you call me back tomorrow please", "of course, tomorrow then", NA),
    ("please call me later", "will do, later today", NA),
])
def test_every_name_the_caller_gives_counts(said, agent, status):
    assert _name([ASK, ("customer", said), ("agent", agent)]).status is status


@pytest.mark.parametrize("said, agent, status", [
    # speech recognition writes one name two ways; said right after a word that addresses
    ("hi my name is stephen clarke", "thanks steven and what's the address", MET),
    ("yes this is jonathon", "okay jonathan let me check", MET),
    # a word that only sounds like the name is not it, nor a short name by sound
    ("my name's grant", "that's grand i can see the order", MISSED),
    ("my name's grant", "okay grand so let me pull up the account", MISSED),
    ("hi it's clare", "okay clear so the engineer comes tomorrow", MISSED),
    ("hi it's dean speaking", "right done that's it", MISSED),
])
def test_recognised_spellings_of_the_name_in_calls(said, agent, status):
    assert _name([ASK, ("customer", said), ("agent", agent)]).status is status


def test_a_sound_alike_name_from_metadata_counts_in_a_call():
    result = _name([ASK, ("customer", "it's about my gas bill"),
                    ("agent", "thanks katrina one moment")], customer_name="Catrina Doyle")
    assert result.status is MISSED  # C and K: the first letter must be the same
    result = _name([ASK, ("customer", "it's about my gas bill"),
                    ("agent", "thanks sioned one moment")], customer_name="Shioned Doyle")
    assert result.status is MET


def test_in_typed_text_another_spelling_is_a_wrong_name():
    result = _name([("agent", "Hello, how can I help?"), ("customer", "Hi, I'm Stephen."),
                    ("agent", "Thanks Steven! Which order is it?")])
    assert result.status is MISSED


@pytest.mark.parametrize("said, agent, status", [
    ("Good evening. Dr. Ingrid Halvorsen here, about my prescription.",
     "Of course, Dr. Halvorsen. Which one?", MET),
    ("Thanks. My booking is under Farrukh Aliyev btw.", "Got it, the room is ready.", MISSED),
])
def test_typed_names_with_titles_and_asides(said, agent, status):
    result = _name([("agent", "Hello, how can I help?"), ("customer", said), ("agent", agent)])
    assert result.status is status, result.explanation


def test_an_introduction_after_the_company_name():
    report = judge([("agent", "thanks for ringing pinecrest dental its marguerite how can i "
                              "help"), ("customer", "hi")])
    assert report["agent_introduction"].status is MET


def test_a_later_answer_to_another_question_is_not_a_second_name():
    result = _name([ASK, ("customer", "hi my name is odile ferrand"),
                    ("agent", "okay and the name of the shop"),
                    ("customer", "it is lumen optics"), ("agent", "paying lumen optics then")])
    assert result.status is MISSED


@pytest.mark.parametrize("asked, answer, agent, status", [
    # the name first, then the details asked with it
    ("can i take your name and date of birth", "marguerite o'neill ninth of june eighty two",
     "thanks marguerite", MET),
    ("Could I have the order number and name?", "ORD-7731, Benedikt Hoffmann",
     "Thanks Benedikt, found it.", MET),
    ("and the name on the policy", "ingrid van der meer", "lovely ingrid", MET),
    # words after the name that are not details: not a bare answer
    ("can i take your name", "why do you need it", "it's for security", NA),
])
def test_a_name_answered_with_its_details(asked, answer, agent, status):
    result = _name([ASK, ("customer", "my card is blocked"), ("agent", asked),
                    ("customer", answer), ("agent", agent)])
    assert result.status is status, result.explanation


@pytest.mark.parametrize("said, status", [
    ("Hello, Dr Amaka Obi. I need to move my booking.", MET),
    ("Hi, the app crashes. Joanna Kowalska, joanna.k@example.org", MET),
    ("Hi, a repeat prescription please. Lucas Ferreira, DOB 03/02/1990", MET),
    ("Hello,\n\nThe heating has stopped again.\n\nKind regards,\nLucas Ferreira", MET),
    # lower case: not a typed name; a name alone without details: not a name with them
    ("hello, dr amaka obi. i need to move my booking.", NA),
    ("Hi, the app crashes. Joanna Kowalska said to write.", NA),
])
def test_typed_names_without_a_cue(said, status):
    # the agent in lower case: a typed greeting to a capitalised name is a name the agent knew
    # (test_customer_name_echo.py), whatever the customer wrote
    agent = "thanks amaka, joanna and lucas, sorted."
    result = _name([("customer", said), ("agent", agent)])
    assert result.status is status, result.explanation


@pytest.mark.parametrize("said, agent, status", [
    ("First name Tomasz", "thanks tomasz", MET),
    ("surname okonjo", "right mr okonjo", MET),
    ("oh hey ines i'm also ines", "ha nice one ines what can i do", MET),
    ("oh hi marek that's my name too", "small world marek", MET),
    ("no i'm farid the account is my brother's", "okay farid", MET),
    ("Hi, Will here. The kettle leaks.", "Sorry about that, Will!", MET),
    ("hi, will here be a charge?", "no charge", NA),
])
def test_labelled_shared_and_capitalised_names(said, agent, status):
    result = _name([ASK, ("customer", said), ("agent", agent)])
    assert result.status is status, result.explanation


@pytest.mark.parametrize("turns", [
    # greetings, teams and mail footers typed with capitals are not names
    [("customer", "Hi, Good Morning. My router is broken."), ("agent", "Good morning!")],
    [("customer", "Hello, Customer Services. I need help."), ("agent", "Hi, how can I help?")],
    [("customer", "Hello, Happy New Year! Is the shop open?"),
     ("agent", "Happy new year to you too, yes it is.")],
    [("customer", "Parcel Not Delivered, 12 days late now"), ("agent", "Sorry, checking.")],
    [("customer", "Where is my order?\n\nSent From Outlook"), ("agent", "Checking now.")],
    # a spelled word that is not a name: no name cue, nothing asked
    [("customer", "my w i f i keeps dropping, the wifi is useless"),
     ("agent", "let me reset the wifi")],
    # a sentence cut across two turns that is not a name
    [("customer", "honestly i'm"), ("customer", "really annoyed"), ("agent", "okay")],
    # asked for another name
    [("agent", "okay and the name of the street"), ("customer", "maple avenue"),
     ("agent", "maple avenue thanks")],
])
def test_no_name_where_none_was_given(turns):
    assert _name(turns).status is NA


def test_a_spelled_word_does_not_hide_the_name_given_after_it():
    result = _name([ASK, ("customer", "i need to reset my p i n, my pin doesn't work"),
                    ("agent", "can i take your name"), ("customer", "its kate"),
                    ("agent", "thanks kate")])
    assert result.status is MET
