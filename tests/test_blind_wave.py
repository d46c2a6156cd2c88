"""benchmarks/paraphrases.py keeps the blind wave's disagreements hidden, as the held-out
set's: a run to measure must not show its errors to whoever tunes (benchmarks/blind/)."""

from __future__ import annotations

import yaml

from tests.conftest import load_benchmark

CASE = {"name": "blind_case_greeting_expected_missed",
        "transcript": {"turns": [{"speaker": "agent", "text": "Hello! How can I help?"},
                                 {"speaker": "customer", "text": "Just checking my balance."}]},
        "expect": {"greeting": "missed"}}  # csnlp says met: a disagreement


def _write(folder):
    folder.mkdir()
    (folder / "wave.yaml").write_text(yaml.safe_dump(
        {"category": "wave", "description": "one case", "cases": [CASE]}), encoding="utf-8")
    return folder


def test_the_blind_wave_hides_its_disagreements(tmp_path, monkeypatch, capsys):
    bench = load_benchmark("paraphrases")
    blind = _write(tmp_path / "blind")
    monkeypatch.setattr(bench, "BLIND_DIR", blind.resolve())
    bench.main(["--dir", str(blind)])
    out = capsys.readouterr().out
    assert "## Disagreements (1)" in out and CASE["name"] not in out
    bench.main(["--dir", str(blind), "--show-disagreements"])
    assert CASE["name"] in capsys.readouterr().out


def test_the_next_wave_under_the_blind_folder_hides_them_too(tmp_path, monkeypatch, capsys):
    """The next wave, written ahead and kept in a subfolder of the blind one, is as unread."""
    bench = load_benchmark("paraphrases")
    blind = tmp_path / "blind"
    blind.mkdir()
    nxt = _write(blind / "next")
    monkeypatch.setattr(bench, "BLIND_DIR", blind.resolve())
    bench.main(["--dir", str(nxt)])
    out = capsys.readouterr().out
    assert "## Disagreements (1)" in out and CASE["name"] not in out


def test_a_dev_folder_shows_them(tmp_path, capsys):
    bench = load_benchmark("paraphrases")
    dev = _write(tmp_path / "dev")
    bench.main(["--dir", str(dev)])
    assert CASE["name"] in capsys.readouterr().out
