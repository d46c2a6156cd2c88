"""Golden cases: the behavioural spec of the built-in packs.

Every file in tests/golden/ holds the cases of one standard (`standard`, `pack`, `cases`); each case
is a short transcript and the status a QA coach would give it (`expect`: met | missed |
not_applicable), optionally with a substring that must appear in the evidence
(`evidence_contains`) and the expected score (`score`).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import csnlp
from csnlp.ingest import coerce

GOLDEN_DIR = Path(__file__).parent / "golden"
GOLDEN_FILES = sorted(GOLDEN_DIR.glob("*.yaml"))


def _load(path: Path) -> dict:
    with path.open(encoding="utf-8") as f:
        return yaml.safe_load(f)


def _cases():
    for path in GOLDEN_FILES:
        doc = _load(path)
        for case in doc["cases"]:
            yield pytest.param(
                doc["pack"], doc["standard"], case, id=f"{doc['standard']}:{case['name']}"
            )


@pytest.mark.parametrize(("pack", "standard", "case"), list(_cases()))
def test_golden_case(pack: str, standard: str, case: dict) -> None:
    report = csnlp.evaluate(case["transcript"], standards=pack)
    result = report[standard]
    assert result.status.value == case["expect"], result.explanation
    if "evidence_contains" in case:
        # The words as said: evidence offsets point into the original turn, while the
        # evidence text itself has personal data (a name from the metadata) redacted.
        turns = [t.text for t in coerce(case["transcript"]).turns]
        said = [turns[e.turn_index][e.start_char:e.end_char] for e in result.evidence]
        substring = case["evidence_contains"]
        assert any(substring.lower() in text.lower() for text in said), (
            f"no evidence contains {substring!r}: {said}"
        )
    if "score" in case:
        assert result.score == pytest.approx(case["score"]), result.explanation


@pytest.mark.parametrize("path", GOLDEN_FILES, ids=lambda p: p.stem)
def test_golden_standard_exists_in_pack(path: Path) -> None:
    doc = _load(path)
    standard, pack = doc["standard"], doc["pack"]
    assert standard in [s.id for s in csnlp.load_standards(pack).standards]
