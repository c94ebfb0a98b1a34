"""Crash safety: `kill -9` during a long ingest, then a clean open and a completing re-ingest."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import newsweave
from newsweave import pipeline
from newsweave.store.db import connect
from newsweave.store.ingest import ingest

from .conftest import make_stories

PLACES = ["Arlen", "Bosk", "Corvel", "Dunmore", "Eskar", "Fennick", "Galder", "Hollin"]
EVENTS = ["flood", "fire", "strike", "landslide", "blackout", "storm", "protest", "drought"]
CODE = str(Path(newsweave.__file__).parents[1])  # the children import the newsweave under test
NOUNS = ["road", "school", "market", "bridge", "hospital", "station", "harbour", "farm", "bank",
         "library", "factory", "council", "union", "village", "court", "airport"]


def make_corpus(folder: Path, n: int, seed: int = 3) -> None:
    """`n` tiny dated articles about eight events, with a few exact copies."""
    rng = random.Random(seed)
    folder.mkdir()
    texts: list[str] = []
    for i in range(n):
        if texts and rng.random() < 0.05:
            text = rng.choice(texts)
        else:
            k = rng.randrange(len(PLACES))
            place, event = PLACES[k], EVENTS[k]
            body = " ".join(
                f"The {event} in {place} closed the {a} and the {b}, and {rng.randint(2, 99)} "
                f"people near the {c} were moved, officials in {place} said."
                for a, b, c in (rng.sample(NOUNS, 3) for _ in range(3))
            )
            text = f"{event.title()} hits {place}\nDate: 2026-04-{1 + 2 * k:02d}\n\n{body}"
        texts.append(text)
        (folder / f"{i:04d}.txt").write_text(text, encoding="utf-8")


def _snapshot(db: Path) -> tuple[list, list]:
    with sqlite3.connect(db) as conn:
        stories = conn.execute("SELECT id, title, size, duplicates, digest FROM stories "
                               "ORDER BY id").fetchall()
        articles = conn.execute(
            "SELECT a.id, a.input, a.duplicate_of, s.id FROM articles a "
            "JOIN stories s ON s.key = a.story_key ORDER BY a.id").fetchall()
    return stories, articles


def _count(db: Path, table: str = "articles") -> int:
    """Rows in `table` of the store being written (0 before the table exists)."""
    try:
        with sqlite3.connect(db, timeout=1) as conn:
            return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


def _processes_naming(path: Path) -> list[int]:
    """Live processes whose command line names `path` (the ingest and its forked workers; none
    found where there is no /proc)."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if str(path).encode() in (proc / "cmdline").read_bytes():
                found.append(int(proc.name))
        except OSError:  # gone meanwhile
            pass
    return found


def _no_process_left(db: Path) -> None:
    """Wait until no process names `db` any more: the killed ingest's pool workers exit too."""
    deadline = time.monotonic() + 5
    while _processes_naming(db) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _processes_naming(db) == []


def _kill_when(code: str, corpus: Path, db: Path, ready: Callable[[], bool]) -> None:
    """Run `code` (argv: corpus, db) in a child process, `kill -9` it once `ready()`, and check
    that it was killed (not finished) and that none of its processes is left."""
    child = subprocess.Popen([sys.executable, "-c", code, str(corpus), str(db)],
                             env={**os.environ, "PYTHONPATH": CODE})
    deadline = time.monotonic() + 60
    while not ready() and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert child.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
    _no_process_left(db)


@pytest.mark.parametrize("read_files", [pipeline.POOL_READ_FILES, 8],
                         ids=["read-here", "read-on-the-pool"])
def test_kill_during_ingest_then_resume_equals_a_clean_ingest(
    tmp_path: Path, read_files: int
) -> None:
    corpus = tmp_path / "corpus"
    make_corpus(corpus, 300)
    killed = tmp_path / "killed.db"
    code = (f"import sys; from newsweave import pipeline; pipeline.POOL_READ_FILES = {read_files}; "
            "from newsweave.store.ingest import ingest; "
            "ingest(sys.argv[1], sys.argv[2], batch_size=40)")
    _kill_when(code, corpus, killed, lambda: _count(killed) >= 40)
    stored = _count(killed)
    assert 0 < stored < 300 and stored % 40 == 0  # whole batches only

    conn = connect(killed)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM stories WHERE digest IS NULL").fetchone()[0] == 0
    conn.close()

    resumed = ingest(corpus, killed, batch_size=40)
    assert resumed.already_stored == stored and resumed.balanced
    clean = ingest(corpus, tmp_path / "clean.db", batch_size=40)
    assert clean.already_stored == 0
    assert _snapshot(killed) == _snapshot(tmp_path / "clean.db")


def test_kill_while_refreshing_stories_leaves_no_worker_then_resumes(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    stories = pipeline.POOL_STORIES + 4  # enough to be built on the pool
    make_stories(corpus, 20 * stories, stories)
    killed = tmp_path / "killed.db"
    code = ("import sys, time; from newsweave import pipeline; build = pipeline.build_story; "
            "pipeline.build_story = lambda *a: (time.sleep(0.3), build(*a))[1]; "
            "from newsweave.store.ingest import ingest; ingest(sys.argv[1], sys.argv[2])")
    _kill_when(code, corpus, killed, lambda: _count(killed, "stories") >= 1)
    assert 0 < _count(killed, "stories") < stories

    resumed = ingest(corpus, killed)
    assert resumed.already_stored == 20 * stories and resumed.stories_changed > 0
    ingest(corpus, tmp_path / "clean.db")
    assert _snapshot(killed) == _snapshot(tmp_path / "clean.db")
