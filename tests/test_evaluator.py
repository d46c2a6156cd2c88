from __future__ import annotations

import copy
import gc
import logging
import threading
import time

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


class _Overlaps:
    """An annotator that notes how many threads are inside `annotate` at once, and waits there
    (releasing the GIL) so that unserialised calls would overlap."""

    def __init__(self, annotator):
        self._annotator = annotator
        self.inside = self.most = 0
        self._count = threading.Lock()

    def annotate(self, *args, **kwargs):
        with self._count:
            self.inside += 1
            self.most = max(self.most, self.inside)
        try:
            time.sleep(0.02)
            return self._annotator.annotate(*args, **kwargs)
        finally:
            with self._count:
                self.inside -= 1

    def __getattr__(self, name):
        return getattr(self._annotator, name)


def test_threads_sharing_an_evaluator_take_turns(evaluator):
    """spaCy's vocabulary and memory zones are not thread-safe: two threads annotating in one
    Evaluator lost each other's strings (E018) or raced on the turn cache. Calls now take
    turns, and every thread gets the report a lone call gives."""
    ev = copy.copy(evaluator)
    ev.annotator = overlaps = _Overlaps(evaluator.annotator)
    calls = [f"Agent: Hi, I'm Sam. How can I help?\nCustomer: My card {n} is blocked.\n"
             f"Agent: Sorry about that, it's fixed. Anything else?\nCustomer: No, bye {n}."
             for n in range(12)]
    got: dict[int, object] = {}

    def work(k: int) -> None:
        for n in range(k, len(calls), 4):
            got[n] = (ev.evaluate(calls[n]) if k % 2 else ev.evaluate_batch([calls[n]])[0])

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert overlaps.most == 1
    alone = [evaluator.evaluate(c) for c in calls]
    assert all(got[n].error is None for n in range(len(calls)))
    assert [got[n].results for n in range(len(calls))] == [r.results for r in alone]


def test_an_evaluator_pickles_and_deep_copies_with_a_lock_of_its_own(evaluator):
    """The lock does not pickle: a copy (another process's, joblib's, deepcopy's) makes its
    own and judges as the original does."""
    import pickle

    for twin in (pickle.loads(pickle.dumps(evaluator)), copy.deepcopy(evaluator)):
        assert twin._lock is not evaluator._lock
        assert twin.evaluate(CALL).results == evaluator.evaluate(CALL).results
