"""Round thirty-eight, from wave 35's disagreements, by mechanism: slots asked to suit whoever
they are for, the fix asked to be reported on, blame by what the customer should have done,
empathy and complaints in other words, customer names given with a role or a registration, a
first name with where the agent works or as an aside, and a few words of British English ("owt",
"whilst", "hang fire"). The sentences are written for the tests, none taken from the DEV sets;
those of _REVIEW by two reviewers, from the rule sheet and the change's description, before the
code was run."""

from __future__ import annotations

import pytest

from .conftest import ROUND_ARGS, assert_verdict, round_cases

CASES = [
    # -- resolution_check: a slot asked to be all right for whoever it is for -----------------
    ("resolution_check", "phone", [
        ("A", "hello harrow tyres"), ("C", "i need two new fronts fitted"),
        ("A", "right i can do saturday at nine will saturday at nine be alright for you"),
        ("C", "yes that's fine"), ("A", "booked see you then")], "met"),
    ("resolution_check", "chat", [
        ("A", "Hi there!"), ("C", "My grandmother needs a lift to her eye clinic."),
        ("A", "I have a driver for 10:40. Is the 10:40 pickup okay for your grandmother?"),
        ("C", "Yes."), ("A", "Done, goodbye.")], "met"),
    # ... spoken with no stop: the question after "you" opens a clause
    ("resolution_check", "phone", [
        ("A", "morning"), ("C", "both of us need the flu jab"),
        ("A", "ive put the two of you in with the nurse does friday suit the both of you"),
        ("C", "friday's good"), ("A", "lovely bye")], "met"),
    # ... not a request for leave ("would it be okay for you to ...")
    ("resolution_check", "chat", [
        ("A", "Hello."), ("C", "The heater is dead."),
        ("A", "An engineer will come on Monday."), ("C", "Ok.")], "missed"),
    # -- resolution_check: the customer asked to report whether the fix holds ------------------
    ("resolution_check", "email", [
        ("C", "The printer drops off the network every evening."),
        ("A", "I've pushed a new firmware to it. Could you let me know on Thursday whether it stays connected overnight?"),
        ("C", "Will do.")], "met"),
    ("resolution_check", "chat", [
        ("C", "The sync keeps failing."),
        ("A", "Patched. Could you restart and let us know whether it goes through now?"),
        ("C", "sure")], "met"),
    ("resolution_check", "email", [
        ("C", "My alarm panel beeps at night."),
        ("A", "I've changed the setting remotely. Drop us a line tomorrow to say whether it held up overnight."),
        ("C", "Thanks.")], "met"),
    # ... not a step asked ("let me know if you have the serial")
    ("resolution_check", "chat", [
        ("C", "The app crashes."), ("A", "Could you let me know whether you have the serial number?"),
        ("C", "Yes, it's A123.")], "missed"),
    ("resolution_check", "chat", [
        ("C", "My photos didn't transfer."),
        ("A", "I've re-run the migration. Did the albums carry over when you tried it?"),
        ("C", "They did!")], "met"),
    ("resolution_check", "phone", [
        ("A", "hi trade counter"), ("C", "the valves you sold me were the wrong size"),
        ("A", "sorry about that ive put the right ones aside no charge will that do you"),
        ("C", "aye that'll do")], "met"),
    # -- prohibited_language: the fault put on the customer's side ------------------------------
    ("prohibited_language", "phone", [
        ("C", "the bin's been missed for a month"),
        ("A", "well if you'd reported it earlier we could've sent the crew back")], "missed"),
    ("prohibited_language", "chat", [
        ("C", "The gate is broken again."),
        ("A", "Your tenants really should have flagged it sooner, to be fair.")], "missed"),
    ("prohibited_language", "chat", [
        ("C", "Why did it take so long?"),
        ("A", "Did you even restart it before writing in?")], "missed"),
    ("prohibited_language", "phone", [
        ("C", "the man in the shop said it was free"),
        ("A", "doesnt matter what the shop told you the fee stands")], "missed"),
    # ... not the company's own failure, nor a reassurance
    ("prohibited_language", "chat", [
        ("C", "You lost my form."),
        ("A", "I'm sorry. If we had checked it sooner we would have caught the error.")], "met"),
    ("prohibited_language", "chat", [
        ("C", "I picked the wrong plan."),
        ("A", "No problem at all, it doesn't matter which plan you chose, I can switch it.")], "met"),
    # -- empathy_on_complaint: empathy in other words ---------------------------------------------
    ("empathy_on_complaint", "phone", [
        ("C", "the curtains came and one panel is torn along the hem"),
        ("A", "oh that's not what you want to hang up in a new room i'll get a matching panel sent")],
     "met"),
    ("empathy_on_complaint", "chat", [
        ("C", "Third time the delivery slot has been missed."),
        ("A", "That's really not good enough from us. I'm arranging a named driver.")], "met"),
    ("empathy_on_complaint", "chat", [
        ("C", "The invoice is wrong again and my auditor is waiting."),
        ("A", "I can see how much stress this is causing. Let me reissue it now.")], "met"),
    # ... not the agent's feelings about something else
    ("empathy_on_complaint", "chat", [
        ("C", "You charged my card twice."),
        ("A", "I'm gutted about the weather too. Your refund is on its way.")], "missed"),
    # -- empathy_on_complaint: complaints without emotion words ---------------------------------
    ("empathy_on_complaint", "chat", [
        ("C", "The mug I ordered is chipped on the rim."),
        ("A", "I've sent a replacement.")], "missed"),
    ("empathy_on_complaint", "chat", [
        ("C", "After your update all my saved playlists vanished overnight."),
        ("A", "Restored from backup.")], "missed"),
    ("empathy_on_complaint", "phone", [
        ("C", "why have i been charged a late fee when i paid on the first"),
        ("A", "the fee's been removed")], "missed"),
    # ... not a defect the customer owns, packaging only, nor a repair asked for
    ("empathy_on_complaint", "chat", [
        ("C", "The lens is scratched, my own silly fault, can I buy a new one?"),
        ("A", "Sure, here's the link.")], "not_applicable"),
    ("empathy_on_complaint", "chat", [
        ("C", "The carton was crushed but the lamp inside is fine, just letting you know."),
        ("A", "Thanks for telling us.")], "not_applicable"),
    ("empathy_on_complaint", "phone", [
        ("C", "hiya my windscreen is chipped how much would it be to repair"),
        ("A", "sixty pounds and we can do tomorrow")], "not_applicable"),
    ("empathy_on_complaint", "chat", [
        ("C", "Can you get my PIN reset to a new one?"), ("A", "Done.")], "not_applicable"),
    # ... the agent's apology for what went wrong marks it as a complaint
    ("empathy_on_complaint", "chat", [
        ("C", "The blender I got last week only runs on one speed."),
        ("A", "I'm sorry the blender isn't working properly. A replacement is on its way.")], "met"),
    # -- customer_name ---------------------------------------------------------------------------
    ("customer_name", "chat", [
        ("A", "Welcome! Who am I chatting with today?"), ("C", "Monday Adebayo"),
        ("A", "Thanks, Monday. How can I help?")], "met"),
    ("customer_name", "phone", [
        ("A", "hello"), ("C", "hi im the landlord tomas novak about flat three"),
        ("A", "okay mr novak whats up")], "met"),
    ("customer_name", "chat", [
        ("A", "Hi"), ("C", "my membership is registered to Ingrid Solberg, I can't log in"),
        ("A", "Thanks Ingrid, resetting it now.")], "met"),
    ("customer_name", "chat", [
        ("A", "Hello"), ("C", "Hi. Mrs Adeyemi. My meter reading was rejected."),
        ("A", "Let me look.")], "missed"),
    ("customer_name", "phone", [
        ("A", "hello"), ("C", "hi it's april dunmore um my parcel"),
        ("A", "right what's up with it")], "missed"),
    # ... not a business, nor an account owner with no name
    ("customer_name", "phone", [
        ("A", "hello"), ("C", "yeah it's morrow and daughters roofing about our order"),
        ("A", "ok go on")], "not_applicable"),
    ("customer_name", "phone", [
        ("A", "hello"), ("C", "it's kerrigan construction about the skip"),
        ("A", "ok go on")], "not_applicable"),
    # -- agent_introduction ------------------------------------------------------------------------
    ("agent_introduction", "chat", [
        ("C", "My booking vanished."), ("A", "Good afternoon, Ingeborg at Fjordline reservations."),
        ("C", "Hi.")], "met"),
    ("agent_introduction", "chat", [
        ("C", "Stuck on login."), ("A", "On it."), ("C", "ok"),
        ("A", "Rafael from Kitewise support, by the way. Try now?")], "met"),
    ("agent_introduction", "chat", [
        ("C", "Refund?"), ("A", "Processing."), ("C", "ok"), ("A", "Done now. Leilani btw")],
     "met"),
    ("agent_introduction", "chat", [
        ("C", "Hi Ahmed, I'm Ahmed Karim."),
        ("A", "Hello Ahmed, I'm Ahmed too, what a coincidence!")], "met",
     {"customer_name": "Ahmed Karim"}),
    ("agent_introduction", "phone", [
        ("A", "yeah dispatch"), ("A", "yeah connor here go on"), ("C", "the van's late")], "met"),
    # ... not a colleague, nor a brand signing
    ("agent_introduction", "chat", [
        ("C", "Claim update?"), ("A", "Thanks. Ingeborg at reception will call you back."),
        ("C", "ok")], "missed"),
    ("agent_introduction", "chat", [
        ("C", "Claim update?"), ("A", "Ingeborg from our claims team will pick this up."),
        ("C", "ok")], "missed"),
    ("agent_introduction", "email", [
        ("C", "Where is my order?"), ("A", "It ships Monday. Happy baking! — CrumbCo")],
     "missed"),
    # -- further_assistance, hold_etiquette, greeting ----------------------------------------------
    ("further_assistance", "phone", [
        ("C", "thats sorted then"), ("A", "grand is there owt else i can do")], "met"),
    ("further_assistance", "email", [
        ("C", "Thanks."), ("A", "The credit is applied. Please let us know if we can help further.")],
     "met"),
    ("further_assistance", "phone", [("C", "done"), ("A", "is that it then")], "met"),
    ("hold_etiquette", "phone", [
        ("C", "my delivery"), ("A", "stay on the line whilst i look at the van schedule"),
        ("C", "ok"), ("A", "thanks for staying on the line it's on the van now")], "met"),
    ("hold_etiquette", "phone", [
        ("C", "they cut me off"), ("A", "hang on hang on they disconnected you with no notice"),
        ("C", "yes"), ("A", "right im restoring it now")], "not_applicable"),
    ("hold_etiquette", "phone", [
        ("C", "my delivery"), ("A", "hang fire a second while i find it"),
        ("C", "ok"), ("A", "right it's out today")], "missed"),
    ("greeting", "discord", [("C", "hey"), ("A", "Yo 👋 what's up?")], "met"),
]

_REVIEW = [
    ('resolution_check', 'email', [
        ('C', 'Hi, my broadband keeps dropping every evening around 8pm. Kofi'),
        ('A', "Hi Kofi, thanks for getting in touch. I've pushed a firmware update to your router from our end. Could you restart it tonight and drop us a line tomorrow to say whether the connection held up through the evening? Best, Elena"),
        ('C', 'Will do, thanks Elena.'),
        ('A', 'Thanks Kofi, speak tomorrow. Elena'),
    ], 'met'),
    ('resolution_check', 'chat', [
        ('A', "Hello, you're chatting with Ravi at Fennel Bank."),
        ('C', "I was told my refund for the cancelled flight would be in my account today but I can't see it."),
        ('A', 'I can see it was released to your account at 11:02. Can you pull down to refresh the app and check whether it shows in your available balance now?'),
        ('C', 'Oh yes, there it is. £312.40.'),
        ('A', 'Great stuff. Anything else today?'),
        ('C', "No that's all"),
        ('A', 'Take care, bye!'),
    ], 'met'),
    ('resolution_check', 'chat', [
        ('C', 'my delivery address keeps reverting to my old flat when I check out'),
        ('A', "Hi! Sorry about that. I've cleared the cached address on your profile. Please try updating it once more from Account > Addresses."),
        ('C', 'ok done'),
        ('A', 'Did the new address stick when you saved it this time?'),
        ('C', "yep it's showing the new one now"),
        ('A', 'Perfect. Thanks for shopping with Loomly, bye!'),
    ], 'met'),
    ('resolution_check', 'phone', [
        ('A', 'morning northern rail season tickets youre through to gaz'),
        ('C', 'hiya i need a replacement season ticket i left mine in a jacket that went through the wash'),
        ('A', 'oh dear right ive cancelled the old one and a new ones going out first class should be with you thursday'),
        ('C', 'lovely'),
        ('A', 'that do ya'),
        ('C', 'yeah thats grand cheers'),
        ('A', 'no bother ta ra'),
    ], 'met'),
    ('resolution_check', 'chat', [
        ('A', 'Hi there, welcome to Pixelhost support!'),
        ('C', "My site's showing a 502 error since this morning."),
        ('A', "I can see the PHP worker crashed. I've restarted it and cleared the cache, so your site should be loading properly now."),
        ('C', 'ok'),
        ('A', 'Anything else I can help with today?'),
        ('C', 'no'),
        ('A', 'Have a great day!'),
    ], 'missed'),
    ('resolution_check', 'phone', [
        ('A', 'hello wavelink broadband youre speaking to imran'),
        ('C', 'hi my wifi keeps cutting out every half hour or so'),
        ('A', 'okay ive reset the line from our end and changed the channel on your router'),
        ('C', 'okay'),
        ('A', 'so if it drops out again just give us a ring back and quote your reference'),
        ('C', 'will do'),
        ('A', 'thanks for calling bye now'),
    ], 'missed'),
    ('prohibited_language', 'phone', [
        ('A', 'good morning harbour homes repairs this is lorraine'),
        ('C', 'hi yeah theres water coming through the kitchen ceiling from the flat upstairs and now the plasters come down'),
        ('A', 'right well if youd phoned it in when it first started dripping we couldve saved the ceiling'),
        ('C', 'i did phone last week actually'),
        ('A', 'okay well ill get someone out today'),
    ], 'missed'),
    ('prohibited_language', 'email', [
        ('C', "The lift in block C has been out of action for two weeks. Residents with prams and wheelchairs are stuck. Marcia Thompson, Chair, Block C Residents' Association"),
        ('A', "Dear Ms Thompson, thank you for raising this. I've logged an urgent job with our lift contractor for tomorrow. That said, your committee really should have reported the fault a lot earlier than two weeks in. Regards, Paul Henning, Estates"),
        ('C', 'We reported it on day one by phone.'),
        ('A', "I'll look into that. Regards, Paul"),
    ], 'missed'),
    ('prohibited_language', 'chat', [
        ('C', "my new printer won't connect to wifi at all"),
        ('A', 'Did you even look at the quick start guide before messaging? Step 3 covers it.'),
        ('C', "yes I did and it didn't work"),
        ('A', 'OK, hold the wifi button for 5 seconds until the light flashes blue.'),
        ('C', 'that worked'),
        ('A', 'Good. Bye.'),
    ], 'missed'),
    ('prohibited_language', 'sms', [
        ('C', "Where's my parcel? It was meant to come today."),
        ('A', "It's out for delivery and will arrive before 9pm. Next time please look at the tracking link before contacting us, it's all there."),
        ('C', 'right'),
        ('A', 'Thanks, bye.'),
    ], 'missed'),
    ('prohibited_language', 'phone', [
        ('A', 'good afternoon skyline mobile youre through to nadia'),
        ('C', 'hi the guy in your shop told me i could leave the contract after twelve months with no fee'),
        ('A', 'yeah doesnt matter what he told you in store its twenty four months on the paperwork you signed'),
        ('C', 'thats ridiculous'),
        ('A', 'i can offer you a cheaper tariff if that helps'),
    ], 'missed'),
    ('prohibited_language', 'chat', [
        ('C', "Your courier left my parcel behind the bins and it's been nicked."),
        ('A', "Our courier partner marked it delivered with a photo. Once it's been delivered that's hardly our concern, I'm afraid."),
        ('C', 'Unbelievable.'),
        ('A', 'You could try reporting it to the police.'),
    ], 'missed'),
    ('prohibited_language', 'phone', [
        ('A', 'Hi, thanks for calling Zest Energy, this is Mo.'),
        ('C', 'My direct debit went up by forty pounds and nobody told me.'),
        ('A', "I'm really sorry. We should have written to you about the price change sooner, and that's on us, not you."),
        ('C', 'ok well thanks for admitting it'),
        ('A', "Of course. I've added a fifteen pound credit as an apology. Anything else?"),
        ('C', "no that's it"),
        ('A', 'Thanks for calling, take care.'),
    ], 'met'),
    ('prohibited_language', 'phone', [
        ('A', 'hello maple housing repairs line this is jo'),
        ('C', 'hi theres a damp patch spreading on my bathroom wall noticed it a few days ago'),
        ('A', 'thanks for letting us know ill book a surveyor for tuesday and just so you know for the future the sooner damp gets reported the quicker we can usually sort it so never hesitate to ring us'),
        ('C', 'ok good to know'),
        ('A', 'lovely see you tuesday then bye'),
    ], 'met'),
    ('prohibited_language', 'chat', [
        ('C', "When I asked your driver to bring the sofa upstairs he said it was 'hardly his problem' and left it on the pavement."),
        ('A', "I'm so sorry. 'Hardly his problem' is never an acceptable answer from one of our drivers, and I've passed this to his depot manager."),
        ('C', 'thanks'),
        ('A', "I've also booked a two-person team to carry it up tomorrow. Is there anything else I can help with?"),
    ], 'met'),
    ('empathy_on_complaint', 'chat', [
        ('C', 'Came home from a week away to find the freezer you installed last month had packed in. Everything in it is ruined and the kitchen stinks.'),
        ('A', "Oh no, that's not what anyone wants to walk back in to after a holiday. Let's get an engineer out and sort compensation for the food."),
        ('C', 'thank you'),
        ('A', 'Can I take your postcode?'),
    ], 'met'),
    ('empathy_on_complaint', 'in_app', [
        ('C', "after yesterday's update my 212 day streak is back to 0"),
        ('A', "Honestly, I'm mortified. A 212-day streak is a lot of work. I've raised it with the engineers and we'll restore it within 24 hours."),
        ('C', 'ok thanks'),
        ('A', "I'll message you here once it's back."),
    ], 'met'),
    ('empathy_on_complaint', 'phone', [
        ('A', 'hello harlow and price conveyancing this is bethany'),
        ('C', 'hi um its about the completion on elm road the removal van is literally outside and the estate agent says they havent got the money yet and the sellers wont hand over the keys'),
        ('A', 'okay i can hear how much pressure youre under right now let me chase our accounts team on what time the funds left'),
        ('C', 'okay thank you'),
        ('A', 'ill call you back within ten minutes'),
    ], 'met'),
    ('empathy_on_complaint', 'chat', [
        ('C', 'Hi, the bathroom tiles I ordered came today and six of them have a hairline crack running through the glaze.'),
        ('A', 'Please email photos of the tiles to returns@tilehaus.co.uk with your order number.'),
        ('C', 'ok'),
        ('A', 'Replacements are dispatched once the photos are checked. Is there anything else?'),
        ('C', 'no'),
        ('A', 'Thank you for contacting TileHaus.'),
    ], 'missed'),
    ('empathy_on_complaint', 'chat', [
        ('C', "Hi, order 55812 still hasn't arrived. It was due on Monday."),
        ('A', "I'm sorry your order still hasn't turned up. I can see it's stuck at our Leeds hub, so I'll get it reshipped on express today."),
        ('C', 'Okay, thanks.'),
        ('A', "You're welcome, you'll get tracking by email."),
    ], 'met'),
    ('empathy_on_complaint', 'email', [
        ('C', "So you want a £30 cancellation fee for a landline that hasn't had a dial tone since March? Bit rich, that."),
        ('A', "You're right, and that's not on from our side. I've waived the fee and I'll refund the line rental back to March."),
        ('C', 'good'),
        ('A', 'Confirmation will follow by email.'),
    ], 'met'),
    ('empathy_on_complaint', 'chat', [
        ('C', 'Hi, the outer box of my speaker arrived a bit dented but the speaker itself is absolutely fine. How do I register it for the warranty?'),
        ('A', "Glad it's all working! You can register at soundwave.com/register with the serial number on the base."),
        ('C', 'Perfect, thanks'),
        ('A', 'Any time, enjoy it!'),
    ], 'not_applicable'),
    ('customer_name', 'whatsapp', [
        ('A', "Hi! Thanks for messaging Cedar Lettings. Can I ask who I'm chatting to?"),
        ('C', 'Dimitri Volkov, flat 4B'),
        ('A', 'Thanks Dimitri. What can I help with?'),
        ('C', 'the boiler pressure keeps dropping'),
        ('A', "I'll get a plumber booked for you."),
    ], 'met'),
    ('customer_name', 'phone', [
        ('A', 'morning greenway skips how can i help'),
        ('C', 'hi yeah im the site manager ruth adeyemi at the school extension job we need the skip swapped'),
        ('A', 'no problem ruth whats the postcode'),
        ('C', 'ls6 2ab'),
        ('A', 'lovely thats booked for tomorrow morning'),
    ], 'met'),
    ('customer_name', 'chat', [
        ('C', "Hi, the subscription's registered to Arjun Mehta, that's me. I want to pause it for two months."),
        ('A', 'Hello! I can do that. Pausing from the 1st of next month, shall I go ahead?'),
        ('C', 'yes'),
        ('A', "Done. You won't be billed until August. Anything else?"),
        ('C', 'no thanks'),
        ('A', 'Have a good day!'),
    ], 'missed'),
    ('customer_name', 'email', [
        ('C', "Good evening. Dr Okonkwo. My repeat prescription was meant to be delivered yesterday and hasn't arrived."),
        ('A', "Thank you for your email, Dr Okonkwo, and apologies for the delay. Your prescription was held at the pharmacy; it's been dispatched today by tracked courier. Kind regards, Pharmacy Team"),
    ], 'met'),
    ('customer_name', 'phone', [
        ('A', 'Good morning, Trent Timber Supplies.'),
        ('C', "Morning, it's Fenwick Joinery here, we've an order for forty lengths of oak due today and it's not turned up."),
        ('A', "Sorry about that, let me check. It's on the afternoon wagon, should be with you by three."),
        ('C', 'OK cheers.'),
        ('A', 'Thanks for calling.'),
    ], 'not_applicable'),
    ('customer_name', 'chat', [
        ('C', "Hi, our office manager Bianca set up the account and she's on leave. I need the admin password reset."),
        ('A', "Hi there! For security I can only send the reset to the admin email on file, which is Bianca's. Could Bianca forward it to you when she's back, or is there another admin?"),
        ('C', "no it's just her"),
        ('A', "Okay, in that case I can start an ownership transfer. I'll email you the form."),
    ], 'not_applicable'),
    ('agent_introduction', 'phone', [
        ('A', 'Good afternoon, Mireille at Castlegate Vets, how can I help?'),
        ('C', "Hi, I'd like to book my cat in for her booster jab."),
        ('A', "Of course, what's her name?"),
        ('C', 'Biscuit'),
        ('A', "We've got Tuesday at ten, does that suit?"),
    ], 'met'),
    ('agent_introduction', 'chat', [
        ('A', 'Hey! Thanks for reaching out to Trailmix Outdoor.'),
        ('C', 'hi my tent pole snapped on the first use'),
        ('A', 'Oh no, sorry to hear that! Zoë btw. Can you send me a photo of the break?'),
        ('C', 'sending now'),
    ], 'met'),
    ('agent_introduction', 'phone', [
        ('A', 'it service desk callum here fire away'),
        ('C', 'hi yeah my laptop wont connect to the vpn since this morning'),
        ('A', 'right whats your asset tag its on a sticker under the laptop'),
        ('C', 'its lt 40 21'),
    ], 'met'),
    ('agent_introduction', 'chat', [
        ('C', "Hi, I'm Aisha. My gym pass won't scan at the turnstile."),
        ('A', "Hi Aisha! Ha, same here, I'm Aisha as well. Let's get that sorted. Which club are you at?"),
        ('C', 'Kingsway'),
        ('A', "Thanks. I've reissued your pass, try the new QR code in the app."),
    ], 'met'),
    ('agent_introduction', 'chat', [
        ('A', 'Hi, thanks for contacting Northwind Insurance.'),
        ('C', 'Hi, I want to query the excess on my claim.'),
        ('A', 'Priya from our claims team will pick this up with you tomorrow morning. In the meantime, could you send me your claim number?'),
        ('C', 'CLM-20931'),
        ('A', "Thanks, I've added it to the note for her."),
    ], 'missed'),
    ('agent_introduction', 'email', [
        ('C', "Hello, my robot vacuum keeps saying 'brush jammed' even after cleaning the brush. Tom"),
        ('A', 'Hi Tom, thanks for reaching out! Please try removing the side brush too and wiping the sensor under it. If the error comes back, reply with a photo. Cheers, SweepSmartCare'),
    ], 'missed'),
    ('further_assistance', 'phone', [
        ('A', 'hiya yorkshire gas this is shaz'),
        ('C', 'hello love i want to give you a meter reading its 40721'),
        ('A', 'right thats your reading in and your bill will be adjusted'),
        ('C', 'champion'),
        ('A', 'owt else i can do for you while youre on'),
        ('C', 'no thats it love'),
        ('A', 'right then ta ra'),
    ], 'met'),
    ('further_assistance', 'email', [
        ('C', 'Hi, can you confirm my pension transfer went through? Regards, Ines Duarte'),
        ('A', "Dear Ms Duarte, I can confirm the transfer of £48,200 completed on 3 June. Please don't hesitate to get back to us should you need anything further from us. Kind regards, Sam, Member Services"),
    ], 'met'),
    ('further_assistance', 'chat', [
        ('A', 'Hi, Lotte here at Bramble Books.'),
        ('C', 'hi can you change the delivery on order 7781 to my work address, 12 Dock St'),
        ('A', 'Done, updated to 12 Dock St.'),
        ('C', 'great'),
        ('A', 'That it for today?'),
        ('C', 'yep thanks'),
        ('A', 'Bye now!'),
    ], 'met'),
    ('further_assistance', 'phone', [
        ('A', 'hello quickfix appliance repairs amir speaking'),
        ('C', 'hi i need to book a repair on my washing machine it wont drain'),
        ('A', 'sure whats the model number should be on a sticker inside the door'),
        ('C', 'um theres a long one starting wm9 and then a short one'),
        ('A', 'is that it the long one starting wm9 yeah read me that one'),
        ('C', 'wm9 4410 b'),
        ('A', 'great engineers booked for thursday morning bye'),
    ], 'missed'),
    ('hold_etiquette', 'phone', [
        ('A', 'hiya speedy parcels tom speaking'),
        ('C', 'hi im trying to find where my parcels got to the ref is sp7734'),
        ('A', 'hang fire a minute let me look'),
        ('C', 'ok'),
        ('A', 'right its at the bradford depot itll go out tomorrow'),
        ('C', 'ok cheers'),
        ('A', 'bye'),
    ], 'missed'),
    ('hold_etiquette', 'phone', [
        ('A', 'good morning clearwater utilities sandra speaking'),
        ('C', 'hi my water was cut off this morning they said i hadnt paid but i pay by direct debit'),
        ('A', 'hang on hang on they disconnected you without any notice that shouldnt happen'),
        ('C', 'yes no letter nothing'),
        ('A', 'im so sorry ill get a reconnection raised right now'),
    ], 'not_applicable'),
    ('greeting', 'chat', [
        ('A', "Yo! What's up with your order?"),
        ('C', 'the hoodie came in the wrong size, I ordered L and got S'),
        ('A', "Ah sorry about that, let's get it swapped. What's the order number?"),
        ('C', 'DS-4471'),
    ], 'met'),
    ('resolution_check', 'chat', [
        ('A', 'Hi, thanks for messaging Hollybank Vets, this is Carys.'),
        ('C', 'Hi, I need to book Biscuit in for his booster jab.'),
        ('A', 'Of course. The earliest I have is 4:15 on Wednesday with Dr Mensah. Will Wednesday afternoon be alright for Biscuit?'),
        ('C', "Yes that's perfect."),
        ('A', "Lovely, that's booked. Thanks, see you both then!"),
    ], 'met'),
    ('resolution_check', 'phone', [
        ('A', "good afternoon northgate property maintenance you're speaking with dylan"),
        ('C', "hiya it's about the boiler in our flat me and my partner both work from home so we need someone in"),
        ('A', "right no problem i've got an engineer free thursday eight till twelve if that suits the pair of you is thursday morning going to be okay"),
        ('C', "yeah thursday's great"),
        ('A', "brilliant that's booked in thanks for calling bye now"),
    ], 'met'),
    ('resolution_check', 'whatsapp', [
        ('A', 'Hi Lorenzo, Amara from SafeNest here 👋'),
        ('C', 'My doorbell camera keeps dropping off the wifi every night.'),
        ('A', "Sorry about that. I've pushed a firmware update and moved it to the 2.4GHz band. Would you mind messaging us in the morning to say whether it stayed online overnight?"),
        ('C', 'Sure, will do.'),
        ('A', 'Thanks Lorenzo, speak tomorrow.'),
    ], 'met'),
    ('resolution_check', 'chat', [
        ('A', 'Hello and welcome to SkyLark Airways chat.'),
        ('C', 'My boarding pass for the Lagos flight says seat not assigned.'),
        ('A', "I've just assigned you 14C. Can you pull down to refresh the app and check the seat shows on your pass now?"),
        ('C', 'Yep, 14C is there.'),
        ('A', 'Great. Safe travels!'),
    ], 'met'),
    ('resolution_check', 'chat', [
        ('A', 'Hi Mei, thanks for getting in touch with Planify.'),
        ('C', 'Every time I change my time zone to Singapore it flips back to London.'),
        ('A', "I've cleared a stuck profile cache on our side. Did the time zone hold when you changed it just now?"),
        ('C', "It's staying on Singapore now, thanks."),
        ('A', 'Perfect. Have a great day, Mei!'),
    ], 'met'),
    ('resolution_check', 'phone', [
        ('A', "morning you're through to gareth at valleys water"),
        ('C', "hi there's a charge on my bill for a meter visit that never happened"),
        ('A', "sorry about that i've taken the forty pounds off and it'll show on next month's bill would that do you"),
        ('C', "yeah that's fine cheers"),
        ('A', 'no worries ta-ra'),
    ], 'met'),
    ('resolution_check', 'chat', [
        ('A', "Hi, you're chatting with Oskar at ParcelPoint."),
        ('C', "My parcel is showing delivered but it isn't here."),
        ('A', "I'm sorry to hear that. I've opened a trace with the driver. We'll message you tomorrow to let you know whether they've found it."),
        ('C', 'Okay.'),
        ('A', 'Anything else I can do for you today?'),
        ('C', "No that's all."),
        ('A', 'Thanks for contacting ParcelPoint, bye!'),
    ], 'missed'),
    ('resolution_check', 'phone', [
        ('A', 'hello brightline energy this is fatima how can i help'),
        ('C', 'i want to change my direct debit date to the fifteenth'),
        ('A', 'sure can you grab your latest bill and see the account number at the top for me now'),
        ('C', "yeah it's 4471 2290"),
        ('A', "thanks that's the direct debit moved to the fifteenth from next month"),
        ('C', 'great'),
        ('A', 'thanks for calling bye'),
    ], 'missed'),
    ('prohibited_language', 'phone', [
        ('A', 'Good morning, Harbourside Bank, Nikhil speaking.'),
        ('C', "Someone's taken eight hundred pounds out of my account over the weekend."),
        ('A', "I've blocked the card now. To be honest, had you phoned us on Friday when you first got that odd text, we'd have stopped most of these payments."),
        ('C', "I didn't know it was fraud then."),
        ('A', "I'll raise a fraud claim for the full amount. Anything else?"),
    ], 'missed'),
    ('prohibited_language', 'phone', [
        ('A', "Hi, thanks for calling Greenway Broadband, it's Tamsin."),
        ('C', "My internet's been down four days and your engineer didn't turn up yesterday."),
        ('A', "I'm really sorry. If our engineer had shown up yesterday like we promised, you'd be back online by now, and that's down to us, not you."),
        ('C', 'Well, yes.'),
        ('A', "I've booked the first slot tomorrow at 8 and added a credit for the missed visit."),
    ], 'met'),
    ('prohibited_language', 'email', [
        ('C', 'Hello, the damp in our bathroom is now black mould and the ceiling is dripping. Yusuf Haddad'),
        ('A', "Dear Mr Haddad, thank you for your email. Our records show this leak started in March. Your household really should've reported it back then rather than leaving it until the ceiling was soaked. We'll send a surveyor on 9 May. Regards, Lena, Tenancy Team"),
        ('C', 'Fine.'),
    ], 'missed'),
    ('prohibited_language', 'chat', [
        ('A', "Hey, welcome to Threadline! I'm Jonas."),
        ('C', 'The jeans are way too tight, I need to swap for a bigger size.'),
        ('A', "No problem, I've sent a returns label. Next time maybe have a look at the size guide before you order, it's all on there."),
        ('C', 'Right.'),
        ('A', 'The exchange will ship once we get them back. Cheers!'),
    ], 'missed'),
    ('prohibited_language', 'phone', [
        ('A', "hi you're through to kwame at orbit mobile"),
        ('C', "the lady in the shop told me the upgrade would be free but you've charged me fifty quid"),
        ('A', "yeah doesn't matter what they told you in store the fee's in the contract"),
        ('C', "that's not fair"),
        ('A', "it's in the terms you signed is there anything else"),
    ], 'missed'),
    ('prohibited_language', 'chat', [
        ('C', 'The driver left my new table out on the drive in the rain and now the top is warped.'),
        ('A', "Our records show it was delivered as requested. If nobody was home to bring it in, that's hardly our fault, is it?"),
        ('C', 'Wow. Okay.'),
        ('A', 'You can buy a care kit from our website.'),
    ], 'missed'),
    ('prohibited_language', 'chat', [
        ('A', 'Hi there, Beatriz from StreamBay here!'),
        ('C', 'Will I get the new sports channel on my basic plan?'),
        ('A', "Good news, it doesn't matter what plan you're on, every member gets it free until June."),
        ('C', 'Oh brilliant, thanks!'),
        ('A', "You're welcome, enjoy the match!"),
    ], 'met'),
    ('empathy_on_complaint', 'chat', [
        ('A', 'Hi, Rosie here at Kiln & Co.'),
        ('C', 'The serving bowl I ordered arrived with a hairline crack running down one side.'),
        ('A', "Oh dear, that's not what anyone wants to pull out of the box."),
        ('C', 'Order KC-5521.'),
        ('A', 'A replacement is on its way, no need to send the broken one back.'),
    ], 'met'),
    ('empathy_on_complaint', 'phone', [
        ('A', 'morning swiftdrop deliveries this is ali'),
        ('C', "yeah you've sent me a card saying i owe a redelivery fee when your driver never even knocked that's a bit rich"),
        ('A', "i can hear how much hassle this has caused you i'll cancel that fee now"),
        ('C', 'ok thanks'),
        ('A', "it's cancelled and i've booked redelivery for tomorrow thanks for calling"),
    ], 'met'),
    ('empathy_on_complaint', 'chat', [
        ('C', "Hi, grim weather today isn't it. Anyway, why have I been charged £35 twice this month?"),
        ('A', "Hi! I'm gutted about the rain too, I had a run planned. Let me look."),
        ('A', "The second payment is your annual maintenance fee, it's in the membership terms."),
        ('C', 'Okay.'),
        ('A', 'Anything else I can help with?'),
    ], 'missed'),
    ('empathy_on_complaint', 'chat', [
        ('C', 'Hi! My blender came yesterday. The outer box was a bit squashed but everything inside is perfect. Can I order two more for my sisters with the same discount code?'),
        ('A', 'Hi there! Yes, the code works until Sunday.'),
        ('C', 'Great, done.'),
        ('A', 'Lovely, enjoy!'),
    ], 'not_applicable'),
    ('empathy_on_complaint', 'phone', [
        ('A', 'hello techfix repairs priya speaking'),
        ('C', "hiya so i dropped my tablet off the kitchen counter this morning and the screen's cracked my own clumsy fault how much is a screen replacement"),
        ('A', "for that model it's eighty nine pounds and takes two days"),
        ('C', 'okay book me in'),
        ('A', 'done saturday at ten thanks bye'),
    ], 'not_applicable'),
    ('empathy_on_complaint', 'in_app', [
        ('C', 'after the update last night my 212 day login streak went back to 0'),
        ('A', 'Hi, streaks are calculated on the server. Please log out and back in.'),
        ('C', 'did that, still 0'),
        ('A', "Ok I've escalated it to the game team."),
    ], 'missed'),
    ('empathy_on_complaint', 'chat', [
        ('C', "Hi, I factory reset my router on purpose last night to clear out old devices. What's the default admin password so I can set the wifi up again?"),
        ('A', "Hi! It's printed on the sticker under the router, labelled Admin key."),
        ('C', 'Found it, cheers.'),
        ('A', 'No problem, have a good evening.'),
    ], 'not_applicable'),
    ('empathy_on_complaint', 'chat', [
        ('C', 'Hi, just checking on my wardrobe, order 4471. It was due on the 3rd.'),
        ('A', "Hi, I'm so sorry the wardrobe hasn't reached you yet. It's at our local depot and will be with you Thursday."),
        ('C', 'Okay.'),
        ('A', 'Thanks for your patience, and sorry again.'),
    ], 'met'),
    ('customer_name', 'whatsapp', [
        ('A', 'Hello from Corner Bloom 🌸 Who do I have the pleasure of talking to?'),
        ('C', 'Oluwaseun'),
        ('C', 'Need a bouquet delivered Friday'),
        ('A', 'Lovely, Oluwaseun! What budget did you have in mind?'),
        ('C', 'About £40'),
        ('A', "Perfect, I'll send some options shortly."),
    ], 'met'),
    ('customer_name', 'phone', [
        ('A', 'good morning citywide lettings how can i help'),
        ('C', "hi yes i'm the landlord rajesh venkataraman calling about the boiler at flat four"),
        ('A', 'thanks mr venkataraman let me pull up flat four'),
        ('C', 'cheers'),
    ], 'met'),
    ('customer_name', 'chat', [
        ('A', 'Hi, welcome to Kowhai Insurance chat.'),
        ('C', "Hi, the policy's registered to me, Aroha Ngata, and I want to add my son as a driver."),
        ('A', "Sure thing, Aroha. What's his date of birth?"),
        ('C', '12 March 2006'),
        ('A', "Done, he's added from today."),
    ], 'met'),
    ('customer_name', 'phone', [
        ('A', 'good afternoon westmere water this is holly'),
        ('C', "hello i need to close an account it's registered to my late father desmond achterberg"),
        ('A', "i'm very sorry for your loss i'll need mr achterberg's account number and a copy of the death certificate"),
        ('C', 'okay i can email those'),
        ('A', "thank you that's perfect goodbye"),
    ], 'not_applicable'),
    ('customer_name', 'email', [
        ('C', 'Good afternoon. Mrs Okonkwo. I placed order 55190 on the 2nd and it still says processing.'),
        ('A', 'Dear Mrs Okonkwo, thanks for your message. Your order shipped this morning and should arrive Monday. Best wishes, Theo'),
        ('C', 'Thank you.'),
    ], 'met'),
    ('customer_name', 'phone', [
        ('A', "hello you're through to crestline motor insurance"),
        ('C', "hi yeah it's april nguyen er i'm calling about my renewal"),
        ('A', 'lovely thanks april can i take your postcode'),
        ('C', "it's ls6 2qt"),
    ], 'met'),
    ('customer_name', 'phone', [
        ('A', 'hello redfern council tax team how can i help'),
        ('C', "hi it's june the fifteenth today and i still haven't had the refund you promised"),
        ('A', "sorry about that let me check right the refund was approved in may and it'll be paid by the end of june"),
        ('C', 'okay'),
        ('A', 'thanks for calling goodbye'),
    ], 'not_applicable'),
    ('customer_name', 'phone', [
        ('A', 'morning trade counter this is bex'),
        ('C', "hiya it's hollins and sons plumbing account twenty two thirty one we need forty metres of copper pipe"),
        ('A', "no problem hollins and sons that'll be ready for collection at two"),
        ('C', 'cheers'),
        ('A', 'thanks bye'),
    ], 'not_applicable'),
    ('agent_introduction', 'phone', [
        ('A', 'Good morning, Ngozi at Brightwater Dental, how can I help?'),
        ('C', 'Hi, I need to move my check-up.'),
        ('A', "Of course, what's your date of birth?"),
    ], 'met'),
    ('agent_introduction', 'chat', [
        ('A', 'Hi there, Zoé at Lumière Opticians here. What can I help with?'),
        ('C', 'Are my new glasses ready yet?'),
        ('A', 'Let me check that for you.'),
    ], 'met'),
    ('agent_introduction', 'chat', [
        ('C', "Hi, I'm Aisha, I need to order a new debit card."),
        ('A', "Hi! Ha, same as me, I'm also Aisha. Is the card lost or damaged?"),
        ('C', "Damaged, the chip's worn."),
        ('A', "No problem, I'll send one out today."),
    ], 'met'),
    ('agent_introduction', 'phone', [
        ('A', 'thanks for calling meridian insurance how can i help'),
        ('C', 'i need to make a claim for a burst pipe'),
        ('A', "okay i'll get you through to marcus from our home claims team he'll take the details"),
        ('C', 'thanks'),
        ('A', 'putting you through now'),
    ], 'missed'),
    ('agent_introduction', 'email', [
        ('C', 'Hi, can I change the delivery day for my veg box to Thursday? Sunita'),
        ('A', 'Hi Sunita, all done, your box will now arrive on Thursdays. Happy cooking! — FreshCrate'),
        ('C', 'Thanks!'),
    ], 'missed'),
    ('further_assistance', 'phone', [
        ('A', "hiya you're through to yorkshire gas this is bev"),
        ('C', 'hi i want to give a meter reading four five two one oh'),
        ('A', "lovely that's logged for you"),
        ('C', 'ta'),
        ('A', 'can i do owt more for you today'),
        ('C', "no that's it ta"),
        ('A', 'ta-ra then'),
    ], 'met'),
    ('further_assistance', 'email', [
        ('C', 'Dear Team, my refund for cancelled ticket PNR 4521887 is not credited. Regards, Suresh Iyer'),
        ('A', 'Dear Mr Iyer, Greetings from RailYatra. The refund of Rs 1,240 has been processed and will reflect in 5-7 working days. Kindly revert to us in case any further assistance is required. Regards, Pooja'),
    ], 'met'),
    ('further_assistance', 'chat', [
        ('A', "Hi, you're chatting with Leon at Clearview TV."),
        ('C', 'My remote stopped working, so I took the batteries out and put them back and now it works??'),
        ('A', "Yep, that's it! Sometimes they just need a reset."),
        ('C', 'Haha ok'),
        ('A', 'Cheers, bye!'),
    ], 'missed'),
    ('hold_etiquette', 'phone', [
        ('A', 'good afternoon pennine rail refunds this is callum'),
        ('C', "hi i'm chasing a refund for a cancelled train last tuesday"),
        ('A', 'hang fire two ticks whilst i pull that journey up on the system'),
        ('A', 'thanks for hanging on i can see it the refund went out yesterday'),
        ('C', 'oh great'),
    ], 'met'),
    ('hold_etiquette', 'chat', [
        ('A', 'Hi, Ewan from Bluecrest Bank here.'),
        ('C', 'The refund from the hotel went to my old card that I cancelled.'),
        ('A', "Hang on a sec, so they refunded a card you'd already closed? Right, in that case it bounces back to them automatically within 10 days."),
        ('C', 'Oh ok.'),
        ('A', 'Anything else I can help with?'),
    ], 'not_applicable'),
    ('greeting', 'chat', [
        ('A', "Yo 👋 Riftborne support here, what's up?"),
        ('C', "my battle pass didn't unlock"),
        ('A', 'checking now'),
    ], 'met'),
    ('greeting', 'chat', [
        ('A', 'YoYo Games support.'),
        ('A', 'Order number?'),
        ('C', 'YG-20931'),
        ('A', 'Refund issued.'),
    ], 'missed'),
]


@pytest.mark.parametrize(ROUND_ARGS, round_cases(CASES, review=_REVIEW))
def test_round38_mechanisms(standard, channel, turns, status, metadata):
    assert_verdict(standard, channel, turns, status, **metadata)
