"""Train the act classifier from ../shared/data and the built-in packs: `csnlp train-acts`.

Where each act's labels come from (every mapping is here, in one place):

* SGD (sample of the DSTC8 test split, CC BY-SA 4.0), only the dialogues of the acts
  benchmark's DEV hash split (`sgd_split`), so its TEST split stays unseen:
  system turns: `further_help` = REQ_MORE, `closing` = GOODBYE; both 0 on every other system
  turn. SGD has no apology act: system turns are `apology_empathy` 0 except NOTIFY_FAILURE
  turns (often "sorry, I couldn't book it"), which are left unlabelled. SGD systems never
  greet, introduce themselves, hold or upsell, so system turns are negatives (0) of those acts.
  User turns: `thanks` = THANK_YOU (SGD's end-of-task act: most say "thanks", some only "no,
  that's all"), 0 on other user turns; users greet in request turns, so user turns are
  unlabelled for every other act.
* MultiWOZ validation split (MIT; its test split is the benchmark's): clerk turns:
  `further_help` = general-reqmore, `closing` = general-bye, 0 on other clerk turns; a clerk
  turn with general-greet (mostly a closing pleasantry, "have a nice day") is unlabelled for
  `greeting` and `closing`, other clerk turns are `greeting` 0; `apology_empathy` is
  unlabelled (clerks apologise inside no-offer turns, which carry no act of their own); the
  other pack-only acts are 0. Tourist turns: `thanks` = general-thank, else 0.
* MultiDoGO train split (CDLA-Permissive-1.0; dev and test are never read here): customer
  turns, `thanks` = the thankyou intent, `closing` = closinggreeting, else 0; each text and
  labels once, short turns (<= 4 words) also with a final "." (the corpus has no punctuation).
* GoEmotions train split (Reddit, Apache-2.0), down-weighted (GOEMOTIONS_WEIGHTS) since Reddit
  is not service talk: `thanks` = gratitude, `apology_empathy` = remorse, 0 otherwise
  ("caring" alone: unlabelled, it mixes empathy with advice and well-wishing); also negatives
  (0) of the acts that rest on the packs only. Its dev split is never trained on; it is
  reported as a held-out check of `thanks` and `apology_empathy`.
* The packs (`contact_center`, `sales`): every standard's `should_match` examples are positives
  and `should_not_match` examples negatives of the act its classifier names (STANDARD_ACTS);
  the entries of the phrase lists in PHRASE_ACTS are positives of their act (a bare phrase, no
  carrier sentence). Names in the examples are masked (`mask_names`). This is the only data of
  greeting, self_introduction, resolution_check, hold_request, hold_thanks and upsell_offer:
  no real labelled turns exist for them here.

Switchboard, ABCD and Harper Valley are evaluation data and are never read.

Each act's C, calibration and threshold come from 5-fold out-of-fold predictions (folds by
SGD dialogue, so turns of one dialogue stay together) on its validation rows (VALIDATION):
SGD system turns for further_help and closing, SGD user turns for thanks, GoEmotions for
apology_empathy, and all labelled rows for the pack-only acts. The threshold is the one where
"rule OR classifier" finds the most positives the act's rule (ACT_RULES) misses while its
precision stays within 0.02 of the rule's alone and the turns it adds are right at least as
often as wrong (`csnlp.ml.acts.choose_threshold`); C is the one whose hybrid F1 is best there.
Thresholds never go below 0.5, or 0.9 for the pack-only acts (FLOORS).

    csnlp train-acts --data ../shared/data --out models/acts-v1 [--seed 0]
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from csnlp.errors import InputError
from csnlp.ml import service_data as S
from csnlp.ml.acts import ACTS
from csnlp.ml.common import train_cli
from csnlp.ml.safe_io import sha256_file

SGD_FOLDER = "sgd-sample/test"
SGD_TEST_SHARE = 2  # of 5 hash buckets; must equal benchmarks/acts.py
GOEMOTIONS = {"train": "goemotions/train.tsv", "dev": "goemotions/dev.tsv"}
GOEMOTIONS_LABELS = "goemotions/emotions.txt"
# Weight of a GoEmotions row per act (default 0.5): Reddit gratitude is plain "thanks", so it
# counts little against SGD's service turns; for apology/empathy it is the main real source.
GOEMOTIONS_WEIGHTS = {"thanks": 0.1, "apology_empathy": 1.0}
GOEMOTIONS_WEIGHT = 0.5
PHRASE_WEIGHT = 0.5
# A pack example is a case the standard's author wrote down on purpose ("Sorry?" is no
# apology): it counts as much as a few corpus rows.
EXAMPLE_WEIGHT = 4.0
PACKS = ("sales",)  # extends contact_center: every standard and phrase list of both

# act -> GoEmotions emotions that make it positive
EMOTION_ACTS = {"thanks": ("gratitude",), "apology_empathy": ("remorse",)}
# act -> emotions whose comments are left unlabelled for it (neither positive nor negative):
# GoEmotions "caring" mixes empathy ("sorry for your loss") with advice and well-wishing
# ("be careful", "good luck", "take care of yourself"), which an empathy standard does not count.
EMOTION_UNLABELLED = {"apology_empathy": ("caring",)}
SGD_SYSTEM_ACTS = {"further_help": "REQ_MORE", "closing": "GOODBYE"}
SGD_USER_ACTS = {"thanks": "THANK_YOU"}
# Acts with no real labelled data here: their only positives are the packs' examples and phrases.
PACK_ONLY = ("greeting", "self_introduction", "resolution_check", "hold_request",
             "hold_thanks", "upsell_offer")
# standard id (and rule path) -> the act its examples show; standards without a `classifier`
# (hold_etiquette) are mapped here too.
STANDARD_ACTS = {"greeting": "greeting", "agent_introduction": "self_introduction",
                 "empathy_on_complaint": "apology_empathy", "resolution_check": "resolution_check",
                 "further_assistance": "further_help", "closing": "closing",
                 "hold_etiquette": "hold_request", "upsell_offer": "upsell_offer"}
PHRASE_ACTS = {"greetings": "greeting", "apology_empathy": "apology_empathy",
               "further_help": "further_help", "resolution_check": "resolution_check",
               "closing": "closing", "thanks": "thanks", "hold": "hold_request",
               "hold_thanks": "hold_thanks", "upsell": "upsell_offer"}
# act -> the rule a standard runs first: (standard id, rule path) or a phrase list
ACT_RULES: dict[str, tuple[str, str] | str] = {
    "greeting": ("greeting", "match"),
    "self_introduction": ("agent_introduction", "match"),
    "apology_empathy": ("empathy_on_complaint", "response.match"),
    "thanks": "phrase:thanks",
    "further_help": ("further_assistance", "match"),
    "resolution_check": ("resolution_check", "match"),
    "hold_request": ("hold_etiquette", "hold"),
    "hold_thanks": ("hold_etiquette", "thanks"),
    "closing": ("closing", "match"),
    "upsell_offer": ("upsell_offer", "match"),
}
# act -> sources whose out-of-fold rows choose C, the calibration and the threshold
VALIDATION = {"further_help": ("sgd-system", "multiwoz-system"),
              "closing": ("sgd-system", "multiwoz-system"),
              "thanks": ("sgd-user", "multiwoz-user", "multidogo"),
              "apology_empathy": ("goemotions",),
              **{act: ("sgd-system", "goemotions", "pack-examples", "pack-phrases")
                 for act in PACK_ONLY}}
# Lowest threshold per act: a classifier addition must be more likely the act than not, and
# acts without real data add a turn only when the model is sure.
FLOORS = {**{act: 0.5 for act in ACTS}, **{act: 0.9 for act in PACK_ONLY}}


def sgd_split(dialogue_id: str) -> str:
    """'dev' or 'test' for an SGD dialogue, by a stable hash of its id (as benchmarks/acts.py)."""
    bucket = int(hashlib.sha1(dialogue_id.encode("utf-8")).hexdigest()[:8], 16) % 5
    return "test" if bucket < SGD_TEST_SHARE else "dev"


def _path(data: Path, relative: str) -> Path:
    path = data / relative
    if not path.exists():
        raise InputError(f"{path}: missing; --data must point at the shared data folder "
                         "(with sgd-sample/ and goemotions/)")
    return path


@dataclass
class TrainingSet:
    """Texts with a label matrix (-1 = not labelled), weights, groups and sources."""

    texts: list[str] = field(default_factory=list)
    rows: list[list[int]] = field(default_factory=list)
    weights: list[list[float]] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    def add(self, text: str, labels: dict[str, int], *, weight: float | dict[str, float],
            group: str, source: str) -> None:
        """One row; `weight` is one number or a weight per act (missing acts: 0.5)."""
        self.texts.append(text)
        self.rows.append([labels.get(act, -1) for act in ACTS])
        self.weights.append([weight.get(act, GOEMOTIONS_WEIGHT) if isinstance(weight, dict)
                             else weight for act in ACTS])
        self.groups.append(group)
        self.sources.append(source)

    @property
    def y(self) -> np.ndarray:
        return np.array(self.rows, dtype=np.int8).reshape(len(self.texts), len(ACTS))

    def counts(self) -> dict[str, dict[str, dict[str, int]]]:
        """act -> source -> {n, positive}: how many labelled rows each source gave."""
        y, sources = self.y, np.array(self.sources)
        out: dict[str, dict[str, dict[str, int]]] = {}
        for j, act in enumerate(ACTS):
            for source in sorted(set(self.sources)):
                col = y[sources == source, j]
                if (col >= 0).any():
                    out.setdefault(act, {})[source] = {"n": int((col >= 0).sum()),
                                                      "positive": int((col == 1).sum())}
        return out


# -- corpora ---------------------------------------------------------------------------------
def add_sgd(ts: TrainingSet, data: Path, split: str = "dev") -> None:
    """SGD turns of one hash split, labelled as the module docstring says."""
    for turn in S.read_sgd(data, split):
        acts = turn.acts
        if turn.side == "agent":
            labels = {act: int(sgd in acts) for act, sgd in SGD_SYSTEM_ACTS.items()}
            labels["apology_empathy"] = -1 if "NOTIFY_FAILURE" in acts else 0
            labels.update({act: 0 for act in PACK_ONLY})
            source = "sgd-system"
        else:
            labels = {act: int(sgd in acts) for act, sgd in SGD_USER_ACTS.items()}
            source = "sgd-user"
        ts.add(turn.text, labels, weight=1.0, group=turn.dialogue, source=source)


MULTIWOZ_SYSTEM_ACTS = {"further_help": "general-reqmore", "closing": "general-bye"}
MULTIWOZ_USER_ACTS = {"thanks": "general-thank"}


def add_multiwoz(ts: TrainingSet, data: Path, split: str = "val") -> None:
    """MultiWOZ turns of one split, labelled as the module docstring says."""
    for turn in S.read_multiwoz(data, split):
        if turn.side == "agent":
            labels = {act: int(name in turn.acts) for act, name in MULTIWOZ_SYSTEM_ACTS.items()}
            labels.update({act: 0 for act in PACK_ONLY})
            if "general-greet" in turn.acts:
                labels["greeting"] = labels["closing"] = -1
            source = "multiwoz-system"
        else:
            labels = {act: int(name in turn.acts) for act, name in MULTIWOZ_USER_ACTS.items()}
            source = "multiwoz-user"
        ts.add(turn.text, labels, weight=1.0, group=turn.dialogue, source=source)


def add_multidogo(ts: TrainingSet, data: Path, split: str = "train") -> None:
    """MultiDoGO customer turns of one split: `thanks` = the thankyou intent, `closing` = the
    closinggreeting intent ("ok bye"), else 0: thousands of "ok" / "yes" answers teach that
    a bare "okay" closes nothing.

    Each (text, labels) is kept once: thousands of identical "thank you so much" turns would
    otherwise make "so" a thanks word ("So." scored 0.6 on Switchboard).
    """
    seen: set[tuple[str, int, int]] = set()
    for turn in S.read_multidogo(data, split):
        labels = {"thanks": int("thankyou" in turn.acts),
                  "closing": int("closinggreeting" in turn.acts)}
        key = (re.sub(r"[^0-9a-z]+", " ", turn.text.lower()).strip(), labels["thanks"],
               labels["closing"])
        if key in seen:
            continue
        seen.add(key)
        # MultiDoGO has no punctuation: a short turn is also added ending in "." as typed
        texts = [turn.text, f"{turn.text}."] if len(turn.text.split()) <= 4 else [turn.text]
        for text in texts:
            ts.add(text, labels, weight=1.0, group=turn.dialogue, source="multidogo")


def read_goemotions(data: Path, split: str) -> tuple[list[str], list[str], list[set[str]]]:
    """GoEmotions texts, comment ids and emotion names of one split."""
    names = _path(data, GOEMOTIONS_LABELS).read_text(encoding="utf-8").split()
    path = _path(data, GOEMOTIONS[split])
    texts, ids, emotions = [], [], []
    with open(path, encoding="utf-8", newline="") as f:
        for line_no, row in enumerate(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE), 1):
            if len(row) != 3:
                raise InputError(f"{path}: line {line_no}: expected 3 tab-separated fields")
            try:
                emotions.append({names[int(i)] for i in row[1].split(",")})
            except (ValueError, IndexError):
                raise InputError(f"{path}: line {line_no}: bad label ids {row[1]!r}") from None
            texts.append(row[0])
            ids.append(row[2])
    return texts, ids, emotions


def goemotions_labels(emotions: set[str]) -> dict[str, int]:
    labels = {act: int(bool(emotions & set(e))) for act, e in EMOTION_ACTS.items()}
    for act, unsure in EMOTION_UNLABELLED.items():
        if not labels[act] and emotions & set(unsure):
            labels[act] = -1
    labels.update({act: 0 for act in PACK_ONLY})
    return labels


def add_goemotions(ts: TrainingSet, data: Path) -> None:
    for text, cid, emotions in zip(*read_goemotions(data, "train"), strict=True):
        ts.add(text, goemotions_labels(emotions), weight=GOEMOTIONS_WEIGHTS,
               group=f"goemotions:{cid}", source="goemotions")


NAME_MASK = "xxname"
_WORD = re.compile(r"[A-Za-z][A-Za-z']*")
_INTRO_CUE = re.compile(r"\b(?:my name is|my name's|i'm|i am|this is|through to)\s+"
                        r"(?:(?:uh|um|er)\s+)?([a-z]+)\b", re.IGNORECASE)
_NOT_NAMES = {"I", "I'm", "I'll", "I've", "I'd"}


def example_names(examples: Sequence[str], introductions: Sequence[str]) -> set[str]:
    """Lower-cased names in the packs' examples: words written with a capital inside a
    sentence ("Priya", "Acme"), and the word after "my name is" / "i'm" / "this is" / "through
    to" in the self-introduction examples ("maria")."""
    names: set[str] = set()
    for text in examples:
        for m in _WORD.finditer(text):
            before = text[: m.start()].rstrip()
            word = m.group()
            if word[0].isupper() and before and before[-1] not in ".!?" and word not in _NOT_NAMES:
                names.add(word.lower())
    for text in introductions:
        names.update(m.group(1).lower() for m in _INTRO_CUE.finditer(text))
    return names


def mask_names(text: str, names: set[str]) -> str:
    """`text` with every name in `names` replaced by NAME_MASK, a word no turn says: a dozen
    examples would otherwise teach the model that "Priya" introduces an agent."""
    return _WORD.sub(lambda m: NAME_MASK if m.group().lower() in names else m.group(), text)


def add_packs(ts: TrainingSet, packs: Sequence[str] = PACKS) -> None:
    """The packs' examples (names masked) and phrase lists, as the module docstring says."""
    from csnlp.standards import load_standards

    phrase_acts: dict[str, set[str]] = {}
    cases: list[tuple[str, str, int]] = []
    for pack in packs:
        standards = load_standards(pack)
        for spec in standards.standards:
            act = STANDARD_ACTS.get(spec.id)
            examples = getattr(spec, "examples", None)
            if act is None or examples is None:
                continue
            for label, texts in ((1, examples.should_match), (0, examples.should_not_match)):
                cases += [(act, t, label) for t in texts if isinstance(t, str)]
        for name, act in PHRASE_ACTS.items():
            for phrase in standards.phrases.get(name, ()):
                phrase_acts.setdefault(phrase, set()).add(act)
    names = example_names([t for _, t, _ in cases],
                          [t for act, t, label in cases if act == "self_introduction" and label])
    for act, text, label in dict.fromkeys(cases):
        text = mask_names(text, names)
        ts.add(text, {act: label}, weight=EXAMPLE_WEIGHT, group=f"example:{text.lower()}",
               source="pack-examples")
    for phrase in sorted(phrase_acts):
        ts.add(phrase, {act: 1 for act in phrase_acts[phrase]}, weight=PHRASE_WEIGHT,
               group=f"example:{phrase.lower()}", source="pack-phrases")


def build_training_set(data: str | Path) -> TrainingSet:
    """Every training row: SGD dev split, MultiWOZ val, MultiDoGO train, GoEmotions train,
    the packs."""
    data = Path(data)
    ts = TrainingSet()
    add_sgd(ts, data, "dev")
    add_multiwoz(ts, data, "val")
    add_multidogo(ts, data, "train")
    add_goemotions(ts, data)
    add_packs(ts)
    return ts


# -- the rules the classifier backs up ---------------------------------------------------------
def rule_hits(texts: Sequence[str], packs: Sequence[str] = PACKS) -> np.ndarray:
    """(n_texts, len(ACTS)) bool: where each act's rule (ACT_RULES) already finds something.

    Thresholds are set for "rule OR classifier", so training has to know what the rules find;
    this is the one place the training command reaches above `csnlp.ml`, lazily.
    """
    from csnlp.nlp.pipeline import Annotator
    from csnlp.standards import load_standards
    from csnlp.standards.spec import RuleSpec

    ann = Annotator(load_standards(packs[0]))
    rules = []
    for act in ACTS:
        key = ACT_RULES[act]
        if isinstance(key, str):
            rules.append(ann.compile_rule(RuleSpec(phrase_lists=(key.split(":", 1)[1],)),
                                          f"acts.{act}"))
        else:
            rules.append(ann.rule(*key))
    out = np.zeros((len(texts), len(ACTS)), dtype=bool)
    with ann.memory_zone():
        annotations = ann.annotate(list(texts))
    for i, (text, a) in enumerate(zip(texts, annotations, strict=True)):
        for j, rule in enumerate(rules):
            out[i, j] = bool(rule.find(text, a))
    return out


def packs_digests(packs: Sequence[str] = PACKS) -> dict[str, str]:
    """The digest of what the act model learns from in each pack: its phrase and pattern lists
    and each standard's rules and examples. A change there means retraining; a threshold, a
    weight or a window (judge-time options, which calibration tunes) does not."""
    from csnlp.standards import load_standards
    from csnlp.standards.load import iter_rules

    out = {}
    for pack in packs:
        s = load_standards(pack)
        learned = {
            "phrases": {k: list(v) for k, v in sorted(s.phrases.items())},
            "patterns": {k: [list(p) for p in v] for k, v in sorted(s.patterns.items())},
            "standards": [{"id": spec.id,
                           "examples": spec.examples.model_dump(mode="json"),
                           "rules": {path: rule.model_dump(mode="json")
                                     for path, rule in iter_rules(spec)}}
                          for spec in s.standards],
        }
        text = json.dumps(learned, sort_keys=True, separators=(",", ":"))
        out[pack] = hashlib.sha256(text.encode()).hexdigest()
    return out


def data_files(data: str | Path) -> dict[str, str]:
    """sha256 of every data file training reads, keyed by its path under --data."""
    data = Path(data)
    names = [str(p.relative_to(data)) for p in sorted((data / SGD_FOLDER).glob("dialogues_*.json"))]
    names += [GOEMOTIONS["train"], GOEMOTIONS_LABELS, S.MULTIWOZ["val"]]
    names += [str(p.relative_to(data)) for p in S.multidogo_files(data, "train")]
    return {name: sha256_file(_path(data, name)) for name in sorted(names)}


def goemotions_dev_check(model: Any, data: Path) -> dict[str, Any]:
    """Held-out GoEmotions dev: rule, classifier alone and hybrid P/R/F1 of thanks/apology."""
    from csnlp.ml.acts import _prf

    texts, _, emotions = read_goemotions(data, "dev")
    proba = model.predict_proba(texts)
    hits = rule_hits(texts)
    out: dict[str, Any] = {}
    for act in EMOTION_ACTS:
        j = ACTS.index(act)
        y = np.array([goemotions_labels(e)[act] == 1 for e in emotions])
        alone = proba[:, j] >= model.thresholds[act]
        out[act] = {"rule": _prf(y, hits[:, j]), "classifier": _prf(y, alone),
                    "hybrid": _prf(y, hits[:, j] | alone), "n": len(y),
                    "positive": int(y.sum())}
    return out


def shipped_cs(meta_path: str | Path | None = None) -> dict[str, float]:
    """The C each act of the shipped model (models/acts-v1, or `meta_path`) was trained with;
    empty when there is none or its metadata does not say."""
    from csnlp.ml.acts import default_model_dir

    path = Path(meta_path) if meta_path is not None else default_model_dir() / "meta.json"
    try:
        validation = json.loads(path.read_text(encoding="utf-8")).get("validation", {})
    except (OSError, ValueError):
        return {}
    return {act: float(r["C"]) for act, r in validation.items()
            if isinstance(r, dict) and isinstance(r.get("C"), (int, float))}


def train(data: str | Path, *, seed: int = 0, **params: Any) -> tuple[Any, dict[str, Any]]:
    """Fit an ActModel on the shared data and the packs; return it and metadata to save."""
    from csnlp.ml.acts import ActModel

    data = Path(data)
    ts = build_training_set(data)
    sources = np.array(ts.sources)
    validation = np.zeros((len(ts.texts), len(ACTS)), dtype=bool)
    for j, act in enumerate(ACTS):
        validation[:, j] = np.isin(sources, VALIDATION[act])
    params.setdefault("floors", FLOORS)
    # (round 27) near-tied Cs keep the shipped model's choice for each act (`choose_c`): a pack
    # edit that moves validation F1 by noise does not swap the model
    params.setdefault("preferred_C", shipped_cs())
    model = ActModel(acts=ACTS, random_state=seed, **params)
    model.fit(ts.texts, ts.y, sample_weight=np.array(ts.weights), groups=ts.groups,
              validation=validation, covered=rule_hits(ts.texts))
    meta = {
        "training_data": {
            "files_sha256": data_files(data),
            # The packs are training data too (examples, phrases, the rules' hits).
            "packs_sha256": packs_digests(),
            "examples": ts.counts(),
            "real_data_acts": sorted(set(ACTS) - set(PACK_ONLY)),
            "pack_only_acts": list(PACK_ONLY),
            "mapping": {
                "sgd": "SGD sample (test split of DSTC8), dev hash split of benchmarks/acts.py "
                       "only; system REQ_MORE = further_help, GOODBYE = closing, user "
                       "THANK_YOU = thanks; NOTIFY_FAILURE unlabelled for apology_empathy",
                "multiwoz": "MultiWOZ val: clerk general-reqmore = further_help, general-bye "
                            "= closing (general-greet turns unlabelled for greeting and "
                            "closing), tourist general-thank = thanks",
                "multidogo": "MultiDoGO train customer turns: thankyou intent = thanks, "
                             "closinggreeting = closing; short turns also with a final '.'",
                "goemotions": "GoEmotions train: gratitude = thanks (weight "
                              f"{GOEMOTIONS_WEIGHTS['thanks']}), remorse = apology_empathy "
                              f"(weight {GOEMOTIONS_WEIGHTS['apology_empathy']}; caring alone "
                              "unlabelled), "
                              f"negatives of the pack-only acts (weight {GOEMOTIONS_WEIGHT})",
                "packs": f"{', '.join(PACKS)} packs: should_match / should_not_match of "
                         f"{sorted(STANDARD_ACTS)}; phrase lists {sorted(PHRASE_ACTS)} as "
                         f"positives, weight {PHRASE_WEIGHT}",
            },
            "validation_sources": {act: list(VALIDATION[act]) for act in ACTS},
            "rules": {act: (r if isinstance(r, str) else ".".join(r))
                      for act, r in ACT_RULES.items()},
        },
        "goemotions_dev": goemotions_dev_check(model, data),
        "seed": seed,
    }
    return model, meta


def main(argv: list[str] | None = None) -> int:
    """Command line: csnlp train-acts --data DIR --out DIR [--seed N]."""
    return train_cli(
        argv, prog="csnlp train-acts", train=train,
        description="Train the act classifier (greeting, thanks, further_help, ...) from SGD, "
                    "GoEmotions and the packs' examples; same data and seed give the same "
                    "arrays.",
        summary=lambda model: [
            f"{act:17s} t={r['threshold']:.3f} AP={r['average_precision']:.3f} "
            f"rule P/R {r['rule']['precision']:.3f}/{r['rule']['recall']:.3f} -> hybrid "
            f"{r['hybrid']['precision']:.3f}/{r['hybrid']['recall']:.3f} "
            f"(+{r['added_tp']} tp, +{r['added_fp']} fp; C={r['C']})"
            for act, r in model.validation_.items()])


if __name__ == "__main__":
    raise SystemExit(main())
