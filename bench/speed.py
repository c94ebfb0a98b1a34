#!/usr/bin/env python3
"""Whole-process speed of the main job, side by side with `newsweave --help` and a sumy peer.

    .venv/bin/python bench/speed.py [--input ../shared/seeds] [--repeat 7]

Reports the median and min wall time of `newsweave weave INPUT --format json` and of
`newsweave --help` as fresh processes (what a user waits for), and of sumy LexRank summarising
the same articles in one process including its imports, when sumy is installed
(`pip install -e ".[bench]"`). Targets: weave on the seeds <= 1 s, --help <= 0.3 s.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

LEXRANK = """
import sys, pathlib
from nltk.tokenize.punkt import PunktSentenceTokenizer
from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
from sumy.nlp.stemmers import Stemmer
from sumy.nlp.tokenizers import Tokenizer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.utils import get_stop_words
import re
files = sorted(pathlib.Path(sys.argv[1]).glob("*.txt"))
texts = [p.read_text(encoding="utf-8", errors="replace") for p in files]
punkt = PunktSentenceTokenizer("\\n".join(texts))
class Words(Tokenizer):
    def __init__(self): self._language = "english"
    def to_words(self, s): return re.findall(r"\\w+", s)
tok = Words()
paras = [Paragraph([Sentence(s, tok) for s in punkt.tokenize(t)]) for t in texts]
summarizer = LexRankSummarizer(Stemmer("english"))
summarizer.stop_words = get_stop_words("english")
print(len(summarizer(ObjectDocumentModel(paras), 6)))
"""


def timed(command: list[str], repeat: int) -> list[float]:
    """Wall seconds of `repeat` fresh runs of `command` (one warm-up run first)."""
    subprocess.run(command, capture_output=True, check=True)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", default=str(ROOT.parent / "shared" / "seeds"))
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    exe = shutil.which("newsweave", path=str(Path(sys.executable).parent)) or "newsweave"
    rows = [
        ("newsweave weave (json)", timed([exe, "weave", args.input, "--format", "json"],
                                         args.repeat), 1.0),
        ("newsweave --help", timed([exe, "--help"], args.repeat), 0.3),
    ]
    try:
        import sumy  # noqa: F401

        rows.append(("sumy LexRank, same input", timed([sys.executable, "-c", LEXRANK,
                                                        args.input], args.repeat), None))
    except ImportError:
        print("(sumy not installed: pip install -e '.[bench]' for the peer row)")
    print(f"input: {args.input}; {args.repeat} runs each, fresh processes\n")
    print("| command | median s | min s | target s |")
    print("|---|---|---|---|")
    for name, times, target in rows:
        goal = f"<= {target}" if target else "-"
        print(f"| {name} | {statistics.median(times):.3f} | {min(times):.3f} | {goal} |")


if __name__ == "__main__":
    main()
