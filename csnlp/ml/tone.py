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
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from csnlp.errors import InputError, ModelError, describe
from csnlp.ml import features as F
from csnlp.ml.common import (
    as_texts,
    check_is_fitted,
    model_record,
    models_dir,
    platt,
    sigmoid,
)
from csnlp.ml.safe_io import arrays_digest, load_arrays_model, save_arrays_model

MODEL_KIND = "csnlp.tone"
DEFAULT_NAME = "tone-v1"
DEFAULT_LABELS = ("polite", "frustrated", "grateful")
_ARRAYS = ("columns", "idf", "coef", "intercept", "calibration", "thresholds")


def default_model_dir() -> Path:
    """Where the shipped tone model lives: `$CSNLP_MODELS_DIR/tone-v1` or the repo's models/."""
    return models_dir(DEFAULT_NAME)


def _check_is_fitted(model: Any) -> None:
    check_is_fitted(model, "load_tone_model")


def _weighted(batch: F.TokenBatch, n_buckets: int, lookup: np.ndarray, idf: np.ndarray
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(doc, column, value) per n-gram occurrence of the kept columns (repeats add up).

    Each occurrence weighs its column's idf and each text is divided by the root of its summed
    squared weights: TF-IDF with unit rows when no n-gram repeats in a text, and no sort or
    de-duplication needed, which keeps scoring cheaper than tokenizing.
    """
    docs, buckets = F.ngram_buckets(batch, n_buckets)
    column = lookup[buckets]
    kept = column >= 0
    doc, column = docs[kept], column[kept]
    value = idf[column]
    norm = np.sqrt(np.bincount(doc, weights=value * value, minlength=batch.n_docs))
    return doc, column, value / norm[doc]


class ToneModel:
    """Calibrated linear tone classifier, one binary label per column.

    Parameters are stored as given (scikit-learn style); learned state ends in `_`.
    `y` for `fit` is an (n_texts, n_labels) array of 1 / 0, with -1 where a text is not
    labelled for that label, so each label can come from a different corpus.

    >>> m = ToneModel(labels=("polite",), Cs=(1.0,), cv=2, min_df=1).fit(
    ...     ["thanks a lot, could you help?", "thank you so much!", "fix it now.", "do it now!"],
    ...     [[1], [1], [0], [0]])
    >>> m.predict_proba(["thanks, could you?"]).shape
    (1, 1)
    """

    def __init__(self, labels: Sequence[str] = DEFAULT_LABELS, *, n_buckets: int = 2**18,
                 min_df: int = 2, strategy_weights: Sequence[float] = (0.25, 0.5, 1.0),
                 Cs: Sequence[float] = (0.5, 1.0, 2.0, 4.0, 8.0), cv: int = 5,
                 random_state: int = 0, name: str = DEFAULT_NAME) -> None:
        self.labels = labels
        self.n_buckets = n_buckets
        self.min_df = min_df
        self.strategy_weights = strategy_weights
        self.Cs = Cs
        self.cv = cv
        self.random_state = random_state
        self.name = name

    # -- parameters ------------------------------------------------------------------------
    def get_params(self, deep: bool = True) -> dict[str, Any]:
        return {"labels": list(self.labels), "n_buckets": self.n_buckets, "min_df": self.min_df,
                "strategy_weights": list(self.strategy_weights), "Cs": list(self.Cs),
                "cv": self.cv, "random_state": self.random_state, "name": self.name}

    def __repr__(self) -> str:
        return f"ToneModel(labels={tuple(self.labels)!r}, name={self.name!r})"

    @property
    def model_id(self) -> str:
        """"<name>@<first 12 hex of the sha256 of the learned arrays>", e.g. tone-v1@3f2a...."""
        _check_is_fitted(self)
        return f"{self.name}@{self.digest_[:12]}"

    # -- features --------------------------------------------------------------------------
    def _lookup(self) -> np.ndarray:
        cached = self.__dict__.get("_lookup_cache")
        if cached is None:
            cached = np.full(self.n_buckets, -1, dtype=np.int64)
            cached[self.columns_] = np.arange(len(self.columns_))
            self.__dict__["_lookup_cache"] = cached
        return cached

    def _design(self, batch: F.TokenBatch, lookup: np.ndarray, idf: np.ndarray
                ) -> tuple[Any, np.ndarray]:
        """Training features: TF-IDF n-gram columns (CSR) and strategy flags (dense 0/1)."""
        from scipy import sparse

        doc, column, value = _weighted(batch, self.n_buckets, lookup, idf)
        tfidf = sparse.csr_matrix((value, (doc, column)), shape=(batch.n_docs, len(idf)))
        return tfidf, F.strategy_features(batch)

    # -- fitting ---------------------------------------------------------------------------
    def fit(self, texts: Iterable[str], y: Any, *,
            validation: tuple[Iterable[str], Any] | None = None) -> ToneModel:
        """Fit every label; choose C and the strategy weight, calibrate and set thresholds on
        held-out predictions.

        A label with rows in `validation` (texts, y) is tuned on them: (C, strategy weight) by
        ROC AUC, a sigmoid (Platt) calibration and the F1-best threshold. A label without is
        tuned the same way on out-of-fold predictions of a stratified `cv`-fold split of its
        training rows. The strategy weight scales the 0/1 strategy flags against the TF-IDF
        columns before fitting and is folded into the coefficients afterwards.
        """
        from threadpoolctl import threadpool_limits

        texts = as_texts(texts)
        labels = tuple(self.labels)
        Y = _label_matrix(y, len(texts), labels, "y")
        if not texts:
            raise InputError("fit: no training texts")
        batch = F.tokenize(texts)
        df = F.document_frequency(batch, self.n_buckets)
        columns = np.flatnonzero(df >= max(self.min_df, 1))
        idf = (np.log((1.0 + len(texts)) / (1.0 + df[columns])) + 1.0).astype(np.float32)
        lookup = np.full(self.n_buckets, -1, dtype=np.int64)
        lookup[columns] = np.arange(len(columns))
        train = self._design(batch, lookup, idf)
        val = Y_val = None
        if validation is not None:
            val_texts = as_texts(validation[0], "validation texts")
            Y_val = _label_matrix(validation[1], len(val_texts), labels, "validation y")
            val = self._design(F.tokenize(val_texts), lookup, idf)

        n_features = len(columns) + len(F.STRATEGY_NAMES)
        coef = np.zeros((len(labels), n_features), dtype=np.float32)
        intercept = np.zeros(len(labels), dtype=np.float32)
        calibration = np.zeros((len(labels), 2), dtype=np.float32)
        thresholds = np.zeros(len(labels), dtype=np.float32)
        report: dict[str, Any] = {}
        with threadpool_limits(limits=1):
            for j, label in enumerate(labels):
                fitted = self._fit_label(j, label, train, Y, val, Y_val)
                coef[j], intercept[j] = fitted["coef"], fitted["intercept"]
                calibration[j] = fitted["calibration"]
                thresholds[j] = fitted["threshold"]
                report[label] = fitted["report"]
        self._set_state(columns=columns.astype(np.int32), idf=idf, coef=coef,
                        intercept=intercept, calibration=calibration, thresholds=thresholds)
        self.validation_ = report
        return self

    def _fit_label(self, j: int, label: str, train: tuple[Any, np.ndarray], Y: np.ndarray,
                   val: tuple[Any, np.ndarray] | None, Y_val: np.ndarray | None
                   ) -> dict[str, Any]:
        from scipy import sparse
        from sklearn.metrics import roc_auc_score

        rows = Y[:, j] >= 0
        yj = Y[rows, j]
        if len(np.unique(yj)) < 2:
            raise InputError(f"fit: label {label!r} needs positive and negative examples, "
                             f"got {int(yj.sum())} positive of {len(yj)}")
        tfidf, flags = train[0][rows], train[1][rows]
        use_val = val is not None and Y_val is not None and bool((Y_val[:, j] >= 0).any())
        if use_val:
            vrows = Y_val[:, j] >= 0
            yh = Y_val[vrows, j]
            vtfidf, vflags = val[0][vrows], val[1][vrows]
            if len(np.unique(yh)) < 2:
                raise InputError(f"fit: validation rows for {label!r} need both classes")
        else:
            yh = yj
        grid = [(C, w) for w in self.strategy_weights for C in self.Cs]
        scores, held, models = [], [], []
        for C, w in grid:
            X = sparse.hstack([tfidf, flags * w], format="csr")
            if use_val:
                clf = self._classifier(C).fit(X, yj)
                z = clf.decision_function(sparse.hstack([vtfidf, vflags * w], format="csr"))
                models.append(clf)
            else:
                z = self._out_of_fold(X, yj, C)
            held.append(z)
            scores.append(roc_auc_score(yh, z))
        best = int(np.argmax(scores))
        C, w = grid[best]
        if use_val:
            final = models[best]
        else:
            final = self._classifier(C).fit(sparse.hstack([tfidf, flags * w], format="csr"), yj)
        z = held[best]
        a, b = platt(z, yh)
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

    def _classifier(self, C: float) -> Any:
        from sklearn.linear_model import LogisticRegression

        return LogisticRegression(C=C, solver="liblinear", max_iter=1000,
                                  random_state=self.random_state)

    def _n_folds(self, y: np.ndarray) -> int:
        return int(max(2, min(self.cv, np.bincount(y).min())))

    def _out_of_fold(self, X: Any, y: np.ndarray, C: float) -> np.ndarray:
        from sklearn.model_selection import StratifiedKFold

        folds = StratifiedKFold(n_splits=self._n_folds(y), shuffle=True,
                                random_state=self.random_state)
        z = np.zeros(len(y))
        for train, test in folds.split(np.zeros(len(y)), y):
            z[test] = self._classifier(C).fit(X[train], y[train]).decision_function(X[test])
        return z

    # -- learned state ---------------------------------------------------------------------
    def _set_state(self, **arrays: np.ndarray) -> None:
        n_strategies = len(F.STRATEGY_NAMES)
        k, n_labels = len(arrays["columns"]), len(tuple(self.labels))
        expected = {"columns": (k,), "idf": (k,), "coef": (n_labels, k + n_strategies),
                    "intercept": (n_labels,), "calibration": (n_labels, 2),
                    "thresholds": (n_labels,)}
        for name, shape in expected.items():
            if arrays[name].shape != shape:
                raise ModelError(f"array {name!r} has shape {arrays[name].shape}, "
                                 f"expected {shape}")
        cols = arrays["columns"]
        if k and (cols.min() < 0 or cols.max() >= self.n_buckets or np.any(np.diff(cols) <= 0)):
            raise ModelError("array 'columns' must be increasing bucket indices < n_buckets")
        for name in ("idf", "coef", "intercept", "calibration", "thresholds"):
            if not np.all(np.isfinite(arrays[name])):
                raise ModelError(f"array {name!r} holds NaN or infinite values")
        self.columns_ = arrays["columns"].astype(np.int32)
        self.idf_ = arrays["idf"].astype(np.float32)
        self.coef_ = arrays["coef"].astype(np.float32)
        self.intercept_ = arrays["intercept"].astype(np.float32)
        self.calibration_ = arrays["calibration"].astype(np.float32)
        self.thresholds_ = arrays["thresholds"].astype(np.float32)
        self.digest_ = arrays_digest(self._arrays())
        self.__dict__.pop("_lookup_cache", None)
        self.__dict__.pop("_weights_cache", None)
        self.__dict__.pop("_idf_cache", None)

    def _arrays(self) -> dict[str, np.ndarray]:
        return {"columns": self.columns_, "idf": self.idf_, "coef": self.coef_,
                "intercept": self.intercept_, "calibration": self.calibration_,
                "thresholds": self.thresholds_}

    @property
    def thresholds(self) -> dict[str, float]:
        """Decision threshold per label (F1-best on held-out data)."""
        _check_is_fitted(self)
        return {label: float(t) for label, t in zip(self.labels, self.thresholds_, strict=True)}

    # -- prediction ------------------------------------------------------------------------
    def _idf(self) -> np.ndarray:
        cached = self.__dict__.get("_idf_cache")
        if cached is None:
            cached = self.__dict__["_idf_cache"] = self.idf_.astype(np.float64)
        return cached

    def _weights(self) -> tuple[np.ndarray, np.ndarray]:
        """Coefficients as float64: n-gram columns (n_labels, k), strategies (n_labels, s)."""
        cached = self.__dict__.get("_weights_cache")
        if cached is None:
            k = len(self.columns_)
            coef = self.coef_.astype(np.float64)
            cached = (np.ascontiguousarray(coef[:, :k]), np.ascontiguousarray(coef[:, k:]))
            self.__dict__["_weights_cache"] = cached
        return cached

    def score_batch(self, batch: F.TokenBatch) -> tuple[np.ndarray, np.ndarray]:
        """Probabilities and strategy flags of an already flattened TokenBatch."""
        _check_is_fitted(self)
        return self._proba_batch(batch)

    def _proba_batch(self, batch: F.TokenBatch) -> tuple[np.ndarray, np.ndarray]:
        """Probabilities (n_docs, n_labels) and the strategy flags they were computed from."""
        ngram_w, strategy_w = self._weights()
        doc, column, value = _weighted(batch, self.n_buckets, self._lookup(), self._idf())
        flags = F.strategy_features(batch)
        z = flags @ strategy_w.T
        for j, weights in enumerate(ngram_w):
            z[:, j] += np.bincount(doc, weights=weights[column] * value, minlength=batch.n_docs)
        z += self.intercept_.astype(np.float64)
        calib = self.calibration_.astype(np.float64)
        return sigmoid(calib[:, 0] * z + calib[:, 1]), flags

    def predict_proba(self, texts: Iterable[str], *, batch_size: int = 2000) -> np.ndarray:
        """Probabilities, shape (n_texts, n_labels), columns in `self.labels` order."""
        _check_is_fitted(self)
        texts = as_texts(texts)
        parts = [self._proba_batch(F.tokenize(texts[i:i + batch_size]))[0]
                 for i in range(0, len(texts), batch_size)]
        if not parts:
            return np.zeros((0, len(tuple(self.labels))))
        return np.vstack(parts)

    def predict_proba_docs(self, docs: Iterable[Any]) -> np.ndarray:
        """The same for spaCy Docs, in one vectorised call; `docs` may be a list or a stream.

        Each Doc is read once as it passes, so a generator that does other per-Doc work and
        yields the Doc scores a whole batch without keeping the Docs alive:

        >>> import spacy
        >>> nlp, found = spacy.blank("en"), []
        >>> def annotate(texts):
        ...     for doc in nlp.pipe(texts):
        ...         found.append(len(doc))  # the caller's own per-turn work
        ...         yield doc
        >>> load_tone_model().predict_proba_docs(annotate(["Hi!", "Thanks a lot."])).shape
        (2, 3)

        Scores equal `predict_proba` of the Docs' texts when the Docs come from spaCy's
        blank English tokenizer, as in csnlp's pipeline.
        """
        _check_is_fitted(self)
        return self._proba_batch(F.token_batch(docs))[0]

    def score_docs(self, docs: Iterable[Any]) -> tuple[np.ndarray, np.ndarray]:
        """Probabilities for a batch of Docs and their strategy flags (n_docs, n_strategies),
        columns in `csnlp.ml.features.STRATEGY_NAMES` order."""
        _check_is_fitted(self)
        return self._proba_batch(F.token_batch(docs))

    def predict(self, texts: Iterable[str]) -> np.ndarray:
        """0/1 per label at the held-out F1-best thresholds."""
        return (self.predict_proba(texts) >= self.thresholds_).astype(np.int8)

    # -- persistence -----------------------------------------------------------------------
    def save(self, directory: str | Path, *, meta: Mapping[str, Any] | None = None) -> Path:
        """Write the model as arrays + meta.json; `meta` adds e.g. training-data hashes."""
        _check_is_fitted(self)
        record = model_record(self, names_key="labels", names=self.labels)
        record.update(meta or {})
        save_arrays_model(directory, kind=MODEL_KIND, arrays=self._arrays(), meta=record)
        return Path(directory)

    @classmethod
    def load(cls, path: str | Path) -> ToneModel:
        """Load a model directory through the safe loader; refuse anything else."""
        loaded = load_arrays_model(path, kind=MODEL_KIND, required=_ARRAYS)
        meta, where = loaded.meta, loaded.directory / "meta.json"
        F.check_features_meta(meta, where)
        params = meta.get("params")
        if not isinstance(params, dict):
            raise ModelError(f"{where}: field 'params' must be an object")
        n_buckets, labels = params.get("n_buckets"), params.get("labels")
        if not (isinstance(n_buckets, int) and 0 < n_buckets <= 2**24
                and n_buckets & (n_buckets - 1) == 0):
            raise ModelError(f"{where}: params.n_buckets {describe(n_buckets)} is not a power "
                             "of two up to 2**24")
        if not (isinstance(labels, list) and labels and all(isinstance(x, str) for x in labels)):
            raise ModelError(f"{where}: params.labels {describe(labels)} is not a list of names")
        try:
            model = cls(**params)
        except TypeError as exc:
            raise ModelError(f"{where}: field 'params' is invalid: {exc}") from None
        model._set_state(**{name: loaded.arrays[name] for name in _ARRAYS})
        if meta.get("arrays_sha256") not in (None, model.digest_):
            raise ModelError(f"{where}: arrays_sha256 does not match the arrays loaded")
        model.validation_ = meta.get("validation", {})
        model.meta_ = meta
        return model


def _label_matrix(y: Any, n: int, labels: Sequence[str], where: str) -> np.ndarray:
    Y = np.asarray(y)
    if Y.ndim == 1 and len(labels) == 1:
        Y = Y[:, None]
    if Y.shape != (n, len(labels)):
        raise InputError(f"{where}: expected shape ({n}, {len(labels)}) for labels "
                         f"{list(labels)}, got {Y.shape}")
    if not np.isin(Y, (-1, 0, 1)).all():
        raise InputError(f"{where}: values must be 1, 0 or -1 (not labelled)")
    return Y.astype(np.int8)


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
    directory = default_model_dir()
    if not (directory / "meta.json").is_file():
        return None
    return load_tone_model(directory)


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
