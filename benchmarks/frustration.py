"""Frustration trigger on customer-service text: calm false triggers against complaint recall.

empathy_on_complaint is required when a customer turn scores `frustrated` >= 0.7 (turns of at
least 3 words, or with "!!", "?!" or an emoji: the pack's `min_words`) or matches the pack's
complaint lists. This measures the model's side of that trigger, in two blocks:

* validation (what model choices are made on): MultiDoGO dev calm customer turns (false
  triggers), MultiDoGO dev problem-report and dispute turns (a rough complaint proxy, also
  split into the company's failures and the customer's mishaps, which are mostly calm),
  GoEmotions dev (anger/annoyance/disappointment vs none), and the customer turns of the DEV
  set benchmarks/devsets/empathy_on_complaint.yaml, model alone (a calm case is a false
  trigger when any of its customer turns scores over the bar; a complaint case is caught when
  any does) and end to end (the pack's verdicts; only when --model is the model csnlp loads,
  i.e. the one under $CSNLP_MODELS_DIR or models/);
* test (reported, never chosen on): MultiDoGO test calm turns, SGD test-split user turns,
  Harper Valley caller turns (human transcripts; evaluation only), MultiDoGO test report and
  dispute turns, GoEmotions test per emotion, ROC AUC, and benchmarks/tone.py's hand-made
  check lines.

    PYTHONPATH=. OPENBLAS_NUM_THREADS=1 .venv/bin/python benchmarks/frustration.py
        [--data ../shared/data] [--model models/tone-v1] [--min 0.7] [--json out.json]
        [--labelled lines.tsv]

`--labelled` also scores a file of your own lines (tab-separated `label<TAB>text` with a header
line; label 1 = frustrated or complaining, 0 = calm), e.g. customer messages a QA team labelled,
or a set written blind to csnlp: ROC AUC and the trigger's rate on each class.

Real turns are deduplicated (lower-cased letters and digits); MultiDoGO is read without the
full-stop copies training adds. About 15 s.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402
import yaml  # noqa: E402

from csnlp.ml import service_data as S  # noqa: E402
from csnlp.ml import train_tone as T  # noqa: E402
from csnlp.ml.tone import ToneModel, load_tone_model  # noqa: E402
from csnlp.nlp.normalise import model_words  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
DEVSET = REPO / "benchmarks" / "devsets" / "empathy_on_complaint.yaml"
MIN_WORDS = 3  # the pack's empathy_on_complaint trigger: tone min_words
# as csnlp.detectors.kinds.respond._EMPHASIS: what lets a short turn be judged by its score
EMPHASIS = re.compile("[!?]{2,}|[\U0001F300-\U0001FAFF\u2600-\u27BF]")
# MultiDoGO intents, fixed here so that sets stay the same whatever training uses: calm turns
# have none of NOT_CALM; the complaint proxy is split into the company's failures (a disputed
# charge, broken software) and the customer's own mishaps (a lost card, a cracked screen),
# which are mostly calm requests ("i lost my card").
NOT_CALM = ("outofdomain", "report", "dispute")
FAILURES = ("disputecharge", "reportbrokensoftware")
MISHAPS = ("reportlostcard", "reportbrokenphone")


def gated(texts: list[str]) -> np.ndarray:
    """True where the pack reads the turn's score: >= MIN_WORDS words, or emphasis."""
    return np.array([sum(any(c.isalnum() for c in w) for w in model_words(t)) >= MIN_WORDS
                     or bool(EMPHASIS.search(t)) for t in texts])


def _dedupe(texts: list[str]) -> list[str]:
    return T._dedupe(texts, [0] * len(texts))[0]


def multidogo(data: Path, split: str) -> dict[str, list[str]]:
    """Customer turns of one MultiDoGO split, deduplicated: 'calm', 'report/dispute' (all of
    them, the brief's rough complaint proxy), 'failures' and 'mishaps' (its two halves)."""
    sets: dict[str, list[str]] = {"calm": [], "report/dispute": [], "failures": [],
                                  "mishaps": []}
    for turn in S.read_multidogo(data, split):
        if not any(a.startswith(NOT_CALM) for a in turn.acts):
            sets["calm"].append(turn.text)
            continue
        if any(a.startswith(("report", "dispute")) for a in turn.acts):
            sets["report/dispute"].append(turn.text)
        for key, intents in (("failures", FAILURES), ("mishaps", MISHAPS)):
            if turn.acts & set(intents):
                sets[key].append(turn.text)
    return {key: _dedupe(texts) for key, texts in sets.items()}


def harper_valley_callers(data: Path) -> list[str]:
    texts = []
    for path in sorted((data / "harper-valley" / "transcript").glob("*.json")):
        for turn in json.loads(path.read_text(encoding="utf-8")):
            if turn.get("speaker_role") == "caller" and turn.get("human_transcript"):
                texts.append(turn["human_transcript"])
    return _dedupe(texts)


def goemotions(data: Path, split: str) -> dict[str, list[str]]:
    """'none' (none of the frustrated emotions nor disapproval), 'frustrated' (any of them)
    and each emotion alone."""
    texts, Y = T.load_goemotions(data, split, ["frustrated"])
    out = {"none": [t for t, y in zip(texts, Y[:, 0], strict=True) if y == 0],
           "frustrated": [t for t, y in zip(texts, Y[:, 0], strict=True) if y == 1]}
    for emotion in T.EMOTION_LABELS["frustrated"]:
        _, E = T.load_goemotions(data, split, [emotion], mapping={emotion: [emotion]},
                                 unlabelled={})
        out[emotion] = [t for t, e in zip(texts, E[:, 0], strict=True) if e == 1]
    return out


def devset_cases(path: Path = DEVSET) -> list[tuple[str, bool, list[str]]]:
    """(name, is a complaint case, customer turn texts) of the DEV set."""
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [(c["name"], c["expect"]["empathy_on_complaint"] != "not_applicable",
             [t["text"] for t in c["transcript"]["turns"] if t["speaker"] == "customer"])
            for c in doc["cases"]]


def _auc(pos: np.ndarray, neg: np.ndarray) -> float:
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(np.r_[np.ones(len(pos)), np.zeros(len(neg))], np.r_[pos, neg]))


class Scorer:
    def __init__(self, model: ToneModel, bar: float) -> None:
        self.model, self.bar = model, bar
        self.j = list(model.labels).index("frustrated")

    def __call__(self, texts: list[str]) -> np.ndarray:
        return self.model.predict_proba(texts)[:, self.j] if texts else np.zeros(0)

    def over(self, texts: list[str]) -> dict:
        """Share of turns the trigger fires on (gated as the pack does), and the raw share."""
        p = self(texts)
        hit = (p >= self.bar) & gated(texts)
        return {"n": len(texts), "over": float(hit.mean()), "over_ungated": float(
            (p >= self.bar).mean()), "n_over": int(hit.sum())}


def devset(scorer: Scorer, end_to_end: bool = True) -> dict:
    cases = devset_cases()
    calm_fp = caught = n_calm = n_comp = 0
    for _, complaint, turns in cases:
        fired = bool(((scorer(turns) >= scorer.bar) & gated(turns)).any())
        n_comp += complaint
        n_calm += not complaint
        caught += complaint and fired
        calm_fp += (not complaint) and fired
    out = {"n_complaint": n_comp, "n_calm": n_calm,
           "model_recall": caught / max(n_comp, 1), "model_calm_over": calm_fp / max(n_calm, 1)}
    from csnlp.ml.tone import default_tone_model

    shipped = default_tone_model()
    # evaluate() scores with the model csnlp loads (CSNLP_MODELS_DIR), not with `scorer`'s
    if end_to_end and shipped is not None and shipped.model_id == scorer.model.model_id:
        sys.path.insert(0, str(REPO / "benchmarks"))
        from paraphrases import judge

        doc = yaml.safe_load(DEVSET.read_text(encoding="utf-8"))
        ok = sum(judge(c)["empathy_on_complaint"][0] == c["expect"]["empathy_on_complaint"]
                 for c in doc["cases"])
        out["agreement"] = ok / len(doc["cases"])
    return out


def validation(data: Path, scorer: Scorer, end_to_end: bool = True) -> dict:
    m = multidogo(data, "dev")
    g = goemotions(data, "dev")
    return {**{f"multidogo-dev {key}": scorer.over(texts) for key, texts in m.items()},
            "goemotions-dev frustrated": scorer.over(g["frustrated"]),
            "goemotions-dev none": scorer.over(g["none"]),
            "goemotions-dev auc": _auc(scorer(g["frustrated"]), scorer(g["none"])),
            "devset": devset(scorer, end_to_end)}


def test(data: Path, scorer: Scorer) -> dict:
    sys.path.insert(0, str(REPO / "benchmarks"))
    from tone import SERVICE_CALM_CHECK, SERVICE_COMPLAINTS_CHECK

    m = multidogo(data, "test")
    calm, complaint = m["calm"], m["report/dispute"]
    sgd = _dedupe([t.text for t in S.read_sgd(data, "test") if t.side == "customer"])
    hv = harper_valley_callers(data)
    g = goemotions(data, "test")
    out = {"multidogo-test calm": scorer.over(calm), "sgd-test user": scorer.over(sgd),
           "harper-valley caller": scorer.over(hv),
           **{f"multidogo-test {key}": scorer.over(texts) for key, texts in m.items()
              if key != "calm"}}
    for key in ("frustrated", *T.EMOTION_LABELS["frustrated"], "none"):
        out[f"goemotions-test {key}"] = scorer.over(g[key])
    comp_check, calm_check = list(SERVICE_COMPLAINTS_CHECK), list(SERVICE_CALM_CHECK)
    out["check complaints"] = scorer.over(comp_check)
    out["check calm"] = scorer.over(calm_check)
    none = scorer(g["none"])
    out["auc"] = {
        "goemotions-test": _auc(scorer(g["frustrated"]), none),
        "service calm (3 sets) vs goemotions-test frustrated":
            _auc(scorer(g["frustrated"]), scorer([*calm, *sgd, *hv])),
        "multidogo-test report/dispute vs calm": _auc(scorer(complaint), scorer(calm)),
        "check lines": _auc(scorer(comp_check), scorer(calm_check)),
    }
    return out


def read_labelled(path: Path) -> tuple[list[str], list[str]]:
    """(frustrated, calm) lines of a `label<TAB>text` file with a header line."""
    import csv

    pos: list[str] = []
    neg: list[str] = []
    with path.open(encoding="utf-8", newline="") as f:
        rows = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(rows, None)
        for n, row in enumerate(rows, start=2):
            if not row:
                continue
            if len(row) != 2 or row[0].strip() not in ("0", "1"):
                raise SystemExit(f"{path}:{n}: expected 'label<TAB>text' with label 0 or 1")
            (pos if row[0].strip() == "1" else neg).append(row[1])
    if not pos or not neg:
        raise SystemExit(f"{path}: needs lines of both labels (0 and 1)")
    return pos, neg


def labelled(path: Path, scorer: Scorer) -> dict:
    pos, neg = read_labelled(path)
    return {"file": str(path), "frustrated": scorer.over(pos), "calm": scorer.over(neg),
            "auc": _auc(scorer(pos), scorer(neg))}


def report(r: dict) -> str:
    bar = r["min"]
    lines = [f"Frustration trigger, model {r['model_id']}, bar {bar} (min_words {MIN_WORDS})",
             "", "| set | n | over the bar (gated) | over (ungated) |", "|---|---:|---:|---:|"]
    for block in ("validation", "test"):
        lines.append(f"| **{block}** | | | |")
        for key, e in r[block].items():
            if isinstance(e, dict) and "over" in e:
                lines.append(f"| {key} | {e['n']} | {e['over']:.4f} ({e['n_over']}) | "
                             f"{e['over_ungated']:.4f} |")
    v = r["validation"]
    d = v["devset"]
    lines += ["", f"GoEmotions dev ROC AUC: {v['goemotions-dev auc']:.4f}",
              f"DEV set ({d['n_complaint']} complaint / {d['n_calm']} calm cases): model alone "
              f"catches {d['model_recall']:.3f} of complaints, fires on {d['model_calm_over']:.3f}"
              " of calm cases" + (f"; end-to-end agreement {d['agreement']:.3f}"
                                  if "agreement" in d else "")]
    lines += ["", "ROC AUC (test):"] + [f"- {k}: {x:.4f}" for k, x in r["test"]["auc"].items()]
    if "labelled" in r:
        e = r["labelled"]
        lines += ["", f"{e['file']}: ROC AUC {e['auc']:.4f}; over the bar (gated): frustrated "
                  f"{e['frustrated']['over']:.3f} of {e['frustrated']['n']}, calm "
                  f"{e['calm']['over']:.3f} of {e['calm']['n']}"]
    return "\n".join(lines)


def run(data: Path, model: ToneModel, bar: float, *, with_test: bool = True,
        end_to_end: bool = True) -> dict:
    scorer = Scorer(model, bar)
    out = {"model_id": model.model_id, "min": bar,
           "validation": validation(data, scorer, end_to_end)}
    if with_test:
        out["test"] = test(data, scorer)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=REPO / ".." / "shared" / "data")
    ap.add_argument("--model", type=Path, default=None, help="model directory (default shipped)")
    ap.add_argument("--min", type=float, default=0.7, help="the trigger's bar (pack: 0.7)")
    ap.add_argument("--json", type=Path, help="also write the numbers as JSON")
    ap.add_argument("--labelled", type=Path,
                    help="also score a 'label<TAB>text' file of your own (1 = frustrated)")
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        print(f"no data at {args.data}", file=sys.stderr)
        return 2
    model = load_tone_model(args.model)
    r = run(args.data, model, args.min)
    if args.labelled:
        r["labelled"] = labelled(args.labelled, Scorer(model, args.min))
    print(report(r))
    if args.json:
        args.json.write_text(json.dumps(r, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
