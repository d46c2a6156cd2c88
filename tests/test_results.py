from __future__ import annotations

import dataclasses
import json
import pickle
from collections.abc import Mapping
from pathlib import Path

import pytest

import csnlp
from csnlp.errors import InputError
from csnlp.results import (
    Evidence,
    EvidenceRole,
    Report,
    SearchedWindow,
    StandardResult,
    Status,
    evidence_of,
    weighted_score,
)

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


TYPED = [
    Evidence(1, "agent", 0, 2, "Hi", role=EvidenceRole.MATCH, label="phrase:greetings",
             context="Hi there"),
    Evidence(4, "agent", 0, 5, "Hello", role="searched", context="Hello",
             window=SearchedWindow("the agent's first 2 turns", (2, 4))),
    Evidence(3, "customer", 4, 10, "fed up", role=EvidenceRole.TRIGGER,
             label="phrase:frustration", context="I'm fed up"),
    Evidence(2, "agent", 0, 4, "Sure", role=EvidenceRole.TONE, label="polite", score=0.91),
    Evidence(5, "agent", 0, 3, "Ok.", role=EvidenceRole.TIMING, label="reply", seconds=42.5),
    Evidence(5, "agent", 0, 3, "Ok.", role=EvidenceRole.HOLD, label="silence", seconds=40.0),
]


@pytest.mark.parametrize("ev", TYPED, ids=[e.role.value for e in TYPED])
def test_typed_evidence_round_trips_and_is_frozen_and_hashable(ev):
    d = json.loads(json.dumps(ev.to_dict()))
    assert {"role", "label", "window", "seconds", "rule"} <= set(d)
    again = Evidence.from_dict(d)
    assert again == ev and hash(again) == hash(ev) and type(again.role) is EvidenceRole
    assert pickle.loads(pickle.dumps(ev)) == ev
    assert {ev, again} == {ev}
    with pytest.raises(dataclasses.FrozenInstanceError):
        ev.role = EvidenceRole.MATCH


@pytest.mark.parametrize(("rule", "role", "label", "window", "seconds"), [
    ("phrase:greetings", "match", "phrase:greetings", None, None),
    ("name", "match", "name", None, None),
    ("looked:the agent's last 3 turns", "searched", "", "the agent's last 3 turns", None),
    ("trigger:phrase:frustration", "trigger", "phrase:frustration", None, None),
    ("tone:polite", "tone", "polite", None, None),
    ("classifier:further_help", "classifier", "further_help", None, None),
    ("stated:pattern:name_stated", "stated_name", "pattern:name_stated", None, None),
    ("timing:12.0s", "timing", "reply", None, 12.0),
    ("timing:silence 40s", "hold", "silence", None, 40.0),
], ids=lambda v: v if isinstance(v, str) else None)
def test_an_old_rule_only_dict_gets_role_and_label(rule, role, label, window, seconds):
    old = {"turn_index": 0, "speaker": "agent", "start_char": 0, "end_char": 2, "text": "Hi",
           "rule": rule, "score": None, "context": "Hi"}
    ev = Evidence.from_dict(old)
    assert (ev.role, ev.label, ev.seconds) == (role, label, seconds)
    assert (ev.window.description if ev.window else None) == window
    assert ev.rule == rule  # what the old file said stays as it was
    assert Evidence.from_dict(ev.to_dict()) == ev


def test_rule_is_derived_from_the_typed_fields():
    assert [e.rule for e in TYPED] == [
        "phrase:greetings", "looked:the agent's first 2 turns", "trigger:phrase:frustration",
        "tone:polite", "timing:42.5s", "timing:silence 40s"]


@pytest.mark.parametrize("ev", TYPED, ids=[e.role.value for e in TYPED])
def test_an_older_reader_of_the_rule_string_gets_the_same_fields(ev):
    """What csnlp writes in `rule` keeps the old forms, so a rule alone reads back the same."""
    old = {k: v for k, v in ev.to_dict().items() if k not in ("role", "label", "window",
                                                               "seconds")}
    again = Evidence.from_dict(old)
    assert (again.role, again.label, again.seconds) == (ev.role, ev.label, ev.seconds)
    assert again.window == (SearchedWindow(ev.window.description) if ev.window else None)


def test_an_unknown_role_is_refused_by_name():
    with pytest.raises(InputError, match="unknown role 'guess'"):
        Evidence(0, "agent", 0, 2, "Hi", role="guess", label="x")
    with pytest.raises(ValueError, match="unknown role"):
        Evidence.from_dict({**TYPED[0].to_dict(), "role": "guess"})


def test_the_schema_lists_the_evidence_roles_and_validates_old_and_new_evidence(report):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text())
    assert schema["$defs"]["EvidenceRole"]["enum"] == [r.value for r in EvidenceRole]
    d = report.to_dict()
    d["results"][0]["evidence"] = [e.to_dict() for e in TYPED]
    jsonschema.validate(d, schema)
    old = {k: v for k, v in TYPED[1].to_dict().items()
           if k not in ("role", "label", "window", "seconds")}
    d["results"][0]["evidence"] = [old]
    jsonschema.validate(d, schema)
    d["results"][0]["evidence"] = [{**TYPED[0].to_dict(), "role": "guess"}]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(d, schema)


def test_a_report_is_a_read_only_mapping_of_standard_ids(report, evaluator):
    ids = evaluator.standard_set.ids
    assert isinstance(report, Mapping)
    assert "greeting" in report and "no_such_standard" not in report
    assert list(report) == list(report.keys()) == list(ids)
    assert len(report) == len(ids)
    assert list(report.values()) == list(report.results)
    assert dict(report.items())["closing"] is report["closing"]
    assert report.get("no_such_standard") is None
    with pytest.raises(TypeError):
        report["greeting"] = report["closing"]


def test_a_report_is_immutable_all_the_way_down(report):
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.score = 1.0
    with pytest.raises(dataclasses.FrozenInstanceError):
        report["greeting"].status = Status.MISSED
    with pytest.raises(TypeError):
        report.metadata["team"] = "sales"
    with pytest.raises(TypeError):
        report.metrics["turns_by_speaker"]["agent"] = 0
    with pytest.raises(TypeError):
        report.provenance.update(standards="mine")
    assert {k: report.metadata[k] for k in ("agent_id", "team")} == {"agent_id": "a1",
                                                                     "team": "billing"}


def test_reports_share_no_mutable_state(evaluator):
    one, two = evaluator.evaluate("Agent: Hello!"), evaluator.evaluate("Agent: Bye.")
    with pytest.raises(TypeError):
        one.provenance["standards"] = "changed"
    assert two.provenance["standards"] == "contact_center"
    meta = {"team": "billing", "tags": ["vip"]}
    made = Report("t", metadata=meta)
    meta["team"], meta["tags"][0] = "sales", "churn"
    assert made.metadata == {"team": "billing", "tags": ["vip"]}


def test_reports_are_hashable_and_equal_by_value(report):
    again = Report.from_dict(report.to_dict())
    assert again == report and hash(again) == hash(report)
    assert len({report, again}) == 1
    assert hash(report["greeting"]) == hash(again["greeting"])


def test_a_report_pickles_for_batch_workers(report):
    again = pickle.loads(pickle.dumps(report))
    assert again == report and hash(again) == hash(report)
    with pytest.raises(TypeError):
        again.metadata["team"] = "sales"
    assert dict(again.provenance) == dict(report.provenance)


def test_reprs_are_short_single_lines(report):
    text = repr(report)
    assert len(text) <= 120 and "\n" not in text
    assert text.startswith("<Report c1: ") and "met" in text and "score" in text
    failed = repr(Report.failed("x" * 300, "ValueError: " + "bad value " * 100))
    assert len(failed) <= 120 and "failed" in failed and "ValueError" in failed
    assert repr(report["greeting"]).startswith("StandardResult(greeting: met, score=1.0")
    long = Evidence(0, "agent", 0, 500, "word " * 100, "phrase:greetings")
    assert len(repr(long)) <= 100
    assert all(len(repr(r)) <= 120 for r in report.results)


def test_the_notebook_table_escapes_every_value(evaluator):
    payload = "<script>alert(1)</script>"
    rep = evaluator.evaluate({"id": f"id{payload}", "turns": [
        {"speaker": "agent", "text": f"{payload} Hello, my name is Sam."},
        {"speaker": "customer", "text": f"{payload} this is ridiculous"},
        {"speaker": "agent", "text": payload}]})
    page = rep._repr_html_()
    assert "<script" not in page and "&lt;script&gt;" in page
    assert page.startswith("<table") and page.count("<tr>") == len(rep) + 1
    failed = Report.failed("x", f"boom {payload}")._repr_html_()
    assert "<script" not in failed and "boom &lt;script&gt;" in failed


def test_an_error_result_round_trips_and_validates(report):
    broken = StandardResult("closing", Status.ERROR, None, explanation="The check failed.",
                            error="TypeError: boom")
    rep = dataclasses.replace(report, results=tuple(
        broken if r.standard_id == "closing" else r for r in report.results))
    again = Report.from_dict(json.loads(rep.to_json()))
    assert again == rep and again["closing"].error == "TypeError: boom"
    old = broken.to_dict()
    del old["error"]  # results written before the field existed
    assert StandardResult.from_dict(old).error is None
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(rep.to_dict(), json.loads(SCHEMA.read_text()))


@pytest.mark.parametrize("role", list(EvidenceRole))
@pytest.mark.parametrize("seconds", [None, 12.0])
def test_evidence_of_makes_what_the_constructor_makes(role, seconds):
    """The detectors' fast maker gives the very object `Evidence(...)` gives: equal, same
    hash, same derived `rule`, same dict."""
    window = SearchedWindow("the agent's last 2 turns", (3, 4)) \
        if role is EvidenceRole.SEARCHED else None
    made = evidence_of(4, "agent", 2, 7, "hello", 0.5, "  hello there", role, "phrase:x",
                       window, seconds)
    built = Evidence(turn_index=4, speaker="agent", start_char=2, end_char=7, text="hello",
                     score=0.5, context="  hello there", role=role, label="phrase:x",
                     window=window, seconds=seconds)
    assert made == built and hash(made) == hash(built)
    assert made.rule == built.rule and made.to_dict() == built.to_dict()
    with pytest.raises(AttributeError):
        made.text = "changed"  # type: ignore[misc]
