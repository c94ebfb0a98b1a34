"""Citing sentences, and grouping linked items (a tiny union-find)."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import TypeVar

from newsweave.model import Evidence, Sentence

T = TypeVar("T")


def cite(sentences: Iterable[Sentence], order: Sequence[str]) -> tuple[Evidence, ...]:
    """Evidence for distinct sentences, in story reading order."""
    rank = {aid: k for k, aid in enumerate(order)}
    unique = {(s.article_id, s.index): s for s in sentences}
    ranked = sorted(unique.values(), key=lambda s: (rank.get(s.article_id, len(rank)), s.index))
    return tuple(Evidence(s.article_id, s.index, s.text) for s in ranked)


def linked_groups(items: Sequence[T], linked: Callable[[T, T], bool]) -> list[list[T]]:
    """Connected groups of `items` under the symmetric relation `linked`, in first-seen order."""
    parent = list(range(len(items)))
    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            if linked(items[i], items[j]):
                parent[_root(parent, j)] = _root(parent, i)
    return _collect(items, parent)


def pair_groups(pairs: Iterable[tuple[Hashable, Hashable]]) -> list[set[Hashable]]:
    """Connected groups of the nodes the pairs link."""
    index: dict[Hashable, int] = {}
    parent: list[int] = []
    for a, b in pairs:
        for node in (a, b):
            if node not in index:
                index[node] = len(parent)
                parent.append(len(parent))
        parent[_root(parent, index[b])] = _root(parent, index[a])
    return [set(g) for g in _collect(list(index), parent)]


def _root(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _collect(items: Sequence[T], parent: list[int]) -> list[list[T]]:
    groups: dict[int, list[T]] = {}
    for i, item in enumerate(items):
        groups.setdefault(_root(parent, i), []).append(item)
    return list(groups.values())
