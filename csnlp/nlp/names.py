"""Lexicons of names: `given_names()`, the first names of many languages that are not first of
all English words (built by `python -m csnlp.ml.build_names`, which says where they come from).

    >>> "drew" in given_names(), "line" in given_names()
    (True, False)
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

_GIVEN = Path(__file__).resolve().parent / "data" / "given_names.txt"


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Lower-cased first names (16,000-odd), read once."""
    return frozenset(_GIVEN.read_text(encoding="utf-8").split())


def lexicon(name: str) -> frozenset[str]:
    """The lexicon a standards file names (`given_names`)."""
    return {"given_names": given_names}[name]()


def in_lexicon(word: str, names: frozenset[str]) -> bool:
    """Whether a lower-cased word is in a lexicon of ASCII names, with its accents or without
    ("sinéad" is "sinead")."""
    if word in names:
        return True
    plain = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode("ascii")
    return plain != word and plain in names
