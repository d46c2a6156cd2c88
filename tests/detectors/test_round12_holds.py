"""Round twelve, holds without timings: in a chat or e-mail thread (or any untimed transcript)
the order of the turns shows a hold. The agent writes again with no customer reply between,
after saying it will go and check and for how long, or opening with thanks for the wait; or
the customer asks whether anyone is still there. Sentences here are written for the tests."""

from __future__ import annotations

import dataclasses

import pytest

import csnlp

from .conftest import judge

MET, MISSED, NA = csnlp.Status.MET, csnlp.Status.MISSED, csnlp.Status.NOT_APPLICABLE
A, C = "agent", "customer"
CHAT = {"channel": "chat"}


def _hold(turns: list[tuple], metadata: dict | None = None) -> csnlp.StandardResult:
    return judge(turns, metadata=CHAT if metadata is None else metadata)["hold_etiquette"]


OPEN = (C, "my smart meter stopped sending readings last week")


@pytest.mark.parametrize("turns, status", [
    # announced with how long, and thanked when the agent is back
    ([OPEN, (A, "Hello, I'm Priti. I'll run a remote reset now, it takes around five minutes."),
      (A, "Thanks for bearing with me! The meter is talking to us again. Can you see today's "
          "reading in the app?"), (C, "yes it's there")], MET),
    ([OPEN, (A, "Hi! Let me check the signal logs, give me two minutes to pull them up."),
      (A, "Thanks so much for waiting. The logs show a weak signal and I've boosted it."),
      (C, "ok")], MET),
    # announced, not thanked
    ([OPEN, (A, "Hi, allow me a moment to reset the meter remotely."),
      (A, "The meter has been reset and readings will resume tonight."), (C, "ok")], MISSED),
    # thanked, never asked: the agent just went away
    ([OPEN, (A, "Hi there. What's your meter serial?"), (C, "SM-88211"),
      (A, "Ok, got it."), (A, "Thanks for your patience, the reset went through and readings "
                             "will resume tonight."), (C, "great")], MISSED),
    # the customer had to ask whether anyone was there
    ([OPEN, (A, "Hi, what's the meter serial?"), (C, "SM-88211"), (C, "hello?? anyone there"),
      (A, "Yes, the reset went through and readings will resume tonight."), (C, "ok")], MISSED),
    ([OPEN, (A, "Hi, what's the meter serial?"), (C, "SM-88211"), (C, "u still there?"),
      (A, "Sorry! Thanks for waiting, the reset went through."), (C, "ok")], MISSED),
])
def test_untimed_holds_read_from_the_order_of_turns(turns, status):
    result = _hold(turns)
    assert result.status is status, result.explanation


@pytest.mark.parametrize("turns", [
    # two agent messages in a row that are no wait: a greeting, then the answer
    [OPEN, (A, "Hi, I'm Priti!"), (A, "Readings resume after tonight's update."), (C, "ok")],
    # a plain "let me look" followed by the answer: no wait the customer notices
    [OPEN, (A, "Hi, I'm Priti. Let me look."), (A, "Readings resume after tonight's update."),
     (C, "thanks")],
    # the announcement is not the end of the turn: the agent answers in it
    [OPEN, (A, "Let me check, it'll take a minute. Right, the meter resets tonight. It needs "
               "no action from you."), (A, "Anything else?"), (C, "no")],
    # thanks for the patience in the goodbye, after the customer's reply
    [OPEN, (A, "Readings resume after tonight's update."), (C, "ok."),
     (A, "Thank you for your patience. Goodbye.")],
    # a customer turn between that is no prompt: the conversation went on
    [OPEN, (A, "Let me check, it'll take a minute."), (C, "sure, it's SM-88211 if you need it"),
     (A, "Got it, thank you. Readings resume tonight.")],
    # "hi" between two agent messages is a greeting, not a prompt
    [(A, "Hello, I'm Priti from Voltline."), (C, "hi"), (A, "How can I help today?"),
     (C, "what's my balance"), (A, "It's 12 pounds in credit.")],
])
def test_no_hold_where_the_order_shows_no_wait(turns):
    assert _hold(turns).status is NA


def test_timed_threads_are_left_to_the_silences():
    # with timings the silence decides: the next message 10 s later is no hold
    turns = [(C, "my smart meter stopped sending readings", 0.0, 3.0),
             (A, "Let me check the logs, give me a few minutes to pull them up.", 5.0, 8.0),
             (A, "Found it: the reset is done and readings resume tonight.", 18.0, 22.0)]
    assert _hold(turns).status is NA
    # ... unless the agent's very next message opens thanking the customer for the wait: by
    # its own account it was a hold (round 27: a writer of wave 24 labelled a 12 s "one moment"
    # thanked at once a hold, announced and thanked)
    turns[2] = (A, "Thanks for waiting, the reset is done and readings resume tonight.", 18.0,
                22.0)
    assert _hold(turns).status is MET


def test_the_option_turns_it_off():
    pack = csnlp.load_standards("contact_center")
    off = dataclasses.replace(pack, standards=tuple(
        s.model_copy(update={"untimed_holds": False}) if s.id == "hold_etiquette" else s
        for s in pack.standards))
    turns = [OPEN, (A, "Hi, allow me a moment to reset the meter remotely."),
             (A, "Thanks for waiting, readings resume tonight."), (C, "ok")]
    assert _hold(turns).status is MET
    report = judge(turns, off, metadata=CHAT)
    assert report["hold_etiquette"].status is NA


def test_evidence_names_the_turn_and_how_the_hold_was_read():
    turns = [OPEN, (A, "Hi, what's the meter serial?"), (C, "SM-88211"), (C, "are you there?"),
             (A, "Yes, the reset went through."), (C, "ok")]
    result = _hold(turns)
    hold = [e for e in result.evidence if e.role is csnlp.EvidenceRole.HOLD]
    assert [(e.turn_index, e.label) for e in hold] == [(1, "prompted")]


@pytest.mark.parametrize("turns, status", [
    # the customer agreed to the announced wait, and the agent came back thanking them
    ([OPEN, (A, "Hi, I'm Priti. I need a few minutes to check the meter logs, is that okay?"),
      (C, "sure"), (A, "Thanks for holding. The meter lost signal and I've reset it."),
      (C, "ok")], MET),
    ([OPEN, (A, "Hi! I'll check with the engineers, it can take 5-10 minutes. Ok to wait?"),
      (C, "ya fine"), (A, "The meter has been reset remotely."), (C, "ok")], MISSED),
])
def test_a_wait_the_customer_agreed_to(turns, status):
    result = _hold(turns)
    assert result.status is status, result.explanation


def test_thanks_for_patience_after_an_ok_is_a_closing_not_a_hold():
    turns = [OPEN, (A, "Hi, I've reset the meter and readings resume tonight."), (C, "ok thanks"),
             (A, "Thanks for your patience, have a lovely evening and take care!")]
    assert _hold(turns).status is NA
