from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from csnlp.cli import cli_words, main, parse_columns


def test_packs_lists_both(capsys):
    assert main(["packs"]) == 0
    out = capsys.readouterr().out
    assert "contact_center" in out and "sales" in out


def test_validate_pack_passes(capsys):
    assert main(["standards", "validate", "contact_center"]) == 0
    assert "0 failed" in capsys.readouterr().out


def test_bad_standards_file_is_a_clear_error(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 1\nname: x\nstandards:\n  - {id: a, check: require, title: A}\n")
    assert main(["standards", "validate", str(bad)]) == 2
    out = capsys.readouterr().out
    assert "bad.yaml: standards[0] (a).match: Field required" in out


def test_help_imports_neither_spacy_nor_sklearn():
    code = ("import sys, csnlp.cli\n"
            "try:\n    csnlp.cli.main(['--help'])\nexcept SystemExit:\n    pass\n"
            "print('spacy' in sys.modules, 'sklearn' in sys.modules, 'pandas' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "False False False"


COMMANDS = ["evaluate", "standards", "packs", "report", "agreement", "calibrate", "train-tone",
            "train-acts"]


def test_help_is_whole_and_lists_every_command(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert "Check customer-service transcripts against service standards." in out
    assert "usage: csnlp [-h] [--version] COMMAND ..." in out
    block = out[out.index("commands:"):].splitlines()[1:len(COMMANDS) + 1]
    # one line per command: its name, then its help
    assert [line.split()[0] for line in block] == COMMANDS
    assert all(len(line.split()) > 2 for line in block)


def test_bare_csnlp_prints_help_and_exits_2(capsys):
    assert main([]) == 2
    assert "usage: csnlp" in capsys.readouterr().err


@pytest.mark.parametrize("args, flag", [
    (["--format", "nope"], "--format: unknown format 'nope'"),
    (["--batch-size", "0"], "--batch-size: must be an integer >= 1"),
    (["--jobs", "-3"], "--jobs: must be >= 1"),
    (["--columns", "text"], "--columns: expected ROLE=COLUMN pairs"),
    (["--turn-cache", "-5"], "--turn-cache: expected a number of turns >= 0, got -5"),
], ids=["format", "batch-size", "jobs", "columns", "turn-cache"])
def test_errors_name_the_flag(tmp_path, capsys, args, flag):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "turns": [{"speaker": "agent", "text": "Hi"}]}\n')
    assert main(["evaluate", str(src), "--out", str(tmp_path / "o.jsonl"), *args]) == 2
    err = capsys.readouterr().err
    assert flag in err and "format=" not in err and "batch_size" not in err
    assert "Traceback" not in err


def test_turn_cache_reaches_the_workers_and_changes_no_result(tmp_path):
    import orjson

    from csnlp.api import _CACHE

    src = tmp_path / "in.jsonl"
    turn = {"speaker": "agent", "text": "Thank you for calling, is there anything else?"}
    src.write_text("".join(orjson.dumps({"id": f"c{i}", "turns": [turn, turn]}).decode() + "\n"
                           for i in range(6)))
    outs = []
    for size in (None, "0", "3"):
        out = tmp_path / f"o{size}.jsonl"
        flag = [] if size is None else ["--turn-cache", size]
        assert main(["evaluate", str(src), "--out", str(out), "--no-progress",
                     "--batch-size", "2", *flag]) == 0
        outs.append(out.read_text())
    assert outs[0] == outs[1] == outs[2]
    sizes = {key[-1]: ev.annotator for key, ev in _CACHE.items()}
    assert sizes[0].turn_cache_size == 0 and not sizes[0]._turn_cache
    assert sizes[3].turn_cache_size == 3 and 0 < len(sizes[3]._turn_cache) <= 3


def test_cli_words_only_rewrites_keywords():
    assert cli_words("a.csv: cannot tell the format of this file; pass format= one of [x]") == (
        "a.csv: cannot tell the format of this file; pass --format one of [x]")
    assert cli_words("/data/format: x") == "/data/format: x"


def test_columns_are_parsed_and_passed_to_the_reader(tmp_path, monkeypatch):
    import csnlp.io.read

    seen = {}

    def fake_iter_records(paths, format="auto", **options):
        seen.update(options)
        return iter([])

    monkeypatch.setattr(csnlp.io.read, "iter_records", fake_iter_records)
    src = tmp_path / "turns.csv"
    src.write_text("body,role\nhi,agent\n")
    assert main(["evaluate", str(src), "--out", str(tmp_path / "o.jsonl"), "--no-progress",
                 "--columns", "text=body, speaker=role,start=ts"]) == 0
    assert seen["columns"] == {"text": "body", "speaker": "role", "start": "ts"}
    assert parse_columns(None) is None


@pytest.fixture
def results_file(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "turns": [{"speaker": "agent", "text": "Hi, I am Sam"}], '
                   '"metadata": {"agent_id": "A1"}}\n')
    out = tmp_path / "r.jsonl"
    assert main(["evaluate", str(src), "--out", str(out), "--no-progress"]) == 0
    return out


def test_report_refuses_a_name_that_is_not_html(results_file, tmp_path, capsys):
    pdf = tmp_path / "report.pdf"
    assert main(["report", str(results_file), "--out", str(pdf)]) == 2
    assert "name the file .html or .htm" in capsys.readouterr().err
    assert not pdf.exists()
    assert main(["report", str(results_file), "--out", str(tmp_path / "report.htm")]) == 0


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_report_to_a_full_disk_is_one_line(results_file, tmp_path, capsys):
    target = tmp_path / "report.html"
    target.symlink_to("/dev/full")
    assert main(["report", str(results_file), "--out", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "No space left on device" in err


EXTENDED = """schema_version: 1
name: ours
extends: contact_center
phrases: {hellos: [hello]}
standards:
  - id: say_hello
    check: require
    title: Say hello
    match: {phrase_lists: [hellos]}
    examples: {should_match: ["Hello!"], should_not_match: ["Bye"]}
"""


def test_validate_runs_only_the_files_own_examples_unless_all(tmp_path, capsys):
    path = tmp_path / "ours.yaml"
    path.write_text(EXTENDED)
    assert main(["standards", "validate", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[1] for line in lines[:-1]] == ["say_hello", "say_hello"]
    assert "12 standards valid (11 inherited" in lines[-1] and "2 passed, 0 failed" in lines[-1]
    assert main(["standards", "validate", str(path), "--all"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len({line.split()[1] for line in lines[:-1]}) > 2


def test_report_counts_the_groups_its_page_shows(tmp_path, capsys):
    """Calls without the grouping column are a group of their own on the page
    ("(no agent_id)"), and the summary line counts it too."""
    import json

    calls = [{"id": f"c{i}", "metadata": ({"agent_id": f"a{i % 2}"} if i < 4 else {}),
              "turns": [{"speaker": "agent", "text": "Hello, how can I help?"}]}
             for i in range(6)]
    src = tmp_path / "calls.jsonl"
    src.write_text("".join(json.dumps(c) + "\n" for c in calls), encoding="utf-8")
    out = tmp_path / "r.jsonl"
    assert main(["evaluate", str(src), "--out", str(out), "--no-progress"]) == 0
    capsys.readouterr()
    assert main(["report", str(out), "--by", "agent_id", "--out", str(tmp_path / "r.html")]) == 0
    assert "6 transcripts, 3 agent_id groups" in capsys.readouterr().out
