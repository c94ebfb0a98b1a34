#!/usr/bin/env python3
"""Ours vs the peers on one benchmark set: same clusters, same cut, same scorer, one run.

    bench/quality --data ../shared/data/duc2006/test.jsonl --words 250 --measure recall
    bench/quality --data ../shared/data/multinews/validation.jsonl.gz --words 260 --measure f1 \
        --sample 300 --seed 13

Peers come from the shared runner (`--peers`, imported by path): Lead (first document and
round-robin) and sumy's LexRank, TextRank, KL and SumBasic, on its Punkt sentence split; ours
splits with newsweave's own splitter. Every summary is cut to `--words` words; references are split
into lines the way the runner does (for R-Lsum). Writes bench/results/quality-<dataset>.md.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import statistics
import sys
import time
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsweave.evaluate import benchmark_summary  # noqa: E402
from newsweave.evaluate.data import sentences  # noqa: E402
from newsweave.evaluate.rouge import METRICS, scorer  # noqa: E402

PEERS = ("lead1doc", "leadrr", "lexrank", "textrank", "kl", "sumbasic")
NAMES = {
    "ours": "**newsweave (ours)**",
    "lead1doc": "Lead (first doc)",
    "leadrr": "Lead (round-robin)",
    "lexrank": "LexRank (sumy)",
    "textrank": "TextRank (sumy)",
    "kl": "KL-Sum (sumy)",
    "sumbasic": "SumBasic (sumy)",
    "lsa": "LSA (sumy)",
    "luhn": "Luhn (sumy)",
}


def main() -> None:
    args = _arguments()
    peers = _import(Path(args.peers) if Path(args.peers).is_absolute() else ROOT / args.peers)
    rows = _rows(peers, args)
    tok = peers.PunktFreeTokenizer("\n\n".join(d["text"] for r in rows for d in r["documents"]))
    systems = ["ours", *args.systems.split(",")]
    summarizers = _summarizers(peers, args.words)
    rouge = scorer()
    field = "recall" if args.measure == "recall" else "fmeasure"
    results = {s: {m: [] for m in (*METRICS, "sec", "words")} for s in systems}
    for k, row in enumerate(rows):
        refs = ["\n".join(tok.to_sentences(x)) if "\n" not in x else x for x in row["references"]]
        ours = [s for d in row["documents"] if (s := sentences(d["text"]))]
        split = [d for d in (list(tok.to_sentences(x["text"])) for x in row["documents"]) if d]
        model = peers.ObjectDocumentModel(
            [peers.Paragraph([peers.Sentence(x, tok) for x in d]) for d in split]
        )
        for system in systems:
            start = time.perf_counter()
            summary = _run(system, ours, split, model, peers, summarizers, args.words)
            results[system]["sec"].append(time.perf_counter() - start)
            pred = "\n".join(summary)
            per_ref = [rouge.score(ref, pred) for ref in refs]
            for m in METRICS:
                results[system][m].append(statistics.mean(getattr(p[m], field) for p in per_ref))
            results[system]["words"].append(len(pred.split()))
        if (k + 1) % 25 == 0:
            print(f"{k + 1}/{len(rows)} clusters", file=sys.stderr)
    table = _table(results, systems, args, len(rows))
    out = ROOT / "bench" / "results" / f"quality-{_dataset(args.data)}.md"
    out.write_text(table)
    print(table)
    print(f"written to {out}", file=sys.stderr)


def _arguments() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", required=True, help="benchmark JSONL (plain or .gz)")
    ap.add_argument("--words", type=int, required=True, help="summary length cut, in words")
    ap.add_argument("--measure", choices=["recall", "f1"], required=True)
    ap.add_argument("--limit", type=int, default=0, help="first N clusters (0: all)")
    ap.add_argument("--sample", type=int, default=0, help="random N clusters (0: all)")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--peers", default="../shared/peers/run_peers.py", help="relative to the repo")
    ap.add_argument("--systems", default=",".join(PEERS), help="peer systems, comma-separated")
    return ap.parse_args()


def _import(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("run_peers", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot import the peers runner at {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _rows(peers: ModuleType, args: argparse.Namespace) -> list[dict]:
    rows = peers.load(args.data)
    if args.limit:
        rows = rows[: args.limit]
    if args.sample and args.sample < len(rows):
        rng = random.Random(args.seed)
        rows = [rows[i] for i in sorted(rng.sample(range(len(rows)), args.sample))]
    return rows


def _summarizers(peers: ModuleType, words: int) -> dict:
    stemmer = peers.Stemmer("english")
    out = {}
    for name, cls in [
        ("lexrank", peers.LexRankSummarizer),
        ("textrank", peers.TextRankSummarizer),
        ("lsa", peers.LsaSummarizer),
        ("luhn", peers.LuhnSummarizer),
        ("sumbasic", peers.SumBasicSummarizer),
        ("kl", peers.BudgetKLSummarizer),
    ]:
        summarizer = cls(stemmer)
        summarizer.stop_words = peers.get_stop_words("english")
        if name == "kl":
            summarizer.budget = words
        out[name] = summarizer
    return out


def _run(system, ours, split, model, peers, summarizers, words) -> list[str]:  # noqa: ANN001
    """One system's summary of one cluster, cut to `words` words (timed by the caller; the
    sentence split and sumy's document model are built before, as the peers' runner does)."""
    if system == "ours":
        return benchmark_summary(ours, words, None, True)[1]
    if system == "lead1doc":
        picked = peers.lead_first_doc(split, words)
    elif system == "leadrr":
        picked = peers.lead_round_robin(split, words)
    else:
        picked = [str(x) for x in summarizers[system](model, peers.budget_count(words))]
    return peers.truncate_words(picked, words)


def _table(results: dict, systems: list[str], args: argparse.Namespace, n: int) -> str:
    lexrank = statistics.mean(results["lexrank"]["sec"]) if "lexrank" in results else None
    subset = f"first {args.limit}" if args.limit else "all"
    if args.sample:
        subset = f"random sample of {args.sample} (seed {args.seed}) of {subset}"
    lines = [
        f"# Quality: {_dataset(args.data)}",
        "",
        f"`{args.data}`: {n} clusters ({subset}); summaries cut to {args.words} words; "
        f"ROUGE {args.measure} (rouge-score, stemmed), mean over references then clusters. "
        "Time: the summarizer call per cluster (sentence splitting, sumy's document model and "
        "scoring excluded), "
        "on a shared 2-core machine. Speed ratio: LexRank's s/cluster over the system's.",
        "",
        "| system | R-1 | R-2 | R-L | R-Lsum | avg words | s/cluster | speed vs LexRank |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for s in systems:
        r = results[s]
        sec = statistics.mean(r["sec"])
        ratio = f"{lexrank / sec:.0f}x" if lexrank and sec > 1e-6 else "-"
        scores = " | ".join(f"{100 * statistics.mean(r[m]):.2f}" for m in METRICS)
        lines.append(
            f"| {NAMES.get(s, s)} | {scores} | {statistics.mean(r['words']):.1f} "
            f"| {sec:.4f} | {ratio} |"
        )
    lines += ["", "Command: `bench/quality " + " ".join(sys.argv[1:]) + "`", ""]
    return "\n".join(lines)


def _dataset(data: str) -> str:
    path = Path(data)
    split = path.name.split(".")[0]
    return path.parent.name + ("" if split == "test" else f"-{split}")


if __name__ == "__main__":
    main()
