"""Writer-held-out check of the written service lines (issue 13): does what one writer taught
the `frustrated` head carry to a writer it never saw?

For each of the three writers of csnlp/ml/data/service_tone (voice, chat, social), the head is
trained on everything `csnlp train-tone` uses except that writer's lines, then scores them.
Each row weight pair is run this way; "none" trains without any written line (the recipe
before they existed). Reported, averaged over the three held-out writers: ROC AUC on the
held-out writer's lines, the share of its complaints at or above the trigger, the share of
its calm lines below it; and on data no configuration trains on: the hand-made check of
benchmarks/tone.py (40 complaints, 40 calm lines) and MultiDoGO dev calm turns over the bar.
The shipped weights (SERVICE_LINE_WEIGHTS) were chosen from this table. C and the strategy
weight are fixed at the shipped model's (C=4, 0.25) so rows differ only in the lines.

    python benchmarks/tone_writers.py [--data ../shared/data] [--min 0.8]
        [--weights 10,20 20,20 ...]   # complaint,calm row weights to compare (~6 s each)
    python benchmarks/tone_writers.py --label rude --min 0.9 --weights 10,10 20,20
        # the same for the agent lines of csnlp/ml/data/agent_tone and the `rude` head, with
        # the share of real clerk turns (SGD and MultiWOZ test) over the bar
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from sklearn.metrics import roc_auc_score

sys.path.insert(0, str(Path(__file__).resolve().parent))

import tone as B  # noqa: E402  (benchmarks/tone.py: the hand-made check)

from csnlp.ml import train_tone as TT  # noqa: E402
from csnlp.ml.tone import ToneModel  # noqa: E402


def _fit(data: str, writers: tuple[str, ...], weights: dict[int, float] | None) -> ToneModel:
    ts = TT.build_training_set(data, ("frustrated",), writers=writers, line_weights=weights)
    model = ToneModel(labels=ts.labels, Cs=(4.0,), strategy_weights=(0.25,),
                      balanced=["frustrated"], random_state=0)
    return model.fit(ts.texts, ts.y, sample_weight=ts.weights,
                     validation=(ts.val_texts, ts.val_y))


def run(data: str, bar: float, pairs: list[tuple[float, float] | None]) -> list[dict]:
    calm_dev = TT.load_calm_turns(data, "multidogo-dev")
    check_c, check_k = list(B.SERVICE_COMPLAINTS_CHECK), list(B.SERVICE_CALM_CHECK)
    rows = []
    for pair in pairs:
        cells = []
        for held in TT.SERVICE_WRITERS:
            others = () if pair is None else tuple(w for w in TT.SERVICE_WRITERS if w != held)
            model = _fit(data, others, None if pair is None else {1: pair[0], 0: pair[1]})

            def score(texts: list[str], model: ToneModel = model) -> np.ndarray:
                return model.predict_proba(texts)[:, 0]

            texts, labels = TT.load_service_lines((held,))
            y, p = np.array(labels), score(texts)
            pc, pk = score(check_c), score(check_k)
            cells.append({
                "auc": roc_auc_score(y, p), "comp": (p[y == 1] >= bar).mean(),
                "calm": (p[y == 0] < bar).mean(),
                "check_auc": roc_auc_score([1] * len(pc) + [0] * len(pk), np.r_[pc, pk]),
                "check_comp": (pc >= bar).mean(), "check_calm": (pk < bar).mean(),
                "mdg_over": (score(calm_dev) >= bar).mean()})
        rows.append({"weights": "none" if pair is None else f"{pair[0]:g} / {pair[1]:g}",
                     **{k: float(np.mean([c[k] for c in cells])) for k in cells[0]}})
    return rows


def _fit_rude(data: str, writers: tuple[str, ...], weights: dict[int, float] | None
              ) -> ToneModel:
    ts = TT.build_training_set(data, ("rude",), agent_writers=writers, agent_weights=weights)
    model = ToneModel(labels=ts.labels, Cs=TT.CS, strategy_weights=(0.25,), balanced=["rude"],
                      random_state=0)
    return model.fit(ts.texts, ts.y, sample_weight=ts.weights)


def run_rude(data: str, bar: float, pairs: list[tuple[float, float]]) -> list[dict]:
    """The `rude` head, each writer of both labels of csnlp/ml/data/agent_tone held out in
    turn (the writers of ordinary turns only always train)."""
    clerks = [*TT.load_clerk_turns(data, "sgd-test"), *TT.load_clerk_turns(data, "multiwoz-test")]
    rows = []
    for pair in pairs:
        cells = []
        for held in TT.AGENT_MIXED_WRITERS:
            others = tuple(w for w in TT.AGENT_WRITERS if w != held)
            model = _fit_rude(data, others, {1: pair[0], 0: pair[1]})
            texts, labels = TT.load_agent_lines((held,))
            y, p = np.array(labels), model.predict_proba(texts)[:, 0]
            cells.append({"auc": roc_auc_score(y, p), "comp": (p[y == 1] >= bar).mean(),
                          "calm": (p[y == 0] < bar).mean(),
                          "mdg_over": (model.predict_proba(clerks)[:, 0] >= bar).mean()})
        rows.append({"weights": f"{pair[0]:g} / {pair[1]:g}",
                     **{k: float(np.mean([c[k] for c in cells])) for k in cells[0]}})
    return rows


def main_rude(args: argparse.Namespace) -> int:
    pairs = [(float(a), float(b)) for a, b in (w.split(",") for w in args.weights)]
    rows = run_rude(args.data, args.min, pairs)
    print(f"Written agent lines (`rude`), writer held out (mean of 3), bar {args.min}; shipped "
          f"weights {TT.AGENT_LINE_WEIGHTS[1]:g} / {TT.AGENT_LINE_WEIGHTS[0]:g}\n")
    print("| weights (rude / courteous) | held-out writer ROC AUC | its rude >= bar | "
          "its courteous < bar | SGD + MultiWOZ test clerk turns >= bar |")
    print("|---|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['weights']} | {r['auc']:.3f} | {r['comp']:.3f} | {r['calm']:.3f} | "
              f"{r['mdg_over']:.4f} |")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared/data"))
    ap.add_argument("--min", type=float, default=0.8, help="the trigger (default 0.8)")
    ap.add_argument("--weights", nargs="*", default=["5,5", "10,10", "10,20", "20,20", "40,40"],
                    help="complaint,calm row weights")
    ap.add_argument("--label", choices=("frustrated", "rude"), default="frustrated",
                    help="the head to check: customer lines (frustrated) or agent lines (rude)")
    args = ap.parse_args(argv)
    if args.label == "rude":
        return main_rude(args)
    pairs: list[tuple[float, float] | None] = [None] + [
        (float(a), float(b)) for a, b in (w.split(",") for w in args.weights)]
    rows = run(args.data, args.min, pairs)
    print(f"Written service lines, writer held out (mean of 3), trigger {args.min}; shipped "
          f"weights {TT.SERVICE_LINE_WEIGHTS[1]:g} / {TT.SERVICE_LINE_WEIGHTS[0]:g}\n")
    print("| weights (complaint / calm) | held-out writer ROC AUC | its complaints >= bar | "
          "its calm < bar | check ROC AUC | check complaints >= bar | check calm < bar | "
          "MultiDoGO dev calm >= bar |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['weights']} | {r['auc']:.3f} | {r['comp']:.3f} | {r['calm']:.3f} | "
              f"{r['check_auc']:.3f} | {r['check_comp']:.3f} | {r['check_calm']:.3f} | "
              f"{r['mdg_over']:.4f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
