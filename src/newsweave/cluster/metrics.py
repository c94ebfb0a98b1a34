"""Clustering agreement with a gold labelling: B-cubed P/R/F1, NMI (arithmetic mean), ARI."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse


@dataclass(frozen=True, slots=True)
class BCubed:
    precision: float
    recall: float
    f1: float


def labels_from_groups(groups: Sequence[Sequence[str]], ids: Sequence[str]) -> list[int]:
    """Group index of each id in `ids` (groups as returned by cluster_articles)."""
    where = {a: g for g, members in enumerate(groups) for a in members}
    return [where[a] for a in ids]


def _contingency(pred: Sequence[Hashable], gold: Sequence[Hashable]) -> sparse.csr_matrix:
    if len(pred) != len(gold):
        raise ValueError(f"{len(pred)} predicted labels but {len(gold)} gold labels")
    _, p = np.unique(np.asarray(pred, dtype=object).astype(str), return_inverse=True)
    _, g = np.unique(np.asarray(gold, dtype=object).astype(str), return_inverse=True)
    ones = np.ones(len(p), dtype=np.int64)
    return sparse.csr_matrix((ones, (p, g)), shape=(p.max() + 1, g.max() + 1))


def bcubed(pred: Sequence[Hashable], gold: Sequence[Hashable]) -> BCubed:
    """Item-averaged B-cubed precision, recall and their harmonic mean."""
    if not pred:
        return BCubed(0.0, 0.0, 0.0)
    c = _contingency(pred, gold).tocoo()
    n = len(pred)
    rows = np.asarray(c.sum(axis=1)).ravel()[c.row]
    cols = np.asarray(c.sum(axis=0)).ravel()[c.col]
    sq = c.data.astype(float) ** 2
    p, r = float((sq / rows).sum() / n), float((sq / cols).sum() / n)
    return BCubed(p, r, 2 * p * r / (p + r) if p + r else 0.0)


def _entropy(counts: np.ndarray, n: int) -> float:
    q = counts[counts > 0] / n
    return float(-(q * np.log(q)).sum())


def nmi(pred: Sequence[Hashable], gold: Sequence[Hashable]) -> float:
    """Mutual information / arithmetic mean of the two entropies (1.0 when both are trivial)."""
    if not pred:
        return 0.0
    c = _contingency(pred, gold).tocoo()
    n = len(pred)
    a, b = np.asarray(c.sum(axis=1)).ravel(), np.asarray(c.sum(axis=0)).ravel()
    nij = c.data.astype(float)
    mi = float((nij / n * np.log(nij * n / (a[c.row] * b[c.col]))).sum())
    ha, hb = _entropy(a, n), _entropy(b, n)
    if ha == 0.0 and hb == 0.0:
        return 1.0
    return max(0.0, mi / ((ha + hb) / 2))


def _pairs(counts: np.ndarray) -> float:
    return float((counts * (counts - 1) / 2).sum())


def ari(pred: Sequence[Hashable], gold: Sequence[Hashable]) -> float:
    """Adjusted Rand index (Hubert & Arabie); 1.0 when both labellings are identical."""
    c = _contingency(pred, gold)
    n = len(pred)
    index = _pairs(c.data.astype(float))
    a = _pairs(np.asarray(c.sum(axis=1), dtype=float).ravel())
    b = _pairs(np.asarray(c.sum(axis=0), dtype=float).ravel())
    expected = a * b / (n * (n - 1) / 2) if n > 1 else 0.0
    top = (a + b) / 2
    if top == expected:
        return 1.0
    return (index - expected) / (top - expected)
