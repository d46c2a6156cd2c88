"""Personal data is redacted by default in reports and in every file csnlp writes, with the
verdicts unchanged and evidence offsets still pointing into the original turn."""

from __future__ import annotations

import json

import pytest

import csnlp
from csnlp.cli import main

CARD, EMAIL, PHONE, SSN, IBAN = ("4111 1111 1111 1111", "dana.reyes@example.com",
                                 "(415) 555-2671", "123-45-6789", "GB82 WEST 1234 5698 7654 32")
SECRETS = (CARD, EMAIL, PHONE, SSN, IBAN, "Reyes")
AGENT = "Okafor"  # redacted in what was said; kept in the agent_name metadata for coaching
CALL = {
    "id": "pii-1",
    "metadata": {"customer_name": "Dana Reyes", "agent_name": "Chidi Okafor", "team": "cards",
                 "contact": EMAIL},
    "turns": [
        {"speaker": "agent", "text": "Hello, this is Chidi Okafor, how can I help?"},
        {"speaker": "customer", "text": f"Hi, I'm Dana Reyes. My card {CARD} was charged twice "
                                        f"and nobody answers at {PHONE}!"},
        {"speaker": "agent", "text": "I'm so sorry about that, Dana. Can you confirm your "
                                     "e-mail and social security number?"},
        {"speaker": "customer", "text": f"It's {EMAIL}, SSN {SSN}, refund to {IBAN} please."},
        {"speaker": "agent", "text": "Done, Ms Reyes. Does that sort it out for you? Anything "
                                     "else I can help with? Thanks for calling, goodbye!"},
    ],
}


def _leaks(text: str) -> list[str]:
    return [s for s in SECRETS if s.lower() in text.lower()]


def test_a_report_holds_no_personal_data_and_the_same_verdicts():
    red = csnlp.evaluate(CALL)
    raw = csnlp.evaluate(CALL, redact=False)
    assert _leaks(json.dumps(red.to_dict())) == []
    said = json.dumps([r.to_dict() for r in red.results])
    assert AGENT not in said and "[NAME]" in said
    assert _leaks(json.dumps(raw.to_dict()))  # the raw report does hold them
    assert {k: r.status for k, r in red.items()} == {k: r.status for k, r in raw.items()}
    assert red.provenance["redacted"] is True and raw.provenance["redacted"] is False
    for res in red.results:
        for e in res.evidence:
            original = CALL["turns"][e.turn_index]["text"]
            assert e.end_char <= len(original)
            raw_ev = raw[res.standard_id].evidence
            assert (e.turn_index, e.start_char, e.end_char) in {
                (x.turn_index, x.start_char, x.end_char) for x in raw_ev}
    assert red.metadata["agent_name"] == "Chidi Okafor"  # coaching groups by agent
    assert red.metadata["customer_name"] == "[NAME]"


@pytest.mark.parametrize("suffix", [".jsonl", ".parquet", ".csv"])
def test_no_output_file_holds_personal_data(tmp_path, suffix):
    src = tmp_path / "calls.jsonl"
    src.write_text(json.dumps(CALL) + "\n", encoding="utf-8")
    out = tmp_path / f"results{suffix}"
    assert main(["evaluate", str(src), "--out", str(out), "--no-progress"]) == 0
    frame = csnlp.read_results(out)
    assert _leaks(frame.to_csv()) == []
    if suffix != ".parquet":
        assert _leaks(out.read_text(encoding="utf-8")) == []
    html = tmp_path / "report.html"
    assert main(["report", str(out), "--by", "team", "--out", str(html)]) == 0
    assert _leaks(html.read_text(encoding="utf-8")) == []


#: A JSON Lines archive whose 2nd and 3rd records are malformed: their error messages quote a
#: preview of the bad value, cut at a few dozen characters (here in the card number and in the
#: e-mail address), and the 4th line is not JSON.
BAD_LINES = [
    json.dumps(CALL),
    json.dumps({"id": "pii-2", "turns": [f"Customer mail {EMAIL}, card {CARD}, {PHONE}"]}),
    json.dumps({"id": "pii-3", "metadata": {"customer_name": "Dana Reyes", "contact": EMAIL},
                "turns": f"Customer: my card {CARD}, mail {EMAIL}, phone {PHONE}, SSN {SSN}"}),
    f'{{"id": "pii-4", "turns": "my card {CARD} and {EMAIL}, call {PHONE}"',
]
#: What a cut preview leaves of the card and the e-mail.
FRAGMENTS = (CARD[:9], EMAIL.split("@")[0] + "@")


@pytest.mark.parametrize("suffix", [".jsonl", ".parquet", ".csv"])
def test_error_rows_hold_no_personal_data(tmp_path, suffix):
    src = tmp_path / "calls.jsonl"
    src.write_text("\n".join(BAD_LINES) + "\n", encoding="utf-8")
    out = tmp_path / f"results{suffix}"
    assert main(["evaluate", str(src), "--out", str(out), "--no-progress"]) == 0
    frame = csnlp.read_results(out)
    errors = frame[frame["status"] == "error"].drop_duplicates("transcript_id")
    assert len(errors) == 3 and errors["error"].str.contains(r"\[CREDIT_CARD\]|\[PII\]").sum() == 2
    for text in (frame.to_csv(), out.read_bytes().decode("utf-8", "replace")):
        assert _leaks(text) == [] and [f for f in FRAGMENTS if f in text] == []


def test_failed_reports_are_redacted_unless_asked_for_raw_text():
    from csnlp.evaluator import Evaluator

    bad = json.loads(BAD_LINES[2])
    red = list(csnlp.evaluate_many([bad]))[0]
    assert red.error is not None and _leaks(json.dumps(red.to_dict())) == []
    assert red.metadata["customer_name"] == "[NAME]"
    direct = Evaluator(redact=True).evaluate_batch([bad])[0]
    assert _leaks(json.dumps(direct.to_dict())) == []
    raw = list(csnlp.evaluate_many([bad], evaluator=Evaluator(redact=False)))[0]
    assert CARD in raw.error and raw.metadata["customer_name"] == "Dana Reyes"  # the opt-out


def test_a_failed_reports_source_keeps_its_place_and_loses_the_personal_data():
    from csnlp.redact import redact_failed
    from csnlp.results import Report

    where = {"file": "calls/4155552671.jsonl", "line": 3, "input_index": 2}
    failed = Report.failed("c1", f"TranscriptError: turn 2: {EMAIL}",
                           source={**where, "traceback": f"ValueError: card {CARD}"})
    red = redact_failed(failed)
    assert red.error == "TranscriptError: turn 2: [EMAIL]"
    assert red.source == {**where, "traceback": "ValueError: card [CREDIT_CARD]"}
    ok = Report("c2", ())
    assert redact_failed(ok) is ok
