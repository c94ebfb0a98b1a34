"""Benchmark `newsweave ingest`: articles/s on plain text, and incremental vs batch stories.

    .venv/bin/python bench/ingest.py --articles 2000 --stories 40 --chunks 5 --seed 1

A synthetic corpus of `.txt` articles is written to a temporary folder from templates: each
story has its own people, places, organisation and event, and each article writes its own
sentences around them from a common vocabulary (one in ten adds a stock sentence any story may
carry); 3% of the articles are
exact copies and 3% near copies (new sign-off) of another. Reported:
- ingest speed: one `ingest` of the whole folder into a fresh store (articles/s, wall time;
  CPU time too, worker processes included, which other work on a shared machine disturbs
  less);
- incremental: the same files ingested in `--chunks` successive calls (in date order);
- agreement: B-cubed F1 of the stored stories (chunked ingest) against `weave`'s batch
  clustering of the same corpus, and of each against the planted stories.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from newsweave.cluster.metrics import bcubed
from newsweave.pipeline import weave
from newsweave.store.ingest import ingest

SYLLABLES = ["ka", "lo", "ver", "min", "dra", "sel", "tor", "ben", "ha", "rus", "el", "mon", "ti",
             "gar", "vo", "len", "sa", "dor", "pi", "ne", "kol", "ash", "ur", "fen"]
NOUNS = ("road house school market river bridge water power office family worker doctor police "
         "report village street hospital station harbour farm factory budget plan minister "
         "council court union teacher child driver truck train field forest hill wall roof "
         "window door kitchen garden church museum library bank shop price cost law rule "
         "meeting letter phone message engine boat plane airport camp tent food bread milk "
         "medicine blanket coat shoe radio camera computer record year month week night").split()
VERBS = ("said warned claimed reported confirmed denied announced promised explained agreed "
         "argued suggested insisted admitted revealed noted added repeated stressed").split()
ADJS = ("heavy quiet dark local national small large old new early late strong weak busy empty "
        "full broken open closed cold warm wet dry public private serious sudden").split()
EVENTS = ["flood", "fire", "strike", "collapse", "landslide", "blackout", "leak", "derailment",
          "storm", "explosion", "protest", "election", "merger", "outbreak", "drought"]
SHARED = [
    "Officials said more details would be released later in the week.",
    "The situation remained tense on Friday evening, according to people in the area.",
]
OUTLETS = ["Daily Ledger", "Morning Post", "Valley News", "Courier", "Wire Service", "Observer"]


def _name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def _story_words(rng: random.Random, k: int) -> list[str]:
    """The names, places and event of story `k`: what its articles have in common."""
    people = [f"{_name(rng, 2)} {_name(rng, 3)}" for _ in range(3)]
    places = [_name(rng, 3) for _ in range(3)]
    org = f"the {_name(rng, 3)} {rng.choice(['Authority', 'Agency', 'Company', 'Board'])}"
    return [*people, *places, org, EVENTS[k % len(EVENTS)]]


SHAPES = (
    "{who} {verb} that the {a0} {n0} near the {n1} in {where} was hit by the {what}.",
    "In {where}, {count} {n0}s and a {a0} {n1} were left without {n2} for {count2} days.",
    "A {a0} {n0} from the {n1} {verb} that {org} had known about the {n2} for years.",
    "Reporters saw {count} {n0}s waiting outside the {a0} {n1} while the {n2} stayed shut.",
    "{who} later {verb} that every {n0} would get a {a0} {n1} and help with the {n2}.",
    "The {a0} {n0} and the {a1} {n1} were the first things people asked about after the {what}.",
)


def _sentence(rng: random.Random, story: list[str]) -> str:
    n, a = rng.sample(NOUNS, 3), rng.sample(ADJS, 2)
    return rng.choice(SHAPES).format(
        who=rng.choice(story[:3]), where=rng.choice(story[3:6]), org=story[6], what=story[7],
        verb=rng.choice(VERBS), n0=n[0], n1=n[1], n2=n[2], a0=a[0], a1=a[1],
        count=rng.randint(2, 900), count2=rng.randint(2, 9),
    )


def _article(rng: random.Random, story: list[str]) -> tuple[str, list[str]]:
    body = [_sentence(rng, story) for _ in range(rng.randint(4, 7))]
    if rng.random() < 0.1:
        body.insert(rng.randint(1, len(body)), rng.choice(SHARED))
    title = f"{story[7].capitalize()} in {story[3]}: {rng.choice(story[:3])} {rng.choice(VERBS)}"
    return title, body


def make_corpus(folder: Path, n: int, stories: int, seed: int) -> dict[str, int]:
    """Write `n` articles about `stories` events into `folder`; return input path -> story."""
    rng = random.Random(seed)
    slots = [_story_words(rng, k) for k in range(stories)]
    start = date(2026, 1, 1)
    written: list[tuple[str, str]] = []
    gold: dict[str, int] = {}
    for i in range(n):
        k = rng.randrange(stories)
        copy = written and rng.random() < 0.06
        if copy:
            src_path, text = rng.choice(written)
            k = gold[src_path]
            if rng.random() < 0.5:
                text += "\n\nThis article was updated with reporting from our correspondents."
        else:
            title, body = _article(rng, slots[k])
            day = start + timedelta(days=5 * k + rng.randint(0, 2))
            text = (f"{title}\nSource: {rng.choice(OUTLETS)}\nDate: {day.isoformat()}\n\n"
                    + "\n\n".join(body))
        path = folder / f"{5 * k:04d}-{i:05d}.txt"
        path.write_text(text, encoding="utf-8")
        written.append((str(path), text))
        gold[str(path)] = k
    return gold


def _cpu() -> float:
    """CPU seconds of this process and of its finished child processes (the digest pool)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _stored_labels(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("SELECT input, story_key FROM articles"))


def _batch_labels(folder: Path) -> dict[str, str]:
    digest = weave(folder)
    story_of = {aid: s.id for s in digest.stories for aid in (*s.article_ids, *s.duplicate_ids)}
    return {a.input: story_of[a.id] for a in digest.articles}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--stories", type=int, default=40)
    parser.add_argument("--chunks", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        gold = make_corpus(folder, args.articles, args.stories, args.seed)
        t0, c0 = time.perf_counter(), _cpu()
        report = ingest(folder, Path(tmp) / "one.db")
        wall, cpu = time.perf_counter() - t0, _cpu() - c0
        print(f"ingest, one call: {args.articles} articles in {wall:.2f} s = "
              f"{args.articles / wall:.0f} articles/s, {cpu:.2f} s CPU ({report.line()})")
        files = sorted(folder.iterdir())
        size = -(-len(files) // args.chunks)
        t0, c0 = time.perf_counter(), _cpu()
        for lo in range(0, len(files), size):
            ingest([str(f) for f in files[lo : lo + size]], Path(tmp) / "chunks.db")
        wall, cpu = time.perf_counter() - t0, _cpu() - c0
        print(f"ingest, {args.chunks} calls: {wall:.2f} s = {args.articles / wall:.0f} articles/s, "
              f"{cpu:.2f} s CPU")
        t0, c0 = time.perf_counter(), _cpu()
        batch = _batch_labels(folder)
        print(f"weave (batch), for comparison: {time.perf_counter() - t0:.2f} s, "
              f"{_cpu() - c0:.2f} s CPU")
        inc = _stored_labels(Path(tmp) / "chunks.db")
        one = _stored_labels(Path(tmp) / "one.db")
        keys = sorted(gold)
        for name, labels in (("incremental (chunks)", inc), ("incremental (one call)", one)):
            b = bcubed([labels[p] for p in keys], [batch[p] for p in keys])
            print(f"{name} vs batch: B-cubed P {b.precision:.3f} R {b.recall:.3f} F1 {b.f1:.3f}")
        for name, labels in (("batch", batch), ("incremental (chunks)", inc)):
            b = bcubed([labels[p] for p in keys], [gold[p] for p in keys])
            print(f"{name} vs planted: B-cubed P {b.precision:.3f} R {b.recall:.3f} F1 {b.f1:.3f}")


if __name__ == "__main__":
    main()
