"""Train the courtesy model (`csnlp.ml.courtesy`) on conversations a QA team has labelled.

    python -m csnlp.calibration.courtesy --devsets benchmarks/devsets --out models/courtesy-v1

Each labelled conversation is judged once by the standard set with the tone standard's overall
reading switched off: that gives the rule verdict and the features the tone detector reads
(`ToneDetector.overall_values`, with the other standards' verdicts before it). The label is
whether the reviewer missed the standard. A standardised logistic regression is fitted on all
of them; its threshold is chosen by leave-one-group-out cross-validation (a group is a wave of
the DEV sets: the digits of its file name, so a writer's conversations are never both trained
on and scored), as the probability that turns the most rule-met verdicts the reviewer missed
into misses, less 1.5 times the met ones it breaks (`BROKEN_COST`, as the blame model's: a verdict
that wrongly calls a courteous agent curt costs a QA lead's trust more than one more curt agent
missed). The table of that search goes into meta.json and the model card.

The shipped model is trained on benchmarks/devsets (the DEV waves, read and tuned on); the blind
waves (benchmarks/blind) and the held-out paraphrases are never read here.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from csnlp.errors import CsnlpError, InputError
from csnlp.ml.courtesy import FEATURES, CourtesyModel, model_id

#: Thresholds tried by the cross-validation.
THRESHOLDS = tuple(round(0.5 + 0.05 * k, 2) for k in range(9))

#: What a wrongly missed verdict costs against a fixed one when the threshold is chosen (as
#: `csnlp.calibration.blame.BROKEN_COST`).
BROKEN_COST = 1.5


def devset_cases(folder: str | Path) -> Iterable[tuple[str, dict, dict]]:
    """(group, transcript, expect) of every case in a folder of paraphrase-format YAML files
    (`benchmarks/devsets`), the group being the file name's digits ("calls35" -> "35")."""
    import yaml

    paths = sorted(Path(folder).glob("*.yaml"))
    if not paths:
        raise InputError(f"courtesy: no .yaml files in {folder}")
    for path in paths:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        group = re.sub(r"\D", "", path.stem) or path.stem
        for n, case in enumerate(data.get("cases") or []):
            if not isinstance(case, dict) or "transcript" not in case or "expect" not in case:
                raise InputError(f"courtesy: {path.name}: cases[{n}] needs transcript and expect")
            yield group, case["transcript"], case["expect"]


def feature_rows(cases: Iterable[tuple[str, Any, dict]], standards: Any = "contact_center",
                 standard_id: str = "polite_tone") -> dict[str, Any]:
    """The features, labels, rule verdicts and groups of the labelled cases: arrays `X`, `y`
    (the reviewer missed it), `rule_met` (the rules alone met it), `reviewer_met`, `groups`."""
    from csnlp.detectors.kinds.tone import ToneDetector
    from csnlp.evaluator import Evaluator
    from csnlp.ingest import coerce

    ev = Evaluator(standards, redact=False)
    pairs = list(zip(ev.standard_set.standards, ev.detectors, strict=True))
    tone = [d for s, d in pairs if s.id == standard_id]
    if not tone or not isinstance(tone[0], ToneDetector):
        raise InputError(f"courtesy: {standard_id!r} is not a tone standard of the set")
    detector = tone[0]
    detector.courtesy = None  # the rule verdict, without the model being trained
    X, y, rule_met, reviewer_met, groups, eligible = [], [], [], [], [], []
    for group, raw, expect in cases:
        label = expect.get(standard_id)
        if label not in ("met", "missed"):
            continue
        t = coerce(raw)
        ctx = ev.context(t, ev.annotator.annotate([x.text for x in t.turns],
                                                  [x.speaker for x in t.turns]))
        verdict = ev.judge_context(ctx, until=standard_id)[-1]
        values = detector.overall_values(ctx)
        if values is None:
            continue
        X.append([values[f] for f in FEATURES])
        eligible.append(detector.overall_applies(values))
        y.append(label == "missed")
        reviewer_met.append(label == "met")
        rule_met.append(verdict.status.value == "met")
        groups.append(group)
    return {"X": np.array(X, dtype=float), "y": np.array(y), "rule_met": np.array(rule_met),
            "reviewer_met": np.array(reviewer_met), "groups": np.array(groups),
            "eligible": np.array(eligible),
            "provenance": dict(ev.provenance)}


def _fit(X: np.ndarray, y: np.ndarray, C: float = 1.0) -> tuple[np.ndarray, np.ndarray, Any]:
    from sklearn.linear_model import LogisticRegression

    means = X.mean(axis=0)
    scales = X.std(axis=0)
    scales[scales == 0] = 1.0
    lr = LogisticRegression(C=C, max_iter=5000).fit((X - means) / scales, y)
    return means, scales, lr


def cross_validate(rows: dict[str, Any], thresholds: Sequence[float] = THRESHOLDS
                   ) -> list[dict[str, Any]]:
    """Leave-one-group-out: for each threshold, how many rule-met verdicts the held-out model
    turns into misses (`flips`), of which the reviewer missed (`fixed`) or met (`broken`);
    only where the reading is made (`eligible`, `ToneDetector.overall_applies`), though every
    row trains."""
    X, y, groups = rows["X"], rows["y"], rows["groups"]
    probs = np.zeros(len(y))
    for g in sorted(set(groups.tolist())):
        train, test = groups != g, groups == g
        if len(set(y[train].tolist())) < 2:
            raise InputError("courtesy: a training fold has one class only")
        means, scales, lr = _fit(X[train], y[train])
        probs[test] = lr.predict_proba((X[test] - means) / scales)[:, 1]
    out = []
    for t in thresholds:
        flip = rows["rule_met"] & (probs >= t) & rows.get("eligible", np.ones(len(y), bool))
        fixed, broken = int((flip & y).sum()), int((flip & rows["reviewer_met"]).sum())
        out.append({"threshold": t, "flips": int(flip.sum()), "fixed": fixed, "broken": broken,
                    "net": fixed - broken, "score": round(fixed - BROKEN_COST * broken, 2)})
    return out


def train_courtesy(rows: dict[str, Any]) -> tuple[CourtesyModel, dict[str, Any]]:
    """The model fitted on all rows, its threshold the cross-validation's best `score` (ties:
    the higher), and meta with the search."""
    if len(rows["y"]) < 50 or rows["y"].sum() < 10:
        raise InputError(f"courtesy: too few labelled conversations ({len(rows['y'])}, "
                         f"{int(rows['y'].sum())} missed); need 50 and 10")
    table = cross_validate(rows)
    best = max(table, key=lambda r: (r["score"], r["threshold"]))
    means, scales, lr = _fit(rows["X"], rows["y"])
    params = {"features": list(FEATURES), "means": [round(float(v), 6) for v in means],
              "scales": [round(float(v), 6) for v in scales],
              "weights": [round(float(v), 6) for v in lr.coef_[0]],
              "intercept": round(float(lr.intercept_[0]), 6), "threshold": best["threshold"]}
    model = CourtesyModel(model_id=model_id(params), features=tuple(FEATURES),
                          means=tuple(params["means"]), scales=tuple(params["scales"]),
                          weights=tuple(params["weights"]), intercept=params["intercept"],
                          threshold=params["threshold"])
    meta = {"model_id": model.model_id, "n": int(len(rows["y"])),
            "reviewer_missed": int(rows["y"].sum()), "rule_met": int(rows["rule_met"].sum()),
            "groups": len(set(rows["groups"].tolist())), "cross_validation": table,
            "chosen": best}
    return model, meta


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m csnlp.calibration.courtesy",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--devsets", required=True, help="folder of labelled YAML case files")
    parser.add_argument("--out", required=True, help="model directory to write")
    parser.add_argument("--standards", default="contact_center")
    parser.add_argument("--standard", default="polite_tone")
    args = parser.parse_args(argv)
    try:
        rows = feature_rows(devset_cases(args.devsets), args.standards, args.standard)
        model, meta = train_courtesy(rows)
    except CsnlpError as exc:
        print(f"courtesy: error: {exc}", file=sys.stderr)
        return 2
    from csnlp.ml.common import created, versions

    files = sorted(Path(args.devsets).glob("*.yaml"))
    provenance = rows["provenance"]
    meta.update({
        "created": created(), "versions": versions(), "standards": args.standards,
        "standard": args.standard, "tone_model": provenance.get("tone_model"),
        "standards_digest": provenance.get("standards_digest"),
        "devsets_sha256": hashlib.sha256(b"".join(
            f.name.encode() + hashlib.sha256(f.read_bytes()).digest() for f in files)).hexdigest(),
        "retrain": f"python -m csnlp.calibration.courtesy --devsets {args.devsets} "
                   f"--out {args.out}",
    })
    model.save(args.out, meta=meta)
    print(f"wrote {model.model_id} to {args.out}: {meta['n']} conversations, "
          f"{meta['reviewer_missed']} missed by the reviewer")
    print("| threshold | flips | fixed | broken | net | fixed - 1.5 x broken |\n"
          "|---:|---:|---:|---:|---:|---:|")
    for r in meta["cross_validation"]:
        print(f"| {r['threshold']:.2f} | {r['flips']} | {r['fixed']} | {r['broken']} "
              f"| {r['net']} | {r['score']:+.1f} |")
    print(f"chosen threshold {model.threshold:.2f}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
