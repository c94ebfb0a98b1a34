"""ROUGE with Google's rouge-score (stemmed), the way the peers are scored."""

from __future__ import annotations

from collections.abc import Sequence
from statistics import mean
from typing import Any, Literal

from newsweave.errors import MissingExtra
from newsweave.evaluate.data import sentences

METRICS = ("rouge1", "rouge2", "rougeL", "rougeLsum")
Measure = Literal["recall", "f1"]


def scorer() -> Any:
    """A stemming rouge-score scorer for the four metrics (rouge-score is an optional extra)."""
    try:
        from rouge_score import rouge_scorer
    except ImportError as exc:
        raise MissingExtra("rouge_score", "eval") from exc
    return rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)


def score(
    rouge: Any, summary: Sequence[str], references: Sequence[str], measure: Measure
) -> dict[str, float]:
    """Mean over references of each metric; summary and references one sentence per line."""
    field = "recall" if measure == "recall" else "fmeasure"
    prediction = "\n".join(summary)
    per_ref = [rouge.score(_lines(ref), prediction) for ref in references]
    return {m: mean(getattr(p[m], field) for p in per_ref) for m in METRICS}


def truncate(summary: Sequence[str], words: int) -> list[str]:
    """Sentences cut so the whole summary has at most `words` whitespace words (as the peers)."""
    out, n = [], 0
    for sentence in summary:
        kept = sentence.split()[: words - n]
        if kept:
            out.append(" ".join(kept))
        n += len(kept)
    return out


def _lines(reference: str) -> str:
    return reference if "\n" in reference else "\n".join(sentences(reference))
