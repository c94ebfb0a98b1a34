"""Where `ingest` spends its time: CPU seconds per stage, from a timer around each stage's
function (CPU time, so that other work on a shared machine counts less than in wall time).

    .venv/bin/python bench/ingest_stages.py --articles 2000 --stories 40 --seed 1 [--chunks 5]
    .venv/bin/python bench/ingest_stages.py --input FEED.jsonl [--store BIG.db]

The first form ingests the synthetic corpus of `bench/ingest.py` (in `--chunks` calls); the
second ingests `--input` into a fresh store, or into a copy of `--store`. Indented stages are
part of the stage above them. Everything runs in this process (the local engine's process pool,
which reads and prepares the inputs and builds the story digests, is turned off), so that every
stage's timer sees its work: the CPU time, not the wall time, of a default ingest
(`bench/ingest.py`).
"""

from __future__ import annotations

import argparse
import importlib
import shutil
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from ingest import make_corpus

from newsweave import pipeline
from newsweave.store.ingest import ingest

STAGES = (  # module that calls the function, function, label (indent = nesting)
    ("newsweave.pipeline", "clean_partition", "read, clean and prepare"),
    ("newsweave.store.write", "bags_of", "  term bags"),
    ("newsweave.store.write", "minhashes", "  MinHash signatures"),
    ("newsweave.store.ingest", "store_batch", "store the batches"),
    ("newsweave.store.write", "band_keys", "  MinHash band keys"),
    ("newsweave.store.write", "document_frequencies", "  document frequencies (SQL)"),
    ("newsweave.store.write", "rewrite_candidates", "  rewrite candidates (SQL)"),
    ("newsweave.store.write", "stored_candidates", "  stored candidates (SQL)"),
    ("newsweave.store.write", "sentences_of", "  sentence split"),
    ("newsweave.store.write", "batch_duplicates", "  duplicates (find_duplicates)"),
    ("newsweave.store.write", "assign", "  story assignment"),
    ("newsweave.store.assign", "cluster_articles", "    cluster the batch"),
    ("newsweave.store.assign", "candidate_stories", "    candidate stories"),
    ("newsweave.store.assign", "_members", "    members of candidates (SQL)"),
    ("newsweave.store.assign", "story_cosines", "    group-story cosines"),
    ("newsweave.store.write", "_insert", "  insert rows (SQL)"),
    ("newsweave.store.ingest", "_refresh_all", "refresh changed stories"),
    ("newsweave.store.refresh", "_stored", "  read the stories' rows (SQL)"),
    ("newsweave.store.refresh", "stories_partition", "  story digests (as weave)"),
    ("newsweave.pipeline", "build_story", "    build_story"),
    ("newsweave.store.refresh", "_write", "  write story (SQL, JSON)"),
)


def _timed(fn: Callable, label: str, spent: dict[str, float]) -> Callable:
    def timed(*args, **kwargs):
        t0 = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[label] += time.process_time() - t0
    return timed


def instrument() -> dict[str, float]:
    """Wrap every stage function that exists in this version; CPU seconds per label."""
    spent: dict[str, float] = defaultdict(float)
    for module, name, label in STAGES:
        mod = importlib.import_module(module)
        if hasattr(mod, name):
            setattr(mod, name, _timed(getattr(mod, name), label, spent))
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--stories", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--chunks", type=int, default=1)
    parser.add_argument("--input", type=Path, help="ingest this instead of a synthetic corpus")
    parser.add_argument("--store", type=Path, help="with --input: into a copy of this store")
    args = parser.parse_args()
    pipeline.POOL_WORKERS = 1
    spent = instrument()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "store.db"
        if args.input:
            if args.store:
                shutil.copy(args.store, db)
            calls = [[args.input]]
        else:
            folder = Path(tmp) / "corpus"
            folder.mkdir()
            make_corpus(folder, args.articles, args.stories, args.seed)
            files = sorted(str(f) for f in folder.iterdir())
            size = -(-len(files) // args.chunks)
            calls = [files[lo : lo + size] for lo in range(0, len(files), size)]
        t0, c0, inputs = time.perf_counter(), time.process_time(), 0
        for paths in calls:
            inputs += ingest(paths, db).inputs
        cpu = time.process_time() - c0
    print(f"{inputs} inputs in {len(calls)} call(s): {time.perf_counter() - t0:.2f} s wall, "
          f"{cpu:.2f} s CPU = {inputs / cpu:.0f} inputs per CPU second")
    for _, _, label in STAGES:
        if label in spent:
            ms = 1000 * spent[label] / inputs
            print(f"{label:36s} {spent[label]:7.2f} s  {ms:6.2f} ms/input")


if __name__ == "__main__":
    main()
