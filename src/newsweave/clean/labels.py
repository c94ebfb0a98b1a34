"""Labelled boilerplate lines and how well `clean` reproduces them (for tests and bench).

Labels per non-blank raw line: T title, K kept body, H heading/deck/bullet, B boilerplate.
Own articles are files with a `X|` prefix per line; seed labels are `file<TAB>line<TAB>X` rows
over texts read from elsewhere (the seed texts are never copied into the repository).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from newsweave.clean.cleaner import clean
from newsweave.counts import Counts
from newsweave.model import Article, RawDocument

LABELS = frozenset("TKHB")


@dataclass(frozen=True, slots=True)
class LabelledDoc:
    """A raw text and the gold label of each of its non-blank lines (0-based line index)."""

    name: str
    text: str
    gold: Mapping[int, str]


@dataclass(frozen=True, slots=True)
class Score(Counts):
    """Boilerplate precision/recall over lines, and agreement on all four labels."""

    tp: int
    fp: int
    fn: int
    agree: int
    lines: int

    @property
    def accuracy(self) -> float:
        return self.agree / self.lines if self.lines else 1.0


def load_own(folder: Path) -> list[LabelledDoc]:
    """Articles written with a label prefix on every non-blank line."""
    docs = []
    for path in sorted(folder.glob("*.txt")):
        rows = path.read_text(encoding="utf-8").split("\n")
        gold = {i: row[0] for i, row in enumerate(rows) if row.strip()}
        if set(gold.values()) - LABELS or any(rows[i][1] != "|" for i in gold):
            raise ValueError(f"{path}: every non-blank line needs a T|, K|, H| or B| prefix")
        text = "\n".join(row[2:] if row.strip() else row for row in rows)
        docs.append(LabelledDoc(path.name, text, gold))
    return docs


def load_seeds(table: Path, seeds: Path) -> list[LabelledDoc]:
    """Seed labels (`file, 1-based line, label` rows) joined with the seed texts in `seeds`."""
    gold: dict[str, dict[int, str]] = {}
    for row in table.read_text(encoding="utf-8").splitlines():
        if row.strip() and not row.startswith("#"):
            name, line, label = row.split("\t")
            gold.setdefault(name, {})[int(line) - 1] = label
    return [LabelledDoc(n, (seeds / n).read_text(encoding="utf-8"), g) for n, g in gold.items()]


def predict(doc: LabelledDoc) -> dict[int, str]:
    """The label `clean` gives each labelled line (everything is B if the article is rejected)."""
    article = clean(RawDocument(doc.name, doc.text))
    spans = _line_spans(doc.text)
    if not isinstance(article, Article):
        return dict.fromkeys(doc.gold, "B")
    return {i: _label(article, *spans[i]) for i in doc.gold}


def score(docs: Iterable[LabelledDoc]) -> Score:
    """Line-level scores of `clean` against the gold labels."""
    total = Score(0, 0, 0, 0, 0)
    for doc in docs:
        pred = predict(doc)
        pairs = [(doc.gold[i], pred[i]) for i in doc.gold]
        total += Score(
            tp=sum(g == p == "B" for g, p in pairs),
            fp=sum(p == "B" != g for g, p in pairs),
            fn=sum(g == "B" != p for g, p in pairs),
            agree=sum(g == p for g, p in pairs),
            lines=len(pairs),
        )
    return total


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans, offset = [], 0
    for piece in text.split("\n"):
        spans.append((offset, offset + len(piece)))
        offset += len(piece) + 1
    return spans


def _label(article: Article, start: int, end: int) -> str:
    if any(r.raw_start < end and start < r.raw_end for r in article.removed):
        return "B"
    for p in article.paragraphs:
        if p.raw_start < end and start < p.raw_end:
            return "H" if p.heading else "K"
    return "T"
