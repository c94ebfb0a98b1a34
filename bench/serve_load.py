"""Load-test `newsweave serve` on loopback over a store of at least 20,000 real articles.

    .venv/bin/python bench/serve_load.py --store /tmp/serve-bench/store.db \
        --requests 2000 --concurrency 4 --out bench/results/serve.md

The store is built once (and reused, or extended, when the file exists) with the project's
own ingest API from the Multi-News documents in `../shared/data/multinews` (test, then
validation), written as JSON Lines chunks next to the store and ingested one chunk per call,
until it holds `--articles` articles. Then `newsweave serve` runs in a subprocess (uvicorn,
127.0.0.1, a free port) and `--concurrency` client threads, each with one keep-alive
connection, send `--requests` GET requests spread over the story list, story pages, article
pages, search and the JSON API, stopping at `--time-cap` seconds. Reported: p50/p95/p99
latency per route and overall, throughput, and every non-200 answer or transport error as an
error.
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import json
import os
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from newsweave.store.ingest import ingest

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "multinews"
SOURCES = ("test.jsonl", "validation.jsonl.gz")
CHUNK_ARTICLES = 2000
SEARCH_WORDS = ("president", "police", "court", "election", "fire", "health", "school",
                "company", "water", "trump", "climate", "market", "children", "study")


def _clusters() -> Iterator[str]:
    """Multi-News cluster lines (each holds 2-10 documents), test split first."""
    for name in SOURCES:
        path = DATA / name
        if not path.exists():
            raise SystemExit(f"{path} is missing: the benchmark needs ../shared/data/multinews")
        opener = gzip.open if name.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8") as file:
            yield from (line for line in file if line.strip())


def chunks(folder: Path) -> Iterator[Path]:
    """JSONL files of whole clusters, about `CHUNK_ARTICLES` documents each, written on demand
    (the same files every time, so a store built before is extended, not rebuilt)."""
    folder.mkdir(parents=True, exist_ok=True)
    lines: list[str] = []
    in_chunk = number = 0
    for line in _clusters():
        lines.append(line if line.endswith("\n") else line + "\n")
        in_chunk += len(json.loads(line)["documents"])
        if in_chunk >= CHUNK_ARTICLES:
            path = folder / f"chunk-{number:03d}.jsonl"
            path.write_text("".join(lines), encoding="utf-8")
            yield path
            lines, in_chunk, number = [], 0, number + 1
    raise SystemExit("../shared/data/multinews holds too few documents for --articles")


def build_store(db: Path, articles: int) -> None:
    """Ingest chunks into `db`, one call each, until it holds `articles` articles (duplicates
    included; rejected inputs do not count). Idempotent: an interrupted build resumes."""
    start = time.perf_counter()
    for chunk in chunks(db.parent / f"{db.stem}-chunks"):
        if db.exists() and _count(db, "articles") >= articles:
            break
        t0 = time.perf_counter()
        report = ingest(chunk, db)
        print(f"{chunk.name}: {report.line()} ({time.perf_counter() - t0:.0f} s)", flush=True)
    print(f"store: {_count(db, 'articles'):,} articles, {_count(db, 'stories'):,} stories "
          f"({time.perf_counter() - start:.0f} s)", flush=True)


def _count(db: Path, table: str) -> int:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


@dataclass(frozen=True, slots=True)
class Target:
    route: str
    path: str


def targets(db: Path, n: int, seed: int) -> list[Target]:
    """`n` request paths mixed over the routes, ids sampled from the store."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        stories = [r[0] for r in conn.execute("SELECT id FROM stories")]
        articles = [r[0] for r in conn.execute("SELECT id FROM articles")]
    rng = random.Random(seed)
    makers = [
        ("list", lambda: f"/?sort={rng.choice(['newest', 'biggest'])}&page={rng.randint(1, 50)}"),
        ("story", lambda: f"/stories/{rng.choice(stories)}"),
        ("article", lambda: f"/articles/{quote(rng.choice(articles), safe='')}"),
        ("search", lambda: f"/search?q={rng.choice(SEARCH_WORDS)}"),
        ("api_list", lambda: f"/api/stories?sort=biggest&offset={rng.randint(0, 2000)}"),
        ("api_story", lambda: f"/api/stories/{rng.choice(stories)}"),
        ("api_article", lambda: f"/api/articles/{quote(rng.choice(articles), safe='')}"),
        ("api_search", lambda: f"/api/search?q={rng.choice(SEARCH_WORDS)}"),
    ]
    return [Target(route, make()) for route, make in (rng.choice(makers) for _ in range(n))]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int) -> subprocess.Popen:
    """`newsweave serve` in a subprocess; returns once /healthz answers."""
    server = subprocess.Popen(
        [sys.executable, "-m", "newsweave.cli", "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit(f"the server did not start: {server.stderr.read().decode()[-2000:]}")


def fire(port: int, work: list[Target], concurrency: int, cap: float) -> list[tuple]:
    """Send every target from `concurrency` threads; (route, seconds, status or error) each."""
    results: list[tuple] = []
    lock = threading.Lock()
    queue = iter(work)
    deadline = time.monotonic() + cap

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < deadline:
            with lock:
                target = next(queue, None)
            if target is None:
                break
            t0 = time.perf_counter()
            try:
                conn.request("GET", target.path)
                response = conn.getresponse()
                response.read()
                outcome: int | str = response.status
            except (OSError, http.client.HTTPException) as error:
                outcome = f"{type(error).__name__}: {error}"
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            with lock:
                results.append((target.route, time.perf_counter() - t0, outcome, target.path))
        conn.close()

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def _percentiles(seconds: list[float]) -> str:
    q = statistics.quantiles(seconds, n=100, method="inclusive") if len(seconds) > 1 \
        else seconds * 99
    return f"{q[49] * 1000:.1f} | {q[94] * 1000:.1f} | {q[98] * 1000:.1f}"


def report(results: list[tuple], wall: float, planned: int, db: Path, args: argparse.Namespace
           ) -> str:
    n_articles, n_stories = _count(db, "articles"), _count(db, "stories")
    errors = [r for r in results if r[2] != 200]
    routes = sorted({r[0] for r in results})
    lines = [
        "# `newsweave serve` load test",
        "",
        f"Command: `python bench/serve_load.py --store STORE --requests {args.requests} "
        f"--concurrency {args.concurrency} --seed {args.seed}` (loopback, one uvicorn worker; "
        "a shared 2-core machine, so figures are noisy).",
        "",
        f"Store: {n_articles:,} articles, {n_stories:,} stories "
        f"({db.stat().st_size / 1e6:.0f} MB), Multi-News test + validation documents.",
        "",
        f"Requests: {len(results):,} of {planned:,} sent in {wall:.1f} s "
        f"({len(results) / wall:.0f} requests/s), {args.concurrency} concurrent; "
        f"**errors: {len(errors)}**.",
        "",
        "| route | requests | p50 ms | p95 ms | p99 ms |",
        "|---|---|---|---|---|",
    ]
    for route in routes:
        seconds = [r[1] for r in results if r[0] == route]
        lines.append(f"| {route} | {len(seconds)} | {_percentiles(seconds)} |")
    lines.append(f"| **all** | {len(results)} | {_percentiles([r[1] for r in results])} |")
    lines += [f"- error: {r[0]} {r[3]} -> {r[2]}" for r in errors[:20]]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True,
                        help="the store to use; built from ../shared/data when missing")
    parser.add_argument("--articles", type=int, default=20_000,
                        help="articles the store must hold; it is built or extended to that "
                             "(default: 20000)")
    parser.add_argument("--build-only", action="store_true", help="build the store and stop")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--time-cap", type=float, default=300.0, help="seconds (default: 300)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, help="also write the Markdown report here")
    args = parser.parse_args()
    build_store(args.store, args.articles)
    if args.build_only:
        return
    work = targets(args.store, args.requests, args.seed)
    port = free_port()
    server = start_server(args.store, port)
    try:
        t0 = time.perf_counter()
        results = fire(port, work, args.concurrency, args.time_cap)
        wall = time.perf_counter() - t0
    finally:
        server.terminate()
        server.wait(timeout=10)
    text = report(results, wall, len(work), args.store, args)
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    if any(r[2] != 200 for r in results) or len(results) < len(work):
        raise SystemExit(1)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()
