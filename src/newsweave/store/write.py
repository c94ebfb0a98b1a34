"""One batch of new articles into the store, in one transaction."""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Sequence

from newsweave.model import Article, Duplicate
from newsweave.pipeline import WeaveConfig
from newsweave.store.assign import Bag, assign, bag_of, top_terms
from newsweave.store.codec import iso, paragraphs_json, removed_json
from newsweave.store.dedupe import (
    REWRITE_TERMS,
    band_keys,
    batch_duplicates,
    rewrite_candidates,
    stored_candidates,
)
from newsweave.store.index import document_frequencies
from newsweave.store.sql import select_in
from newsweave.store.tx import transaction
from newsweave.text.segment import sentences_of


def store_batch(conn: sqlite3.Connection, batch: Sequence[Article], config: WeaveConfig) -> int:
    """Deduplicate, assign to stories and store `batch`; return how many are duplicates."""
    cfg = config.cluster
    stems: dict[str, str] = {}
    bags = {a.id: bag_of(a, cfg, stems) for a in batch}
    tops = [top_terms(bags[a.id], REWRITE_TERMS) for a in batch]
    keys = band_keys(batch, config)
    with transaction(conn):
        df = document_frequencies(conn, {t for b in bags.values()
                                         for t in top_terms(b, max(cfg.top_terms, REWRITE_TERMS))})
        stored = stored_candidates(conn, keys, rewrite_candidates(conn, tops, df))
        sentences = {a.id: sentences_of(a) for a in (*stored, *batch)}
        duplicates = batch_duplicates(stored, batch, sentences, config)
        copy_of = {d.article_id: d for d in duplicates}
        canonical = [a for a in batch if a.id not in copy_of]
        story = assign(conn, canonical, [bags[a.id] for a in canonical], df, cfg)
        story.update(_stored_stories(conn, duplicates, story))
        for article, article_keys in zip(batch, keys, strict=True):
            _insert(conn, article, bags[article.id], article_keys, copy_of.get(article.id),
                    story[article.id], cfg.top_terms)
        conn.executemany("INSERT OR IGNORE INTO pending (story_key) VALUES (?)",
                         [(k,) for k in sorted(set(story.values()))])
    return len(duplicates)


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
        conn.executemany("INSERT INTO terms (term, article_id, day, story_key) "
                         "VALUES (?, ?, ?, ?)", [(t, a.id, day, story_key)
                                                 for t in top_terms(bag, top)])
    conn.execute("INSERT INTO articles_fts (article_id, title, text) VALUES (?, ?, ?)",
                 (a.id, a.title, a.text))
