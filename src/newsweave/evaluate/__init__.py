"""`newsweave eval`: our summaries scored with ROUGE on a benchmark set, like the peers.

Per cluster: documents split into sentences (paragraph lines first), `summarize` with a word
budget of N, then one more sentence (the best uncovered concepts in its first words; see
`summarize.summarize_to_cut`) cut so the summary has N words: the peers also fill to N and cut.
Scores: rouge-score, stemmed, recall or F1, mean over a cluster's references, then over clusters.
Time: the `summarize` + tail calls only (reading, splitting and scoring excluded), as the peers.
"""

from __future__ import annotations

import json
import resource
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from statistics import mean

from newsweave.evaluate.data import BenchCluster, read_clusters
from newsweave.evaluate.rouge import METRICS, Measure, score, scorer, truncate
from newsweave.summarize import SummaryConfig, summarize_to_cut

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class EvalReport:
    """Mean ROUGE (percent) over clusters, speed and memory."""

    path: str
    clusters: int
    words: int
    measure: Measure
    rouge: dict[str, float]
    seconds_per_cluster: float
    max_seconds: float
    avg_words: float
    peak_rss_mb: float  # whole process, reading and scoring included
    peak_summarize_mb: float  # Python allocations of one call, on the largest cluster
    per_cluster: dict[str, list[float]]


def run_eval(
    path: str | Path,
    *,
    words: int,
    measure: Measure = "recall",
    limit: int | None = None,
    summaries_out: str | Path | None = None,
    progress: Progress | None = None,
) -> EvalReport:
    """Summarise every cluster of a benchmark JSONL (plain or .gz) and score it."""
    clusters = read_clusters(path, limit)
    report, summaries = evaluate_clusters(clusters, words, measure, progress=progress)
    if summaries_out is not None:
        with open(summaries_out, "w", encoding="utf-8") as f:
            for cluster, summary in zip(clusters, summaries, strict=True):
                f.write(json.dumps({"id": cluster.id, "summary": "\n".join(summary)}) + "\n")
    return replace(report, path=str(path))


def evaluate_clusters(
    clusters: Sequence[BenchCluster],
    words: int,
    measure: Measure,
    *,
    config: SummaryConfig | None = None,
    tail: bool = True,
    progress: Progress | None = None,
) -> tuple[EvalReport, list[list[str]]]:
    """Report on these clusters, and each cluster's summary before the benchmark cut."""
    rouge = scorer()
    scores: dict[str, list[float]] = {m: [] for m in METRICS}
    seconds, lengths, summaries = [], [], []
    for k, cluster in enumerate(clusters):
        start = time.perf_counter()
        summary, cut = benchmark_summary(cluster.documents, words, config, tail)
        seconds.append(time.perf_counter() - start)
        for m, value in score(rouge, cut, cluster.references, measure).items():
            scores[m].append(value)
        lengths.append(sum(len(s.split()) for s in cut))
        summaries.append(summary)
        if progress:
            progress(k + 1, len(clusters))
    report = EvalReport(
        path="",
        clusters=len(clusters),
        words=words,
        measure=measure,
        rouge={m: 100 * mean(v) if v else 0.0 for m, v in scores.items()},
        seconds_per_cluster=mean(seconds) if seconds else 0.0,
        max_seconds=max(seconds, default=0.0),
        avg_words=mean(lengths) if lengths else 0.0,
        peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        peak_summarize_mb=_peak_summarize_mb(clusters, words, config, tail),
        per_cluster=scores,
    )
    return report, summaries


def benchmark_summary(
    documents: Sequence[Sequence[str]], words: int, config: SummaryConfig | None, tail: bool
) -> tuple[list[str], list[str]]:
    """Our summary (whole sentences, reading order) and the benchmark's cut of it to `words`."""
    picks, extra = summarize_to_cut(documents, words, config)
    summary = [documents[d][i] for d, i in picks]
    cut = summary + ([documents[extra[0]][extra[1]]] if tail and extra else [])
    return summary, truncate(cut, words)


def format_report(report: EvalReport) -> str:
    """A Markdown table of the report."""
    r = report.rouge
    return "\n".join(
        [
            f"{report.path}: {report.clusters} clusters, {report.words} words, "
            f"ROUGE {report.measure} (rouge-score, stemmed; mean over references, then clusters)",
            "",
            "| R-1 | R-2 | R-L | R-Lsum | avg words | s/cluster (max) | peak MB (call / process) |",
            "|---|---|---|---|---|---|---|",
            f"| {r['rouge1']:.2f} | {r['rouge2']:.2f} | {r['rougeL']:.2f} | {r['rougeLsum']:.2f} "
            f"| {report.avg_words:.1f} "
            f"| {report.seconds_per_cluster:.4f} ({report.max_seconds:.3f}) "
            f"| {report.peak_summarize_mb:.1f} / {report.peak_rss_mb:.0f} |",
        ]
    )


def _peak_summarize_mb(
    clusters: Sequence[BenchCluster], words: int, config: SummaryConfig | None, tail: bool
) -> float:
    if not clusters:
        return 0.0
    largest = max(clusters, key=lambda c: sum(len(s.split()) for d in c.documents for s in d))
    tracemalloc.start()
    try:
        benchmark_summary(largest.documents, words, config, tail)
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()
