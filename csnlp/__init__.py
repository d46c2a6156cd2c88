"""csnlp: check customer-service conversations against service standards, with evidence.

    >>> import csnlp
    >>> report = csnlp.evaluate("Agent: Hi, I'm Sam. How can I help?\\nCustomer: My bill is wrong")
    >>> report["greeting"].status
    <Status.MET: 'met'>

Heavy modules (spaCy, scikit-learn, pandas) load on first use, not on import.
"""

from __future__ import annotations

from typing import Any

from csnlp.errors import CsnlpError, InputError, ModelError, StandardsError, TranscriptError
from csnlp.results import Evidence, EvidenceRole, Report, SearchedWindow, StandardResult, Status
from csnlp.transcript import Transcript, Turn

__version__ = "0.1.0"

_LAZY = {
    "evaluate": "csnlp.api",
    "get_evaluator": "csnlp.api",
    "Evaluator": "csnlp.evaluator",
    "evaluate_many": "csnlp.batch",
    "load_standards": "csnlp.standards.load",
    "list_packs": "csnlp.standards.load",
    "StandardSet": "csnlp.standards.load",
    "reports_to_frame": "csnlp.frames",
    "read_results": "csnlp.frames",
    "read_transcripts": "csnlp.io.read",
    "tone_scores": "csnlp.ml.tone",
    "agreement": "csnlp.calibration",
}

__all__ = [
    "CsnlpError", "InputError", "ModelError", "StandardsError", "TranscriptError",
    "Evidence", "EvidenceRole", "Report", "SearchedWindow", "StandardResult", "Status",
    "Transcript", "Turn", "__version__",
    *_LAZY,
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'csnlp' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
