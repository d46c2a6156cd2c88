"""Round twenty, from wave 17's disagreements, by mechanism: the agent's "<name> here" after an
emoji or with its company after it; outcome checks with a longer subject ("does Tuesday after
two still suit you"), the customer able to do what failed, what the fix brought received, a
fix someone else made as the point checks follow; "sorry" for a bad line is no empathy, "totally
get it" is; harm felt said of the event; a person called a fool by a noun, blame with the
adverb before "should", the customer's care put as a condition; "before anything else happens"
is no offer; names learned from "what's the booking under", read back after "under" or "as",
a short form of the first name, a titled surname one letter off in speech recognition.
Sentences here are written for the tests."""

from __future__ import annotations

import pytest

import csnlp

from .conftest import judge

MET, MISSED, NA = csnlp.Status.MET, csnlp.Status.MISSED, csnlp.Status.NOT_APPLICABLE


@pytest.mark.parametrize("agent, status", [
    ("Salut Amira! 🙂 Dorian here, what can I do for you?", MET),
    ("Evening! Hollis here from Quayside Energy. What's up?", MET),
    ("Hey there! Grace here from Pinewood Vets, how can I help?", MET),  # a name that is a word
    ("Sure. Press here from the Settings page.", MISSED),    # an imperative, not a name
    ("Sure. Collect here from Tuesday onwards.", MISSED),    # a day after "from"
])
def test_a_typed_name_here_after_an_emoji_or_before_its_company(agent, status):
    report = judge([("agent", agent), ("customer", "hi, quick question")])
    assert report["agent_introduction"].status is status, report[
        "agent_introduction"].explanation


def _check(question: str, answer: str = "yes") -> csnlp.StandardResult:
    return judge([("customer", "my broadband has been dropping all week"),
                  ("agent", "I've reset the line from our side."),
                  ("customer", "ok"), ("agent", question), ("customer", answer),
                  ("agent", "Thanks for calling, bye.")])["resolution_check"]


@pytest.mark.parametrize("question, status", [
    ("would tuesday after two o'clock still suit you", MET),
    ("does the ninth in the morning work for you", MET),
    ("are you able to stream the match on the tv now", MET),
    ("did you receive the refund confirmation email", MET),
    ("let us know if the playlist plays", MET),
    ("do you feel more confident about the next steps now?", MET),
    ("could you let me know whether you've been able to print it?", MET),
    ("please let us know that the new slot works for you", MET),
    ("lmk if that helps!", MET),
    ("do you feel unwell at all?", MISSED),
    # a request, and a choice offered, not checks
    ("are you able to send me a photo of the router now", MISSED),
    ("would another day or a shorter visit suit you", MISSED),
])
def test_outcome_checks_in_longer_frames(question, status):
    result = _check(question)
    assert result.status is status, result.explanation


def test_a_fix_someone_else_made_is_what_a_check_follows():
    """The check follows the engineer's fix the agent reports; the window no longer starts
    at the agent's own later goodwill credit."""
    result = judge([
        ("customer", "fourth outage this month and I work from home"),
        ("agent", "That's rotten, sorry. One moment while I ask the network team."),
        ("agent", "Thanks for waiting. A technician replaced the faulty card this morning."),
        ("agent", "is the line back up on your side now?"), ("customer", "yes it is"),
        ("customer", "but I lost half a day's work"),
        ("agent", "I'm sorry. I've added a £10 credit to your account."),
        ("agent", "Anything else?"), ("customer", "no"), ("agent", "Take care, bye."),
    ])["resolution_check"]
    assert result.status is MET, result.explanation


def _empathy(customer: str, agent: str) -> csnlp.StandardResult:
    return judge([("agent", "Hi, Dunmore Home, how can I help?"), ("customer", customer),
                  ("agent", agent), ("customer", "ok"),
                  ("agent", "Right, I've logged it.")])["empathy_on_complaint"]


@pytest.mark.parametrize("customer, agent, status", [
    # sorry for the line, not the harm
    ("the sofa came ripped down one side and nobody rang me, not good enough",
     "sorry you're breaking up a bit, what was the order number", MISSED),
    ("the sofa came ripped down one side and nobody rang me, not good enough",
     "sorry i couldn't quite hear that, can you say the order number", MISSED),
    # ... unless the turn says more
    ("the sofa came ripped down one side and nobody rang me, not good enough",
     "sorry i didn't catch that, and I'm so sorry about the sofa", MET),
    ("ugh that's irritating but fine", "totally get it, lots of people get caught out", MET),
    ("my card failed at the till twice and it was humiliating",
     "I've unblocked the card now.", MISSED),
    ("I'm literally crying, my photos are all gone from the app",
     "Can you send me your username?", MISSED),
])
def test_empathy_by_mechanism(customer, agent, status):
    result = _empathy(customer, agent)
    assert result.status is status, result.explanation


@pytest.mark.parametrize("customer", [
    "so this is embarrassing, I think I paid the wrong account",  # an own mistake owned
    "I was crying laughing at your advert, anyway can I add a line?",
    "I'm literally crying, thank you so much for finding it",   # tears of joy
])
def test_calm_lines_with_feeling_words_stay_calm(customer):
    assert _empathy(customer, "Sure, done.").status is NA


@pytest.mark.parametrize("agent, status", [
    ("honestly whoever packed this must be a clown, I'll send another", MISSED),
    ("the installers were a bunch of cowboys, I'm sorry", MISSED),
    ("well you really should have read the terms before ordering", MISSED),
    ("if you had checked the sizing chart carefully you'd have seen it", MISSED),
    ("had you read your renewal letter properly you would know", MISSED),
    # not blame: what was owed, a question, a party booking
    ("you really should have received the code by now, sorry", MET),
    ("had you read the email before you rang us?", MET),
    ("we've booked the clown show for Saturday's party", MET),
])
def test_prohibited_language_by_mechanism(agent, status):
    report = judge([("customer", "hi, about my order"), ("agent", agent),
                    ("customer", "ok")])
    assert report["prohibited_language"].status is status, report[
        "prohibited_language"].explanation


def test_anything_else_that_may_go_wrong_is_no_offer():
    report = judge([("agent", "Hello, Wirral Telecom."), ("customer", "my line cut out again"),
                    ("agent", "let's book an engineer before anything else goes wrong"),
                    ("customer", "ok")])
    assert report["further_assistance"].status is MISSED
    offered = judge([("agent", "Hello."), ("customer", "my line cut out"),
                     ("agent", "Booked. If anything else comes up, give us a shout."),
                     ("customer", "ok")])
    assert offered["further_assistance"].status is MET


@pytest.mark.parametrize("question", [
    "what's the booking under?", "what name is the reservation under?",
    "and who is the order under?", "is that under Ms Lindqvist?",
])
def test_a_bare_answer_to_what_a_booking_is_under_is_the_name(question):
    report = judge([("agent", "Hi, Hartwell Hotels."), ("customer", "I need to move my stay"),
                    ("agent", question), ("customer", "yes, Ingrid Lindqvist"),
                    ("agent", "Thank you Ms Lindqvist, one moment.")])
    assert report["customer_name"].status is MET, report["customer_name"].explanation
    assert any(e.role is csnlp.EvidenceRole.STATED_NAME
               for e in report["customer_name"].evidence)


@pytest.mark.parametrize("agent", [
    "Lovely, that's booked under Ingrid Lindqvist for two nights.",
    "The room is now reserved as Ms Lindqvist.",
    "It's all in the name of Ingrid Lindqvist.",
])
def test_a_name_read_back_as_a_label_is_not_addressing_the_customer(agent):
    report = judge([("agent", "Hi, Hartwell Hotels."),
                    ("customer", "Hi, I'm Ingrid Lindqvist, I'd like a room"),
                    ("agent", agent), ("customer", "great")])
    assert report["customer_name"].status is MISSED, report["customer_name"].explanation


@pytest.mark.parametrize("customer, agent, status", [
    ("hi it's bartholomew hayes", "thanks bart let me look", MET),       # a short form
    ("Hi, I'm Samantha Ortiz.", "Hi Sam, let me look.", MET),
    ("hi it's oskar nowicki", "thank you mister novicki one moment", MET),  # one letter off
    ("hi it's marta lowe", "okay mart let me look", MISSED),   # one letter short: no form
    ("Hi, I'm Bartholomew Hayes.", "Okay Bar tho lomew, done.", MISSED),  # split, not short
    ("hi it's oskar nowicki", "i'll tell mister novicki's team", MISSED),  # spoken of
    ("Hi, I'm Samantha Ortiz.", "Sure, sam.", MISSED),  # typed, not capitalised
])
def test_other_forms_of_the_name(customer, agent, status):
    report = judge([("agent", "hello, Corbel Bank"), ("customer", customer),
                    ("agent", agent), ("customer", "ok")])
    assert report["customer_name"].status is status, report["customer_name"].explanation


@pytest.mark.parametrize("chase", [
    "hello?? anyone there? been 15 mins",
    "are you still there? it's been twenty minutes now",
    "hello? been sitting here 10 minutes",
])
def test_a_customer_chasing_a_silent_agent_marks_an_unannounced_hold(chase):
    """In a chat the agent went quiet without a word: the customer chasing it, with how long
    they waited, shows the hold the agent never announced (thanked after or not)."""
    report = judge([("customer", "Hi, is the blue kettle back in stock?"),
                    ("agent", "Hi, Priya here. Which size?"), ("customer", "1.7 litre"),
                    ("customer", chase),
                    ("agent", "Thanks for your patience! Yes, it's back on Friday."),
                    ("customer", "great")], metadata={"channel": "chat"})
    result = report["hold_etiquette"]
    assert result.status is MISSED, result.explanation
    assert "not asked for or explained" in result.explanation


@pytest.mark.parametrize("chase", [
    "sorry, you still there? had to grab the door",   # the customer was away
    "hello? the app says 10 mins for delivery, is that right?",  # a question, not a chase
])
def test_other_customer_turns_are_no_chase(chase):
    report = judge([("customer", "Hi, is the blue kettle back in stock?"),
                    ("agent", "Hi, Priya here. Which size?"), ("customer", "1.7 litre"),
                    ("customer", chase), ("agent", "Yes, it's back on Friday."),
                    ("customer", "great")], metadata={"channel": "chat"})
    assert report["hold_etiquette"].status is NA, report["hold_etiquette"].explanation


@pytest.mark.parametrize("agent, status", [
    ("Reference?", NA), ("Wait.", MISSED), ("ok I'll pull it up, wait", MISSED),
    ("you'll just have to wait", NA), ("I can't wait to hear how it goes", NA),
    ("Checking the tracker now. Sorry about the wait.", NA),
])
def test_a_bare_wait_puts_the_customer_on_hold(agent, status):
    report = judge([("customer", "where is my refund"), ("agent", agent),
                    ("agent", "It went out yesterday."), ("customer", "ok")],
                   metadata={"channel": "chat"})
    assert report["hold_etiquette"].status is status, report["hold_etiquette"].explanation


@pytest.mark.parametrize("customer, first", [
    ("yeah it's q r five five one t under wiremu tane", "wiremu"),   # after a spoken reference
    ("the code is 77 40 12 under halvorsen", "halvorsen"),
    ("i need to move it it's under okafor chidi okafor date of birth third of may", "chidi"),
    ("Ref 5512. The account holder is Maren Solberg, that's me.", "maren"),
])
def test_a_name_given_after_under_or_owned_as_me_is_known(customer, first):
    report = judge([("agent", "hello, Harbour Rail"), ("customer", customer),
                    ("agent", f"thanks {first} one moment"), ("customer", "ok")])
    assert report["customer_name"].status is MET, report["customer_name"].explanation


@pytest.mark.parametrize("customer", [
    "the boiler is 2 under warranty still", "flat 3 under the stairs got flooded",
    "the claim 4 under review since march",
])
def test_a_thing_under_something_is_no_name(customer):
    report = judge([("agent", "hello, Harbour Homes"), ("customer", customer),
                    ("agent", "okay one moment"), ("customer", "ok")])
    assert report["customer_name"].status is NA, report["customer_name"].explanation
