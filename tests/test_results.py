from __future__ import annotations

import json
from pathlib import Path

import pytest

import csnlp
from csnlp.results import Evidence, Report, StandardResult, Status, weighted_score

SCHEMA = Path(csnlp.__file__).parent / "schemas" / "report.schema.json"
CALL = """Agent: Hi, thanks for calling Acme, my name is Sarah. How can I help?
Customer: This is ridiculous, my internet has been down for three days.
Agent: I'm so sorry to hear that. Can I put you on hold while I check your line?
Customer: Fine.
Agent: Thanks for holding. I've reset your line. Is it working now?
Customer: Yes, thanks.
Agent: Is there anything else I can help you with?
Customer: No.
Agent: Thanks for calling, have a great day!"""


@pytest.fixture(scope="module")
def report(evaluator):
    turns = [t.to_dict() for t in csnlp.transcript.parse_text(CALL)]
    return evaluator.evaluate({"id": "c1", "turns": turns,
                               "metadata": {"agent_id": "a1", "team": "billing"}})


def test_results_follow_the_standard_set_order(report, evaluator):
    assert tuple(r.standard_id for r in report.results) == evaluator.standard_set.ids
    assert report["greeting"].status is Status.MET
    with pytest.raises(KeyError):
        report["no_such_standard"]


def test_evidence_offsets_point_into_the_turn_text(report):
    transcript = csnlp.transcript.coerce_transcript(CALL)
    n = 0
    for result in report.results:
        for ev in result.evidence:
            assert transcript.turns[ev.turn_index].text[ev.start_char:ev.end_char] == ev.text
            assert ev.speaker == transcript.turns[ev.turn_index].speaker
            n += 1
    assert n >= 8


def test_round_trip_dict_and_json(report):
    again = Report.from_dict(json.loads(json.dumps(report.to_dict())))
    assert again == report
    assert Report.from_json(report.to_json()) == report


def test_every_report_validates_against_the_published_schema(report):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text())
    jsonschema.validate(report.to_dict(), schema)
    failed = Report.failed("x", "boom", source={"file": "a.jsonl", "line": 3})
    jsonschema.validate(failed.to_dict(), schema)
    broken = report.to_dict()
    broken["results"][0]["status"] = "maybe"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_frame_has_documented_columns_and_metadata(report):
    df = report.to_frame()
    assert list(df.columns[:4]) == ["transcript_id", "standard_id", "status", "score"]
    assert len(df) == len(report.results)
    assert set(df["agent_id"]) == {"a1"} and set(df["team"]) == {"billing"}
    failed = csnlp.reports_to_frame([report, Report.failed("bad", "no turns")])
    assert failed.iloc[-1]["status"] == "error" and failed.iloc[-1]["error"] == "no turns"


def _r(sid, status, score=None, weight=1.0):
    return StandardResult(sid, Status(status), score, weight=weight)


def test_weighted_score_counts_applicable_standards_only():
    results = (_r("a", "met", 1.0, 2.0), _r("b", "missed", 0.0), _r("c", "not_applicable"),
               _r("d", "missed", 0.5))
    assert weighted_score(results) == pytest.approx((2 + 0 + 0.5) / 4)
    assert weighted_score((_r("c", "not_applicable"),)) is None


def test_evidence_round_trip():
    ev = Evidence(1, "agent", 0, 2, "Hi", "phrase:greetings", score=0.5, context="Hi there")
    assert Evidence.from_dict(ev.to_dict()) == ev
