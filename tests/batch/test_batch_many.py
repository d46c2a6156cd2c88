"""`evaluate_many`: exactly one Report per input, in input order, whatever the input."""

from __future__ import annotations

import dataclasses
import itertools

import pytest

import csnlp
from csnlp.batch import evaluate_many
from csnlp.errors import InputError, TranscriptError
from csnlp.io.read import iter_records
from csnlp.results import Report
from csnlp.transcript import coerce_transcript


def mixed_inputs(conversation):
    good = conversation(1)
    return [
        coerce_transcript(conversation(0)),          # a Transcript
        good,                                        # a dict
        "Agent: Hello, thanks for calling!\nCustomer: Hi, my card is blocked.",
        [{"speaker": "rep", "text": "Hi there"}, {"speaker": "caller", "text": "Hello"}],
        {"id": "bad", "turns": [{"speaker": "agent", "text": 42}], "metadata": {"team": "x"}},
        {"id": "empty", "turns": []},
        42,
        conversation(2),
    ]


def test_one_report_per_input_in_order(conversation):
    inputs = mixed_inputs(conversation)
    reports = list(evaluate_many(iter(inputs), batch_size=3))
    assert len(reports) == len(inputs)
    # an input without an id is named by its position, never "" or one shared name
    assert [r.transcript_id for r in reports] == [
        "c0000", "c0001", "input-2", "input-3", "bad", "empty", "input-6", "c0002"]
    assert [r.error is None for r in reports] == [True] * 4 + [False] * 3 + [True]
    assert [r.source["input_index"] for r in reports] == list(range(len(inputs)))
    for i in (4, 5, 6):
        assert reports[i].error.startswith(f"input[{i}]")
    assert reports[4].metadata == {"team": "x"}
    assert "turns[0].text: must be a string, got 42" in reports[4].error


def test_same_reports_as_evaluate(conversation):
    inputs = [conversation(i) for i in range(7)]
    many = [dataclasses.replace(r, source=None) for r in evaluate_many(inputs, batch_size=4)]
    assert many == [csnlp.evaluate(t) for t in inputs]


def test_records_keep_their_source(archive):
    records = list(iter_records(archive.path))
    reports = list(evaluate_many(records, batch_size=8))
    assert len(reports) == len(records)
    for i, (rec, rep) in enumerate(zip(records, reports, strict=True)):
        assert rep.source == {**rec.source, "input_index": i}
        assert (rep.error is None) == (rec.error is None)


def test_n_jobs_2_equals_n_jobs_1(conversation):
    inputs = [conversation(i) for i in range(30)] + ["Customer: hello?", {"turns": 1}]
    one = list(evaluate_many(inputs, batch_size=4))
    two = list(evaluate_many(inputs, n_jobs=2, batch_size=4))
    assert one == two


@pytest.mark.parametrize("n_jobs", [1, 2], ids=["1-process", "2-processes"])
def test_on_error_raise_raises_the_first_error(conversation, n_jobs):
    inputs = [conversation(0), {"id": "bad", "turns": [{"speaker": "agent", "text": 7}]},
              {"turns": []}]
    with pytest.raises(TranscriptError, match="got 7"):
        list(evaluate_many(inputs, on_error="raise", n_jobs=n_jobs))


def test_on_error_raise_with_a_broken_record(archive):
    with pytest.raises(csnlp.CsnlpError, match="line"):
        list(evaluate_many(iter_records(archive.path), on_error="raise"))


class _Flaky:
    """An evaluator whose batch call fails whenever a transcript says 'boom'."""

    def __init__(self):
        self.real = csnlp.get_evaluator()
        self.provenance = self.real.provenance

    def evaluate_batch(self, transcripts, *, on_error="record"):
        if any("boom" in t.turns[0].text for t in transcripts):
            raise RuntimeError("batch failed")
        return self.real.evaluate_batch(transcripts, on_error=on_error)

    def evaluate(self, transcript):
        if "boom" in transcript.turns[0].text:
            raise RuntimeError("boom inside")
        return self.real.evaluate(transcript)


def test_a_failing_batch_costs_only_the_bad_transcript(conversation):
    inputs = [conversation(0), "Agent: boom", conversation(1)]
    reports = list(evaluate_many(inputs, evaluator=_Flaky()))
    assert [r.error for r in reports] == [None, "RuntimeError: boom inside", None]
    assert reports[1].source["input_index"] == 1
    assert dataclasses.replace(reports[0], source=None) == csnlp.evaluate(conversation(0))


@pytest.mark.parametrize("kwargs, message", [
    ({"on_error": "ignore"}, "on_error"),
    ({"batch_size": 0}, "batch_size"),
    ({"n_jobs": 0}, "n_jobs"),
    ({"evaluator": object(), "n_jobs": 2}, "evaluator"),
], ids=["on_error", "batch_size", "n_jobs", "evaluator-with-jobs"])
def test_bad_arguments_fail_at_the_call(kwargs, message):
    with pytest.raises(InputError, match=message):
        evaluate_many([], **kwargs)


def test_local_run_without_evaluator_or_spec_says_so(conversation):
    # neither a built evaluator nor a spec to build one: a clear error, not an AttributeError
    from csnlp.batch.many import _evaluate_local

    with pytest.raises(TypeError, match="evaluator or the spec"):
        list(_evaluate_local(None, [conversation(0)], "record", 5))


def test_streams_lazily(conversation):
    endless = (conversation(i) for i in itertools.count())
    first = list(itertools.islice(evaluate_many(endless, batch_size=5), 12))
    assert [r.transcript_id for r in first] == [f"c{i:04d}" for i in range(12)]
    assert all(isinstance(r, Report) for r in first)


def test_lazy_name_on_the_package():
    assert csnlp.evaluate_many is evaluate_many


def test_inputs_are_parsed_with_the_collector_paused_and_it_comes_back(conversation, monkeypatch):
    """Parsing a chunk's inputs allocates as much as evaluating them: the pause covers both."""
    import gc

    import csnlp.batch.workers as workers

    seen = []
    prepare = workers._prepare

    def spy(*args, **kwargs):
        seen.append(gc.isenabled())
        return prepare(*args, **kwargs)

    monkeypatch.setattr(workers, "_prepare", spy)
    assert gc.isenabled()
    reports = list(evaluate_many([conversation(0), {"turns": "oops"}]))
    assert [r.error is None for r in reports] == [True, False]
    assert seen == [False, False]
    assert gc.isenabled()
