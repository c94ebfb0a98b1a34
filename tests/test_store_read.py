"""The store's read side used by the web app: read-only opening, paging in index order,
articles by id, story prefixes, search ranking after the join."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsweave.errors import NewsweaveError, NotFound
from newsweave.store.db import connect, connect_read_only
from newsweave.store.ingest import ingest
from newsweave.store.queries import _ORDER, Store
from newsweave.store.schema import MIGRATIONS
from tests.conftest import EXAMPLES, HARBOUR, write_files


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("read")
    path = folder / "s.db"
    ingest([str(EXAMPLES), str(write_files(folder / "in", HARBOUR))], path)
    return path


def test_pages_of_stories_follow_the_full_order(db: Path) -> None:
    with Store.open(db, read_only=True) as store:
        assert store.count_stories() == 2 and store.count_articles() == 10
        for sort in ("newest", "biggest"):
            whole = store.stories(None, sort)
            assert store.stories(1, sort) + store.stories(1, sort, offset=1) == whole
            assert store.stories(5, sort, offset=2) == []
        with pytest.raises(ValueError, match="sort must be one of"):
            store.stories(5, "oldest")  # type: ignore[arg-type]


@pytest.mark.parametrize("sort", ["newest", "biggest"])
def test_the_story_list_is_read_through_its_index(db: Path, sort: str) -> None:
    with sqlite3.connect(db) as conn:
        plan = conn.execute(f"EXPLAIN QUERY PLAN SELECT id FROM stories ORDER BY {_ORDER[sort]} "
                            "LIMIT 50 OFFSET 10").fetchall()
    assert f"USING INDEX stories_{sort}" in " ".join(str(step[-1]) for step in plan)
    assert not any("TEMP B-TREE" in str(step[-1]) for step in plan)


def test_article_by_id_with_story_and_duplicate(db: Path) -> None:
    with Store.open(db, read_only=True) as store:
        story = max(store.stories(), key=lambda s: s.size)
        digest = store.story(story.id[:5])
        dup = digest.duplicates[0]
        found = store.article(dup.article_id)
        assert found.story_id == story.id and found.story_title == story.title
        assert found.duplicate == dup
        original = store.article(dup.duplicate_of)
        assert original.duplicate is None and original.article.text
        assert original.article == next(a for a in digest.articles if a.id == dup.duplicate_of)
        with pytest.raises(NotFound, match="article 'nope' does not exist"):
            store.article("nope")
        with pytest.raises(NotFound, match="is ambiguous"):
            store.story("s")
        with pytest.raises(NotFound, match="does not exist"):
            store.story("")


def test_search_keeps_bm25_order_and_limit(db: Path) -> None:
    with Store.open(db, read_only=True) as store:
        hits = store.search("crane", 2, marks=("<<", ">>"))
        articles = [h for h in hits if h.kind == "article"]
        assert len(articles) == 2 and articles[0].rank <= articles[1].rank
        assert all("<<crane>>" in h.snippet.lower() for h in articles)
        assert {h.story_id for h in articles} == {h.id for h in hits if h.kind == "story"}


def test_read_only_connections_cannot_write_and_refuse_old_schemas(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as conn:  # a store written before migration 2
        conn.executescript(MIGRATIONS[0] + "; PRAGMA user_version = 1;")
    conn.close()
    with pytest.raises(NewsweaveError, match="older than this newsweave.*upgrades it"):
        connect_read_only(path)
    connect(path, create=False).close()  # any other command migrates it
    ro = connect_read_only(path)
    assert ro.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert ro.execute("SELECT count(*) FROM sqlite_master WHERE name LIKE 'stories_%est'"
                      ).fetchone()[0] == 2
    with pytest.raises(sqlite3.OperationalError, match="readonly|read-only|query_only"):
        ro.execute("CREATE TABLE x (y)")
    ro.close()
