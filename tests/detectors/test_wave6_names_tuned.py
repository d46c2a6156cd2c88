"""The customer's name where wave 6's writers gave it in ways the rules missed: spelled with
periods, answering a request worded with "the"/"a", after greeting the agent by name, as the
holder the agent confirms, typed after a label or a reference, a post's sign-off. Sentences here
are written for the tests."""

from __future__ import annotations

import pytest

import csnlp

from .conftest import judge as _report

MET, MISSED, NA = csnlp.Status.MET, csnlp.Status.MISSED, csnlp.Status.NOT_APPLICABLE


def _name(turns, **kw):
    return _report(turns, **kw)["customer_name"].status


@pytest.mark.parametrize("turns, status", [
    # a name spelled letter by letter with periods, as speech recognition writes it
    ([("agent", "can i take a name for the file"),
      ("customer", "yes it's torvald t. o. r. v. a. l. d. and it's about my boiler"),
      ("agent", "thanks torvald let me look")], MET),
    ([("agent", "and who's calling please"),
      ("customer", "it's under e. l. o. d. i. e. elodie marsh reference six two"),
      ("agent", "okay i've found it")], MISSED),
    # the initials of a booking reference are no name
    ([("agent", "what's the reference"),
      ("customer", "it's q. x. r. four four"),
      ("agent", "thanks found it")], NA),
    # an apostrophe said while spelling
    ([("agent", "can i get your full name"), ("customer", "first name's ravi"),
      ("agent", "and surname"), ("customer", "d'souza d. apostrophe s. o. u. z. a."),
      ("agent", "thank you mr d'souza")], MET),
])
def test_names_spelled_with_periods(turns, status):
    assert _name(turns) is status


@pytest.mark.parametrize("ask, status", [
    ("okay what's the name", MET),
    ("sure and the name please", MET),
    ("can i grab a name for that", MET),
    ("right and the name for the booking", MET),
    # not a request for the customer's name
    ("okay what's the problem", NA),
    ("and what's the name of the street", NA),
])
def test_a_bare_name_answering_the_request(ask, status):
    turns = [("agent", ask), ("customer", "kasimir lund"), ("agent", "thanks kasimir")]
    assert _name(turns) is status


@pytest.mark.parametrize("turns, status", [
    # greeting the agent by name, then the caller's own
    ([("agent", "claims desk it's ayo speaking"),
      ("customer", "hi ayo it's henrietta vance my roof is leaking"),
      ("agent", "oh no henrietta let's get that booked")], MET),
    ([("agent", "hello you're through to pim"),
      ("customer", "morning pim it's mrs oduya about my refund"),
      ("agent", "of course let me check")], MISSED),
    # the agent's name greeted is not the caller's
    ([("agent", "hello you're through to pim"),
      ("customer", "morning pim it's about my refund"),
      ("agent", "thanks pim here let me check")], NA),
    # the caller by who they are to the holder
    ([("agent", "how can i help"),
      ("customer", "the account's my dad's but i'm his daughter lorna i help him with it"),
      ("agent", "no problem lorna")], MET),
    # "it's will ..." (a function word as a first name), not used by "we will"
    ([("agent", "how can i help"),
      ("customer", "hi it's will carrow my router died"),
      ("agent", "we will send a new one today")], MISSED),
    # the name's, with an apostrophe surname
    ([("agent", "can i have a reference"),
      ("customer", "it's nine nine one and the name's mr o'driscoll"),
      ("agent", "thank you mr o'driscoll")], MET),
    # an -ing verb after "i'm" is not a name
    ([("agent", "how can i help"),
      ("customer", "hi i'm cancelling my gym membership"),
      ("agent", "okay sure")], NA),
])
def test_openings_that_give_the_name(turns, status):
    assert _name(turns) is status


@pytest.mark.parametrize("turns, status", [
    ([("agent", "am i speaking with the account holder mrs quayle"),
      ("customer", "yes that's me"), ("agent", "lovely mrs quayle what can i do")], MET),
    ([("agent", "i've got the booking under a mr fintan o'rourke is that yourself"),
      ("customer", "yeah that's me"), ("agent", "okay what's the problem")], MISSED),
    ([("agent", "hi is that greta it's pavel from the surgery"),
      ("customer", "yes it's me"), ("agent", "great greta your results are in")], MET),
    # not confirmed: another person
    ([("agent", "hi is that greta it's pavel from the surgery"),
      ("customer", "no she's out"), ("agent", "okay i'll call back")], NA),
])
def test_a_holder_the_agent_names_and_the_customer_confirms(turns, status):
    assert _name(turns) is status


@pytest.mark.parametrize("first, agent, status", [
    ("Reference 88120344, Mr Lindqvist.", "Thanks Mr Lindqvist, let me look.", MET),
    ("The sofa leg snapped. Account name Rowan Achterberg.", "Sorry to hear that, Rowan.", MET),
    ("Booking is under Hollis Brandt, RB-3321.", "Thanks Hollis, checking now.", MET),
    ("Account is under Bill Moreno.", "Hello Bill, let me check.", MET),
    ("parcel is lost. ref 44XZ, name Odalys Pryor", "Hi Odalys, I'll look.", MET),
    ("Evening Kit. Mrs Amsel here. My login fails.", "Good evening Mrs Amsel.", MET),
    # a first name that is a function word, then a surname; "Will do" is not the name
    ("Hey, Will Carrow here. The app crashes.", "Will do! Sending a fix.", MISSED),
    # a dash or a single name signing a post off
    ("@ShopCo my order never came 😞 - Noor", "Hi Noor, sorry about that!", MET),
    ("Still no refund. Order RT-5521 —Dr. Petra Lind", "Dr Lind, I'm sorry.", MET),
    ("Engineer never came. Ref 5512. Tamsin", "Hi Tamsin, sorry.", MET),
    # ... not an exclamation, nor a hyphenated reference
    ("Engineer never came again. Ridiculous", "Sorry about that.", NA),
    ("Engineer never came. Ref TK-5512", "Sorry about that.", NA),
    # "Account is under review" names no one
    ("My account is under review.", "Thanks, checking.", NA),
])
def test_typed_names_after_a_label_reference_or_dash(first, agent, status):
    assert _name([("customer", first), ("agent", agent)]) is status


@pytest.mark.parametrize("line, status", [
    ("oh that's lovely to hear hope thank you so much", MET),
    ("thanks so much hope have a lovely evening", MET),
    ("i hope that helps thank you", MISSED),
    ("okay will have a look", MISSED),
])
def test_a_name_that_is_a_word_used_to_address(line, status):
    turns = [("agent", "hello it's dara speaking"), ("customer", "hi dara my name's hope"),
             ("agent", line)]
    assert _name(turns) is status


def test_a_customer_addressed_before_the_agents_typed_introduction():
    turns = [("agent", "Hi Rosalind, Teodor here from Brightwater. Your credit is applied."),
             ("customer", "thanks")]
    assert _name(turns, metadata={"customer_name": "Rosalind Kerr"}) is MET
    # the agent's own name in its introduction is still not the customer's
    turns = [("agent", "Hi there, Rosalind here from Brightwater."), ("customer", "thanks")]
    assert _name(turns, metadata={"customer_name": "Rosalind Kerr"}) is MISSED


def test_a_reaction_word_is_not_part_of_the_name():
    turns = [("agent", "good evening this is jonah how can i help"),
             ("customer", "oh ha hi i'm jonah too my card was declined"),
             ("agent", "ha small world okay let me look")]
    assert _name(turns) is MISSED
