"""Append a wave's first-run prohibited_language verdicts to prohibited_language.csv.

    python benchmarks/firstrun/make.py --wave 38 --commit 89c6130

Runs the code of `--commit` (from `git archive`, in a temporary folder) on the wave's two files
(calls<N>.yaml and threads<N>.yaml, found under benchmarks/devsets, benchmarks/blind or
benchmarks/blind/next) and appends one row per conversation. Run it when a wave is first run,
before it is read: the verdicts of later code are in sample.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
CSV = HERE / "prohibited_language.csv"
STANDARD = "prohibited_language"

_JUDGE = """
import json, sys, yaml
from benchmarks.paraphrases import judge
out = []
for path in sys.argv[1:]:
    stem = path.rsplit("/", 1)[-1][:-5]
    for case in yaml.safe_load(open(path))["cases"]:
        out.append([stem, case["name"], judge(case)[STANDARD][0]])
print(json.dumps(out))
""".replace("STANDARD", repr(STANDARD))


def wave_files(wave: int) -> list[Path]:
    found = []
    for kind in ("calls", "threads"):
        for folder in ("benchmarks/devsets", "benchmarks/blind", "benchmarks/blind/next"):
            path = REPO / folder / f"{kind}{wave}.yaml"
            if path.exists():
                found.append(path)
                break
        else:
            sys.exit(f"error: {kind}{wave}.yaml is in none of the wave folders")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wave", type=int, required=True)
    parser.add_argument("--commit", required=True, help="the code that first ran the wave")
    args = parser.parse_args(argv)
    files = wave_files(args.wave)
    with open(CSV, newline="", encoding="utf-8") as fh:
        done = {(r["file"], r["case"]) for r in csv.DictReader(fh)}
    if any(f.stem in {d[0] for d in done} for f in files):
        sys.exit(f"error: wave {args.wave} is in {CSV.name} already")
    with tempfile.TemporaryDirectory() as tree:
        archive = subprocess.run(["git", "-C", str(REPO), "archive", args.commit],
                                 check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", tree], input=archive, check=True)
        run = subprocess.run([sys.executable, "-c", _JUDGE, *map(str, files)], cwd=tree,
                             env={"PYTHONPATH": tree, "PATH": "/usr/bin:/bin"},
                             check=True, capture_output=True, text=True)
    rows = [[stem, name, status, args.commit] for stem, name, status in json.loads(run.stdout)]
    with open(CSV, "a", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    print(f"wave {args.wave}: {len(rows)} rows appended to {CSV}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
