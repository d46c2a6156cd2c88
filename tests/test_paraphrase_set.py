"""The held-out paraphrase set (benchmarks/paraphrases/), the blind DEV sets
(benchmarks/devsets/) and the blind wave kept unread for the next round (benchmarks/blind/)
are well-formed.

Only the shape is checked here -- never csnlp's accuracy on the set: that is what
benchmarks/paraphrases.py measures, and the set must stay out of phrase lists and training data.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import csnlp
from csnlp.transcript import coerce_transcript, normalise_speaker

REPO = Path(__file__).resolve().parents[1]
SET_DIR = REPO / "benchmarks" / "paraphrases"
FILES = sorted(SET_DIR.glob("*.yaml"))
#: Blind DEV sets (tuning may study their errors): the same shape, each case may add a `note`.
DEV_FILES = sorted((REPO / "benchmarks" / "devsets").glob("*.yaml"))
#: A blind wave written for the next round and not read yet (benchmarks/blind/README.md).
BLIND_FILES = sorted((REPO / "benchmarks" / "blind").glob("*.yaml"))
STATUSES = {"met", "missed", "not_applicable"}
PACK_IDS = {s.id for s in csnlp.load_standards("contact_center").standards}


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_there_is_a_set() -> None:
    assert len(FILES) >= 7, f"expected one file per failure category in {SET_DIR}"


@pytest.mark.parametrize("path", FILES + DEV_FILES + BLIND_FILES,
                         ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_category_file_is_well_formed(path: Path) -> None:
    doc = _load(path)
    assert set(doc) == {"category", "description", "cases"}, f"{path.name}: top-level keys"
    assert isinstance(doc["category"], str) and doc["category"], f"{path.name}: category"
    assert isinstance(doc["description"], str) and doc["description"], f"{path.name}: description"
    assert isinstance(doc["cases"], list) and doc["cases"], f"{path.name}: no cases"
    for k, case in enumerate(doc["cases"]):
        where = f"{path.name}: case {k} ({case.get('name')!r})"
        allowed = {"name", "transcript", "expect"} | ({"note"} if path not in FILES else set())
        assert {"name", "transcript", "expect"} <= set(case) <= allowed, \
            f"{where}: keys {sorted(case)}"
        assert isinstance(case["name"], str) and case["name"].strip(), f"{where}: name"
        transcript = case["transcript"]
        assert set(transcript) <= {"turns", "metadata"}, f"{where}: transcript keys"
        assert isinstance(transcript.get("metadata", {}), dict), f"{where}: metadata"
        turns = transcript["turns"]
        assert isinstance(turns, list) and turns, f"{where}: no turns"
        for j, turn in enumerate(turns):
            assert set(turn) <= {"speaker", "text", "start", "end"}, f"{where}: turn {j} keys"
            normalise_speaker(turn["speaker"], where=f"{where}: turn {j}")  # raises if invalid
            assert isinstance(turn["text"], str), f"{where}: turn {j} text"
        coerce_transcript(transcript)  # times are numbers, in order: raises naming the place
        expect = case["expect"]
        assert isinstance(expect, dict) and expect, f"{where}: expect"
        for standard, status in expect.items():
            assert standard in PACK_IDS, f"{where}: {standard!r} is not in contact_center"
            assert status in STATUSES, f"{where}: status {status!r} for {standard}"


@pytest.mark.parametrize("files", [FILES, DEV_FILES + BLIND_FILES],
                         ids=["paraphrases", "devsets and blind"])
def test_names_are_unique(files: list[Path]) -> None:
    names = [c["name"] for p in files for c in _load(p)["cases"]]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    assert not duplicates, f"duplicate case names: {duplicates}"


def test_categories_are_unique() -> None:
    categories = [_load(p)["category"] for p in FILES]
    assert len(categories) == len(set(categories)), categories


def test_sentences_stay_out_of_packs_and_golden_cases() -> None:
    """A held-out sentence copied into a pack (phrases, examples) or a golden case leaks the set."""
    sources = [*sorted((REPO / "csnlp" / "packs").glob("*.yaml")),
               *sorted((REPO / "tests" / "golden").glob("*.yaml"))]
    corpus = " ".join(p.read_text(encoding="utf-8").lower() for p in sources)
    leaked = sorted({turn["text"] for p in FILES for c in _load(p)["cases"]
                     for turn in c["transcript"]["turns"]
                     if len(turn["text"]) >= 25 and turn["text"].lower() in corpus})
    assert not leaked, f"paraphrase sentences found in packs/golden cases: {leaked}"
