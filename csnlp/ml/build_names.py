"""Build the given-name lexicon, `csnlp/nlp/data/given_names.txt`: `python -m csnlp.ml.build_names`.

A name that is also a word ("Chase", "Drew", "Sage", "Sunday") or in no list of ours opens many
calls with the business: "tunewell pianos chase", "Cabline, Drew.". Nothing in such a turn but
the word itself says it is a name, so csnlp looks it up (`csnlp.nlp.names.given_names`).

* Names: every first name of every locale of Faker's person providers (Faker, MIT licence,
  https://github.com/joke2k/faker; `pip install faker`), lower-cased, Latin letters only, two
  letters or more.
* Less every word that writers spell in lower case more often than capitalised inside a
  sentence, seen at least MIN_LOWER times in the cased public text of ../shared/data
  (GoEmotions train comments, Stanford Politeness requests, SGD user and system turns: texts
  with no capital inside are skipped, as lower-cased corpora say nothing of case): "will",
  "hope", "page", "line", "long", "else" are words first, whatever Faker lists.
* Less NOT_NAMES: the days, the months and the interjections ("ah", "oh") some locale lists,
  which a business or a turn may end on ("shipping August").

The list is data, made by this script; tests/nlp/test_names.py checks the committed file is
what the script makes (when Faker and ../shared/data are here).
"""

from __future__ import annotations

import argparse
import csv
import glob
import importlib
import json
import pkgutil
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

#: Lower-case uses inside a sentence, at least, for a name to count as a word first.
MIN_LOWER = 3
#: Words some locale lists as a name that a business's or a turn's last word may be.
NOT_NAMES = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday "
    "ah oh eh er um uh hm mm ok okay yes no hi hey hello".split())
OUT = Path(__file__).resolve().parents[1] / "nlp" / "data" / "given_names.txt"
_WORD = re.compile(r"[A-Za-z]+")
_CASED = re.compile(r"\s[A-Z][a-z]")


def faker_first_names() -> set[str]:
    """Every first name of Faker's person providers, lower-cased, Latin letters only."""
    import faker.providers.person as person  # a build-time dependency only

    names: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        for attr in ("first_names", "first_names_male", "first_names_female",
                     "first_names_nonbinary"):
            value = provider.__dict__.get(attr)
            if value is None or isinstance(value, property):
                continue
            names.update(str(x).lower() for x in (value.keys() if hasattr(value, "keys")
                                                  else value))
    return {n for n in names if n.isascii() and n.isalpha() and len(n) >= 2}


def cased_texts(data: Path) -> Iterable[str]:
    """The public texts whose writers use capitals: GoEmotions, Stanford Politeness, SGD."""
    with open(data / "goemotions" / "train.tsv", encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter="\t"):
            yield row[0]
    for path in sorted(glob.glob(str(data / "stanford-politeness" / "*.csv"))):
        with open(path, encoding="utf-8") as fh:
            for row in csv.reader(fh):
                yield from (cell for cell in row if len(cell) > 20)
    for path in sorted(glob.glob(str(data / "sgd-sample" / "test" / "dialogues_*.json"))):
        for dialogue in json.loads(Path(path).read_text(encoding="utf-8")):
            yield from (turn["utterance"] for turn in dialogue["turns"])


def word_case(texts: Iterable[str]) -> tuple[Counter[str], Counter[str]]:
    """(lower, capitalised): how often each word is written each way inside a sentence."""
    lower: Counter[str] = Counter()
    capital: Counter[str] = Counter()
    for text in texts:
        if text.isupper() or not _CASED.search(text):
            continue
        for sentence in re.split(r"(?<=[.!?])\s+|\n", text):
            for word in _WORD.findall(sentence)[1:]:
                if word.islower():
                    lower[word] += 1
                elif word[0].isupper() and word[1:].islower():
                    capital[word.lower()] += 1
    return lower, capital


def build(data: Path) -> list[str]:
    """The lexicon's names, sorted."""
    lower, capital = word_case(cased_texts(data))
    return sorted(n for n in faker_first_names() - NOT_NAMES
                  if not (lower[n] >= MIN_LOWER and lower[n] >= capital[n]))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", type=Path, default=Path("../shared/data"))
    p.add_argument("--out", type=Path, default=OUT)
    args = p.parse_args(argv)
    names = build(args.data)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(names) + "\n", encoding="utf-8")
    print(f"{len(names)} names -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
