"""A name the agent addresses the customer with, given before by the customer in a form no
cue catches (round ten, measured on wave 7): both ends must hold, the agent's address and the
customer's own words (or a check the customer confirmed)."""

from __future__ import annotations

import pytest

from tests.detectors.conftest import judge


def _result(turns, **kw):
    return judge(turns, standards="contact_center", **kw)["customer_name"]


def _status(turns, **kw):
    return _result(turns, **kw).status.value


def test_typed_name_in_a_reference_line_then_addressed():
    turns = [("agent", "Hello, you're chatting with Omar. How can I help?"),
             ("customer", "Parcel 55-1902 (Marguerite Lindahl): where is it now?"),
             ("agent", "Thanks Marguerite. It's at the depot and out tomorrow."),
             ("customer", "ok"), ("agent", "Bye for now!")]
    result = _result(turns)
    assert result.status.value == "met"
    texts = [e.text for e in result.evidence]
    assert texts[0] == "Marguerite" and texts[1] == "Marguerite"
    assert result.evidence[1].turn_index == 1  # where the customer gave it


def test_the_same_name_not_addressed_stays_unknown():
    # the agent names no one: the customer's typed word alone is no name
    turns = [("agent", "Hello, you're chatting with Omar. How can I help?"),
             ("customer", "Parcel 55-1902 (Marguerite Lindahl): where is it now?"),
             ("agent", "It's at the depot and out tomorrow."),
             ("customer", "ok"), ("agent", "Bye for now!")]
    assert _status(turns) == "not_applicable"


def test_a_typed_greeting_to_a_name_the_customer_never_gave_is_a_name_the_agent_knew():
    # from a profile, a handle or the account: known, and used
    turns = [("agent", "Hi, Omar here."), ("customer", "hi, where is my parcel?"),
             ("agent", "Thanks Beatrix, it's out tomorrow."), ("customer", "ok")]
    result = _result(turns)
    assert result.status.value == "met"
    assert "a name it knew" in result.explanation
    assert [e.text for e in result.evidence] == ["Beatrix"]


@pytest.mark.parametrize("agent_line", [
    "thanks beatrix its out tomorrow",       # speech: a word after thanks is as often no name
    "Thanks Again, it's out tomorrow.",       # a capitalised word that is no name
    "Hi There, it's out tomorrow.",
    "Thanks, Your parcel is out tomorrow.",
])
def test_no_name_the_agent_knew_without_a_typed_address(agent_line):
    turns = [("agent", "Hi, Omar here."), ("customer", "hi, where is my parcel?"),
             ("agent", agent_line), ("customer", "ok")]
    assert _status(turns) == "not_applicable"


def test_the_agents_own_name_is_not_a_name_it_knew():
    turns = [("customer", "Hi, where is my parcel?"),
             ("agent", "Hello, it's Omar. It's out tomorrow.\n\nThanks,\nOmar"),
             ("customer", "Thanks Omar!")]
    assert _status(turns) == "not_applicable"


def test_two_names_in_one_greeting():
    turns = [("customer", "Hello,\n\nCan we have a late checkout on the 4th?\n\n"
                          "Ines & Pedro Salgado"),
             ("agent", "Hi Ines and Pedro,\n\nYes, checkout is now 2pm.\n\nKind regards,\nYuki")]
    assert _status(turns) == "met"


def test_signature_before_a_postscript():
    turns = [("customer", "Hi,\n\nPlease cancel order 4410.\n\nThanks,\nOrla\n\n"
                          "P.S. Great shop otherwise."),
             ("agent", "Hi Orla,\n\nDone, order 4410 is cancelled.\n\nBest,\nDev")]
    assert _status(turns) == "met"


def test_customer_thanking_the_agent_by_name_is_not_the_customers_name():
    # "Thanks Dev" names the agent; the agent signing "Thanks, Dev" is a sign-off
    turns = [("customer", "Can I change my delivery day to Friday?"),
             ("agent", "Yes, all changed to Friday.\n\nThanks,\nDev"),
             ("customer", "Thanks Dev!"),
             ("agent", "You're welcome, Dev from the orders team.")]
    assert _status(turns) == "not_applicable"


def test_confirmed_holder_check_then_addressed():
    turns = [("agent", "Hi, I'm Petra from Lumen Energy. How can I help?"),
             ("customer", "I'd like to send a meter reading."),
             ("agent", "Sure. The account shows Tobiah Mensah as the holder, is that you?"),
             ("customer", "Yes, that's me."),
             ("agent", "Thanks Tobiah, what's the reading?")]
    assert _status(turns) == "met"


def test_denied_holder_check_is_not_the_name():
    turns = [("agent", "Hi, I'm Petra from Lumen Energy. How can I help?"),
             ("customer", "I'd like to send a meter reading."),
             ("agent", "Sure. The account shows Tobiah Mensah as the holder, is that you?"),
             ("customer", "No, he's my landlord."),
             ("agent", "Okay Tobiah, what's the reading?")]
    assert _status(turns) == "not_applicable"


def test_spoken_name_then_spelled_differently_by_the_agent():
    # speech recognition wrote the name one way, the caller spelled it, the agent uses the
    # spelling
    turns = [("agent", "thanks for calling northway rail my name is ivo how can i help"),
             ("customer", "hi its nieve walsh thats n i a m h"),
             ("agent", "thank you niamh what date are you travelling"),
             ("customer", "friday"), ("agent", "lovely all booked bye")]
    assert _status(turns) == "met"


def test_spoken_answer_to_a_name_question():
    turns = [("agent", "good morning harbour water ilse speaking"),
             ("customer", "hi i need to read my meter"),
             ("agent", "sure and your name please"),
             ("customer", "um teodor brandt"),
             ("agent", "thanks teodor and the reading")]
    assert _status(turns) == "met"


@pytest.mark.parametrize("customer_line", [
    "hi um i'm calling for my dad teodor brandt he's not well",
    "hi i need to read my meter for teodor",  # no cue at all
])
def test_spoken_names_of_others_or_without_a_cue_are_not_echoed(customer_line):
    turns = [("agent", "good morning harbour water ilse speaking"),
             ("customer", customer_line),
             ("agent", "okay and is teodor there with you")]
    assert _status(turns) == "not_applicable"


@pytest.mark.parametrize("agent_line, expected", [
    ("please tell mrs acheson the meter is booked", "missed"),   # spoken of
    ("thank you mrs acheson the meter is booked", "met"),        # spoken to
])
def test_a_title_spoken_of_or_to(agent_line, expected):
    turns = [("agent", "good morning harbour water ilse speaking"),
             ("customer", "hi um calling for my mother mrs acheson about her meter"),
             ("agent", "okay and your name"), ("customer", "dora"),
             ("agent", agent_line), ("customer", "ok")]
    assert _status(turns, metadata={"customer_name": "Dora Acheson"}) == expected


def test_a_known_name_is_not_replaced_by_another_address():
    # stated "Takeshi"; "Hi Hiroshi" addresses the wrong person
    turns = [("customer", "Hi,\n\nThe gift for my father, Hiroshi Sato, came in the wrong size."
                          "\n\nThanks,\nKenji Sato"),
             ("agent", "Hi Hiroshi,\n\nSorry about that, an exchange is booked.\n\nBest,\nAnn")]
    assert _status(turns) == "missed"


def test_a_name_given_with_accents_and_addressed_without():
    # both ends are compared folded: "José" given, "Jose" said
    turns = [("agent", "Hello, you're chatting with Omar. How can I help?"),
             ("customer", "Parcel 55-1902 (José Álvarez): where is it now?"),
             ("agent", "Thanks Jose, it's at the depot."), ("customer", "ok")]
    result = _result(turns)
    assert result.status.value == "met"
    assert "a name the customer gave" in result.explanation
    assert result.evidence[1].text == "José"


def test_a_name_spelled_with_an_apostrophe_said_as_a_word():
    # speech recognition wrote "oh neal"; the spelling says o'neill, which the agent uses
    turns = [("agent", "thanks for calling this is ivo"),
             ("customer", "hi it's ryan oh neal that's o apostrophe n e i l l"),
             ("agent", "thanks mr o'neill what can i do"), ("customer", "a refund")]
    result = _result(turns)
    assert result.status.value == "met"
    assert result.evidence[1].label == "spelled"
