"""Train the blame model (a one-label `csnlp.ml.tone.ToneModel`, `blaming`) on labelled waves.

    python -m csnlp.calibration.blame --devsets benchmarks/devsets --data ../shared/data \\
        --first-run benchmarks/firstrun/prohibited_language.csv --out models/blame-v1

QA reviewers miss prohibited_language for an agent who blames or brushes off the customer in
words no phrase list holds ("the commercial invoice you sent was wrong", "kind of what you
signed up for"). The rules read the waves they were written from well, and each new writer's
wordings poorly: on the first run of a wave, before it was read, they missed most of its
blaming (77 of about 900 verdicts over waves 28-37). The model reads a turn's words instead.

Its training turns come from the reviewers' own notes. A note quotes the words it judges
("'the commercial invoice you sent was wrong' blames the customer"); an agent turn of a
conversation the reviewer missed on prohibited_language that holds a phrase quoted in a
sentence of the note about blaming, dismissing or prohibited wording is a positive; every
agent turn of a conversation the reviewer met on it is a negative. Quotes from the note's other
sentences (about the greeting, the hold) are not used.

The threshold is chosen against the rules as they were on each wave's first run
(`--first-run`, the rule verdicts of the code before the wave was read; benchmarks/firstrun):
for each wave listed there, a model trained on the other waves scores its conversations, and
a conversation the rules met is missed from the threshold on. The threshold kept maximises
fixed - 1.5 x broken: a verdict that wrongly accuses an agent costs a QA lead's trust more than
one more missed phrase. The table goes into meta.json and the model card. Without
`--first-run` the model's own F1-best threshold on its cross-validation is kept.

With `--data` (the shared data folder), the clerk turns that name someone of public service
dialogues are negatives too (MultiWOZ validation, SGD's dev split: the acts model's training
splits), and those of their test splits are held out: a held-out clerk turn the model reads as
blaming counts against a threshold as a broken verdict does (`public_clerk_turns`).

The shipped model is trained on benchmarks/devsets and the public clerk turns; the blind waves
are never read here.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from csnlp.errors import CsnlpError, InputError

#: The standard whose notes and labels are read.
STANDARD = "prohibited_language"
#: The model's one label.
LABEL = "blaming"
DEFAULT_NAME = "blame-v1"
#: Thresholds tried against the first-run verdicts.
THRESHOLDS = (0.9, 0.93, 0.95, 0.96, 0.97, 0.98, 0.985, 0.99, 0.995)
#: What a wrongly missed verdict costs against a fixed one when the threshold is chosen.
BROKEN_COST = 1.5

#: A sentence of a note about the standard's wording.
_ABOUT_BLAME = re.compile(
    r"prohibit|blam|dismiss|insult|profan|swear|curs|brush|fault on|put(?:s|ting)? it on|"
    r"patroni|condescen|belittl|rude phrase|banned|listed phrase", re.IGNORECASE)
#: Turns that name someone to blame (the customer, or anyone: "nobody ever reads the contract",
#: "that's down to him"): the model reads only these (the pack's `model.only_if` is this
#: expression; a test keeps them the same).
ADDRESSED = (r"(?i)\b(?:you|your|yours|yourself|yourselves|u|ur|ya|youre|youve|youll|youd|"
             r"someone|somebody|anyone|anybody|nobody|everyone|everybody|people|customers?|"
             r"clients?|users?|he|him|his|she|her|they|them|their)\b")
_ADDRESSED = re.compile(ADDRESSED)
#: A single-quoted phrase; an apostrophe inside a word ("you should've") is not its end.
_QUOTED = re.compile(r"(?<![A-Za-z])'((?:[^']|(?<=[A-Za-z])'(?=[A-Za-z])){3,200}?)'(?![A-Za-z])")
_SENTENCE_END = re.compile(r"(?<=[.;])\s+")


def _plain(text: str) -> str:
    """Lower case, straight quotes, single spaces: how quotes are matched to turns."""
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"\s+", " ", text.lower()).strip()


def quoted_blame(note: str) -> list[str]:
    """The phrases of two words or more a note quotes in its sentences about blaming,
    dismissing or prohibited wording.

    >>> quoted_blame("'Hi there' greets. 'the form you sent was wrong' blames the customer.")
    ['the form you sent was wrong']
    """
    phrases = [_plain(q) for sentence in _SENTENCE_END.split(note or "")
               if _ABOUT_BLAME.search(sentence) for q in _QUOTED.findall(sentence)]
    return [p for p in phrases if len(p.split()) >= 2]


def turn_rows(transcript: dict, expect: dict, note: str, speaker: str = "agent"
              ) -> list[tuple[str, int]]:
    """(turn text, 1 blaming / 0 not) of a labelled conversation's `speaker` turns: all of them
    at 0 when the reviewer met the standard; those holding a quoted blame phrase at 1 when
    missed; none otherwise."""
    turns = transcript.get("turns") or []
    texts = [str(t.get("text", "")) for t in turns if t.get("speaker") == speaker]
    label = expect.get(STANDARD)
    if label == "met":
        return [(t, 0) for t in texts]
    if label != "missed":
        return []
    phrases = quoted_blame(note)
    return [(t, 1) for t in texts if any(p in _plain(t) for p in phrases)]


def labelled_cases(folder: str | Path) -> list[tuple[str, str, str, dict, dict, str]]:
    """(group, file stem, case name, transcript, expect, note) of every DEV case."""
    import yaml

    out = []
    for path in sorted(Path(folder).glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        group = re.sub(r"\D", "", path.stem) or path.stem
        for n, case in enumerate(data.get("cases") or []):
            if not isinstance(case, dict) or "transcript" not in case or "expect" not in case:
                raise InputError(f"blame: {path.name}: cases[{n}] needs transcript and expect")
            out.append((group, path.stem, str(case.get("name", n)), case["transcript"],
                        case["expect"], str(case.get("note") or "")))
    if not out:
        raise InputError(f"blame: no .yaml files with cases in {folder}")
    return out


def public_clerk_turns(data: str | Path, split: str) -> list[str]:
    """The clerk turns that name someone (`ADDRESSED`, the turns the model reads) of public
    service dialogues: MultiWOZ's and SGD's `split` ("train": MultiWOZ validation and SGD's
    dev hash split, the acts model's training splits; "test": their test splits). Courteous
    clerks nearly never blame: negatives in the plain informational wording of service ("their
    entrance fee is not known by our system") that the waves' agents rarely use."""
    from csnlp.ml import service_data as S

    multiwoz, sgd = {"train": ("val", "dev"), "test": ("test", "test")}[split]
    texts = [t.text for t in S.read_multiwoz(data, multiwoz)
             if t.side == "agent" and _ADDRESSED.search(t.text)]
    texts += [t.text for t in S.read_sgd(data, sgd)
              if t.side == "agent" and _ADDRESSED.search(t.text)]
    return texts


def fit(cases: Sequence[tuple], *, name: str = DEFAULT_NAME, seed: int = 0,
        negatives: Sequence[str] = ()) -> tuple[Any, int, int]:
    """A one-label ToneModel fitted on the cases' turn rows and `negatives` (texts labelled
    not blaming), with the rows and positives."""
    from csnlp.ml.tone import ToneModel

    texts: list[str] = list(negatives)
    y: list[list[int]] = [[0] for _ in negatives]
    for _g, _f, _n, transcript, expect, note in cases:
        for text, label in turn_rows(transcript, expect, note):
            texts.append(text)
            y.append([label])
    if not any(row[0] for row in y):
        raise InputError("blame: no conversation the reviewer missed quotes its blaming words")
    model = ToneModel(labels=(LABEL,), Cs=(0.5, 1.0, 2.0, 4.0), cv=3, min_df=2,
                      strategy_weights=(0.25, 0.5), balanced=(LABEL,), random_state=seed,
                      name=name)
    model.fit(texts, y)
    return model, len(y), int(sum(r[0] for r in y))


def conversation_score(model: Any, transcript: dict, speaker: str = "agent") -> float:
    """The highest `blaming` probability of the speaker's turns that name someone
    (`ADDRESSED`; 0 without any)."""
    texts = [str(t.get("text", "")) for t in transcript.get("turns") or []
             if t.get("speaker") == speaker and _ADDRESSED.search(str(t.get("text", "")))]
    return float(model.predict_proba(texts)[:, 0].max()) if texts else 0.0


def read_first_run(path: str | Path) -> dict[tuple[str, str], str]:
    """(file stem, case name) -> the rules' status on the wave's first run."""
    try:
        with open(path, newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
    except OSError as exc:
        raise InputError(f"blame: cannot read {path}: {exc}") from None
    missing = {"file", "case", "first_run_status"} - set(rows[0] if rows else {})
    if missing:
        raise InputError(f"blame: {path} needs the columns {sorted(missing)}")
    return {(r["file"], r["case"]): r["first_run_status"] for r in rows}


def first_run_table(cases: Sequence[tuple], first: dict[tuple[str, str], str], *,
                    seed: int = 0, log: Any = None, negatives: Sequence[str] = (),
                    held_out: Sequence[str] = (), full: Any = None) -> list[dict[str, Any]]:
    """Leave-one-wave-out against the first-run verdicts: per threshold, the conversations the
    rules met that the model turns into misses the reviewer agreed with (fixed) or not
    (broken); and, with `held_out` clerk turns, how many of them `full`, the model trained on
    every wave (fitted here when not given), reads as blaming (`public_flags`)."""
    waves = sorted({g for g, f, n, *_ in cases if (f, n) in first})
    scored: list[tuple[float, str]] = []
    for wave in waves:
        model = fit([c for c in cases if c[0] != wave], seed=seed, negatives=negatives)[0]
        for g, f, n, transcript, expect, _note in cases:
            label = expect.get(STANDARD)
            if g != wave or first.get((f, n)) != "met" or label not in ("met", "missed"):
                continue
            scored.append((conversation_score(model, transcript), label))
        if log is not None:
            print(f"  wave {wave}: scored", file=log, flush=True)
    public = np.zeros(0)
    if held_out:
        if full is None:
            full = fit(cases, seed=seed, negatives=negatives)[0]
        public = full.predict_proba(list(held_out))[:, 0]
    table = []
    for t in THRESHOLDS:
        fixed = sum(1 for s, label in scored if s >= t and label == "missed")
        broken = sum(1 for s, label in scored if s >= t and label == "met")
        row = {"threshold": t, "fixed": fixed, "broken": broken,
               "net": fixed - broken, "score": round(fixed - BROKEN_COST * broken, 2)}
        if held_out:
            row["public_flags"] = int((public >= t).sum())
        table.append(row)
    return table


def choose(table: Iterable[dict[str, Any]]) -> float:
    """The threshold with the best `score` (the higher one on a tie); where held-out clerk
    turns were read, each one read as blaming costs as a broken verdict does."""
    best = max(table, key=lambda r: (r["score"] - BROKEN_COST * r.get("public_flags", 0),
                                     r["threshold"]))
    return float(best["threshold"])


def train(devsets: str | Path, out: str | Path, *, first_run: str | Path | None = None,
          data: str | Path | None = None, seed: int = 0, log: Any = sys.stderr
          ) -> dict[str, Any]:
    """Fit on every DEV case (and, with `data`, the public clerk turns of the training
    splits as negatives), set the threshold, save to `out`; return the meta written."""
    cases = labelled_cases(devsets)
    negatives: list[str] = []
    held_out: list[str] = []
    if data is not None:
        negatives = public_clerk_turns(data, "train")
        held_out = public_clerk_turns(data, "test")
    model, n_rows, n_positive = fit(cases, seed=seed, negatives=negatives)
    table = None
    if first_run is not None:
        table = first_run_table(cases, read_first_run(first_run), seed=seed, log=log,
                                negatives=negatives, held_out=held_out, full=model)
    f1_threshold = model.thresholds[LABEL]
    threshold = choose(table) if table else f1_threshold
    arrays = model._arrays()
    arrays["thresholds"] = np.array([threshold], dtype=np.float32)
    model._set_state(**arrays)
    meta = {
        "trained_on": str(devsets), "seed": seed, "label": LABEL, "standard": STANDARD,
        "n_turns": n_rows, "n_positive_turns": n_positive,
        "public_negatives": len(negatives), "public_held_out": len(held_out),
        "n_conversations": sum(1 for c in cases if c[4].get(STANDARD) in ("met", "missed")),
        "threshold": threshold, "f1_threshold": round(float(f1_threshold), 4),
        "threshold_choice": (("fixed - 1.5 x (broken + held-out clerk turns read as blaming)"
                              if held_out else "fixed - 1.5 x broken")
                             + " against the first-run rule verdicts"
                             if table else "F1-best on the training folds"),
        "first_run": table, "cv": model.validation_,
    }
    model.save(out, meta={"blame": meta})
    return {"model_id": model.model_id, **meta}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m csnlp.calibration.blame",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--devsets", required=True, help="folder of labelled YAML waves")
    parser.add_argument("--out", required=True, help="model directory to write")
    parser.add_argument("--first-run", default=None,
                        help="CSV of the rules' first-run verdicts (benchmarks/firstrun)")
    parser.add_argument("--data", default=None,
                        help="the shared data folder: public clerk turns as negatives "
                             "(MultiWOZ validation, SGD dev split) and held out (their tests)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    try:
        meta = train(args.devsets, args.out, first_run=args.first_run, data=args.data,
                     seed=args.seed)
    except CsnlpError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if meta["first_run"]:
        public = "public_flags" in meta["first_run"][0]
        print("| threshold | fixed | broken | net | fixed - 1.5 x broken |"
              + (f" held-out clerk turns read as blaming (of {meta['public_held_out']}) |"
                 if public else ""))
        print("|---:|---:|---:|---:|---:|" + ("---:|" if public else ""))
        for r in meta["first_run"]:
            print(f"| {r['threshold']} | {r['fixed']} | {r['broken']} | {r['net']:+d} "
                  f"| {r['score']:+.1f} |" + (f" {r['public_flags']} |" if public else ""))
    print(f"{meta['model_id']}: {meta['n_turns']} turns ({meta['n_positive_turns']} blaming), "
          f"threshold {meta['threshold']} ({meta['threshold_choice']})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
