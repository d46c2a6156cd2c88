"""What the linear text models (tone, acts) share: input checks, calibration, provenance."""

from __future__ import annotations

import argparse
import datetime as _dt
import os
import platform
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

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


def platt(z: np.ndarray, y: np.ndarray, sample_weight: np.ndarray | None = None
          ) -> tuple[float, float]:
    """Sigmoid calibration p = sigmoid(a * z + b) fitted on held-out decision values."""
    from sklearn.linear_model import LogisticRegression

    lr = LogisticRegression(C=1e6, solver="lbfgs", max_iter=1000).fit(
        z[:, None], y, sample_weight=sample_weight)
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


def model_record(model: Any, *, names_key: str, names: Iterable[str]) -> dict[str, Any]:
    """The metadata every saved linear text model carries (meta.json), before extra fields."""
    from csnlp.ml import features

    return {
        "name": model.name,
        names_key: list(names),
        "model_id": model.model_id,
        "arrays_sha256": model.digest_,
        "created": created(),
        "params": model.get_params(),
        "features": features.features_meta(),
        "thresholds": model.thresholds,
        "validation": getattr(model, "validation_", {}),
        "versions": versions(),
    }


def train_cli(argv: list[str] | None, *, prog: str, description: str,
              train: Callable[..., tuple[Any, Mapping[str, Any]]],
              summary: Callable[[Any], Iterable[str]]) -> int:
    """`csnlp train-tone` / `train-acts`: --data DIR --out DIR [--seed N], train, save, report."""
    from csnlp.errors import CsnlpError

    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("--data", required=True, type=Path,
                        help="the shared data folder, e.g. ../shared/data")
    parser.add_argument("--out", required=True, type=Path, help="model directory to write")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = parser.parse_args(argv)
    try:
        model, meta = train(args.data, seed=args.seed)
        model.save(args.out, meta=meta)
    except CsnlpError as exc:
        print(f"{prog}: error: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {model.model_id} to {args.out}")
    for line in summary(model):
        print(f"  {line}")
    return 0


def models_dir(name: str) -> Path:
    """Where a shipped model lives: `$CSNLP_MODELS_DIR/<name>` or the repository's models/."""
    root = os.environ.get("CSNLP_MODELS_DIR")
    base = Path(root) if root else Path(__file__).resolve().parents[2] / "models"
    return base / name


def check_is_fitted(model: Any, loader: str) -> None:
    """scikit-learn's guard: refuse to predict before `fit` or loading."""
    if getattr(model, "coef_", None) is None:
        raise NotFittedError(f"this {type(model).__name__} is not fitted yet; call fit() "
                             f"or load it with {loader}()")
