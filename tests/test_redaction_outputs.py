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
