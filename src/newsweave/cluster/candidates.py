"""Candidate pairs without comparing all pairs: an inverted index over each row's top terms.

Two articles are compared only when they share one of their `top_terms` heaviest terms and that
term's posting list is at most `max_posting` long, so the work is at most
n * top_terms * max_posting pairs: linear in n.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse


def top_term_matrix(x: sparse.csr_matrix, top_terms: int) -> sparse.csr_matrix:
    """Binary matrix keeping, per row, the `top_terms` largest entries of `x`."""
    rows, cols = [], []
    for i in range(x.shape[0]):
        lo, hi = x.indptr[i], x.indptr[i + 1]
        vals = x.data[lo:hi]
        keep = np.argsort(-vals, kind="stable")[:top_terms]
        cols.append(x.indices[lo:hi][keep])
        rows.append(np.full(len(keep), i, dtype=np.int32))
    r = np.concatenate(rows) if rows else np.zeros(0, np.int32)
    c = np.concatenate(cols) if cols else np.zeros(0, np.int32)
    data = np.ones(len(r), dtype=np.float32)
    return sparse.csr_matrix((data, (r, c)), shape=x.shape)


def candidate_pairs(
    x: sparse.csr_matrix, top_terms: int, max_posting: int
) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs (i < j) sharing a top term whose posting list is short enough."""
    b = top_term_matrix(x, top_terms).tocsc()
    df = np.diff(b.indptr)
    b = b[:, np.flatnonzero((df >= 2) & (df <= max_posting))].tocsr()
    co = sparse.triu(b @ b.T, k=1).tocoo()
    return co.row.astype(np.int64), co.col.astype(np.int64)


def pair_cosines(
    x: sparse.csr_matrix, i: np.ndarray, j: np.ndarray, chunk: int = 200_000
) -> np.ndarray:
    """Cosine of rows i[k] and j[k] of the L2-normalised `x`, in bounded-memory chunks."""
    out = np.empty(len(i), dtype=np.float32)
    for lo in range(0, len(i), chunk):
        hi = lo + chunk
        out[lo:hi] = np.asarray(x[i[lo:hi]].multiply(x[j[lo:hi]]).sum(axis=1)).ravel()
    return out
