"""Online duplicates: a new batch against itself and the stored articles it may repeat.

Stored candidates are those sharing a MinHash band key (near and exact copies) or, for
rewrites, the stored articles most similar by their top terms; `find_duplicates` then runs on
candidates + batch only. A stored canonical article always stays canonical.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence

import numpy as np

from newsweave.dedup import find_duplicates, optimal_params
from newsweave.dedup.minhash import shingles, signatures
from newsweave.model import Article, Duplicate, Sentence
from newsweave.pipeline import WeaveConfig
from newsweave.store.codec import ARTICLE_COLUMNS, article_from_row
from newsweave.store.sql import select_in

NUM_PERM = 128


def band_keys(articles: Sequence[Article], config: WeaveConfig) -> list[list[int]]:
    """Per article, one signed 64-bit key per LSH band (as `dedup.minhash` bands them)."""
    params = optimal_params(config.near_threshold, NUM_PERM)
    vocab: dict[str, int] = {}
    sig = signatures([shingles(a.text, vocab) for a in articles], NUM_PERM, config.seed)
    mult = np.random.default_rng(config.seed).integers(1, 2**63, size=params.rows, dtype=np.uint64)
    keys = []
    for band in range(params.bands):
        block = sig[:, band * params.rows : (band + 1) * params.rows].astype(np.uint64)
        keys.append((block * mult).sum(axis=1) + np.uint64(band))
    return np.stack(keys, axis=1).view(np.int64).tolist() if keys else []


def stored_candidates(
    conn: sqlite3.Connection, keys: Sequence[Sequence[int]], similar: Sequence[str]
) -> list[Article]:
    """Stored canonical articles sharing a band key, plus `similar` ids (duplicates resolved)."""
    flat = sorted({k for row in keys for k in row})
    ids = {r[0] for r in select_in(conn, "SELECT article_id FROM bands WHERE key IN ({in_})", flat)}
    ids.update(similar)
    canonical = {
        r[0] or r[1]
        for r in select_in(conn, "SELECT duplicate_of, id FROM articles WHERE id IN ({in_})",
                           sorted(ids))
    }
    rows = select_in(
        conn, f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id IN ({{in_}}) ORDER BY seq",
        sorted(canonical),
    )
    return [article_from_row(r) for r in rows]


def batch_duplicates(
    stored: Sequence[Article],
    batch: Sequence[Article],
    sentences: Mapping[str, Sequence[Sentence]],
    config: WeaveConfig,
) -> list[Duplicate]:
    """Duplicates among `batch` articles: of a stored article when their group holds one."""
    found, _ = find_duplicates(
        [*stored, *batch], sentences, near_threshold=config.near_threshold,
        rewrite_threshold=config.rewrite_threshold, num_perm=NUM_PERM, seed=config.seed,
    )
    stored_ids = {a.id for a in stored}
    groups: dict[str, list[Duplicate]] = {}
    for d in found:
        groups.setdefault(d.duplicate_of, []).append(d)
    out = []
    for root, members in groups.items():
        keep = root if root in stored_ids else _stored_member(members, stored_ids)
        for d in members:
            if d.article_id not in stored_ids:
                out.append(Duplicate(d.article_id, keep, d.similarity, d.kind))
        if keep != root:  # a new article was the most complete: it repeats the stored one
            flipped = next(d for d in members if d.article_id == keep)
            out.append(Duplicate(root, keep, flipped.similarity, flipped.kind))
    order = {a.id: k for k, a in enumerate(batch)}
    return sorted(out, key=lambda d: order[d.article_id])


def _stored_member(members: Sequence[Duplicate], stored_ids: set[str]) -> str:
    """The first stored article of a group whose root is new, or the root when none is stored."""
    stored = [d.article_id for d in members if d.article_id in stored_ids]
    return stored[0] if stored else members[0].duplicate_of
