"""The given-name lexicon (csnlp/nlp/data/given_names.txt): what it holds, and that the committed
file is what `python -m csnlp.ml.build_names` makes from Faker and ../shared/data."""

from __future__ import annotations

from pathlib import Path

import pytest

from csnlp.nlp.names import given_names

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data"


def test_the_lexicon_holds_names_of_many_languages():
    names = given_names()
    assert len(names) > 10_000
    for name in ("drew", "jasper", "kai", "nikhil", "valentina", "aoife", "kwame", "ingrid"):
        assert name in names, name


@pytest.mark.parametrize("word", ["line", "long", "page", "else", "will", "hope", "us",
                                  "august", "sunday", "ah", "okay"])
def test_words_first_are_not_in_it(word):
    """Written in lower case more often than capitalised, a calendar word or an interjection."""
    assert word not in given_names()


def test_every_entry_is_lower_case_latin_letters():
    assert all(n.isascii() and n.isalpha() and n.islower() and len(n) >= 2
               for n in given_names())


@pytest.mark.data
def test_the_committed_file_is_what_the_builder_makes():
    pytest.importorskip("faker", reason="faker builds the lexicon (pip install faker)")
    if not (DATA / "goemotions").is_dir():
        pytest.skip("needs ../shared/data (GoEmotions, Stanford Politeness, SGD)")
    from csnlp.ml.build_names import build

    assert build(DATA) == sorted(given_names())
