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
    ("Salut Amira! 🙂 Dorian here from Kestrel Rail, what can I do for you?", MET),
    ("Evening! Hollis here from Quayside Energy. What's up?", MET),
    ("Hey there! Grace here from Pinewood Vets, how can I help?", MET),  # a name that is a word
    ("Sure. Press here from the Settings page.", MISSED),    # an imperative, not a name
    ("Sure. Collect here from Tuesday onwards.", MISSED),    # a day after "from"
    # (review) words before "here" that are no name
    ("Still here! Just checking that for you.", MISSED),
    ("Link here: https://help.example.com/reset", MISSED),
    ("Welcome here at Loopline, how can we help?", MISSED),
    ("Available here from June, I'm afraid.", MISSED),
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
    ("does tuesday after two o'clock still suit you", MET),
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
    # (round 23) an arrangement offered is a check, as the writers of waves 3 and 20 read it
    # ("Would the Thursday afternoon flight suit you?", "would a courier bringing it thursday
    # morning work for you"); round twenty's review had read it as an offer
    ("would a courier collection on monday morning suit you", MET),
    # (review) requests, offers and consent asked, not checks
    ("have you got the receipt handy?", MISSED),
    ("do you feel comfortable with us keeping your card on file?", MISSED),
    ("are you able to print a label at home now?", MISSED),
    ("are you able to call us back again tomorrow", MISSED),
    ("did you get the confirmation text from the last engineer visit", MISSED),
    ("lmk when the engineer arrives", MISSED),
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
    # harm said of the event was tried and dropped: own slips are told the same way ("it was
    # embarrassing, I put the wrong date in myself"; second review)
    ("my card failed at the till twice and it was humiliating",
     "I've unblocked the card now.", NA),
    # (review) "sorry" asking to hear a detail again is no empathy either
    ("my phone came cracked and nobody answered three emails, not acceptable",
     "sorry i didn't catch your name, can you repeat it", MISSED),
    ("my phone came cracked and nobody answered three emails, not acceptable",
     "Totally get it replaced for you today.", MISSED),
])
def test_empathy_by_mechanism(customer, agent, status):
    result = _empathy(customer, agent)
    assert result.status is status, result.explanation


@pytest.mark.parametrize("customer", [
    "so this is embarrassing, I think I paid the wrong account",  # an own mistake owned
    "I was crying laughing at your advert, anyway can I add a line?",
    "I'm literally crying, thank you so much for finding it",   # tears of joy
    # (review) the customer's own slip, and tears of joy with no thanks
    "I'm so embarrassed, I typed my own email address wrong. Can you change it?",
    "that was embarrassing, i got my own birthday wrong on the form",
    "i'm crying lol that's the best news all week",
])
def test_calm_lines_with_feeling_words_stay_calm(customer):
    assert _empathy(customer, "Sure, done.").status is NA


@pytest.mark.parametrize("agent, status", [
    ("honestly whoever packed this must be a clown, I'll send another", MISSED),
    ("the installers were a bunch of cowboys, I'm sorry", MISSED),
    ("well you really should have read the terms before ordering", MISSED),
    ("if you had checked the sizing chart carefully you'd have seen it", MISSED),
    ("had you read your renewal letter properly you would know", MISSED),
    ("you seriously need to pay more attention to the dates", MISSED),
    # "keep track of / an eye on your balance" was tried and dropped: it is also advice
    ("you should keep an eye on your balance, the refund lands there tomorrow", MET),
    ("you really ought to double check these things", MISSED),
    # (round 21) advice on what to look at next time is blame, prohibited_language's
    ("please look at the dates more carefully next time", MISSED),
    # an order to read next time is condescension, polite_tone's (test_probe7_misc)
    ("read the confirmation properly next time, it's all there", MET),
    ("you must be scanning the old code wrong", MISSED),
    ("if you'd actually opened the letter you'd know", MISSED),
    # not blame: advice on a step, a third party to check with
    ("you should keep an eye on your inbox for the code", MET),
    ("you might want to double check with your bank too", MET),
    ("if you actually want the upgrade I can add it today", MET),
    # not blame: what was owed, a question, a party booking
    ("you really should have received the code by now, sorry", MET),
    ("had you read the email before you rang us?", MET),
    ("we've booked the clown show for Saturday's party", MET),
    # (review) a product, a saying, what the pack holds, an instruction
    ("Yes, that jersey is a Cowboys jersey.", MET),
    ("Honestly it's a fool's errand to chase it before Friday.", MET),
    ("you definitely should have two SIM cards in the pack", MET),
    ("you really should have seen a confirmation email by now", MET),
    ("If you followed the steps correctly the light should now be green.", MET),
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
    # (review) a word that starts like the name, a colleague, someone spoken of
    ("hi it's holden price", "okay hold on one sec", MISSED),
    ("hi its carla diaz", "okay car insurance is next", MISSED),
    ("hi its poppy lane", "okay pop your postcode in", MISSED),
    ("Hi, I'm Alexandra Reid.", "Okay, Alex from our billing team will call.", MISSED),
    ("hi its tom hale", "my manager mr hall will call you", MISSED),
    ("hi its ann ross", "okay dr rose has signed it off", MISSED),
    ("hi its mrs bell", "so you don't miss bill payments", MISSED),
    ("hi it's anna nowak", "miss novak in accounts will email you", MISSED),  # a colleague
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
    ("Reference?", NA), ("Wait.", MISSED), ("ok wait", MISSED), ("Just wait.", MISSED),
    ("ok I'll pull it up, wait", NA), ("Oh wait.", NA), ("There's a six month wait.", NA),
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


def test_a_thing_a_booking_is_listed_under_is_no_name():
    report = judge([("agent", "what's it listed under on the receipt?"),
                    ("customer", "Accessories"), ("agent", "thanks, one moment")])
    assert report["customer_name"].status is NA, report["customer_name"].explanation


def test_an_offer_in_the_turn_that_fears_worse_still_counts():
    report = judge([("agent", "Hello."), ("customer", "my line is dead"),
                    ("agent", "Booked before anything else breaks, anything else I can do "
                              "for you today?"), ("customer", "no")])
    assert report["further_assistance"].status is MET


@pytest.mark.parametrize("chase, channel, status", [
    ("are you there? it has been 15 minutes", "chat", MISSED),
    ("been 10 min, are you still there?", "chat", MISSED),
    ("hello? 20 minutes and counting", "chat", MISSED),
    ("hello? waiting 15 mins here", "chat", MISSED),
    # letters: a customer waiting for a reply is not on hold
    ("Hello? Anyone there? It's been 3 hours.", "email", NA),
    ("Hello? Anyone there? It's been 3 hours.", "twitter", NA),
])
def test_chases_by_channel(chase, channel, status):
    report = judge([("customer", "Hi, is the blue kettle back in stock?"),
                    ("agent", "Hi, Priya here. Which size?"), ("customer", "1.7 litre"),
                    ("customer", chase), ("agent", "Yes, it's back on Friday."),
                    ("customer", "great")], metadata={"channel": channel})
    assert report["hold_etiquette"].status is status, report["hold_etiquette"].explanation


@pytest.mark.parametrize("turns, status", [
    # events logged answer nobody: the customer was left unanswered
    ([("system", "Chat started"), ("customer", "hello? I need help with my refund"),
      ("system", "Customer left the chat")], MISSED),
    # nobody speaks at all: nothing to judge
    ([("customer", "[noise]"), ("agent", "[noise]")], NA),
    ([("system", "Conversation assigned to queue"), ("customer", "hi, my order never came"),
      ("system", "Chat ended")], MISSED),
    # automation speaking to the customer: the conversation never reached an agent
    ([("system", "All our advisers are busy, please hold."), ("customer", "hello?")], NA),
])
def test_who_else_speaks_when_the_agent_is_silent(turns, status):
    report = judge(turns)
    assert report["greeting"].status is status, report["greeting"].explanation
    assert report["polite_tone"].status is NA


def test_a_bare_hello_before_more_words_is_no_chase():
    """Untimed, a bare "hello?" makes a hold only as the customer's last word before the agent
    answers: "hello?" and then the order number is the customer going on, not waiting."""
    report = judge([("customer", "Hi, is the blue kettle back in stock?"),
                    ("agent", "Hi, Priya here. Which size?"), ("customer", "hello?"),
                    ("customer", "oh sorry, 1.7 litre"), ("agent", "Yes, it's back on Friday."),
                    ("customer", "great")], metadata={"channel": "chat"})
    assert report["hold_etiquette"].status is NA, report["hold_etiquette"].explanation
