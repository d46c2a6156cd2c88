"""Introductions, names and end-of-call checks a QA lead's probe found wrong (wave 6, probe6).
Sentences here are written for the tests."""

from __future__ import annotations

import pytest

import csnlp

from .conftest import judge as _report

MET, MISSED, NA = csnlp.Status.MET, csnlp.Status.MISSED, csnlp.Status.NOT_APPLICABLE


@pytest.mark.parametrize("turns, status", [
    # an adverb between the name and what follows it: still the agent's own name
    ([("agent", "Morning, it's Priyanka again from the repairs desk about your boiler.")], MET),
    ([("agent", "hiya this is tobias again calling back about the refund")], MET),
    ([("agent", "hello it's marguerite here again, how are things")], MET),
    ([("agent", "Hi, I'm Oskar again, how are you getting on?")], MET),
    # ... not a state or a thing that is "again"
    ([("agent", "hello, it's frozen again, is it?")], MISSED),
    ([("agent", "Hi, this is correct again now.")], MISSED),
    # a possessive after the name: someone else's name
    ([("agent", "Good morning, I'm Dr Okafor's secretary, what can I do for you?")], MISSED),
    ([("agent", "hi this is doctor lindqvist's practice how can i help")], MISSED),
    ([("agent", "you're through to Mrs Achebe's office, how can I help?")], MISSED),
    ([("agent", "Hello, I'm Nurse Baptiste's assistant today.")], MISSED),
    # ... the titled name itself still counts
    ([("agent", "Good morning, I'm Dr Okafor, what can I do for you?")], MET),
    ([("agent", "you're through to Mrs Achebe, how can I help?")], MET),
])
def test_introductions_with_an_adverb_or_a_possessive(turns, status):
    assert _report(turns)["agent_introduction"].status is status


_COMPLAINT = ("customer", "my refund still hasn't shown up")


@pytest.mark.parametrize("reply, status", [
    # a social reply signed with a caret, or with the name alone on its own last line
    ("Sorry to hear that! Send us a DM with your order number and we'll chase it. ^Marisol", MET),
    ("Sorry to hear that! Send us a DM with your order number and we'll chase it.\nMarisol", MET),
    ("Ugh, not good. Drop us a DM and we'll sort it ^Kwame", MET),
    # ... not a word alone on the last line, a team, or initials signed with a caret
    ("Sorry to hear that! Send us a DM and we'll chase it.\nThanks", MISSED),
    ("Sorry to hear that! Send us a DM and we'll chase it.\nSupport Team", MISSED),
    ("Sorry to hear that, we'll chase it.\nApologies", MISSED),
    ("Sorry to hear that, we'll chase it.\nCheers", MISSED),
])
def test_social_sign_offs_with_a_caret_or_a_last_line(reply, status):
    report = _report([_COMPLAINT, ("agent", reply)])
    assert report["agent_introduction"].status is status


_FIX = [("agent", "Hi, how can I help?"), ("customer", "The scanner keeps jamming."),
        ("agent", "Please lift the lid and clear the rollers."), ("customer", "ok done")]


@pytest.mark.parametrize("question, status", [
    # confirm + the thing + an outcome verb + now: a check of the outcome
    ("Could you confirm the scanner feeds now?", MET),
    ("can you confirm the app opens properly now", MET),
    ("Can you check your phone charges now?", MET),
    ("could you verify that the heating comes on again", MET),
    # ... a request for data or a step is no check
    ("Can you confirm your postcode now?", MISSED),
    ("Could you confirm the serial number on the back?", MISSED),
])
def test_confirm_that_it_works_now_is_a_resolution_check(question, status):
    report = _report([*_FIX, ("agent", question), ("customer", "yes"), ("agent", "Bye.")])
    assert report["resolution_check"].status is status


@pytest.mark.parametrize("question, status", [
    # "anything else" as the subject of an event: a question about the fault
    ("Did anything else flash up on the display?", MISSED),
    ("has anything else changed since the update", MISSED),
    ("Was anything else taken from the parcel?", MISSED),
    ("did anything else happen before it stopped", MISSED),
    # ... still an offer where it is what the customer needs
    ("Is there anything else I can help with?", MET),
    ("Was anything else needed today?", MET),
    ("Did you need anything else?", MET),
])
def test_anything_else_as_the_subject_of_an_event_is_no_offer(question, status):
    report = _report([*_FIX, ("agent", question), ("customer", "no"), ("agent", "Bye.")])
    assert report["further_assistance"].status is status


@pytest.mark.parametrize("answer, line, status", [
    # a surname then a labelled first name: the first name is the customer's
    ("Okonjo. First name Chidinma.", "Thanks Chidinma, I have your account open.", MET),
    ("Haddad, first name Yusra", "thanks yusra one moment", MET),
    ("Surname Lindgren, forename Elsa.", "Thank you, Elsa.", MET),
    ("Okonjo. First name Chidinma.", "Thank you Ms Okonjo.", MET),
    # the label alone is no name
    ("Okonjo. First name Chidinma.", "Thanks, I have the first name now.", MISSED),
])
def test_a_surname_then_a_labelled_first_name(answer, line, status):
    report = _report([("agent", "Could I take your name please?"), ("customer", answer),
                      ("agent", line)])
    assert report["customer_name"].status is status


@pytest.mark.parametrize("name, line, status", [
    # a name that is also a month, used as the month
    ("April Moreno", "Your contract renews in April.", MISSED),
    ("August Lind", "The engineer can come on 14 August.", MISSED),
    ("June Okafor", "We'll send the new card by the end of June.", MISSED),
    ("April Moreno", "your contract renews in april", MISSED),
    # ... and addressing the customer
    ("April Moreno", "Thanks, April.", MET),
    ("June Okafor", "Thank you June.", MET),
    ("August Lind", "Lovely to hear, August!", MET),
])
def test_names_that_are_months_count_only_where_they_address(name, line, status):
    report = _report([("agent", "hello, how can I help?"), ("customer", "hi, it's about my bill"),
                      ("agent", line)], metadata={"customer_name": name})
    assert report["customer_name"].status is status
