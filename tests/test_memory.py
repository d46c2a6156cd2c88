"""What keeps a worker's memory down: each test fails if its saving is undone.

Peak memory is measured by benchmarks/throughput.py; these tests check the mechanisms (shared
objects, views instead of copies, imports left out), which are exact, not the megabytes,
which depend on the machine.
"""

from __future__ import annotations

import re
import subprocess
import sys

import numpy as np
import pytest


def test_kept_turns_share_their_span_pairs():
    from csnlp.nlp.fast import FastAnnotator
    from csnlp.standards import load_standards

    fast = FastAnnotator(load_standards("contact_center"))
    a, b = fast.annotate(["Thanks, bye now.", "Thanks, all done."], ["agent", "customer"])
    assert a.spans[1] == b.spans[1] == (0, 6)  # "thanks" in both
    assert a.spans[1] is b.spans[1]
    # the annotations are unchanged by it: the cached one is what the turn gets again
    again = fast.annotate(["Thanks, bye now."], ["agent"])[0]
    assert again is a and again.spans == [(0, 0), (0, 6), (8, 11), (12, 15), (16, 16)]


def test_the_normaliser_keeps_a_plain_word_as_its_string():
    from csnlp.nlp.normalise import make_nlp, normalise_rows, token_array

    nlp = make_nlp()
    cache: dict = {}
    doc = nlp.make_doc("ok thx, the parcel um arrived")
    words, _, _ = normalise_rows(token_array(doc).tolist(), nlp.vocab.strings, cache)
    assert words == ["okay", "thanks", "the", "parcel", "arrived"]
    kinds = {nlp.vocab.strings[h]: type(v).__name__ for h, v in cache.items()}
    # a word that is its own normalisation is kept as one str, not a tuple of parts and hashes
    assert kinds["the"] == kinds["parcel"] == kinds["arrived"] == "str"
    assert kinds["thx"] == kinds["um"] == "tuple"  # an override, a filler
    again, _, _ = normalise_rows(token_array(doc).tolist(), nlp.vocab.strings, cache)
    assert again == words


def test_tokenizers_share_one_compiled_affix_regex():
    from csnlp.nlp.normalise import make_nlp

    one = make_nlp().tokenizer
    re.purge()  # Python's own regex cache may share them by luck (it keeps 512 patterns)
    two = make_nlp().tokenizer
    assert one.suffix_search.__self__ is two.suffix_search.__self__
    assert one.infix_finditer.__self__ is two.infix_finditer.__self__
    assert [t.text for t in make_nlp()("Bye!Have a nice day/")] == [
        "Bye", "!", "Have", "a", "nice", "day", "/"]


@pytest.mark.parametrize("loader", ["acts", "tone"])
def test_model_weights_are_held_once(loader):
    from csnlp.ml.acts import default_act_model
    from csnlp.ml.safe_io import arrays_digest
    from csnlp.ml.tone import default_tone_model

    model = default_act_model() if loader == "acts" else default_tone_model()
    if model is None:
        pytest.skip("the bundled model is not installed")
    prepared = model._prepared()
    # the n-gram weights the scorer reads are a view of the learned coefficients, not a copy
    assert np.shares_memory(prepared["ngram"], model.coef_)
    assert prepared["ngram"].dtype == np.float32
    # and the digest (what the model id names) reads the same values as before
    assert arrays_digest(model._arrays()) == model.digest_
    assert model.model_id.endswith(model.digest_[:12])


def test_stdnum_is_imported_only_when_a_candidate_number_needs_it():
    code = (
        "import sys, csnlp\n"
        "r = csnlp.evaluate('Agent: Hi, this is Sam. Call me at 415-555-0134.\\n"
        "Customer: my order 123456789 is late')\n"
        "print('stdnum' in sys.modules)\n"
        "from csnlp.redact import Redactor\n"
        "print(Redactor().redact('card 4111 1111 1111 1111'), 'stdnum' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env={"OPENBLAS_NUM_THREADS": "1", "PATH": ""})
    assert out.stdout.split("\n")[:2] == ["False", "card [CREDIT_CARD] True"]
