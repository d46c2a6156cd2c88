"""How much do verdicts change when a call is read from ASR text instead of human text?

Evaluates every Harper Valley call in ../shared/data/harper-valley twice, once from the ASR
`transcript` and once from the `human_transcript` (same segments, same times, same roles), and
prints per standard how often the two verdicts agree. Phrase-based standards should agree on
at least 95% of calls; `--show` lists the turns behind each disagreement.

    python benchmarks/asr_robustness.py [--data DIR] [--standards contact_center] [--show N]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

import csnlp
from csnlp.io import iter_records

DEFAULT_DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "harper-valley"
#: Check kinds whose verdict rests on phrases in the text (tone and timing are judged apart).
PHRASE_KINDS = {"require", "forbid", "respond", "hold", "customer_name"}
TARGET = 0.95


def _read(data: Path, field: str) -> dict[str, csnlp.Transcript]:
    out = {}
    for rec in iter_records(data, "harper_valley", text_field=field):
        if rec.error is not None:
            print(f"skipped: {rec.error}", file=sys.stderr)
            continue
        out[rec.transcript.id] = rec.transcript
    return out


def _kinds(standards: str) -> dict[str, str]:
    try:
        sset = csnlp.load_standards(standards)
        return {s.id: s.check for s in sset.standards}
    except Exception:  # the kind only labels the table; never fail the benchmark over it
        return {}


def _evidence_starts(result, transcript) -> set[float]:
    """Start times of the evidence turns: blank turns are dropped on reading, so turn indices
    differ between the two texts while segment times do not."""
    return {transcript.turns[e.turn_index].start for e in result.evidence
            if e.turn_index is not None and e.turn_index < len(transcript.turns)}


def _text_at(transcript, start: float) -> str:
    return next((t.text for t in transcript.turns if t.start == start), "")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--standards", default="contact_center")
    ap.add_argument("--show", type=int, default=3,
                    help="disagreements to print per phrase-based standard (0: none)")
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        print(f"no Harper Valley data at {args.data}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    asr, human = _read(args.data, "transcript"), _read(args.data, "human_transcript")
    ids = sorted(set(asr) & set(human))
    kinds = _kinds(args.standards)
    agree: Counter[str] = Counter()
    statuses: dict[str, Counter[tuple[str, str]]] = {}
    diffs: dict[str, list[tuple[str, object, object]]] = {}
    for tid in ids:
        ra = csnlp.evaluate(asr[tid], standards=args.standards)
        rh = csnlp.evaluate(human[tid], standards=args.standards)
        for a, h in zip(ra.results, rh.results, strict=True):
            sid = a.standard_id
            pair = (str(a.status.value), str(h.status.value))
            statuses.setdefault(sid, Counter())[pair] += 1
            if a.status == h.status:
                agree[sid] += 1
            else:
                diffs.setdefault(sid, []).append((tid, a, h))
    elapsed = time.perf_counter() - t0
    n = len(ids)
    print(f"Harper Valley: {n} calls, ASR `transcript` vs `human_transcript`, "
          f"standards {args.standards!r} ({elapsed:.1f} s)\n")
    print("| standard | kind | agree | agreement | ASR met/missed/n.a. | human met/missed/n.a. |")
    print("|---|---|---|---|---|---|")
    below = []
    for sid in statuses:
        c = statuses[sid]

        def tally(side: int, c: Counter = c) -> str:
            cnt = Counter(p[side] for p in c.elements())
            return f"{cnt['met']}/{cnt['missed']}/{cnt['not_applicable']}" + (
                f" (+{cnt['error']} err)" if cnt["error"] else "")

        share = agree[sid] / n if n else 0.0
        kind = kinds.get(sid, "?")
        mark = ""
        if kind in PHRASE_KINDS and share < TARGET:
            below.append(sid)
            mark = " **below 95%**"
        print(f"| {sid} | {kind} | {agree[sid]}/{n} | {share:.1%}{mark} | {tally(0)} | "
              f"{tally(1)} |")
    phrase = [s for s in statuses if kinds.get(s) in PHRASE_KINDS]
    if phrase:
        worst = min(agree[s] / n for s in phrase)
        print(f"\nPhrase-based standards: {len(phrase)}, lowest agreement {worst:.1%} "
              f"(target {TARGET:.0%}).")
    shown = [s for s in phrase if diffs.get(s)] if args.show else []
    for sid in shown:
        print(f"\n### {sid}: {len(diffs[sid])} disagreements (ASR vs human)")
        for tid, a, h in diffs[sid][: args.show]:
            print(f"- {tid}: ASR {a.status.value}, human {h.status.value}")
            for start in _evidence_starts(a, asr[tid]) | _evidence_starts(h, human[tid]):
                print(f"    at {start:6.1f} s  ASR:   {_text_at(asr[tid], start)!r}")
                print(f"              human: {_text_at(human[tid], start)!r}")
            print(f"    ASR:   {a.explanation}")
            print(f"    human: {h.explanation}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
