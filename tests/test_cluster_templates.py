"""Template families: large families of near-verbatim copies."""

from __future__ import annotations

import numpy as np

from newsweave.cluster.templates import template_rows


def test_only_families_larger_than_max_copies_are_templates() -> None:
    # rows 0-3 one family (a chain of near copies), 4-5 a pair, 6 linked to 0 only weakly
    i = np.array([0, 1, 2, 4, 0])
    j = np.array([1, 2, 3, 5, 6])
    sim = np.array([0.95, 0.99, 0.92, 0.97, 0.4])
    mask = template_rows(7, i, j, sim, copy_cosine=0.9, max_copies=3)
    assert mask.tolist() == [True, True, True, True, False, False, False]


def test_no_edges_no_templates() -> None:
    empty = np.zeros(0, dtype=np.int64)
    assert not template_rows(3, empty, empty, np.zeros(0), 0.9, 1).any()
