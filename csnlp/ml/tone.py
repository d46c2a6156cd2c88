"""The tone model: per-turn probabilities of `polite`, `frustrated` (and `grateful`).

One logistic regression per label over shared features (hashed word 1-2-grams and
sentence-opening words weighted by TF-IDF, plus politeness-strategy flags from
`csnlp.ml.features`), each with Platt calibration.
Training uses scikit-learn; prediction needs only spaCy's tokenizer and numpy: a batch of
texts or Docs becomes token hashes, then feature indices, then one sparse dot product per
label — one vectorised call per batch. Models are saved as plain arrays + JSON through
`csnlp.ml.safe_io`.

    >>> import csnlp
    >>> csnlp.tone_scores(["Could you please check my order? Thanks!"]).columns.tolist()
    ['polite', 'frustrated', 'grateful']

Docs are read once as they stream past, so a generator that does other per-Doc work and yields
each Doc scores a whole batch without keeping the Docs alive:

    >>> import spacy
    >>> nlp, found = spacy.blank("en"), []
    >>> def annotate(texts):
    ...     for doc in nlp.pipe(texts):
    ...         found.append(len(doc))  # the caller's own per-turn work
    ...         yield doc
    >>> load_tone_model().predict_proba_docs(annotate(["Hi!", "Thanks a lot."])).shape
    (2, 3)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from csnlp.errors import InputError, ModelError
from csnlp.ml import features as F
from csnlp.ml.common import as_texts, models_dir, platt, sigmoid
from csnlp.ml.linear import (
    LinearTextModel,
    idf_ngrams,
    label_matrix,
    vocabulary,
    weight_matrix,
)

MODEL_KIND = "csnlp.tone"
DEFAULT_NAME = "tone-v1"
DEFAULT_LABELS = ("polite", "frustrated", "grateful")


def default_model_dir() -> Path:
    """Where the shipped tone model lives: `$CSNLP_MODELS_DIR/tone-v1` or the repo's models/."""
    return models_dir(DEFAULT_NAME)


def _weighted(batch: F.TokenBatch, n_buckets: int, lookup: np.ndarray, idf: np.ndarray
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(doc, column, value) per n-gram occurrence of the kept columns (repeats add up).

    Each occurrence weighs its column's idf and each text is divided by the root of its summed
    squared weights: TF-IDF with unit rows when no n-gram repeats in a text, and no sort or
    de-duplication needed, which keeps scoring cheaper than tokenizing.
    """
    return idf_ngrams(batch, n_buckets, lookup, idf, binary=False)


class ToneModel(LinearTextModel):
    """Calibrated linear tone classifier, one binary label per column.

    Parameters are stored as given (scikit-learn style); learned state ends in `_`.
    `y` for `fit` is an (n_texts, n_labels) array of 1 / 0, with -1 where a text is not
    labelled for that label, so each label can come from a different corpus. Thresholds are
    the F1-best ones on held-out data. A label in `balanced` is calibrated with both classes
    weighing the same on the held-out rows, so its score does not depend on how common the
    label was there: 0.8 means the text's features are four times as likely under the label
    as under its absence.

    >>> m = ToneModel(labels=("polite",), Cs=(1.0,), cv=2, min_df=1).fit(
    ...     ["thanks a lot, could you help?", "thank you so much!", "fix it now.", "do it now!"],
    ...     [[1], [1], [0], [0]])
    >>> m.predict_proba(["thanks, could you?"]).shape
    (1, 1)
    """

    kind = MODEL_KIND
    outputs_param = "labels"
    loader = "load_tone_model"

    def __init__(self, labels: Sequence[str] = DEFAULT_LABELS, *, n_buckets: int = 2**18,
                 min_df: int = 2, strategy_weights: Sequence[float] = (0.25, 0.5, 1.0),
                 Cs: Sequence[float] = (0.5, 1.0, 2.0, 4.0, 8.0), cv: int = 5,
                 balanced: Sequence[str] = (), random_state: int = 0,
                 name: str = DEFAULT_NAME) -> None:
        self.labels = labels
        self.n_buckets = n_buckets
        self.min_df = min_df
        self.strategy_weights = strategy_weights
        self.Cs = Cs
        self.cv = cv
        self.balanced = balanced
        self.random_state = random_state
        self.name = name

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        return {"labels": list(self.labels), "n_buckets": self.n_buckets, "min_df": self.min_df,
                "strategy_weights": list(self.strategy_weights), "Cs": list(self.Cs),
                "cv": self.cv, "balanced": list(self.balanced),
                "random_state": self.random_state, "name": self.name}

    # -- fitting ---------------------------------------------------------------------------
    def _design(self, batch: F.TokenBatch, lookup: np.ndarray, idf: np.ndarray
                ) -> tuple[Any, np.ndarray]:
        """Training features: TF-IDF n-gram columns (CSR) and strategy flags (dense 0/1), kept
        apart so that each strategy weight in the grid rescales only the flags."""
        from scipy import sparse

        doc, column, value = _weighted(batch, self.n_buckets, lookup, idf)
        tfidf = sparse.csr_matrix((value, (doc, column)), shape=(batch.n_docs, len(idf)))
        return tfidf, F.strategy_features(batch)

    def fit(self, texts: Iterable[str], y: Any, *, sample_weight: Any = None,
            validation: tuple[Iterable[str], Any] | None = None) -> ToneModel:
        """Fit every label; choose C and the strategy weight, calibrate and set thresholds on
        held-out predictions.

        A label with rows in `validation` (texts, y) is tuned on them: (C, strategy weight) by
        ROC AUC, a sigmoid (Platt) calibration and the F1-best threshold. A label without is
        tuned the same way on out-of-fold predictions of a stratified `cv`-fold split of its
        training rows. The strategy weight scales the 0/1 strategy flags against the TF-IDF
        columns before fitting and is folded into the coefficients afterwards.
        `sample_weight` is one weight per training row, or one per row and label.
        """
        texts = as_texts(texts)
        labels = tuple(self.labels)
        Y = label_matrix(y, len(texts), labels, "y", noun="labels")
        if not texts:
            raise InputError("fit: no training texts")
        unknown = sorted(set(self.balanced) - set(labels))
        if unknown:
            raise InputError(f"balanced: {unknown} are not among the labels {list(labels)}")
        W = weight_matrix(sample_weight, len(texts), len(labels))
        batch = F.tokenize(texts)
        columns, idf, lookup = vocabulary(batch, len(texts), self.n_buckets, self.min_df)
        train = self._design(batch, lookup, idf)
        val = Y_val = None
        if validation is not None:
            val_texts = as_texts(validation[0], "validation texts")
            Y_val = label_matrix(validation[1], len(val_texts), labels, "validation y",
                                 noun="labels")
            val = self._design(F.tokenize(val_texts), lookup, idf)
        learned, report = self._fit_each(
            len(columns) + len(F.STRATEGY_NAMES),
            lambda j, label: self._fit_label(j, label, train, Y, W[:, j], val, Y_val))
        self._set_state(columns=columns.astype(np.int32), idf=idf, **learned)
        self.validation_ = report
        return self

    def _fit_label(self, j: int, label: str, train: tuple[Any, np.ndarray], Y: np.ndarray,
                   weight: np.ndarray, val: tuple[Any, np.ndarray] | None,
                   Y_val: np.ndarray | None) -> dict[str, Any]:
        from scipy import sparse
        from sklearn.metrics import roc_auc_score

        rows = Y[:, j] >= 0
        yj, wj = Y[rows, j], weight[rows]
        if len(np.unique(yj)) < 2:
            raise InputError(f"fit: label {label!r} needs positive and negative examples, "
                             f"got {int(yj.sum())} positive of {len(yj)}")
        tfidf, flags = train[0][rows], train[1][rows]
        use_val = False
        if val is not None and Y_val is not None and bool((Y_val[:, j] >= 0).any()):
            use_val = True
            vrows = Y_val[:, j] >= 0
            yh = Y_val[vrows, j]
            vtfidf, vflags = val[0][vrows], val[1][vrows]
            if len(np.unique(yh)) < 2:
                raise InputError(f"fit: validation rows for {label!r} need both classes")
        else:
            yh = yj
        # out-of-fold rows count with their training weights (a down-weighted corpus counts
        # less when C is chosen and the calibration fitted too); validation rows count once
        hw = None if use_val else wj
        grid = [(C, w) for w in self.strategy_weights for C in self.Cs]
        scores, held, models = [], [], []
        for C, w in grid:
            X = sparse.hstack([tfidf, flags * w], format="csr")
            if use_val:
                clf = self._classifier(C).fit(X, yj, sample_weight=wj)
                z = clf.decision_function(sparse.hstack([vtfidf, vflags * w], format="csr"))
                models.append(clf)
            else:
                z = self._out_of_fold(X, yj, wj, C)
            held.append(z)
            scores.append(roc_auc_score(yh, z, sample_weight=hw))
        best = int(np.argmax(scores))
        C, w = grid[best]
        if use_val:
            final = models[best]
        else:
            final = self._classifier(C).fit(sparse.hstack([tfidf, flags * w], format="csr"), yj,
                                            sample_weight=wj)
        z = held[best]
        calibration_weight = _balancing(yh) if label in self.balanced else None
        if hw is not None:
            calibration_weight = hw if calibration_weight is None else hw * calibration_weight
        a, b = platt(z, yh, calibration_weight)
        threshold, metrics = _best_f1(yh, sigmoid(a * z + b))
        metrics.update(
            roc_auc=round(float(scores[best]), 4), C=float(C), strategy_weight=float(w),
            auc_by_C_and_weight={f"C={c},w={v}": round(float(s), 4)
                                 for (c, v), s in zip(grid, scores, strict=True)},
            heldout="validation" if use_val else f"{self._n_folds(yj)}-fold CV",
            n_train=int(len(yj)), n_train_positive=int(yj.sum()))
        k = tfidf.shape[1]
        folded = final.coef_[0].copy()
        folded[k:] *= w
        return {"coef": folded, "intercept": final.intercept_[0],
                "calibration": (a, b), "threshold": threshold, "report": metrics}

    def _n_folds(self, y: np.ndarray) -> int:
        return int(max(2, min(self.cv, np.bincount(y).min())))

    def _out_of_fold(self, X: Any, y: np.ndarray, w: np.ndarray, C: float) -> np.ndarray:
        from sklearn.model_selection import StratifiedKFold

        folds = StratifiedKFold(n_splits=self._n_folds(y), shuffle=True,
                                random_state=self.random_state)
        z = np.zeros(len(y))
        for train, test in folds.split(np.zeros(len(y)), y):
            clf = self._classifier(C).fit(X[train], y[train], sample_weight=w[train])
            z[test] = clf.decision_function(X[test])
        return z

    # -- prediction ------------------------------------------------------------------------
    def _split_coef(self, coef: np.ndarray, k: int) -> dict[str, np.ndarray]:
        """One row per label, n-gram (n_labels, k) and strategy (n_labels, s) weights:
        `_scores` sums one label's n-gram weights at a time."""
        # Each label's row of n-gram weights is contiguous in `coef_` already: a view.
        return {"ngram": coef[:, :k],
                "strategy": np.ascontiguousarray(coef[:, k:], dtype=np.float64)}

    def _scores(self, batch: F.TokenBatch) -> tuple[np.ndarray, np.ndarray]:
        """Probabilities (n_docs, n_labels) and the strategy flags they were computed from."""
        doc, column, value = _weighted(batch, self.n_buckets, self._lookup(), self._idf())
        flags = F.strategy_features(batch)
        c = self._prepared()
        z = flags @ c["strategy"].T
        for j, weights in enumerate(c["ngram"]):
            z[:, j] += np.bincount(doc, weights=weights[column] * value, minlength=batch.n_docs)
        return self._calibrated(z), flags

    def _proba_batch(self, batch: F.TokenBatch) -> np.ndarray:
        return self._scores(batch)[0]

    def score_batch(self, batch: F.TokenBatch) -> tuple[np.ndarray, np.ndarray]:
        """Probabilities and strategy flags of an already flattened TokenBatch."""
        self._check_is_fitted()
        return self._scores(batch)

    def score_texts(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Probabilities and strategy flags of texts, tokenized and normalised as the
        annotator does: what `tone_scores` and the `csnlp_tone` component return."""
        self._check_is_fitted()
        return self._scores(F.tokenize(texts))

    def score_docs(self, docs: Iterable[Any]) -> tuple[np.ndarray, np.ndarray]:
        """Probabilities for a batch of Docs and their strategy flags (n_docs, n_strategies),
        columns in `csnlp.ml.features.STRATEGY_NAMES` order."""
        self._check_is_fitted()
        return self._scores(F.token_batch(docs))


def _balancing(y: np.ndarray) -> np.ndarray:
    """Row weights under which the 1s and the 0s of `y` weigh the same in total."""
    n_pos = max(int(y.sum()), 1)
    n_neg = max(len(y) - n_pos, 1)
    return np.where(y == 1, len(y) / (2 * n_pos), len(y) / (2 * n_neg))


def _best_f1(y: np.ndarray, p: np.ndarray) -> tuple[float, dict[str, Any]]:
    """The threshold on p that maximises F1, and precision/recall/F1/accuracy there."""
    order = np.argsort(-p, kind="stable")
    ps, ys = p[order], y[order]
    tp = np.cumsum(ys)
    fp = np.cumsum(1 - ys)
    last = np.r_[ps[1:] != ps[:-1], True]  # cut only between distinct scores
    tp, fp, cut = tp[last], fp[last], ps[last]
    precision = tp / (tp + fp)
    recall = tp / max(int(ys.sum()), 1)
    f1 = np.where(tp > 0, 2 * precision * recall / (precision + recall + 1e-12), 0.0)
    i = int(np.argmax(f1))
    threshold = float(cut[i])
    pred = p >= threshold
    metrics = {"threshold": round(threshold, 4), "f1": round(float(f1[i]), 4),
               "precision": round(float(precision[i]), 4), "recall": round(float(recall[i]), 4),
               "accuracy_at_0.5": round(float(((p >= 0.5) == y).mean()), 4),
               "accuracy_at_threshold": round(float((pred == y).mean()), 4),
               "n_heldout": int(len(y)), "n_heldout_positive": int(y.sum())}
    return threshold, metrics


def load_tone_model(path: str | Path | None = None) -> ToneModel:
    """Load a tone model directory; None loads the shipped default (`models/tone-v1`).

    Raises ModelError when the directory is missing, of another kind, or was altered.
    """
    return ToneModel.load(default_model_dir() if path is None else path)


@lru_cache(maxsize=1)
def default_tone_model() -> ToneModel | None:
    """The shipped model, loaded once; None when it is absent (an altered one still raises)."""
    return ToneModel.load_if_present(default_model_dir())


def tone_scores(texts: Iterable[str] | str, *, model: ToneModel | None = None) -> Any:
    """Tone probabilities per text as a DataFrame: one row per text, one column per label.

    >>> tone_scores(["Thank you so much!", "This is ridiculous."]).shape
    (2, 3)
    """
    import pandas as pd

    if model is None:
        model = default_tone_model()
        if model is None:
            raise ModelError(f"{default_model_dir()}: no tone model shipped there; train one "
                             "with `csnlp train-tone --data ../shared/data --out models/tone-v1`")
    index = texts.index if isinstance(texts, pd.Series) else None
    proba = model.predict_proba(texts)
    return pd.DataFrame(proba, columns=list(model.labels), index=index)
