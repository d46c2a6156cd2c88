"""Time `csnlp.agreement` on 100,000 synthetic labels and the matching results (goal: < 10 s).

    OPENBLAS_NUM_THREADS=1 python benchmarks/agreement.py [--transcripts 10000] [--standards 10]

Builds a results frame (one row per transcript and standard, with evidence JSON like a real run)
and long labels that copy the machine's verdicts with 20% replaced, writes them as Parquet and
CSV in a temporary folder, then prints the time of each step. No data needed.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from csnlp.calibration import agreement, read_labels
from csnlp.frames import read_results

VERDICTS = np.array(["met", "missed", "not_applicable"])


def synthetic(transcripts: int, standards: int, seed: int = 0) -> tuple[pd.DataFrame,
                                                                        pd.DataFrame]:
    rng = np.random.default_rng(seed)
    n = transcripts * standards
    tids = np.repeat([f"call-{i:06d}" for i in range(transcripts)], standards)
    sids = np.tile([f"standard_{j:02d}" for j in range(standards)], transcripts)
    machine = VERDICTS[rng.choice(3, size=n, p=[0.6, 0.3, 0.1])]
    machine[rng.random(n) < 0.01] = "error"
    evidence = json.dumps([{"turn_index": 1, "speaker": "agent", "start_char": 0, "end_char": 5,
                            "text": "hello", "rule": "phrase:greetings", "score": None,
                            "context": "hello, thanks for calling"}])
    results = pd.DataFrame({"transcript_id": tids, "standard_id": sids, "status": machine,
                            "score": np.where(machine == "met", 1.0, 0.0),
                            "explanation": "The agent greeted the customer.",
                            "evidence_json": evidence})
    human = np.where(machine == "error", "met", machine)
    flip = rng.random(n) < 0.2
    human[flip] = VERDICTS[rng.integers(0, 3, size=int(flip.sum()))]
    labels = pd.DataFrame({"transcript_id": tids, "standard_id": sids, "status": human,
                           "reviewer": np.where(rng.random(n) < 0.5, "ana", "ben")})
    return results, labels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--transcripts", type=int, default=10_000)
    parser.add_argument("--standards", type=int, default=10)
    args = parser.parse_args()
    results, labels = synthetic(args.transcripts, args.standards)
    with tempfile.TemporaryDirectory() as tmp:
        res_path, lab_path = Path(tmp) / "results.parquet", Path(tmp) / "labels.csv"
        results.to_parquet(res_path)
        labels.to_csv(lab_path, index=False)
        rows = []

        def timed(step: str, fn):
            start = time.perf_counter()
            value = fn()
            rows.append((step, time.perf_counter() - start))
            return value

        human = timed("read labels (CSV)", lambda: read_labels(lab_path))
        machine = timed("read results (Parquet, evidence parsed)",
                        lambda: read_results(res_path))
        result = timed("join and score (frames in)", lambda: agreement(machine, human))
        timed("end to end (files in)", lambda: agreement(res_path, lab_path))
        timed("to_dict + JSON", lambda: json.dumps(result.to_dict()))
    print(f"{len(labels):,} labels, {len(results):,} result rows, {args.standards} standards, "
          f"{len(result.disagreements):,} disagreements\n")
    print(f"{'step':<45} {'seconds':>8}")
    for step, seconds in rows:
        print(f"{step:<45} {seconds:>8.2f}")


if __name__ == "__main__":
    main()
