"""Citing sentences, and grouping linked items (a tiny union-find)."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from itertools import combinations
from typing import TypeVar

from newsweave.model import Evidence, Sentence

T = TypeVar("T")


def cite(sentences: Iterable[Sentence], order: Sequence[str]) -> tuple[Evidence, ...]:
    """Evidence for distinct sentences, in story reading order."""
    rank = {aid: k for k, aid in enumerate(order)}
    unique = {(s.article_id, s.index): s for s in sentences}
    ranked = sorted(unique.values(), key=lambda s: (rank.get(s.article_id, len(rank)), s.index))
    return tuple(Evidence(s.article_id, s.index, s.text) for s in ranked)


def linked_groups(
    items: Sequence[T],
    linked: Callable[[T, T], bool],
    keys: Callable[[T], Iterable[Hashable]] | None = None,
) -> list[list[T]]:
    """Connected groups of `items` under the symmetric relation `linked`, in first-seen order.

    `keys` (blocking): only items sharing a key are tested, so every linked pair must share one.
    """
    parent = list(range(len(items)))
    for i, j in _candidate_pairs(items, keys):
        if linked(items[i], items[j]):
            parent[_root(parent, j)] = _root(parent, i)
    return _collect(items, parent)


def _candidate_pairs(
    items: Sequence[T], keys: Callable[[T], Iterable[Hashable]] | None
) -> Iterable[tuple[int, int]]:
    """Index pairs i < j to test, in order: all of them, or those sharing a key."""
    if keys is None:
        return combinations(range(len(items)), 2)
    sharing: dict[Hashable, list[int]] = {}
    for i, item in enumerate(items):
        for key in set(keys(item)):
            sharing.setdefault(key, []).append(i)
    return sorted({pair for members in sharing.values() for pair in combinations(members, 2)})


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
