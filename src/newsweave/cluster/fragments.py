"""Fragments: small groups left by average linkage join the larger story they lean on.

Average linkage splits a broad story (many articles, each sharing a few terms with the others)
into pure pieces, and leaves its stragglers alone. A fragment (at most `size` articles) joins
a story of more than `size` articles when at least `share` of the fragment's link weight (its
summed edge similarities to other groups) goes to that story and their average linkage is at
least `floor` (the weakest edge the graph keeps); of several such stories, the one of highest
average linkage. Rounds repeat while something moves. A fragment whose links spread
over many stories (a page about a broad topic among narrow events) stays on its own.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse


def attach_fragments(
    n: int, i: np.ndarray, j: np.ndarray, sim: np.ndarray, groups: list[list[int]],
    size: int, share: float, floor: float,
) -> list[list[int]]:
    """`groups` of 0..n-1 with fragments moved into the stories they lean on (each sorted)."""
    if size < 1 or not len(sim):
        return groups
    label = np.empty(n, dtype=np.int64)
    for g, members in enumerate(groups):
        label[members] = g
    while True:
        moved = _one_round(label, i, j, sim, size, share, floor)
        if np.array_equal(moved, label):
            break
        label = moved
    return _groups(label)


def leaning(
    weight: np.ndarray, total: np.ndarray | float, fragment: np.ndarray | int,
    story: np.ndarray, size: int, share: float, floor: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Per link (fragment -> story): whether the fragment may join that story, and their
    average linkage. `weight`: the link weight, `total`: all of the fragment's link weight,
    `fragment` / `story`: the two groups' sizes."""
    average = weight / np.maximum(fragment * story, 1)
    ok = (fragment <= size) & (story > size) & (weight >= share * total) & (average >= floor)
    return ok, average


def _one_round(
    label: np.ndarray, i: np.ndarray, j: np.ndarray, sim: np.ndarray, size: int, share: float,
    floor: float,
) -> np.ndarray:
    """Every fragment moved to its target at once (targets are not fragments: no chains)."""
    count = int(label.max()) + 1
    sizes = np.bincount(label, minlength=count)
    a, b = label[i], label[j]
    cross = a != b
    links = sparse.coo_matrix(
        (np.concatenate([sim[cross], sim[cross]]),
         (np.concatenate([a[cross], b[cross]]), np.concatenate([b[cross], a[cross]]))),
        shape=(count, count),
    )
    links.sum_duplicates()  # the link weight between two groups
    frm, to, weight = links.row, links.col, links.data
    total = np.bincount(frm, weights=weight, minlength=count)
    ok, average = leaning(weight, total[frm], sizes[frm], sizes[to], size, share, floor)
    frm, to, average = frm[ok], to[ok], average[ok]
    order = np.lexsort((to, -average, frm))  # per fragment: highest average first
    frm, to = frm[order], to[order]
    first = np.ones(len(frm), dtype=bool)
    first[1:] = frm[1:] != frm[:-1]
    target = np.arange(count)
    target[frm[first]] = to[first]
    return target[label]


def _groups(label: np.ndarray) -> list[list[int]]:
    order = np.argsort(label, kind="stable")
    cuts = np.flatnonzero(np.diff(label[order])) + 1
    return [part.tolist() for part in np.split(order, cuts)]
