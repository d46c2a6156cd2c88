"""Probe 8: an introduction after the company or before an apology, the customer named before
"it's <agent>", greetings of other languages, and names compared without their accents and
apostrophe style; an e-mail signed "Thanks, <name>" on its last line."""

from __future__ import annotations

import pytest

from tests.detectors.conftest import judge


def _status(turns, standard, **kw):
    return judge(turns, standards="contact_center", **kw)[standard].status.value


def _opening(first: str) -> list[tuple[str, str]]:
    """A short call whose only introduction or greeting can be the agent's first turn."""
    return [("agent", first), ("customer", "I need to update my card details."),
            ("agent", "Sure, what are the last four digits?"), ("customer", "4410"),
            ("agent", "Done. Anything else?"), ("customer", "No, that's it."),
            ("agent", "Have a good day.")]


@pytest.mark.parametrize("first, expected", [
    # the company, then "<name> here"
    ("Good afternoon, Harbour Energy, Tomasz here, what can I do for you?", "met"),
    ("hey northgate mobile dmitri here how can i help", "met"),
    ("Brightwell Insurance, Ines here.", "met"),
    ("Thanks for contacting Brightwell, Ines here.", "met"),
    ("Welcome to Larch Hotels, Mei here, how can I help?", "met"),
    ("Hi! Oskar at Fernway here.", "met"),
    # "<name> here" that is no introduction
    ("Hi, I can see your broadband router here, what seems wrong?", "missed"),
    ("Thanks for calling, the form is here, what else?", "missed"),
])
def test_name_here_after_the_company(first, expected):
    assert _status(_opening(first), "agent_introduction") == expected


@pytest.mark.parametrize("first, expected", [
    ("Hello, I'm Rafael, sorry about the hold.", "met"),
    ("hey this is nadia apologies for the delay", "met"),
    ("Hi, I'm Chen. My apologies for the wait.", "met"),
    ("Hi there, I'm Lotte, so sorry you've had trouble.", "met"),
    ("Hi, I'm Emily, sorry for keeping you.", "met"),      # a name ending in -ly
    # an adverb or an -ing word before the apology is no name
    ("Hi, I'm deeply sorry about the delay.", "missed"),
    ("Hello, I'm genuinely sorry to hear that.", "missed"),
    ("Hi, I'm utterly sorry for this.", "missed"),
    ("Hi, I'm feeling sorry for the mix-up.", "missed"),
])
def test_an_apology_after_the_introduction(first, expected):
    assert _status(_opening(first), "agent_introduction") == expected


@pytest.mark.parametrize("first, expected", [
    ("Morning Priya, it's Callum from Fernway Energy.", "met"),
    ("hi dave its lena here how can i help", "met"),
    ("Hello Mr Osei, it's Bea at Crestline.", "met"),
    ("Hi Omar, it's done now, anything else?", "missed"),   # no name after "it's"
])
def test_customer_named_before_its_agent(first, expected):
    assert _status(_opening(first), "agent_introduction") == expected


def test_customer_named_first_is_still_addressed():
    """The customer's name before "it's <agent>" is an address, not the agent's name."""
    turns = _opening("Hi Farida, it's Joel from Crestline, how can I help?")
    assert _status(turns, "customer_name", metadata={"customer_name": "Farida Haq"}) == "met"


@pytest.mark.parametrize("first, expected", [
    ("Hola, you're through to Marta.", "met"),
    ("Kia ora, how can I help today?", "met"),
    ("Assalamu alaikum, how may I help?", "met"),
    ("namaskar what can i do for you", "met"),
    ("G'day, what can I do for you?", "met"),
    ("Salam, how may I help?", "met"),
    # "Salam" as the agent's own name is no greeting
    ("Salam speaking, how can I help?", "missed"),
    ("Salaam from the returns desk, how can I help?", "missed"),
])
def test_greetings_of_other_languages(first, expected):
    assert _status(_opening(first), "greeting") == expected


def _named_call(reply: str, name: str | None = None, customer: str = "I can't get into my app."):
    turns = [("agent", "Hello, thanks for calling Acme, my name is Ana. How can I help?"),
             ("customer", customer), ("agent", reply), ("customer", "ok"),
             ("agent", "Bye for now.")]
    return _status(turns, "customer_name",
                   metadata={"customer_name": name} if name else None)


@pytest.mark.parametrize("name, reply, expected", [
    ("Zoë Laurent", "Thanks Zoe, all done.", "met"),
    ("Joao Pereira", "Thanks, João, that's sorted.", "met"),          # the other way round
    ("Łukasz Nowak", "thanks lukasz thats reset", "met"),
    ("Greta Strauß", "Thank you, Ms Strauss, it's reset.", "met"),
    ("Renée Dubois", "Thanks Rene, all done.", "missed"),               # another name
    ("José García", "Thanks Josefa, all done.", "missed"),
])
def test_names_compared_without_accents(name, reply, expected):
    assert _named_call(reply, name) == expected


@pytest.mark.parametrize("name, reply, expected", [
    ("Declan O\u2019Brien", "Thanks Mr O'Brien, done.", "met"),
    ("Aoife D'Arcy", "Thank you, Ms D\u2018Arcy.", "met"),
    ("Aoife D'Arcy", "thank you miss darcy all done", "met"),          # speech drops it
    ("Siobhan O'Neill", "Thanks Neil, done.", "missed"),
])
def test_names_compared_without_apostrophe_style(name, reply, expected):
    assert _named_call(reply, name) == expected


def test_an_accented_stated_name():
    """The customer types the name with its accent, the agent without it."""
    assert _named_call("Thanks Zoe, that's reset.",
                       customer="My name is Zoë Martin, I can't log in.") == "met"


def _email(body: str, reply: str) -> list[tuple[str, str]]:
    return [("customer", body), ("agent", reply)]


@pytest.mark.parametrize("body, reply, expected", [
    ("Hello,\nMy order 5521 came in the wrong size. Could you swap it?\nCheers, Malik",
     "Hi Malik,\n\nOf course, a swap is on its way.\n\nBest,\nRita", "met"),
    ("Hi there,\nThe kettle I bought leaks from the base.\nMany thanks, Ingrid Solberg",
     "Dear Ingrid,\n\nSorry about that, a refund is on its way.\n\nRita", "met"),
    # not a sign-off: the line goes on in lower case
    ("Hello,\nMy order 5521 came in the wrong size.\nThanks, Appreciate it",
     "Hi there,\n\nA swap is on its way.\n\nRita", "not_applicable"),
])
def test_an_email_signed_after_its_thanks(body, reply, expected):
    assert _status(_email(body, reply), "customer_name") == expected


def test_thanks_to_the_agent_later_is_no_signature():
    """After the agent's introduction, "Thanks, Dana" on the last line thanks the agent."""
    turns = [("agent", "Hi, this is Dana from Homeware Direct. How can I help?"),
             ("customer", "My lamp is sorted now, the new one works.\nThanks, Dana"),
             ("agent", "You're welcome! Anything else?"), ("customer", "No"),
             ("agent", "Take care.")]
    assert _status(turns, "customer_name") == "not_applicable"
