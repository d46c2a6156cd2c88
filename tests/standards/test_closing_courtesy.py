"""The closing rule's courtesy replies (pattern list `closing_courtesy` of contact_center).

Rule alone, no classifier: a reply to thanks closes unless the turn goes on to a question or is
all the turn says (round 27), and "happy to help" after "I'd be" / "I will be" is an offer of
help still to come.
"""

from __future__ import annotations

import pytest

from csnlp.nlp.pipeline import Annotator
from csnlp.standards import load_standards


@pytest.fixture(scope="module")
def closing():
    ann = Annotator(load_standards("contact_center"))
    rule = ann.rule("closing", "match")

    def found(text: str) -> list[str]:
        return [text[s:e] for s, e, _ in rule.find(text, ann.annotate([text])[0])]

    return found


@pytest.mark.parametrize("text", [
    "You're very welcome, have a good one!",
    "you are most welcome take care",
    "your welcome enjoy the rest of ur day",
    "My pleasure, have a good one.",
    "Pleasure to help you.",
    "I'm happy to assist you.",
    "Always glad to be of service.",
    "So glad we were able to help you today.",
    "Happy to have helped.",
    "No worries, anytime, take care!",
    "Alright, enjoy the concert!",
    "I hope you enjoy your new laptop.",
])
def test_courtesy_replies_close(closing, text):
    assert closing(text), text


@pytest.mark.parametrize("text", [
    # a courtesy reply leading into a question is an offer of more help
    "You're welcome. Was there anything else?",
    "My pleasure! What else can I look into for you?",
    "Glad to be of help, is there something more I can do?",
    "You are welcome to call us back later.",
    # offers of help still to come
    "I'd be happy to help you with that.",
    "I will be glad to help, what is the account number?",
    "I would love to help you book a table.",
    "I'm happy to help you find the right plan.",
    # enjoy in a statement, not a wish
    "You can enjoy the lounge before boarding.",
])
def test_not_a_closing(closing, text):
    assert not closing(text), (text, closing(text))


def test_evidence_is_the_reply(closing):
    assert closing("I'm glad I could be of assistance.") == ["glad I could be of assistance"]
    assert closing("You're welcome, take care.")[0] == "You're welcome"


@pytest.mark.parametrize("text", [
    "You're welcome!", "you are most welcome", "your welcome", "My pleasure.", "No worries",
    "no problem", "Anytime! 😊",
])
def test_a_bare_courtesy_reply_is_no_closing(closing, text):
    """(round 27) A courtesy reply and nothing else is neither thanks nor a goodbye: writers of
    six DEV waves labelled every such last turn missed (9 of 9). The rule's veto reads the whole
    turn, so the act classifier does not take it for a goodbye either."""
    assert not closing(text), text
