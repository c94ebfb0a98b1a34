"""One batch of new articles into the store, in one transaction."""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

import numpy as np

from newsweave.model import Article, Duplicate
from newsweave.pipeline import WeaveConfig
from newsweave.store.assign import Bag, assign, bags_of, top_terms
from newsweave.store.codec import iso, paragraphs_json, removed_json
from newsweave.store.dedupe import (
    REWRITE_TERMS,
    band_keys,
    batch_duplicates,
    minhashes,
    rewrite_candidates,
    stored_candidates,
)
from newsweave.store.index import count_terms, document_frequencies
from newsweave.store.sql import select_in
from newsweave.store.tx import transaction
from newsweave.text.segment import sentences_of

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Prepared:
    """A cleaned article with the work of storing it that needs only the article itself: its
    clustering terms and MinHash signature (done where it is cleaned, in parallel)."""

    article: Article
    bag: Bag
    signature: np.ndarray


def prepare(items: Sequence[T], config: WeaveConfig) -> list[T | Prepared]:
    """`items` with every article replaced by its `Prepared` form."""
    articles = [item for item in items if isinstance(item, Article)]
    done = iter(zip(articles, bags_of(articles, config.cluster), minhashes(articles, config),
                    strict=True))
    return [Prepared(*next(done)) if isinstance(item, Article) else item for item in items]


def store_batch(conn: sqlite3.Connection, batch: Sequence[Prepared], config: WeaveConfig) -> int:
    """Deduplicate, assign to stories and store `batch`; return how many are duplicates."""
    cfg = config.cluster
    articles = [p.article for p in batch]
    bags = {p.article.id: p.bag for p in batch}
    tops = [top_terms(p.bag, REWRITE_TERMS) for p in batch]
    sig = np.stack([p.signature for p in batch])
    keys = band_keys(sig, config)
    with transaction(conn):
        df = document_frequencies(conn, {t for b in bags.values()
                                         for t in top_terms(b, max(cfg.top_terms, REWRITE_TERMS))})
        stored = stored_candidates(conn, keys, rewrite_candidates(conn, tops, df))
        sentences = {a.id: sentences_of(a) for a in (*stored, *articles)}
        duplicates = batch_duplicates(stored, articles, sentences, config, sig)
        copy_of = {d.article_id: d for d in duplicates}
        canonical = [a for a in articles if a.id not in copy_of]
        story = assign(conn, canonical, [bags[a.id] for a in canonical], df, cfg)
        story.update(_stored_stories(conn, duplicates, story))
        _insert(conn, articles, bags, keys, copy_of, story, cfg.top_terms)
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
    conn: sqlite3.Connection, batch: Sequence[Article], bags: Mapping[str, Bag],
    keys: Sequence[Sequence[int]], copy_of: Mapping[str, Duplicate], story: Mapping[str, int],
    top: int,
) -> None:
    """The batch's rows, in batch order: articles, band keys, the top terms of the canonical
    articles, full text; and the canonical articles' terms added to the term counts."""
    conn.executemany(
        "INSERT INTO articles (id, content_id, input, title, source, url, published, "
        "paragraphs, removed, terms, duplicate_of, kind, similarity, story_key) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [_article_row(a, bags[a.id], copy_of.get(a.id), story[a.id]) for a in batch],
    )
    conn.executemany("INSERT INTO bands (key, article_id) VALUES (?, ?)",
                     [(k, a.id) for a, row in zip(batch, keys, strict=True) for k in row])
    conn.executemany(
        "INSERT INTO terms (term, article_id, day, story_key) VALUES (?, ?, ?, ?)",
        [(t, a.id, None if math.isnan(bags[a.id].day) else bags[a.id].day, story[a.id])
         for a in batch if a.id not in copy_of for t in top_terms(bags[a.id], top)],
    )
    conn.executemany("INSERT INTO articles_fts (article_id, title, text) VALUES (?, ?, ?)",
                     [(a.id, a.title, a.text) for a in batch])
    count_terms(conn, [bags[a.id].terms for a in batch if a.id not in copy_of])


def _article_row(a: Article, bag: Bag, duplicate: Duplicate | None, story_key: int) -> tuple:
    return (a.id, a.id.split("-")[0], a.input, a.title, a.source, a.url, iso(a.published),
            paragraphs_json(a), removed_json(a), json.dumps(bag.terms, ensure_ascii=False),
            duplicate.duplicate_of if duplicate else None, duplicate.kind if duplicate else None,
            duplicate.similarity if duplicate else None, story_key)
