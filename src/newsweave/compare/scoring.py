"""Scoring a Comparison against labels: conflict and exclusive precision and recall.

A labelled conflict is `{"kind", "values": [as written, ...], "strict"}`; a found conflict
matches it when the kinds agree and every labelled value is one of its sides: the same text
(folded, either way round), the same number, or the same name up to spelling.
A labelled exclusive is a phrase of the sentence that carries it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from newsweave.compare.names import name_tokens
from newsweave.compare.numbers import quantities
from newsweave.counts import Counts
from newsweave.model import Article, Conflict, ConflictSide, Exclusive, Paragraph
from newsweave.text.tokens import fold

KIND_ALIASES = {"amount": "figure", "name_spelling": "name", "count": "figure"}


@dataclass(frozen=True, slots=True)
class Score(Counts):
    """True positives, false positives and false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0


def score_conflicts(found: Sequence[Conflict], labels: Sequence[Mapping[str, Any]],
                    optional: Sequence[Mapping[str, Any]] = ()) -> Score:
    """Each label matched at most once; found conflicts matching an optional label are ignored."""
    unmatched = list(found)
    tp = 0
    for label in labels:
        hit = next((c for c in unmatched if conflict_matches(c, label)), None)
        if hit is not None:
            unmatched.remove(hit)
            tp += 1
    fp = sum(1 for c in unmatched if not any(conflict_matches(c, o) for o in optional))
    return Score(tp, fp, len(labels) - tp)


def score_exclusives(found: Sequence[Exclusive], phrases: Sequence[str]) -> Score:
    """A found exclusive is right when it contains a labelled phrase."""
    hits = {p for p in phrases for e in found if fold(p) in fold(e.text)}
    right = sum(1 for e in found if any(fold(p) in fold(e.text) for p in phrases))
    return Score(right, len(found) - right, len(phrases) - len(hits))


def conflict_matches(c: Conflict, label: Mapping[str, Any]) -> bool:
    """Whether `c` is the labelled conflict (see the module docstring)."""
    kind = KIND_ALIASES.get(label["kind"], label["kind"])
    return c.kind == kind and all(any(_same(v, s) for s in c.sides) for v in label["values"])


def load_stories(path: Path) -> list[tuple[dict[str, Any], list[Article]]]:
    """The labelled stories of a JSON file, each with its Articles (in file order)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return [(story, [article_from(a) for a in story["articles"]]) for story in data["stories"]]


def article_from(record: Mapping[str, Any]) -> Article:
    """An Article from `{"id", "source", "published", "title", "paragraphs"}`."""
    published = record.get("published")
    return make_article(record["id"], record["paragraphs"], title=record.get("title", ""),
                        source=record.get("source", ""),
                        published=datetime.fromisoformat(published) if published else None)


def make_article(article_id: str, paragraphs: Iterable[str], *, title: str = "",
                 source: str = "", published: datetime | None = None) -> Article:
    """An Article whose paragraphs are `paragraphs` (offsets into their joined text)."""
    kept, offset = [], 0
    for text in paragraphs:
        kept.append(Paragraph(text, offset, offset + len(text)))
        offset += len(text) + 2
    return Article(id=article_id, input=article_id, title=title, source=source, url="",
                   published=published, paragraphs=tuple(kept),
                   raw="\n\n".join(p.text for p in kept))


def _same(value: str, side: ConflictSide) -> bool:
    a, b = fold(value), fold(side.value)
    if a in b or b in a:
        return True
    qa, qb = quantities(value), quantities(side.value)
    if qa and qb:
        return qa[0].value == qb[0].value
    return bool(name_tokens(value)) and name_tokens(value) == name_tokens(side.value)


def articles_from_folder(folder: Path) -> list[Article]:
    """Articles of the `*.txt` files of `folder` (first line the title, blank lines between
    paragraphs), ids the file names, in name order, with no publication date."""
    out = []
    for path in sorted(folder.glob("*.txt")):
        title, _, body = path.read_text(encoding="utf-8").partition("\n")
        paragraphs = [" ".join(p.split()) for p in body.split("\n\n") if p.strip()]
        out.append(make_article(path.name, paragraphs, title=title.strip()))
    return out
