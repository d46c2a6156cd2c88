"""Round thirteen, debts a code review found: holds read from the order of untimed turns, token
patterns testing two of LOWER/TEXT/NORM, and what the empathy check excuses as an answer.
Sentences here are written for the tests."""

from __future__ import annotations

import numpy as np
import pytest

import csnlp

from .conftest import judge

MET, MISSED, NA = csnlp.Status.MET, csnlp.Status.MISSED, csnlp.Status.NOT_APPLICABLE
A, C = "agent", "customer"
CHAT = {"channel": "chat"}


def _hold(turns: list[tuple], metadata: dict | None = None) -> csnlp.StandardResult:
    return judge(turns, metadata=CHAT if metadata is None else metadata)["hold_etiquette"]


PARCEL = (C, "my parcel still hasn't arrived")


# -- 1. an announced check whose turn goes on to the answer is no wait ---------------------------
@pytest.mark.parametrize("announce", [
    # a time word in the answer is not the wait's length
    "Let me check, it'll take a minute. It left the depot this morning and will be with you "
    "shortly.",
    "Let me look, it can take a few minutes. The depot was a bit behind but it's out for "
    "delivery today.",
    # a question in the answer is not a question about the wait
    "I'll check that, it takes a minute or two. It was delivered on Monday, did a neighbour "
    "take it in?",
    # the answer right after the check's full stop is read too
    "Let me check. It was signed for by your neighbour at number 12, it's been there a while.",
    # a time word before the check, in a sentence of its own, is no wait announced
    "Sorry this took a while to reach me. Let me have a look.",
])
def test_an_announced_check_answered_in_the_same_turn_is_no_hold(announce):
    turns = [PARCEL, (A, announce), (A, "Is there anything else I can help with?"), (C, "no")]
    assert _hold(turns).status is NA


@pytest.mark.parametrize("announce", [
    # the sentences after the check only speak of the wait
    "Let me look into it. It'll be about two minutes.",
    "Let me check the courier's notes. Are you happy to wait a couple of minutes?",
    "I'll check with the depot, it may take a few minutes. Is that ok?",
    "Let me dig into the tracking. Should take a minute or so.",
    # courtesy about the wait after the check is still only the wait (review of round 13)
    "Let me look into it, it'll take a minute. Thanks so much for your patience.",
    "I'll check with the depot, it takes a minute. Really appreciate your patience!",
    "Let me dig into the tracking, two minutes. Sorry about the wait.",
    "Let me check the courier's notes, it'll be a minute. Please stay on the chat.",
    "Let me look. Thanks for bearing with me, it may take a few minutes.",
])
def test_an_announced_wait_is_still_a_hold(announce):
    turns = [PARCEL, (A, announce), (A, "It's out for delivery today, it comes before 6pm."),
             (C, "ok")]
    result = _hold(turns)
    assert result.status is MISSED, result.explanation
    assert [e.label for e in result.evidence if e.role is csnlp.EvidenceRole.HOLD] == \
        ["announced"]


def test_many_announced_checks_in_one_long_turn_are_read_once(monkeypatch):
    """The turn's sentences are read once, not once per check (was quadratic)."""
    import csnlp.detectors.kinds.hold as hold

    calls = []
    real = hold._only_the_wait
    monkeypatch.setattr(hold, "_only_the_wait", lambda sentence: calls.append(1) or real(sentence))
    _hold([PARCEL, (A, "Let me check. " * 200), (A, "It's out for delivery today.")])
    assert len(calls) <= 2 * 200


# -- 2. thanks for the patience in a goodbye is a closing, not a return from hold ----------------
@pytest.mark.parametrize("answer, goodbye", [
    ("The replacement card is on its way to you.", "Thanks for your patience, Omar, take care now."),
    ("Your booking has moved to Friday at ten.",
     "Thank you for your patience, and enjoy the rest of your week!"),
    ("That's your address updated on the account.",
     "Thanks so much for waiting today, have a great weekend and bye for now"),
])
def test_thanks_for_patience_in_a_goodbye_is_no_hold(answer, goodbye):
    turns = [(C, "can you sort my account out"), (A, answer), (A, goodbye)]
    assert _hold(turns).status is NA


def test_thanks_for_patience_before_the_answer_is_still_a_hold():
    # the thanks goes on to the answer: the agent was away, whatever the goodbye after it
    turns = [(C, "can you sort my account out"), (A, "Ok, noted."),
             (A, "Thanks for your patience, the new card is on its way, have a good day!"),
             (C, "great")]
    assert _hold(turns).status is MISSED


# -- 3. "hello??" after the customer's problem, answering the agent's opening, is a slow reply ---
@pytest.mark.parametrize("turns", [
    [(A, "Hi, you're through to Brightwave support, how can I help?"),
     (C, "my router drops the connection every evening"), (C, "hello??"),
     (A, "Sorry about that! Let's run a line check together."), (C, "ok")],
    [(C, "hiya"), (A, "Hello, Brightwave support here, what can I do for you?"),
     (C, "the wifi light keeps flashing orange"), (C, "hello? anyone there"),
     (A, "Sorry for the slow reply! An orange light means the line is down."), (C, "ok")],
    # a bare "??" is no question whether anyone is there
    [(C, "my router drops every evening"), (A, "Hi there, what's your account number?"),
     (C, "BW-4471"), (C, "??"), (A, "Thanks, I can see a fault on your line."), (C, "ok")],
])
def test_a_slow_first_reply_or_a_bare_question_mark_is_no_hold(turns):
    assert _hold(turns).status is NA


def test_hello_after_answering_the_agents_question_is_still_a_hold():
    # the customer wrote first, answered the agent's question, and the agent went quiet
    turns = [(C, "my router drops every evening"), (A, "Hi there, what's your account number?"),
             (C, "BW-4471"), (C, "hello??"), (A, "Thanks, I can see a fault on your line."),
             (C, "ok")]
    result = _hold(turns)
    assert result.status is MISSED
    assert [(e.turn_index, e.label) for e in result.evidence
            if e.role is csnlp.EvidenceRole.HOLD] == [(1, "prompted")]


# -- 4. a token pattern testing its word two or three ways keeps every test --------------------
@pytest.mark.parametrize("token, kept", [
    ({"LOWER": {"IN": ["Invoice", "invoices"]}, "TEXT": {"NOT_IN": ["invoices"]}},
     [{"IN": ["invoice", "invoices"]}, {"NOT_IN": ["invoices"]}]),
    ({"NORM": {"REGEX": "^re"}, "LOWER": {"NOT_IN": ["refund"]}},
     [{"REGEX": "^re"}, {"NOT_IN": ["refund"]}]),
    # three tests: the third is combined with one of the others, none is lost
    ({"ORTH": {"NOT_IN": ["fee"]}, "LOWER": {"REGEX": "^f"}, "TEXT": {"NOT_IN": ["fine"]}},
     [{"NOT_IN": ["fee"]}, {"REGEX": "^f", "NOT_IN": ["fine"]}]),
])
def test_lower_token_keeps_every_test_of_the_word(token, kept):
    from csnlp.nlp.rules import _lower_token

    out = _lower_token(token)
    assert set(out) == {"ORTH", "LOWER"}
    assert sorted(map(repr, (out["ORTH"], out["LOWER"]))) == sorted(map(repr, kept))


def _invoice_rule(token: dict) -> dict:
    return {"schema_version": 1, "name": "t", "version": "1", "standards": [
        {"id": "one_invoice", "check": "require", "title": "Name the invoice", "speaker": "agent",
         "match": {"patterns": [[{"LOWER": "the"}, token]]}}]}


@pytest.mark.parametrize("token", [
    {"LOWER": {"IN": ["invoice", "invoices"]}, "TEXT": {"NOT_IN": ["invoices"]}},
    {"TEXT": {"IN": ["invoice", "invoices"]}, "NORM": {"NOT_IN": ["invoices"]}},
])
@pytest.mark.parametrize("reply, status", [
    ("I've resent the invoice.", MET),
    ("I've resent the invoices.", MISSED),
    ("I've resent the receipt.", MISSED),
])
def test_a_token_pattern_with_two_word_tests_applies_both(token, reply, status):
    call = {"turns": [{"speaker": "customer", "text": "I never got it"},
                      {"speaker": "agent", "text": reply}]}
    report = csnlp.evaluate(call, _invoice_rule(token), tone_model=None, act_model=None,
                            redact=False)
    assert report["one_invoice"].status is status


# -- 5. "again" after a fault, not after a state back to normal, is a complaint -----------------
class _Frustrated:
    """A tone model that reads the turn `text` as frustrated (0.95) and every other as calm, so
    that only the detector decides whether the turn is a plain answer."""

    labels = ("polite", "frustrated", "grateful")
    model_id = "test-frustrated"

    def __init__(self, text: str) -> None:
        self.text = text

    def predict_proba(self, texts):
        return np.array([[0.9, 0.95 if t == self.text else 0.05, 0.1] for t in texts])


def _empathy(turns: list[tuple], answer: str) -> csnlp.StandardResult:
    return judge(turns, tone_model=_Frustrated(answer))["empathy_on_complaint"]


@pytest.mark.parametrize("answer, status", [
    ("yeah the warning is back again", MISSED),
    ("yep the printer's playing up again", MISSED),
    ("ok but now it wants me to sign in again", MISSED),
    ("ok it made me log in again", MISSED),
    # a state that means the fault is gone is still good news
    ("yep the scanner's back on again", NA),
    ("yeah it's up and running again", NA),
])
def test_again_after_a_fault_is_read_by_tone(answer, status):
    turns = [(A, "hi, how can I help?"), (C, "can you look at my office printer"),
             (A, "I've pushed a fix from our side, is it behaving now?"), (C, answer),
             (A, "okay, thanks for letting me know")]
    assert _empathy(turns, answer).status is status


@pytest.mark.parametrize("text, grievance", [
    ("yeah the warning is back again", True),
    ("yep it keeps acting up again", True),
    ("ok it made me log in again", True),
    ("yes and it stopped printing, it's not working again", True),
    ("yeah it's working again", False),
    ("yep the scanner's back on again", False),
    # back on, up or in after "is" or "get", no fault named (review of round 13)
    ("yep the portal is up again", False),
    ("the heating's on again, lovely", False),
    ("great, I can get in again", False),
    ("oh the wifi's back again", False),
    ("no need to worry, working again", False),
    ("the error banner is up again", True),
])
def test_grievance_reads_the_state_before_again(text, grievance):
    from csnlp.detectors.kinds.respond import _grievance

    assert _grievance(text) is grievance


# -- 6. the customer asked to check something gives no details: the reply is read by tone ------
def _reset_call(asked: str, answer: str) -> list[tuple]:
    return [(A, "Hello, Fernway Energy, how can I help?"),
            (C, "I need to reset my online account password."), (A, asked), (C, answer),
            (A, "Okay, that's done now.")]


@pytest.mark.parametrize("asked, answer, status", [
    # a task for the customer, not details asked for: the reply's tone is read
    ("Can you check your email for the reset code?", "I have looked, my inbox is empty apart from spam",
     MISSED),
    ("Could you verify your email address is getting our messages?",
     "not one message from you in a fortnight", MISSED),
    # the agent checking details: an answer of data is no complaint
    ("Can I check your email address please?", "it's m.okafor at northmail dot com", NA),
    # a complaint inside a details answer still triggers empathy
    ("Could you confirm your postcode?",
     "LS6 2QT, and that's the fourth time I've given it to you today", MISSED),
])
def test_a_task_asked_of_the_customer_is_no_request_for_details(asked, answer, status):
    assert _empathy(_reset_call(asked, answer), answer).status is status


@pytest.mark.parametrize("answer, status", [
    # details said to have been given before: a repeat contact, read by the tone model
    ("same as I gave your colleague on Monday, LS6 2QT", MISSED),
    ("LS6 2QT, which I already gave the chatbot", MISSED),
    ("LS6 2QT, same as last time", MISSED),
    # plain details, whatever the tone model reads in them
    ("LS6 2QT, and the flat number is 4", NA),
])
def test_details_given_before_are_read_by_tone(answer, status):
    asked = "Could you confirm your postcode?"
    assert _empathy(_reset_call(asked, answer), answer).status is status
