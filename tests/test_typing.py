"""Type checks: mypy passes on csnlp/ with the project's configuration (pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

pytest.importorskip("mypy", reason="mypy is not installed (it is in the `test` extra)")


def _mypy(*args: str) -> subprocess.CompletedProcess[str]:
    # The cache stays in the checkout (.mypy_cache): a cold run takes ~15 s, a warm one ~1 s.
    return subprocess.run([sys.executable, "-m", "mypy", "--config-file", "pyproject.toml",
                           *args], cwd=REPO, capture_output=True, text=True, timeout=300)


def test_mypy_passes_on_the_package():
    out = _mypy("csnlp")
    report = out.stdout + out.stderr
    errors = [line for line in out.stdout.splitlines() if ": error: " in line]
    assert not errors, "\n".join(errors)
    assert out.returncode == 0 and "Success: no issues found" in out.stdout, report


def test_the_configuration_is_strict_where_it_says(tmp_path):
    # Guards the check itself: bodies of unannotated functions are checked and a stale
    # `type: ignore` is an error, so `mypy csnlp` passing means something.
    bad = tmp_path / "bad.py"
    bad.write_text("def untyped():\n"
                   "    x: int = 'a'\n"
                   "    return x\n"
                   "\n"
                   "y = 1  # type: ignore[assignment]\n")
    out = _mypy("--cache-dir", str(tmp_path / "cache"), str(bad))
    assert out.returncode == 1, out.stdout + out.stderr
    assert 'bad.py:2: error: Incompatible types in assignment' in out.stdout
    assert 'bad.py:5: error: Unused "type: ignore" comment' in out.stdout
