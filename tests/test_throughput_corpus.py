"""benchmarks/throughput.py's corpora: the repeated one and `--fresh`, each conversation once.
The timed runs are run on purpose, not in the suite."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import load_benchmark


@pytest.fixture(scope="module")
def throughput():
    return load_benchmark("throughput")


def _conversations(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_the_fresh_corpus_holds_each_conversation_once(throughput, shared_data, tmp_path):
    n_conv, n_turns = throughput.build_fresh_corpus(tmp_path / "fresh.jsonl")
    convs = _conversations(tmp_path / "fresh.jsonl")
    assert len(convs) == n_conv > 2000 and sum(len(c["turns"]) for c in convs) == n_turns
    assert len({c["id"] for c in convs}) == n_conv
    # no conversation is another's copy: the repeated corpus's rounds are what this avoids
    bodies = [tuple(t["text"] for t in c["turns"]) for c in convs]
    assert len(set(bodies)) > 0.99 * n_conv
    assert {c["id"].split("-")[0] for c in convs} == {"multiwoz", "real"}
    assert all(t["speaker"] in ("agent", "customer") for c in convs for t in c["turns"])


def test_the_repeated_corpus_repeats_its_conversations(throughput, shared_data, tmp_path):
    n_conv, _ = throughput.build_corpus(tmp_path / "rep.jsonl", 30_000)
    # its rounds differ only in numbers and an added order number and e-mail
    bodies = [tuple(re.sub(r" My order is .*|\d", "", t["text"]) for t in c["turns"])
              for c in _conversations(tmp_path / "rep.jsonl")]
    assert len(set(bodies)) < 0.75 * n_conv  # the reason --fresh exists
