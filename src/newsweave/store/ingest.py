"""`ingest`: read and clean inputs as `weave` does, then add them to the store incrementally.

Identity: an article is its content id (`clean.article_id`) plus its input; seeing both again
changes nothing ("already stored"). The same text from another input is stored under the next
`-2`, `-3`, ... id and becomes an exact duplicate. New articles are stored in batches, each in
one transaction (articles, duplicates, story membership, band keys, terms, full-text rows and
the `pending` marks of the stories it changed); the changed stories are then refreshed one
transaction each. A killed ingest loses at most the batch or story in flight; running the same
ingest again completes it.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import BinaryIO

from newsweave.engine import Engine, LocalEngine, one_blas_thread
from newsweave.model import Article, InputWarning, Rejected
from newsweave.pipeline import WeaveConfig, clean_partitioned, sort_cleaned
from newsweave.store.db import connect
from newsweave.store.refresh import pending_keys, refresh_stories
from newsweave.store.tx import transaction
from newsweave.store.write import store_batch

BATCH = 250

# stage ("reading", "storing", "summarising"), done, total (None while unknown)
IngestProgress = Callable[[str, int, int | None], None]


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What one ingest did: inputs == in_stories + duplicates + rejected + already_stored."""

    inputs: int
    in_stories: int
    duplicates: int
    rejected: tuple[Rejected, ...]
    already_stored: int
    stories_changed: int
    warnings: tuple[InputWarning, ...] = ()
    seconds: float = 0.0

    @property
    def balanced(self) -> bool:
        return self.inputs == (self.in_stories + self.duplicates + len(self.rejected)
                               + self.already_stored)

    def line(self) -> str:
        """The accounting, one line (printed on stderr by the CLI)."""
        return (
            f"{self.inputs} inputs: {self.in_stories} new in stories, {self.duplicates} "
            f"{'duplicate' if self.duplicates == 1 else 'duplicates'}, "
            f"{len(self.rejected)} rejected, {self.already_stored} already stored; "
            f"{self.stories_changed} {'story' if self.stories_changed == 1 else 'stories'} "
            "updated"
        )


@one_blas_thread
def ingest(
    paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    db: str | os.PathLike[str] | None = None,
    config: WeaveConfig | None = None,
    *,
    stdin: BinaryIO | None = None,
    progress: IngestProgress | None = None,
    batch_size: int = BATCH,
    engine: Engine | None = None,
) -> IngestReport:
    """Add the articles at `paths` to the store `db` (default: `$NEWSWEAVE_DB`, ./newsweave.db).

    New articles are stored `batch_size` per transaction; see the module docstring. `engine`
    reads and cleans the inputs and builds the changed stories' digests in partitions (default:
    in this process, the digests on a pool of one process per core from
    `pipeline.POOL_STORIES` changed stories); the store is the same whichever runs them.
    """
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    config = config or WeaveConfig()
    engine = engine or LocalEngine()
    tick = progress or (lambda _stage, _done, _total: None)
    start = time.perf_counter()
    conn = connect(db)
    try:
        articles, rejected, warnings, seen = _read(paths, config, stdin, tick, engine)
        new, already = _identify(conn, articles)
        with transaction(conn):
            conn.executemany("INSERT OR REPLACE INTO rejected (path, reason) VALUES (?, ?)",
                             [(r.path, r.reason) for r in rejected])
        duplicates = 0
        for lo in range(0, len(new), batch_size):
            duplicates += store_batch(conn, new[lo : lo + batch_size], config)
            tick("storing", min(lo + batch_size, len(new)), len(new))
        changed = _refresh_all(conn, config, tick, engine)
    finally:
        conn.close()
    return IngestReport(
        inputs=seen, in_stories=len(new) - duplicates, duplicates=duplicates,
        rejected=tuple(rejected), already_stored=already, stories_changed=changed,
        warnings=tuple(warnings), seconds=time.perf_counter() - start,
    )


# Exported as `newsweave.ingest_articles`: the name `newsweave.ingest` is the readers' subpackage.
ingest_articles = ingest


def _read(
    paths: Sequence[str | os.PathLike[str]], config: WeaveConfig, stdin: BinaryIO | None,
    tick: IngestProgress, engine: Engine,
) -> tuple[list[Article], list[Rejected], list[InputWarning], int]:
    articles, rejected, warnings = sort_cleaned(clean_partitioned(paths, config, engine, stdin),
                                                lambda n: tick("reading", n, None))
    return articles, rejected, warnings, len(articles) + len(rejected)


def _identify(conn: sqlite3.Connection, articles: Iterable[Article]) -> tuple[list[Article], int]:
    """The articles not stored yet (with their final ids), and how many were already stored."""
    new: list[Article] = []
    already = 0
    taken: dict[str, set[str]] = {}  # content id -> inputs seen (stored or in this run)
    for article in articles:
        inputs = taken.get(article.id)
        if inputs is None:
            inputs = taken[article.id] = {
                r[0] for r in conn.execute("SELECT input FROM articles WHERE content_id = ?",
                                           (article.id,))
            }
        if article.input in inputs:
            already += 1
            continue
        n = len(inputs) + 1
        inputs.add(article.input)
        new.append(article if n == 1 else replace(article, id=f"{article.id}-{n}"))
    return new, already


def _refresh_all(
    conn: sqlite3.Connection, config: WeaveConfig, tick: IngestProgress, engine: Engine
) -> int:
    keys = pending_keys(conn)
    refresh_stories(conn, keys, config, engine, lambda n: tick("summarising", n, len(keys)))
    return len(keys)
