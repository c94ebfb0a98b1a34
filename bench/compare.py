#!/usr/bin/env python3
"""Quality and speed of the cross-source comparison (newsweave.compare) on labelled stories.

    .venv/bin/python bench/compare.py [--repeat 3]

Sets: tests/data/compare/stories.json (written with the heuristics), holdout.json (written
after, not tuned on), examples/ with tests/data/examples_labels.json (a colleague's set) and
../shared/seeds with tests/data/compare/seeds_labels.json, each when present. Prints conflict
precision/recall, exclusive precision/recall, the share of agreeing stories (no labelled
conflict) with a false conflict, and the median time of one compare_story call per story.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from newsweave.compare import compare_story
from newsweave.compare.scoring import (
    Score,
    articles_from_folder,
    load_stories,
    score_conflicts,
    score_exclusives,
)
from newsweave.model import Article
from newsweave.text.segment import sentences_of

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
SEEDS = ROOT.parent / "shared" / "seeds"


def labelled_sets() -> dict[str, list[tuple[dict[str, Any], list[Article]]]]:
    """Set name -> [(labels, articles)], for the sets present."""
    sets = {name: [(s["labels"], arts) for s, arts in load_stories(_set(name))]
            for name in ("stories", "holdout")}
    if (DATA / "examples_labels.json").is_file():
        sets["examples"] = [example_story()]
    if SEEDS.is_dir():
        labels = json.loads((DATA / "compare" / "seeds_labels.json").read_text(encoding="utf-8"))
        sets["seeds"] = [(labels, articles_from_folder(SEEDS))]
    return sets


def _set(name: str) -> Path:
    return DATA / "compare" / f"{name}.json"


def example_story() -> tuple[dict[str, Any], list[Article]]:
    """examples/ read and cleaned by the pipeline's own steps, with its key as our labels."""
    from newsweave.clean import clean
    from newsweave.ingest import read_inputs

    key = json.loads((DATA / "examples_labels.json").read_text(encoding="utf-8"))
    articles = [clean(item) for item in read_inputs([ROOT / "examples"])]
    conflicts = [{"kind": c["kind"], "values": [s["value"].split(" (")[0] for s in c["sides"]]}
                 for c in key["conflicts"]]
    return {"conflicts": conflicts}, [a for a in articles if isinstance(a, Article)]


def evaluate(stories: Sequence[tuple[dict[str, Any], list[Article]]], repeat: int) -> dict:
    conflicts, exclusives, agreeing, false_alarm, times = Score(), Score(), 0, 0, []
    for labels, articles in stories:
        sentences = {a.id: sentences_of(a) for a in articles}
        runs = []
        for _ in range(repeat):
            start = time.perf_counter()
            result = compare_story(articles, sentences)
            runs.append(time.perf_counter() - start)
        times.append(statistics.median(runs))
        conflicts += score_conflicts(result.conflicts, labels["conflicts"],
                                     labels.get("optional", ()))
        if "exclusives" in labels:
            exclusives += score_exclusives(result.exclusives, labels["exclusives"])
        if not labels["conflicts"]:
            agreeing += 1
            false_alarm += bool(result.conflicts)
    return {"conflicts": conflicts, "exclusives": exclusives, "agreeing": agreeing,
            "false": false_alarm, "time": statistics.mean(times), "n": len(stories)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"{'set':9} {'stories':>7} {'conflict P/R':>14} {'exclusive P/R':>14} "
          f"{'false-conflict':>15} {'s/story':>8}")
    for name, stories in labelled_sets().items():
        r = evaluate(stories, args.repeat)
        c, e = r["conflicts"], r["exclusives"]
        excl = f"{e.precision:.2f}/{e.recall:.2f}" if e.tp + e.fp + e.fn else "-"
        fc = f"{r['false']}/{r['agreeing']}" if r["agreeing"] else "-"
        print(f"{name:9} {r['n']:>7} {c.precision:>6.2f}/{c.recall:<.2f} ({c.tp}/{c.tp + c.fp}/"
              f"{c.tp + c.fn}) {excl:>8} {fc:>15} {r['time']:>8.3f}")
    print("conflict (tp/found/labelled); false-conflict = agreeing stories with any conflict")


if __name__ == "__main__":
    main()
