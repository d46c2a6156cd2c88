"""Round thirty-nine, from wave 36's disagreements, by mechanism: words broken off in speech
("mar- marcus") read as the word said again; the agent's name as an aside after "I'm" and after
a role ("GM", "connected with Officer ..."); the customer's name as what a booking is under, as
a signature with a company or an Irish particle, and not a camel-case handle, a state ("I'm
actually shaking") or a weekday; calm disclaimers and owned slips that are no complaint; a
grievance added with "and the ..." that needs its own answer; clipped corrections; empathy
said as "that sucks" or a trouble named; outcome checks asked as arrivals, read-outs and
two-word states; blame as "well you did sign" or a delay "down to you"; holds asked with a
please and thanked formally; a silence the customer speaks on both sides of. The sentences are
written for the tests, none taken from the DEV sets; those of _REVIEW by two reviewers, from the
rule sheet and the change's description, before the code was run."""

from __future__ import annotations

import pytest

from .conftest import ROUND_ARGS, assert_verdict, round_cases

CASES = [
    # -- agent_introduction: a word broken off and said again ---------------------------------
    ("agent_introduction", "phone", [
        ("A", "hello brightwater opticians you're through to uh ra- rashida how can i help"),
        ("C", "hi")], "met"),
    ("agent_introduction", "phone", [
        ("A", "good afternoon this is th- the opticians how can i help"), ("C", "hi")], "missed"),
    # ... "<name> speaking" after an idiom of time, "<name> here" after a word of speech
    ("agent_introduction", "phone", [
        ("A", "harbour glass"), ("C", "hi my window's cracked"),
        ("A", "right that happens all the time priya speaking what's the postcode")], "met"),
    ("agent_introduction", "phone", [
        ("A", "parcel desk go ahead"), ("C", "hi it's about a parcel"),
        ("A", "yeah tomas here tracking number")], "met"),
    ("agent_introduction", "phone", [
        ("A", "hello"), ("C", "hi"), ("A", "yeah rain here is forecast all week sorry what was it")], "missed"),
    # ... "I'm <name>" as an aside, after an emoji, even when the customer shares the name
    ("agent_introduction", "chat", [
        ("C", "hey, I'm Noor, need to pause my box"),
        ("A", "Aww okay!! 🌸 I'm Noor btw, twins 😄 pausing it now")], "met", {"customer_name": "Noor Haddad"}),
    ("customer_name", "chat", [
        ("C", "hey, I'm Noor, need to pause my box"),
        ("A", "Aww okay!! 🌸 I'm Noor btw, twins 😄 pausing it now")], "missed", {"customer_name": "Noor Haddad"}),
    ("agent_introduction", "chat", [
        ("C", "hi"), ("A", "hey! I'm vegan btw so I get it, which box?")], "missed"),
    # ... a role before the name
    ("agent_introduction", "discord", [
        ("C", "my guild bank is empty"),
        ("A", "Hail, traveller. This is GM Ostrava from the realm support team.")], "met"),
    ("agent_introduction", "chat", [
        ("A", "You are now connected with Inspector Mwangi of the licensing desk."),
        ("C", "hello")], "met"),
    ("agent_introduction", "chat", [
        ("A", "You are now connected to the network."), ("C", "hello")], "missed"),
    # -- customer_name: what the booking is under --------------------------------------------
    ("customer_name", "phone", [
        ("A", "morning harbour kayaks"),
        ("C", "hi yeah the tour's booked under dara mc bride for sunday"),
        ("A", "lovely miss mc bride let me look")], "met"),
    ("customer_name", "chat", [
        ("A", "Reference please."), ("C", "QX-22817, under Mr Idris Fairweather."),
        ("A", "Thanks, Mr Fairweather, found it.")], "met"),
    ("customer_name", "phone", [
        ("A", "hello"), ("C", "it's under my husband's name, omar farouk"),
        ("A", "okay omar is it")], "not_applicable"),
    # ... a signature with its company, or with an Irish particle
    ("customer_name", "ticket", [
        ("C", "Our invoices stopped arriving in March. Please fix. Tamsin Rowe, Rowe & Partners Joinery"),
        ("A", "Hi Tamsin, the billing address was reset; fixed now.")], "met"),
    ("customer_name", "email", [
        ("C", "The windows you fitted leak in every storm. Aoife Ní Bhriain"),
        ("A", "Dear Ms Ní Bhriain, I am sorry to hear about the leak.")], "met"),
    # ... a handle in camel case is no name
    ("customer_name", "forum", [
        ("C", "Third time asking: where is my refund? — MidnightBaker"),
        ("A", "Hi there, sorry for the wait, I've chased it.")], "not_applicable"),
    # ... a state after "I'm actually" is no name
    ("customer_name", "phone", [
        ("A", "hi there"), ("C", "they charged me three times i'm actually fuming"),
        ("A", "okay let me see")], "not_applicable"),
    # ... a weekday after "is" is the day, not the customer
    ("customer_name", "chat", [
        ("C", "Hi, can I move my delivery?"), ("A", "Sure, what's the order?"),
        ("C", "D-4410, Friday Adeyemi"), ("A", "Done. Your new delivery day is Friday, 9-12.")],
        "missed", {"customer_name": "Friday Adeyemi"}),
    ("customer_name", "chat", [
        ("C", "Hi, can I move my delivery?"), ("A", "Done. Thanks, Friday!")],
        "met", {"customer_name": "Friday Adeyemi"}),
    # -- empathy_on_complaint: no complaint --------------------------------------------------
    ("empathy_on_complaint", "phone", [
        ("A", "hello"), ("C", "my parcel was due a week ago, no dramas, i'm in no rush really i was just wondering where it is"),
        ("A", "let me look")], "not_applicable"),
    ("empathy_on_complaint", "email", [
        ("C", "Hi, I booked the wrong date for the workshop, completely my own fault, I clicked June instead of July. Could it be moved?"),
        ("A", "Of course, moved to July.")], "not_applicable"),
    ("empathy_on_complaint", "chat", [
        ("C", "So now it's my fault the courier lost it? Unbelievable."),
        ("A", "Can I have the order number?")], "missed"),
    ("empathy_on_complaint", "phone", [
        ("A", "hi"), ("C", "you'll have to bear with me i've got awful eyesight so reading the card takes a while"),
        ("A", "no problem at all")], "not_applicable"),
    # ... a grievance added needs its own answer
    ("empathy_on_complaint", "phone", [
        ("A", "hello"), ("C", "the room we had was freezing the heating never came on all weekend"),
        ("A", "oh no i'm so sorry about that"),
        ("C", "and the breakfast was stone cold both mornings which was honestly awful"),
        ("A", "okay i can refund one night"), ("C", "fine"), ("A", "done")], "missed"),
    # ... a correction said again
    ("empathy_on_complaint", "chat", [
        ("C", "I need the van on the 14th."), ("A", "Booked for the 15th."),
        ("C", "The 14th. I said the 14th."), ("A", "Apologies, my error, now the 14th.")], "met"),
    # -- empathy_on_complaint: empathy in other words -----------------------------------------
    ("empathy_on_complaint", "phone", [
        ("C", "the update wiped all my saved levels this is so messed up"),
        ("A", "oh man that really sucks let's get them back")], "met"),
    ("empathy_on_complaint", "phone", [
        ("C", "the train was cancelled and nobody told us, we waited an hour on the platform"),
        ("A", "that's a real nightmare when you've got somewhere to be, let me look at a refund")], "met"),
    # -- resolution_check ----------------------------------------------------------------------
    ("resolution_check", "chat", [
        ("C", "I was charged twice."), ("A", "I've reversed the second payment."),
        ("A", "Does your statement show the credit now when you refresh it?"), ("C", "Yes.")], "met"),
    ("resolution_check", "chat", [
        ("C", "Where's my invoice?"), ("A", "Resent just now. Did the new invoice reach your inbox?"),
        ("C", "Yep.")], "met"),
    ("resolution_check", "chat", [
        ("C", "The gate code fails."), ("A", "Reset. New code 2231."),
        ("C", "walking over now"), ("A", "Gate open?"), ("C", "yes")], "met"),
    ("resolution_check", "chat", [
        ("C", "Need my parcel."), ("A", "Tracking number?"), ("C", "PX1")], "missed"),
    ("resolution_check", "chat", [
        ("C", "My penalty is wrong."), ("A", "It has been withdrawn."),
        ("A", "Might I confirm that this resolves your query?"), ("C", "It does.")], "met"),
    ("resolution_check", "phone", [
        ("C", "my phone has no service"), ("A", "ive reprovisioned the line can you switch it off and on and tell me if you've got bars"),
        ("C", "yes full bars")], "met"),
    ("resolution_check", "phone", [
        ("C", "my phone has no service"), ("A", "ive reprovisioned the line tell me if you have any questions"),
        ("C", "ok")], "missed"),
    ("resolution_check", "chat", [
        ("C", "I need a ferry to the island on Friday."),
        ("A", "Can you tell me if you have a time you need to arrive by?"), ("C", "Noon.")], "missed"),
    ("resolution_check", "phone", [
        ("C", "can you cancel my table"), ("A", "done there's an email coming could you just check it's come through"),
        ("C", "yep got it")], "met"),
    ("resolution_check", "whatsapp", [
        ("C", "Please pause my lessons, I'm away."), ("A", "Paused until May!"),
        ("A", "Have a lovely trip and see you back in the pool, bye!")], "missed"),
    ("resolution_check", "google_business_messages", [
        ("C", "Just wanted to say Priya did a brilliant job on our wedding cake. Thanks! Ade"),
        ("A", "Thank you so much, Ade, we'll pass it on!")], "not_applicable"),
    # -- prohibited_language --------------------------------------------------------------------
    ("prohibited_language", "phone", [
        ("C", "nobody told me about the exit fee"),
        ("A", "well you did accept the terms when you joined")], "missed"),
    ("prohibited_language", "email", [
        ("C", "Why is my claim stuck?"),
        ("A", "The hold-up is down to you, as the photos were never sent.")], "missed"),
    ("prohibited_language", "email", [
        ("C", "Should I renew?"), ("A", "It's down to you whether you renew, both options are fine.")], "met"),
    # -- hold_etiquette --------------------------------------------------------------------------
    ("hold_etiquette", "chat", [
        ("C", ("My certificate has a typo.", 0.0, 5.0)),
        ("A", ("I can fix that. Give me two minutes, please.", 10.0, 14.0)),
        ("A", ("Thanks for your patience, it's reissued.", 110.0, 115.0))], "met"),
    ("hold_etiquette", "chat", [
        ("C", ("My claim?", 0.0, 5.0)),
        ("A", ("Kindly remain on the line while I verify the record.", 10.0, 14.0)),
        ("A", ("I am grateful for your patience. It is approved.", 110.0, 115.0))], "met"),
    ("hold_etiquette", "phone", [
        ("C", ("my account was hacked", 0.0, 4.0)),
        ("A", ("gimme a sec i'm gonna block the card and pull the history", 5.0, 9.0)),
        ("A", ("cheers for waiting all blocked", 80.0, 84.0))], "met"),
    # ... the customer speaking on both sides of the silence: their own time
    ("hold_etiquette", "phone", [
        ("A", ("hello tv support", 0.0, 3.0)), ("C", ("my box is frozen", 4.0, 6.0)),
        ("A", ("i've sent a reset it'll reboot in about a minute", 7.0, 11.0)),
        ("C", ("okay the screen's gone black now it's rebooting", 12.0, 16.0)),
        ("C", ("right it's back with the menu", 70.0, 73.0)),
        ("A", ("great is the guide showing", 74.0, 77.0))], "not_applicable"),
    # -- closing ---------------------------------------------------------------------------------
    ("closing", "phone", [("C", "cheers"), ("A", "nice one yeah later mate")], "met"),
    ("closing", "phone", [("C", "ok"), ("A", "i'll ring you back later mate")], "missed"),
]


_REVIEW = [
    ('agent_introduction', 'phone', [
        ('A', "hello you're through to northgate energy my name's pri- priya how can i help"),
        ('C', 'hi my meter reading looks wrong'),
        ('A', 'okay let me take a look'),
    ], 'met'),
    ('customer_name', 'phone', [
        ('A', 'hi thanks for calling how can i help'),
        ('C', 'hi my gas bill looks far too high this quarter'),
        ('A', 'okay thank you ro- rosa let me pull that up'),
        ('C', 'thanks'),
    ], 'met', {'customer_name': 'Rosa Delgado'}),
    ('agent_introduction', 'phone', [
        ('A', "hi my name's ka- sorry one second"),
        ('A', 'okay what can i do for you today'),
        ('C', 'my card got declined at the shop'),
        ('A', 'let me check that for you'),
    ], 'missed'),
    ('customer_name', 'phone', [
        ('A', 'good morning how can i help'),
        ('C', 'i need to change the delivery address on my order'),
        ('A', "okay i'll put you through to mar- martin in dispatch he handles address changes"),
        ('C', 'ok thanks'),
    ], 'missed', {'customer_name': 'Marta Nowak'}),
    ('customer_name', 'chat', [
        ('A', 'Hi there, how can I help?'),
        ('C', 'Hi, I have a question about my pension statement.'),
        ('A', "Sure thing Anne-Marie, what's the question?"),
        ('C', 'Why is the transfer value lower than last year?'),
    ], 'met', {'customer_name': 'Anne-Marie Leclerc'}),
    ('agent_introduction', 'chat', [
        ('C', "Hi, it's Kemi here, my order #5512 still hasn't shipped."),
        ('A', "Hi Kemi! 😊 I'm Kemi as well btw - let me look into that."),
        ('C', 'Ha, nice. Thanks.'),
    ], 'met'),
    ('agent_introduction', 'in_app', [
        ('C', 'my account got banned for no reason'),
        ('A', 'Hi! Lead moderator Yusra, how can I help with the ban?'),
        ('C', "I didn't cheat, I swear"),
    ], 'met'),
    ('agent_introduction', 'chat', [
        ('A', "You're now connected to Claims Adviser Bongani."),
        ('A', 'Hello, how can I help with your claim today?'),
        ('C', 'I want to know when my windscreen claim will be paid.'),
    ], 'met'),
    ('agent_introduction', 'chat', [
        ('A', "hey 👋 I'm online till 6 btw so no rush"),
        ('A', 'what do you need help with?'),
        ('C', 'resetting my router password'),
        ('A', 'Done, check your email for the link.'),
    ], 'missed'),
    ('agent_introduction', 'chat', [
        ('A', 'You are now connected with Support Agent 2291.'),
        ('A', 'Hi there, how can I help?'),
        ('C', 'My subscription renewed and I wanted it cancelled.'),
        ('A', 'I can cancel that for you now.'),
    ], 'missed'),
    ('customer_name', 'phone', [
        ('A', 'good evening the olive tree how can i help'),
        ('C', "hi the reservation's booked under okonkwo for saturday"),
        ('A', 'lovely let me find that'),
        ('A', 'yes here it is mr okonkwo table for four at eight'),
    ], 'met'),
    ('customer_name', 'email', [
        ('C', 'Hello,\nOur clinic was charged twice for the March licence.\nKind regards,\nAoife Ní Bhriain, Coastal Dental'),
        ('A', "Dear Ms Ní Bhriain,\nThank you for flagging this. I've refunded the duplicate charge.\nBest wishes, Support"),
    ], 'met'),
    ('customer_name', 'twitter', [
        ('C', "QuietFalcon here - my train pass won't scan at the gates again"),
        ('A', "Hi QuietFalcon, sorry about that! DM us your pass number and we'll fix it."),
        ('C', 'sent'),
    ], 'not_applicable'),
    ('customer_name', 'phone', [
        ('A', 'hello city dental how can i help'),
        ('C', 'hi can i move my check up'),
        ('A', 'of course the earliest slot is after june the third does that suit'),
        ('C', 'yes fine'),
        ('A', 'booked see you then'),
    ], 'missed', {'customer_name': 'June Harlow'}),
    ('customer_name', 'email', [
        ('C', "Hi,\nThe jug on my blender cracked after two weeks. Can I get a replacement part? It's the\nAurora Blend 500, Kitchenly"),
        ('A', 'Hello,\nThanks for getting in touch about the Aurora Blend 500. A replacement jug is on its way.\nKind regards, Kitchenly Care'),
    ], 'not_applicable'),
    ('empathy_on_complaint', 'chat', [
        ('C', 'Purely out of interest, why has my car insurance premium gone up this year?'),
        ('A', "It's recalculated every year using regional claims data; yours rose by 4%."),
        ('C', 'Makes sense, thanks.'),
        ('A', "You're welcome!"),
    ], 'not_applicable'),
    ('empathy_on_complaint', 'phone', [
        ('C', "hi i've done something daft i booked the wrong date on the ferry totally my own doing"),
        ('A', 'no problem i can swap that for you what date did you want'),
        ('C', 'the twelfth please'),
        ('A', 'done'),
    ], 'not_applicable'),
    ('empathy_on_complaint', 'chat', [
        ('C', "I don't need the hire car until 3 May, I just want to add a child seat to the booking."),
        ('A', 'Done, a child seat is added.'),
        ('C', 'Great.'),
    ], 'not_applicable'),
    ('empathy_on_complaint', 'chat', [
        ('C', "No drama, but the engineer didn't turn up again today. That's the third no-show."),
        ('A', "I've booked a new visit for Thursday 8-12."),
        ('C', 'ok'),
        ('A', 'Anything else?'),
    ], 'missed'),
    ('empathy_on_complaint', 'chat', [
        ('C', 'Please change the delivery to 14 Elm Road.'),
        ('A', 'Updated to 41 Elm Road.'),
        ('C', '14. I said 14.'),
        ('A', 'Updated to 14 Elm Road.'),
        ('A', 'Anything else today?'),
    ], 'missed'),
    ('empathy_on_complaint', 'chat', [
        ('C', 'My order is a week late.'),
        ('A', "I'm really sorry about the wait - let me check."),
        ('C', 'And the tracking link you sent me is dead too.'),
        ('A', 'The parcel is at your local depot and will arrive tomorrow.'),
        ('A', 'Can I help with anything else?'),
    ], 'missed'),
    ('empathy_on_complaint', 'phone', [
        ('C', 'they cancelled my flight and nobody even told me i found out at the gate'),
        ('A', 'oh no that sucks let me find you the next one out'),
        ('C', 'ok'),
    ], 'met'),
    ('empathy_on_complaint', 'chat', [
        ('C', 'The boiler packed in again, third time this winter.'),
        ('A', "Oof, what a nightmare in this cold. I'll get an engineer out first thing tomorrow."),
        ('C', 'Thanks.'),
    ], 'met'),
    ('empathy_on_complaint', 'chat', [
        ('C', "The router keeps dropping every evening and it's driving me up the wall."),
        ('A', "The mesh extender can be a pain to set up, so let's skip it. Please restart the router and tell me what colour the light is."),
        ('C', 'green'),
        ('A', 'Good, the line looks stable now.'),
    ], 'missed'),
    ('empathy_on_complaint', 'chat', [
        ('C', 'I was charged twice for my gym membership this month, really annoying.'),
        ('A', "So sorry about that, I'll refund the duplicate."),
        ('C', 'Thanks. And the reference on the second charge is GYM-8812.'),
        ('A', 'Got it, refund of £35 issued.'),
    ], 'met'),
    ('resolution_check', 'chat', [
        ('C', "My refund still hasn't arrived."),
        ('A', "I've resent the refund to your card. Can you have a look and see if it's landed in your banking app?"),
        ('C', 'Yes, I can see it.'),
        ('A', 'Great, have a good day!'),
    ], 'met'),
    ('resolution_check', 'in_app', [
        ('C', "My smart lock won't open from the app."),
        ('A', "I've pushed a firmware fix to your lock. Try the app again."),
        ('C', 'trying'),
        ('A', 'Door unlocked?'),
        ('C', 'yes!'),
        ('A', 'Brilliant, bye!'),
    ], 'met'),
    ('resolution_check', 'chat', [
        ('C', 'I need my billing address changed to 5 Park Lane.'),
        ('A', "I've updated the billing address. Let me know if you've got any other questions."),
        ('C', 'ok'),
        ('A', 'Bye!'),
    ], 'missed'),
    ('resolution_check', 'chat', [
        ('C', 'My ski season pass got deactivated by mistake.'),
        ('A', 'Your season pass is reactivated. See you back on the slopes on Saturday!'),
        ('C', 'Cheers'),
    ], 'missed'),
    ('resolution_check', 'chat', [
        ('C', 'Just wanted to say Layla at the Cheapside branch was brilliant with my mortgage paperwork yesterday.'),
        ('A', "That's lovely to hear, thank you! I'll pass it on to Layla and her manager."),
        ('C', 'Thanks, bye'),
        ('A', 'Have a lovely day!'),
    ], 'not_applicable'),
    ('prohibited_language', 'phone', [
        ('C', 'why have i been charged a cancellation fee'),
        ('A', 'well you did agree to the twelve month term when you signed up sir'),
        ('C', "i didn't know that"),
    ], 'missed'),
    ('prohibited_language', 'chat', [
        ('C', 'Why is my visa application still pending?'),
        ('A', 'The delay on your file is down to you - we never received the bank statements.'),
        ('C', 'I sent them in March.'),
    ], 'missed'),
    ('prohibited_language', 'chat', [
        ('C', 'Should I keep my old tariff or switch?'),
        ('A', "It's entirely down to you whether you keep the old tariff or switch, both work fine for your usage."),
        ('C', "Ok, I'll keep it."),
    ], 'met'),
    ('prohibited_language', 'phone', [
        ('C', 'i think i messed up the transfer form'),
        ('A', 'you did exactly the right thing ringing us the error was on our side'),
        ('C', 'oh good'),
    ], 'met'),
    ('prohibited_language', 'phone', [
        ('C', "where's my parcel it was due monday"),
        ('A', "the hold up is down to the courier not you i've chased them for you"),
        ('C', 'ok thanks'),
    ], 'met'),
    ('hold_etiquette', 'chat', [
        ('C', 'Why was I charged a late fee?'),
        ('A', 'Let me look at the payment history, give me a couple of minutes please.'),
        ('A', "Much obliged for waiting - the fee was applied in error and I've reversed it."),
        ('C', 'Thank you!'),
    ], 'met'),
    ('hold_etiquette', 'phone', [
        ('C', ("my voicemail pin doesn't work", 0.0, 3.0)),
        ('A', ("i'm going to reset your voicemail pin now", 4.0, 7.0)),
        ('A', ("thanks for bearing with me it's reset to the last four digits of your number", 50.0, 56.0)),
        ('C', ('great', 57.0, 58.0)),
    ], 'met'),
    ('hold_etiquette', 'phone', [
        ('A', ('can you switch the modem off and on again for me', 0.0, 3.0)),
        ('C', ('sure doing it now', 4.0, 6.0)),
        ('C', ("okay it's back up", 55.0, 58.0)),
        ('A', ('great what lights do you see', 59.0, 62.0)),
        ('C', ('all green', 63.0, 64.0)),
    ], 'not_applicable'),
    ('hold_etiquette', 'phone', [
        ('C', ("where's my refund", 0.0, 3.0)),
        ('A', ('one moment please while i check', 4.0, 6.0)),
        ('C', ("sure i'll grab my bank card meanwhile", 7.0, 9.0)),
        ('C', ('okay got it', 50.0, 52.0)),
        ('A', ('right the refund went out on tuesday', 53.0, 56.0)),
        ('A', ('it should land by friday', 57.0, 59.0)),
    ], 'missed'),
    ('hold_etiquette', 'phone', [
        ('A', ('can i take your date of birth', 0.0, 3.0)),
        ('C', ('third of may eighty one', 4.0, 7.0)),
        ('A', ('thanks', 8.0, 9.0)),
        ('A', ("okay your card's unblocked", 58.0, 61.0)),
        ('C', ('great', 62.0, 63.0)),
    ], 'missed'),
    ('closing', 'phone', [
        ('C', 'can you turn my account back on'),
        ('A', 'yep done'),
        ('C', "that's it"),
        ('A', "no worries your account's live now later dude"),
    ], 'met'),
    ('closing', 'chat', [
        ('C', 'Board arrived, all good now.'),
        ('A', 'Awesome, enjoy the new board! Later man 🤙'),
    ], 'met'),
    ('closing', 'phone', [
        ('C', "my broadband's down"),
        ('A', "i've booked an engineer for today"),
        ('C', 'ok'),
        ('A', 'okay the engineer will be with you later'),
    ], 'missed'),
    ('closing', 'chat', [
        ('A', "Hey, what's up?"),
        ('C', 'can u move my delivery to tomorrow'),
        ('A', "Sure, I'll sort the slot later mate, first I need the order number."),
        ('C', '88213'),
        ('A', 'Moved to tomorrow, ticket 5521.'),
    ], 'missed'),
    ('closing', 'chat', [
        ('C', 'can you refund the double charge'),
        ('A', "Done, your refund's processed."),
        ('C', 'sweet later mate'),
        ('A', 'ok'),
    ], 'missed'),
    ('agent_introduction', 'phone', [
        ('A', 'thank you for calling northgate water my name is da- daniel how can i help you today'),
        ('C', "hi yeah there's water bubbling up round the meter outside my house"),
        ('A', 'okay sorry to hear that can i take the postcode please'),
        ('C', "it's l s six four q p"),
        ('A', "thanks i've booked an engineer for tomorrow morning between eight and twelve is there anything else"),
        ('C', "no that's it cheers"),
        ('A', "you're welcome bye now"),
    ], 'met'),
    ('customer_name', 'phone', [
        ('A', "good afternoon fairway motor insurance you're speaking with lena who have i got on the line"),
        ('C', "yes hi it's joanne pri- pritchard"),
        ('A', 'thank you ms pritchard how can i help today'),
        ('C', 'i need to add my son as a named driver from next monday'),
        ('A', "no problem i'll just need his date of birth and licence number"),
        ('C', 'third of may two thousand and five and the licence is p r i t c five zero'),
        ('A', "lovely that's him added from monday is there anything else"),
        ('C', "no that's it"),
        ('A', 'thanks for calling bye bye'),
    ], 'met'),
    ('agent_introduction', 'chat', [
        ('C', "Hi, my parcel tracking hasn't moved since Monday."),
        ('A', "Hi there, thanks for reaching out! 😊 I'm Priya btw. Could you pop the order number over?"),
        ('C', "Ha, same name as me! It's 55-20931."),
        ('A', "Great name 😄 It's at your local depot and is out for delivery tomorrow. Does that answer your question?"),
        ('C', 'Yep, thanks.'),
        ('A', 'Anytime! Have a good evening.'),
    ], 'met', {'customer_name': 'Priya Raman'}),
    ('agent_introduction', 'in_app', [
        ('C', 'our guild bank lost like 40k gold after the patch??'),
        ('A', "Greetings, adventurer! GM Thalia here. Sorry about the scare, I'll dig into the guild logs now."),
        ('C', 'ty, guild is Ember Wardens on the Silvercrest server'),
        ('A', "Found it, the patch rolled back a deposit. I've restored the 40k. Can you see it in the vault now?"),
        ('C', 'yes its back!!'),
        ('A', 'Brilliant. Happy questing, and thanks for reporting it!'),
    ], 'met'),
    ('agent_introduction', 'chat', [
        ('A', 'You are now connected with a Billing Specialist.'),
        ('A', 'Hello! How can I help you today?'),
        ('C', "Hi, I'd like to switch my bill date from the 1st to the 15th."),
        ('A', 'Sure, I can do that. Could you confirm the postcode on the account?'),
        ('C', 'CF10 3AT'),
        ('A', 'Thanks. Your bill date is now the 15th from next month. Anything else?'),
        ('C', 'No thanks.'),
        ('A', 'Thanks for chatting with us, goodbye!'),
    ], 'missed'),
    ('customer_name', 'chat', [
        ('C', "Hi, I need to move the pickup time for my airport transfer on Thursday. It's booked under Hallworth."),
        ('A', 'Hello! Sure, what time would you like instead?'),
        ('C', '6am instead of 7am please.'),
        ('A', 'Done, the driver will now be outside at 06:00. Anything else I can help with?'),
        ('C', "No, that's everything."),
        ('A', 'Safe travels, bye!'),
    ], 'missed'),
    ('customer_name', 'email', [
        ('C', 'Hello,\n\nMy electricity bill for March shows an estimated reading, although I submitted an actual reading (14872) on 2 March through your website. Could you correct it?\n\nRegards,\nÁine Ní Dhonnchadha'),
        ('A', "Dear Ms Ní Dhonnchadha,\n\nThank you for your email. I've replaced the estimate with your reading of 14872 and a corrected bill will be issued within two working days.\n\nKind regards,\nGareth\nCustomer Accounts"),
        ('C', "Thank you, that's great. Will the direct debit amount change?\n\nÁine"),
        ('A', 'Good question: yes, it drops from £96 to £88 from April. Nothing for you to do.\n\nAll the best,\nGareth'),
    ], 'met'),
    ('customer_name', 'email', [
        ('C', "Hi team,\n\nOur pallet delivery booked for 9am today (ref BL-4471) still hasn't turned up at the Leeds warehouse. Can you give me an ETA?\n\nThanks,\nMarta Kowalczyk, Brightline Logistics"),
        ('A', 'Hi Marta,\n\nApologies for the wait. The vehicle was held up at the previous drop and is now 25 minutes away from your warehouse.\n\nBest,\nOwen, Freightway Customer Desk'),
        ('C', 'Great, thanks Owen.'),
        ('A', "You're welcome, have a good day."),
    ], 'met'),
    ('customer_name', 'twitter', [
        ('C', '@ZapNet broadband has dropped 5 times tonight. Any outage in BS3?'),
        ('A', "Hi there, sorry about the drops tonight. There's a known fault in BS3 and engineers are on it, expected fix by 11pm. ^Kai"),
        ('C', "cheers, I'll sit tight. - MidnightBadger"),
        ('A', "Thanks MidnightBadger, we'll DM you as soon as it's fixed. ^Kai"),
    ], 'not_applicable'),
    ('customer_name', 'chat', [
        ('C', "Hi, I'm actually abroad right now and my card was just declined at a hotel in Lisbon."),
        ('A', "Hello, sorry for the trouble! I can see the decline was triggered by a fraud check. I've cleared it, could you try the card again?"),
        ('C', 'Just worked, thanks.'),
        ('A', 'Great. Anything else I can help with?'),
        ('C', "No that's it."),
        ('A', 'Enjoy Lisbon, goodbye!'),
    ], 'not_applicable'),
    ('customer_name', 'phone', [
        ('A', 'good morning hillcrest bank this is owen how can i help'),
        ('C', "hi i'd like to pause my loan repayments for a couple of months"),
        ('A', 'of course i can set up a payment holiday it would run until april and repayments restart in may'),
        ('C', "that's fine"),
        ('A', "done it's all set up is there anything else"),
        ('C', 'no thanks'),
        ('A', 'thanks for calling bye'),
    ], 'missed', {'customer_name': 'April Mendes'}),
    ('empathy_on_complaint', 'chat', [
        ('C', 'Hi! No rush at all, just asking out of interest: when does the new off-peak tariff start?'),
        ('A', "Hi! It starts on 1 October, and you'll get an email a week before."),
        ('C', 'Cool, thanks.'),
        ('A', "You're welcome, anything else?"),
        ('C', 'no'),
        ('A', 'Have a lovely day!'),
    ], 'not_applicable'),
    ('empathy_on_complaint', 'phone', [
        ('A', 'hello westline rail bookings this is carmen'),
        ('C', 'hi so my bad entirely i booked my return for the wrong day the ninth instead of the nineteenth'),
        ('A', 'no problem let me change that can i have the booking reference'),
        ('C', 'w r eight eight three one'),
        ('A', "right that's moved to the nineteenth same time no fee is there anything else"),
        ('C', "no that's brilliant thank you"),
        ('A', 'thanks for calling bye'),
    ], 'not_applicable'),
    ('empathy_on_complaint', 'chat', [
        ('C', 'Hi, I asked for a replacement debit card last week, can you check where it is?'),
        ('A', "Hello. The card was returned to us because the address on your account doesn't match the post office records."),
        ('C', 'Oh great, so this is on ME now?'),
        ('A', 'The address needs updating before we can send another card.'),
        ('A', 'You can update it in the app under Profile > Address.'),
        ('C', 'fine'),
        ('A', 'Anything else today?'),
    ], 'missed'),
    ('empathy_on_complaint', 'chat', [
        ('C', 'Can you update the delivery address on order 90331 to Flat 12C, 4 Harbour Road?'),
        ('A', 'Sure, updated to Flat 12B, 4 Harbour Road.'),
        ('C', '12C. I said 12C.'),
        ('A', 'Updated to Flat 12C.'),
        ('C', 'ok'),
        ('A', 'Is there anything else I can help with?'),
        ('C', 'no'),
        ('A', 'Thanks, bye!'),
    ], 'missed'),
    ('empathy_on_complaint', 'chat', [
        ('A', 'Hi, welcome to Finley Bank chat. How can I help?'),
        ('C', "Can you resend the login verification code? That's twice now."),
        ('A', 'Sent to the mobile ending 447.'),
        ('C', 'got it'),
        ('A', 'Anything else?'),
        ('C', 'no'),
        ('A', 'Bye.'),
    ], 'missed'),
    ('empathy_on_complaint', 'chat', [
        ('C', "My order #4471 was meant to arrive Friday and it still hasn't come."),
        ('A', "I'm so sorry for the delay. It was held at the hub over the weekend and will be with you tomorrow."),
        ('C', "Okay. And the refund for the broken lamp from last month still hasn't shown up either."),
        ('A', "I've checked: that refund was issued on the 3rd and should reach your account within 5 working days."),
        ('C', 'Right.'),
        ('A', 'Is there anything else I can help with today?'),
        ('C', 'No.'),
        ('A', 'Thanks for contacting us, goodbye.'),
    ], 'missed'),
    ('empathy_on_complaint', 'chat', [
        ('C', 'I waited in for your engineer all day yesterday and nobody showed up or called.'),
        ('A', "Ugh, that sucks, I'd be fed up too. Let me find out what happened."),
        ('A', "The job was cancelled by mistake. I've rebooked it for tomorrow 8-12 as the first slot of the day."),
        ('C', 'ok fine'),
        ('A', 'Does tomorrow morning work for you?'),
        ('C', 'yes'),
        ('A', 'Great, thanks for your patience, bye!'),
    ], 'met'),
    ('empathy_on_complaint', 'chat', [
        ('C', "Your thermostat app keeps logging me out every hour, it's driving me up the wall."),
        ('A', 'The app can be a pain to set up the first time. Try removing the device and adding it again.'),
        ('C', 'Done.'),
        ('A', 'Are you still getting logged out now?'),
        ('C', 'Seems ok.'),
        ('A', 'Good. Bye.'),
    ], 'missed'),
    ('resolution_check', 'email', [
        ('C', 'Hello,\n\nOur accounts team never received the invoice for PO 7781. Could you send it again to accounts@hartwellgroup.co.uk?\n\nThanks,\nDerek'),
        ('A', "Hi Derek,\n\nThanks for letting us know. I've just re-sent invoice INV-20391 to accounts@hartwellgroup.co.uk. Would you mind checking it has landed with your accounts team?\n\nBest regards,\nSofia"),
        ('C', 'Got it, thanks Sofia.'),
        ('A', 'Perfect, thanks Derek. Have a good afternoon.'),
    ], 'met'),
    ('resolution_check', 'phone', [
        ('A', "hi you're through to kestrel mobile this is aaron how can i help"),
        ('C', "hi my phone's been on no service since this morning"),
        ('A', "oh sorry about that let me have a look i can see your sim needed re-provisioning i've just pushed that through"),
        ('A', "if you turn the phone off and on again can you tell me whether it's picking up signal now"),
        ('C', 'yeah four bars now'),
        ('A', 'brilliant anything else i can help with'),
        ('C', "no that's great"),
        ('A', 'thanks for calling bye'),
    ], 'met'),
    ('resolution_check', 'chat', [
        ('C', 'Hi, how do I add my partner as a second user on the streaming account?'),
        ('A', 'Hi! Go to Settings > Profiles > Add profile, then send the invite to their email.'),
        ('C', 'Ok thanks'),
        ('A', "You're welcome! Let me know if you have any questions."),
        ('C', 'will do'),
        ('A', 'Have a great evening!'),
    ], 'missed'),
    ('resolution_check', 'chat', [
        ('C', "I'm at the exit barrier of the Riverside car park and it won't take my ticket, there's a queue behind me!"),
        ('A', "Sorry about that, I'm on it. I've opened it remotely from here. Barrier up?"),
        ('C', "Yes it's up, thank you!"),
        ('A', 'Glad to help. Drive safely!'),
    ], 'met'),
    ('resolution_check', 'chat', [
        ('C', 'My season ski pass stopped working at the gondola this morning.'),
        ('A', "Sorry for the hassle! The chip was deactivated by our system update. I've reactivated it now."),
        ('C', 'ok'),
        ('A', 'See you back on the slopes!'),
    ], 'missed'),
    ('resolution_check', 'email', [
        ('C', 'Hello,\n\nNo problem to report, I just wanted to pass on some praise: Leon, who fitted our new boiler yesterday, was excellent. Tidy, friendly and he explained everything.\n\nBest,\nRuth Adeyemi'),
        ('A', "Dear Ruth,\n\nThank you so much for taking the time to write. I'll make sure Leon and his manager hear about this.\n\nWarm regards,\nNadia\nCustomer Care"),
        ('C', "Lovely, thanks Nadia. We'll definitely use you again.\n\nRuth"),
        ('A', "That's wonderful to hear. Enjoy the warm house!\n\nNadia"),
    ], 'not_applicable'),
    ('prohibited_language', 'phone', [
        ('A', 'good afternoon corvid mobile this is liam how can i help'),
        ('C', "hi i want to leave but i've just been told there's a two hundred pound exit fee that's ridiculous"),
        ('A', 'well you did tick the box accepting the early exit fee when you upgraded'),
        ('C', 'nobody told me about it'),
        ('A', "it's in the contract i can send you a copy"),
        ('C', 'fine'),
        ('A', 'okay bye'),
    ], 'missed'),
    ('prohibited_language', 'chat', [
        ('C', "Why is my mortgage application still not approved? It's been three weeks."),
        ('A', "I've looked at your file. The hold-up here is down to you not uploading the last three payslips."),
        ('C', 'I uploaded them on the 2nd.'),
        ('A', "They're not on the system. Please upload them again."),
        ('C', 'ok'),
        ('A', 'Thanks.'),
    ], 'missed'),
    ('prohibited_language', 'chat', [
        ('C', 'Hi, do I have to keep the gadget insurance add-on on my phone contract?'),
        ('A', "Hi! No, it's optional. It's entirely down to you whether you keep it; removing it saves £7 a month."),
        ('C', 'Remove it please.'),
        ('A', "Done, it's removed from your next bill. Anything else?"),
        ('C', 'No thanks'),
        ('A', 'Thanks for chatting, bye!'),
    ], 'met'),
    ('hold_etiquette', 'phone', [
        ('A', ('good afternoon redcliffe bank this is imogen how can i help', 0.0, 4.0)),
        ('C', ("hi i think my card's been stolen there are two payments i didn't make", 4.5, 9.0)),
        ('A', ("oh no i'm sorry that's really worrying i'm going to block the card now and order you a replacement", 9.5, 15.0)),
        ('A', ("right much obliged for your patience the card's blocked and a new one is on its way", 58.0, 64.0)),
        ('C', ('great thanks', 64.5, 66.0)),
        ('A', ('is there anything else i can help with', 66.5, 69.0)),
        ('C', ("no that's all", 69.5, 71.0)),
        ('A', ('thanks for calling take care bye', 71.5, 74.0)),
    ], 'met'),
    ('hold_etiquette', 'phone', [
        ('A', ("hello you're through to lumen broadband my name's femi how can i help", 0.0, 4.0)),
        ('C', ('hi my internet keeps dropping out every few minutes', 4.5, 8.0)),
        ('A', ('sorry to hear that could you switch the router off at the wall wait ten seconds and switch it back on', 8.5, 14.0)),
        ('C', ("okay hang on i'm doing it now", 14.5, 17.0)),
        ('C', ("right it's back on all the lights are green", 82.0, 86.0)),
        ('A', ('lovely is the connection holding steady now', 86.5, 90.0)),
        ('C', ('yeah looks good', 91.0, 93.0)),
        ('A', ('great anything else i can help with today', 93.5, 96.0)),
        ('C', ("no that's it thanks", 96.5, 98.0)),
        ('A', ('thanks for calling have a good evening', 98.5, 101.0)),
    ], 'not_applicable'),
    ('closing', 'facebook', [
        ('C', 'yo is my bike ready yet? dropped it off tues for a service'),
        ('A', 'hey! let me check the workshop board'),
        ('A', "yep it's done, new chain and brake pads, ready to collect any time before 6"),
        ('C', 'sweet, coming after work'),
        ('A', "nice one, it'll be on the rack by the door. later mate"),
    ], 'met'),
    ('greeting', 'phone', [
        ('A', 'brightwave energy tom speaking'),
        ('C', "hi yeah i'm calling to give a meter reading"),
        ('A', "go ahead what's the account number"),
        ('C', "it's four four nine one two"),
        ('A', 'and the reading'),
        ('C', 'five six seven eight one'),
        ('A', "that's logged thanks for calling bye"),
    ], 'missed'),
    ('greeting', 'phone', [
        ('A', '[noise]'),
        ('A', '<unk>'),
        ('A', "hiya sorry the line's a bit crackly you're through to westfield library how can i help"),
        ('C', 'hi i want to renew two books that are due tomorrow'),
        ('A', 'no problem can i have your card number'),
        ('C', 'two nine nine zero one three'),
        ('A', "that's both renewed for three weeks is there anything else"),
        ('C', "no that's great thanks"),
        ('A', 'lovely thanks for calling bye'),
    ], 'met'),
    ('agent_introduction', 'email', [
        ('C', "Hello, I'd like a copy of my 2023 annual statement for my pension plan, ref PX-20991. Many thanks, Gordon Blake"),
        ('A', "Good afternoon Mr Blake,\n\nThank you for getting in touch. I've requested a copy of your 2023 annual statement; it will be posted to your address on file within 7 working days.\n\nKind regards,\nJ.K.\nMember Services"),
        ('C', 'Thank you.'),
        ('A', "You're welcome. If there's anything else, just reply to this email.\n\nJ.K., Member Services"),
    ], 'missed'),
    ('customer_name', 'chat', [
        ('A', "Hi, welcome to Vero Mobile chat! I'm Carlos, how can I help?"),
        ('C', 'Hi, I want to add a roaming pack before my trip to Mexico.'),
        ('A', 'Sure! The Americas pack is £8 for 7 days. Shall I add it?'),
        ('C', 'Yes please.'),
        ('A', "Done, it's active from midnight. Anything else I can do?"),
        ('C', "No, that's all."),
        ('A', 'Thanks for chatting with Carlos at Vero Mobile. Have a great trip!'),
    ], 'missed', {'customer_name': 'Carlos Mendes'}),
    ('polite_tone', 'chat', [
        ('C', "Hi, I returned a jacket three weeks ago and the refund hasn't appeared. Order 55102."),
        ('A', 'Order number received.'),
        ('A', 'Refund issued 12th. Banks take time.'),
        ('C', "It's been over a week since the 12th though. Can you check?"),
        ('A', 'No. Contact your bank.'),
        ('C', 'Okay... thanks I guess.'),
        ('A', 'Bye.'),
    ], 'missed'),
    ('polite_tone', 'chat', [
        ('C', "This is the THIRD time my internet has gone down this week and I'm sick of it!!"),
        ('A', "Okay, calm down. I'm sorry it's happened again, that must be really frustrating. Let me run a check on your line."),
        ('C', 'Fine.'),
        ('A', "There's a fault at the street cabinet; an engineer will have it fixed by 4pm today. I'm really sorry for the hassle. Is there anything else I can help with?"),
        ('C', 'No.'),
        ('A', 'Thank you for your patience, and sorry again. Take care.'),
    ], 'met'),
    ('prohibited_language', 'chat', [
        ('C', "Hi, where's my order? It's the Badass BBQ Tongs set, order 77812."),
        ('A', 'Hi! Your Badass BBQ Tongs set shipped this morning with DPD and should arrive Thursday.'),
        ('C', 'Great, thanks.'),
        ('A', "You're welcome! Anything else?"),
        ('C', 'Nope.'),
        ('A', 'Happy grilling, bye!'),
    ], 'met'),
    ('prohibited_language', 'phone', [
        ('A', 'homeserve repairs good morning'),
        ('C', 'my boiler repair was meant to be today and nobody came'),
        ('A', "the engineer rang you twice if you don't pick up that's your lookout not ours"),
        ('C', 'i had no missed calls'),
        ('A', 'well i can rebook you for friday'),
        ('C', 'fine'),
        ('A', 'booked bye'),
    ], 'missed'),
    ('further_assistance', 'phone', [
        ('A', 'good morning flexfit this is rosa how can i help'),
        ('C', "hi i want to freeze my membership for two months i've hurt my knee"),
        ('A', 'oh sorry to hear about your knee i can do that can i take your membership number'),
        ('C', "it's f f two zero eight eight"),
        ('A', "thanks that's frozen from today until the first of august is there anything else you need"),
        ('C', 'actually yes can you change my email address too'),
        ('A', "sure what's the new one"),
        ('C', "it's j dot lowe at mailbox dot com"),
        ('A', "that's updated"),
        ('A', 'thanks for calling bye'),
    ], 'missed'),
    ('further_assistance', 'email', [
        ('C', 'Hi,\n\nCould you tell me when my home insurance renews? Policy HX-55210.\n\nCheers,\nTomasz'),
        ('A', "Hi Tomasz,\n\nThanks for your message. Your policy renews on 14 November, and we'll send your renewal quote 21 days before that.\n\nBest wishes,\nHana"),
        ('C', 'Great, and will the quote come by email or post?\n\nTomasz'),
        ('A', "Hi Tomasz,\n\nBy email, to the address you're writing from. If anything else crops up with the policy, just drop us a line and we'll sort it.\n\nBest wishes,\nHana"),
    ], 'met'),
    ('closing', 'chat', [
        ('C', 'Hi, I forgot my debit card PIN.'),
        ('A', 'Hello, thanks for contacting Oakridge Bank. I can reissue it. Can you confirm your date of birth?'),
        ('C', '14/02/1988'),
        ('A', 'Got it. Your new PIN will arrive by post within 3-5 working days.'),
        ('C', 'ok bye'),
    ], 'missed'),
    ('resolution_check', 'chat', [
        ('C', 'I was charged twice for my cinema tickets on Saturday.'),
        ('A', "Sorry about that! I can see the duplicate charge of £23.40. I've reversed it and it'll be back in your account in 2-3 days. That's all sorted now."),
        ('C', 'ok'),
        ('A', 'Anything else I can help with today?'),
        ('C', 'no'),
        ('A', 'Thanks for choosing Starlite Cinemas, enjoy your next film!'),
    ], 'missed'),
    ('empathy_on_complaint', 'chat', [
        ('C', "Fantastic. App's crashed mid-payment again. Love that for me."),
        ('A', 'Which phone and app version are you using?'),
        ('C', 'iPhone 13, latest version.'),
        ('A', 'Please delete and reinstall the app, then try the payment again.'),
        ('C', 'ok'),
        ('A', 'Anything else?'),
    ], 'missed'),
    ('hold_etiquette', 'phone', [
        ('A', ('good morning sunrise travel this is dev speaking', 0.0, 3.0)),
        ('C', ('hi i need to change the return date on my flight to malaga', 3.5, 7.0)),
        ('A', ("sure what's the booking reference", 7.5, 9.5)),
        ('C', ("it's s t seven seven two k", 10.0, 13.0)),
        ('A', ('okay s t seven seven two k', 13.5, 16.0)),
        ('A', ('so i can move you to the twentieth with a forty pound change fee', 61.0, 66.0)),
        ('C', ('yeah go ahead', 66.5, 68.0)),
        ('A', ('done is there anything else', 68.5, 70.0)),
        ('C', ('no', 70.5, 71.0)),
        ('A', ('okay bye', 71.5, 72.5)),
    ], 'missed'),
]


@pytest.mark.parametrize(ROUND_ARGS, round_cases(CASES, review=_REVIEW))
def test_round39_mechanisms(standard, channel, turns, status, metadata):
    assert_verdict(standard, channel, turns, status, **metadata)
