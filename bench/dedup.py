"""Benchmark find_duplicates on a synthetic corpus with planted exact/near/rewrite copies.

    .venv/bin/python bench/dedup.py --sizes 1000 5000 --seed 1

Originals are random Zipf-distributed sentences; 5% of articles each are planted exact copies,
near copies (new byline and sign-off, one word edited) and rewrites (function words spun, 15%
of content words swapped for "synonyms"). Reports precision/recall of the planted duplicates
(a copy counts when it lands in its original's group) and the wall time.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import numpy as np

from newsweave.dedup import find_duplicates
from newsweave.model import Article, Paragraph, Sentence

FUNCTION = ["the", "and", "of", "to", "in", "about", "also", "that", "with", "for"]
SPIN = {"and": "&", "about": "approximately", "also": "moreover", "that": "which"}


def vocabulary(rng: np.random.Generator, n: int = 20000) -> np.ndarray:
    letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))
    return np.array(["".join(rng.choice(letters, rng.integers(4, 10))) for _ in range(n)])


def sentences(rng: np.random.Generator, pool: list[str], count: int) -> list[list[str]]:
    """`count` sentences of 12-27 content words taken off `pool`, with function words mixed in."""
    out = []
    for length in rng.integers(12, 28, size=count):
        start = len(pool) - length
        fillers = rng.choice(FUNCTION, size=length)
        mask = rng.random(length) < 0.4
        words = []
        for w, f, m in zip(pool[start : start + length], fillers, mask, strict=True):
            words.extend((w, str(f)) if m else (w,))
        out.append(words)
        del pool[start:]
    return out


def make_article(aid: str, sentences: list[list[str]]) -> tuple[Article, list[Sentence]]:
    texts = [" ".join(s).capitalize() + "." for s in sentences]
    text = " ".join(texts)
    sents, start = [], 0
    for k, t in enumerate(texts):
        sents.append(Sentence(aid, k, t, start, start + len(t)))
        start += len(t) + 1
    art = Article(aid, aid, aid, "bench", "", None, (Paragraph(text, 0, len(text)),), text)
    return art, sents


def rewrite(rng: np.random.Generator, synonyms: dict[str, str]) -> Callable[[list[str]], list[str]]:
    def spin(words: list[str]) -> list[str]:
        swap = rng.random(len(words)) < 0.15
        pairs = zip(words, swap, strict=True)
        return [SPIN.get(w) or (synonyms.get(w, w) if s else w) for w, s in pairs]

    return spin


def corpus(n: int, seed: int):  # noqa: ANN201 - (articles, sentences, planted {copy: original})
    rng = np.random.default_rng(seed)
    vocab = vocabulary(rng)
    weights = 1.0 / np.arange(101, len(vocab) + 101) ** 1.05  # Zipf without its stop-word head
    weights /= weights.sum()
    synonyms = {str(w): str(w)[::-1] + "x" for w in vocab}
    n_orig = int(n * 0.85)
    pool = [str(w) for w in vocab[rng.choice(len(vocab), size=n_orig * 30 * 28, p=weights)]]
    originals = [sentences(rng, pool, int(rng.integers(18, 30))) for _ in range(n_orig)]
    docs = {f"o{k}": s for k, s in enumerate(originals)}
    planted = {}
    spin = rewrite(rng, synonyms)
    for k in range(n - n_orig):
        src = int(rng.integers(n_orig))
        body = originals[src]
        kind = ("exact", "near", "rewrite")[k % 3]
        if kind == "near":
            body = [["by", "staff", "reporter"], *body[1:], ["copyright", "wire", "service"]]
            edit = [list(s) for s in body]
            edit[5][3] = "edited"
            body = edit
        elif kind == "rewrite":
            body = [spin(s) for s in body]
        docs[f"{kind}{k}"] = body
        planted[f"{kind}{k}"] = f"o{src}"
    order = list(docs)
    rng.shuffle(order)
    built = [make_article(aid, docs[aid]) for aid in order]
    return [a for a, _ in built], {a.id: s for a, s in built}, planted


def score(dups: list, planted: dict[str, str]) -> tuple[float, float]:
    """Precision and recall of planted copies, judged by duplicate group."""
    family = lambda a: planted.get(a, a)  # noqa: E731 - a copy's family is its original
    canon = {d.article_id: d.duplicate_of for d in dups}
    correct = sum(family(d.article_id) == family(d.duplicate_of) for d in dups)
    found = sum(canon.get(c, c) == canon.get(o, o) for c, o in planted.items())
    return correct / max(1, len(dups)), found / max(1, len(planted))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    for n in args.sizes:
        articles, sentences, planted = corpus(n, args.seed)
        start = time.perf_counter()
        dups, passages = find_duplicates(articles, sentences, seed=args.seed)
        elapsed = time.perf_counter() - start
        precision, recall = score(dups, planted)
        by_kind = {k: sum(d.kind == k for d in dups) for k in ("exact", "near", "rewrite")}
        print(f"n={n} words={sum(a.n_words for a in articles)} time={elapsed:.2f}s "
              f"precision={precision:.3f} recall={recall:.3f} flagged={by_kind} "
              f"planted={len(planted)} passages={len(passages)}")


if __name__ == "__main__":
    main()
