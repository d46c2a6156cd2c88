from __future__ import annotations

import copy
import gc
import logging

import pytest

from csnlp.gcpause import gc_paused
from csnlp.results import Status, weighted_score


@pytest.mark.parametrize("enabled", [True, False], ids=["gc-on", "gc-off"])
def test_a_batch_pauses_the_garbage_collector_and_restores_it(enabled):
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        with gc_paused():
            assert not gc.isenabled()
        assert gc.isenabled() is enabled
        with pytest.raises(RuntimeError), gc_paused():
            raise RuntimeError("a detector bug")
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_evaluate_batch_leaves_the_garbage_collector_on(evaluator):
    assert gc.isenabled()
    reports = evaluator.evaluate_batch(["Agent: Hello, I'm Sam.\nCustomer: Hi."])
    assert reports[0].error is None
    assert gc.isenabled()


class _BrokenCheck:
    """A detector with a bug: what a faulty plug-in check kind looks like to the Evaluator."""

    def check(self, ctx):
        raise TypeError("boom")


CALL = "Agent: Hi, I'm Sam. How can I help?\nCustomer: My card is blocked.\nAgent: Thanks, bye!"


@pytest.fixture
def broken(evaluator):
    """The default evaluator with the `closing` check replaced by one that raises."""
    ev = copy.copy(evaluator)
    ev.detectors = [_BrokenCheck() if s.id == "closing" else d
                    for s, d in zip(ev.standard_set.standards, evaluator.detectors, strict=True)]
    return ev


def _assert_only_closing_errored(report, good):
    assert report.error is None
    assert report["closing"].status is Status.ERROR
    assert report["closing"].error == "TypeError: boom"
    assert "TypeError: boom" in report["closing"].explanation
    others = [r for r in report.results if r.standard_id != "closing"]
    assert len(others) == 10
    assert others == [r for r in good.results if r.standard_id != "closing"]
    assert report.score == weighted_score(tuple(others))


def test_a_check_that_raises_errors_only_its_own_standard(broken, evaluator, caplog):
    caplog.set_level(logging.DEBUG, logger="csnlp")
    _assert_only_closing_errored(broken.evaluate(CALL), evaluator.evaluate(CALL))
    logged = [r for r in caplog.records if r.name.startswith("csnlp") and r.exc_info]
    assert logged and "closing" in logged[0].getMessage()
    assert isinstance(logged[0].exc_info[1], TypeError)


def test_a_check_that_raises_does_not_fail_the_batch(broken, evaluator):
    good = evaluator.evaluate(CALL)
    reports = broken.evaluate_batch([CALL, CALL], on_error="record")
    assert len(reports) == 2
    for report in reports:
        _assert_only_closing_errored(report, good)
