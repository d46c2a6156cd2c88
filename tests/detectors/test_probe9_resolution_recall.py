"""Probe 9, families D and F of resolution_check: real outcome checks the rules did not read
(try-and-report requests, invitations to try, access questions without "now", questions after
an instruction ending on "it" or before a sign-off) and contacts with nothing to check (praise,
news, a returned call). Sentences here are written for the tests."""

from __future__ import annotations

import pytest

import csnlp

from .conftest import judge

MET, MISSED, NA = csnlp.Status.MET, csnlp.Status.MISSED, csnlp.Status.NOT_APPLICABLE


def _after_fix(line: str) -> csnlp.StandardResult:
    report = judge([("customer", "the meter app keeps rejecting my reading"),
                    ("agent", line), ("customer", "yes thanks"), ("agent", "Bye for now.")])
    return report["resolution_check"]


@pytest.mark.parametrize("line, status", [
    # access asked after the fix, with no "now"
    ("I've reset the portal password. Are you able to sign in?", MET),
    ("ive cleared the lock so can you get into the app", MET),
    ("I've restored your licence. Are you able to open the editor again?", MET),
    # ... not a step on the way, nor a detail asked for
    ("Can you log in and open the settings page for me?", MISSED),
    ("Are you able to find your customer number?", MISSED),
    # try, then report: to "us" as well as "me", an open "what do you see", "how did it go"
    ("We've patched the uploader. Would you mind sending a reading and telling us whether\n"
     " the reading is accepted now?", MET),
    ("I've rebuilt the cache, refresh the page and tell me what you get", MET),
    ("Update done. How did it go?", MET),
    ("I've re-enabled it. Reload the page - what happens?", MET),
    ("i've reset it on our side so reopen the app and then check that it loads", MET),
    # ... not a fallback, a diagnostic observation, or another event
    ("We've patched the uploader. Let us know if it still fails.", MISSED),
    ("Open the app and tell me what you see on the home tab.", MISSED),
    ("How did it go with the engineer last week?", MISSED),
    ("What happens if I cancel the plan?", MISSED),
    # an invitation to try it
    ("The reading slot is open again. Fancy giving it a try while I'm here?", MET),
    ("should we test it now together", MET),
    ("I'll give it a go on my side first.", MISSED),
    # the symptom asked after, whatever ends the sentence before
    ("I've rolled the app back. Are you still seeing the warning?", MET),
    ("Please reinstall it. Is the rejection notice still there?", MET),
    ("reinstall it is the warning still popping up", MET),
    ("We've rebuilt it. Does the reading upload now? ^TS", MET),
    ("We've rebuilt it. Does the upload work for you now? 👍", MET),
    ("We've reset it. Has the red banner disappeared? Cheers, Tina", MET),
    # ... not a statement, a question with "not", nor an identity question
    ("Please reinstall it. The rejection notice is still there.", MISSED),
    ("We've reset it. Is it not working again?", MISSED),
    ("Thanks. Is that the meter you read now? ^TS", MISSED),
])
def test_outcome_checks_are_read(line, status):
    result = _after_fix(line)
    assert result.status is status, result.explanation


@pytest.mark.parametrize("opening, status", [
    # praise in other words
    ("Just wanted to let you know the new tracking page is superb!", NA),
    ("@Pebble really enjoyed the pop-up shop this weekend", NA),
    ("Cheers for the speedy fix on Monday, very impressed.", NA),
    ("Your checkout process is fantastic.", NA),
    # news that asks for nothing, and a returned call
    ("FYI we've paid the invoice by transfer today. No reply needed.", NA),
    ("hi someone rang me this morning so i'm calling back", NA),
    ("Hello, there was a missed call from you on my phone.", NA),
    # ... not praise undone, a problem after all, nor a call about something
    ("Just wanted to say the new menu is not great.", MISSED),
    ("Your app is fantastic but it won't load my receipts.", MISSED),
    ("Loved the hotel, but I was charged twice.", MISSED),
    ("you rang me about my overdue balance", MISSED),
])
def test_contacts_with_nothing_to_check(opening, status):
    report = judge([("customer", opening),
                    ("agent", "Thanks for that, noted on our side."),
                    ("customer", "ok"), ("agent", "Have a good day.")])
    result = report["resolution_check"]
    assert result.status is status, result.explanation
