"""Round twenty-one, from wave 18's disagreements, by mechanism: holds asked with what the agent
would like to do and thanked after the customer's yes, hold music logged as a turn, a bare
"Hold.", a wait asked in days in a letter, thanks for the wait in the customer's language, the
customer's own task after "go ahead, I'll stay on the line"; names read from "the name on it
is", ASR's "my names", "it's under <Name>, <details>", a greeting to the agent before "<Name>
here", a reference code's letters, a name split by speech recognition said whole, "X & Y"
signing a letter, a post signed after a dash; introductions ending a company line, "<Name> at
<Company> here", "<Name> here too", in Spanish; initials are no name; blame by a "mis-" verb
or "brought this on yourself"; a phrase the customer said first, said back; impatience
("come on", "I literally just said"); complaints made before, a bill against the usual; an
apology for not understanding is no empathy; reply subjects and quoted lines are no new
complaint; outcome checks asked short or of the remedy; a typed statement is no check; "does
that answer what you needed?" is no offer. Sentences here are written for the tests."""

from __future__ import annotations

import pytest

import csnlp

from .conftest import assert_verdict, judge

MET, MISSED, NA = csnlp.Status.MET, csnlp.Status.MISSED, csnlp.Status.NOT_APPLICABLE


def _hold(*turns: tuple, channel: str = "chat") -> csnlp.StandardResult:
    return judge(list(turns), metadata={"channel": channel})["hold_etiquette"]


@pytest.mark.parametrize("ask, answer, back, status", [
    # what the agent would like to do and how long, a consent question, a yes, thanks back
    ("I'd like to go through the claim notes first, which takes a couple of minutes. Is that "
     "all right?", "Yep.", "Thanks for waiting. The assessor signed it off on Friday.", MET),
    ("I'd like to look over your meter history; it'll take about two minutes, is it alright "
     "to hold?", "sure", "Thank you for holding. The reading was estimated.", MET),
    ("Let me ring the depot to see where the van is - give me five minutes or so.", "ok",
     "Thanks for your patience! The van is two stops away.", MET),
    # ... not thanked: still a hold, missed
    ("Let me check with the warehouse, it may take a few minutes. Okay?", "fine",
     "The jacket is back in stock on Monday.", MISSED),
    # (review) what the agent would like to do with the customer, then a question: no wait
    ("I'd like to check a few security details with you first, it'll take a minute. Is that "
     "ok?", "sure", "Great, what's your date of birth?", NA),
    # a wait the agent does not take itself is no hold: the order will arrive in minutes
    ("It'll be with you in a few minutes, the rider is nearby. Is that ok?", "yes",
     "Thanks for your patience, the rider is at your door now.", NA),
])
def test_a_hold_asked_with_what_the_agent_would_like_to_do(ask, answer, back, status):
    result = _hold(("customer", "hi, can you help with my order?"), ("agent", ask),
                   ("customer", answer), ("agent", back), ("customer", "ok thanks"))
    assert result.status is status, result.explanation


def test_hold_music_logged_as_the_agents_turn_is_a_hold_from_its_turn_before():
    result = _hold(("agent", "hello, brightline insurance, this is omar"),
                   ("customer", "hi i want to check on my claim"),
                   ("agent", "whats the claim number"), ("customer", "c four four two"),
                   ("agent", "[hold music]"),
                   ("agent", "thanks for waiting, the claim was approved"),
                   ("customer", "great"), channel="phone")
    assert result.status is MISSED, result.explanation  # never asked
    assert "not asked" in result.explanation
    asked = _hold(("agent", "hello, brightline insurance, this is omar"),
                  ("customer", "hi i want to check on my claim"),
                  ("agent", "let me check that for you, can i put you on hold"),
                  ("customer", "sure"), ("agent", "(hold music)"),
                  ("agent", "thanks for holding, the claim was approved"),
                  ("customer", "great"), channel="phone")
    assert asked.status is MET, asked.explanation


def test_a_bare_hold_as_the_whole_turn_is_a_hold():
    result = _hold(("agent", "Passport office. Reference?"), ("customer", "PX 7731"),
                   ("agent", "Hold."), ("agent", "It was posted Tuesday."), ("customer", "ok"),
                   channel="phone")
    assert result.status is MISSED, result.explanation
    # a hold placed on a card is no hold
    card = _hold(("customer", "my card is blocked"),
                 ("agent", "There's a hold on the card from the fraud team."),
                 ("customer", "ok"), channel="phone")
    assert card.status is NA, card.explanation


@pytest.mark.parametrize("agent, status", [
    ("I need to confirm this with our payments provider, so please give me a day on it.",
     MISSED),
    ("Give us 48 hours to look into it and we'll come back to you.", MISSED),
    # days asked as details, not as a wait
    ("Can you give me a day and time that suits the engineer?", NA),
    ("Please give me a day's notice if you need to cancel.", NA),
])
def test_a_wait_asked_in_days_in_a_letter(agent, status):
    result = _hold(("customer", "Subject: duplicate charge\n\nPlease refund it."),
                   ("agent", agent), ("customer", "Thanks."),
                   ("agent", "Refunded today."), channel="email")
    assert result.status is status, result.explanation


@pytest.mark.parametrize("back", [
    "Gracias por esperar. The room is yours until two.",
    "Grazie for your patience. The room is yours until two.",
    "Merci de votre patience, the room is yours until two.",
])
def test_thanks_for_the_wait_in_the_customers_language(back):
    result = _hold(("customer", "Hola, can we check out late?"),
                   ("agent", "Let me ask housekeeping, un momento."),
                   ("customer", "Claro"), ("agent", back), ("customer", "perfect"),
                   channel="whatsapp")
    assert result.status is MET, result.explanation


def test_the_customers_own_task_after_the_agent_says_it_will_stay_on_the_line():
    result = _hold(("agent", "hi you're through to kiran at zenbank", 0.0, 3.0),
                   ("customer", "the app won't load my statement", 3.5, 6.0),
                   ("agent", "could you close the app and reopen it", 6.5, 9.0),
                   ("customer", "okay rebooting it now", 9.5, 11.0),
                   ("agent", "go ahead ill stay on the line", 11.2, 13.0),
                   ("customer", "right its back and the statement loads", 75.0, 79.0),
                   ("agent", "great anything else", 79.5, 81.0), channel="phone")
    assert result.status is NA, result.explanation


@pytest.mark.parametrize("customer, agent, status", [
    ("I'd like to swap these boots. Order 5512, and the name on it is Ottilie Brandt.",
     "Thanks, Ottilie, that's arranged.", MET),
    ("hi um my names tobias wren im calling about a refund", "okay tobias let me look", MET),
    ("it's under Marisol Okafor, m.okafor@example.com", "Got it, Marisol, it's unlocked.", MET),
    # a greeting to the agent by its name, then the customer's own "<name> here"
    ("Hi Dana, Femi here. Is my sofa still on order?", "It is, Femi, it ships Monday.", MET),
    ("Hi Dana, Femi here. Is my sofa still on order?", "It is, it ships Monday.", MISSED),
    # a reference's letters are no name
    ("KRK-LM-40221, Ingrid Holm", "Thank you, Ingrid. One moment.", MET),
])
def test_names_the_customer_gives(customer, agent, status):
    report = judge([("agent", "Hello, Dana here at Loftly, how can I help?"),
                    ("customer", customer), ("agent", agent), ("customer", "thanks")],
                   metadata={"channel": "chat"})
    assert report["customer_name"].status is status, report["customer_name"].explanation


def test_a_name_split_by_speech_recognition_said_whole_by_the_agent():
    report = judge([("agent", "good morning parcel help can i take your name"),
                    ("customer", "yeah its ade wale okoro"),
                    ("agent", "thanks adewale let me look"), ("customer", "ok")])
    assert report["customer_name"].status is MET, report["customer_name"].explanation


def test_the_agents_own_name_said_as_this_name_is_not_the_customers():
    report = judge([("agent", "Hello, Ines speaking."),
                    ("customer", "Hi Ines, I'm Ines too, Ines Duarte. My parcel is lost."),
                    ("agent", "Well, this Ines will find it for you."),
                    ("customer", "ok"), ("agent", "Bye now.")])
    assert report["customer_name"].status is MISSED, report["customer_name"].explanation


@pytest.mark.parametrize("message, status", [
    ("Subject: Booking\n\nHi Tomas,\n\nCan we move our dinner to eight?\n\nGrazie!\n"
     "Chiara & Paolo", MET),
    ("Subject: Booking\n\nHi Tomas,\n\nCan we move our dinner to eight?\n\nThanks!\n"
     "Chiara", MET),
])
def test_a_letter_signed_by_two(message, status):
    report = judge([("customer", message),
                    ("agent", "Subject: RE: Booking\n\nCiao Chiara,\n\nDone, see you at eight."
                              "\n\nTomas")], metadata={"channel": "email"})
    assert report["customer_name"].status is status, report["customer_name"].explanation


def test_a_post_signed_after_a_dash_later_in_the_thread_names_the_customer():
    report = judge([("customer", "@Brightbank the app won't let me pay my rent"),
                    ("agent", "@reni_k Sorry about that! Please update to 9.1."),
                    ("customer", "@Brightbank updating"),
                    ("customer", "@Brightbank done, it worked, thanks so much. - Renata"),
                    ("agent", "@reni_k Glad it's sorted!")], metadata={"channel": "twitter"})
    assert report["customer_name"].status is MISSED, report["customer_name"].explanation


@pytest.mark.parametrize("agent, status", [
    ("hi youre through to returns at stylehub its ahmed", MET),
    ("¡Hola! Soy Valentina, de Casa Luna.", MET),
    ("Olu at Fleetway here. Sorry about the wait.", MET),
    # a team after "you're through to", a greeting with the customer's name, a bare answer
    ("afternoon youre through to rail assist", MISSED),
    ("afternoon youre through to parcel help", MISSED),
    ("Thanks, Priyanka.", MISSED),
    ("Good morning, Priyanka.", MISSED),
])
def test_introductions_by_mechanism(agent, status):
    report = judge([("customer", "Hi, I'm Jordan."), ("agent", agent)],
                   metadata={"channel": "chat"})
    assert report["agent_introduction"].status is status, report[
        "agent_introduction"].explanation


def test_initials_signing_a_reply_are_no_name():
    report = judge([("customer", "Subject: 500 errors\n\nOur API is down."),
                    ("agent", "Subject: RE: 500 errors\n\nRestarted. Still failing?\n\n— TK, "
                              "Platform")], metadata={"channel": "email"})
    assert report["agent_introduction"].status is MISSED, report[
        "agent_introduction"].explanation
    named = judge([("customer", "Subject: 500 errors\n\nOur API is down."),
                   ("agent", "Subject: RE: 500 errors\n\nRestarted. Still failing?\n\n— Tomi, "
                             "Platform")], metadata={"channel": "email"})
    assert named["agent_introduction"].status is MET, named["agent_introduction"].explanation


@pytest.mark.parametrize("customer, agent, status", [
    ("my order hasn't come", "You must have misread the tracking page, it says Friday.", MISSED),
    ("my order hasn't come", "you probably misunderstood the delivery window", MISSED),
    ("my order hasn't come", "honestly you brought this on yourself by choosing economy",
     MISSED),
    ("my order hasn't come", "There may have been a misunderstanding on our side, sorry.", MET),
    # the customer's own words said back with the word after them: a product's name
    ("I'm calling about my Damn Fine Tea subscription", "Sure, your damn fine tea is on "
     "monthly delivery.", MET),
    ("I'm calling about my tea subscription", "Sure, your damn tea is on monthly delivery.",
     MISSED),
])
def test_prohibited_language_by_mechanism(customer, agent, status):
    report = judge([("customer", customer), ("agent", agent)])
    assert report["prohibited_language"].status is status, report[
        "prohibited_language"].explanation


@pytest.mark.parametrize("agent, status", [
    ("right postcode then come on", MISSED),
    ("i literally just said its been cancelled", MISSED),
    ("I'm not sure why this is so hard to understand, it's online only.", MISSED),
    ("The light should come on after a minute.", MET),
    ("Come on in whenever you're ready, we're open till six.", MET),
    ("I just told the engineer to ring you first.", MET),
])
def test_impatience_is_discourteous(agent, status):
    report = judge([("customer", "hi can you help"), ("agent", agent)])
    assert report["polite_tone"].status is status, report["polite_tone"].explanation


@pytest.mark.parametrize("agent, polite, prohibited", [
    # the customer blamed for not reading or checking: prohibited_language's, penalised once
    ("If you'd checked the order page you'd have seen the date.", MET, MISSED),
    ("The PIN, which you seem to have ignored, is on the letter.", MET, MISSED),
    ("Maybe read the delivery notes next time.", MET, MISSED),
    # a question is no blame; talking down stays polite_tone's
    ("Had you read the email before you called?", None, MET),
    ("Let me explain this very slowly.", MISSED, MET),
])
def test_blame_for_not_reading_is_prohibited_language(agent, polite, prohibited):
    report = judge([("customer", "where's my parcel?"), ("agent", agent)])
    assert report["prohibited_language"].status is prohibited, report[
        "prohibited_language"].explanation
    if polite is not None:
        assert report["polite_tone"].status is polite, report["polite_tone"].explanation


@pytest.mark.parametrize("agents, status", [
    # details asked bare, and a courteous word in one turn of five at most: curt
    (["Hi, accounts.", "Account number.", "Surname?", "Paid on the 3rd.", "Anything else"],
     MISSED),
    (["hello billing", "date of birth", "ok postcode then", "its been paid", "no refund due"],
     MISSED),
    # ... with please or thanks around: brisk, not curt
    (["Hi, accounts.", "Account number, please.", "Thanks. Surname?", "Paid on the 3rd.",
      "Anything else I can help with?"], MET),
    (["Hi, accounts, how can I help?", "Account number.", "Thank you. And the surname?",
      "Lovely, that was paid on the 3rd.", "Anything else I can help with?"], MET),
])
def test_details_asked_bare_by_an_agent_with_hardly_a_courtesy_is_curt(agents, status):
    turns = []
    for agent in agents:
        turns += [("agent", agent), ("customer", "ok")]
    report = judge(turns)
    assert report["polite_tone"].status is status, report["polite_tone"].explanation


def _empathy(customer: str, agent: str = "Okay, let me look at that.") -> csnlp.StandardResult:
    return judge([("agent", "Hi, you're through to Maple Energy, Lou speaking."),
                  ("customer", customer), ("agent", agent), ("customer", "ok"),
                  ("agent", "Done. Bye now.")])["empathy_on_complaint"]


@pytest.mark.parametrize("customer, status", [
    ("I've complained about this courier twice already and it's happened again.", MISSED),
    ("just get it right this time please, the parcel was wet", MISSED),
    ("I've been with you 12 years and this is how you treat me?", MISSED),
    ("my bill this month is three hundred pounds and it's normally about eighty", MISSED),
    ("The statement says I used 4,000 units. I usually use about 1,000.", MISSED),
    # a slip owned with a joke at one's own expense, a bill asked about
    ("i cant get in i forgot my pin again sorry im hopeless with these things", NA),
    ("Can I pay my bill by card? I usually pay by direct debit.", NA),
])
def test_complaints_and_calm_lines(customer, status):
    assert _empathy(customer).status is status, _empathy(customer).explanation


def test_an_apology_for_not_understanding_is_no_empathy():
    result = _empathy("this is useless, I needed an appointment today",
                      "Sorry, I didn't understand that. Reply BOOK to book.")
    assert result.status is MISSED, result.explanation


def test_a_reply_subject_and_quoted_lines_are_no_new_complaint():
    report = judge([
        ("customer", "Subject: Charged twice for my plan\n\nPlease refund the duplicate."),
        ("agent", "Subject: RE: Charged twice for my plan\n\nSo sorry about that, refunding."),
        ("customer", "Subject: RE: Charged twice for my plan\n\nThanks. Can I have an invoice?"
                     "\n\n> charged twice, so sorry"),
        ("agent", "Subject: RE: Charged twice for my plan\n\nAttached."),
        ("customer", "Subject: RE: Charged twice for my plan\n\nGot it."),
        ("agent", "Subject: RE: Charged twice for my plan\n\nTake care.")],
        metadata={"channel": "email"})
    result = report["empathy_on_complaint"]
    assert result.status is MET, result.explanation
    assert "turn 1" in result.explanation and "turns 1, 3" not in result.explanation


def _check(question: str) -> csnlp.StandardResult:
    return judge([("customer", "my card keeps getting declined"),
                  ("agent", "I've unblocked it from our side."), ("customer", "ok"),
                  ("agent", question), ("customer", "yes"),
                  ("agent", "Thanks for calling, bye.")])["resolution_check"]


@pytest.mark.parametrize("question, status", [
    ("Still seeing the decline message?", MET),
    ("Are you still getting the error?", MET),
    ("and can you actually pay for something now", MET),
    ("is it all going through okay", MET),
    ("are the payments coming through properly", MET),
    ("Would this go some way towards putting things right?", MET),
    ("Does that feel like a fair outcome to you?", MET),
    ("Does that seem a reasonable resolution?", MET),
    ("Cards are working again, the outage ended at noon.", MISSED),
])
def test_outcome_checks_asked_short_or_of_the_remedy(question, status):
    result = _check(question)
    assert result.status is status, result.explanation


def test_does_that_answer_it_is_a_check_not_an_offer_of_more_help():
    call = {"turns": [{"speaker": "customer", "text": "is my prescription ready?"},
                      {"speaker": "agent", "text": "Yes, it's in the collection drawer."},
                      {"speaker": "agent", "text": "Does that answer what you needed?"},
                      {"speaker": "customer", "text": "Yes, thanks, bye."},
                      {"speaker": "agent", "text": "Bye."}]}
    report = csnlp.evaluate(call, "contact_center", redact=False)
    assert report["resolution_check"].status is MET, report["resolution_check"].explanation
    assert report["further_assistance"].status is MISSED, report[
        "further_assistance"].explanation


# (review) a reviewer's own inputs that broke the first form of these rules, with the verdict
# a QA reviewer gives: the standard, the channel, the turns ("A" agent, "C" customer), the
# status
_REVIEW = [
    ('agent_introduction', 'chat', [('C', "Hi, I'm Jordan, can you unlock me?"), ('A', 'Of course, Jordan.')], 'missed'),
    ('customer_name', 'chat', [('A', "Hi, you're chatting with Dana at Loftly. What's your name?"), ('C', 'Benedict Hall'), ('A', 'How can I help?'), ('C', 'Please cancel order 5512'), ('A', 'Found it, Benedict.')], 'met'),
    ('customer_name', 'chat', [('A', "Hi, you're chatting with Dana at Loftly."), ('C', "Hi, I'm Maria Lopez. My parcel is lost."), ('A', "I'm so sorry about all this, Maria. I've sent a replacement.")], 'met'),
    ('prohibited_language', 'chat', [('C', 'this damn app keeps crashing'), ('A', 'yeah this damn app is a nightmare, let me reset it')], 'missed'),
    ('prohibited_language', 'chat', [('C', 'Shut up and refund me'), ('A', 'Shut up and listen for a second, sir.')], 'missed'),
    ('resolution_check', 'chat', [('C', 'My app keeps showing an error when I log in.'), ('A', "I'm on it."), ('A', 'The page is fixed, please check and tell me whether it loads now.'), ('C', 'ok'), ('A', 'Bye!')], 'met'),
    ('resolution_check', 'chat', [('C', 'My app keeps showing an error when I log in.'), ('A', "I'm on it."), ('A', 'Your card is active again, can you try a payment and confirm it goes through.'), ('C', 'ok'), ('A', 'Bye!')], 'met'),
    ('resolution_check', 'chat', [('C', 'My app keeps showing an error when I log in.'), ('A', "I'm on it."), ('A', 'Can you actually read me the serial number now?'), ('C', 'ok'), ('A', 'Bye!')], 'missed'),
    ('resolution_check', 'chat', [('C', 'My app keeps showing an error when I log in.'), ('A', "I'm on it."), ('A', 'Can you watch out for an email from us now?'), ('C', 'ok'), ('A', 'Bye!')], 'missed'),
    ('resolution_check', 'chat', [('C', 'My kitchen is flooding'), ('A', "I'm on it."), ('A', 'Is the water rising above the skirting board?'), ('C', 'ok'), ('A', 'Bye!')], 'missed'),
    ('resolution_check', 'chat', [('C', 'hi'), ('A', "I'm on it."), ('A', 'Is your son doing well at uni?'), ('C', 'ok'), ('A', 'Bye!')], 'missed'),
    ('resolution_check', 'chat', [('C', 'hi'), ('A', "I'm on it."), ('A', 'Does that seem reasonable for a Tuesday slot? Otherwise Thursday.'), ('C', 'ok'), ('A', 'Bye!')], 'missed'),
    ('empathy_on_complaint', 'chat', [('A', 'Hi, Lou here.'), ('C', 'I have reported the meter reading already, just checking you got it?'), ('A', "Yes, it's in.")], 'not_applicable'),
    ('empathy_on_complaint', 'chat', [('A', 'Hi, Lou here.'), ('C', 'I want to make sure I get it right this time - is it the 16-digit number?'), ('A', 'Yes.')], 'not_applicable'),
    ('empathy_on_complaint', 'chat', [('A', 'Hi, Lou here.'), ('C', "I've been with you 8 years and I've always been happy, just want to add my son to the account."), ('A', 'Sure.')], 'not_applicable'),
    ('empathy_on_complaint', 'chat', [('A', 'Hi, Lou here.'), ('C', "I want to set up a direct debit. It's usually about £60 a month, is that right?"), ('A', 'Yes.')], 'not_applicable'),
    ('empathy_on_complaint', 'chat', [('A', 'Hi, Lou here.'), ('C', 'Could you send me a copy of my statement? I normally get one by post.'), ('A', 'Sure.')], 'not_applicable'),
    ('empathy_on_complaint', 'chat', [('A', 'Hi, Lou here.'), ('C', "I've had no heating for a week, it's ridiculous."), ('A', "Sorry, I didn't understand that you'd been without heating for a whole week - that's awful. I'll get an engineer out today.")], 'met'),
    ('polite_tone', 'chat', [('C', 'when is it'), ('A', "I just told you the wrong date, sorry - it's the 14th not the 4th.")], 'met'),
    ('prohibited_language', 'chat', [('C', 'my order is late'), ('A', "Please don't think you brought this on yourself.")], 'met'),
    ('prohibited_language', 'chat', [('C', 'my order is late'), ('A', 'Did you bring it on yourself? Not at all - it was our error.')], 'met'),
    ('hold_etiquette', 'phone', [('A', 'so press the power button on the back'), ('C', 'do i just press it or hold it'), ('A', 'hold'), ('C', 'okay its restarting'), ('A', 'great')], 'not_applicable'),
    ('hold_etiquette', 'chat', [('C', 'Do you want me to cancel the subscription or put it on hold?'), ('A', 'Hold.')], 'not_applicable'),
    ('hold_etiquette', 'email', [('C', "where's my order"), ('A', "We're sorry - we're experiencing very high order volumes at the moment, so please bear with us. Your order is scheduled to ship on Friday.")], 'not_applicable'),
    ('hold_etiquette', 'email', [('C', 'refund?'), ('A', 'Please allow us 2 days for the refund to reach your card.')], 'not_applicable'),
    ('hold_etiquette', 'email', [('C', 'engineer?'), ('A', 'Can you give me a day that suits you next week?')], 'not_applicable'),
    ('hold_etiquette', 'phone', [('C', 'no power'), ('A', 'okay give me ten minutes or so and ill call you back with an engineer time'), ('C', 'okay thanks bye')], 'not_applicable'),
    ('hold_etiquette', 'chat', [('C', 'hi, I need to update my address'), ('A', "I'd like to check a few security details with you first, it'll just take a minute. Is that ok?"), ('C', 'sure'), ('A', "Great, what's your date of birth?"), ('C', '1 May 1980'), ('A', 'Thanks, address updated.')], 'not_applicable'),
    ('hold_etiquette', 'phone', [('A', 'thanks for calling northgate energy all our advisors are busy you are number three in the queue'), ('A', '[music]'), ('A', 'hello northgate energy this is sam how can i help'), ('C', 'hi my meter'), ('A', 'okay')], 'not_applicable'),
    ('hold_etiquette', 'phone', [('A', 'hello this is sam'), ('C', 'hi my meter'), ('A', 'one sec'), ('A', '[caller placed on hold]'), ('A', 'thanks for waiting')], 'missed'),
    ('customer_name', 'chat', [('C', "There's a charge I don't recognise, it's under Amazon, £29.99"), ('A', "I can see the Amazon charge, I'll dispute it for you.")], 'not_applicable'),
    ('customer_name', 'chat', [('C', "The name on the booking is Mr Smith but I'm his PA."), ('A', "Thanks! I've moved the booking to Friday, Mr Smith will get an email.")], 'not_applicable'),
    ('customer_name', 'phone', [('A', 'morning drivewise can i take your name'), ('C', 'yeah its les son'), ('A', 'okay thanks your next lesson is monday at ten')], 'missed'),
    ('customer_name', 'chat', [('A', 'Hello, Dana here at Loftly, how can I help?'), ('C', 'Hi Dana, Tunde Bello here.'), ('A', 'Sure, Tunde.')], 'met'),
    ('customer_name', 'chat', [('A', 'Hello, Dana here at Loftly, how can I help?'), ('C', 'Thanks Dana, Tunde speaking.'), ('A', 'Sure, Tunde.')], 'met'),
    ('customer_name', 'chat', [('A', 'Hello, Dana here at Loftly, how can I help?'), ('C', 'Hi Dana! Tunde here.'), ('A', 'Sure thing.')], 'missed'),
    ('agent_introduction', 'chat', [('C', 'hi'), ('A', 'Hi, sunny here too! How can I help?')], 'missed'),
    ('agent_introduction', 'phone', [('A', 'hi youve reached the accounts team at northwave its priya'), ('C', 'hi')], 'met'),
    ('agent_introduction', 'chat', [('A', 'Buongiorno, sono Paola del servizio clienti.'), ('C', 'hi')], 'met'),
]


@pytest.mark.parametrize("standard, channel, turns, status", _REVIEW)
def test_the_reviews_inputs(standard, channel, turns, status):
    assert_verdict(standard, channel, turns, status)



# (second review) inputs that broke the first mends, with a QA reviewer's verdicts
_REVIEW_2 = [
    ('prohibited_language', 'chat', [('C', 'hi, quick question'), ('A', 'Are you even able to log in at the moment? If not I can reset it for you.')], 'met'),
    ('prohibited_language', 'chat', [('C', 'hi, quick question'), ('A', 'Do you even need the adapter? Most new TVs have it built in.')], 'met'),
    ('prohibited_language', 'chat', [('C', 'hi, quick question'), ('A', "It's clearly stated in the terms that you're covered, good news!")], 'met'),
    ('prohibited_language', 'chat', [('C', 'hi, quick question'), ('A', "If our team had paid attention to your notes this wouldn't have happened. I'm so sorry.")], 'met'),
    ('prohibited_language', 'chat', [('C', 'hi, quick question'), ('A', 'I really appreciate that you bothered to let us know.')], 'met'),
    ('prohibited_language', 'chat', [('C', 'hi, quick question'), ('A', "Oh, you don't bother with the form, I'll sort it from here.")], 'met'),
    ('prohibited_language', 'chat', [('C', 'hi, quick question'), ('A', "Even if you had read the letter, it had the wrong date on it, so that's completely our fault.")], 'met'),
    ('prohibited_language', 'phone', [('C', 'hi, quick question'), ('A', 'so if you had checked in online already youll have a seat number on the app')], 'met'),
    ('prohibited_language', 'chat', [('C', 'hi, quick question'), ('A', "You'd see the alerts if you had notifications switched on, want me to show you how?")], 'met'),
    ('prohibited_language', 'chat', [('C', 'hi, quick question'), ('A', "You'd find the tracking link if you checked under My Account, Orders.")], 'met'),
    ('prohibited_language', 'phone', [('C', 'hi, quick question'), ('A', 'and had you checked your spam folder at all')], 'met'),
    ('prohibited_language', 'chat', [('C', 'hi, quick question'), ('A', "There's a delivery that you must have missed while you were out. No problem, I'll rebook it.")], 'met'),
    ('prohibited_language', 'chat', [('C', 'hi, quick question'), ('A', "If you've got the bill right in front of you and can see the reference at the top, could you read it out?")], 'met'),
    ('prohibited_language', 'chat', [('C', 'hi, quick question'), ('A', 'Have you actually opened the parcel yet? If not you can just refuse it.')], 'met'),
    ('prohibited_language', 'chat', [('C', 'hi, quick question'), ('A', "Honestly, had you read the letter, you'd know the date.")], 'missed'),
    ('prohibited_language', 'chat', [('C', 'hi, quick question'), ('A', 'Had you opened the tenancy pack, you would have known that.')], 'missed'),
    ('prohibited_language', 'chat', [('C', 'hi, quick question'), ('A', 'If you had read the booking confirmation you would have seen that.')], 'missed'),
    ('prohibited_language', 'chat', [('C', 'hi, quick question'), ('A', "You'd know if you checked the live departures page.")], 'missed'),
    ('prohibited_language', 'chat', [('C', 'hi, quick question'), ('A', 'did you even open the maintenance email we sent last week')], 'missed'),
    ('hold_etiquette', 'chat', [('C', 'my refund?'), ('A', "Give me 48 hours to look into it and I'll email you with the outcome."), ('C', 'ok')], 'not_applicable'),
    ('hold_etiquette', 'phone', [('C', 'my refund?'), ('A', 'give us 24 hours to sort it and youll get a text when its done'), ('C', 'ok')], 'not_applicable'),
    ('hold_etiquette', 'phone', [('A', 'press the button on the side'), ('C', 'do i tap it or keep it pressed down?'), ('A', 'Hold.'), ('C', 'ok its restarting')], 'not_applicable'),
    ('polite_tone', 'phone', [('A', "hello you're through to acme energy its dan how can i help"), ('C', "i've moved house"), ('A', 'yeah course whats the postcode'), ('C', 'l1 2ab'), ('A', 'ta'), ('A', 'and your name'), ('C', 'jo bloggs'), ('A', 'spot on found you'), ('C', 'great'), ('A', 'got it thats gone on the account'), ('C', 'thanks'), ('A', 'nice one ta-ra')], 'met'),
    ('polite_tone', 'chat', [('A', "Hi, I'm Sam. How can I help?"), ('C', 'reset my password'), ('A', 'Sure. It says email or text, which one?'), ('C', 'which one do you need?'), ('A', 'Email.'), ('C', 'ok'), ('A', 'Done, check your inbox.'), ('C', 'got it'), ('A', 'Anything else?')], 'met'),
    ('customer_name', 'phone', [('A', 'can i take the name on the card'), ('C', 'the name on it is david clarke its my husbands card'), ('A', 'okay thanks')], 'not_applicable'),
    ('customer_name', 'chat', [('A', 'Which account?'), ('C', "it's under my wife's name, Priya Shah, priya.shah@example.com"), ('A', 'Thanks.')], 'not_applicable'),
    ('agent_introduction', 'chat', [('A', 'Guten Tag, ich heiße Sie bei der Telekom herzlich willkommen'), ('C', 'hi')], 'missed'),
    ('agent_introduction', 'phone', [('A', 'hello youre through to billing at acme its sarah how can i help'), ('C', 'hi')], 'met'),
    ('empathy_on_complaint', 'email', [('C', "Subject: refund\n\nI was charged twice, I'm really annoyed."), ('A', 'Subject: RE: refund\n\nSo sorry, refunded.'), ('C', "Subject: RE: refund\n\nThanks, got it.\n\n-----Original Message-----\nI was charged twice, I'm really annoyed."), ('A', 'Subject: RE: refund\n\nGreat.')], 'met'),
]


@pytest.mark.parametrize("standard, channel, turns, status", _REVIEW_2)
def test_the_second_reviews_inputs(standard, channel, turns, status):
    assert_verdict(standard, channel, turns, status)
