"""The store: migrations, opening errors, idempotent and incremental ingest, duplicates."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from pathlib import Path

import pytest

import newsweave
from newsweave.errors import NewsweaveError
from newsweave.store.db import connect
from newsweave.store.ingest import ingest
from newsweave.store.queries import Store
from newsweave.store.schema import MIGRATIONS
from tests.conftest import HARBOUR, write_files

STORM = (
    "Storm cuts power to coastal towns\n\nSource: Coast Herald\nDate: 2026-05-02\n\n"
    "A winter storm brought down power lines along the northern coast on Saturday, leaving "
    "about 40,000 homes without electricity in Marlow Bay and Tessing.\n\n"
    "The regional grid operator said crews would work through the night to restore supply "
    "and asked residents to stay away from fallen cables.\n\n"
    "Ferries between Marlow Bay and the islands were cancelled for a second day."
)


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _counts(db: Path) -> tuple[int, ...]:
    with sqlite3.connect(db) as conn:
        return tuple(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                     for t in ("articles", "stories", "bands", "terms", "articles_fts",
                               "stories_fts", "rejected", "pending"))


def test_migrations_from_an_empty_file_and_reopen_is_a_no_op(tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    db.touch()
    conn = connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert {"articles", "stories", "rejected", "articles_fts", "stories_fts"} <= _tables(conn)
    schema = conn.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall()
    conn.close()
    again = connect(db)
    assert again.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall() == schema
    assert again.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    again.close()


def _upgraded_and_fresh(tmp_path: Path, downgrade: str) -> tuple[Path, Path]:
    """Two stores given the same two ingests; between them, the first is taken back to an
    older layout by the SQL script `downgrade`, so that the second ingest upgrades it."""
    db, fresh = tmp_path / "old.db", tmp_path / "new.db"
    one = write_files(tmp_path / "one", {k: HARBOUR[k] for k in ("a.txt", "b.txt")})
    two = write_files(tmp_path / "two", {"c.txt": HARBOUR["c.txt"], "storm.txt": STORM})
    for store in (db, fresh):
        ingest(one, store)
    with sqlite3.connect(db) as conn:
        conn.executescript(downgrade)
    for store in (db, fresh):
        ingest(two, store)
    return db, fresh


def test_migration_3_indexes_the_terms_of_a_filled_store(tmp_path: Path) -> None:
    db, fresh = _upgraded_and_fresh(  # back to the layout before migration 3
        tmp_path,
        "CREATE TABLE old (term TEXT NOT NULL, article_id TEXT NOT NULL, day REAL); "
        "INSERT INTO old SELECT term, article_id, day FROM terms ORDER BY rowid; "
        "DROP TABLE terms; ALTER TABLE old RENAME TO terms; "
        "CREATE INDEX terms_term ON terms(term); DROP INDEX articles_duplicate; "
        "DROP TABLE term_counts; PRAGMA user_version = 2;")
    rows = "SELECT term, article_id, day, story_key FROM terms ORDER BY rowid"
    with sqlite3.connect(db) as old, sqlite3.connect(fresh) as new:
        assert old.execute(rows).fetchall() == new.execute(rows).fetchall()
        assert old.execute("SELECT count(*) FROM terms WHERE story_key IS NULL").fetchone() == (0,)
        stories = "SELECT id, size FROM stories ORDER BY id"
        assert old.execute(stories).fetchall() == new.execute(stories).fetchall()


def test_migration_4_counts_the_terms_of_a_filled_store(tmp_path: Path) -> None:
    db, fresh = _upgraded_and_fresh(  # back to the layout before migration 4
        tmp_path, "DROP TABLE term_counts; PRAGMA user_version = 3;")
    counts = "SELECT term, articles FROM term_counts ORDER BY term"
    with sqlite3.connect(db) as old, sqlite3.connect(fresh) as new:
        found = old.execute(counts).fetchall()
        assert found == new.execute(counts).fetchall()
        canonical = old.execute("SELECT terms FROM articles WHERE duplicate_of IS NULL").fetchall()
    expected = Counter(t for (terms,) in canonical for t in json.loads(terms))
    assert dict(found) == expected and len(canonical) >= 2


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    connect(db).close()
    with sqlite3.connect(db) as conn:
        conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    with pytest.raises(NewsweaveError, match="newer than this newsweave knows"):
        connect(db)


@pytest.mark.parametrize("content", [b"this is not a database at all\n" * 100, b"\x00\xff" * 5000])
def test_a_corrupt_file_is_not_a_newsweave_database(tmp_path: Path, content: bytes) -> None:
    db = tmp_path / "bad.db"
    db.write_bytes(content)
    with pytest.raises(NewsweaveError, match="is not a newsweave database"):
        connect(db)


def test_another_programs_sqlite_file_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "other.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE things (x)")
    with pytest.raises(NewsweaveError, match="is not a newsweave database"):
        connect(db)


def test_reading_a_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(NewsweaveError, match="no such database"):
        Store(tmp_path / "absent.db")


def test_ingest_is_idempotent(tmp_path: Path) -> None:
    folder = write_files(tmp_path / "in", {**HARBOUR, "x.pdf": b"%PDF-1.4 binary"})
    db = tmp_path / "s.db"
    first = ingest(folder, db)
    assert (first.inputs, first.in_stories, len(first.rejected)) == (4, 3, 1)
    assert first.balanced and first.stories_changed == 1
    before = _counts(db)
    second = ingest(folder, db)
    assert (second.inputs, second.already_stored, second.in_stories, second.duplicates) == (
        4, 3, 0, 0)
    assert len(second.rejected) == 1 and second.balanced and second.stories_changed == 0
    assert _counts(db) == before


def test_the_stored_story_is_the_one_weave_builds(tmp_path: Path) -> None:
    folder = write_files(tmp_path / "in", HARBOUR)
    ingest(folder, tmp_path / "s.db")
    with sqlite3.connect(tmp_path / "s.db") as conn:
        stored = json.loads(conn.execute("SELECT digest FROM stories").fetchone()[0])
    assert stored == newsweave.digest_to_dict(newsweave.weave(folder))["stories"][0]


def test_a_second_batch_joins_a_story_or_opens_one(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    ingest(write_files(tmp_path / "one", {k: HARBOUR[k] for k in ("a.txt", "b.txt")}), db)
    report = ingest(write_files(tmp_path / "two", {"c.txt": HARBOUR["c.txt"]}), db)
    assert report.in_stories == 1 and report.stories_changed == 1
    with Store(db) as store:
        (story,) = store.stories()
        assert story.size == 3
    ingest(write_files(tmp_path / "three", {"storm.txt": STORM}), db)
    with Store(db) as store:
        assert sorted(s.size for s in store.stories()) == [1, 3]
        assert store.stories(sort="newest")[0].title == "Storm cuts power to coastal towns"


def test_duplicates_across_batches(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    ingest(write_files(tmp_path / "one", HARBOUR), db)
    near = HARBOUR["b.txt"].replace("up to three days", "up to four days")
    report = ingest(write_files(tmp_path / "two", {"copy.txt": HARBOUR["a.txt"],
                                                   "near.txt": near}), db)
    assert (report.duplicates, report.in_stories, report.stories_changed) == (2, 0, 1)
    with sqlite3.connect(db) as conn:
        rows = dict(conn.execute("SELECT input, kind FROM articles WHERE duplicate_of IS NOT NULL"))
        ids = [r[0] for r in conn.execute("SELECT id FROM articles WHERE input LIKE '%copy.txt'")]
    assert rows == {str(tmp_path / "two" / "copy.txt"): "exact",
                    str(tmp_path / "two" / "near.txt"): "near"}
    assert ids[0].endswith("-2")
    with Store(db) as store:
        (story,) = store.stories()
        assert (story.size, story.duplicates) == (3, 2)


def test_an_article_without_a_date(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    ingest(write_files(tmp_path / "in", {"undated.txt": HARBOUR["a.txt"]}), db)
    with Store(db) as store:
        (info,) = store.stories()
        assert info.first_published is None
        assert store.story(info.id).articles[0].published is None


def test_duplicate_record_ids(tmp_path: Path) -> None:
    a, b = (" ".join(HARBOUR[k].split("\n\n")[1:]) for k in ("a.txt", "c.txt"))
    records = [{"id": "7", "title": "One", "text": a}, {"id": "7", "title": "Two", "text": b},
               {"id": "7", "title": "One", "text": a}]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    report = ingest(feed, tmp_path / "s.db")
    assert (report.inputs, report.in_stories, report.already_stored) == (3, 2, 1)
    assert report.balanced


def test_python_api(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    report = newsweave.ingest_articles(write_files(tmp_path / "in", HARBOUR), db=db)
    assert report.in_stories == 3
    with newsweave.Store.open(db) as store:
        (info,) = store.stories()
        digest = store.story(info.id[:5])
        assert digest.stories[0].id == info.id and len(digest.articles) == 3
        hits = store.search("crane Ostrova")
        assert {h.kind for h in hits} == {"article", "story"}
        assert any("[" in h.snippet for h in hits)
        assert store.search('"unbalanced quote') == []
        with pytest.raises(NewsweaveError, match="does not exist"):
            store.story("s000")


def test_default_path_comes_from_the_environment(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("NEWSWEAVE_DB", str(tmp_path / "env.db"))
    ingest(write_files(tmp_path / "in", HARBOUR))
    assert (tmp_path / "env.db").exists()
    monkeypatch.delenv("NEWSWEAVE_DB")
    monkeypatch.chdir(tmp_path)
    ingest(write_files(tmp_path / "in", HARBOUR))
    assert (tmp_path / "newsweave.db").exists()
