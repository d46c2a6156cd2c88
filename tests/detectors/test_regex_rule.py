"""A rule's `regex`: what words lose (layout, capitals), matched on a turn's original text, and
the e-mail sign-off of the contact_center pack built on it."""

from __future__ import annotations

import pytest

import csnlp

ORDER = {
    "schema_version": 1, "name": "t", "version": "1",
    "standards": [{"id": "order_ref", "check": "require", "title": "Quote the order",
                   "speaker": "agent", "match": {"regex": [r"\bORD-\d{4}\b"]}}],
}


def _call(*turns: tuple[str, str], standards=ORDER) -> csnlp.Report:
    call = {"turns": [{"speaker": s, "text": t} for s, t in turns]}
    return csnlp.evaluate(call, standards, tone_model=None, act_model=None, redact=False)


def test_a_regex_rule_meets_with_the_matched_characters_as_evidence():
    result = _call(("agent", "Your order ORD-1234 ships today."))["order_ref"]
    assert result.status is csnlp.Status.MET
    assert result.evidence[0].text == "ORD-1234"
    assert result.evidence[0].label == "regex:order_ref.match"


def test_a_regex_rule_is_case_sensitive_and_reads_one_speaker():
    assert _call(("agent", "your order ord-1234 ships"))["order_ref"].status \
        is csnlp.Status.MISSED
    assert _call(("customer", "ORD-1234?"), ("agent", "yes"))["order_ref"].status \
        is csnlp.Status.MISSED


def test_unless_regex_still_vetoes_a_regex_match():
    vetoed = {**ORDER, "standards": [{**ORDER["standards"][0], "match": {
        "regex": [r"\bORD-\d{4}\b"], "unless_regex": ["cancel"]}}]}
    result = _call(("agent", "ORD-1234 is cancelled"), standards=vetoed)["order_ref"]
    assert result.status is csnlp.Status.MISSED


@pytest.mark.parametrize("reply, status", [
    ("Your refund is on its way.\n\nKind regards,\nMirela Popescu\nBrightside Energy", "met"),
    ("Your refund is on its way.\n\nTomasz", "met"),
    ("Your refund is on its way.\n\nKind regards,\nThe Billing Team", "missed"),
    ("Your refund is on its way.\n\nKind regards,\nRefund Services", "missed"),
    # a message flattened to one line keeps its sign-off at its end (wave 5: intended change)
    ("Your refund is on its way. Kind regards, Mirela", "met"),
    ("Your refund is on its way, Mirela.", "missed"),  # no closing word: the customer's name
])
def test_an_email_signed_with_the_agents_name_is_an_introduction(reply, status):
    report = _call(("customer", "Hello, where is my refund?"), ("agent", reply),
                   standards="contact_center")
    assert report["agent_introduction"].status.value == status


def test_a_customer_sharing_the_agents_signed_name_is_not_addressed_by_it():
    report = _call(("customer", "Hello,\n\nMy meter reading is attached.\n\nMirela Popescu"),
                   ("agent", "Thanks, the reading is in.\n\nKind regards,\nMirela"),
                   standards="contact_center")
    assert report["customer_name"].status is csnlp.Status.MISSED


def test_a_regex_whose_first_match_is_empty_finds_the_next():
    digits = {**ORDER, "standards": [{**ORDER["standards"][0], "match": {"regex": [r"\d*"]}}]}
    result = _call(("agent", "Your order ORD-1234 ships today."), standards=digits)["order_ref"]
    assert result.status is csnlp.Status.MET
    assert result.evidence[0].text == "1234"
