"""Average-linkage agglomeration over a sparse similarity graph.

A pair with no edge counts as similarity 0, so the linkage of clusters A and B is
sum of edge similarities between them / (|A| * |B|). Clusters merge, best linkage first,
while the best linkage is at least the threshold. Cost ~ O(E log E) for E edges.
"""

from __future__ import annotations

import heapq

import numpy as np


class _Graph:
    """Live clusters: members, summed cross similarities, and a version per cluster."""

    def __init__(self, n: int) -> None:
        self.members: list[list[int]] = [[k] for k in range(n)]
        self.adj: list[dict[int, float]] = [{} for _ in range(n)]
        self.version = [0] * n

    def add_edge(self, a: int, b: int, s: float) -> None:
        self.adj[a][b] = self.adj[a].get(b, 0.0) + s
        self.adj[b][a] = self.adj[b].get(a, 0.0) + s

    def linkage(self, a: int, b: int) -> float:
        return self.adj[a][b] / (len(self.members[a]) * len(self.members[b]))

    def merge(self, a: int, b: int) -> int:
        """Merge b into a or a into b (the one with fewer neighbours moves); return the survivor."""
        keep, gone = (a, b) if len(self.adj[a]) >= len(self.adj[b]) else (b, a)
        del self.adj[keep][gone]
        for c, s in self.adj[gone].items():
            if c == keep:
                continue
            del self.adj[c][gone]
            self.add_edge(keep, c, s)
        self.adj[gone] = {}
        self.members[keep].extend(self.members[gone])
        self.members[gone] = []
        self.version[keep] += 1
        self.version[gone] = -1
        return keep


def _push(heap: list, g: _Graph, a: int, b: int, threshold: float) -> None:
    s = g.linkage(a, b)
    if s >= threshold:
        lo, hi = min(a, b), max(a, b)
        heapq.heappush(heap, (-s, lo, hi, g.version[lo], g.version[hi]))


def average_linkage(
    n: int, i: np.ndarray, j: np.ndarray, sim: np.ndarray, threshold: float
) -> list[list[int]]:
    """Groups of indices 0..n-1 (each sorted) from edges (i[k], j[k], sim[k])."""
    g = _Graph(n)
    for a, b, s in zip(i.tolist(), j.tolist(), sim.tolist(), strict=True):
        g.add_edge(a, b, s)
    heap: list = []
    for a in range(n):
        for b in g.adj[a]:
            if a < b:
                _push(heap, g, a, b, threshold)
    while heap:
        _, a, b, va, vb = heapq.heappop(heap)
        if g.version[a] != va or g.version[b] != vb:
            continue
        keep = g.merge(a, b)
        for c in g.adj[keep]:
            _push(heap, g, keep, c, threshold)
    return [sorted(m) for m in g.members if m]
