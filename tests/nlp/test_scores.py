"""Scores: a model's probabilities for one turn, kept as the bytes of their float64s."""

from __future__ import annotations

import numpy as np
import pytest

from csnlp.nlp.rules import Scores, _row_bytes


def test_scores_from_a_matrix_row_read_back_the_exact_floats():
    rng = np.random.default_rng(0)
    probs = rng.random((7, 3))
    index = {"calm": 0, "frustrated": 1, "polite": 2}
    rows = [Scores(index, row) for row in _row_bytes(probs, 7)]
    for k, scores in enumerate(rows):
        assert [scores[label] for label in index] == probs[k].tolist()  # bit for bit
        assert scores == Scores(index, probs[k].tolist()) == dict(zip(index, probs[k].tolist(), strict=True))
        assert scores.get("rude", -1.0) == -1.0 and "calm" in scores and len(scores) == 3


def test_a_list_of_lists_is_converted_like_a_matrix():
    rows = _row_bytes([[0.25, 0.75], [1.0, 0.0]], 2)
    assert [Scores({"a": 0, "b": 1}, r)["b"] for r in rows] == [0.75, 0.0]


@pytest.mark.parametrize("probs, n", [
    (np.zeros(4), 4),          # one score per turn: not a row of probabilities
    (np.zeros((3, 2)), 4),     # rows for three turns, four asked
])
def test_a_model_giving_scores_of_the_wrong_shape_is_refused(probs, n):
    with pytest.raises(ValueError, match="one row of probabilities per turn"):
        _row_bytes(probs, n)


def test_a_row_of_the_wrong_length_is_refused_in_bytes_too():
    with pytest.raises(ValueError, match="2 scores for its 3 labels"):
        Scores({"a": 0, "b": 1, "c": 2}, np.zeros(2).tobytes())


def test_another_librarys_array_is_converted_by_its_own_tolist():
    """A user's model may return a tensor NumPy cannot take directly (one that requires grad,
    or on a GPU); its own `tolist()` converts it, as before rows were kept as bytes."""

    class Tensor:
        def __init__(self, rows):
            self.rows = rows

        def tolist(self):
            return self.rows

        def __array__(self, *args, **kwargs):
            raise RuntimeError("Can't call numpy() on Tensor that requires grad")

    rows = _row_bytes(Tensor([[0.25, 0.75], [0.5, 0.5]]), 2)
    assert [Scores({"a": 0, "b": 1}, r)["b"] for r in rows] == [0.75, 0.5]
