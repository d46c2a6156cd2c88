"""Round twenty-six, from wave 23's disagreements, by mechanism: impatience ("as I already
said", "I already told you") and "not interested in excuses" are discourteous, not prohibited
words; the customer's account waved away ("everyone says that"), the task called child's play,
the fault guessed to be the customer's handling and a situation put "on you" are prohibited;
"you should have" before a preposition and "whatever <thing> you like" are not; introductions
after an emoji or a dash, by rank and surname, "..., it's <Name> here", and a bare name signing
a typed message; a date after "from" is no team; checks that ask the customer to look, that
something sent arrived, that a plan is doable or leaves enough time, that a state holds; an
outcome told as a state lets an earlier check count, never starting the count alone; thanks for
a hold with the turn going on is no closing; "peace", "stay dry" close; "Yo!" greets; the formal
letter's offer; sarcasm at an intrusion and patience running out are complaints, a state fine
for a while is calm; reassurance that the customer did nothing wrong, "a lot to put up with"
and a shock named are empathy; a name asked for on an outbound call and confirmed, and "it's
Mister <Surname>"; a wait of minutes told and asked, "give me two secs". Sentences here are
written for the tests."""

from __future__ import annotations

import pytest

from .conftest import assert_verdict

CASES = [
    # -- polite_tone / prohibited_language: impatience is discourtesy, penalised there ----------
    ("polite_tone", "chat", [("C", "when does the shop open on saturday"),
                             ("A", "As I already said, nine until five.")], "missed"),
    ("prohibited_language", "chat", [("C", "when does the shop open on saturday"),
                                     ("A", "As I already said, nine until five.")], "met"),
    ("polite_tone", "phone", [("C", "so when is the refund coming"),
                              ("A", "i already told you its friday")], "missed"),
    ("polite_tone", "chat", [("C", "I was in hospital, that's why I missed it."),
                             ("A", "I'm not interested in excuses, the fee stands.")], "missed"),
    # ... the customer's account waved away, as a clause of its own
    ("prohibited_language", "chat", [("C", "I never ordered this, honestly."),
                                     ("A", "Right, they all say that.")], "missed"),
    ("prohibited_language", "chat", [("C", "Is the new version quicker?"),
                                     ("A", "Everyone says that the new version is quicker, "
                                           "yes.")], "met"),
    # ... the task called child's play to put the customer down (not the reassurance)
    ("prohibited_language", "phone", [("C", "i cant get the shelf bracket on"),
                                      ("A", "come on a kid could do it")], "missed"),
    ("prohibited_language", "chat", [("C", "Is the app hard to use?"),
                                     ("A", "It's so simple even a child could use it!")],
     "met"),
    # ... the fault guessed to be the customer's handling
    ("prohibited_language", "chat", [("C", "The filter won't click into place."),
                                     ("A", "You've probably put it in backwards.")], "missed"),
    ("prohibited_language", "chat", [("C", "Did I fit the filter right?"),
                                     ("A", "You've got it right, it should click now.")],
     "met"),
    # ... a situation, a mess or a fee put "on you"
    ("prohibited_language", "chat", [("C", "Why was I charged again?"),
                                     ("A", "Honestly this mess is on you, you never cancelled.")],
     "missed"),
    # "you should have" before a preposition is what the customer is owed, not blame
    ("prohibited_language", "twitter", [("C", "Two hours late again!"),
                                        ("A", "Sorry, that's not the trip you should have with "
                                              "us. DM us your booking ref?")], "met"),
    # "whatever <thing> you like" offers a choice
    ("prohibited_language", "email", [("C", "The mug arrived chipped."),
                                      ("A", "So sorry! Choose whatever pattern you like and "
                                            "we'll send it free.")], "met"),
    # -- agent_introduction -------------------------------------------------------------------
    ("agent_introduction", "instagram", [("C", "my order is wrong"),
                                         ("A", "hiii 🌸 Wren from the Petalbox team here! "
                                               "what happened?")], "met"),
    ("agent_introduction", "in_app", [("C", "is my parcel lost"),
                                      ("A", "Your delivery question — Tomas from Parcelgo here. "
                                            "Let me look.")], "met"),
    ("agent_introduction", "chat", [("C", "I need a permit"),
                                    ("A", "Good afternoon. My name is Sergeant Okafor. How may "
                                          "I help?")], "met"),
    ("agent_introduction", "chat", [("C", "hi"), ("A", "Hello! What's happened?"),
                                    ("C", "My card was declined. Priya"),
                                    ("A", "Thanks Priya, it's Omar here. Let me check.")], "met"),
    ("agent_introduction", "chat", [("C", "hi"),
                                    ("A", "Thanks Priya, it's Tuesday here so the branch is "
                                          "shut.")], "missed"),
    ("agent_introduction", "facebook", [("C", "Can I change my tariff?"),
                                        ("A", "Hi! Yes, I've switched you to the saver tariff "
                                              "from next month. Anything else? Elena")], "met"),
    ("agent_introduction", "facebook", [("C", "Can I change my tariff?"),
                                        ("A", "Done, you're on the saver tariff. Enjoy")],
     "missed"),
    ("agent_introduction", "email", [("C", "My build fails."),
                                     ("A", "Known bug, fixed in 2.3. Support")], "missed"),
    ("agent_introduction", "chat", [("C", "Why is my bill higher?"),
                                    ("A", "Tariff change from March.")], "missed"),
    # -- resolution_check ---------------------------------------------------------------------
    ("resolution_check", "chat", [("C", "I was charged for Gold after downgrading."),
                                  ("A", "I've moved you to Silver and refunded the difference."),
                                  ("C", "ok"),
                                  ("A", "Could you reload the app and check it shows Silver "
                                        "now?")], "met"),
    ("resolution_check", "chat", [("C", "There's a pending payment I don't recognise."),
                                  ("A", "I've cancelled it. Can you see the payment has gone "
                                        "from your list?")], "met"),
    ("resolution_check", "chat", [("C", "I never got my ticket."),
                                  ("A", "I've sent it again to your inbox."),
                                  ("C", "ok"),
                                  ("A", "Did the new ticket reach you?")], "met"),
    ("resolution_check", "chat", [("C", "I never got my ticket."),
                                  ("A", "Did the parcel reach the depot on time?")],
     "missed"),
    ("resolution_check", "chat", [("C", "I can't afford the payments."),
                                  ("A", "I've set up a plan of 40 a month. Does that sound "
                                        "workable for you?")], "met"),
    ("resolution_check", "chat", [("C", "My order is late and I fly Monday."),
                                  ("A", "I've upgraded it to next-day. Does Saturday give you "
                                        "enough time?")], "met"),
    ("resolution_check", "phone", [("C", "the app keeps logging me out"),
                                   ("A", "ive reset your session token now open it again is it "
                                         "staying signed in")], "met"),
    # an outcome told as a state lets the check in its turn count ...
    ("resolution_check", "chat", [("C", "My parcel was missing two items."),
                                  ("A", "That's £9.20 refunded to your card. Can you see it as "
                                        "pending?"),
                                  ("C", "yes"),
                                  ("A", "I've also told the depot. Anything else?")], "met"),
    # ... and never starts the count alone: a state told late keeps an earlier check
    ("resolution_check", "chat", [("C", "My router keeps dropping."),
                                  ("A", "Please restart it. Is it working now?"),
                                  ("C", "yes"),
                                  ("A", "Great, the old ticket is cancelled then.")], "met"),
    # -- closing, greeting, further_assistance --------------------------------------------------
    ("closing", "phone", [("C", "can i upgrade"),
                          ("A", "hang on let me look"),
                          ("A", "thanks for waiting so youre eligible for any handset on the "
                                "list"),
                          ("C", "the blue one"),
                          ("A", "done blue one thirty a month delivery friday")], "missed"),
    ("closing", "chat", [("C", "all good now"), ("A", "sweet. anything else?"), ("C", "nope"),
                         ("A", "peace ✌️")], "met"),
    ("closing", "chat", [("C", "thanks"), ("A", "You're set for Tuesday. Stay warm!")], "met"),
    ("closing", "chat", [("C", "thanks"), ("A", "Your pass gives you peace of mind")],
     "missed"),
    ("greeting", "email", [("C", "Can you pause my box?"),
                           ("A", "Yo Dan! Paused until June.")], "met"),
    ("further_assistance", "email", [("C", "Has my claim been paid?"),
                                     ("A", "Dear Ms Reid,\n\nYour claim has been paid. Should "
                                           "you need any further assistance, please contact "
                                           "us.\n\nYours sincerely,\nClaims")], "met"),
    # -- empathy_on_complaint -----------------------------------------------------------------
    ("empathy_on_complaint", "phone", [("A", "hi its jo from brightwave energy"),
                                       ("C", "oh brilliant another sales call just what i "
                                             "needed"),
                                       ("A", "it only takes two minutes to switch")], "missed"),
    ("empathy_on_complaint", "chat", [("C", "You sent the book, that's just what I needed, "
                                            "thanks!"),
                                      ("A", "Enjoy!")], "not_applicable"),
    ("empathy_on_complaint", "email", [("C", "The replacement broke too. I'm running out of "
                                             "patience here."),
                                       ("A", "Thanks for getting back to us. A refund is on "
                                             "its way.")], "missed"),
    ("empathy_on_complaint", "chat", [("C", "ok it's been stable for about ten minutes now"),
                                      ("A", "Great!")], "not_applicable"),
    ("empathy_on_complaint", "chat", [("C", "Looks fine, no drops so far"),
                                      ("A", "Great!")], "not_applicable"),
    ("empathy_on_complaint", "email", [("C", "That is very much appreciated, thank you."),
                                       ("A", "You're welcome.")], "not_applicable"),
    ("empathy_on_complaint", "phone", [("C", "ive got a letter saying i owe money im so "
                                             "worried"),
                                       ("A", "oh please dont worry you havent done anything "
                                             "wrong the letter was a mistake")], "met"),
    ("empathy_on_complaint", "chat", [("C", "Third outage this month and I work from home."),
                                      ("A", "Three in a month is a lot to put up with. I've "
                                            "booked an engineer.")], "met"),
    ("empathy_on_complaint", "phone", [("C", "my premium doubled its daylight robbery"),
                                       ("A", "doubling is a real shock i get that let me "
                                             "look")], "met"),
    # -- customer_name ------------------------------------------------------------------------
    ("customer_name", "phone", [("A", "hello this is the surgery calling for mrs anika bose"),
                                ("C", "yes speaking"),
                                ("A", "thanks anika your results are back")], "met"),
    ("customer_name", "phone", [("A", "hello this is the surgery calling for mrs anika bose"),
                                ("C", "shes not in"),
                                ("A", "okay thanks bye")], "not_applicable"),
    ("customer_name", "phone", [("C", "my hearing aid wont charge its mister dunmore"),
                                ("A", "right mister dunmore lets have a look")], "met"),
    # -- hold_etiquette -----------------------------------------------------------------------
    ("hold_etiquette", "chat", [("C", "When will my desk arrive?"),
                                ("A", "I'll ask the warehouse, it might take a couple of "
                                      "minutes. Is that okay?"),
                                ("C", "sure"),
                                ("A", "Thanks for waiting! It's coming Thursday.")], "met"),
    ("hold_etiquette", "chat", [("C", "Is my refund done?"),
                                ("A", "Yes, it may take a few minutes to show in your app."),
                                ("C", "ok")], "not_applicable"),
    ("hold_etiquette", "phone", [("C", "my card got swallowed"),
                                 ("A", "oh no give me two secs to block it"),
                                 ("C", "ok"),
                                 ("A", "thanks for waiting thats blocked")], "met"),
    ("hold_etiquette", "chat", [("C", "Wrong flat number on my order."),
                                ("A", "No problem, I will update it to flat 6 now. One "
                                      "moment."),
                                ("C", "ok"),
                                ("A", "Thanks for waiting, all updated.")], "met"),
]


@pytest.mark.parametrize("standard, channel, turns, status", CASES,
                         ids=[f"{c[0]}-{k}" for k, c in enumerate(CASES)])
def test_round26_mechanisms(standard, channel, turns, status):
    assert_verdict(standard, channel, turns, status)
