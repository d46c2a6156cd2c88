"""A run killed with SIGKILL part-way, then `--resume`d: every input exactly once, in order."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from csnlp.cli import main

#: Runs `csnlp evaluate` (one process) and SIGKILLs it, from the test's side, once `after`
#: parts were written, leaving a torn temporary part behind as a real `kill -9` mid-write would.
KILL_AFTER_PARTS = """
import os, signal, sys
import csnlp.writers as writers
from csnlp.cli import main

after = int(sys.argv[1])
add = writers.Assembly.add

def add_then_die(self, index, table=None):
    add(self, index, table)
    if self.next >= after:
        torn = self.store.parts_dir / f".part-99999999.{self.store.fmt}.tmp-{os.getpid()}"
        torn.write_bytes(b'{"transcript_id": "torn')
        os.kill(os.getpid(), signal.SIGKILL)

writers.Assembly.add = add_then_die
main(sys.argv[2:])
"""


def evaluate(*args: str) -> int:
    return main(["evaluate", *map(str, args), "--no-progress"])


def ids_in(out: Path) -> list[tuple[int, str]]:
    """(input_index, transcript_id) per input, in output order."""
    if out.suffix == ".jsonl":
        rows = [json.loads(line) for line in out.read_text().splitlines()]
        return [(r["source"]["input_index"], r["transcript_id"]) for r in rows]
    df = pd.read_parquet(out)
    first = df.drop_duplicates("input_index")
    return list(zip(first["input_index"], first["transcript_id"].fillna(""), strict=True))


@pytest.mark.parametrize("suffix", [".jsonl", ".parquet"], ids=["jsonl", "parquet"])
def test_killed_run_resumes_with_every_input_exactly_once(archive, tmp_path, capsys, suffix):
    out = tmp_path / f"reports{suffix}"
    parts = out.with_name(out.name + ".parts")
    killed = subprocess.run(
        [sys.executable, "-c", KILL_AFTER_PARTS, "3", "evaluate", str(archive.path),
         "--out", str(out), "--batch-size", "4", "--no-progress"],
        capture_output=True, text=True, timeout=120)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert not out.exists()
    written = sorted(p.name for p in parts.glob(f"part-*{suffix}"))
    assert written == [f"part-{i:08d}{suffix}" for i in range(3)]
    assert list(parts.glob(".*.tmp-*"))  # the torn write it left behind

    assert evaluate(archive.path, "--out", out, "--batch-size", "4", "--resume",
                    "--jobs", "2") == 0
    n = len(archive.lines)
    assert f"({3 * 4} from an earlier run)" in capsys.readouterr().err
    assert not parts.exists()
    got = ids_in(out)
    assert [i for i, _ in got] == list(range(n))  # no gaps, no duplicates, in order
    good = [tid for _, tid in got if tid in set(archive.good_ids)]
    assert good == archive.good_ids

    fresh = tmp_path / f"fresh{suffix}"
    assert evaluate(archive.path, "--out", fresh, "--batch-size", "4") == 0
    if suffix == ".jsonl":
        assert out.read_bytes() == fresh.read_bytes()
    else:
        pd.testing.assert_frame_equal(pd.read_parquet(out), pd.read_parquet(fresh))


def test_resume_refuses_parts_of_another_job(archive, make_archive, tmp_path, capsys):
    out = tmp_path / "reports.jsonl"
    parts = out.with_name(out.name + ".parts")
    killed = subprocess.run(
        [sys.executable, "-c", KILL_AFTER_PARTS, "1", "evaluate", str(archive.path),
         "--out", str(out), "--batch-size", "4", "--no-progress"],
        capture_output=True, timeout=120)
    assert killed.returncode == -signal.SIGKILL
    make_archive(archive.path, n_good=12)  # the input changed since
    assert evaluate(archive.path, "--out", out, "--batch-size", "4", "--resume") == 2
    assert "belongs to a different job" in capsys.readouterr().err
    assert parts.exists()  # nothing was thrown away
    assert evaluate(archive.path, "--out", out, "--batch-size", "4",
                    "--overwrite") == 0  # a fresh start
    assert len(out.read_text().splitlines()) == len(make_archive(tmp_path / "x.jsonl",
                                                                 n_good=12).lines)


def test_resume_without_parts_starts_afresh(archive, tmp_path):
    out = tmp_path / "reports.csv"
    assert evaluate(archive.path, "--out", out, "--resume") == 0
    df = pd.read_csv(out)
    assert df["input_index"].nunique() == len(archive.lines)
