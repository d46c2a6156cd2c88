"""Warnings on the command line are one line each, not Python's file-and-source form."""

from __future__ import annotations

import json

from csnlp.cli import main


def test_a_repeated_id_warns_in_one_line(tmp_path, capsys):
    src = tmp_path / "calls.jsonl"
    call = {"id": "same", "turns": [{"speaker": "agent", "text": "Hello!"}]}
    src.write_text(json.dumps(call) + "\n" + json.dumps(call) + "\n", encoding="utf-8")
    assert main(["evaluate", str(src), "--out", str(tmp_path / "r.jsonl"), "--no-progress"]) == 0
    err = capsys.readouterr().err.splitlines()
    warned = [line for line in err if "warning" in line]
    assert len(warned) == 1
    assert warned[0].startswith("csnlp: warning: transcript id 'same' is repeated")
    assert not any("for index, chunk" in line or ".py:" in line for line in err)
