"""The act classifier: per-turn probabilities of the service acts the standards look for.

Agents rarely say the scripted words ("What else can I sort out for you while I have you?" offers
further help without "anything else"), so a required-phrase rule may fall back on this model
where its phrases find nothing. One calibrated binary logistic regression per act over shared
features: hashed word 1-2-grams and sentence-opening words from `csnlp.ml.features` (binary,
IDF-weighted, unit rows) plus its politeness-strategy flags. Training uses scikit-learn;
prediction is numpy only, one vectorised call per batch. Models are plain arrays + JSON
(`csnlp.ml.safe_io`); each act's decision threshold was chosen on validation data and ships
with the model.

    >>> m = default_act_model()
    >>> m.acts[:3]
    ('greeting', 'self_introduction', 'apology_empathy')
    >>> m.predict_proba(["Is there anything else I can help you with?"]).shape
    (1, 10)
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

ACTS = ("greeting", "self_introduction", "apology_empathy", "thanks", "further_help",
        "resolution_check", "hold_request", "hold_thanks", "closing", "upsell_offer")
MODEL_KIND = "csnlp.acts"
DEFAULT_NAME = "acts-v1"
_ARRAYS = ("columns", "idf", "coef", "intercept", "calibration", "thresholds")
# A threshold of 1.0 means "no validation evidence that the classifier adds anything": off.
OFF = 1.0


def default_model_dir() -> Path:
    """Where the shipped act model lives: `$CSNLP_MODELS_DIR/acts-v1` or the repo's models/."""
    return models_dir(DEFAULT_NAME)


def _check_is_fitted(model: Any) -> None:
    check_is_fitted(model, "load_act_model")


# -- features --------------------------------------------------------------------------------
def ngram_features(batch: F.TokenBatch, n_buckets: int, lookup: np.ndarray, idf: np.ndarray
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(doc, column, value) of the kept n-gram columns present in each text.

    Presence, not counts (a turn is short; "thank you thank you" is not twice the thanks), each
    weighted by its column's idf, every text scaled to unit length. Sorted by doc, then column.
    """
    docs, buckets = F.ngram_buckets(batch, n_buckets)
    column = lookup[buckets]
    kept = column >= 0
    k = max(len(idf), 1)
    keys = np.unique(docs[kept] * k + column[kept])
    doc, column = keys // k, keys % k
    value = idf[column]
    norm = np.sqrt(np.bincount(doc, weights=value * value, minlength=batch.n_docs))
    return doc, column, value / norm[doc]


# -- thresholds ------------------------------------------------------------------------------
def choose_threshold(p: np.ndarray, y: np.ndarray, covered: np.ndarray | None = None, *,
                     margin: float = 0.02, floor: float = 0.0) -> tuple[float, dict[str, Any]]:
    """The threshold for "rule OR classifier >= t" on validation rows, and metrics there.

    `covered` marks rows the rule already finds (none when None). Among thresholds where the
    hybrid's precision stays within `margin` of the rule's alone and the classifier's own
    additions (rows the rule missed) are right at least as often as wrong, the one that adds
    the most true positives wins (ties: the highest). When none adds a true positive, the
    lowest threshold that adds no false positive. Never below `floor`, never above `OFF`.
    """
    y = np.asarray(y).astype(bool)
    p = np.asarray(p, dtype=np.float64)
    covered = np.zeros(len(y), dtype=bool) if covered is None else np.asarray(covered, bool)
    tp_r, fp_r = int((covered & y).sum()), int((covered & ~y).sum())
    rule_p = tp_r / (tp_r + fp_r) if tp_r + fp_r else 1.0
    free = ~covered & (p >= floor)
    order = np.argsort(-p[free], kind="stable")
    ps, ys = p[free][order], y[free][order]
    add_tp, add_fp = np.cumsum(ys), np.cumsum(~ys)
    last = np.r_[ps[1:] != ps[:-1], True] if len(ps) else np.zeros(0, dtype=bool)
    cut, add_tp, add_fp = ps[last], add_tp[last], add_fp[last]
    hybrid_p = (tp_r + add_tp) / np.maximum(tp_r + fp_r + add_tp + add_fp, 1)
    ok = (hybrid_p >= rule_p - margin) & (add_tp >= add_fp) & (add_tp > 0)
    if ok.any():
        best = int(np.max(add_tp[ok]))
        threshold = float(cut[ok & (add_tp == best)].max())
    else:  # no evidence of a gain: the lowest threshold that adds no false positive
        negatives = p[~covered & ~y]
        top = float(negatives.max()) if len(negatives) else 0.0
        threshold = min(float(np.nextafter(top, np.inf)), OFF)
    threshold = max(threshold, floor)
    n_pos = int(y.sum())
    hybrid = covered | (p >= threshold)
    alone = p >= threshold
    metrics = {
        "threshold": round(threshold, 4),
        "rule": _prf(y, covered), "classifier": _prf(y, alone), "hybrid": _prf(y, hybrid),
        "n_validation": int(len(y)), "n_validation_positive": n_pos,
        "added_tp": int((hybrid & ~covered & y).sum()),
        "added_fp": int((hybrid & ~covered & ~y).sum()),
    }
    return threshold, metrics


def _prf(y: np.ndarray, pred: np.ndarray) -> dict[str, float]:
    tp = int((y & pred).sum())
    fp = int((~y & pred).sum())
    fn = int((y & ~pred).sum())
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def _average_precision(y: np.ndarray, z: np.ndarray, w: np.ndarray) -> float:
    from sklearn.metrics import average_precision_score

    return float(average_precision_score(y, z, sample_weight=w))


# -- the model -------------------------------------------------------------------------------
class ActModel:
    """Calibrated linear act classifier, one binary act per column.

    Parameters are stored as given (scikit-learn style); learned state ends in `_`.
    `y` for `fit` is an (n_texts, n_acts) array of 1 / 0, with -1 where a text is not labelled
    for that act, so each act can come from a different corpus.

    >>> m = ActModel(acts=("thanks",), Cs=(1.0,), cv=2, min_df=1).fit(
    ...     ["thanks a lot", "thank you so much!", "my order is late", "what time is it"],
    ...     [[1], [1], [0], [0]])
    >>> m.predict_proba(["thanks!"]).shape
    (1, 1)
    """

    def __init__(self, acts: Sequence[str] = ACTS, *, n_buckets: int = 2**18, min_df: int = 2,
                 strategy_weight: float = 0.5, Cs: Sequence[float] = (1.0, 4.0, 16.0, 64.0),
                 cv: int = 5, margin: float = 0.02,
                 floors: Mapping[str, float] | None = None, random_state: int = 0,
                 name: str = DEFAULT_NAME) -> None:
        self.acts = acts
        self.n_buckets = n_buckets
        self.min_df = min_df
        self.strategy_weight = strategy_weight
        self.Cs = Cs
        self.cv = cv
        self.margin = margin
        self.floors = floors
        self.random_state = random_state
        self.name = name

    # -- parameters ------------------------------------------------------------------------
    def get_params(self, deep: bool = True) -> dict[str, Any]:
        return {"acts": list(self.acts), "n_buckets": self.n_buckets, "min_df": self.min_df,
                "strategy_weight": self.strategy_weight, "Cs": list(self.Cs), "cv": self.cv,
                "margin": self.margin, "floors": dict(self.floors or {}),
                "random_state": self.random_state, "name": self.name}

    def __repr__(self) -> str:
        return f"ActModel(acts={tuple(self.acts)!r}, name={self.name!r})"

    @property
    def model_id(self) -> str:
        """"<name>@<first 12 hex of the sha256 of the learned arrays>", e.g. acts-v1@3f2a...."""
        _check_is_fitted(self)
        return f"{self.name}@{self.digest_[:12]}"

    @property
    def thresholds(self) -> dict[str, float]:
        """Decision threshold per act, chosen on validation data (1.0: no evidence, off)."""
        _check_is_fitted(self)
        return {act: float(t) for act, t in zip(self.acts, self.thresholds_, strict=True)}

    # -- fitting ---------------------------------------------------------------------------
    def _design(self, batch: F.TokenBatch, lookup: np.ndarray, idf: np.ndarray) -> Any:
        from scipy import sparse

        doc, column, value = ngram_features(batch, self.n_buckets, lookup, idf)
        ngrams = sparse.csr_matrix((value, (doc, column)), shape=(batch.n_docs, len(idf)))
        flags = sparse.csr_matrix(F.strategy_features(batch) * self.strategy_weight)
        return sparse.hstack([ngrams, flags], format="csr")

    def fit(self, texts: Iterable[str], y: Any, *, sample_weight: Any = None,
            groups: Sequence[str] | None = None, validation: Any = None,
            covered: Any = None) -> ActModel:
        """Fit every act; choose C, calibrate and set thresholds on out-of-fold predictions.

        `sample_weight` is one weight per row or an (n_texts, n_acts) array, one per row and act
        (a corpus may count less for one act than for another). Rows are split into `cv` folds
        by `groups` (e.g. a dialogue id, so the turns of one dialogue stay together; default: one
        group per row). For each act and each C in `Cs`, out-of-fold scores on the act's
        `validation` rows (a boolean (n_texts, n_acts) mask, default: every labelled row) give a
        sigmoid (Platt) calibration and a threshold (`choose_threshold`, with `covered`, a
        boolean (n_texts, n_acts) mask of rows the act's rule already finds); the C whose
        "rule OR classifier" has the best validation F1 wins (ties: average precision).
        """
        from threadpoolctl import threadpool_limits

        texts = as_texts(texts)
        if not texts:
            raise InputError("fit: no training texts")
        acts = tuple(self.acts)
        n = len(texts)
        Y = _label_matrix(y, n, acts, "y")
        w = _weights(sample_weight, n, len(acts))
        val = _mask(validation, n, acts, "validation", default=Y >= 0)
        cov = _mask(covered, n, acts, "covered", default=np.zeros_like(val))
        folds = _folds(groups, n, self.cv, self.random_state)

        batch = F.tokenize(texts)
        df = F.document_frequency(batch, self.n_buckets)
        columns = np.flatnonzero(df >= max(self.min_df, 1))
        idf = (np.log((1.0 + n) / (1.0 + df[columns])) + 1.0).astype(np.float32)
        lookup = np.full(self.n_buckets, -1, dtype=np.int64)
        lookup[columns] = np.arange(len(columns))
        X = self._design(batch, lookup, idf.astype(np.float64))

        n_features = X.shape[1]
        coef = np.zeros((len(acts), n_features), dtype=np.float32)
        intercept = np.zeros(len(acts), dtype=np.float32)
        calibration = np.zeros((len(acts), 2), dtype=np.float32)
        thresholds = np.zeros(len(acts), dtype=np.float32)
        report: dict[str, Any] = {}
        floors = dict(self.floors or {})
        with threadpool_limits(limits=1):
            for j, act in enumerate(acts):
                fitted = self._fit_act(act, X, Y[:, j], w[:, j], folds, val[:, j], cov[:, j],
                                       floors.get(act, 0.0))
                coef[j], intercept[j] = fitted["coef"], fitted["intercept"]
                calibration[j], thresholds[j] = fitted["calibration"], fitted["threshold"]
                report[act] = fitted["report"]
        k = len(columns)
        coef[:, k:] *= self.strategy_weight
        self._set_state(columns=columns.astype(np.int32), idf=idf, coef=coef,
                        intercept=intercept, calibration=calibration, thresholds=thresholds)
        self.validation_ = report
        return self

    def _fit_act(self, act: str, X: Any, y: np.ndarray, w: np.ndarray, folds: np.ndarray,
                 val: np.ndarray, covered: np.ndarray, floor: float) -> dict[str, Any]:
        rows = y >= 0
        if len(np.unique(y[rows])) < 2:
            raise InputError(f"fit: act {act!r} needs positive and negative examples, "
                             f"got {int((y == 1).sum())} positive of {int(rows.sum())}")
        val = val & rows
        if len(np.unique(y[val])) < 2:
            raise InputError(f"fit: validation rows of act {act!r} need both classes")
        idx = np.flatnonzero(rows)
        Xa, ya, wa, fa = X[idx], y[idx], w[idx], folds[idx]
        va = val[idx]
        cov = covered[idx][va]
        trials = []
        for C in self.Cs:
            z = self._out_of_fold(Xa, ya, wa, fa, C)
            ap = _average_precision(ya[va], z[va], wa[va])
            a, b = platt(z[va], ya[va])
            threshold, metrics = choose_threshold(sigmoid(a * z[va] + b), ya[va] == 1, cov,
                                                  margin=self.margin, floor=floor)
            trials.append((metrics["hybrid"]["f1"], ap, C, (a, b), threshold, metrics))
        # The C whose hybrid does best on validation; average precision breaks ties (it
        # decides alone for acts where no C adds anything to the rule).
        f1, ap, C, (a, b), threshold, metrics = max(trials, key=lambda t: (t[0], t[1]))
        final = self._classifier(C).fit(Xa, ya, sample_weight=wa)
        metrics.update(
            average_precision=round(float(ap), 4), C=float(C),
            by_C={str(t[2]): {"hybrid_f1": t[0], "average_precision": round(float(t[1]), 4)}
                  for t in trials},
            heldout=f"{len(np.unique(fa))}-fold out-of-fold", floor=floor,
            n_train=int(len(ya)), n_train_positive=int((ya == 1).sum()))
        return {"coef": final.coef_[0], "intercept": final.intercept_[0],
                "calibration": (a, b), "threshold": threshold, "report": metrics}

    def _classifier(self, C: float) -> Any:
        from sklearn.linear_model import LogisticRegression

        return LogisticRegression(C=C, solver="liblinear", max_iter=1000,
                                  random_state=self.random_state)

    def _out_of_fold(self, X: Any, y: np.ndarray, w: np.ndarray, folds: np.ndarray,
                     C: float) -> np.ndarray:
        z = np.zeros(len(y))
        for f in np.unique(folds):
            test = folds == f
            train = ~test
            if len(np.unique(y[train])) < 2:
                continue  # every positive is in this fold: no model, leave its scores at 0
            clf = self._classifier(C).fit(X[train], y[train], sample_weight=w[train])
            z[test] = clf.decision_function(X[test])
        return z

    # -- learned state ---------------------------------------------------------------------
    def _set_state(self, **arrays: np.ndarray) -> None:
        n_strategies = len(F.STRATEGY_NAMES)
        k, n_acts = len(arrays["columns"]), len(tuple(self.acts))
        expected = {"columns": (k,), "idf": (k,), "coef": (n_acts, k + n_strategies),
                    "intercept": (n_acts,), "calibration": (n_acts, 2), "thresholds": (n_acts,)}
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
        t = arrays["thresholds"]
        if np.any(t <= 0) or np.any(t > 1):
            raise ModelError("array 'thresholds' must lie in (0, 1]")
        self.columns_ = arrays["columns"].astype(np.int32)
        self.idf_ = arrays["idf"].astype(np.float32)
        self.coef_ = arrays["coef"].astype(np.float32)
        self.intercept_ = arrays["intercept"].astype(np.float32)
        self.calibration_ = arrays["calibration"].astype(np.float32)
        self.thresholds_ = arrays["thresholds"].astype(np.float32)
        self.digest_ = arrays_digest(self._arrays())
        self.__dict__.pop("_cache", None)

    def _arrays(self) -> dict[str, np.ndarray]:
        return {"columns": self.columns_, "idf": self.idf_, "coef": self.coef_,
                "intercept": self.intercept_, "calibration": self.calibration_,
                "thresholds": self.thresholds_}

    # -- prediction ------------------------------------------------------------------------
    def _prepared(self) -> dict[str, np.ndarray]:
        """float64 copies and the bucket -> column lookup, built once per model."""
        cached = self.__dict__.get("_cache")
        if cached is None:
            k = len(self.columns_)
            lookup = np.full(self.n_buckets, -1, dtype=np.int64)
            lookup[self.columns_] = np.arange(k)
            coef = self.coef_.astype(np.float64)
            cached = self.__dict__["_cache"] = {
                "lookup": lookup, "idf": self.idf_.astype(np.float64),
                "ngram": np.ascontiguousarray(coef[:, :k].T),  # (k, n_acts)
                "strategy": np.ascontiguousarray(coef[:, k:].T),  # (s, n_acts)
                "intercept": self.intercept_.astype(np.float64),
                "calibration": self.calibration_.astype(np.float64)}
        return cached

    def _decision(self, batch: F.TokenBatch) -> np.ndarray:
        c = self._prepared()
        doc, column, value = ngram_features(batch, self.n_buckets, c["lookup"], c["idf"])
        z = F.strategy_features(batch) @ c["strategy"]
        contrib = c["ngram"][column] * value[:, None]  # (nnz, n_acts)
        _add_rows(z, doc, contrib)
        return z + c["intercept"]

    def predict_proba_batch(self, batch: F.TokenBatch) -> np.ndarray:
        """Probabilities of an already flattened TokenBatch (features.token_batch_from_lower)."""
        _check_is_fitted(self)
        return self._proba_batch(batch)

    def _proba_batch(self, batch: F.TokenBatch) -> np.ndarray:
        c = self._prepared()
        z = self._decision(batch)
        return sigmoid(c["calibration"][:, 0] * z + c["calibration"][:, 1])

    def predict_proba(self, texts: Iterable[str], *, batch_size: int = 2000) -> np.ndarray:
        """Probabilities, shape (n_texts, n_acts), columns in `self.acts` order.

        >>> default_act_model().predict_proba(["Thanks for holding!", "ok"]).round(1).shape
        (2, 10)
        """
        _check_is_fitted(self)
        texts = as_texts(texts)
        parts = [self._proba_batch(F.tokenize(texts[i:i + batch_size]))
                 for i in range(0, len(texts), batch_size)]
        if not parts:
            return np.zeros((0, len(tuple(self.acts))))
        return np.vstack(parts)

    def predict_proba_docs(self, docs: Sequence[Any]) -> np.ndarray:
        """The same for already tokenized spaCy Docs (blank English tokenizer), one batch."""
        _check_is_fitted(self)
        return self._proba_batch(F.token_batch(list(docs)))

    def predict(self, texts: Iterable[str]) -> np.ndarray:
        """0/1 per act at the validation thresholds."""
        return (self.predict_proba(texts) >= self.thresholds_).astype(np.int8)

    def explain(self, text: str, act: str, *, top: int = 5) -> list[tuple[str, float]]:
        """The words, word pairs and strategies that push `text` towards `act` the most.

        Weights are contributions to the act's decision value (before calibration).

        >>> [w for w, _ in default_act_model().explain("what else can i sort out for you",
        ...                                            "further_help", top=2)]
        ['else', '[first_person]']
        """
        _check_is_fitted(self)
        if act not in self.acts:
            raise InputError(f"act {describe(act)} is not one of {', '.join(self.acts)}")
        j = tuple(self.acts).index(act)
        c = self._prepared()
        doc = F.blank_tokenizer().tokenizer(text)
        batch = F.token_batch([doc])
        lower = [t.lower_ for t in doc]
        pairs = zip(["<s>", *lower[:-1]], lower, strict=True)
        openings = zip(lower, batch.sentence_start.tolist(), strict=True)
        names = (lower + [f"{p} {t}" for p, t in pairs]
                 + [f"<opening> {t}" for t, s in openings if s])
        _, buckets = F.ngram_buckets(batch, self.n_buckets)
        column = c["lookup"][buckets]
        _, col, value = ngram_features(batch, self.n_buckets, c["lookup"], c["idf"])
        weight = dict(zip(col.tolist(), (c["ngram"][col, j] * value).tolist(), strict=True))
        out: dict[str, float] = {}
        for name, cidx in zip(names, column.tolist(), strict=True):
            if cidx >= 0:
                out.setdefault(name, weight[cidx])
        flags = F.strategy_features(batch)[0]
        for s, name in enumerate(F.STRATEGY_NAMES):
            if flags[s]:
                out[f"[{name}]"] = float(c["strategy"][s, j])
        ranked = sorted(out.items(), key=lambda kv: -kv[1])
        return [(k, round(v, 4)) for k, v in ranked[:top] if v > 0]

    # -- persistence -----------------------------------------------------------------------
    def save(self, directory: str | Path, *, meta: Mapping[str, Any] | None = None) -> Path:
        """Write the model as arrays + meta.json; `meta` adds e.g. training-data hashes."""
        _check_is_fitted(self)
        record = model_record(self, names_key="acts", names=self.acts)
        record.update(meta or {})
        save_arrays_model(directory, kind=MODEL_KIND, arrays=self._arrays(), meta=record)
        return Path(directory)

    @classmethod
    def load(cls, path: str | Path) -> ActModel:
        """Load a model directory through the safe loader; refuse anything else."""
        loaded = load_arrays_model(path, kind=MODEL_KIND, required=_ARRAYS)
        meta, where = loaded.meta, loaded.directory / "meta.json"
        F.check_features_meta(meta, where)
        params = dict(meta.get("params") or {})
        acts = params.get("acts")
        if not isinstance(acts, list) or not acts or not all(isinstance(a, str) for a in acts):
            raise ModelError(f"{where}: field 'params.acts' must be a list of act names")
        params["acts"] = tuple(acts)
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


def _add_rows(z: np.ndarray, doc: np.ndarray, contrib: np.ndarray) -> None:
    """z[doc[i]] += contrib[i] for rows sorted by doc (np.add.at is far slower)."""
    if not len(doc):
        return
    starts = np.flatnonzero(np.r_[True, doc[1:] != doc[:-1]])
    z[doc[starts]] += np.add.reduceat(contrib, starts, axis=0)


def _label_matrix(y: Any, n: int, acts: Sequence[str], where: str) -> np.ndarray:
    Y = np.asarray(y)
    if Y.ndim == 1 and len(acts) == 1:
        Y = Y[:, None]
    if Y.shape != (n, len(acts)):
        raise InputError(f"{where}: expected shape ({n}, {len(acts)}) for acts {list(acts)}, "
                         f"got {Y.shape}")
    if not np.isin(Y, (-1, 0, 1)).all():
        raise InputError(f"{where}: values must be 1, 0 or -1 (not labelled)")
    return Y.astype(np.int8)


def _weights(sample_weight: Any, n: int, n_acts: int) -> np.ndarray:
    """(n, n_acts) positive weights from None, one weight per row, or one per row and act."""
    if sample_weight is None:
        return np.ones((n, n_acts))
    w = np.asarray(sample_weight, dtype=np.float64)
    if w.shape == (n,):
        w = np.repeat(w[:, None], n_acts, axis=1)
    if w.shape != (n, n_acts) or not np.all(np.isfinite(w)) or np.any(w <= 0):
        raise InputError(f"fit: sample_weight must be {n} positive numbers, or ({n}, {n_acts})")
    return w


def _mask(mask: Any, n: int, acts: Sequence[str], where: str, *, default: np.ndarray
          ) -> np.ndarray:
    if mask is None:
        return default.copy()
    M = np.asarray(mask)
    if M.ndim == 1 and len(acts) == 1:
        M = M[:, None]
    if M.shape != (n, len(acts)):
        raise InputError(f"{where}: expected a boolean mask of shape ({n}, {len(acts)}), "
                         f"got {M.shape}")
    return M.astype(bool)


def _folds(groups: Sequence[str] | None, n: int, cv: int, seed: int) -> np.ndarray:
    """Fold of each row from a hash of its group and the seed: stable, no global RNG."""
    import hashlib

    if cv < 2:
        raise InputError(f"cv must be at least 2, got {cv}")
    names = [str(i) for i in range(n)] if groups is None else [str(g) for g in groups]
    if len(names) != n:
        raise InputError(f"groups: expected {n} group names, got {len(names)}")
    return np.array([int(hashlib.sha1(f"{seed}|{g}".encode()).hexdigest()[:8], 16) % cv
                     for g in names], dtype=np.int64)


def load_act_model(path: str | Path | None = None) -> ActModel:
    """Load an act model directory; None loads the shipped default (`models/acts-v1`).

    Raises ModelError when the directory is missing, of another kind, or was altered.
    """
    return ActModel.load(default_model_dir() if path is None else path)


@lru_cache(maxsize=1)
def default_act_model() -> ActModel | None:
    """The shipped model, loaded once; None when it is absent (an altered one still raises)."""
    directory = default_model_dir()
    if not (directory / "meta.json").is_file():
        return None
    return load_act_model(directory)
