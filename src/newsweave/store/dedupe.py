"""Online duplicates: a new batch against itself and the stored articles it may repeat.

Stored candidates are those sharing a MinHash band key (near and exact copies) or, for
rewrites, the stored articles sharing most of a new article's top terms; `find_duplicates` then
runs on candidates + batch only. A stored canonical article always stays canonical.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence

import numpy as np

from newsweave.dedup import find_duplicates, optimal_params
from newsweave.dedup.minhash import band_keys as minhash_band_keys
from newsweave.dedup.minhash import shingles, signatures
from newsweave.model import Article, Duplicate, Sentence
from newsweave.pipeline import WeaveConfig
from newsweave.store.codec import ARTICLE_COLUMNS, article_from_row
from newsweave.store.index import indexed_terms, sharing
from newsweave.store.sql import select_in

NUM_PERM = 128
REWRITE_TERMS = 8  # top terms a stored article must mostly share to be checked as a rewrite
REWRITE_CANDIDATES = 3
UNPROBED = 2  # the commonest of those terms, whose postings are not read


def minhashes(articles: Sequence[Article], config: WeaveConfig) -> np.ndarray:
    """The articles' MinHash signatures, as `find_duplicates` computes them."""
    vocab: dict[str, int] = {}
    return signatures([shingles(a.text, vocab) for a in articles], NUM_PERM, config.seed)


def band_keys(sig: np.ndarray, config: WeaveConfig) -> list[list[int]]:
    """Per signature, one signed 64-bit key per LSH band (as `dedup.minhash` bands them)."""
    params = optimal_params(config.near_threshold, NUM_PERM)
    keys = minhash_band_keys(sig, params, config.seed)  # (bands, articles)
    keys += np.arange(params.bands, dtype=np.uint64)[:, None]  # one key space for all bands
    return keys.T.view(np.int64).tolist()


def rewrite_candidates(
    conn: sqlite3.Connection, tops: Sequence[Sequence[str]], df: Mapping[str, int]
) -> list[str]:
    """Stored canonical articles indexed under more than half of a new article's top terms
    (`tops`: its `REWRITE_TERMS` heaviest), at most `REWRITE_CANDIDATES` per article: most
    shared first, then by the first term shared, then in the order they were stored.

    The postings of each article's `UNPROBED` commonest terms (by `df`) are never read: an
    article sharing `need` terms shares `need - UNPROBED` of the others.
    """
    need = REWRITE_TERMS // 2 + 1
    found = [
        sharing(conn, sorted(top, key=lambda t: (df.get(t, 0), t))[: len(top) - UNPROBED],
                need - UNPROBED) if len(top) >= need else []
        for top in tops
    ]
    indexed = indexed_terms(conn, {aid for ids in found for aid in ids})
    out: set[str] = set()
    for top, ids in zip(tops, found, strict=True):
        ranked = []
        for aid in ids:
            first, terms = indexed[aid]
            shared = [k for k, t in enumerate(top) if t in terms]
            if len(shared) >= need:
                ranked.append((-len(shared), shared[0], first, aid))
        out.update(aid for *_, aid in sorted(ranked)[:REWRITE_CANDIDATES])
    return sorted(out)


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
    batch_sig: np.ndarray,
) -> list[Duplicate]:
    """Duplicates among `batch` articles (`batch_sig`: their `minhashes`): of a stored article
    when their group holds one."""
    found, _ = find_duplicates(
        [*stored, *batch], sentences, near_threshold=config.near_threshold,
        rewrite_threshold=config.rewrite_threshold, num_perm=NUM_PERM, seed=config.seed,
        signatures=np.concatenate([minhashes(stored, config), batch_sig]),
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
