"""One batch of new articles into the store, in one transaction."""

from __future__ import annotations

import json
import math
import sqlite3
from collections import Counter
from collections.abc import Sequence

from newsweave.model import Article, Duplicate
from newsweave.pipeline import WeaveConfig
from newsweave.store.assign import Bag, assign, bag_of, top_terms
from newsweave.store.codec import iso, paragraphs_json, removed_json
from newsweave.store.dedupe import band_keys, batch_duplicates, stored_candidates
from newsweave.store.sql import select_in
from newsweave.store.tx import transaction
from newsweave.text.segment import sentences_of

REWRITE_TERMS = 8  # top terms a stored article must mostly share to be checked as a rewrite
REWRITE_CANDIDATES = 3


def store_batch(conn: sqlite3.Connection, batch: Sequence[Article], config: WeaveConfig) -> int:
    """Deduplicate, assign to stories and store `batch`; return how many are duplicates."""
    cfg = config.cluster
    stems: dict[str, str] = {}
    bags = {a.id: bag_of(a, cfg, stems) for a in batch}
    keys = band_keys(batch, config)
    with transaction(conn):
        similar = _rewrite_candidates(conn, [bags[a.id] for a in batch])
        stored = stored_candidates(conn, keys, similar)
        sentences = {a.id: sentences_of(a) for a in (*stored, *batch)}
        duplicates = batch_duplicates(stored, batch, sentences, config)
        copy_of = {d.article_id: d for d in duplicates}
        canonical = [a for a in batch if a.id not in copy_of]
        story = assign(conn, canonical, [bags[a.id] for a in canonical], cfg)
        story.update(_stored_stories(conn, duplicates, story))
        for article, article_keys in zip(batch, keys, strict=True):
            _insert(conn, article, bags[article.id], article_keys, copy_of.get(article.id),
                    story[article.id], cfg.top_terms)
        conn.executemany("INSERT OR IGNORE INTO pending (story_key) VALUES (?)",
                         [(k,) for k in sorted(set(story.values()))])
    return len(duplicates)


def _rewrite_candidates(conn: sqlite3.Connection, bags: Sequence[Bag]) -> list[str]:
    """Stored canonical articles sharing most of a new article's top terms."""
    tops = [top_terms(b, REWRITE_TERMS) for b in bags]
    postings: dict[str, list[str]] = {}
    for term, aid in select_in(conn, "SELECT term, article_id FROM terms WHERE term IN ({in_})",
                               sorted({t for top in tops for t in top})):
        postings.setdefault(term, []).append(aid)
    out: set[str] = set()
    for top in tops:
        hits = Counter(aid for t in top for aid in postings.get(t, ()))
        out.update(aid for aid, n in hits.most_common(REWRITE_CANDIDATES)
                   if n > REWRITE_TERMS // 2)
    return sorted(out)


def _stored_stories(
    conn: sqlite3.Connection, duplicates: Sequence[Duplicate], story: dict[str, int]
) -> dict[str, int]:
    """Story keys of the duplicates: their canonical's (stored or in this batch)."""
    stored = dict(select_in(conn, "SELECT id, story_key FROM articles WHERE id IN ({in_})",
                            sorted({d.duplicate_of for d in duplicates} - story.keys())))
    return {d.article_id: story.get(d.duplicate_of, stored.get(d.duplicate_of))
            for d in duplicates}


def _insert(
    conn: sqlite3.Connection, a: Article, bag: Bag, keys: Sequence[int],
    duplicate: Duplicate | None, story_key: int, top: int,
) -> None:
    conn.execute(
        "INSERT INTO articles (id, content_id, input, title, source, url, published, "
        "paragraphs, removed, terms, duplicate_of, kind, similarity, story_key) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (a.id, a.id.split("-")[0], a.input, a.title, a.source, a.url, iso(a.published),
         paragraphs_json(a), removed_json(a), json.dumps(bag.terms, ensure_ascii=False),
         duplicate.duplicate_of if duplicate else None, duplicate.kind if duplicate else None,
         duplicate.similarity if duplicate else None, story_key),
    )
    conn.executemany("INSERT INTO bands (key, article_id) VALUES (?, ?)",
                     [(k, a.id) for k in keys])
    if duplicate is None:
        day = None if math.isnan(bag.day) else bag.day
        conn.executemany("INSERT INTO terms (term, article_id, day) VALUES (?, ?, ?)",
                         [(t, a.id, day) for t in top_terms(bag, top)])
    conn.execute("INSERT INTO articles_fts (article_id, title, text) VALUES (?, ?, ?)",
                 (a.id, a.title, a.text))
