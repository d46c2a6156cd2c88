"""Round thirty-seven, from wave 34's disagreements, by mechanism. Introductions: a first name
that nothing but itself says is one (`name:`, the given-name lexicon), ending the business's
words in the agent's first turn ("<business> <name>", "<business>, <Name>.", "<business> <name>
here"); not a department ("passport advice line"), a vocative ("Thanks for waiting, Callum"), a
full name, nor the customer's own name. The sentences are written for the tests, none taken
from the DEV sets."""

from __future__ import annotations

import pytest

from .conftest import ROUND_ARGS, assert_verdict, round_cases

CASES = [
    # -- agent_introduction: a name from the lexicon ending the opening -----------------------
    ("agent_introduction", "phone", [
        ("A", "harbourside kayak rentals mateo"), ("C", "hi i booked a double for sunday")],
     "met"),
    ("agent_introduction", "phone", [
        ("A", "Lindenbrook Joinery, Ottilie."), ("C", "Hello, it's about my wardrobe doors.")],
     "met"),
    ("agent_introduction", "phone", [
        ("A", "morning greenacre allotments society imogen here"),
        ("C", "hi my plot's been flooded")], "met"),
    ("agent_introduction", "phone", [
        ("A", "good morning brackley seed merchants rashid how can i help"),
        ("C", "hi i need fifty kilos of rye")], "met"),
    ("agent_introduction", "phone", [
        ("A", "good morning brackley seed merchants how can i help"),
        ("C", "hi i need fifty kilos of rye")], "missed"),
    ("agent_introduction", "phone", [
        ("A", "hello vehicle licensing enquiries line"), ("C", "hi my tax disc")], "missed"),
    ("agent_introduction", "chat", [
        ("C", "Hi, it's Beatrix, my parcel never came."),
        ("A", "Thanks for getting in touch, Beatrix."), ("C", "ok")], "missed"),
    ("agent_introduction", "chat", [
        ("A", "Brilliant, Beatrix."), ("C", "ok")], "missed",
     {"customer_name": "Beatrix Kerr"}),
    ("agent_introduction", "phone", [
        ("A", "hello is that rosalind"), ("C", "speaking")], "missed"),
    ("agent_introduction", "phone", [
        ("A", "hello mary evans"), ("C", "yes who's this")], "missed"),
    # ... nor a thing named, a list's last item, a word after a sentence saying more than hello
    ("agent_introduction", "chat", [
        ("C", "I need a hotel tonight."), ("A", "Sure, how about the Rosalind?")], "missed"),
    ("agent_introduction", "chat", [
        ("C", "What cuisines are there?"), ("A", "We have Thai, Greek and Ottilie.")],
     "missed"),
    ("agent_introduction", "chat", [
        ("C", "Where can I go?"),
        ("A", "There are many places in the centre. A museum, gallery, Imogen?")], "missed"),
    # -- customer_name -----------------------------------------------------------------------
    # a forum post of several lines signed after its question and thanks
    ("customer_name", "forum", [
        ("C", "Title: CSV import fails\n\nOur import stops at row 40. Any idea why? Cheers, Ottilie"),
        ("A", "Row 40 has a stray quote. Remove it and try again, Ottilie.")], "met"),
    # "name's <Name>" opening a sentence after another in the turn
    ("customer_name", "chat", [
        ("A", "Hi, what's the order date?"),
        ("C", "ok"), ("A", "And where was it delivered?"),
        ("C", "last monday, to the back door. name's Ravi Menon"),
        ("A", "Thanks. I've raised a claim with the courier.")], "missed"),
    # a full name as a sentence of its own ending the message; not a business
    ("customer_name", "chat", [
        ("A", "Hello, how can we help?"),
        ("C", "My kettle's lid snapped off on day two. It's Halima Osei."),
        ("A", "Sorry about that. A replacement is on its way.")], "missed"),
    ("customer_name", "chat", [
        ("A", "Hello, how can we help?"),
        ("C", "I need to cancel a standing order. It's Brightside Fitness."),
        ("A", "Done, it's cancelled.")], "not_applicable"),
    # the name asked for as the one a booking is under
    ("customer_name", "phone", [
        ("A", "hello greenway coaches"), ("C", "hi my seat booking's vanished"),
        ("A", "oh no can i take the name the booking was under"),
        ("C", "farida haddad"), ("A", "thanks farida found it")], "met"),
    # -- hold_etiquette ------------------------------------------------------------------------
    ("hold_etiquette", "whatsapp", [
        ("C", "My parcel locker code doesn't work."),
        ("A", "Stand by while I regenerate it."),
        ("A", "New code is 4471.")], "missed"),
    ("hold_etiquette", "chat", [
        ("C", "My parcel locker code doesn't work."),
        ("A", "We stand by our lockers, they're reliable. Try the code again."),
        ("C", "ok")], "not_applicable"),
    # a written check with the update to follow, the next message bringing it
    ("hold_etiquette", "email", [
        ("C", "Can I bring my dog to the campsite in June?"),
        ("A", "Hello,\n\nI'll check the pet rules with the warden and update you as soon as I "
              "hear back.\n\nWillowmead Bookings"),
        ("A", "Hello again,\n\nDogs are welcome on pitches 1-20.\n\nWillowmead Bookings")],
     "missed"),
    ("hold_etiquette", "email", [
        ("C", "Can I bring my dog to the campsite in June?"),
        ("A", "Hello,\n\nI'll check the pet rules with the warden and update you as soon as I "
              "hear back.\n\nWillowmead Bookings"),
        ("A", "Hello again,\n\nThank you for your patience. Dogs are welcome on pitches 1-20."
              "\n\nWillowmead Bookings")], "met"),
    ("hold_etiquette", "email", [
        ("C", "My refund hasn't arrived."),
        ("A", "Would you mind bearing with us for up to two days while finance reviews it?"),
        ("C", "Fine."),
        ("A", "Thanks for your patience. Finance has approved the refund today.")], "met"),
    # -- prohibited_language: polite blame ------------------------------------------------------
    ("prohibited_language", "phone", [
        ("C", "the boiler's showing a fault"),
        ("A", "well as the manual explains quite plainly you shouldn't reset it more than twice")],
     "missed"),
    ("prohibited_language", "email", [
        ("C", "I was charged the late fee."),
        ("A", "Our terms state clearly that payments after the 5th incur the fee.")], "missed"),
    ("prohibited_language", "chat", [
        ("C", "The app keeps logging me out."),
        ("A", "That'll be your browser then. Try clearing the cache.")], "missed"),
    ("prohibited_language", "chat", [
        ("C", "The zip has split."),
        ("A", "You probably yanked it. We can repair it for a fee.")], "missed"),
    ("prohibited_language", "email", [
        ("C", "The speaker stopped working."),
        ("A", "The unit was clearly submerged at some point, which the warranty excludes.")],
     "missed"),
    ("prohibited_language", "chat", [
        ("C", "The seats were behind a pillar."),
        ("A", "We suggest checking the seat map before booking.")], "missed"),
    ("prohibited_language", "chat", [
        ("C", "I never saw the age limit."),
        ("A", "It appears to have been overlooked when you registered, sorry.")], "missed"),
    ("prohibited_language", "chat", [
        ("C", "Where do I find my new bill?"),
        ("A", "The letter explains what happens next, and the credit is on it.")],
     "met"),
    ("prohibited_language", "chat", [
        ("C", "Which number do you have?"),
        ("A", "Is that your phone number ending 221? It's your router we'll replace free.")],
     "met"),
    # -- empathy_on_complaint -------------------------------------------------------------------
    # a thing the customer damaged themselves is no complaint; handed in for a service, it is
    ("empathy_on_complaint", "phone", [
        ("C", "silly me i knocked the radio off the windowsill and now it won't turn on"),
        ("A", "right let's book it in what's the model")], "not_applicable"),
    ("empathy_on_complaint", "phone", [
        ("C", "i dropped my coat in on monday for cleaning and it's come back with a tear"),
        ("A", "right what's the ticket number")], "missed"),
    # someone's taste told as a wish, not the customer's dislike
    ("empathy_on_complaint", "chat", [
        ("C", "A cake for my dad's retirement please. He can't stand marzipan."),
        ("A", "Lovely, no marzipan then. Which day?")], "not_applicable"),
    ("empathy_on_complaint", "chat", [
        ("C", "I can't stand this booking page, it logged me out three times."),
        ("A", "Which day would you like?")], "missed"),
    # a review's stars: one or two a complaint, four or five no grievance (unless it says one)
    ("empathy_on_complaint", "google_review", [
        ("C", "\u2605\u2605\u2606\u2606\u2606 Booked a table for six. Two dishes never came."),
        ("A", "Thanks for your feedback.")], "missed"),
    ("empathy_on_complaint", "google_review", [
        ("C", "\u2605\u2605\u2605\u2605\u2605 Hired the van for the weekend, picked it up at "
              "eight, dropped it back Sunday night, no fuss."),
        ("A", "Thanks so much!")], "not_applicable"),
    ("empathy_on_complaint", "trustpilot", [
        ("C", "1/5. Ordered a rug, it came in the wrong colour."),
        ("A", "We have passed this on.")], "missed"),
    # a fault that stays though the customer did their part; someone else's thing sent
    ("empathy_on_complaint", "chat", [
        ("C", "My old address still shows on the invoices even though I updated it in May."),
        ("A", "Which invoice number?")], "missed"),
    ("empathy_on_complaint", "chat", [
        ("C", "My parcel arrived with somebody else's shopping inside."),
        ("A", "What's the order number?")], "missed"),
    # -- resolution_check -----------------------------------------------------------------------
    ("resolution_check", "phone", [
        ("C", "can i move my lesson"), ("A", "I can do Friday at four instead. Friday suit?"),
        ("C", "yes"), ("A", "bye")], "met"),
    ("resolution_check", "sms", [
        ("C", "Need to move my MOT to next week"), ("A", "Moved. Tue 10am. Still ok?"),
        ("C", "yes")], "met"),
    ("resolution_check", "chat", [
        ("C", "My router's faulty."), ("A", "A new one is on its way. It should still work "
                                          "till then."), ("C", "ok")], "missed"),
    ("resolution_check", "phone", [
        ("C", "my mum's wheelchair needs a service"),
        ("A", "I've booked the engineer for Monday. Would Monday morning suit your mum?"),
        ("C", "yes"), ("A", "bye")], "met"),
    ("resolution_check", "chat", [
        ("C", "I need the meeting room moved"),
        ("A", "I've moved it to room 4. Can you ask the team whether room 4 works for them?"),
        ("C", "will do")], "met"),
    ("resolution_check", "chat", [
        ("C", "Where's my replacement card?"),
        ("A", "It's been posted. Can you see it in the app under Cards?"), ("C", "yes")], "met"),
    ("resolution_check", "email", [
        ("C", "What does the warranty cover?"),
        ("A", "I've attached the breakdown. Is the breakdown clear enough?"), ("C", "Yes.")],
     "met"),
    # ... not a choice still to make, nor an offer's condition
    ("resolution_check", "chat", [
        ("C", "Any Thai places nearby?"),
        ("A", "There's Lotus and Baan Suan. Do either of these suit your budget?"),
        ("C", "Lotus")], "missed"),
    ("resolution_check", "chat", [
        ("C", "I need a train to York."),
        ("A", "One leaves at 9:12. If that works for you, I can book it."), ("C", "ok")],
     "missed"),
    # -- widened to their kinds after two reviews' probes ------------------------------------
    # spoken, a greeting first; typed, a greeting, the business and ", <Name>." greets the customer
    ("agent_introduction", "phone", [
        ("A", "good morning elmfield vets anneliese"), ("C", "hi i need a booster jab")], "met"),
    ("agent_introduction", "chat", [
        ("A", "Good morning Elmfield Vets, Anneliese."), ("C", "Hi, I need a booster jab.")],
     "missed"),
    # the name in the agent's first turn that says more than hello
    ("agent_introduction", "phone", [
        ("A", "hello"), ("C", "hi is that the florist"),
        ("A", "yes bloom and branch nikhil how can i help"), ("C", "i need a wreath")], "met"),
    # a full name closing the message, no list needed; not a business, not someone else's
    ("customer_name", "chat", [
        ("A", "Hi, how can I help?"),
        ("C", "Please close my savings pot. It's Adaeze Okonkwo."),
        ("A", "Done, Adaeze. It's closed.")], "met"),
    ("customer_name", "chat", [
        ("A", "Hi, how can I help?"),
        ("C", "Please update our practice's card on file. It's Meadow Osteopathy."),
        ("A", "Done, updated.")], "not_applicable"),
    ("customer_name", "chat", [
        ("A", "Hi, how can I help?"),
        ("C", "The letter went to my neighbour. It's Priya Raman."),
        ("A", "I'll resend it to Priya.")], "not_applicable"),
    ("customer_name", "phone", [
        ("A", "what surname is the order under"), ("C", "fairweather"),
        ("A", "thanks mrs fairweather")], "met"),
    # written holds said other ways; thanks for standing by
    ("hold_etiquette", "email", [
        ("C", "Has my deposit been returned?"),
        ("A", "Let me look into this with accounts and I'll get back to you tomorrow."),
        ("C", "OK."), ("A", "Accounts confirmed the deposit went out on Monday.")], "missed"),
    ("hold_etiquette", "chat", [
        ("C", "Is the blue one in stock?"),
        ("A", "Can you stand by a moment while I check the stockroom?"), ("C", "yes"),
        ("A", "Thanks for standing by, we have three.")], "met"),
    # blame, more wordings of its kinds
    ("prohibited_language", "chat", [
        ("C", "The stream keeps buffering."),
        ("A", "That's down to your wifi, not our servers.")], "missed"),
    ("prohibited_language", "chat", [
        ("C", "The lens is scratched."),
        ("A", "Looks like it's been dropped at some point.")], "missed"),
    ("prohibited_language", "chat", [
        ("C", "The boots pinch."),
        ("A", "Next time it's worth checking the fit guide before you buy.")], "missed"),
    ("prohibited_language", "email", [
        ("C", "Why was I charged a cancellation fee?"),
        ("A", "As the booking page makes quite clear, cancellations inside 48 hours are charged.")],
     "missed"),
    ("prohibited_language", "chat", [
        ("C", "The app won't load."),
        ("A", "Let's try restarting your router first.")], "met"),
    # self-damage told to the tone model too; a check for the one it is for; clipped words
    ("empathy_on_complaint", "chat", [
        ("C", "I sat on my glasses this morning and now one arm is loose."),
        ("A", "Let's book a repair. Which branch?")], "not_applicable"),
    ("resolution_check", "chat", [
        ("C", "Can you move my son's check-up?"),
        ("A", "I've moved it to 4pm Friday. Will 4pm work for him?"), ("C", "yes")], "met"),
    ("resolution_check", "chat", [
        ("C", "move my delivery please"), ("A", "Moved to Thursday evening."), ("C", "ok"),
        ("A", "Thursday evening fine?"), ("C", "yes")], "met"),
]


@pytest.mark.parametrize(ROUND_ARGS, round_cases(CASES))
def test_round37_mechanisms(standard, channel, turns, status, metadata):
    assert_verdict(standard, channel, turns, status, **metadata)
