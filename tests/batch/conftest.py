"""Small transcript archives for the batch tests: good conversations of several kinds, with
varying metadata, plus broken lines and invalid transcripts at known line numbers."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

AGENT_OPENINGS = ["Hello, thanks for calling, this is Ana.", "Hi there, my name is Sam.",
                  "Yeah?", "Good morning, you're through to billing."]
CUSTOMER_LINES = ["My bill is wrong and I'm really upset.", "I want to change my plan.",
                  "This is ridiculous, nobody fixes anything!", "Can you check order 48213?"]
AGENT_REPLIES = ["I'm so sorry about that, let me check.", "Sure, one moment please.",
                 "Calm down, that's not my problem.", "Let me look at that for you."]
AGENT_CLOSINGS = ["Is there anything else I can help with? Thanks, goodbye!",
                  "Done. Bye.", "Did that solve it? Have a great day!", "OK."]


def conversation(i: int, *, timed: bool = False) -> dict:
    """A small, deterministic conversation; `i` picks its lines and metadata."""
    lines = [("agent", AGENT_OPENINGS[i % 4]), ("customer", CUSTOMER_LINES[(i // 2) % 4]),
             ("agent", AGENT_REPLIES[(i // 3) % 4]), ("customer", f"Thanks, my ref is R{i:05d}."),
             ("agent", AGENT_CLOSINGS[(i // 5) % 4])]
    turns = []
    for k, (speaker, text) in enumerate(lines):
        turn = {"speaker": speaker, "text": text}
        if timed:
            turn.update(start=k * 6.0, end=k * 6.0 + 4.0 + (i % 3) * 20)
        turns.append(turn)
    metadata: dict = {"agent_id": f"A{i % 3}"}
    if i % 2:
        metadata["team"] = "blue" if i % 4 == 1 else "green"
    if i % 5 == 0:
        metadata["survey"] = {"csat": i % 5, "tags": ["x", i]}
    if i % 7 == 0:
        metadata["date"] = f"2024-03-{1 + i % 28:02d}"
    return {"id": f"c{i:04d}", "turns": turns, "metadata": metadata}


#: (line text, transcript id the reader can know) for lines that must become error rows.
BROKEN = [
    ('{"id": "torn", "turns": [', None),
    ("not json at all", None),
    (json.dumps({"id": "bad-turns", "turns": "oops"}), "bad-turns"),
    (json.dumps({"id": "bad-text", "turns": [{"speaker": "agent", "text": 5}]}), "bad-text"),
    (json.dumps({"id": "no-turns", "turns": []}), "no-turns"),
    (json.dumps({"id": "bad-time", "turns": [{"speaker": "agent", "text": "hi", "start": 5,
                                                "end": 2}]}), "bad-time"),
    ("[1, 2, 3]", None),
]


@dataclass
class Archive:
    path: Path
    good_ids: list[str]             # in input order
    lines: dict[int, str | None]    # line number -> transcript id (None: unknown) for every record
    broken_lines: list[int]


def write_archive(path: Path, n_good: int = 40, *, timed_every: int = 3) -> Archive:
    out, lines, broken_lines, good_ids = [], {}, [], []
    broken = iter(BROKEN)
    for i in range(n_good):
        if i % 6 == 5:
            text, tid = next(broken, (None, None))
            if text is not None:
                out.append(text)
                lines[len(out)] = tid
                broken_lines.append(len(out))
        conv = conversation(i, timed=i % timed_every == 0)
        out.append(json.dumps(conv))
        lines[len(out)] = conv["id"]
        good_ids.append(conv["id"])
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return Archive(path, good_ids, lines, broken_lines)


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    return write_archive(tmp_path / "archive.jsonl")


@pytest.fixture
def make_archive():
    return write_archive


@pytest.fixture(name="conversation", scope="session")
def conversation_fixture():
    return conversation
