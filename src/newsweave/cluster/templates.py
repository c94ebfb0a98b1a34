"""Templates: one text carried near-verbatim by many articles (archive notices, comment boxes,
"follow us" pages) is no evidence that those articles tell one story.

Copies of a story are removed before clustering (`weave` and `ingest` cluster canonical
articles only), so a large family of near-verbatim copies left in the input is boilerplate:
its members are kept out of every story but their own.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components


def template_rows(
    n: int, i: np.ndarray, j: np.ndarray, sim: np.ndarray, copy_cosine: float, max_copies: int
) -> np.ndarray:
    """Boolean mask of rows 0..n-1 in a family (connected by edges with cosine >= `copy_cosine`)
    of more than `max_copies` articles."""
    near = sim >= copy_cosine
    graph = sparse.coo_matrix((np.ones(int(near.sum()), dtype=np.int8), (i[near], j[near])),
                              shape=(n, n))
    _, family = connected_components(graph, directed=False)
    return np.bincount(family)[family] > max_copies
