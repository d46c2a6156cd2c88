"""Calibrate csnlp against a team's own QA: agreement with human labels, and disputes.

- `agreement(results, labels)`: per-standard n, agreement, Cohen's kappa with a bootstrap
  interval, confusion and disagreements; inter-rater figures with two or more reviewers.
- `read_labels(labels)`: long or wide label files, status synonyms (see `labels`).
- `calibrate(transcripts, labels, standards=...)`: tune the standards' numeric knobs to the
  labels with k-fold cross-validation; `.to_yaml()` extends the pack with the changed values.
- `apply_overrides(frame, overrides)`: reviewers' verdicts in place of the machine's, marked.
- `write_agreement_html(result, out)`: the agreement as one self-contained HTML page.
"""

from __future__ import annotations

from csnlp.calibration.agreement import Agreement, agreement
from csnlp.calibration.calibrate import Calibration, calibrate
from csnlp.calibration.html import render_agreement_html, write_agreement_html
from csnlp.calibration.labels import LABELS, STATUS_SYNONYMS, read_labels, read_overrides
from csnlp.calibration.overrides import apply_overrides

__all__ = ["LABELS", "STATUS_SYNONYMS", "Agreement", "Calibration", "agreement",
           "apply_overrides", "calibrate",
           "read_labels", "read_overrides", "render_agreement_html", "write_agreement_html"]
