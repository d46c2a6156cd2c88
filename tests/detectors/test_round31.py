"""Round thirty-one, from wave 28's disagreements, by mechanism. polite_tone: details asked for
bare with where they are held ("name on the account"), and, for an agent with a phrase
prohibited_language judges, the opening's greeting read as the line's script, so one who greets
and then never says another courteous word in four turns or more is curt or cold throughout;
a check of the answer counts as courtesy; "go slowly" only
said going through it or very slowly, and "round in circles" only said of the talk.
Prohibited: the cause guessed to be the customer's ("you've probably done that", "you probably
clicked a phishing link"), "you could have just <done>", "had you read the listing's small
print" (a possessive between), the shrug as a tautology ("it'll be processed when it's
processed", "take as long as they take"), "stop chasing", "no need to panic", an accent blamed,
"that's down to the address you put in". Offers: a lead-in ("before you go", "if you need
anything else") that runs on into a price pitch is none; "nothing more I can do" is none; help
offered if the fault comes back, or on a wish ("if you'd like help ..., I'm happy to"). Holds:
"two ticks to find it", "Two secs while I ...", a queue's "someone will be with you shortly".
Empathy: an apology for the line or the noise is not for the complaint; "Understandably."
answers distress. Complaints: broken for a whole stay, "no work since", crashing since an
update, "stopped working", "can barely <do>", a status still wrong although the customer did
their part, arrival in pieces, a sarcastic counterfactual, nobody answering. Names: an answer to
"is it mister or mrs", "it's under <name>" with more after, a double-barrelled surname, "Ms
Al-Sayed", a foreign sign-off and title, a flat number after the name, a handle signed without
an @. Introductions: a signature with a title, an initial or a particle and a role; initials
before "speaking" are no name. Checks: "can you see it under My Orders", "would you let us know
once ...", "reply YES if the new date works for you", "is that a day he's free". Sentences here
are written for the tests."""

from __future__ import annotations

import pytest

from .conftest import verdict

CASES = [
    # -- polite_tone ---------------------------------------------------------------------------------
    ("polite_tone", "phone", [("A", "good morning sparkline energy this is owen"),
                              ("C", "hi my bill has doubled"),
                              ("A", "postcode on the account"),
                              ("C", "l s six two q t"),
                              ("A", "it's the winter tariff"),
                              ("C", "right"),
                              ("A", "nothing to change"),
                              ("C", "fine"),
                              ("A", "bye")], "missed", {}),
    # ... the same agent with a please and a thanks is brisk, not curt
    ("polite_tone", "phone", [("A", "good morning sparkline energy this is owen"),
                              ("C", "hi my bill has doubled"),
                              ("A", "could i have the postcode on the account please"),
                              ("C", "l s six two q t"),
                              ("A", "thanks it's the winter tariff"),
                              ("C", "right"),
                              ("A", "sorry there's nothing to change"),
                              ("C", "fine"),
                              ("A", "thanks for calling bye")], "met", {}),
    # the greeting is the script: nothing courteous after it in four turns, one of them with a
    # phrase prohibited_language judges
    ("polite_tone", "chat", [("A", "Hi there, welcome to Parcelbay."),
                             ("C", "My order is a week late."),
                             ("A", "It left the depot."),
                             ("C", "When will it come?"),
                             ("A", "When the courier gets to it."),
                             ("C", "That's not an answer."),
                             ("A", "Not my problem, take it up with them.")], "missed", {}),
    # ... without such a phrase, a greeting keeps a brisk agent's short answers courteous
    ("polite_tone", "chat", [("A", "Hi there, welcome to Parcelbay."),
                             ("C", "Is the blue kettle in stock?"),
                             ("A", "It is."),
                             ("C", "Can I collect it?"),
                             ("A", "From Friday."),
                             ("C", "Great."),
                             ("A", "Reserved it for you.")], "met", {}),
    # ... a greeting and an apology after it: courteous
    ("polite_tone", "chat", [("A", "Hi there, welcome to Parcelbay."),
                             ("C", "My order is a week late."),
                             ("A", "Sorry about that, it left the depot on Monday."),
                             ("C", "When will it come?"),
                             ("A", "Thursday at the latest."),
                             ("C", "Ok."),
                             ("A", "It should be with you then.")], "met", {}),
    # a greeting, then details asked bare and nothing courteous after it
    ("polite_tone", "chat", [("A", "Hello, welcome to Fernhill Dental."),
                             ("C", "I need to move my check-up."),
                             ("A", "Date of birth."),
                             ("C", "3 May 1990."),
                             ("A", "Next slot is Tuesday 4pm."),
                             ("C", "Fine."),
                             ("A", "Moved.")], "missed", {}),
    # ... a check of the answer is courtesy too
    ("polite_tone", "phone", [("A", "hello ferncastle library"),
                              ("C", "hi when do you close on saturday"),
                              ("A", "four o'clock"),
                              ("C", "and sunday"),
                              ("A", "we're shut on sundays"),
                              ("C", "okay"),
                              ("A", "does that answer what you wanted")], "met", {}),
    ("polite_tone", "chat", [("C", "i'm a bit lost with the setup"),
                             ("A", "No problem at all, we can go slowly. Which step are you on?"),
                             ("C", "step 3"),
                             ("A", "Great, tap Pair and wait for the blue light.")], "met", {}),
    ("polite_tone", "chat", [("C", "the key still fails"),
                             ("A", "Let's go very slowly this time. Open settings. Can you "
                                   "manage that?")], "missed", {}),
    ("polite_tone", "chat", [("C", "third chat today about this"),
                             ("A", "I'm sorry you had to go round in circles to reach me. Let me "
                                   "fix it now.")], "met", {}),
    # -- prohibited_language -------------------------------------------------------------------------
    ("prohibited_language", "chat", [("C", "someone got into my account"),
                                     ("A", "That tends to happen when people reuse passwords, so "
                                           "you've probably done that.")], "missed", {}),
    ("prohibited_language", "chat", [("C", "how do I renew?"),
                                     ("A", "You've probably done that before, it's the same form "
                                           "as last year.")], "met", {}),
    ("prohibited_language", "chat", [("C", "my account is locked again"),
                                     ("A", "You must have opened a dodgy attachment. Reset your "
                                           "password.")], "missed", {}),
    ("prohibited_language", "chat", [("C", "I got a weird email"),
                                     ("A", "You probably received a phishing email, please don't "
                                           "open it.")], "met", {}),
    ("prohibited_language", "phone", [("C", "nobody called me back"),
                                      ("A", "well you could have simply emailed us yourself")],
     "missed", {}),
    ("prohibited_language", "phone", [("C", "was I overcharged"),
                                      ("A", "you could have been charged twice so I've checked "
                                            "and you weren't")], "met", {}),
    ("prohibited_language", "email", [("C", "The sauna was out of order."),
                                      ("A", "Had you checked the venue's notice board you would "
                                            "have seen the closure.")], "missed", {}),
    ("prohibited_language", "email", [("C", "Where's my refund?"),
                                      ("A", "It'll be refunded when it's refunded. Not before.")],
     "met", {}),
    ("prohibited_language", "email", [("C", "Where's my permit?"),
                                      ("A", "It'll be ready when it's ready.")], "missed", {}),
    ("prohibited_language", "email", [("C", "Any news on my claim?"),
                                      ("A", "Claims take as long as they take, I'm afraid.")],
     "missed", {}),
    ("prohibited_language", "email", [("C", "Any news on my claim?"),
                                      ("A", "Please stop chasing us.")], "missed", {}),
    ("prohibited_language", "email", [("C", "Any news on my claim?"),
                                      ("A", "It's approved, so you can stop chasing now!")],
     "met", {}),
    ("prohibited_language", "phone", [("C", "I'm so worried about the payment"),
                                      ("A", "there's no need to panic")], "missed", {}),
    ("prohibited_language", "phone", [("C", "I'm so worried about the payment"),
                                      ("A", "there's no need to worry, it went through")],
     "met", {}),
    ("prohibited_language", "phone", [("C", "hello I am calling about my pension"),
                                      ("A", "I'm struggling to understand you with that accent")],
     "missed", {}),
    ("prohibited_language", "phone", [("C", "hello I am calling about my pension"),
                                      ("A", "what a lovely accent, where are you calling from")],
     "met", {}),
    ("prohibited_language", "phone", [("C", "the parcel went back to the sender"),
                                      ("A", "it's down to the postcode you entered I'm afraid")],
     "missed", {}),
    ("prohibited_language", "phone", [("C", "which plan should I take"),
                                      ("A", "it's down to you which plan suits")], "met", {}),
    # -- further_assistance --------------------------------------------------------------------------
    ("further_assistance", "chat", [("C", "Please close my account."),
                                    ("A", "Done, it's closed."),
                                    ("C", "Thanks."),
                                    ("A", "Before you go, we've got half price on the premium "
                                          "tier this month if you want it.")], "missed", {}),
    ("further_assistance", "chat", [("C", "Please close my account."),
                                    ("A", "Done, it's closed."),
                                    ("C", "Thanks."),
                                    ("A", "Before you go, is there anything else I can help with?")],
     "met", {}),
    ("further_assistance", "phone", [("C", "so what now"),
                                     ("A", "there's nothing more we can do today")], "missed", {}),
    ("further_assistance", "sms", [("C", "the heating is back on"),
                                   ("A", "Great. If it cuts out again just reply here and we'll "
                                         "sort it.")], "met", {}),
    ("further_assistance", "chat", [("C", "got the label, thanks"),
                                    ("A", "Lovely! If you'd like a hand choosing a new size, I'm "
                                          "happy to go through the chart with you.")], "met", {}),
    # -- hold_etiquette ------------------------------------------------------------------------------
    ("hold_etiquette", "chat", [("C", "can you check my booking"),
                                ("A", "Give me two ticks to pull it up."),
                                ("C", "ok"),
                                ("A", "Thanks for waiting, it's confirmed.")], "met", {}),
    ("hold_etiquette", "chat", [("C", "can you swap the size"),
                                ("A", "Two secs while I check stock."),
                                ("C", "sure"),
                                ("A", "Right, done.")], "missed", {}),
    # -- empathy_on_complaint ------------------------------------------------------------------------
    ("empathy_on_complaint", "phone", [("A", "hello mapleton gas"),
                                       ("C", "my meter was read wrong again and now I owe four "
                                             "hundred pounds"),
                                       ("A", "sorry about the line it's really faint can you give "
                                             "me the account number"),
                                       ("C", "four four one two"),
                                       ("A", "thanks I've corrected the reading")], "missed", {}),
    ("empathy_on_complaint", "phone", [("A", "hello mapleton gas"),
                                       ("C", "my meter was read wrong again and now I owe four "
                                             "hundred pounds"),
                                       ("A", "sorry it's a bit noisy here, and I'm so sorry about "
                                             "the bill, let me fix that")], "met", {}),
    ("empathy_on_complaint", "chat", [("C", "My bag was stolen at the station, I'm really "
                                            "shaken."),
                                      ("A", "Understandable. Let's block your cards first.")],
     "met", {}),
    ("empathy_on_complaint", "email", [("C", "The heating was broken for our entire holiday."),
                                       ("A", "Thanks for your message.")], "missed", {}),
    ("empathy_on_complaint", "whatsapp", [("C", "tv no work since yesterday"),
                                          ("A", "Please restart the box.")], "missed", {}),
    ("empathy_on_complaint", "chat", [("C", "The app keeps crashing since the last update."),
                                      ("A", "Try reinstalling it.")], "missed", {}),
    ("empathy_on_complaint", "chat", [("C", "My card stopped working this morning."),
                                      ("A", "Let me look.")], "missed", {}),
    ("empathy_on_complaint", "chat", [("C", "If my card stopped working, what would I do?"),
                                      ("A", "You'd call us.")], "not_applicable", {}),
    ("empathy_on_complaint", "sms", [("C", "no hot water for 3 days, can barely wash"),
                                     ("A", "An engineer is booked.")], "missed", {}),
    ("empathy_on_complaint", "email", [("C", "My account still shows 'unpaid' although I paid "
                                             "on Monday."),
                                       ("A", "I have passed this on.")], "missed", {}),
    ("empathy_on_complaint", "email", [("C", "The vase arrived in four pieces."),
                                       ("A", "Please send a photo.")], "missed", {}),
    ("empathy_on_complaint", "email", [("C", "Is anyone going to answer my emails? Nobody has "
                                             "replied in a week."),
                                       ("A", "Your case is open.")], "missed", {}),
    # -- customer_name -------------------------------------------------------------------------------
    ("customer_name", "phone", [("A", "good afternoon harbour motors"),
                                ("C", "hi I need a service"),
                                ("A", "of course is it mr or mrs"),
                                ("C", "mrs it's joan blackwood"),
                                ("A", "thanks mrs blackwood friday suits")], "met", {}),
    ("customer_name", "phone", [("A", "what's the email on the account"),
                                ("C", "it's under isla marsh the email's isla at post dot com"),
                                ("A", "lovely thanks okay that's updated")], "missed", {}),
    ("customer_name", "email", [("C", "Still no refund. I'm fed up. Owen Hart-Davies"),
                                ("A", "Dear Mr Hart-Davies, I'm sorry, it's on its way.")],
     "met", {}),
    ("customer_name", "chat", [("A", "Could I take your name and flat number?"),
                               ("C", "Layla Al-Masri, flat 4B"),
                               ("A", "Thank you Ms Al-Masri, the engineer is booked.")], "met", {}),
    ("customer_name", "email", [("C", "Mon colis n'est pas arrivé. Cordialement, Mme Sophie "
                                      "Lambert"),
                                ("A", "Bonjour, we have resent the parcel.")], "missed", {}),
    ("customer_name", "forum", [("C", "Game won't launch after the update. — Tomas_K"),
                                ("A", "Hi Tomas! Clear the cache and relaunch.")],
     "not_applicable", {}),
    # -- agent_introduction --------------------------------------------------------------------------
    ("agent_introduction", "email", [("C", "Is the pool open on Sunday?"),
                                     ("A", "Yes, from 8am to 6pm. Mr Adeyemi, Leisure Centre "
                                           "Office")], "met", {}),
    ("agent_introduction", "email", [("C", "Where is my certificate?"),
                                     ("A", "It was posted today. Kind regards, R. Lindqvist, "
                                           "Records Team")], "met", {}),
    ("agent_introduction", "email", [("C", "Where is my certificate?"),
                                     ("A", "It was posted today. Kind regards, Records Team, "
                                           "City Council Services")], "missed", {}),
    ("agent_introduction", "phone", [("A", "hi northway billing mk speaking"),
                                     ("C", "hi")], "missed", {}),
    ("agent_introduction", "phone", [("A", "hi northway billing mika speaking"),
                                     ("C", "hi")], "met", {}),
    # -- resolution_check ----------------------------------------------------------------------------
    ("resolution_check", "chat", [("C", "I can't find my e-ticket"),
                                  ("A", "I've reissued it. Can you see it under My Bookings?"),
                                  ("C", "yes"),
                                  ("A", "Great.")], "met", {}),
    ("resolution_check", "email", [("C", "The wrong lamp came."),
                                   ("A", "The right one ships today. Could you let us know once "
                                         "it arrives?")], "met", {}),
    ("resolution_check", "forum", [("C", "The mod crashes."),
                                   ("A", "A patch is out Friday. Let us know once you've tried "
                                         "it, we read every post!")], "missed", {}),
    ("resolution_check", "sms", [("C", "can I move my delivery"),
                                 ("A", "Moved to Friday. Reply Y if the new day works for you.")],
     "met", {}),
    ("resolution_check", "phone", [("C", "I need to move my mum's scan"),
                                   ("A", "I've moved it to Monday at ten is that a time she's "
                                         "free")], "met", {}),
]


@pytest.mark.parametrize("standard, channel, turns, status, metadata", CASES,
                         ids=[f"{c[0]}-{k}" for k, c in enumerate(CASES)])
def test_round31_mechanisms(standard, channel, turns, status, metadata):
    result = verdict(standard, turns, channel, **metadata)
    assert result.status.value == status, result.explanation
