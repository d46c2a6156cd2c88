from __future__ import annotations

import gc

import pytest

from csnlp.gcpause import gc_paused


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
