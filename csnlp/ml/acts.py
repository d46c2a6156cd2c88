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
from csnlp.ml.common import as_texts, models_dir, platt, sigmoid
from csnlp.ml.linear import (
    LinearTextModel,
    column_matrix,
    idf_ngrams,
    label_matrix,
    vocabulary,
    weight_matrix,
)
from csnlp.nlp.normalise import model_words

ACTS = ("greeting", "self_introduction", "apology_empathy", "thanks", "further_help",
        "resolution_check", "hold_request", "hold_thanks", "closing", "upsell_offer")
MODEL_KIND = "csnlp.acts"
DEFAULT_NAME = "acts-v1"
#: The C a near-tie goes to (`choose_c`) when the caller names none for an act.
PREFERRED_C = 4.0
# A threshold of 1.0 means "no validation evidence that the classifier adds anything": off.
OFF = 1.0


def default_model_dir() -> Path:
    """Where the shipped act model lives: `$CSNLP_MODELS_DIR/acts-v1` or the repo's models/."""
    return models_dir(DEFAULT_NAME)


# -- features --------------------------------------------------------------------------------
def ngram_features(batch: F.TokenBatch, n_buckets: int, lookup: np.ndarray, idf: np.ndarray
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(doc, column, value) of the kept n-gram columns present in each text.

    Presence, not counts (a turn is short; "thank you thank you" is not twice the thanks), each
    weighted by its column's idf, every text scaled to unit length. Sorted by doc, then column.
    """
    return idf_ngrams(batch, n_buckets, lookup, idf, binary=True)


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
class ActModel(LinearTextModel):
    """Calibrated linear act classifier, one binary act per column.

    Parameters are stored as given (scikit-learn style); learned state ends in `_`.
    `y` for `fit` is an (n_texts, n_acts) array of 1 / 0, with -1 where a text is not labelled
    for that act, so each act can come from a different corpus. Thresholds are chosen on
    validation data (`choose_threshold`); 1.0 means no evidence, the act is off.

    >>> m = ActModel(acts=("thanks",), Cs=(1.0,), cv=2, min_df=1).fit(
    ...     ["thanks a lot", "thank you so much!", "my order is late", "what time is it"],
    ...     [[1], [1], [0], [0]])
    >>> m.predict_proba(["thanks!"]).shape
    (1, 1)
    """

    kind = MODEL_KIND
    outputs_param = "acts"
    loader = "load_act_model"

    def __init__(self, acts: Sequence[str] = ACTS, *, n_buckets: int = 2**18, min_df: int = 2,
                 strategy_weight: float = 0.5, Cs: Sequence[float] = (1.0, 4.0, 16.0, 64.0),
                 cv: int = 5, margin: float = 0.02,
                 floors: Mapping[str, float] | None = None, random_state: int = 0,
                 name: str = DEFAULT_NAME, c_tolerance: float = 0.002,
                 preferred_C: float | Mapping[str, float] = PREFERRED_C) -> None:
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
        self.c_tolerance = c_tolerance
        self.preferred_C = preferred_C

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        return {"acts": list(self.acts), "n_buckets": self.n_buckets, "min_df": self.min_df,
                "strategy_weight": self.strategy_weight, "Cs": list(self.Cs), "cv": self.cv,
                "margin": self.margin, "floors": dict(self.floors or {}),
                "random_state": self.random_state, "name": self.name,
                "c_tolerance": self.c_tolerance,
                "preferred_C": (dict(self.preferred_C) if isinstance(self.preferred_C, Mapping)
                                else self.preferred_C)}

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
        "rule OR classifier" has the best validation F1 wins. Cs within `c_tolerance` of the
        best F1 are a tie, won by the one nearest `preferred_C` (on a log scale; one C for
        every act, or a mapping act -> C, such as the shipped model's choices, with
        `PREFERRED_C` for an act it lacks): a pack edit that moves F1 by 0.0005 no longer swaps
        the model (round twenty-seven). Where every C scores the same F1 (the rule finds all the
        act's positives), average precision decides.
        """
        texts = as_texts(texts)
        if not texts:
            raise InputError("fit: no training texts")
        acts = tuple(self.acts)
        n = len(texts)
        Y = label_matrix(y, n, acts, "y", noun="acts")
        w = weight_matrix(sample_weight, n, len(acts))
        val = _mask(validation, n, acts, "validation", default=Y >= 0)
        cov = _mask(covered, n, acts, "covered", default=np.zeros_like(val))
        folds = _folds(groups, n, self.cv, self.random_state)

        batch = F.tokenize(texts)
        columns, idf, lookup = vocabulary(batch, n, self.n_buckets, self.min_df)
        X = self._design(batch, lookup, idf.astype(np.float64))
        floors = dict(self.floors or {})
        learned, report = self._fit_each(
            X.shape[1],
            lambda j, act: self._fit_act(act, X, Y[:, j], w[:, j], folds, val[:, j], cov[:, j],
                                         floors.get(act, 0.0)))
        learned["coef"][:, len(columns):] *= self.strategy_weight  # fold the flags' scale in
        self._set_state(columns=columns.astype(np.int32), idf=idf, **learned)
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
        # The C whose hybrid does best on validation. Near-ties (within `c_tolerance`) go to the
        # C nearest `preferred_C`, so noise-level differences do not swap the model between
        # retrains; where no C changes F1 (nothing added to the rule), average precision decides.
        preferred = (self.preferred_C.get(act, PREFERRED_C) if isinstance(self.preferred_C, Mapping)
                     else self.preferred_C)
        f1, ap, C, (a, b), threshold, metrics = trials[choose_c(
            [(t[0], t[1], t[2]) for t in trials], self.c_tolerance, preferred)]
        final = self._classifier(C).fit(Xa, ya, sample_weight=wa)
        metrics.update(
            average_precision=round(float(ap), 4), C=float(C),
            by_C={str(t[2]): {"hybrid_f1": t[0], "average_precision": round(float(t[1]), 4)}
                  for t in trials},
            heldout=f"{len(np.unique(fa))}-fold out-of-fold", floor=floor,
            n_train=int(len(ya)), n_train_positive=int((ya == 1).sum()))
        return {"coef": final.coef_[0], "intercept": final.intercept_[0],
                "calibration": (a, b), "threshold": threshold, "report": metrics}

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
    def _check_state(self, arrays: Mapping[str, np.ndarray]) -> None:
        super()._check_state(arrays)
        t = arrays["thresholds"]
        if np.any(t <= 0) or np.any(t > 1):
            raise ModelError("array 'thresholds' must lie in (0, 1]")

    # -- prediction ------------------------------------------------------------------------
    def _coef_layout(self, coef: np.ndarray) -> np.ndarray:
        # Feature-major: the n-gram weights (k, n_acts) are then a C-contiguous view of it.
        return np.ascontiguousarray(coef.T).T

    def _split_coef(self, coef: np.ndarray, k: int) -> dict[str, np.ndarray]:
        """One column per act, n-gram (k, n_acts) and strategy (s, n_acts) weights: `_add_rows`
        adds every act's contributions of a text at once. The n-gram weights are a view of
        `coef_` (see `_coef_layout`), not a second copy of the model's largest array."""
        return {"ngram": np.ascontiguousarray(coef[:, :k].T),
                "strategy": np.ascontiguousarray(coef[:, k:].T, dtype=np.float64)}

    def _proba_batch(self, batch: F.TokenBatch) -> np.ndarray:
        c = self._prepared()
        doc, column, value = ngram_features(batch, self.n_buckets, c["lookup"], c["idf"])
        z = F.strategy_features(batch) @ c["strategy"]
        contrib = c["ngram"][column] * value[:, None]  # (nnz, n_acts)
        _add_rows(z, doc, contrib)
        return self._calibrated(z)

    def predict_proba_batch(self, batch: F.TokenBatch) -> np.ndarray:
        """Probabilities of an already flattened TokenBatch (`features.token_batch_from_hashes`)."""
        self._check_is_fitted()
        return self._proba_batch(batch)

    def explain(self, text: str, act: str, *, top: int = 5) -> list[tuple[str, float]]:
        """The words, word pairs and strategies that push `text` towards `act` the most.

        Weights are contributions to the act's decision value (before calibration).

        >>> [w for w, _ in default_act_model().explain("what else can i sort out for you",
        ...                                            "further_help", top=2)]
        ['else', 'what else']
        """
        self._check_is_fitted()
        if act not in self.acts:
            raise InputError(f"act {describe(act)} is not one of {', '.join(self.acts)}")
        j = tuple(self.acts).index(act)
        c = self._prepared()
        lower = model_words(text)
        batch = F.token_batch_from_hashes([F.hash_text(w) for w in lower], [len(lower)])
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

    @classmethod
    def _checked_params(cls, params: Any, where: Path) -> dict[str, Any]:
        params = super()._checked_params(params, where)
        params["acts"] = tuple(params["acts"])  # as ACTS: a loaded model's acts are a tuple
        return params


def _add_rows(z: np.ndarray, doc: np.ndarray, contrib: np.ndarray) -> None:
    """z[doc[i]] += contrib[i] for rows sorted by doc (np.add.at is far slower)."""
    if not len(doc):
        return
    starts = np.flatnonzero(np.r_[True, doc[1:] != doc[:-1]])
    z[doc[starts]] += np.add.reduceat(contrib, starts, axis=0)


def _mask(mask: Any, n: int, acts: Sequence[str], where: str, *, default: np.ndarray
          ) -> np.ndarray:
    if mask is None:
        return default.copy()
    M = column_matrix(mask, n, acts,
                      f"{where}: expected a boolean mask of shape ({n}, {len(acts)})")
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


def choose_c(trials: Sequence[tuple[float, float, float]], tolerance: float,
             preferred: float) -> int:
    """The index of the winning (hybrid F1, average precision, C) trial: the best F1, where Cs
    within `tolerance` of it tie and the one nearest `preferred` (on a log scale) wins; where
    every C scores the same F1, the best average precision.

    >>> choose_c([(0.8821, 0.93, 4.0), (0.8826, 0.94, 16.0), (0.85, 0.95, 64.0)], 0.002, 4.0)
    0
    >>> choose_c([(0.80, 0.93, 4.0), (0.88, 0.90, 16.0)], 0.002, 4.0)
    1
    >>> choose_c([(0.5, 0.6, 4.0), (0.5, 0.7, 64.0)], 0.002, 4.0)
    1
    """
    best = max(t[0] for t in trials)
    if best - min(t[0] for t in trials) <= 1e-12:
        return max(range(len(trials)), key=lambda k: (trials[k][0], trials[k][1]))
    near = [k for k, t in enumerate(trials) if t[0] >= best - tolerance]
    return min(near, key=lambda k: (abs(float(np.log(trials[k][2] / preferred))),
                                    -trials[k][0]))


def load_act_model(path: str | Path | None = None) -> ActModel:
    """Load an act model directory; None loads the shipped default (`models/acts-v1`).

    Raises ModelError when the directory is missing, of another kind, or was altered.
    """
    return ActModel.load(default_model_dir() if path is None else path)


@lru_cache(maxsize=1)
def default_act_model() -> ActModel | None:
    """The shipped model, loaded once; None when it is absent (an altered one still raises)."""
    return ActModel.load_if_present(default_model_dir())
