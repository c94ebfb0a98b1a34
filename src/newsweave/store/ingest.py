"""`ingest`: read and clean inputs as `weave` does, adding them to the store incrementally.

Identity: an article is its content id (`clean.article_id`) plus its input; seeing both again
changes nothing ("already stored"). The same text from another input is stored under the next
`-2`, `-3`, ... id and becomes an exact duplicate. New articles are stored in batches as they
are cleaned (the next inputs are read meanwhile), each batch in one transaction (articles,
duplicates, story membership, band keys, terms, full-text rows and the `pending` marks of the
stories it changed); the changed stories are then refreshed one transaction each. A killed
ingest loses at most the batch or story in flight; running the same ingest again completes it.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field, replace
from functools import partial
from typing import BinaryIO

from newsweave.engine import Engine, LocalEngine, one_blas_thread
from newsweave.model import InputWarning, Rejected
from newsweave.pipeline import WeaveConfig, clean_partitioned
from newsweave.store.db import connect
from newsweave.store.refresh import pending_keys, refresh_stories
from newsweave.store.tx import transaction
from newsweave.store.write import Prepared, prepare, store_batch

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

    New articles are stored `batch_size` per transaction as they are cleaned; see the module
    docstring. `engine` reads and cleans the inputs and builds the changed stories' digests in
    partitions (default: in this process, or on a pool of one process per core when there is
    enough work, see `pipeline.pooled`); the store is the same whichever runs them.
    """
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    config = config or WeaveConfig()
    engine = engine or LocalEngine()
    tick = progress or (lambda _stage, _done, _total: None)
    start = time.perf_counter()
    tally = _Tally()
    conn = connect(db)
    try:
        stored = duplicates = 0
        reading = clean_partitioned(paths, config, engine, stdin, partial(prepare, config=config))
        with closing(reading) as cleaned:  # a failed batch stops the reading pool at once
            for batch in _new_batches(conn, cleaned, batch_size, tally, tick):
                _store_rejected(conn, tally)
                duplicates += store_batch(conn, batch, config)
                stored += len(batch)
                tick("storing", stored, None)
        _store_rejected(conn, tally)
        changed = _refresh_all(conn, config, tick, engine)
    finally:
        conn.close()
    return IngestReport(
        inputs=tally.inputs, in_stories=stored - duplicates, duplicates=duplicates,
        rejected=tuple(tally.rejected), already_stored=tally.already, stories_changed=changed,
        warnings=tuple(tally.warnings), seconds=time.perf_counter() - start,
    )


# Exported as `newsweave.ingest_articles`: the name `newsweave.ingest` is the readers' subpackage.
ingest_articles = ingest


@dataclass
class _Tally:
    """The inputs read so far: how many, the rejections (and how many of them are stored), the
    warnings, and the articles already stored."""

    inputs: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    rejected_stored: int = 0
    warnings: list[InputWarning] = field(default_factory=list)
    already: int = 0


def _new_batches(
    conn: sqlite3.Connection,
    cleaned: Iterable[Prepared | Rejected | InputWarning],
    size: int,
    tally: _Tally,
    tick: IngestProgress,
) -> Iterator[list[Prepared]]:
    """The articles not stored yet, with their final ids, in batches of `size` as they are
    cleaned; the other inputs are counted in `tally`."""
    batch: list[Prepared] = []
    taken: dict[str, set[str]] = {}  # content id -> inputs seen (stored or in this run)
    for item in cleaned:
        if isinstance(item, InputWarning):
            tally.warnings.append(item)
            continue
        tally.inputs += 1
        tick("reading", tally.inputs, None)
        if isinstance(item, Rejected):
            tally.rejected.append(item)
            continue
        article = item.article
        inputs = taken.get(article.id)
        if inputs is None:
            inputs = taken[article.id] = {
                r[0] for r in conn.execute("SELECT input FROM articles WHERE content_id = ?",
                                           (article.id,))
            }
        if article.input in inputs:
            tally.already += 1
            continue
        n = len(inputs) + 1
        inputs.add(article.input)
        batch.append(item if n == 1 else replace(item, article=replace(article,
                                                                       id=f"{article.id}-{n}")))
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _store_rejected(conn: sqlite3.Connection, tally: _Tally) -> None:
    """The rejections not stored yet, in one transaction."""
    new = tally.rejected[tally.rejected_stored :]
    with transaction(conn):
        conn.executemany("INSERT OR REPLACE INTO rejected (path, reason) VALUES (?, ?)",
                         [(r.path, r.reason) for r in new])
    tally.rejected_stored += len(new)


def _refresh_all(
    conn: sqlite3.Connection, config: WeaveConfig, tick: IngestProgress, engine: Engine
) -> int:
    keys = pending_keys(conn)
    refresh_stories(conn, keys, config, engine, lambda n: tick("summarising", n, len(keys)))
    return len(keys)
