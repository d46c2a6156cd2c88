"""Turn-level precision / recall / F1 of the contact_center matching rules on real dialogue acts.

Gold labels come from two annotated corpora in `../shared/data` (see each PROVENANCE.md):

- SGD (Schema-Guided Dialogue, sample of its test split): system `REQ_MORE` vs the
  `further_assistance` rule, system `GOODBYE` vs the `closing` rule, user `THANK_YOU` vs the
  `thanks` phrase list. Scored over all system (resp. user) turns.
- Switchboard (SwDA, casual phone calls): `fp` Conventional-opening vs the `greeting` rule, `fa`
  Apology vs `empathy_on_complaint`'s response rule, `ft` Thanking vs the `thanks` phrase list.
  Scored over all utterances of both speakers.

The rules are hand-written, not trained, but they are tuned by reading errors, so every corpus has
a DEV split (tune here) and a held-out TEST split (report here):

- SGD: its 640 dialogues are split by a hash of `dialogue_id` (~60% dev, ~40% test), so that both
  splits mix all services (the files themselves are grouped by service).
- SwDA: its own WS97 split: train+val (1,136 conversations) is dev, test (19 conversations) is test.
  Test is small (a handful of positives per act), so the dev row doubles as the larger sample.

Scoring: "all turns" counts every scored turn. The SwDA acts get a second row with the tags in
SWDA_IGNORE left out (neither positive nor negative), where SWBD-DAMSL codes a turn by its place
in the call rather than by its words (see below). Known limits of the gold labels, read the errors
with them in mind (`--show-errors N`): SGD acts come from a simulator and the wording from crowd
paraphrases, so users add "thanks" to SELECT/AFFIRM/GOODBYE turns and drop it from THANK_YOU
turns ("No, that's all."); SGD's final system GOODBYE is often "You're welcome" or "Happy to
help", which the closing standard (thanks and/or goodbye) does not count; SwDA `fp` includes
self-introductions and "Fine, thanks" answers, which belong to other standards or none.

Usage:
    python benchmarks/acts.py                      # table, dev and test
    python benchmarks/acts.py --split dev --show-errors 10
    python benchmarks/acts.py --data /path/to/shared/data --json out.json
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
SPLITS = ("dev", "test")

# act, speaker whose turns are scored, rule: (standard id, field) or a phrase-list label
SGD_ACTS: tuple[tuple[str, str, Any], ...] = (
    ("REQ_MORE", "SYSTEM", ("further_assistance", "match")),
    ("GOODBYE", "SYSTEM", ("closing", "match")),
    ("THANK_YOU", "USER", "phrase:thanks"),
)
SWDA_ACTS: tuple[tuple[str, Any], ...] = (
    ("fp", ("greeting", "match")),
    ("fa", ("empathy_on_complaint", "response.match")),
    ("ft", "phrase:thanks"),
)
# SWBD-DAMSL codes some turns by their place in the call rather than their words, so each SwDA
# act is also scored with these tags left out of the count (neither positive nor negative):
# - ft: thanks in the closing section of a call are coded fc (Conventional-closing), not ft;
# - fp: "thank you for calling", "nice to meet you" close a Switchboard call (fc) but open a
#   service call, where the greeting standard's window (the agent's first turns) separates them;
# - fa: sympathy ("I can imagine", "oh dear") is coded ba (Appreciation), while the response
#   rule accepts apology *or* empathy by design.
SWDA_IGNORE = {"ft": frozenset({"fc"}), "fp": frozenset({"fc"}), "fa": frozenset({"ba"})}
RULE_NAMES = {
    ("further_assistance", "match"): "further_assistance",
    ("closing", "match"): "closing",
    ("greeting", "match"): "greeting",
    ("empathy_on_complaint", "response.match"): "empathy response",
    "phrase:thanks": "phrases.thanks",
}
SGD_TEST_SHARE = 2  # of 5 hash buckets


@dataclass(slots=True)
class Turn:
    dataset: str
    dialogue: str
    index: int
    speaker: str
    text: str
    acts: frozenset[str]


# -- data ------------------------------------------------------------------------------------
def sgd_split(dialogue_id: str) -> str:
    """'dev' or 'test' for an SGD dialogue, by a stable hash of its id."""
    bucket = int(hashlib.sha1(dialogue_id.encode("utf-8")).hexdigest()[:8], 16) % 5
    return "test" if bucket < SGD_TEST_SHARE else "dev"


def sgd_turns(data_dir: Path, split: str, limit: int | None = None) -> Iterator[Turn]:
    """Turns of the SGD dialogues of one split (at most `limit` dialogues, in file order)."""
    folder = data_dir / "sgd-sample" / "test"
    files = sorted(folder.glob("dialogues_*.json"))
    if not files:
        raise FileNotFoundError(f"no SGD dialogues_*.json in {folder}")
    seen = 0
    for path in files:
        with path.open(encoding="utf-8") as f:
            dialogues = json.load(f)
        for dlg in dialogues:
            if sgd_split(dlg["dialogue_id"]) != split:
                continue
            if limit is not None and seen >= limit:
                return
            seen += 1
            for i, turn in enumerate(dlg["turns"]):
                acts = frozenset(a["act"] for fr in turn["frames"] for a in fr["actions"])
                yield Turn("sgd", dlg["dialogue_id"], i, turn["speaker"], turn["utterance"], acts)


SWDA_FOLDERS = {"dev": ("train", "val"), "test": ("test",)}


def swda_turns(data_dir: Path, split: str, limit: int | Sequence[str] | None = None
               ) -> Iterator[Turn]:
    """Utterances of the SwDA conversations of one split, sorted by file name.

    `limit`: at most that many files, or only the conversations named (numbers such as "2503").
    """
    root = data_dir / "swda"
    files = sorted(p for sub in SWDA_FOLDERS[split] for p in (root / sub).glob("*.txt"))
    if not files:
        raise FileNotFoundError(f"no SwDA conversations for {split!r} under {root}")
    if isinstance(limit, int):
        files = files[:limit]
    elif limit is not None:
        wanted = {str(name) for name in limit}
        files = [p for p in files if p.stem in wanted]
        if len(files) != len(wanted):
            raise FileNotFoundError(f"SwDA {split!r} has not all of {sorted(wanted)} under {root}")
    for path in files:
        with path.open(encoding="utf-8") as f:
            for i, line in enumerate(f):
                parts = line.rstrip("\n").split("|")
                if len(parts) != 3:
                    continue
                speaker, text, tag = parts
                yield Turn("swda", f"{path.parent.name}/{path.stem}", i, speaker, text,
                           frozenset((tag,)))


# -- measuring -------------------------------------------------------------------------------
_ANNOTATORS: dict[str, Any] = {}


def annotator(standards: str | Path = "contact_center"):
    """An Annotator for a pack name or standards file, built once per process.

    Phrase lists measured on their own (`phrase:thanks`) are compiled into it too, since a list
    that no standard of the pack uses yet is not in the matcher.
    """
    key = str(standards)
    if key not in _ANNOTATORS:
        from csnlp.nlp.pipeline import Annotator
        from csnlp.standards import load_standards
        from csnlp.standards.spec import RuleSpec

        ann = Annotator(load_standards(standards))
        for rule_key in RULE_NAMES:
            if isinstance(rule_key, str) and rule_key.startswith("phrase:"):
                name = rule_key.split(":", 1)[1]
                ann.rules[("benchmark", rule_key)] = ann.compile_rule(
                    RuleSpec(phrase_lists=(name,)), f"benchmark.{name}")
        _ANNOTATORS[key] = ann
    return _ANNOTATORS[key]


def _hits(ann, rule_key, turns: Sequence[Turn], anns) -> list[bool]:
    rule = ann.rules[("benchmark", rule_key)] if isinstance(rule_key, str) else ann.rule(*rule_key)
    return [bool(rule.find(t.text, a)) for t, a in zip(turns, anns, strict=True)]


def _score(act, dataset, split, sample, rule_key, turns, gold, pred, show_errors,
           ignore: frozenset[str] = frozenset()) -> dict:
    ignored = 0
    if ignore:
        keep = [i for i, t in enumerate(turns) if act in t.acts or not (t.acts & ignore)]
        ignored = len(turns) - len(keep)
        turns = [turns[i] for i in keep]
        gold = [gold[i] for i in keep]
        pred = [pred[i] for i in keep]
    tp = sum(g and p for g, p in zip(gold, pred, strict=True))
    fp = sum(p and not g for g, p in zip(gold, pred, strict=True))
    fn = sum(g and not p for g, p in zip(gold, pred, strict=True))
    precision = tp / (tp + fp) if tp + fp else (1.0 if not fn else 0.0)
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    row = {
        "act": act, "dataset": dataset, "split": split, "sample": sample,
        "rule": RULE_NAMES.get(rule_key, str(rule_key)),
        "scoring": f"{'+'.join(sorted(ignore))} ignored" if ignore else "all turns",
        "ignored": ignored, "positives": tp + fn, "turns": len(turns), "tp": tp, "fp": fp, "fn": fn,
        "precision": precision, "recall": recall, "f1": f1,
        "false_positives": [], "false_negatives": [],
    }
    if show_errors:
        for t, g, p in zip(turns, gold, pred, strict=True):
            if p and not g and len(row["false_positives"]) < show_errors:
                row["false_positives"].append(_example(t))
            elif g and not p and len(row["false_negatives"]) < show_errors:
                row["false_negatives"].append(_example(t))
    return row


def _example(t: Turn) -> dict:
    return {"dialogue": t.dialogue, "turn": t.index, "speaker": t.speaker, "text": t.text,
            "acts": sorted(t.acts)}


def measure(data_dir: str | Path = DEFAULT_DATA, split: str = "test", *,
            datasets: Sequence[str] = ("sgd", "swda"), sgd_dialogues: int | None = None,
            swda_files: int | Sequence[str] | None = None, show_errors: int = 0,
            standards: str | Path = "contact_center") -> list[dict]:
    """One dict per (dataset, act, scoring) with counts and precision/recall/F1 on `split`.

    `sgd_dialogues` / `swda_files` cut each corpus to its first N dialogues / conversation
    files of the split (for quick tests); `swda_files` may also name the conversations
    ("2503"). `show_errors` keeps up to N false positives and N false negatives per act (dicts
    with the dialogue, turn index, speaker, text and gold acts). `standards` is the pack name
    or standards file whose rules are measured.
    """
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, not {split!r}")
    data_dir = Path(data_dir)
    ann = annotator(standards)
    rows: list[dict] = []
    if "sgd" in datasets:
        turns = list(sgd_turns(data_dir, split, sgd_dialogues))
        anns = ann.annotate([t.text for t in turns])
        n = len({t.dialogue for t in turns})
        sample = f"hash split, {n} dialogues"
        for act, speaker, rule_key in SGD_ACTS:
            idx = [i for i, t in enumerate(turns) if t.speaker == speaker]
            sub = [turns[i] for i in idx]
            pred = _hits(ann, rule_key, sub, [anns[i] for i in idx])
            gold = [act in t.acts for t in sub]
            rows.append(_score(act, "sgd", split, sample, rule_key, sub, gold, pred,
                               show_errors))
    if "swda" in datasets:
        turns = list(swda_turns(data_dir, split, swda_files))
        anns = ann.annotate([t.text for t in turns])
        n = len({t.dialogue for t in turns})
        sample = f"{'+'.join(SWDA_FOLDERS[split])}, {n} conversations"
        for act, rule_key in SWDA_ACTS:
            pred = _hits(ann, rule_key, turns, anns)
            gold = [act in t.acts for t in turns]
            rows.append(_score(act, "swda", split, sample, rule_key, turns, gold, pred,
                               show_errors))
            if act in SWDA_IGNORE:
                rows.append(_score(act, "swda", split, sample, rule_key, turns, gold, pred,
                                   show_errors, ignore=SWDA_IGNORE[act]))
    return rows


# -- command line ----------------------------------------------------------------------------
TARGETS = {"sgd": 0.90, "swda": 0.80}


def format_table(rows: Sequence[dict]) -> str:
    head = ("act", "dataset", "split", "sample", "rule", "scoring", "pos", "turns", "P", "R", "F1",
            "target")
    numeric = {"pos", "turns", "P", "R", "F1"}
    lines = [head]
    for r in rows:
        target = TARGETS.get(r["dataset"])
        ok = "" if target is None else (f">={target:.2f} " + ("ok" if r["f1"] >= target
                                                              else "BELOW"))
        lines.append((r["act"], r["dataset"], r["split"], r["sample"], r["rule"], r["scoring"],
                      str(r["positives"]), str(r["turns"]), f"{r['precision']:.3f}",
                      f"{r['recall']:.3f}", f"{r['f1']:.3f}", ok))
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    out = []
    for k, line in enumerate(lines):
        out.append("  ".join(c.rjust(w) if h in numeric else c.ljust(w)
                             for h, c, w in zip(head, line, widths, strict=True)).rstrip())
        if k == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def format_errors(rows: Sequence[dict]) -> str:
    out = []
    for r in rows:
        for kind, key in (("false positives", "false_positives"),
                          ("false negatives", "false_negatives")):
            if not r[key]:
                continue
            out.append(f"\n{r['act']} ({r['dataset']} {r['split']}, rule {r['rule']}, "
                       f"{r['scoring']}) — {kind}:")
            for e in r[key]:
                out.append(f"  [{e['dialogue']}#{e['turn']} {e['speaker']} "
                           f"{','.join(e['acts'])}] {e['text']}")
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", type=Path, default=DEFAULT_DATA,
                   help=f"the shared data folder (default: {DEFAULT_DATA})")
    p.add_argument("--split", choices=(*SPLITS, "all"), default="all")
    p.add_argument("--dataset", choices=("sgd", "swda", "all"), default="all")
    p.add_argument("--show-errors", type=int, default=0, metavar="N",
                   help="print N false positives and N false negatives per act")
    p.add_argument("--standards", default="contact_center",
                   help="pack name or standards YAML to measure (default: contact_center)")
    p.add_argument("--json", type=Path, metavar="FILE", help="also write the rows as JSON")
    args = p.parse_args(argv)
    if not args.data.is_dir():
        print(f"data folder not found: {args.data} (use --data)", file=sys.stderr)
        return 2
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    datasets = ("sgd", "swda") if args.dataset == "all" else (args.dataset,)
    splits = SPLITS if args.split == "all" else (args.split,)
    t0 = time.perf_counter()
    rows = [r for split in splits
            for r in measure(args.data, split, datasets=datasets, show_errors=args.show_errors,
                             standards=args.standards)]
    rows.sort(key=lambda r: (r["dataset"], r["act"], r["scoring"] != "all turns",
                             SPLITS.index(r["split"])))
    print(format_table(rows))
    print(f"\n({time.perf_counter() - t0:.1f} s; tune on dev only — test is held out. "
          "SwDA test has only 19 conversations: read its rows with the train+val dev rows.)")
    if args.show_errors:
        print(format_errors(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
