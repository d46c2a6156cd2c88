"""polite_tone's `condescension` patterns (issue 13): condescending or sarcastic agent wording is
rude, the same words without the marker are not, and a phrase is penalised once."""

from __future__ import annotations

import dataclasses

import pytest

import csnlp
from csnlp.nlp.pipeline import Annotator


@pytest.fixture(scope="module")
def rude():
    """The rude rule of polite_tone, and a function giving the words it finds in a text."""
    annotator = Annotator(csnlp.load_standards("contact_center"))
    rule = annotator.rule("polite_tone", "rude")

    def find(text: str) -> list[str]:
        (annotation,) = annotator.annotate([text])
        return [text[s:e] for s, e, *_ in rule.find(text, annotation)]

    return find


CONDESCENDING = [
    ("already", "We've already clarified this, the deposit is not refundable."),
    ("counted", "I have said this more than once: the form goes to the council."),
    ("counted_asr", "ive gone over it with you twice the bin goes out on tuesdays"),
    ("nth_time", "Okay, for the fourth time, your order number is on the receipt."),
    ("mock_patience", "Let me go through it again really slowly for you."),
    ("talking_down", "Honestly even my grandma could follow those steps."),
    ("you_do_realise", "You do understand that the sale ended yesterday?"),
    ("blame_reading", "If you had actually read the renewal notice you'd have seen the new price."),
    ("blame_bother", "You never bothered to check the delivery slot."),
    ("rhetorical", "Is it really that hard to press the green button?"),
    ("rhetorical_fault", "How was that our fault? You picked the wrong date."),
    ("sarcastic_praise", "Congrats, you managed to block your own card."),
    ("mock_title", "Yes, we know it's raining, Einstein."),
]

COURTEOUS = [
    ("as_mentioned", "As I mentioned, the deposit comes back within ten days."),
    ("as_said", "No, sorry, as I said there are no rooms left that night, shall I try Friday?"),
    ("got_email", "Did you receive the email with the tracking link?"),
    ("simple_setup", "It's simple to set up, I'll stay on the line while you do it."),
    ("to_be_clear", "Just to be clear, the new tariff starts on the first."),
    ("dictation", "I'll say the postcode slowly: S, W, one, A."),
    ("happened_twice", "I can see the charge went through twice, I'll refund one of them."),
    ("sincere_praise", "Great job, you've got the printer connected."),
    ("chasing", "I've asked the courier twice already and I'm so sorry it's still not there."),
    ("genuine_question", "How hard is it to get to the meter? We can send someone if it's tricky."),
    ("emphatic_do", "You do get a free eye test with every pair."),
    ("genius_bar", "The Genius Bar can look at it tomorrow at ten."),
]


@pytest.mark.parametrize(("name", "text"), CONDESCENDING, ids=[n for n, _ in CONDESCENDING])
def test_condescension_is_rude(rude, name: str, text: str) -> None:
    assert rude(text), f"{name}: no rude wording found in {text!r}"


@pytest.mark.parametrize(("name", "text"), COURTEOUS, ids=[n for n, _ in COURTEOUS])
def test_same_words_without_the_marker_are_not(rude, name: str, text: str) -> None:
    assert rude(text) == [], f"{name}: {text!r}"


ALREADY_SAID = {"turns": [
    {"speaker": "agent", "text": "Good morning, thanks for calling, how can I help?"},
    {"speaker": "customer", "text": "When is the bulky waste collection?"},
    {"speaker": "agent", "text": "As I already said, it's next Wednesday."}]}


DEAL_WITH_IT = {"turns": [
    {"speaker": "agent", "text": "Good morning, thanks for calling, how can I help?"},
    {"speaker": "customer", "text": "The bin men skipped my road again."},
    {"speaker": "agent", "text": "Deal with it, they come next Wednesday."}]}


def test_prohibited_phrase_is_not_penalised_again_as_condescension() -> None:
    """'deal with it' is both prohibited and rude: one penalty, prohibited_language's."""
    report = csnlp.evaluate(DEAL_WITH_IT, "contact_center")
    assert report["prohibited_language"].status.value == "missed"
    assert report["polite_tone"].status.value == "met", report["polite_tone"].explanation


def test_impatience_is_discourtesy_not_prohibited_wording() -> None:
    """(round 26) 'as I already said' is an impatient reference back: polite_tone's alone, as
    the blind writers read it (15 of the 17 DEV cases that have it)."""
    report = csnlp.evaluate(ALREADY_SAID, "contact_center")
    assert report["prohibited_language"].status.value == "met"
    assert report["polite_tone"].status.value == "missed", report["polite_tone"].explanation


def test_without_a_forbid_standard_the_condescension_counts() -> None:
    pack = csnlp.load_standards("contact_center")
    alone = dataclasses.replace(pack, standards=(pack["polite_tone"],))
    result = csnlp.evaluate(ALREADY_SAID, alone)["polite_tone"]
    assert result.status.value == "missed"
    assert any("already said" in e.text for e in result.evidence), result.explanation


def test_no_harper_valley_agent_turn_is_rude(rude, shared_data) -> None:
    """The real calls' agents are courteous: the rude rule (old phrases and new patterns) finds
    nothing in any of their turns."""
    turns = [turn.text for t in csnlp.read_transcripts(shared_data / "harper-valley",
                                                        format="harper_valley")
             for turn in t.turns if turn.speaker == "agent" and turn.text.strip()]
    assert len(turns) > 500
    hits = {text: found for text in turns if (found := rude(text))}
    assert hits == {}
