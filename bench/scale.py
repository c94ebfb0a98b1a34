"""Scaling of `weave` with the local and the Dask engine on a corpus built from real articles.

    .venv/bin/python bench/scale.py build --articles 10000 30000 100000 --out /tmp/scale
    .venv/bin/python bench/scale.py run /tmp/scale/10000 --engine local
    .venv/bin/python bench/scale.py run /tmp/scale/10000 --engine dask --workers 2

The corpus: the Multi-News test documents (../shared/data, real news, 5,622 events), replicated
as many times as needed. Replica r of an event is a new event: it lands on its own dates (spread
over a year) and half of its words, chosen by a seeded hash of (word, r), carry a replica
suffix, so replicas share neither shingles nor sentences. 5% of the articles are planted exact
copies and 5% near copies (new byline, one word edited) of articles of the corpus. Articles are
written as JSONL shards of 5,000 records.

`run` digests the folder in a fresh process and prints one JSON line: wall time, articles/s,
the peak RSS and CPU seconds of the process and (Dask) of every worker, and the accounting.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
import zlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "multinews" / "test.jsonl"
SHARD = 5000
START = datetime(2025, 1, 1, tzinfo=UTC)


def base_events(path: Path) -> list[list[dict]]:
    events = []
    with open(path, encoding="utf-8") as file:
        for line in file:
            docs = [d for d in json.loads(line)["documents"] if len(d["text"].split()) >= 40]
            if docs:
                events.append(docs)
    return events


def perturb(text: str, replica: int) -> str:
    if replica == 0:
        return text
    tag = f"q{replica}"
    return " ".join(
        w + tag if w.isalpha() and zlib.crc32(f"{w}/{replica}".encode()) % 2 else w
        for w in text.split()
    )


def build(n: int, out: Path, seed: int) -> None:
    rng = np.random.default_rng(seed)
    events = base_events(DATA)
    originals: list[dict] = []
    n_orig = int(n * 0.9)
    replica = 0
    while len(originals) < n_orig:
        for e, docs in enumerate(events):
            day = START + timedelta(days=int(zlib.crc32(f"{e}/{replica}".encode()) % 365))
            for k, d in enumerate(docs):
                text = perturb(d["text"], replica)
                title = " ".join(text.split()[:10])
                originals.append({
                    "id": f"e{e}r{replica}d{k}", "title": title, "text": text,
                    "source": f"outlet{k}", "published": (day + timedelta(hours=6 * k)).isoformat(),
                })
                if len(originals) == n_orig:
                    break
            if len(originals) == n_orig:
                break
        replica += 1
    records = list(originals)
    for k in range(n - n_orig):
        src = originals[int(rng.integers(n_orig))]
        copy = dict(src, id=f"copy{k}", source="syndicator")
        if k % 2:
            words = src["text"].split()
            words[len(words) // 2] = "edited"
            copy["text"] = "By staff reporter. " + " ".join(words)
        records.append(copy)
    order = rng.permutation(len(records))
    out.mkdir(parents=True, exist_ok=True)
    for s, lo in enumerate(range(0, n, SHARD)):
        with open(out / f"part-{s:04d}.jsonl", "w", encoding="utf-8") as file:
            for i in order[lo : lo + SHARD]:
                file.write(json.dumps(records[i]) + "\n")
    print(f"{out}: {n} articles, {replica} replicas of {len(events)} events")


def run(folder: Path, engine_name: str, workers: int | None) -> None:
    from newsweave.engine import make_engine
    from newsweave.pipeline import weave

    with make_engine(engine_name, workers=workers) as engine:
        start = time.perf_counter()
        digest = weave([folder], engine=engine)
        wall = time.perf_counter() - start
        worker_rss, worker_cpu = [], []
        if engine_name == "dask":
            worker_rss = sorted(engine.client.run(_peak_rss_mb).values())
            worker_cpu = sorted(engine.client.run(_cpu_seconds).values())
    acc = digest.accounting
    print(json.dumps({
        "articles": acc.inputs, "engine": engine_name, "workers": workers or 0,
        "seconds": round(wall, 1), "articles_per_s": round(acc.inputs / wall, 1),
        "peak_rss_mb": round(_peak_rss_mb()), "worker_peak_rss_mb": worker_rss,
        "cpu_s": _cpu_seconds(), "worker_cpu_s": worker_cpu,
        "stories": len(digest.stories), "duplicates": acc.duplicates,
        "rejected": acc.rejected,
    }))


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return round(usage.ru_utime + usage.ru_stime, 1)


def _peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    b = commands.add_parser("build")
    b.add_argument("--articles", type=int, nargs="+", default=[10_000, 30_000, 100_000])
    b.add_argument("--out", type=Path, default=Path("/tmp/newsweave-scale"))
    b.add_argument("--seed", type=int, default=1)
    r = commands.add_parser("run")
    r.add_argument("folder", type=Path)
    r.add_argument("--engine", choices=("local", "dask"), default="local")
    r.add_argument("--workers", type=int)
    args = parser.parse_args()
    if args.command == "build":
        for n in args.articles:
            build(n, args.out / str(n), args.seed)
    else:
        run(args.folder, args.engine, args.workers)


if __name__ == "__main__":
    main()
