"""Sentence-boundary precision/recall and exact-sentence accuracy on tests/data/sentences,
`split_sentences` next to a naive regex splitter, plus speed on a ~600-word article.

Usage: .venv/bin/python bench/sentences.py [--errors]
"""

from __future__ import annotations

import re
import sys
import timeit
from collections.abc import Callable
from pathlib import Path

from newsweave.text.sentences import split_sentences

GOLD = Path(__file__).resolve().parents[1] / "tests" / "data" / "sentences" / "gold.txt"
MARK = " || "
Splitter = Callable[[str], list[tuple[int, int]]]
_NAIVE_CUT = re.compile(r"(?<=[.!?])[\"'”’)]*\s+|\n")


def load_gold(path: Path = GOLD) -> list[tuple[str, list[tuple[int, int]]]]:
    """(text, gold sentence spans) per block; markers removed, spans into the text."""
    blocks = []
    rows = [r for r in path.read_text(encoding="utf-8").split("\n") if not r.startswith("#")]
    for block in "\n".join(rows).strip().split("\n\n"):
        text, spans = "", []
        for line in block.split("\n"):
            text += "\n" if text else ""
            for i, sentence in enumerate(line.split(MARK)):
                text += " " if i else ""
                spans.append((len(text), len(text) + len(sentence)))
                text += sentence
        blocks.append((text, spans))
    return blocks


def naive_split(text: str) -> list[tuple[int, int]]:
    """Cut after every . ! ? followed by whitespace, and at newlines."""
    spans, start = [], 0
    for cut in [*_NAIVE_CUT.finditer(text), None]:
        end = cut.start() if cut else len(text)
        if text[start:end].strip():
            spans.append((start, end))
        start = cut.end() if cut else len(text)
    return spans


def boundaries(text: str, spans: list[tuple[int, int]]) -> set[int]:
    """Starts of sentences that follow another on the same line (newlines are given)."""
    return {s for (_, e), (s, _) in zip(spans, spans[1:], strict=False) if "\n" not in text[e:s]}


def evaluate(split: Splitter) -> dict[str, float]:
    """Boundary precision/recall and the share of gold sentences reproduced exactly."""
    tp = fp = fn = exact = total = 0
    for text, gold in load_gold():
        pred = split(text)
        g, p = boundaries(text, gold), boundaries(text, pred)
        tp, fp, fn = tp + len(g & p), fp + len(p - g), fn + len(g - p)
        exact, total = exact + len(set(gold) & set(pred)), total + len(gold)
    return {
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
        "exact": exact / total,
        "sentences": total,
    }


def _article_600() -> str:
    text = " ".join(t.replace("\n", " ") for t, _ in load_gold())
    while len(text.split()) < 600:
        text += " " + text
    return " ".join(text.split()[:600])


def main() -> None:
    for name, split in (("split_sentences", split_sentences), ("naive regex", naive_split)):
        m = evaluate(split)
        print(f"{name:<16} boundary P={m['precision']:.3f} R={m['recall']:.3f}"
              f"  exact sentences={m['exact']:.3f} (of {m['sentences']})")
    article = _article_600()
    runs = 2000
    seconds = timeit.timeit(lambda: split_sentences(article), number=runs) / runs
    print(f"speed: {seconds * 1e3:.3f} ms per 600-word article ({len(article)} chars)")
    if "--errors" in sys.argv:
        for text, gold in load_gold():
            if split_sentences(text) != gold:
                print("  MISS:", [text[s:e] for s, e in split_sentences(text)])


if __name__ == "__main__":
    main()
