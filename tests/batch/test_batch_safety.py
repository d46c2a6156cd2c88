"""Nothing lost, clear exits: `csnlp evaluate` never overwrites an input or an earlier output
unasked, never reads its own outputs, and any I/O failure is one line and exit 2."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

import csnlp.writers as writers
from csnlp.cli import main


def evaluate(*args: str) -> int:
    return main(["evaluate", *map(str, args), "--no-progress"])


def one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("csnlp: error: "), err
    assert "Traceback" not in err
    return lines[0]


def test_out_equal_to_an_input_is_refused_and_the_input_kept(archive, capsys):
    before = archive.path.read_bytes()
    assert evaluate(archive.path, "--out", archive.path, "--overwrite") == 2
    assert "is the input" in one_error_line(capsys.readouterr().err)
    assert archive.path.read_bytes() == before
    assert not archive.path.with_name(archive.path.name + ".parts").exists()


def test_out_inside_an_input_folder_is_refused(make_archive, tmp_path, capsys):
    folder = tmp_path / "calls"
    folder.mkdir()
    make_archive(folder / "a.jsonl", n_good=3)
    assert evaluate(folder, "--out", folder / "sub" / "results.jsonl") == 2
    assert "inside the input folder" in one_error_line(capsys.readouterr().err)
    assert sorted(p.name for p in folder.rglob("*")) == ["a.jsonl"]


def test_earlier_results_in_a_scanned_folder_are_not_read(make_archive, tmp_path, capsys):
    folder = tmp_path / "calls"
    folder.mkdir()
    a = make_archive(folder / "a.jsonl", n_good=4)
    for suffix in (".jsonl", ".parquet", ".csv"):  # earlier outputs, copied into the folder
        out = tmp_path / f"earlier{suffix}"
        assert evaluate(a.path, "--out", out) == 0
        shutil.copy(out, folder / f"results{suffix}")
    capsys.readouterr()
    out = tmp_path / "r.jsonl"
    assert evaluate(folder, "--out", out) == 0
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert {r["source"]["file"] for r in rows} == {str(a.path)}
    assert len(rows) == len(a.lines)
    err = capsys.readouterr().err
    for suffix in (".jsonl", ".parquet", ".csv"):
        assert f"skipped {folder / f'results{suffix}'}: a csnlp results file" in err


def test_an_existing_out_needs_overwrite(archive, tmp_path, capsys):
    out = tmp_path / "r.jsonl"
    out.write_text("precious\n")
    assert evaluate(archive.path, "--out", out) == 2
    assert "pass --overwrite" in one_error_line(capsys.readouterr().err)
    assert out.read_text() == "precious\n"
    assert evaluate(archive.path, "--out", out, "--overwrite") == 0
    assert len(out.read_text().splitlines()) == len(archive.lines)


def test_an_unfinished_run_is_not_thrown_away_unasked(archive, tmp_path, capsys):
    out = tmp_path / "r.jsonl"
    parts = out.with_name(out.name + ".parts")
    parts.mkdir()
    (parts / "part-00000000.jsonl").write_text("{}\n")
    assert evaluate(archive.path, "--out", out) == 2
    assert "--resume" in one_error_line(capsys.readouterr().err)
    assert (parts / "part-00000000.jsonl").exists()


def test_an_output_folder_that_cannot_be_made_is_one_line(archive, tmp_path, capsys):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    assert evaluate(archive.path, "--out", blocker / "r.jsonl") == 2
    line = one_error_line(capsys.readouterr().err)
    assert str(blocker) in line


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="permissions do not stop root from writing")
def test_a_read_only_folder_is_one_line(archive, tmp_path, capsys):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        assert evaluate(archive.path, "--out", folder / "r.jsonl") == 2
    finally:
        folder.chmod(0o755)
    assert "Permission denied" in one_error_line(capsys.readouterr().err)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_is_one_line(archive, tmp_path, capsys, monkeypatch):
    def full(path: Path, data: bytes) -> None:
        with open("/dev/full", "wb") as fh:  # every write: ENOSPC
            fh.write(data)
            fh.flush()

    monkeypatch.setattr(writers, "_atomic_write", full)
    assert evaluate(archive.path, "--out", tmp_path / "r.jsonl") == 2
    assert "No space left on device" in one_error_line(capsys.readouterr().err)


def test_resume_takes_its_options_from_the_manifest(archive, tmp_path, monkeypatch, capsys):
    """A run stopped after two parts resumes with `--resume --out OUT` alone."""
    out = tmp_path / "r.csv"
    add = writers.Assembly.add

    def add_then_stop(self, index, table=None):
        add(self, index, table)
        if self.next >= 2:
            raise KeyboardInterrupt

    monkeypatch.setattr(writers.Assembly, "add", add_then_stop)
    assert evaluate(archive.path, "--out", out, "--batch-size", "5", "--format", "jsonl") == 130
    assert "run again with --resume" in capsys.readouterr().err
    monkeypatch.undo()
    assert evaluate("--out", out, "--resume") == 0
    assert "(10 from an earlier run)" in capsys.readouterr().err
    fresh = tmp_path / "fresh.csv"
    assert evaluate(archive.path, "--out", fresh, "--batch-size", "5") == 0
    assert out.read_bytes() == fresh.read_bytes()


def test_the_parts_folder_of_out_is_not_an_input(archive, tmp_path, capsys):
    out = tmp_path / "r.csv"
    parts = out.with_name(out.name + ".parts")
    parts.mkdir()
    (parts / "part-00000000.csv").write_text('"x"\n')
    assert evaluate(parts, "--out", out, "--overwrite") == 2
    assert "is the parts folder" in one_error_line(capsys.readouterr().err)
    assert (parts / "part-00000000.csv").exists()
