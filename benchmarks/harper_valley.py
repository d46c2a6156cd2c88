"""Agreement with our own QA labels on the 100 Harper Valley bank calls.

Evaluates the human transcripts of ../shared/data/harper-valley with a pack and compares the
verdicts with the hand labels in benchmarks/labels/harper_valley.csv (labelled before any csnlp
verdict on these calls was looked at; see benchmarks/labels/README.md), using `csnlp.agreement`:
per standard n, agreement, Cohen's kappa with its bootstrap interval, then every disagreement
with the machine's explanation. benchmarks/README.md explains each disagreement.

    python benchmarks/harper_valley.py [--data DIR] [--labels CSV] [--standards contact_center]
        [--text-field human_transcript|transcript] [--json OUT.json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import csnlp
from csnlp.calibration.agreement import format_table
from csnlp.io import iter_records

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO / ".." / "shared" / "data" / "harper-valley"
DEFAULT_LABELS = REPO / "benchmarks" / "labels" / "harper_valley.csv"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--labels", type=Path, default=DEFAULT_LABELS)
    ap.add_argument("--standards", default="contact_center")
    ap.add_argument("--text-field", default="human_transcript")
    ap.add_argument("--json", type=Path, help="also write the agreement report as JSON")
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        print(f"no Harper Valley data at {args.data}", file=sys.stderr)
        return 2
    calls = list(iter_records(args.data, "harper_valley", text_field=args.text_field))
    reports = list(csnlp.evaluate_many(calls, args.standards))
    result = csnlp.agreement(csnlp.reports_to_frame(reports), args.labels)
    overall = result.overall
    print(f"{len(reports)} calls, {args.text_field}, pack {args.standards}: agreement "
          f"{overall['agreement']:.3f}, kappa {overall['kappa']:.3f} over {overall['n']} "
          "verdicts\n")
    print(format_table(result))
    print("\n| call | standard | machine | human | machine's explanation |")
    print("|---|---|---|---|---|")
    for row in result.disagreements.itertuples():
        why = " ".join(str(row.explanation or "").split())[:140].replace("|", "/")
        print(f"| {row.transcript_id} | {row.standard_id} | {row.machine} | {row.human} | {why} |")
    if args.json:
        args.json.write_text(json.dumps(result.to_dict(), indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
