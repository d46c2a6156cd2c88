"""Train the tone model from the public corpora in ../shared/data: `csnlp train-tone`.

Labels and where they come from (every mapping and threshold is here, in one place):

* `polite` -- Stanford Politeness Corpus, Wikipedia and Stack Exchange requests. As in
  Danescu-Niculescu-Mizil et al. (2013), a request is polite (1) when its Normalized Score is in
  the top quartile of its community, impolite (0) in the bottom quartile, and unused in
  between; quartiles are taken over each community's whole corpus (Wikipedia: 4,353 requests,
  Stack Exchange: 6,603). Wikipedia requests in the TyDiP English test split (all 500,
  matched on letters and digits) are left out, so TyDiP's test stays a held-out test.
* `frustrated` -- GoEmotions train split: 1 when a comment has any of anger, annoyance,
  disappointment or disapproval, else 0 (neutral and the 23 other emotions).
* `grateful` -- GoEmotions train split: 1 for gratitude, else 0.

C, the calibration and the thresholds of `frustrated` and `grateful` are chosen on the
GoEmotions dev split; those of `polite` by 5-fold cross-validation on its training rows.
Nothing is chosen on a test split. Exact duplicate texts (after lower-casing and dropping
everything but letters and digits) are kept once per corpus.

    csnlp train-tone --data ../shared/data --out models/tone-v1 [--seed 0]
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from csnlp.errors import InputError
from csnlp.ml.common import train_cli
from csnlp.ml.safe_io import sha256_file

STANFORD = {"wikipedia": "stanford-politeness/wikipedia.annotated.csv",
            "stack-exchange": "stanford-politeness/stack-exchange.annotated.csv"}
TYDIP_ALL_TEST = "tydip-politeness-en/all/en_test.csv"
TYDIP_BINARY = {"train": "tydip-politeness-en/binary/en_train_binary.csv",
                "test": "tydip-politeness-en/binary/en_test_binary.csv"}
GOEMOTIONS = {"train": "goemotions/train.tsv", "dev": "goemotions/dev.tsv",
              "test": "goemotions/test.tsv"}
GOEMOTIONS_LABELS = "goemotions/emotions.txt"
# label -> GoEmotions emotions that make it positive
EMOTION_LABELS = {
    "frustrated": ("anger", "annoyance", "disappointment", "disapproval"),
    "grateful": ("gratitude",),
}
POLITE_QUANTILES = (0.25, 0.75)
LABELS = ("polite", "frustrated", "grateful")


def normalise(text: str) -> str:
    """Lower-case letters and digits only: how texts are matched across corpora."""
    return re.sub(r"[^0-9a-z]+", "", text.lower())


def _path(data: Path, relative: str) -> Path:
    path = data / relative
    if not path.is_file():
        raise InputError(f"{path}: missing; --data must point at the shared data folder "
                         f"(with stanford-politeness/, tydip-politeness-en/, goemotions/)")
    return path


def _dedupe(texts: Sequence[str], labels: Sequence[int]) -> tuple[list[str], list[int]]:
    seen: set[str] = set()
    out_t, out_y = [], []
    for text, label in zip(texts, labels, strict=True):
        key = normalise(text)
        if key in seen:
            continue
        seen.add(key)
        out_t.append(text)
        out_y.append(label)
    return out_t, out_y


def _read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def load_stanford(data: str | Path, community: str, *, exclude: set[str] | None = None
                  ) -> tuple[list[str], list[int]]:
    """Top (1) and bottom (0) quartile requests of one community, deduplicated.

    `exclude` holds normalised texts to leave out (after the quartiles are computed).
    """
    path = _path(Path(data), STANFORD[community])
    rows = _read_csv(path)
    try:
        scores = np.array([float(r["Normalized Score"]) for r in rows])
    except (KeyError, ValueError) as exc:
        raise InputError(f"{path}: bad 'Normalized Score' column ({exc})") from None
    low, high = np.quantile(scores, POLITE_QUANTILES)
    texts, labels = [], []
    for row, score in zip(rows, scores, strict=True):
        if score > low and score < high:
            continue
        if exclude and normalise(row["Request"]) in exclude:
            continue
        texts.append(row["Request"])
        labels.append(int(score >= high))
    return _dedupe(texts, labels)


def tydip_test_texts(data: str | Path) -> set[str]:
    """Normalised texts of the whole TyDiP English test split (500 requests)."""
    return {normalise(r["sentence"]) for r in _read_csv(_path(Path(data), TYDIP_ALL_TEST))}


def load_tydip_binary(data: str | Path, split: str) -> tuple[list[str], list[int]]:
    """TyDiP's binary English split as published: polite (1) when score > 0."""
    rows = _read_csv(_path(Path(data), TYDIP_BINARY[split]))
    return [r["sentence"] for r in rows], [int(float(r["score"]) > 0) for r in rows]


def load_goemotions(data: str | Path, split: str,
                    labels: Sequence[str] = ("frustrated", "grateful"), *,
                    mapping: Mapping[str, Sequence[str]] = EMOTION_LABELS
                    ) -> tuple[list[str], np.ndarray]:
    """GoEmotions texts and a (n, len(labels)) 0/1 matrix: 1 when any emotion that `mapping`
    lists for the label is present."""
    data = Path(data)
    names = _path(data, GOEMOTIONS_LABELS).read_text(encoding="utf-8").split()
    try:
        wanted = [{names.index(e) for e in mapping[label]} for label in labels]
    except (KeyError, ValueError) as exc:
        raise InputError(f"GoEmotions labels: unknown label or emotion {exc}") from None
    path = _path(data, GOEMOTIONS[split])
    texts, rows = [], []
    with open(path, encoding="utf-8", newline="") as f:
        for line_no, row in enumerate(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE), 1):
            if len(row) != 3:
                raise InputError(f"{path}: line {line_no}: expected 3 tab-separated fields")
            ids = {int(i) for i in row[1].split(",")}
            texts.append(row[0])
            rows.append([int(bool(ids & w)) for w in wanted])
    return texts, np.array(rows, dtype=np.int8).reshape(len(texts), len(labels))


@dataclass
class TrainingSet:
    """Texts with a label matrix (-1 = not labelled), validation rows and provenance."""

    texts: list[str]
    y: np.ndarray
    val_texts: list[str]
    val_y: np.ndarray
    labels: tuple[str, ...]
    counts: dict[str, Any] = field(default_factory=dict)


def build_training_set(data: str | Path, labels: Sequence[str] = LABELS) -> TrainingSet:
    """Stack each label's corpus into one (texts, y) with -1 where a corpus has no label."""
    labels = tuple(labels)
    unknown = [x for x in labels if x != "polite" and x not in EMOTION_LABELS]
    if unknown:
        raise InputError(f"labels: unknown {unknown}; known: polite, {', '.join(EMOTION_LABELS)}")
    texts: list[str] = []
    blocks: list[np.ndarray] = []
    counts: dict[str, Any] = {}
    if "polite" in labels:
        exclude = tydip_test_texts(data)
        for community in STANFORD:
            t, y = load_stanford(data, community, exclude=exclude)
            block = np.full((len(t), len(labels)), -1, dtype=np.int8)
            block[:, labels.index("polite")] = y
            texts += t
            blocks.append(block)
            counts[f"polite/{community}"] = {"n": len(t), "positive": int(sum(y))}
    emotions = [x for x in labels if x in EMOTION_LABELS]
    val_texts: list[str] = []
    val_y = np.zeros((0, len(labels)), dtype=np.int8)
    if emotions:
        cols = [labels.index(x) for x in emotions]
        t, y = load_goemotions(data, "train", emotions)
        block = np.full((len(t), len(labels)), -1, dtype=np.int8)
        block[:, cols] = y
        texts += t
        blocks.append(block)
        val_texts, vy = load_goemotions(data, "dev", emotions)
        val_y = np.full((len(val_texts), len(labels)), -1, dtype=np.int8)
        val_y[:, cols] = vy
        for i, x in enumerate(emotions):
            counts[f"{x}/goemotions-train"] = {"n": len(t), "positive": int(y[:, i].sum())}
            counts[f"{x}/goemotions-dev"] = {"n": len(val_texts), "positive": int(vy[:, i].sum())}
    y_all = np.vstack(blocks) if blocks else np.zeros((0, len(labels)), dtype=np.int8)
    return TrainingSet(texts=texts, y=y_all, val_texts=val_texts, val_y=val_y, labels=labels,
                       counts=counts)


def data_files(data: str | Path, labels: Sequence[str] = LABELS) -> dict[str, str]:
    """sha256 of every data file training reads, keyed by its path under --data."""
    names: list[str] = []
    if "polite" in labels:
        names += [*STANFORD.values(), TYDIP_ALL_TEST]
    if any(x in EMOTION_LABELS for x in labels):
        names += [GOEMOTIONS["train"], GOEMOTIONS["dev"], GOEMOTIONS_LABELS]
    return {name: sha256_file(_path(Path(data), name)) for name in sorted(names)}


def train(data: str | Path, *, seed: int = 0, labels: Sequence[str] = LABELS,
          **params: Any) -> tuple[Any, dict[str, Any]]:
    """Fit a ToneModel on the shared data; return it and the metadata to save with it."""
    from csnlp.ml.tone import ToneModel

    ts = build_training_set(data, labels)
    model = ToneModel(labels=ts.labels, random_state=seed, **params)
    validation = (ts.val_texts, ts.val_y) if ts.val_texts else None
    model.fit(ts.texts, ts.y, validation=validation)
    meta = {
        "training_data": {
            "files_sha256": data_files(data, labels),
            "examples": ts.counts,
            "mapping": {
                "polite": "Stanford Politeness (Wikipedia + Stack Exchange): top quartile of "
                          "Normalized Score per community = 1, bottom quartile = 0, middle "
                          "unused; TyDiP en test requests excluded",
                **{x: f"GoEmotions train: any of {', '.join(EMOTION_LABELS[x])} = 1, else 0"
                   for x in labels if x in EMOTION_LABELS},
            },
            "selection": "frustrated/grateful: C, calibration, threshold on GoEmotions dev; "
                         "polite: 5-fold CV on its training rows",
        },
        "seed": seed,
    }
    return model, meta


def main(argv: list[str] | None = None) -> int:
    """Command line: csnlp train-tone --data DIR --out DIR [--seed N]."""
    return train_cli(
        argv, prog="csnlp train-tone", train=train,
        description="Train the tone model (polite, frustrated, grateful) from the public "
                    "politeness and GoEmotions corpora; same data and seed give the same arrays.",
        summary=lambda model: [
            f"{label}: held-out ({r['heldout']}) AUC {r['roc_auc']:.3f}, F1 {r['f1']:.3f} "
            f"at {r['threshold']:.3f}, C={r['C']}" for label, r in model.validation_.items()])


if __name__ == "__main__":
    raise SystemExit(main())
