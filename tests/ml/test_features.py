"""Feature helpers of the linear models."""

from __future__ import annotations

import numpy as np
import pytest


@pytest.mark.parametrize("values", [[], [5], [3, 1, 3, 2, 1], list(range(50, 0, -1)) * 3,
                                    [2**62, -(2**62), 0, 2**62]],
                         ids=["empty", "one", "repeats", "descending", "extremes"])
def test_unique_ints_equals_numpy_unique(values):
    from csnlp.ml.features import unique_ints

    array = np.array(values, dtype=np.int64)
    got = unique_ints(array)
    assert got.dtype == array.dtype and got.tolist() == np.unique(array).tolist()
