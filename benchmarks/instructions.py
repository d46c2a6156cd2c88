"""Instructions per turn of evaluate_many, counted by valgrind: a cost measure the machine's
noise does not move.

Wall-clock runs on this shared machine vary by ±10-20% from one minute to the next, more than
most engine changes are worth. valgrind's cachegrind counts the instructions a run executes,
which is the same from run to run (`PYTHONHASHSEED=0`). A run here evaluates `--transcripts`
transcripts of the corpus after a warm-up, and once more with none: the difference is the cost
of those transcripts alone (start-up, imports and the pipeline's build are subtracted).

    python benchmarks/instructions.py --corpus corpus.jsonl
    python benchmarks/instructions.py --corpus corpus.jsonl --standards old_pack.yaml --no-redact
    PYTHONPATH=../old-checkout python benchmarks/instructions.py --corpus corpus.jsonl
    python benchmarks/instructions.py --corpus fresh.jsonl --warm 1500 --skip 1500 \\
        --transcripts 1239 --split-checks      # the checks' own logic apart from the rest

With `--split-checks` the counted transcripts are also run with every detector's `check`
answering its first result again (`_stub_checks`): the difference is what the checks' own logic
costs, and the rest is reading, annotation, metrics, results, reports and the batch machinery.

Instructions are not time (a cache miss costs more than an add), but for Python code the two
move together closely; use them to compare two versions of the code on the same corpus, and
throughput.py for turns per second. Needs `valgrind` on the PATH; about 1-2 minutes a run.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

#: Transcripts evaluated before the counted ones (the tokenizer's and the turn cache's warm-up).
WARM = 100


def _stub_checks() -> None:
    """Make every detector kind's `check` return the result of its first call again: the run
    then costs everything but the checks' own logic."""
    from csnlp.detectors.base import Detector

    def kinds(cls: type) -> list[type]:
        return [k for sub in cls.__subclasses__() for k in (sub, *kinds(sub))]

    def first_result(check):
        def stub(self, ctx):
            if "_first_result" not in self.__dict__:
                self._first_result = check(self, ctx)
            return self._first_result
        return stub

    for kind in set(kinds(Detector)):
        if "check" in kind.__dict__:
            kind.check = first_result(kind.__dict__["check"])


def _child(corpus: Path, skip: int, n: int, standards: str | None, redact: bool,
           warm: int = WARM, stub_checks: bool = False) -> None:
    """Evaluate `warm` transcripts (the corpus's last), then `n` from `skip` on (counted by the
    parent); with `stub_checks`, the counted ones with `_stub_checks`."""
    import orjson

    from csnlp.batch import evaluate_many
    from csnlp.transcript import coerce_transcript

    with open(corpus, "rb") as fh:
        rows = [orjson.loads(line) for line in fh if line.strip()]
    transcripts = [coerce_transcript(row) for row in rows]
    if len(transcripts) < warm + skip + n:
        raise SystemExit(f"{corpus}: {len(transcripts):,} transcripts, fewer than the "
                         f"{warm + skip + n:,} this run reads")
    options = {"evaluator_options": {"redact": redact}}
    if warm:
        list(evaluate_many(transcripts[-warm:], standards, **options))
    if stub_checks:
        _stub_checks()
    turns = sum(r.metrics.get("turns", 0)
                for r in evaluate_many(transcripts[skip:skip + n], standards, **options))
    print(f"turns={turns}")


def _count(argv: list[str]) -> tuple[int, int]:
    """(instructions, turns) of one child run under cachegrind."""
    with tempfile.TemporaryDirectory(prefix="csnlp-ir-") as tmp:
        out = Path(tmp) / "cachegrind.out"
        cmd = ["valgrind", "--tool=cachegrind", "--cache-sim=no",
               f"--cachegrind-out-file={out}", sys.executable, __file__, "--child", *argv]
        env = {**os.environ, "PYTHONHASHSEED": "0", "OPENBLAS_NUM_THREADS": "1"}
        run = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
        if run.returncode != 0:
            raise SystemExit(f"the counted run failed:\n{run.stderr[-2000:]}")
        refs = re.search(r"I\s+refs:\s+([\d,]+)", run.stderr)
        turns = re.search(r"turns=(\d+)", run.stdout)
        if refs is None or turns is None:
            raise SystemExit(f"no instruction count in valgrind's output:\n{run.stderr[-2000:]}")
        return int(refs.group(1).replace(",", "")), int(turns.group(1))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--corpus", type=Path, required=True,
                   help="JSONL transcripts (throughput.py builds one)")
    p.add_argument("--transcripts", type=int, default=1000,
                   help="transcripts counted (default 1,000)")
    p.add_argument("--skip", type=int, default=1000,
                   help="transcripts of the corpus passed over first (default 1,000)")
    p.add_argument("--standards", help="pack name or standards YAML (default contact_center)")
    p.add_argument("--no-redact", action="store_true", help="evaluate with redact=False")
    p.add_argument("--warm", type=int, default=WARM,
                   help=f"warm-up transcripts, the corpus's last (default {WARM})")
    p.add_argument("--split-checks", action="store_true",
                   help="also count the run with every check stubbed: the checks' own cost")
    p.add_argument("--stub-checks", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        _child(args.corpus, args.skip, args.transcripts, args.standards, not args.no_redact,
               args.warm, args.stub_checks)
        return 0
    if shutil.which("valgrind") is None:
        print("valgrind is not on the PATH: this benchmark counts instructions with it",
              file=sys.stderr)
        return 2
    common = [*(["--standards", args.standards] if args.standards else []),
              *(["--no-redact"] if args.no_redact else []),
              "--corpus", str(args.corpus), "--skip", str(args.skip), "--warm", str(args.warm)]
    base, _ = _count([*common, "--transcripts", "0"])
    total, turns = _count([*common, "--transcripts", str(args.transcripts)])
    work = total - base
    print("| standards | redact | transcripts | turns | instructions | per turn |")
    print("|---|---|---:|---:|---:|---:|")
    print(f"| {args.standards or 'contact_center'} | {not args.no_redact} | "
          f"{args.transcripts:,} | {turns:,} | {work / 1e9:.3f} G | {work / max(turns, 1):,.0f} |")
    if args.split_checks:
        stubbed, _ = _count([*common, "--transcripts", str(args.transcripts), "--stub-checks"])
        rest = stubbed - base
        print()
        print("| whole run | all but the checks' own logic | the checks |")
        print("|---:|---:|---:|")
        print(f"| {work / 1e9:.3f} G | {rest / 1e9:.3f} G | {(work - rest) / 1e9:.3f} G |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
