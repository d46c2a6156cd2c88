"""The courtesy model: whether a QA reviewer reads a speaker as courteous overall.

A reviewer misses polite_tone for an agent who is curt or cold throughout without one rude
phrase: short answers, no courteous word, a complaint left without a word of sympathy. No
single turn is rude, so neither the rude rules nor the tone model's per-turn score tells; the
conversation's shape does. The model is a logistic regression over a few numbers that describe
it (`FEATURES`), read by the tone detector (`csnlp.detectors.kinds.tone`): the speaker's tone
scores, how many of their turns hold a courteous word, how long they are against the other
speaker's, how many are bare questions, and whether a complaint went unanswered.

It is trained on labelled conversations (`csnlp.calibration.courtesy`; the shipped one on the
DEV waves in benchmarks/devsets), and stored as JSON: means, scales, weights, an intercept and
the threshold chosen by cross-validation by wave. Prediction is a dot product; nothing is
unpickled.

    >>> m = CourtesyModel(model_id="toy", features=("share_courteous",), means=(0.5,),
    ...                   scales=(0.25,), weights=(-2.0,), intercept=0.0, threshold=0.7)
    >>> [round(m.probability({"share_courteous": v}), 3) for v in (0.0, 1.0)]
    [0.982, 0.018]
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from csnlp.errors import ModelError
from csnlp.ml.common import models_dir

#: What the model reads, in order (`csnlp.detectors.kinds.tone.ToneDetector.overall_values`).
FEATURES = (
    "n_turns",                # the speaker's turns with words
    "mean_polite",            # mean tone score of the standard's label over them
    "min_polite",             # the lowest
    "q25_polite",             # the lower quartile
    "share_courteous",        # share of turns holding a courteous word (the `courteous` rule)
    "mean_words",             # mean words a turn
    "share_3_words",          # share of turns of three words or fewer
    "share_6_words",          # ... six or fewer
    "bare_questions",         # share of turns: a question of four words or fewer, not courteous
    "other_words",            # mean words a turn of the other speaker
    "words_ratio",            # mean_words / other_words (other_words at least 1)
    "typed",                  # 1 when the speaker's turns have capitals (typed, not ASR)
    "complaint_unanswered",   # 1 when the `unanswered` respond standard was missed
)

#: The shipped model's directory name under models/.
DEFAULT_NAME = "courtesy-v1"


@dataclass(frozen=True)
class CourtesyModel:
    """A standardised logistic regression over `features`; `threshold` is the probability of
    "not courteous" from which the tone standard is missed."""

    model_id: str
    features: tuple[str, ...]
    means: tuple[float, ...]
    scales: tuple[float, ...]
    weights: tuple[float, ...]
    intercept: float
    threshold: float

    def __post_init__(self) -> None:
        n = len(self.features)
        if not (len(self.means) == len(self.scales) == len(self.weights) == n) or n == 0:
            raise ModelError(f"courtesy model {self.model_id!r}: features, means, scales and "
                             f"weights must have the same length (got {n}, {len(self.means)}, "
                             f"{len(self.scales)}, {len(self.weights)})")
        if not 0.0 < self.threshold < 1.0:
            raise ModelError(f"courtesy model {self.model_id!r}: threshold must be in (0, 1), "
                             f"got {self.threshold}")

    def probability(self, values: Mapping[str, float]) -> float:
        """The probability that a reviewer reads the speaker as not courteous overall."""
        z = self.intercept
        for name, mean, scale, weight in zip(self.features, self.means, self.scales,
                                             self.weights, strict=True):
            z += weight * (float(values[name]) - mean) / (scale or 1.0)
        return 1.0 / (1.0 + math.exp(-z))

    def save(self, directory: str | Path, meta: Mapping[str, Any] | None = None) -> Path:
        """Write model.json (and meta.json when `meta` is given) into `directory`."""
        out = Path(directory)
        out.mkdir(parents=True, exist_ok=True)
        data = asdict(self)
        (out / "model.json").write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        if meta is not None:
            (out / "meta.json").write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n",
                                           encoding="utf-8")
        return out / "model.json"


def model_id(params: Mapping[str, Any]) -> str:
    """`courtesy-v1@<12 hex>`: the digest of the parameters."""
    digest = hashlib.sha256(json.dumps(params, sort_keys=True).encode()).hexdigest()[:12]
    return f"{DEFAULT_NAME}@{digest}"


def load_courtesy_model(directory: str | Path) -> CourtesyModel:
    """Read a model directory's model.json; a ModelError names what is wrong."""
    path = Path(directory) / "model.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ModelError(f"courtesy model: cannot read {path}: {exc}") from None
    except json.JSONDecodeError as exc:
        raise ModelError(f"courtesy model: {path} is not JSON: {exc}") from None
    try:
        model = CourtesyModel(
            model_id=str(data["model_id"]), features=tuple(data["features"]),
            means=tuple(map(float, data["means"])), scales=tuple(map(float, data["scales"])),
            weights=tuple(map(float, data["weights"])), intercept=float(data["intercept"]),
            threshold=float(data["threshold"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelError(f"courtesy model: {path}: {type(exc).__name__}: {exc}") from None
    unknown = [f for f in model.features if f not in FEATURES]
    if unknown:
        raise ModelError(f"courtesy model: {path}: unknown features {unknown}; known: "
                         f"{', '.join(FEATURES)}")
    return model


@lru_cache(maxsize=8)
def named_courtesy_model(name: str) -> CourtesyModel | None:
    """The model `models/<name>` (or `$CSNLP_MODELS_DIR/<name>`), None when it is absent."""
    directory = models_dir(name)
    if not (directory / "model.json").exists():
        return None
    return load_courtesy_model(directory)
