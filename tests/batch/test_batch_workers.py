"""`kill -9` of `csnlp evaluate --jobs 2`: its workers (and loky's resource tracker) go with it,
and `--resume` then gives exactly the output of an uninterrupted run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from csnlp.cli import main

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(),
                                reason="finds worker processes through Linux's /proc")


def _ppid_and_state(pid: int) -> tuple[int, str] | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat[stat.rindex(")") + 2:].split()  # the name in (...) may hold spaces
    return int(fields[1]), fields[0]


def descendants(pid: int) -> set[int]:
    """Every live process below `pid`."""
    parents: dict[int, int] = {}
    for name in os.listdir("/proc"):
        if name.isdigit() and (info := _ppid_and_state(int(name))) is not None:
            parents[int(name)] = info[0]
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {p for p, pp in parents.items() if pp in frontier} - found
        found |= frontier
    return {p for p in found if alive(p)}


def alive(pid: int) -> bool:
    info = _ppid_and_state(pid)
    return info is not None and info[1] != "Z"


def poll(condition, seconds: float, step: float = 0.05) -> bool:
    """Whether `condition()` became true within `seconds` (checked every `step`)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return condition()


def test_workers_die_with_a_killed_parent_and_resume_is_exact(make_archive, tmp_path):
    archive = make_archive(tmp_path / "calls.jsonl", n_good=800)
    out = tmp_path / "reports.jsonl"
    parts = out.with_name(out.name + ".parts")
    args = ["evaluate", str(archive.path), "--out", str(out), "--jobs", "2", "--batch-size", "4",
            "--no-progress"]
    proc = subprocess.Popen([sys.executable, "-m", "csnlp.cli", *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        # running: workers started and writing parts
        assert poll(lambda: len(list(parts.glob("part-*.jsonl"))) >= 2, 120), \
            proc.stderr.read() if proc.poll() is not None else "no part within 120 s"
        workers = descendants(proc.pid)
        assert proc.poll() is None, "the run ended before it could be killed"
        assert len(workers) >= 2, workers
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        assert poll(lambda: not any(alive(p) for p in workers), 20), \
            [p for p in workers if alive(p)]
    finally:
        proc.kill()
        proc.wait()
        proc.stderr.close()
    assert not out.exists()

    # --resume needs neither the inputs nor the batch size again: the manifest has them
    assert main(["evaluate", "--out", str(out), "--resume", "--no-progress"]) == 0
    fresh = tmp_path / "fresh.jsonl"
    assert main([*args[:3], str(fresh), *args[4:]]) == 0
    assert out.read_bytes() == fresh.read_bytes()
