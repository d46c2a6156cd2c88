"""What the linear text models (tone, acts) share: input checks, calibration, provenance."""

from __future__ import annotations

import datetime as _dt
import os
import platform
from collections.abc import Iterable

import numpy as np

from csnlp.errors import InputError, ModelError, describe


class NotFittedError(ModelError):
    """The model was used before `fit` or `load`."""


def as_texts(texts: Iterable[str] | str, where: str = "texts") -> list[str]:
    if isinstance(texts, str):
        return [texts]
    out = list(texts)
    for i, text in enumerate(out):
        if not isinstance(text, str):
            raise InputError(f"{where}[{i}]: expected a string, got {describe(text)}")
    return out


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * x))


def platt(z: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Sigmoid calibration p = sigmoid(a * z + b) fitted on held-out decision values."""
    from sklearn.linear_model import LogisticRegression

    lr = LogisticRegression(C=1e6, solver="lbfgs", max_iter=1000).fit(z[:, None], y)
    return float(lr.coef_[0, 0]), float(lr.intercept_[0])


def created() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = (_dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc) if epoch
            else _dt.datetime.now(_dt.timezone.utc))
    return when.date().isoformat()


def versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {"python": platform.python_version(), "numpy": np.__version__}
    for package in ("csnlp", "spacy", "scikit-learn", "scipy"):
        try:
            out[package] = version(package)
        except PackageNotFoundError:
            out[package] = "not installed"
    return out
