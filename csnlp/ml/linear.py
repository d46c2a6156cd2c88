"""The scaffolding the tone model and the act classifier share.

Both are one calibrated logistic regression per output column (a tone label, a service act)
over the same features: hashed word n-grams from `csnlp.ml.features`, IDF-weighted with unit
rows, plus its politeness-strategy flags. They learn the same six arrays, save them the same way
(`csnlp.ml.safe_io`) and score a batch in one vectorised call, so what does not depend on how a
model chooses C, folds or thresholds lives here once: `LinearTextModel`, its base class.
Training imports scikit-learn and scipy inside the fit paths only; prediction needs numpy.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, ClassVar, TypeVar

import numpy as np

from csnlp.errors import InputError, ModelError, describe
from csnlp.ml import features as F
from csnlp.ml.common import as_texts, check_is_fitted, model_record, sigmoid
from csnlp.ml.safe_io import META_FILE, arrays_digest, load_arrays_model, save_arrays_model

#: The learned arrays of a saved model (arrays.npz), in the order they are checked.
ARRAYS = ("columns", "idf", "coef", "intercept", "calibration", "thresholds")
MAX_BUCKETS = 2**24

_M = TypeVar("_M", bound="LinearTextModel")


def lookup_table(columns: np.ndarray, n_buckets: int) -> np.ndarray:
    """Bucket -> index of its kept column, -1 for a bucket the model does not use."""
    lookup = np.full(n_buckets, -1, dtype=np.int64)
    lookup[columns] = np.arange(len(columns))
    return lookup


def vocabulary(batch: F.TokenBatch, n_texts: int, n_buckets: int, min_df: int
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The kept n-gram buckets (in at least `min_df` texts), their smoothed idf and lookup."""
    df = F.document_frequency(batch, n_buckets)
    columns = np.flatnonzero(df >= max(min_df, 1))
    idf = (np.log((1.0 + n_texts) / (1.0 + df[columns])) + 1.0).astype(np.float32)
    return columns, idf, lookup_table(columns, n_buckets)


def idf_ngrams(batch: F.TokenBatch, n_buckets: int, lookup: np.ndarray, idf: np.ndarray, *,
               binary: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(doc, column, value) of the kept n-gram columns, idf-weighted, each text at unit length.

    `binary` keeps one entry per (doc, column), sorted by doc then column; without it every
    occurrence is an entry, in the order `features.ngram_buckets` gives (repeats add up).
    """
    docs, buckets = F.ngram_buckets(batch, n_buckets)
    column = lookup[buckets]
    kept = column >= 0
    doc, column = docs[kept], column[kept]
    if binary:
        k = max(len(idf), 1)
        keys = F.unique_ints(doc * k + column)
        doc, column = keys // k, keys % k
    value = idf[column]
    norm = np.sqrt(np.bincount(doc, weights=value * value, minlength=batch.n_docs))
    return doc, column, value / norm[doc]


def column_matrix(values: Any, n: int, names: Sequence[str], expected: str) -> np.ndarray:
    """`values` as an (n, len(names)) array, a 1-D one accepted for a single column; otherwise
    InputError "`expected`, got (shape)"."""
    M = np.asarray(values)
    if M.ndim == 1 and len(names) == 1:
        M = M[:, None]
    if M.shape != (n, len(names)):
        raise InputError(f"{expected}, got {M.shape}")
    return M


def label_matrix(y: Any, n: int, names: Sequence[str], where: str, *, noun: str) -> np.ndarray:
    """`y` as an (n, len(names)) int8 matrix of 1 / 0 / -1 (not labelled); a 1-D `y` is
    accepted for a single column. `noun` ("labels", "acts") names the columns in errors."""
    Y = column_matrix(y, n, names, f"{where}: expected shape ({n}, {len(names)}) for {noun} "
                      f"{list(names)}")
    if not np.isin(Y, (-1, 0, 1)).all():
        raise InputError(f"{where}: values must be 1, 0 or -1 (not labelled)")
    return Y.astype(np.int8)


def weight_matrix(sample_weight: Any, n: int, n_outputs: int) -> np.ndarray:
    """(n, n_outputs) positive weights from None, one weight per row, or one per row and
    output column."""
    if sample_weight is None:
        return np.ones((n, n_outputs))
    w = np.asarray(sample_weight, dtype=np.float64)
    if w.shape == (n,):
        w = np.repeat(w[:, None], n_outputs, axis=1)
    if w.shape != (n, n_outputs) or not np.all(np.isfinite(w)) or np.any(w <= 0):
        raise InputError(f"fit: sample_weight must be {n} positive numbers, or "
                         f"({n}, {n_outputs})")
    return w


class LinearTextModel:
    """Base of `ToneModel` and `ActModel`: the fitted guard, learned state, saving and loading,
    and batched prediction.

    A subclass sets `kind` (the safe_io model kind), `outputs_param` (the parameter naming its
    output columns) and `loader` (the function named when it is used unfitted); stores `name`,
    `n_buckets` and `random_state` among its parameters; and implements `get_params`, `fit`,
    `_proba_batch` and `_split_coef` (how its scoring lays out the coefficients).
    """

    kind: ClassVar[str]
    outputs_param: ClassVar[str]
    loader: ClassVar[str]

    name: str
    n_buckets: int
    random_state: int
    # set by fit or load: the held-out report per output column; load also keeps meta.json
    validation_: dict[str, Any]
    meta_: dict[str, Any]

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        raise NotImplementedError

    def _outputs(self) -> tuple[str, ...]:
        """The output column names (the labels or acts), in column order."""
        return tuple(getattr(self, self.outputs_param))

    def __repr__(self) -> str:
        outputs = f"{self.outputs_param}={self._outputs()!r}"
        return f"{type(self).__name__}({outputs}, name={self.name!r})"

    def _check_is_fitted(self) -> None:
        check_is_fitted(self, self.loader)

    @property
    def model_id(self) -> str:
        """"<name>@<first 12 hex of the sha256 of the learned arrays>", e.g. tone-v1@3f2a....

        Two models with the same id score every text the same."""
        self._check_is_fitted()
        return f"{self.name}@{self.digest_[:12]}"

    @property
    def thresholds(self) -> dict[str, float]:
        """Decision threshold per output column, chosen on held-out data when fitting."""
        self._check_is_fitted()
        return {name: float(t) for name, t in zip(self._outputs(), self.thresholds_, strict=True)}

    # -- fitting ---------------------------------------------------------------------------
    def _classifier(self, C: float) -> Any:
        from sklearn.linear_model import LogisticRegression

        return LogisticRegression(C=C, solver="liblinear", max_iter=1000,
                                  random_state=self.random_state)

    def _fit_each(self, n_features: int, fit_one: Callable[[int, str], Mapping[str, Any]]
                  ) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
        """Fit every output column in turn; return the learned arrays and the report per name.

        `fit_one(j, name)` returns the column's coef, intercept, calibration (a, b), threshold
        and report. BLAS runs on one thread so that the same data and seed give the same bytes.
        """
        from threadpoolctl import threadpool_limits

        names = self._outputs()
        coef = np.zeros((len(names), n_features), dtype=np.float32)
        intercept = np.zeros(len(names), dtype=np.float32)
        calibration = np.zeros((len(names), 2), dtype=np.float32)
        thresholds = np.zeros(len(names), dtype=np.float32)
        report: dict[str, Any] = {}
        with threadpool_limits(limits=1):
            for j, name in enumerate(names):
                fitted = fit_one(j, name)
                coef[j], intercept[j] = fitted["coef"], fitted["intercept"]
                calibration[j], thresholds[j] = fitted["calibration"], fitted["threshold"]
                report[name] = fitted["report"]
        learned = {"coef": coef, "intercept": intercept, "calibration": calibration,
                   "thresholds": thresholds}
        return learned, report

    # -- learned state ---------------------------------------------------------------------
    def _check_state(self, arrays: Mapping[str, np.ndarray]) -> None:
        """Refuse arrays that do not fit the parameters (a foreign or hand-edited file)."""
        k, n = len(arrays["columns"]), len(self._outputs())
        expected = {"columns": (k,), "idf": (k,), "coef": (n, k + len(F.STRATEGY_NAMES)),
                    "intercept": (n,), "calibration": (n, 2), "thresholds": (n,)}
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

    def _set_state(self, **arrays: np.ndarray) -> None:
        self._check_state(arrays)
        self.columns_ = arrays["columns"].astype(np.int32)
        self.idf_ = arrays["idf"].astype(np.float32)
        self.coef_ = self._coef_layout(arrays["coef"].astype(np.float32))
        self.intercept_ = arrays["intercept"].astype(np.float32)
        self.calibration_ = arrays["calibration"].astype(np.float32)
        self.thresholds_ = arrays["thresholds"].astype(np.float32)
        self.digest_ = arrays_digest(self._arrays())
        self.__dict__.pop("_cache", None)

    def _arrays(self) -> dict[str, np.ndarray]:
        return {"columns": self.columns_, "idf": self.idf_, "coef": self.coef_,
                "intercept": self.intercept_, "calibration": self.calibration_,
                "thresholds": self.thresholds_}

    def _coef_layout(self, coef: np.ndarray) -> np.ndarray:
        """`coef` (n_outputs, n_features) in the memory layout `_split_coef` slices without a
        copy (the same values: saving and the digest read them in C order)."""
        return coef

    # -- prediction ------------------------------------------------------------------------
    def _split_coef(self, coef: np.ndarray, k: int) -> dict[str, np.ndarray]:
        """The float32 coefficients as "ngram" (first k columns, kept float32: a gathered
        weight times a float64 value is the float64 product exactly, at half the memory) and
        float64 "strategy" weights, laid out the way the subclass's scoring reads them."""
        raise NotImplementedError

    def _prepared(self) -> dict[str, np.ndarray]:
        """The scoring layout of the learned state and the bucket -> column lookup, built once
        per learned state."""
        cached = self.__dict__.get("_cache")
        if cached is None:
            cached = self.__dict__["_cache"] = {
                "lookup": lookup_table(self.columns_, self.n_buckets),
                "idf": self.idf_.astype(np.float64),
                **self._split_coef(self.coef_, len(self.columns_)),
                "intercept": self.intercept_.astype(np.float64),
                "calibration": self.calibration_.astype(np.float64)}
        return cached

    def _lookup(self) -> np.ndarray:
        """Bucket -> kept column (-1: unused), for `idf_ngrams`."""
        return self._prepared()["lookup"]

    def _idf(self) -> np.ndarray:
        return self._prepared()["idf"]

    def _calibrated(self, z: np.ndarray) -> np.ndarray:
        """Probabilities from the features' part of the decision values, (n_docs, n_outputs):
        add the intercept, then each column's Platt sigmoid."""
        c = self._prepared()
        z = z + c["intercept"]
        return sigmoid(c["calibration"][:, 0] * z + c["calibration"][:, 1])

    def _proba_batch(self, batch: F.TokenBatch) -> np.ndarray:
        raise NotImplementedError

    def predict_proba(self, texts: Iterable[str], *, batch_size: int = 2000) -> np.ndarray:
        """Probabilities, shape (n_texts, n_outputs), columns in `labels` / `acts` order.

        Texts are tokenized `batch_size` at a time, so memory stays bounded on a long list.
        """
        self._check_is_fitted()
        texts = as_texts(texts)
        parts = [self._proba_batch(F.tokenize(texts[i:i + batch_size]))
                 for i in range(0, len(texts), batch_size)]
        if not parts:
            return np.zeros((0, len(self._outputs())))
        return np.vstack(parts)

    def predict_proba_docs(self, docs: Iterable[Any]) -> np.ndarray:
        """The same for spaCy Docs, in one vectorised call; `docs` may be a list or a stream.

        Each Doc is read once as it passes, so a generator that does other per-Doc work and
        yields the Doc scores a whole batch without keeping the Docs alive. Scores equal
        `predict_proba` of the Docs' texts when the Docs come from spaCy's blank English
        tokenizer, as in csnlp's pipeline.
        """
        self._check_is_fitted()
        return self._proba_batch(F.token_batch(docs))

    def predict(self, texts: Iterable[str]) -> np.ndarray:
        """0/1 per output column at the model's thresholds."""
        return (self.predict_proba(texts) >= self.thresholds_).astype(np.int8)

    # -- persistence -----------------------------------------------------------------------
    def save(self, directory: str | Path, *, meta: Mapping[str, Any] | None = None) -> Path:
        """Write the model as arrays + meta.json; `meta` adds e.g. training-data hashes."""
        self._check_is_fitted()
        record = model_record(self, names_key=self.outputs_param, names=self._outputs())
        record.update(meta or {})
        save_arrays_model(directory, kind=self.kind, arrays=self._arrays(), meta=record)
        return Path(directory)

    @classmethod
    def _checked_params(cls, params: Any, where: Path) -> dict[str, Any]:
        """The saved constructor parameters, refused when they could not have been saved."""
        if not isinstance(params, dict):
            raise ModelError(f"{where}: field 'params' must be an object")
        n_buckets, names = params.get("n_buckets"), params.get(cls.outputs_param)
        if not (isinstance(n_buckets, int) and 0 < n_buckets <= MAX_BUCKETS
                and n_buckets & (n_buckets - 1) == 0):
            raise ModelError(f"{where}: params.n_buckets {describe(n_buckets)} is not a power "
                             "of two up to 2**24")
        if not (isinstance(names, list) and names and all(isinstance(x, str) for x in names)):
            raise ModelError(f"{where}: params.{cls.outputs_param} {describe(names)} is not a "
                             "list of names")
        return dict(params)

    @classmethod
    def load(cls: type[_M], path: str | Path) -> _M:
        """Load a model directory through the safe loader; refuse anything else."""
        loaded = load_arrays_model(path, kind=cls.kind, required=ARRAYS)
        meta, where = loaded.meta, loaded.directory / META_FILE
        F.check_features_meta(meta, where)
        params = cls._checked_params(meta.get("params"), where)
        try:
            model = cls(**params)
        except TypeError as exc:
            raise ModelError(f"{where}: field 'params' is invalid: {exc}") from None
        model._set_state(**{name: loaded.arrays[name] for name in ARRAYS})
        if meta.get("arrays_sha256") not in (None, model.digest_):
            raise ModelError(f"{where}: arrays_sha256 does not match the arrays loaded")
        model.validation_ = meta.get("validation", {})
        model.meta_ = meta
        return model

    @classmethod
    def load_if_present(cls: type[_M], directory: Path) -> _M | None:
        """The model in `directory`, or None when there is none (an altered one still raises)."""
        if not (directory / META_FILE).is_file():
            return None
        return cls.load(directory)
