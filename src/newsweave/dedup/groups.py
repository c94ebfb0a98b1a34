"""Duplicate groups: union-find over verified pairs, canonical choice, one Duplicate per member."""

from __future__ import annotations

import heapq
import math
from collections.abc import Sequence
from dataclasses import dataclass

from newsweave.model import Article, Duplicate, DuplicateKind

_KINDS: tuple[DuplicateKind, ...] = ("rewrite", "near", "exact")  # weakest first


@dataclass(frozen=True, slots=True)
class Edge:
    """A verified duplicate relation between articles `i` and `j` (input positions)."""

    i: int
    j: int
    similarity: float
    kind: DuplicateKind


class UnionFind:
    """Disjoint sets over 0..n-1 with path halving."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        self.parent[self.find(a)] = self.find(b)

    def groups(self) -> list[list[int]]:
        """Sets with more than one member, each in input order."""
        by_root: dict[int, list[int]] = {}
        for x in range(len(self.parent)):
            by_root.setdefault(self.find(x), []).append(x)
        return [g for g in by_root.values() if len(g) > 1]


def completeness_key(article: Article, position: int) -> tuple[int, float, int]:
    """Sort key, best first: most words, then earliest `published` (unknown last), input order."""
    published = article.published.timestamp() if article.published else math.inf
    return (-article.n_words, published, position)


def canonical(articles: Sequence[Article], members: Sequence[int]) -> int:
    """The most complete member of a group."""
    return min(members, key=lambda m: completeness_key(articles[m], m))


def duplicates(
    articles: Sequence[Article], uf: UnionFind, edges: Sequence[Edge]
) -> list[Duplicate]:
    """One Duplicate per non-canonical member, in input order.

    Kind and similarity are those of the strongest path to the canonical (maximum-bottleneck,
    ranking edges by kind, exact > near > rewrite, then similarity): a member is "exact" only if
    identical to its canonical.
    """
    adjacency: dict[int, list[Edge]] = {}
    for e in edges:
        adjacency.setdefault(e.i, []).append(e)
        adjacency.setdefault(e.j, []).append(e)
    out = []
    for members in uf.groups():
        root = canonical(articles, members)
        for m, (kind, sim) in _widest_paths(root, adjacency).items():
            out.append((m, Duplicate(articles[m].id, articles[root].id, sim, kind)))
    return [d for _, d in sorted(out, key=lambda x: x[0])]


def _widest_paths(
    root: int, adjacency: dict[int, list[Edge]]
) -> dict[int, tuple[DuplicateKind, float]]:
    """Bottleneck (kind, similarity) of the strongest path from `root` to every reachable node."""
    best: dict[int, tuple[DuplicateKind, float]] = {}
    heap: list[tuple[int, float, int]] = []

    def push(node: int, value: tuple[int, float]) -> None:
        for e in adjacency.get(node, ()):
            other = e.j if e.i == node else e.i
            if other != root and other not in best:
                strength, sim = min(value, (_KINDS.index(e.kind), e.similarity))
                heapq.heappush(heap, (-strength, -sim, other))

    push(root, (len(_KINDS), 1.0))
    while heap:
        strength, sim, node = heapq.heappop(heap)
        if node not in best:
            best[node] = (_KINDS[-strength], -sim)
            push(node, (-strength, -sim))
    return best
