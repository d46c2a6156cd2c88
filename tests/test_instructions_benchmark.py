"""benchmarks/instructions.py without valgrind: its counted child run and its refusals. The
count itself (a minute or two under valgrind) is run on purpose, not in the suite."""

from __future__ import annotations

import json

import pytest

from tests.conftest import load_benchmark


@pytest.fixture(scope="module")
def instructions():
    return load_benchmark("instructions")


def _corpus(path, n):
    lines = []
    for k in range(n):
        lines.append(json.dumps({"id": f"c{k}", "turns": [
            {"speaker": "agent", "text": f"Hello, this is Sam, how can I help? ({k})"},
            {"speaker": "customer", "text": "My card was declined twice today."},
            {"speaker": "agent", "text": "Sorry about that, it's fixed now. Anything else?"}]}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_child_counts_the_turns_of_the_transcripts_it_evaluates(instructions, tmp_path,
                                                                    capsys):
    corpus = _corpus(tmp_path / "c.jsonl", instructions.WARM + 7)
    instructions._child(corpus, 2, 5, None, True)
    assert capsys.readouterr().out.strip() == "turns=15"
    instructions._child(corpus, 2, 0, None, False)
    assert capsys.readouterr().out.strip() == "turns=0"


def test_a_corpus_too_small_is_refused_by_name(instructions, tmp_path):
    corpus = _corpus(tmp_path / "small.jsonl", 3)
    with pytest.raises(SystemExit, match="small.jsonl: 3 transcripts"):
        instructions._child(corpus, 0, 5, None, True)


def test_without_valgrind_it_says_so(instructions, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(instructions.shutil, "which", lambda name: None)
    assert instructions.main(["--corpus", str(tmp_path / "c.jsonl")]) == 2
    assert "valgrind is not on the PATH" in capsys.readouterr().err


def test_stubbed_checks_answer_their_first_result(instructions, tmp_path, capsys, monkeypatch):
    """`--split-checks`'s stub: each detector kind answers its first result again, whatever the
    transcript, so the run costs everything but the checks' own logic."""
    import csnlp
    from csnlp.detectors.base import Detector

    saved = {cls: cls.__dict__["check"] for cls in _kinds(Detector) if "check" in cls.__dict__}
    for cls, check in saved.items():
        monkeypatch.setattr(cls, "check", check)  # restored after the test
    corpus = _corpus(tmp_path / "c.jsonl", instructions.WARM + 3)
    instructions._child(corpus, 0, 3, None, False, warm=0, stub_checks=True)
    assert capsys.readouterr().out.strip() == "turns=9"
    ev = csnlp.Evaluator("contact_center", tone_model=None, act_model=None)
    first = ev.evaluate("Agent: Hello, I'm Sam, how can I help?\nCustomer: Hi.")
    other = ev.evaluate("Customer: My card was declined.\nAgent: Card number.")
    assert first.results == other.results
    for cls, check in saved.items():
        assert cls.__dict__["check"] is not check


def _kinds(cls):
    return [k for sub in cls.__subclasses__() for k in (sub, *_kinds(sub))]
