"""`csnlp evaluate`: every input line gives exactly one output row, in every output format."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from csnlp.cli import main
from csnlp.frames import FRAME_COLUMNS
from csnlp.writers import METADATA_COLUMNS, OUTPUT_COLUMNS, SOURCE_COLUMNS


def evaluate(*args: str) -> int:
    return main(["evaluate", *map(str, args), "--no-progress"])


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_jsonl_accounts_for_every_line(archive, tmp_path, capsys):
    out = tmp_path / "reports.jsonl"
    assert evaluate(archive.path, "--out", out, "--batch-size", "8") == 0
    rows = read_jsonl(out)
    assert [r["source"]["line"] for r in rows] == sorted(archive.lines)
    assert [r["source"]["input_index"] for r in rows] == list(range(len(archive.lines)))
    for r in rows:
        line = r["source"]["line"]
        assert r["source"]["file"] == str(archive.path)
        if line in archive.broken_lines:
            assert r["error"] and f"line {line}" in r["error"]
            assert r["results"] == []
        else:
            assert r["error"] is None and r["transcript_id"] == archive.lines[line]
            assert len(r["results"]) == 11
    ok = [r["transcript_id"] for r in rows if r["error"] is None]
    assert ok == archive.good_ids
    summary = capsys.readouterr().err
    n, failed = len(archive.lines), len(archive.broken_lines)
    assert f"read {n}, evaluated {n - failed}, failed {failed}" in summary
    assert "turns/s" in summary
    assert not out.with_name(out.name + ".parts").exists()


def test_error_rows_name_the_transcript_when_known(archive, tmp_path):
    out = tmp_path / "reports.jsonl"
    evaluate(archive.path, "--out", out)
    known = {line: tid for line, tid in archive.lines.items()
             if line in archive.broken_lines and tid is not None}
    got = {r["source"]["line"]: r["transcript_id"] for r in read_jsonl(out) if r["error"]}
    assert {line: got[line] for line in known} == known


@pytest.mark.parametrize("suffix", [".parquet", ".csv"], ids=["parquet", "csv"])
def test_tables_readable_by_pandas_with_documented_columns(archive, tmp_path, suffix):
    out = tmp_path / f"reports{suffix}"
    assert evaluate(archive.path, "--out", out, "--batch-size", "7") == 0
    df = pd.read_parquet(out) if suffix == ".parquet" else pd.read_csv(out)
    assert list(df.columns) == list(OUTPUT_COLUMNS)
    assert list(OUTPUT_COLUMNS[:len(FRAME_COLUMNS)]) == list(FRAME_COLUMNS)
    assert {"input_index", "source_file", "source_line"} <= set(SOURCE_COLUMNS)
    assert {"agent_id", "team", "date"} <= set(METADATA_COLUMNS)
    # one row per (transcript, standard) for a good input, one error row for a broken one
    per_input = df.groupby("input_index").size()
    assert len(per_input) == len(archive.lines)
    errors = df[df["status"] == "error"]
    assert sorted(errors["source_line"]) == archive.broken_lines
    assert errors["error"].notna().all() and errors["standard_id"].isna().all()
    good = df[df["status"] != "error"]
    assert (good.groupby("transcript_id").size() == 11).all()
    assert list(dict.fromkeys(good["transcript_id"])) == archive.good_ids
    assert set(good["status"]) <= {"met", "missed", "not_applicable"}
    # metadata: known keys as columns (strings), everything in metadata_json
    first = good[good["transcript_id"] == "c0000"].iloc[0]
    assert first["agent_id"] == "A0" and pd.isna(first["team"])
    assert json.loads(first["metadata_json"])["survey"] == {"csat": 0, "tags": ["x", 0]}
    assert first["date"] == "2024-03-01"


def test_jobs_2_gives_the_same_output_as_jobs_1(archive, tmp_path):
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert evaluate(archive.path, "--out", one, "--jobs", "1", "--batch-size", "5") == 0
    assert evaluate(archive.path, "--out", two, "--jobs", "2", "--batch-size", "5") == 0
    assert one.read_bytes() == two.read_bytes()


def test_jobs_2_parquet_equals_jobs_1(archive, tmp_path):
    one, two = tmp_path / "one.parquet", tmp_path / "two.parquet"
    assert evaluate(archive.path, "--out", one, "--batch-size", "6") == 0
    assert evaluate(archive.path, "--out", two, "--jobs", "2", "--batch-size", "6") == 0
    pd.testing.assert_frame_equal(pd.read_parquet(one), pd.read_parquet(two))


def test_fail_on_error_sets_the_exit_code(archive, tmp_path):
    out = tmp_path / "r.jsonl"
    assert evaluate(archive.path, "--out", out, "--fail-on-error") == 1
    assert len(read_jsonl(out)) == len(archive.lines)  # still wrote everything


def test_folders_and_globs_are_read_in_order(make_archive, tmp_path):
    folder = tmp_path / "calls"
    folder.mkdir()
    a = make_archive(folder / "a.jsonl", n_good=5)
    b = make_archive(folder / "b.jsonl", n_good=7)
    for args in ([folder], [str(folder / "*.jsonl")], [b.path, a.path]):
        out = tmp_path / "r.jsonl"
        assert evaluate(*args, "--out", out, "--batch-size", "4", "--overwrite") == 0
        files = [r["source"]["file"] for r in read_jsonl(out)]
        first, second = (b, a) if args[0] == b.path else (a, b)
        assert files == ([str(first.path)] * len(first.lines)
                         + [str(second.path)] * len(second.lines))


@pytest.mark.parametrize("args, message", [
    (["missing.jsonl", "--out", "o.jsonl"], "no such file"),
    (["*.nothing", "--out", "o.jsonl"], "matches no file"),
    (["{archive}", "--out", "o.txt"], "unknown extension"),
    (["{archive}", "--out", "o.jsonl", "--standards", "no_such_pack"], "no such pack"),
], ids=["missing-file", "empty-glob", "bad-extension", "bad-standards"])
def test_cannot_run_exits_2(archive, tmp_path, monkeypatch, capsys, args, message):
    monkeypatch.chdir(tmp_path)
    args = [a.replace("{archive}", str(archive.path)) for a in args]
    assert evaluate(*args) == 2
    assert message in capsys.readouterr().err


def test_empty_input_gives_an_empty_table_with_the_columns(tmp_path):
    src = tmp_path / "empty.jsonl"
    src.write_text("")
    for suffix in (".parquet", ".csv", ".jsonl"):
        out = tmp_path / f"out{suffix}"
        assert evaluate(src, "--out", out) == 0
        if suffix == ".parquet":
            assert list(pd.read_parquet(out).columns) == list(OUTPUT_COLUMNS)
        elif suffix == ".csv":
            assert list(pd.read_csv(out).columns) == list(OUTPUT_COLUMNS)
        else:
            assert out.read_text() == ""


class _Terminal:
    """A stand-in for a terminal's stderr."""

    def __init__(self):
        self.text = ""

    def write(self, s):
        self.text += s
        return len(s)

    def flush(self):
        pass

    def isatty(self):
        return True


def test_progress_bar_on_a_terminal_only(archive, tmp_path, capsys, monkeypatch):
    out = tmp_path / "r.jsonl"
    assert main(["evaluate", str(archive.path), "--out", str(out), "--batch-size", "8"]) == 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("csnlp: read")  # not a terminal: summary only
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert main(["evaluate", str(archive.path), "--out", str(out), "--batch-size", "8",
                 "--overwrite"]) == 0
    assert "transcripts" in terminal.text and "turns/s" in terminal.text
    assert f"{len(archive.lines)}" in terminal.text
    terminal.text = ""
    assert main(["evaluate", str(archive.path), "--out", str(out), "--no-progress",
                 "--overwrite"]) == 0
    assert terminal.text.startswith("csnlp: read")


def test_progress_bar_has_a_total_and_an_eta(archive, tmp_path, monkeypatch):
    """JSON Lines inputs are counted (in a thread, so the run starts at once): the bar shows
    done/total and the time left."""
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    out = tmp_path / "r.jsonl"
    assert main(["evaluate", str(archive.path), "--out", str(out), "--batch-size", "8"]) == 0
    n = len(archive.lines)
    final = terminal.text.rsplit("csnlp: read", 1)[0].split("\r")[-1]  # the last state
    assert f"{n}/{n}" in final and "100%" in final
    assert re.search(r"\[\d\d:\d\d<\d\d:\d\d", final), final  # elapsed<remaining
