"""Evaluate the bundled example transcripts with the default pack and print what a QA lead sees.

Run with `make demo` (or `python examples/demo.py [FOLDER] [--standards PACK]`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import csnlp

HERE = Path(__file__).resolve().parent
MARK = {"met": "✓", "missed": "✗", "not_applicable": "·", "error": "!"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(HERE / "transcripts"))
    parser.add_argument("--standards", default="contact_center")
    args = parser.parse_args(argv)

    transcripts = list(csnlp.read_transcripts(args.folder))
    reports = list(csnlp.evaluate_many(transcripts, standards=args.standards))
    df = csnlp.reports_to_frame(reports)
    ids = list(csnlp.load_standards(args.standards).ids)

    short = {sid: sid[:9] for sid in ids}
    width = max(len(r.transcript_id) for r in reports) + 2
    print(f"csnlp {csnlp.__version__}: {len(reports)} transcripts x {len(ids)} standards "
          f"({args.standards}); ✓ met  ✗ missed  · not applicable\n")
    print(" " * width + " ".join(f"{short[s]:>9}" for s in ids) + "   score")
    for rep in reports:
        cells = " ".join(f"{MARK[rep[s].status.value]:>9}" for s in ids)
        score = f"{rep.score:6.0%}" if rep.score is not None else "     -"
        print(f"{rep.transcript_id:<{width}}{cells}   {score}")

    applicable = df[df["status"].isin(["met", "missed"])]
    share = applicable.groupby("standard_id")["status"].apply(lambda s: (s == "met").mean())
    counts = applicable.groupby("standard_id").size()
    print("\nShare met per standard (applicable transcripts only):")
    for sid in ids:
        if sid in share.index:
            bar = "█" * round(share[sid] * 20)
            print(f"  {sid:<22} {share[sid]:5.0%}  {bar:<20} n={counts[sid]}")
        else:
            print(f"  {sid:<22}     -  (never applicable)")

    worst = min((s for s in ids if s in share.index), key=lambda s: share[s])
    missed = [r for r in reports if r[worst].status.value == "missed"]
    if missed:
        example = missed[0][worst]
        print(f"\nWeakest standard: {worst}. Example ({missed[0].transcript_id}): "
              f"{example.explanation}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
