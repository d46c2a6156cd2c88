"""Tone model benchmark: accuracy against the published politeness figures, frustration on
GoEmotions, speed against spaCy's tokenizer, size on disk. One command, tables on stdout:

    OPENBLAS_NUM_THREADS=1 .venv/bin/python benchmarks/tone.py [--data ../shared/data]
        [--model models/tone-v1] [--folds 10] [--json results.json]

* TyDiP English binary test (251 requests): the shipped model, which never saw them, and the
  TyDiP paper's protocol (the shipped recipe trained on TyDiP's binary train split only).
* Stanford Politeness, in-domain: 10-fold CV within Wikipedia and within Stack Exchange, and
  cross-domain: train on one, test on the other. Each training run is the shipped recipe on
  the training part only (its C and strategy weight chosen by inner 5-fold CV): nested, so no
  figure was tuned on its own test rows. The paper used leave-one-out CV; 10-fold is close.
* GoEmotions test (5,427 comments): `frustrated` and `grateful` of the shipped model, with
  the thresholds chosen on the dev split.
* Customer-service frustration (`--service-only` runs just this): held-out calm customer
  turns (MultiDoGO test, SGD test split, MultiWOZ test) against GoEmotions test frustrated
  comments, short rejections and goodbyes, and a hand-made check of complaints and calm
  lines (SERVICE_COMPLAINTS_CHECK, SERVICE_CALM_CHECK) never trained on.
* Speed: 10,000 customer-service turns (SGD user/system turns + Harper Valley call turns,
  repeated to 10,000), one process, CPU time of this process (`time.process_time`, so other
  jobs on the machine do not count), best of several interleaved runs.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402

from csnlp.ml import train_tone as T  # noqa: E402
from csnlp.ml.tone import ToneModel, default_model_dir, load_tone_model  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
BATCH = 256  # nlp.pipe batch size, csnlp_tone's default
# Danescu-Niculescu-Mizil et al. (ACL 2013), in-domain Wikipedia, leave-one-out CV.
PAPER_WIKI = {"bag of words": 79.8, "linguistic features": 83.8, "human": 86.7}

# The hand-made check of issue 13's frustration categories, written for this benchmark and
# never trained on (train_tone.SERVICE_COMPLAINTS are other sentences): complaints as customers
# post them to a support account, and calm customer lines that must not trigger empathy.
SERVICE_COMPLAINTS_CHECK = (
    "@acme your app logged me out AGAIN and now my password doesn't work",
    'four calls and nobody can tell me where my refund is',
    'seriously?? charged twice for the same order',
    "I was promised a callback on Monday. It's Thursday.",
    'your chat bot is useless, just give me a human',
    'Waited 50 minutes on hold just to get disconnected 🙄',
    'great job, my package went to the wrong city. again.',
    'why is it so hard to cancel a subscription',
    "this is the third time I'm explaining the same problem",
    'Internet down since yesterday and still no update from you',
    'absolutely fed up with these delays',
    'my order never arrived and support keeps ignoring my emails',
    'thanks for nothing',
    'you lost my bag and now nobody answers the phone 😤',
    'How many times do I have to ask for the invoice?!',
    '10 days waiting for a technician. TEN DAYS.',
    "the update broke everything, can't even open the app",
    'wow, another price increase and the service keeps getting worse',
    'not impressed. the replacement is broken too',
    'stop sending me marketing emails, I unsubscribed weeks ago',
    "I'm done with this company",
    "still waiting on that 'quick' fix you promised last week",
    "paid for express shipping and it's been a week",
    'this is unacceptable, I want to speak to a manager',
    'nobody in your store knew anything. waste of an afternoon',
    'the app crashes every single time I try to pay 😠',
    'how is this still not fixed',
    'Love being on hold for an hour. Really top service 🙃',
    "your website has been down all morning and I can't pay my bill",
    'I got billed after cancelling. Fix it.',
    'disgusting customer service, never again',
    "my card got declined for no reason and I'm stuck at the checkout",
    'the driver never showed up and I missed my flight',
    "you keep saying it's escalated but nothing happens",
    'flight delayed 5 hours and not a single update from the crew',
    "why does every call end with 'we'll get back to you' and then nothing",
    'ugh, wrong item AGAIN',
    "I've been a customer for ten years and this is how you treat me?",
    'so the refund takes 30 days now? ridiculous',
    'the battery dies in two hours, this phone is a joke',
)
SERVICE_CALM_CHECK = (
    'no',
    'No.',
    "nope, that's everything",
    "no, I'm all set",
    "no thank you, you've been great",
    "nah that's it",
    "that's all for today",
    'thanks!',
    'thank you so much for your help',
    'ok great, thanks',
    'bye',
    'have a good one',
    'you too, bye',
    'yes please',
    "yes that's right",
    'ok',
    'sure',
    "I'd like to change my delivery address",
    'can you check the status of my order?',
    'my account number is 4471',
    'I want to book a table for two on friday',
    'what time do you open tomorrow?',
    'could you send me the invoice by email',
    'I need to update my phone number',
    'hi, I have a question about my bill',
    'hello',
    'good morning',
    'no, that was it',
    'not right now, thanks',
    "No I don't need anything else",
    'nothing else, thanks',
    'perfect, that works',
    "It's Maria Lopez",
    'the email is jane at example dot com',
    "I'd like to pay with card",
    'no problem',
    'one moment please',
    'is there a fee for that?',
    'Do you deliver on Sundays?',
    'no, the other one',
)
TRIGGERS = (0.5, 0.6, 0.7, 0.8)


def _accuracy(y, p) -> float:
    return float(((np.asarray(p) >= 0.5) == np.asarray(y)).mean() * 100)


def polite_fit(texts, y, seed: int = 0) -> ToneModel:
    """The shipped recipe for `polite`, on the given rows only."""
    return ToneModel(labels=("polite",), random_state=seed).fit(texts, np.asarray(y)[:, None])


def in_domain_cv(texts, y, folds: int, seed: int = 0) -> float:
    from sklearn.model_selection import StratifiedKFold

    texts, y = np.array(texts, dtype=object), np.asarray(y)
    correct = 0
    split = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    for train, test in split.split(texts, y):
        model = polite_fit(list(texts[train]), y[train], seed)
        correct += int(((model.predict_proba(list(texts[test]))[:, 0] >= 0.5) == y[test]).sum())
    return correct / len(y) * 100


def politeness(data: Path, model: ToneModel, folds: int) -> dict:
    out: dict = {}
    texts, y = T.load_tydip_binary(data, "test")
    p = model.predict_proba(texts)[:, list(model.labels).index("polite")]
    out["tydip_test"] = {"accuracy": _accuracy(y, p), "n": len(y)}
    m = polite_fit(*T.load_tydip_binary(data, "train"))
    out["tydip_protocol"] = {"accuracy": _accuracy(y, m.predict_proba(texts)[:, 0]),
                             "n": len(y)}
    wiki = T.load_stanford(data, "wikipedia")
    se = T.load_stanford(data, "stack-exchange")
    out["wikipedia_cv"] = {"accuracy": in_domain_cv(*wiki, folds), "n": len(wiki[1])}
    out["stack_exchange_cv"] = {"accuracy": in_domain_cv(*se, folds), "n": len(se[1])}
    m = polite_fit(*wiki)
    out["wiki_to_se"] = {"accuracy": _accuracy(se[1], m.predict_proba(se[0])[:, 0]),
                         "n": len(se[1])}
    m = polite_fit(*se)
    out["se_to_wiki"] = {"accuracy": _accuracy(wiki[1], m.predict_proba(wiki[0])[:, 0]),
                         "n": len(wiki[1])}
    return out


def emotions(data: Path, model: ToneModel) -> dict:
    from sklearn.metrics import brier_score_loss, precision_recall_fscore_support, roc_auc_score

    labels = [x for x in model.labels if x in T.EMOTION_LABELS]
    texts, Y = T.load_goemotions(data, "test", labels)
    proba = model.predict_proba(texts)
    out: dict = {}
    for i, label in enumerate(labels):
        rows = Y[:, i] >= 0  # disapproval alone is unlabelled for frustrated
        y, p = Y[rows, i], proba[rows, list(model.labels).index(label)]
        threshold = model.thresholds[label]
        prec, rec, f1, _ = precision_recall_fscore_support(y, p >= threshold, average="binary",
                                                           zero_division=0)
        out[label] = {"roc_auc": roc_auc_score(y, p), "precision": prec, "recall": rec,
                      "f1": f1, "threshold": threshold, "brier": brier_score_loss(y, p),
                      "mean_p": float(p.mean()), "base_rate": float(y.mean()),
                      "n": len(y), "positive": int(y.sum())}
    if "frustrated" in labels:
        # how well each emotion of the union is ranked above the comments with none of them
        p = proba[:, list(model.labels).index("frustrated")]
        y = Y[:, labels.index("frustrated")]
        for emotion in (*T.EMOTION_LABELS["frustrated"], *T.EMOTION_UNLABELLED["frustrated"]):
            _, E = T.load_goemotions(data, "test", [emotion], mapping={emotion: [emotion]})
            E = E[:, 0]
            rows = (E == 1) | (y == 0)
            out[f"frustrated/{emotion}"] = {"roc_auc": roc_auc_score(E[rows], p[rows]),
                                            "n": int(E.sum())}
    return out


def service_frustration(data: Path, model: ToneModel) -> dict:
    """`frustrated` on customer-service text nothing was trained or tuned on: calm customer
    turns of MultiDoGO test, SGD test split and MultiWOZ test against GoEmotions test
    frustrated comments; MultiDoGO test rejections and goodbyes alone; the hand-made check."""

    j = list(model.labels).index("frustrated")

    def score(texts: list[str]) -> np.ndarray:
        return model.predict_proba(texts)[:, j]

    texts, Y = T.load_goemotions(data, "test", ["frustrated"])
    positives = score([t for t, y in zip(texts, Y[:, 0], strict=True) if y == 1])
    out: dict = {"triggers": list(TRIGGERS)}
    calm_all = []
    for source in ("multidogo-test", "sgd-test", "multiwoz-test"):
        calm = score(T.load_calm_turns(data, source))
        calm_all.append(calm)
        out[source] = {"n": len(calm), "below": [float((calm < t).mean()) for t in TRIGGERS],
                       "roc_auc_vs_goemotions": _auc(positives, calm)}
    calm = np.concatenate(calm_all)
    out["all_calm"] = {"n": len(calm), "below": [float((calm < t).mean()) for t in TRIGGERS],
                       "roc_auc_vs_goemotions": _auc(positives, calm)}
    out["goemotions_frustrated"] = {"n": len(positives),
                                    "above": [float((positives >= t).mean()) for t in TRIGGERS]}
    from csnlp.ml import service_data as S

    short = {"rejection": [], "closinggreeting": []}
    for turn in S.read_multidogo(data, "test"):
        for intent in short:
            if turn.acts == {intent}:
                short[intent].append(turn.text)
    for intent, lines in short.items():
        p = score(T.with_full_stops(sorted(set(lines))))
        out[f"multidogo-test {intent}"] = {"n": len(p), "max": float(p.max()),
                                           "below": [float((p < t).mean()) for t in TRIGGERS]}
    comp, calm = score(list(SERVICE_COMPLAINTS_CHECK)), score(list(SERVICE_CALM_CHECK))
    out["check"] = {"n_complaints": len(comp), "n_calm": len(calm), "roc_auc": _auc(comp, calm),
                    "complaints_above": [float((comp >= t).mean()) for t in TRIGGERS],
                    "calm_below": [float((calm < t).mean()) for t in TRIGGERS]}
    return out


def _auc(positives: np.ndarray, negatives: np.ndarray) -> float:
    from sklearn.metrics import roc_auc_score

    y = np.r_[np.ones(len(positives)), np.zeros(len(negatives))]
    return float(roc_auc_score(y, np.r_[positives, negatives]))


def service_report(r: dict) -> list[str]:
    head = " | ".join(f">= {t}" for t in r["triggers"])
    lines = ["Frustration on customer-service text (nothing here was trained or tuned on)",
             f"| set | n | ROC AUC vs GoEmotions frustrated | share below {head} |",
             "|---|---:|---:|---|"]
    for key in ("multidogo-test", "sgd-test", "multiwoz-test", "all_calm"):
        e = r[key]
        lines.append(f"| calm {key} | {e['n']} | {e['roc_auc_vs_goemotions']:.3f} | "
                     + " / ".join(f"{b:.3f}" for b in e["below"]) + " |")
    for key in ("multidogo-test rejection", "multidogo-test closinggreeting"):
        e = r[key]
        lines.append(f"| {key} (max {e['max']:.2f}) | {e['n']} | - | "
                     + " / ".join(f"{b:.3f}" for b in e["below"]) + " |")
    g = r["goemotions_frustrated"]
    lines.append(f"GoEmotions test frustrated comments (n={g['n']}) at or above the triggers: "
                 + " / ".join(f"{a:.3f}" for a in g["above"]))
    c = r["check"]
    lines += [f"Hand-made check ({c['n_complaints']} complaints, {c['n_calm']} calm lines): "
              f"ROC AUC {c['roc_auc']:.3f}",
              "| trigger | complaints at or above | calm below |", "|---:|---:|---:|"]
    lines += [f"| {t} | {a:.3f} | {b:.3f} |" for t, a, b in
              zip(r["triggers"], c["complaints_above"], c["calm_below"], strict=True)]
    return lines


def speed_turns(data: Path, n: int = 10_000) -> list[str]:
    turns: list[str] = []
    for path in sorted(glob.glob(str(data / "sgd-sample/test/dialogues_*.json"))):
        for dialogue in json.loads(Path(path).read_text(encoding="utf-8")):
            turns += [t["utterance"] for t in dialogue["turns"]]
    for path in sorted(glob.glob(str(data / "harper-valley/transcript/*.json"))):
        turns += [t["human_transcript"] for t in json.loads(Path(path).read_text("utf-8"))]
    return (turns * (n // max(len(turns), 1) + 1))[:n]


class _BatchingNoop:
    """A component that only batches Docs as csnlp_tone does: what batching alone costs."""

    def __call__(self, doc):
        return doc

    def pipe(self, stream, *, batch_size: int = BATCH):
        from spacy.util import minibatch

        for batch in minibatch(stream, size=batch_size):
            yield from batch


def speed(data: Path, model_dir: Path, repeats: int = 7) -> dict:
    import spacy
    from spacy.language import Language

    from csnlp.ml.tone import tone_scores
    from csnlp.nlp.tone_component import ToneComponent

    if "csnlp_bench_batching_noop" not in Language.factories:
        Language.factory("csnlp_bench_batching_noop", func=lambda nlp, name: _BatchingNoop())
    turns = speed_turns(data)
    nlp = spacy.blank("en")
    component = ToneComponent(tone_model=load_tone_model(model_dir))
    with_tone = spacy.blank("en")
    with_tone.add_pipe("csnlp_tone", config={"model": str(model_dir)})
    batching = spacy.blank("en")
    batching.add_pipe("csnlp_bench_batching_noop")
    docs = list(nlp.pipe(turns, batch_size=BATCH))  # also warms the tokenizer caches
    list(with_tone.pipe(turns, batch_size=BATCH))
    list(batching.pipe(turns, batch_size=BATCH))
    tone_scores(turns[:1000], model=component.model)
    runs = {
        "tokenizer": lambda: [None for _ in nlp.pipe(turns, batch_size=BATCH)],
        "component": lambda: [None for _ in component.pipe(iter(docs), batch_size=BATCH)],
        "batching": lambda: [None for _ in batching.pipe(turns, batch_size=BATCH)],
        "pipeline": lambda: [None for _ in with_tone.pipe(turns, batch_size=BATCH)],
        "tone_scores": lambda: tone_scores(turns, model=component.model),
        "stream": lambda: [component.model.predict_proba_docs(nlp.pipe(turns[i:i + BATCH]))
                           for i in range(0, len(turns), BATCH)],
    }
    best = dict.fromkeys(runs, float("inf"))
    for _ in range(repeats):  # interleaved, so a busy neighbour slows all alike
        for key, run in runs.items():
            t = time.process_time()
            run()
            best[key] = min(best[key], time.process_time() - t)
    n = len(turns)
    out: dict = {key: {"seconds": s, "turns_per_s": n / s, "x_tokenizer": s / best["tokenizer"]}
                 for key, s in best.items()}
    out["n_turns"] = n
    out["avg_tokens"] = float(np.mean([len(d) for d in docs]))
    return out


_WORKER: dict = {}


def _worker_init(model_dir: str) -> None:
    import spacy

    import csnlp.nlp.tone_component  # noqa: F401

    nlp = spacy.blank("en")
    nlp.add_pipe("csnlp_tone", config={"model": model_dir})
    _WORKER["nlp"] = nlp


def _worker_score(texts: list[str]) -> list[float]:
    return [doc._.tone["polite"] for doc in _WORKER["nlp"].pipe(texts, batch_size=BATCH)]


def processes(data: Path, model_dir: Path, n: int, repeats: int = 5) -> dict:
    """Wall-clock turns/s of tokenizer + csnlp_tone in `n` worker processes (warm pool)."""
    from concurrent.futures import ProcessPoolExecutor

    turns = speed_turns(data)
    chunks = [turns[i:i + 1000] for i in range(0, len(turns), 1000)]
    with ProcessPoolExecutor(n, initializer=_worker_init, initargs=(str(model_dir),)) as pool:
        list(pool.map(_worker_score, chunks))  # warm: pipelines built, caches filled
        best = float("inf")
        for _ in range(repeats):
            t = time.perf_counter()
            list(pool.map(_worker_score, chunks))
            best = min(best, time.perf_counter() - t)
    return {"seconds": best, "turns_per_s": len(turns) / best}


def size(model_dir: Path) -> dict:
    files = {p.name: p.stat().st_size for p in sorted(model_dir.iterdir()) if p.is_file()}
    return {"files": files, "total_bytes": sum(files.values())}


def report(r: dict) -> str:
    pol, emo, spd = r["politeness"], r["emotions"], r["speed"]
    p1, p2 = spd["processes_1"]["turns_per_s"], spd["processes_2"]["turns_per_s"]
    wiki = pol["wikipedia_cv"]["accuracy"]
    ling_gap = PAPER_WIKI["human"] - PAPER_WIKI["linguistic features"]
    lines = [
        f"csnlp tone benchmark - model {r['model_id']}",
        "",
        "Politeness accuracy (%, top vs bottom quartile; 0.5 on P(polite))",
        "| evaluation | n | csnlp | paper BOW | paper ling. | human |",
        "|---|---:|---:|---:|---:|---:|",
        f"| Wikipedia in-domain, {r['folds']}-fold CV | {pol['wikipedia_cv']['n']} | "
        f"{wiki:.1f} | {PAPER_WIKI['bag of words']} | {PAPER_WIKI['linguistic features']} | "
        f"{PAPER_WIKI['human']} |",
        f"| Stack Exchange in-domain, {r['folds']}-fold CV | {pol['stack_exchange_cv']['n']} | "
        f"{pol['stack_exchange_cv']['accuracy']:.1f} | - | - | - |",
        f"| train Wikipedia -> test Stack Exchange | {pol['wiki_to_se']['n']} | "
        f"{pol['wiki_to_se']['accuracy']:.1f} | - | - | - |",
        f"| train Stack Exchange -> test Wikipedia | {pol['se_to_wiki']['n']} | "
        f"{pol['se_to_wiki']['accuracy']:.1f} | - | - | - |",
        f"| TyDiP en binary test, shipped model | {pol['tydip_test']['n']} | "
        f"{pol['tydip_test']['accuracy']:.1f} | - | - | - |",
        f"| TyDiP en binary test, trained on TyDiP train | {pol['tydip_protocol']['n']} | "
        f"{pol['tydip_protocol']['accuracy']:.1f} | - | - | - |",
        "",
        f"Gap to human agreement on Wikipedia: {PAPER_WIKI['human'] - wiki:.1f} points below "
        f"(paper's linguistic classifier: {ling_gap:.1f}).",
        "Paper figures are leave-one-out CV; '-' = not compared here.",
        "",
        "GoEmotions test (threshold chosen on dev)",
        "| label | n (pos) | ROC AUC | precision | recall | F1 | threshold | Brier "
        "| mean p / base rate |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for label in ("frustrated", "grateful"):
        if label in emo:
            e = emo[label]
            lines.append(f"| {label} | {e['n']} ({e['positive']}) | {e['roc_auc']:.3f} | "
                         f"{e['precision']:.3f} | {e['recall']:.3f} | {e['f1']:.3f} | "
                         f"{e['threshold']:.3f} | {e['brier']:.3f} | "
                         f"{e['mean_p']:.3f} / {e['base_rate']:.3f} |")
    parts = [f"{k.split('/')[1]} {v['roc_auc']:.3f}" for k, v in emo.items()
             if k.startswith("frustrated/")]
    if parts:
        lines.append(f"frustrated AUC by emotion (vs comments with none): {', '.join(parts)}")
    lines += ["", *service_report(r["service"])]
    lines += [
        "",
        f"Speed: {spd['n_turns']:,} turns ({spd['avg_tokens']:.1f} tokens on average), "
        "one process, CPU seconds, best of interleaved runs",
        "| stage | turns/s | time / tokenizer |",
        "|---|---:|---:|",
        f"| spaCy blank English tokenizer (nlp.pipe) | {spd['tokenizer']['turns_per_s']:,.0f} "
        "| 1.00 |",
        f"| csnlp_tone on tokenized Docs (batches of 256) | "
        f"{spd['component']['turns_per_s']:,.0f} | {spd['component']['x_tokenizer']:.2f} |",
        f"| tokenizer + a no-op component that batches 256 Docs (nlp.pipe) | "
        f"{spd['batching']['turns_per_s']:,.0f} | {spd['batching']['x_tokenizer']:.2f} |",
        f"| tokenizer + csnlp_tone (nlp.pipe) | {spd['pipeline']['turns_per_s']:,.0f} | "
        f"{spd['pipeline']['x_tokenizer']:.2f} |",
        f"| tokenizer + predict_proba_docs on the Doc stream, {BATCH} per call | "
        f"{spd['stream']['turns_per_s']:,.0f} | {spd['stream']['x_tokenizer']:.2f} |",
        f"| tone_scores(texts) (tokenizes itself) | {spd['tone_scores']['turns_per_s']:,.0f} | "
        f"{spd['tone_scores']['x_tokenizer']:.2f} |",
        "",
        "Wall clock, tokenizer + csnlp_tone in a warm process pool, chunks of 1,000 turns "
        f"(the machine's other load counts here): 1 process {p1:,.0f} turns/s, "
        f"2 processes {p2:,.0f} turns/s ({p2 / p1:.2f}x).",
        "",
        f"Model size on disk: {r['size']['total_bytes'] / 1e6:.2f} MB "
        + ", ".join(f"{k} {v / 1e6:.2f} MB" for k, v in r["size"]["files"].items()),
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--model", type=Path, default=default_model_dir())
    parser.add_argument("--folds", type=int, default=10)
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    parser.add_argument("--service-only", action="store_true",
                        help="only the customer-service frustration check (~20 seconds)")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"benchmarks/tone.py: data folder {args.data} not found", file=sys.stderr)
        return 2
    model = load_tone_model(args.model)
    if args.service_only:
        print("\n".join(service_report(service_frustration(args.data, model))))
        return 0
    speed_results = speed(args.data, args.model)  # first, in a fresh process
    for n in (1, 2):
        speed_results[f"processes_{n}"] = processes(args.data, args.model, n)
    results = {"model_id": model.model_id, "folds": args.folds,
               "politeness": politeness(args.data, model, args.folds),
               "emotions": emotions(args.data, model),
               "service": service_frustration(args.data, model),
               "speed": speed_results, "size": size(args.model)}
    print(report(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, default=float) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
