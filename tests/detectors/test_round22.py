"""Round twenty-two, from wave 19's disagreements, by mechanism: first names that are words
given after "my name's" or "I'm" in speech; a caller who shares the agent's name giving the
surname after "too"; a bare "name" ending the agent's turn and "name on the account?"; a full
name after "Hi." or closing the opening message after "It's"; a company's "X & Y" is no name
greeted; a sentence in capitals names nobody; the agent signing after "Thanks again,"; bot
labels, roles before the name and operations teams in introductions; "morning it's ..."
greets; thanks and goodbyes in other languages close; outcome checks asked with a tag, "to
make sure it works?", "Good?", "was this answer helpful?", after a dash; a hold consent is no
check; an agent that never speaks checks nothing; a queue's "please hold for the next
advisor" explains the hold, the agent's "I'll hold on" is none, "I can ... it takes a minute,
okay?" thanked after is one, and a chat's "hello??" after the agent went quiet ends one;
"settle down" said of things and "whatever happens" are no dismissal; what the customer should
have checked first, or failed to, and a slip put on their side are blame; a price called steep,
the agent's silence mocked, a charge for what the customer never did, a decision contested are
complaints; a customer's own slip owned is calm; sympathy for an illness, for a bad line and a
bot's "didn't understand" are no empathy; knowing how stressful it is, and granting the point,
are. Sentences here are written for the tests."""

from __future__ import annotations

import pytest

import csnlp

from .conftest import assert_verdict, verdict

MET, MISSED, NA = csnlp.Status.MET, csnlp.Status.MISSED, csnlp.Status.NOT_APPLICABLE


def _verdict(standard: str, turns: list, channel: str = "chat", **metadata) -> csnlp.StandardResult:
    """The standard's result for turns given as ("A" or "C", text[, start, end]), with the
    shipped models."""
    return verdict(standard, [(t[0], t[1] if len(t) == 2 else t[1:]) for t in turns], channel,
                   **metadata)


# -- names -------------------------------------------------------------------------------

@pytest.mark.parametrize("turns, status", [
    # a first name that is also a word, after "my name's" or opening "I'm", in speech
    ([("A", "thanks for calling this is kemi how can i help"),
      ("C", "hiya my name's will will okafor my router keeps dropping"),
      ("A", "oh no right i will reset it from here thanks will")], MET),
    ([("A", "thanks for calling this is kemi how can i help"),
      ("C", "hi i'm bill and my direct debit went out twice"),
      ("A", "oh no sorry bill let me check that")], MET),
    ([("A", "thanks for calling this is kemi how can i help"),
      ("C", "hi i'm bill and my direct debit went out twice"),
      ("A", "right let me check the account")], MISSED),
    # the caller sharing the agent's name gives the surname after "too" / "as well"
    ([("A", "hi you're through to priya at northline how can i help"),
      ("C", "oh hi priya ha i'm priya as well priya chandran i'm calling about my bill"),
      ("A", "no way ms chandran what's happened")], MET),
    # a bare "name" ending the agent's turn, and the name on the account asked bare
    ([("A", "gridline energy"), ("C", "hi i want to give a meter reading"),
      ("A", "right go on name"), ("C", "dimitri novak"), ("A", "thanks dimitri reading")], MET),
    ([("A", "Hi, Oona here."), ("C", "I need to cancel."), ("A", "Fine. Name on the policy?"),
      ("C", "Tomasz Wójcik"), ("A", "Cancelled, Tomasz.")], MET),
])
def test_names_the_customer_gives(turns, status):
    result = _verdict("customer_name", turns, channel="phone")
    assert result.status is status, result.explanation


@pytest.mark.parametrize("opening, status", [
    # a full name as a sentence after "Hi." opening the message
    ("Hi. Ines Moreau. I'm writing about my broken kettle.", MISSED),
    # in the caller's own language
    ("Hola, soy Lucía Ortega. My refund never arrived.", MISSED),
    ("Bonjour, je m'appelle Amélie. My parcel is late.", MISSED),
    ("Hola, soy Española and I need help with my order.", NA),
    # (review) not two capitalised words after "Hi." without the caller's words after them,
    # nor "It's <two words>." closing the message: a product, a place or someone else as often
    ("Hi. Samsung Galaxy. Screen is cracked after the repair.", NA),
    ("My daughter can't log in to her student account. It's Mia Chen.", NA),
    ("Hi, I'd like to cancel a direct debit I don't need. It's Harbour Gym.", NA),
    # a sentence typed in capitals tells nothing by them
    ("I HAVE BEEN WAITING FOR AN HOUR. I AM STANDING OUTSIDE. FIX IT", NA),
])
def test_typed_names_in_the_opening_message(opening, status):
    result = _verdict("customer_name", [("C", opening), ("A", "Thanks, I'll look now."),
                                        ("C", "ok"), ("A", "Done. Bye.")])
    assert result.status is status, result.explanation


def test_a_company_of_two_names_is_no_name_the_agent_knew():
    result = _verdict("customer_name", [
        ("A", "Hello, Fairley & Moss Solicitors, Ruth speaking."),
        ("C", "Hi Ruth. I'd like to book a consultation about a will."),
        ("A", "Of course. Tuesday at ten?"), ("C", "Perfect."), ("A", "Booked. Bye.")],
        channel="phone")
    assert result.status is NA, result.explanation
    # two people greeted are two names the agent knew ("Dear Ines and Pedro,")
    greeted = _verdict("customer_name", [
        ("C", "We'd like to move our booking."),
        ("A", "Hello, Ines and Pedro, happy to help. Which date?"), ("C", "Friday.")])
    assert greeted.status is MET, greeted.explanation


def test_the_agent_signing_after_thanks_again_is_its_own_name():
    own = _verdict("customer_name", [
        ("C", "Hi,\n\nMy premium went up again.\n\nBest,\nSam Okoro"),
        ("A", "Hi there,\n\nSam here from Renewals - same name as you! It rose with the "
              "flood band.\n\nSam"),
        ("C", "OK thanks."), ("A", "No problem. Thanks again,\nSam")], channel="email")
    assert own.status is MISSED, own.explanation
    # on the same line after the thanks it addresses the customer
    addressed = _verdict("customer_name", [
        ("C", "Hi,\n\nMy premium went up again.\n\nBest,\nSam Okoro"),
        ("A", "Hi there, Leo here from Renewals. It rose with the flood band."),
        ("C", "OK thanks."), ("A", "No problem. Thanks again, Sam")], channel="email")
    assert addressed.status is MET, addressed.explanation


# -- introductions and greetings -----------------------------------------------------------

@pytest.mark.parametrize("agent, status", [
    # a bot's label is no name (but a name ending so is)
    ("Hi! I'm ParcelBot, Swiftly's automated assistant. How can I help?", MISSED),
    ("Hey there, you're chatting with Helpbot. What's up?", MISSED),
    ("hi this is talbot how can i help", MET),
    # a role before the name
    ("Evening! Duty Manager Femi here, what can I do for you?", MET),
    ("Welcome to the forum. Senior Moderator Agnes here.", MET),
    # a team signing is no name
    ("Your request was declined.\n\nLending Operations", MISSED),
    # (second review) a role or a shift where the name would be
    ("Team Lead here, what's up?", MISSED),
    ("hi night shift here how can i help", MISSED),
    ("hello on call engineer speaking", MISSED),
    ("Mod here, locking this thread.", MISSED),
])
def test_introductions_by_mechanism(agent, status):
    result = _verdict("agent_introduction", [("C", "hi, I need some help"), ("A", agent),
                                             ("C", "ok")])
    assert result.status is status, result.explanation


@pytest.mark.parametrize("agent, status", [
    ("afternoon you're through to kofi at harbour energy", MET),
    ("morning it's ruth at clearwater how can i help", MET),
    ("morning slots are full i'm afraid", MISSED),
])
def test_a_bare_time_of_day_greets_in_speech_before_the_opening(agent, status):
    result = _verdict("greeting", [("A", agent), ("C", "ok thanks")], channel="phone")
    assert result.status is status, result.explanation


@pytest.mark.parametrize("last", [
    "Grazie mille, buona giornata!", "Merci beaucoup, bonne soirée !", "Ngā mihi, Hemi - ka kite!",
    "Thank you so much for calling, enjoy the show on Friday.",
])
def test_closings_in_other_languages_and_fuller_thanks(last):
    result = _verdict("closing", [("C", "can you move my booking"),
                                  ("A", "Done. Anything else?"), ("C", "no thanks"),
                                  ("A", last)])
    assert result.status is MET, result.explanation


# -- outcome checks --------------------------------------------------------------------------

@pytest.mark.parametrize("turns, status", [
    # a tag after a verb of use, in speech
    ([("C", "my tv app won't load"), ("A", "restart it from the wall"),
      ("C", "okay it's back"), ("A", "great so you can stream stuff yeah"), ("C", "yep"),
      ("A", "lovely bye")], MET),
    # the customer asked to make sure the fix works, or that it shows right
    ([("C", "I can't log in with my new email"), ("A", "I've updated it on our side."),
      ("C", "ok"), ("A", "Could you sign out and in again to make sure it works?"),
      ("C", "works"), ("A", "Great, bye.")], MET),
    ([("C", "my ticket shows the wrong date"), ("A", "I've reissued it."), ("C", "ok"),
      ("A", "Can you open the new PDF and check the times show correctly?"), ("C", "yes"),
      ("A", "Great, bye.")], MET),
    # after a dash, lower case; a thing sent that arrives; a proposal asked short
    ([("C", "the barrier won't lift"), ("A", "I've reset it remotely."), ("C", "ok"),
      ("A", "Give it a go - has the barrier opened?"), ("C", "yes"), ("A", "Bye.")], MET),
    ([("C", "what's my sort code"), ("A", "Shall I send it by email?"), ("C", "yes"),
      ("A", "Sent! Did the email with your details arrive?"), ("C", "yes"), ("A", "Bye.")],
     MET),
    ([("C", "when's my car ready"), ("A", "It'll be ready by 5."), ("C", "ok"),
      ("A", "Actually the mechanic says 3. Good?"), ("C", "fine"), ("A", "See you then.")],
     MET),
    ([("C", "my data stopped"), ("A", "Try these steps: settings, mobile data, on."),
      ("C", "ok"), ("A", "Was this answer helpful? Reply YES or NO."), ("C", "yes")], MET),
    # a reset code arriving is a step on the way, not the outcome
    ([("C", "I can't sign in"), ("A", "I've sent a reset email."), ("C", "ok"),
      ("A", "Did the reset email arrive?"), ("C", "yes"),
      ("A", "Follow the link and you'll be in. Bye.")], MISSED),
    # leave to hold asked with "gonna" is no check
    ([("C", "the hotel lost my booking"),
      ("A", "i'm gonna pop you on hold while i ring them it might be a few minutes is that okay"),
      ("C", "yeah go on"), ("A", "thanks for holding they've found it"), ("C", "great"),
      ("A", "bye now")], MISSED),
])
def test_outcome_checks_by_mechanism(turns, status):
    result = _verdict("resolution_check", turns)
    assert result.status is status, result.explanation


def test_an_agent_that_never_speaks_checks_nothing_whatever_the_caller_came_for():
    result = _verdict("resolution_check", [
        ("A", "[noise]"), ("C", "hello"), ("A", "<unk>"),
        ("C", "hi i had a missed call from this number"), ("A", "[noise]"),
        ("C", "okay i'll try later bye")], channel="phone")
    assert result.status is MISSED, result.explanation


# -- holds -------------------------------------------------------------------------------------

def test_a_queues_hold_says_what_the_wait_is_for():
    result = _verdict("hold_etiquette", [
        ("A", "Welcome to Pinecrest Water."), ("A", "For billing press one."), ("C", "One."),
        ("A", "Please hold for the next available agent."),
        ("A", "Thanks for holding, you're through to Dara."), ("C", "Hi Dara.")],
        channel="phone")
    assert result.status is MET, result.explanation


def test_the_agent_waiting_for_the_customer_is_no_hold():
    result = _verdict("hold_etiquette", [
        ("A", "hi you're through to aoife at bright gas"),
        ("C", "hi i need to give a reading but the meter's outside give me a sec"),
        ("A", "no bother i'll hold on"), ("C", "right it says one two three four five"),
        ("A", "grand that's in")], channel="phone")
    assert result.status is NA, result.explanation


def test_what_the_agent_can_do_with_how_long_and_a_yes_then_thanks_is_a_hold():
    result = _verdict("hold_etiquette", [
        ("C", "my playlist vanished"), ("A", "Oh no! Was it after the update?"), ("C", "yes"),
        ("A", "I can restore it from last night's backup now - it takes about two minutes, ok?"),
        ("C", "yes please"), ("A", "Thanks for waiting - it's all back in your library now."), ("C", "brilliant")])
    assert result.status is MET, result.explanation


def test_a_chat_customer_asking_whether_anyone_is_there_ends_a_hold():
    turns = [("A", "Hi, you're chatting with Lena.", 0, 3), ("C", "my top-up failed", 10, 14),
             ("A", "Got it.", 20, 21), ("C", "hello??", 220, 222),
             ("A", "Thanks for your patience, it's on now.", 230, 240), ("C", "ok", 250, 251)]
    result = _verdict("hold_etiquette", turns)
    assert result.status is MISSED, result.explanation
    assert "not asked" in result.explanation
    # by e-mail, a chase is no hold
    assert _verdict("hold_etiquette", turns, channel="email").status is NA


# -- prohibited language -----------------------------------------------------------------------

@pytest.mark.parametrize("agent, status", [
    ("the dust should settle down once the filter's changed", MET),
    ("I've marked it urgent, so whatever happens it goes out today.", MET),
    ("you need to settle down", MISSED),
    ("Please search the forum before posting.", MISSED),
    ("It's most likely your breaker. You should check that before posting.", MISSED),
    ("Fill in section 2, then check the consent box before submitting.", MET),
    ("That's something we'd expect customers to check before calling.", MISSED),
    ("You failed to attach the receipt, so it was rejected.", MISSED),
    ("It looks like the numbers were swapped on your end.", MISSED),
    ("Is everything working on your end now?", MET),
])
def test_prohibited_language_by_mechanism(agent, status):
    result = _verdict("prohibited_language", [("C", "hi, my thing isn't working"),
                                              ("A", agent), ("C", "ok")])
    assert result.status is status, result.explanation


# -- empathy -----------------------------------------------------------------------------------

def _empathy(customer: str, agent: str = "Okay, let me look at that.") -> csnlp.StandardResult:
    return _verdict("empathy_on_complaint", [
        ("A", "Hi, you're through to Maple Energy, Lou speaking."), ("C", customer),
        ("A", agent), ("C", "ok"), ("A", "Done. Bye now.")])


@pytest.mark.parametrize("customer, status", [
    # complaints with no emotion word
    ("Ninety pounds to change a seat? That's pretty steep.", MISSED),
    ("oh lovely, two minutes of silence, thought you'd gone for lunch", MISSED),
    ("There's a charge for international calls but I haven't made any.", MISSED),
    ("The order is showing as cancelled but I never cancelled it.", MISSED),
    ("My refund request was declined and the email gives no reason.", MISSED),
    ("my daughter's exam is tomorrow and the wifi is not working, very tension", MISSED),
    ("I applied for the permit four weeks ago and haven't heard a thing since.", MISSED),
    ("licence renewal. sent 3 wks ago. nothing.", MISSED),
    ("There are two charges on my card from a hotel that I didn't make.", MISSED),
    ("someone's spent three hundred quid on my account and that wasn't me", MISSED),
    ("The hamper came without the wine.", MISSED),
    ("the delivery is late and I am worry about it", MISSED),
    # a wait asked about, a payment the customer did not make yet: calm
    ("I sent the form 3 days ago, just checking you got it?", NA),
    ("The payment was due on Friday but I didn't make it, can I pay now?", NA),
    # a customer's own slip, owned
    ("I deleted the app like a complete numpty and now my tickets are gone", NA),
    ("I booked the wrong day, silly of me. Can I move it?", NA),
    ("i need to send a reading, i'm useless with the website", NA),
    # a price asked about is calm
    ("Is that expensive compared with the other plan?", NA),
])
def test_complaints_and_calm_lines(customer, status):
    result = _empathy(customer)
    assert result.status is status, result.explanation


@pytest.mark.parametrize("agent, status", [
    ("I understand how stressful this is, let me look.", MET),
    ("I know how worrying that must be. Let me check.", MET),
    ("I understand, it's a lot of money. Let me see what I can do.", MET),
    # sympathy for an illness, a bad line, a bot that could not parse: no empathy
    ("Sorry to hear you've been unwell, I hope you're feeling better. The fee stands.", MISSED),
    ("sorry about that bad line, what's the account number", MISSED),
    ("sorry i didn't understand please say billing or faults", MISSED),
])
def test_what_answers_a_complaint(agent, status):
    result = _empathy("I was charged a late fee again even though I paid on time.", agent)
    assert result.status is status, result.explanation


# (review) inputs that broke the first forms of this round's mechanisms, or probed their edges,
# with a QA reviewer's verdicts; a turn's text may carry (text, start, end)
_REVIEW = [
    ('customer_name', 'chat', [('C', "Which airline do I need to contact about my lost bag? It's Virgin Atlantic."), ('A', 'Hi! Virgin Atlantic handle that at the airport desk.')], 'not_applicable'),
    ('customer_name', 'chat', [('C', "Can you tell me if my warranty covers the phone? It's Samsung Galaxy."), ('A', 'Hi there! Let me check that for you.')], 'not_applicable'),
    ('customer_name', 'chat', [('C', "I want to know if you deliver to my town. It's Milton Keynes."), ('A', 'Hi there! Let me check that for you.')], 'not_applicable'),
    ('customer_name', 'chat', [('C', "I'm having trouble with the app. It's Apple Watch."), ('A', 'Hi there! Let me check that for you.')], 'not_applicable'),
    ('customer_name', 'chat', [('C', "My daughter can't log in to her student account. It's Mia Chen."), ('A', "Thanks, I've reset Mia Chen's password - she can log in now.")], 'not_applicable'),
    ('customer_name', 'chat', [('C', "I want to complain about the engineer who came yesterday. It's Tom Reed."), ('A', "I'm sorry. I've passed this to Tom Reed's manager.")], 'not_applicable'),
    ('customer_name', 'chat', [('C', "Please send the invoice to our accountant. It's Raj Patel."), ('A', "Hi there, thanks for getting in touch. I'll look into this now.")], 'not_applicable'),
    ('customer_name', 'chat', [('C', "My late father's account needs closing. It's Arthur Green."), ('A', "Hi there, thanks for getting in touch. I'll look into this now.")], 'not_applicable'),
    ('customer_name', 'chat', [('C', 'Hi. Samsung Galaxy. Screen is cracked after repair.'), ('A', 'Hi there! Let me check that for you.')], 'not_applicable'),
    ('customer_name', 'chat', [('C', 'Hello. Parking Permit. Mine expired.'), ('A', 'Hi there! Let me check that for you.')], 'not_applicable'),
    ('customer_name', 'chat', [('C', 'Hello. Flight BA117. It got cancelled.'), ('A', 'Hi there! Let me check that for you.')], 'not_applicable'),
    ('customer_name', 'phone', [('A', 'thanks for calling northgas this is ade'), ('C', 'i need to add my partner'), ('A', 'okay go on name'), ('C', 'lucy'), ('A', "lovely lucy's added")], 'not_applicable'),
    ('customer_name', 'phone', [('A', 'thanks for calling northgas this is ade'), ('C', "my meter's broken"), ('A', 'go ahead name'), ('C', 'dev'), ('A', 'thanks dev')], 'met'),
    ('customer_name', 'phone', [('A', 'thanks for calling northgas this is ade'), ('C', "my meter's broken"), ('A', 'okay first of all name'), ('C', 'dev'), ('A', 'thanks dev')], 'met'),
    ('agent_introduction', 'chat', [('A', "Hi, I'm Cabot, how can I help?"), ('C', 'hi')], 'met'),
    ('agent_introduction', 'chat', [('A', 'Hi, welcome to Acme. Support agent currently here to help you.'), ('C', 'ok')], 'missed'),
    ('agent_introduction', 'email', [('C', 'Where do I send my documents?'), ('A', 'Hello,\n\nPlease send them to our office. The address is 1 Bank Street,\nCardiff')], 'missed'),
    ('agent_introduction', 'chat', [('C', 'What do I need?'), ('A', "Hi there. You'll need two things. Your passport,\nAnd")], 'missed'),
    ('greeting', 'phone', [('A', 'right okay what do you need'), ('C', 'is the engineer coming morning or afternoon'), ('A', "afternoon it's booked between one and five")], 'missed'),
    ('greeting', 'phone', [('A', 'go ahead'), ('C', 'is the shop open in the morning'), ('A', "morning i'm afraid we open at noon")], 'missed'),
    ('closing', 'chat', [('A', 'Hi, Jo here.'), ('C', 'Is the Merci chocolate box back in stock?'), ('A', 'Yes, the Merci box is back in stock, shall I reserve one?')], 'missed'),
    ('closing', 'chat', [('A', 'Hi, Jo here.'), ('C', 'How do I say thanks in German on the card?'), ('A', "You'd write 'Danke' on the card, then tap Print. Let me know if it prints.")], 'missed'),
    ('closing', 'chat', [('A', 'Hi, Jo here.'), ('C', 'Which hotel am I booked at?'), ('A', "You're at the Asante Lodge in Nairobi, check-in from 2pm.")], 'missed'),
    ('closing', 'chat', [('A', "hi you're through to dan"), ('C', "hi my order's late"), ('A', 'let me check the order number please'), ('C', "it's 5521"), ('A', 'okay found it'), ('C', 'ok'), ('A', 'Dank je wel, fijne dag nog!')], 'met'),
    ('closing', 'chat', [('A', "hi you're through to dan"), ('C', "hi my order's late"), ('A', 'let me check the order number please'), ('C', "it's 5521"), ('A', 'okay found it'), ('C', 'ok'), ('A', 'Dziękuję, do widzenia!')], 'met'),
    ('closing', 'chat', [('A', "hi you're through to dan"), ('C', "hi my order's late"), ('A', 'let me check the order number please'), ('C', "it's 5521"), ('A', 'okay found it'), ('C', 'ok'), ('A', 'Teşekkürler, iyi günler!')], 'met'),
    ('resolution_check', 'chat', [('A', 'Hi, Nia here.'), ('C', "My data isn't working abroad."), ('A', 'Shall I check whether your old card still works?'), ('C', 'Yes please.'), ('A', 'It does. Bye.')], 'missed'),
    ('resolution_check', 'chat', [('A', 'Hi, Nia here.'), ('C', "My data isn't working abroad."), ('A', 'Do you want me to see if the discount applies properly?'), ('C', 'Yes'), ('A', 'It does, applied. Bye.')], 'missed'),
    ('resolution_check', 'chat', [('A', 'Hi, Nia here.'), ('C', "My data isn't working abroad."), ('A', 'Before I reset it, can you check the APN settings are entered correctly?'), ('C', 'they are'), ('A', 'OK reset done. Bye.')], 'missed'),
    ('resolution_check', 'chat', [('A', 'Hi, Nia here.'), ('C', "My smart meter isn't sending readings."), ('A', "I've logged it. In the meantime could you check whether the batteries are inserted correctly?"), ('C', 'they are'), ('A', 'OK, engineer Tuesday. Bye.')], 'missed'),
    ('resolution_check', 'phone', [('A', 'hi this is nia at voltmobile'), ('C', "hi i can't get online my phone says no service"), ('A', "okay i've reset your connection sorry the line's gone funny you can hear me yeah"), ('C', 'yeah'), ('A', 'okay so give it five minutes bye')], 'missed'),
    ('resolution_check', 'phone', [('A', 'hi this is nia at voltmobile'), ('C', "hi i can't get online my phone says no service"), ('A', "i've raised a fault and on your phone you can see the red x yeah"), ('C', 'yeah'), ('A', "that's the outage bye")], 'missed'),
    ('resolution_check', 'phone', [('A', 'hi this is nia at voltmobile'), ('C', "hi i can't get online my phone says no service"), ('A', "i've logged a claim you can send it by post yeah"), ('C', 'okay'), ('A', 'bye')], 'missed'),
    ('resolution_check', 'chat', [('A', 'Hi, Nia here.'), ('C', "My data isn't working abroad."), ('A', "I've sent a code. Did the 2FA text arrive?"), ('C', 'yes'), ('A', "Enter it and you're in. Bye.")], 'missed'),
    ('resolution_check', 'chat', [('A', 'Hi, Nia here.'), ('C', "My data isn't working abroad."), ('A', "I've sent a code. Did the OTP arrive?"), ('C', 'yes'), ('A', "Enter it and you're in. Bye.")], 'missed'),
    ('resolution_check', 'chat', [('A', 'Hi, Nia here.'), ('C', "My data isn't working abroad."), ('A', "I'll send the replacement SIM by post, it takes 3 days. Good?"), ('C', 'ok'), ('A', 'Done, bye.')], 'missed'),
    ('hold_etiquette', 'chat', [('A', ('Hi, Jo here.', 0, 3)), ('C', ('Can you send the invoice?', 13, 16)), ('A', ('Sent to your email.', 26, 29)), ('C', ('hello??', 329, 332)), ('A', ('Hi, yes?', 342, 345))], 'not_applicable'),
    ('prohibited_language', 'chat', [('A', 'Hi, Jo here.'), ('C', 'How do I submit the claim form?'), ('A', 'Fill in section 2, then check the consent box before submitting.')], 'met'),
    ('prohibited_language', 'chat', [('A', 'Hi, Jo here.'), ('C', 'How do I submit the claim form?'), ('A', "Just check the preview before submitting - once it's sent it can't be edited.")], 'met'),
    ('prohibited_language', 'chat', [('A', 'Hi, Jo here.'), ('C', "My smart bulbs keep flickering and the app won't find them."), ('A', 'Do check your spam folder before contacting us again, sometimes it lands there.')], 'met'),
    ('prohibited_language', 'chat', [('A', 'Hi, Jo here.'), ('C', "My smart bulbs keep flickering and the app won't find them."), ('A', "I'd expect you to notice a difference within a week.")], 'met'),
    ('prohibited_language', 'chat', [('A', 'Hi, Jo here.'), ('C', "My smart bulbs keep flickering and the app won't find them."), ('A', "We'd expect you to know by Friday whether it's approved.")], 'met'),
    ('prohibited_language', 'chat', [('A', 'Hi, Jo here.'), ('C', "My smart bulbs keep flickering and the app won't find them."), ('A', "It looks like the system thinks you failed to pay, but that's our mistake, I've fixed it.")], 'met'),
    ('prohibited_language', 'chat', [('A', 'Hi, Jo here.'), ('C', "My smart bulbs keep flickering and the app won't find them."), ('A', 'No problem if you failed to save the draft, I can recover it.')], 'met'),
    ('prohibited_language', 'chat', [('A', 'Hi, Jo here.'), ('C', "My direct debit bounced and now there's a fee."), ('A', "I can see the mandate was cancelled on your side by your bank, so I've waived the fee and set it up again.")], 'met'),
    ('prohibited_language', 'chat', [('A', 'Hi, Jo here.'), ('C', "My direct debit bounced and now there's a fee."), ('A', "The payee details were changed on your end last week - was that you? If not we'll secure the account.")], 'met'),
    ('empathy_on_complaint', 'chat', [('A', 'Hi, Jo here, how can I help?'), ('C', 'Your agent spoke to me like an absolute idiot yesterday.'), ('A', "Okay, let me look at that. I've moved it to Friday.")], 'missed'),
    ('empathy_on_complaint', 'chat', [('A', 'Hi, Jo here, how can I help?'), ('C', 'I was treated like a complete fool in your store.'), ('A', "Okay, let me look at that. I've moved it to Friday.")], 'missed'),
    ('empathy_on_complaint', 'chat', [('A', 'Hi, Jo here, how can I help?'), ('C', 'Silly of me to expect a reply within ten days, I suppose.'), ('A', "Okay, let me look at that. I've moved it to Friday.")], 'missed'),
    ('empathy_on_complaint', 'chat', [('A', 'Hi, Jo here, how can I help?'), ('C', 'Your chatbot made me look like a fool in front of my client.'), ('A', "Okay, let me look at that. I've moved it to Friday.")], 'missed'),
    ('empathy_on_complaint', 'phone', [('A', 'hi this is jo'), ('C', "i'm useless with the app because it keeps crashing every time i open it"), ('A', 'okay let me check')], 'missed'),
    ('empathy_on_complaint', 'phone', [('A', 'hi this is jo'), ('C', "i'm useless with the app can you help me top up"), ('A', 'sure')], 'not_applicable'),
    ('empathy_on_complaint', 'chat', [('A', 'Hi, Jo here, how can I help?'), ('C', "That's a lot for you to sort out, thank you so much!"), ('A', 'No problem at all, done.')], 'not_applicable'),
    ('empathy_on_complaint', 'chat', [('A', 'Hi, Jo here, how can I help?'), ('C', "It's pricey but I love it, can I get the matching case?"), ('A', 'Sure, added.')], 'not_applicable'),
    ('empathy_on_complaint', 'chat', [('A', 'Hi, Jo here, how can I help?'), ('C', "It shows as pending but I made the payment an hour ago, so that's probably normal?"), ('A', 'Yes, it clears overnight.')], 'not_applicable'),
    ('empathy_on_complaint', 'chat', [('A', 'Hi, Jo here, how can I help?'), ('C', "My bill shows a roaming charge but I travelled to France last month so that's fair - what's the daily rate?"), ('A', 'Okay, let me look at that.')], 'not_applicable'),
    ('empathy_on_complaint', 'chat', [('A', 'Hi, Jo here, how can I help?'), ('C', "It says I've used 40GB but I have been streaming a lot, fair enough. Can I add more data?"), ('A', 'Okay, let me look at that.')], 'not_applicable'),
    ('empathy_on_complaint', 'chat', [('A', 'Hi, Jo here, how can I help?'), ('C', "My removal was moved to Saturday without asking and now I'll lose a day's pay. This is a nightmare."), ('A', "I don't know how difficult the reschedule will be, I'll ask the depot.")], 'missed'),
    ('empathy_on_complaint', 'chat', [('A', 'Hi, Jo here, how can I help?'), ('C', "My removal was moved to Saturday without asking and now I'll lose a day's pay. This is a nightmare."), ('A', 'Do you know how hard it is to get a crew on a Friday?')], 'missed'),
    ('empathy_on_complaint', 'chat', [('A', 'Hi, Jo here, how can I help?'), ('C', "£300 for a boiler service? That's extortionate."), ('A', "I know this is not expensive compared to other firms, it's our standard rate.")], 'missed'),
    ('empathy_on_complaint', 'chat', [('A', 'Hi, Jo here, how can I help?'), ('C', 'You charged me a £2 fee again, this is ridiculous!'), ('A', "I don't understand how upset you can be over £2, it's in the terms.")], 'missed'),
    ('empathy_on_complaint', 'chat', [('A', 'Hi, Jo here, how can I help?'), ('C', "I've been in hospital for two weeks and you still charged me late fees! Disgraceful."), ('A', "Sorry to hear you've been in hospital, and sorry the fees were added - I've removed them.")], 'met'),
    ('empathy_on_complaint', 'phone', [('A', 'hi this is jo at fibrelink'), ('C', "my landline's had a really bad line for a week crackling constantly it's ridiculous"), ('A', "i'm sorry about the bad line let me book an engineer")], 'met'),
    ('empathy_on_complaint', 'chat', [('A', 'Hi, Jo here, how can I help?'), ('C', 'My broadband connection has been terrible all week, I work from home, this is a joke.'), ('A', "Sorry for the poor connection, I'll run a line test now.")], 'met'),
    ('empathy_on_complaint', 'chat', [('A', 'Hi, Jo here, how can I help?'), ('C', "The mobile signal at my house has been awful since the mast work, I can't make calls. Fed up."), ('A', 'Sorry about the poor signal, an engineer is on it.')], 'met'),
    ('customer_name', 'chat', [('A', 'Hi, welcome to Petcare.'), ('C', "I need to rebook my cat's jab."), ('A', 'Sure! Name on the booking?'), ('C', 'Whiskers'), ('A', 'Thanks, Whiskers is rebooked.')], 'not_applicable'),
    ('prohibited_language', 'chat', [('A', 'Hi, Jo here.'), ('C', "My direct debit bounced and now there's a fee."), ('A', 'The numbers got mixed up at your end.')], 'missed'),
]


@pytest.mark.parametrize("standard, channel, turns, status", _REVIEW)
def test_the_reviews_inputs(standard, channel, turns, status):
    assert_verdict(standard, channel, turns, status)



# (second review) inputs that broke the mended forms, or probed their edges, with a QA
# reviewer's verdicts
_REVIEW_2 = [
    ('prohibited_language', 'forum', [('C', 'hi my router keeps dropping'), ('A', 'I always search the forum before posting a reply, and I found a fix.')], 'met'),
    ('prohibited_language', 'chat', [('C', 'hi my router keeps dropping'), ('A', 'Our team will check this before raising it with the courier.')], 'met'),
    ('prohibited_language', 'forum', [('C', 'hi my router keeps dropping'), ('A', 'We check the forum before posting any announcement.')], 'met'),
    ('prohibited_language', 'chat', [('C', 'hi my router keeps dropping'), ('A', 'Please check it before posting it back to us so nothing is missing.')], 'met'),
    ('prohibited_language', 'email', [('C', 'hi my router keeps dropping'), ('A', "I'm not saying you failed to read it, the letter was confusing.")], 'met'),
    ('prohibited_language', 'email', [('C', 'hi my router keeps dropping'), ('A', 'Nobody is suggesting you failed to follow the steps.')], 'met'),
    ('prohibited_language', 'email', [('C', 'hi my router keeps dropping'), ('A', "It's not your fault, it's not like you failed to follow the instructions.")], 'met'),
    ('prohibited_language', 'email', [('C', 'hi my router keeps dropping'), ('A', 'The system claims you failed to complete verification, which is wrong.')], 'met'),
    ('prohibited_language', 'email', [('C', 'hi my router keeps dropping'), ('A', 'In case you failed to submit it, here is the link again.')], 'met'),
    ('prohibited_language', 'chat', [('C', 'hi my router keeps dropping'), ('A', 'Have a look at our help centre before raising a ticket next time.')], 'missed'),
    ('prohibited_language', 'email', [('C', 'hi my router keeps dropping'), ('A', 'Please read the help centre article before contacting us.')], 'missed'),
    ('prohibited_language', 'forum', [('C', 'hi my router keeps dropping'), ('A', 'Please search the forum for existing threads before posting.')], 'missed'),
    ('prohibited_language', 'chat', [('C', 'hi my router keeps dropping'), ('A', 'Try reading the manual before contacting us.')], 'missed'),
    ('prohibited_language', 'email', [('C', 'hi my router keeps dropping'), ('A', 'We would expect you to look at the setup guide first.')], 'missed'),
    ('prohibited_language', 'email', [('C', 'hi my router keeps dropping'), ('A', "We'd expect anyone to look at the help centre before asking.")], 'missed'),
    ('prohibited_language', 'email', [('C', 'hi my router keeps dropping'), ('A', 'You have failed to provide the documents twice now.')], 'missed'),
    ('prohibited_language', 'email', [('C', 'hi my router keeps dropping'), ('A', 'You clearly failed to read the instructions.')], 'missed'),
    ('resolution_check', 'chat', [('C', "my app won't sync my playlists"), ('A', 'Would you like me to see if it works on our test account?')], 'missed'),
    ('resolution_check', 'chat', [('C', "my app won't sync my playlists"), ('A', 'Can you check your router displays the model number correctly? I need it to diagnose.')], 'missed'),
    ('resolution_check', 'chat', [('C', "my app won't sync my playlists"), ('A', "Can you check the serial number on the box looks right? I want to make sure we're looking at the same device.")], 'missed'),
    ('resolution_check', 'chat', [('C', "The garage door won't open"), ('A', 'Before I reset it — has the door opened at all today?')], 'missed'),
    ('resolution_check', 'chat', [('C', "The garage door won't open"), ('A', 'When did this start — has the door opened at all this week?')], 'missed'),
    ('resolution_check', 'phone', [('C', "i can't get into my account"), ('A', 'you can log in tomorrow right')], 'missed'),
    ('resolution_check', 'phone', [('C', "i can't get into my account"), ('A', 'after the engineer visit you can connect right')], 'missed'),
    ('greeting', 'phone', [('A', "morning it's sam"), ('C', 'hi i need help with my bill'), ('A', 'sure let me look')], 'met'),
    ('greeting', 'phone', [('A', "morning it's sam calling from the surgery"), ('C', 'hi i need help with my bill'), ('A', 'sure let me look')], 'met'),
    ('greeting', 'phone', [('A', "afternoon it's the surgery here"), ('C', 'hi i need help with my bill'), ('A', 'sure let me look')], 'met'),
    ('greeting', 'phone', [('A', "afternoon it's the pharmacy calling about your prescription"), ('C', 'hi i need help with my bill'), ('A', 'sure let me look')], 'met'),
    ('greeting', 'phone', [('A', 'morning it is sam from the surgery'), ('C', 'hi i need help with my bill'), ('A', 'sure let me look')], 'met'),
    ('closing', 'chat', [('C', 'can you check my order status'), ('A', 'Let me look at that.'), ('C', 'ok'), ('A', 'It ships tomorrow. Merci et à bientôt!')], 'met'),
    ('closing', 'chat', [('C', 'can you check my order status'), ('A', 'Let me look at that.'), ('C', 'ok'), ('A', 'It ships tomorrow. Bedankt en tot ziens.')], 'met'),
    ('closing', 'chat', [('C', 'can you check my order status'), ('A', 'Let me look at that.'), ('C', 'ok'), ('A', 'It ships tomorrow. Obrigado e até logo.')], 'met'),
    ('closing', 'chat', [('C', 'can you check my order status'), ('A', 'Let me look at that.'), ('C', 'ok'), ('A', 'It ships tomorrow. Gracias por su paciencia.')], 'met'),
    ('closing', 'chat', [('C', 'can you check my order status'), ('A', 'Let me look at that.'), ('C', 'ok'), ('A', 'It ships tomorrow. Merci pour votre patience.')], 'met'),
    ('closing', 'chat', [('C', 'can you check my order status'), ('A', 'Let me look at that.'), ('C', 'ok'), ('A', 'It ships tomorrow. Danke für Ihre Geduld.')], 'met'),
    ('closing', 'phone', [('C', 'can you check my order status'), ('A', 'Let me look at that.'), ('C', 'ok'), ('A', 'it ships tomorrow merci')], 'met'),
    ('closing', 'phone', [('C', 'can you check my order status'), ('A', 'Let me look at that.'), ('C', 'ok'), ('A', 'it ships tomorrow danke')], 'met'),
    ('closing', 'phone', [('C', 'can you check my order status'), ('A', 'Let me look at that.'), ('C', 'ok'), ('A', 'it ships tomorrow gracias')], 'met'),
    ('closing', 'phone', [('C', 'can you check my order status'), ('A', 'Let me look at that.'), ('C', 'ok'), ('A', 'it ships tomorrow ngā mihi')], 'met'),
    ('closing', 'chat', [('C', 'can you check my order status'), ('A', 'Let me look at that.'), ('C', 'ok'), ('A', 'It ships tomorrow. Arigatou gozaimasu!')], 'met'),
    ('closing', 'chat', [('C', 'can you check my order status'), ('A', 'Let me look at that.'), ('C', 'ok'), ('A', 'It ships tomorrow. Kiitos!')], 'met'),
    ('closing', 'chat', [('C', 'can you check my order status'), ('A', 'Let me look at that.'), ('C', 'ok'), ('A', 'It ships tomorrow. Tack så mycket!')], 'met'),
    ('closing', 'chat', [('C', 'can you check my order status'), ('A', 'Let me look at that.'), ('C', 'ok'), ('A', 'Grazie Ristorante has your booking.')], 'missed'),
    ('closing', 'chat', [('C', 'can you check my order status'), ('A', 'Let me look at that.'), ('C', 'ok'), ('A', 'Gracias Madre sent the invoice.')], 'missed'),
    ('closing', 'chat', [('C', 'can you check my order status'), ('A', 'Let me look at that.'), ('C', 'ok'), ('A', 'Danke Schön Bakery will deliver it.')], 'missed'),
    ('closing', 'chat', [('C', 'can you check my order status'), ('A', 'Let me look at that.'), ('C', 'ok'), ('A', 'Merci Handy hand cream is on its way.')], 'missed'),
    ('agent_introduction', 'chat', [('C', 'hi my parcel is late'), ('A', "Hi, I'm Bot."), ('C', 'ok'), ('A', 'Let me check.')], 'missed'),
    ('customer_name', 'chat', [('C', 'Hello. Apple Watch. My strap broke.'), ('A', 'Sorry to hear that, let me check.')], 'not_applicable'),
    ('customer_name', 'chat', [('C', "Hi. Tesla Model. I can't unlock it."), ('A', 'Sorry to hear that, let me check.')], 'not_applicable'),
    ('customer_name', 'chat', [('C', 'Hi. Netflix Premium. I was charged twice.'), ('A', 'Sure, let me check.')], 'not_applicable'),
    ('customer_name', 'chat', [('C', "Hello. Boiler Repair. My boiler's leaking."), ('A', 'Sure, let me check.')], 'not_applicable'),
    ('customer_name', 'chat', [('C', 'Hi. Flight Cancelled. I need a refund.'), ('A', 'Sure, let me check.')], 'not_applicable'),
    ('customer_name', 'chat', [('C', "Hi. Gift Card. I can't redeem it."), ('A', 'Sure, let me check.')], 'not_applicable'),
    ('customer_name', 'chat', [('C', 'Hola, soy Cliente Premium.'), ('A', 'Let me check that.')], 'not_applicable'),
    ('customer_name', 'chat', [('C', "Morning. Sarah Lee. I'm ringing about the invoice."), ('A', 'Sure, let me check.')], 'missed'),
    ('customer_name', 'chat', [('C', 'Hallo, mein Name ist Katrin Weber.'), ('A', 'Let me check that.')], 'missed'),
    ('empathy_on_complaint', 'chat', [('A', 'Hi, how can I help?'), ('C', "That's a bit much for a one-day change."), ('A', 'Okay, let me check that for you.'), ('C', 'ok'), ('A', 'Done.')], 'missed'),
    ('empathy_on_complaint', 'chat', [('A', 'Hi, how can I help?'), ('C', "That's quite expensive for one day."), ('A', 'Okay, let me check that for you.'), ('C', 'ok'), ('A', 'Done.')], 'missed'),
    ('empathy_on_complaint', 'phone', [('A', 'Hi, how can I help?'), ('C', 'i waited in all day like an idiot and nobody came'), ('A', 'Okay, let me check that for you.'), ('C', 'ok'), ('A', 'Done.')], 'missed'),
    ('empathy_on_complaint', 'phone', [('A', 'Hi, how can I help?'), ('C', 'i sat on hold like a total muppet for forty minutes'), ('A', 'Okay, let me check that for you.'), ('C', 'ok'), ('A', 'Done.')], 'missed'),
    ('empathy_on_complaint', 'chat', [('A', 'Hi, how can I help?'), ('C', 'Silly me for trusting your app.'), ('A', 'Okay, let me check that for you.'), ('C', 'ok'), ('A', 'Done.')], 'missed'),
    ('empathy_on_complaint', 'chat', [('A', 'Hi, how can I help?'), ('C', "I'm useless with the app since the update broke it."), ('A', 'Okay, let me check that for you.'), ('C', 'ok'), ('A', 'Done.')], 'missed'),
    ('empathy_on_complaint', 'chat', [('A', 'Hi, how can I help?'), ('C', "I'm useless with the app, the new layout is a mess."), ('A', 'Okay, let me check that for you.'), ('C', 'ok'), ('A', 'Done.')], 'missed'),
    ('empathy_on_complaint', 'chat', [('A', 'Hi, how can I help?'), ('C', "I'm useless with the app now that you removed the menu."), ('A', 'Okay, let me check that for you.'), ('C', 'ok'), ('A', 'Done.')], 'missed'),
    ('empathy_on_complaint', 'chat', [('A', 'Hi, how can I help?'), ('C', 'I sent the form 3 weeks ago, nothing wrong with it, just checking the next step.'), ('A', 'Okay, let me check that for you.'), ('C', 'ok'), ('A', 'Done.')], 'not_applicable'),
    ('empathy_on_complaint', 'chat', [('A', 'Hi, how can I help?'), ('C', 'I am worry-free now, thanks'), ('A', 'Okay, let me check that for you.'), ('C', 'ok'), ('A', 'Done.')], 'not_applicable'),
    ('empathy_on_complaint', 'chat', [('A', 'Hi, how can I help?'), ('C', "That's steep! Worth it though, I love this phone."), ('A', 'Okay, let me check that for you.'), ('C', 'ok'), ('A', 'Done.')], 'not_applicable'),
    ('empathy_on_complaint', 'chat', [('A', 'Hi, how can I help?'), ('C', "This is the third time my broadband has dropped this week, it's ridiculous."), ('A', 'I totally get how annoying that is.'), ('C', 'ok'), ('A', 'Done.')], 'met'),
    ('empathy_on_complaint', 'chat', [('A', 'Hi, how can I help?'), ('C', "I've been in hospital and now you've charged me a late fee, it's outrageous."), ('A', "Sorry to hear you've been unwell. Sorry, what's your account number?"), ('C', 'ok'), ('A', 'Done.')], 'missed'),
    ('empathy_on_complaint', 'chat', [('A', 'Hi, how can I help?'), ('C', "I've been in hospital and now you've charged me a late fee, it's outrageous."), ('A', "Sorry to hear you've been unwell. Sorry, one moment."), ('C', 'ok'), ('A', 'Done.')], 'missed'),
    ('empathy_on_complaint', 'chat', [('A', 'Hi, how can I help?'), ('C', "I've been in hospital and now you've charged me a late fee, it's outrageous."), ('A', "Sorry to hear you've been unwell. Sorry for the wait earlier, let me check."), ('C', 'ok'), ('A', 'Done.')], 'missed'),
    ('empathy_on_complaint', 'phone', [('A', 'hi how can i help'), ('C', "i've been charged twice this is a joke"), ('A', 'sorry about the bad line earlier let me check the charge'), ('C', 'ok'), ('A', 'done')], 'missed'),
    ('hold_etiquette', 'chat', [('C', ('my order 5512 is missing', 0, 5)), ('A', ('Got it.', 10, 12)), ('C', ('hello?', 70, 71)), ('A', ('It ships today.', 75, 80))], 'not_applicable'),
    ('hold_etiquette', 'chat', [('C', ('my order 5512 is missing', 0, 5)), ('A', ('Done, refund issued.', 10, 12)), ('C', ('hello??', 300, 301)), ('A', ('Yes?', 305, 306))], 'not_applicable'),
    ('hold_etiquette', 'chat', [('C', ('my order 5512 is missing', 0, 5)), ('A', ('Sent.', 10, 12)), ('C', ('hello??', 320, 321)), ('A', ('Yes?', 330, 331))], 'not_applicable'),
    ('hold_etiquette', 'chat', [('C', ('my order 5512 is missing', 0, 5)), ('A', ('All sorted.', 10, 12)), ('C', ('hello??', 320, 321)), ('A', ('Yes?', 330, 331))], 'not_applicable'),
    ('hold_etiquette', 'chat', [('C', ('my order 5512 is missing', 0, 5)), ('A', ('Let me check that for you, it may take a few minutes.', 10, 12)), ('C', ('hello??', 200, 201)), ('A', ('Thanks for waiting, it ships today.', 210, 215))], 'met'),
    ('hold_etiquette', 'chat', [('C', ('my order 5512 is missing', 0, 5)), ('A', ('Let me check that for you.', 10, 12)), ('C', ('hello??', 200, 201)), ('A', ('It ships today.', 210, 215))], 'missed'),
    ('hold_etiquette', 'chat', [('C', ('my order 5512 is missing', 0, 5)), ('A', ('Checking with the warehouse now, this might take 3-4 minutes.', 10, 12)), ('C', ('hello??', 200, 201)), ('A', ('Thanks for waiting, it ships today.', 210, 215))], 'met'),
]


@pytest.mark.parametrize("standard, channel, turns, status", _REVIEW_2)
def test_the_second_reviews_inputs(standard, channel, turns, status):
    assert_verdict(standard, channel, turns, status)
