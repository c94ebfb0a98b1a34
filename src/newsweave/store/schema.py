"""Numbered migrations: each runs once, in one transaction, and bumps `PRAGMA user_version`."""

from __future__ import annotations

import sqlite3

from newsweave.errors import NewsweaveError
from newsweave.store.tx import transaction

APPLICATION_ID = 0x6E776576  # "nwev": marks a newsweave store
MIGRATIONS: tuple[str, ...] = (
    # 1: articles (canonical or duplicate, with their story), band keys and top terms for
    # candidate search, stories with their digest JSON, rejections, pending story refreshes, FTS.
    """
    CREATE TABLE articles (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        content_id TEXT NOT NULL,
        input TEXT NOT NULL,
        title TEXT NOT NULL,
        source TEXT NOT NULL,
        url TEXT NOT NULL,
        published TEXT,
        paragraphs TEXT NOT NULL,
        removed TEXT NOT NULL,
        terms TEXT NOT NULL,
        duplicate_of TEXT REFERENCES articles(id) DEFERRABLE INITIALLY DEFERRED,
        kind TEXT,
        similarity REAL,
        story_key INTEGER
    );
    CREATE INDEX articles_content ON articles(content_id);
    CREATE INDEX articles_story ON articles(story_key);
    CREATE TABLE bands (key INTEGER NOT NULL, article_id TEXT NOT NULL);
    CREATE INDEX bands_key ON bands(key);
    CREATE TABLE terms (term TEXT NOT NULL, article_id TEXT NOT NULL, day REAL);
    CREATE INDEX terms_term ON terms(term);
    CREATE TABLE stories (
        key INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        size INTEGER NOT NULL,
        duplicates INTEGER NOT NULL,
        sources INTEGER NOT NULL,
        first_published TEXT,
        last_published TEXT,
        digest TEXT NOT NULL
    );
    CREATE TABLE pending (story_key INTEGER PRIMARY KEY);
    CREATE TABLE rejected (path TEXT PRIMARY KEY, reason TEXT NOT NULL);
    CREATE VIRTUAL TABLE articles_fts USING fts5(article_id UNINDEXED, title, text);
    CREATE VIRTUAL TABLE stories_fts USING fts5(title, summary);  -- rowid = stories.key
    PRAGMA application_id = 1853318518;
    """,
    # 2: the story list's two orders (`queries._ORDER`) as indexes, so that a page of a large
    # store is read in order instead of sorting every story.
    """
    CREATE INDEX IF NOT EXISTS stories_newest
        ON stories(last_published IS NULL, last_published DESC, key DESC);
    CREATE INDEX IF NOT EXISTS stories_biggest
        ON stories(size + duplicates DESC, sources DESC, key);
    """,
    # 3: ingest's lookups. The child key of `articles.duplicate_of`: without it, while a batch
    # holds a duplicate stored before its canonical (a deferred foreign-key violation, resolved
    # by the commit), every article inserted scans the whole table for rows that refer to it.
    # `terms` carries its article's story (which never changes) and is indexed to answer
    # postings by term (story, day and article read from the index alone) and terms by article.
    """
    CREATE INDEX IF NOT EXISTS articles_duplicate ON articles(duplicate_of);
    ALTER TABLE terms ADD COLUMN story_key INTEGER;
    UPDATE terms SET story_key = (SELECT a.story_key FROM articles a WHERE a.id = terms.article_id);
    DROP INDEX terms_term;
    CREATE INDEX terms_postings ON terms(term, story_key, day, article_id);
    CREATE INDEX terms_article ON terms(article_id);
    """,
    # 4: per term, how many stored canonical articles carry it (`index.TermCounts`): story
    # assignment weighs terms by the store's idf, as batch clustering weighs them by the batch's
    # (a story's own terms looked common when idf was counted over its members alone). Filled
    # from the stored articles' clustering terms (`articles.terms`, a JSON object).
    """
    CREATE TABLE term_counts (term TEXT PRIMARY KEY, articles INTEGER NOT NULL) WITHOUT ROWID;
    INSERT INTO term_counts (term, articles)
        SELECT t.key, count(*) FROM articles a, json_each(a.terms) t
        WHERE a.duplicate_of IS NULL GROUP BY t.key;
    """,
)


def migrate(conn: sqlite3.Connection, path: str) -> None:
    """Bring the database to the latest version; a no-op when it is already there."""
    while (version := _version(conn, path)) < len(MIGRATIONS):
        with transaction(conn):
            if _version(conn, path) != version:  # another process migrated meanwhile
                continue
            for statement in _statements(MIGRATIONS[version]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version + 1}")


def _version(conn: sqlite3.Connection, path: str) -> int:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > len(MIGRATIONS):
        raise NewsweaveError(
            f"{path} has schema version {version}, newer than this newsweave knows "
            f"({len(MIGRATIONS)}); upgrade newsweave"
        )
    return version


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]
