"""Readers of the customer-service dialogue corpora in ../shared/data, shared by the tone and
act training commands and the benchmarks.

* MultiDoGO (`multidogo/turn_level/<domain>/<split>.tsv`, CDLA-Permissive-1.0): customer turns
  of service chats in six industries, each with its intents (greeting, thanks, goodbye,
  confirmation, rejection, content, a domain request).
* MultiWOZ (`multiwoz/{val,test}.json.zip`, MIT): tourist ("user") and clerk ("system") turns
  with their dialogue acts; the text is pre-tokenised ("does n't") and is joined back here.
* SGD (`sgd-sample/test/dialogues_*.json`, CC BY-SA 4.0): user and system turns with acts.

Every reader returns `ServiceTurn`s; a bad file raises InputError naming it.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from csnlp.errors import InputError

MULTIDOGO = "multidogo/turn_level"
MULTIDOGO_DOMAINS = ("airline", "fastfood", "finance", "insurance", "media", "software")
MULTIWOZ = {"val": "multiwoz/val.json.zip", "test": "multiwoz/test.json.zip"}
SGD_FOLDER = "sgd-sample/test"
SGD_TEST_SHARE = 2  # of 5 hash buckets; must equal benchmarks/acts.py


@dataclass(frozen=True)
class ServiceTurn:
    """One turn: its text, side ("customer" or "agent"), acts or intents, and dialogue id."""

    text: str
    side: str
    acts: frozenset[str]
    dialogue: str
    source: str


def data_path(data: str | Path, relative: str) -> Path:
    path = Path(data) / relative
    if not path.exists():
        raise InputError(f"{path}: missing; --data must point at the shared data folder")
    return path


def sgd_split(dialogue_id: str) -> str:
    """'dev' or 'test' for an SGD dialogue, by a stable hash of its id (as benchmarks/acts.py)."""
    bucket = int(hashlib.sha1(dialogue_id.encode("utf-8")).hexdigest()[:8], 16) % 5
    return "test" if bucket < SGD_TEST_SHARE else "dev"


def multidogo_files(data: str | Path, split: str) -> list[Path]:
    """The turn-level file of `split` ("train", "dev", "test") of every domain."""
    return [data_path(data, f"{MULTIDOGO}/{d}/{split}.tsv") for d in MULTIDOGO_DOMAINS]


def read_multidogo(data: str | Path, split: str) -> Iterator[ServiceTurn]:
    """MultiDoGO customer turns of one split; a turn with several intents has them all.

    Rows whose intent column is missing (a handful where a tab inside the slots shifted the
    columns) are skipped.
    """
    for path in multidogo_files(data, split):
        with open(path, encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
            if reader.fieldnames is None or not {"utterance", "intent"} <= set(
                    reader.fieldnames):
                raise InputError(f"{path}: expected the columns utterance and intent")
            for row in reader:
                intents, text = row.get("intent"), (row.get("utterance") or "").strip()
                if not intents or not text or row.get(None):
                    continue
                yield ServiceTurn(text=text, side="customer",
                                  acts=frozenset(intents.split("<div>")),
                                  dialogue=f"multidogo:{row['conversationId']}",
                                  source="multidogo")


# MultiWOZ text is tokenised with spaces ("does n't", "I 'd", "it ."): join it back so it reads
# like typed text (the normaliser would give the same words either way).
_DETOK = [(re.compile(r" (n't|'s|'d|'ll|'re|'ve|'m)\b"), r"\1"),
          (re.compile(r" ([.,!?;:%)])"), r"\1"), (re.compile(r"([($]) "), r"\1")]


def detokenise(text: str) -> str:
    """MultiWOZ's spaced tokens joined back.

    >>> detokenise("I do n't know , it 's fine .")
    "I don't know, it's fine."
    """
    text = text.replace(" n't", "n't")
    for pattern, repl in _DETOK:
        text = pattern.sub(repl, text)
    return text.strip()


def read_multiwoz(data: str | Path, split: str) -> Iterator[ServiceTurn]:
    """MultiWOZ turns of `split` ("val" or "test"); acts are "Domain-Act" names."""
    path = data_path(data, MULTIWOZ[split])
    try:
        with zipfile.ZipFile(path) as z:
            dialogues = json.loads(z.read(z.namelist()[0]))
    except (zipfile.BadZipFile, json.JSONDecodeError, IndexError) as exc:
        raise InputError(f"{path}: not a zipped MultiWOZ JSON file ({exc})") from None
    for did in sorted(dialogues):
        for i, turn in enumerate(dialogues[did]["log"]):
            yield ServiceTurn(text=detokenise(turn["text"]),
                              side="customer" if i % 2 == 0 else "agent",
                              acts=frozenset(turn.get("dialog_act") or {}),
                              dialogue=f"multiwoz:{did}", source="multiwoz")


def sgd_files(data: str | Path) -> list[Path]:
    files = sorted(data_path(data, SGD_FOLDER).glob("dialogues_*.json"))
    if not files:
        raise InputError(f"{Path(data) / SGD_FOLDER}: no dialogues_*.json")
    return files


def read_sgd(data: str | Path, split: str) -> Iterator[ServiceTurn]:
    """SGD turns of one hash split ("dev" or "test"); acts are SGD act names."""
    for path in sgd_files(data):
        try:
            dialogues = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}: not valid JSON ({exc})") from None
        for dlg in dialogues:
            if sgd_split(dlg["dialogue_id"]) != split:
                continue
            for turn in dlg["turns"]:
                acts = frozenset(a["act"] for fr in turn["frames"] for a in fr["actions"])
                yield ServiceTurn(text=turn["utterance"],
                                  side="agent" if turn["speaker"] == "SYSTEM" else "customer",
                                  acts=acts, dialogue=f"sgd:{dlg['dialogue_id']}",
                                  source="sgd")
