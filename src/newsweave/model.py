"""Typed, immutable data that flows between the pipeline steps.

ingest -> RawDocument | Rejected
clean  -> Article (paragraphs keep offsets into the raw text) | Rejected
split  -> Sentence (spans into Article.text)
dedup  -> Duplicate (kind: exact | near | rewrite)
cluster -> Story
summarize -> Summary (SummarySentence with Citation*)
Digest = everything one run produced, plus the Accounting.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

DuplicateKind = Literal["exact", "near", "rewrite"]
PARAGRAPH_SEPARATOR = "\n\n"


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One article as read from an input, before cleaning.

    `input` names where it came from: a file path, or `path#<record id or line>` for a record
    of a JSONL/JSON/CSV file, or `-` / `-#<n>` for standard input.
    """

    input: str
    text: str
    title: str = ""
    source: str = ""
    url: str = ""
    published: datetime | None = None
    format: str = "txt"
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input (file or record) that yields no article, and why."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class InputWarning:
    """Something a user should know about an accepted input (e.g. a guessed encoding)."""

    path: str
    message: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A kept paragraph: normalised text and the [start, end) span it came from in the raw text.

    `heading` marks subheadings, decks and bullet summaries: kept for reading, never summarised.
    """

    text: str
    raw_start: int
    raw_end: int
    heading: bool = False


@dataclass(frozen=True, slots=True)
class RemovedLine:
    """A raw line the cleaner dropped as boilerplate, with the rule that matched."""

    text: str
    raw_start: int
    raw_end: int
    rule: str


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article. `text` is its paragraphs joined by a blank line."""

    id: str
    input: str
    title: str
    source: str
    url: str
    published: datetime | None
    paragraphs: tuple[Paragraph, ...]
    raw: str
    removed: tuple[RemovedLine, ...] = ()
    language: str = "en"

    @property
    def text(self) -> str:
        return PARAGRAPH_SEPARATOR.join(p.text for p in self.paragraphs)

    @property
    def n_words(self) -> int:
        return sum(len(p.text.split()) for p in self.paragraphs)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article: text and [start, end) span in `Article.text`."""

    article_id: str
    index: int
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Duplicate:
    """`article_id` repeats `duplicate_of` (which is summarised in its place)."""

    article_id: str
    duplicate_of: str
    similarity: float
    kind: DuplicateKind


@dataclass(frozen=True, slots=True)
class SharedPassage:
    """Sentences two different (non-duplicate) articles share verbatim or near-verbatim."""

    article_id: str
    other_id: str
    sentence_pairs: tuple[tuple[int, int], ...]
    similarity: float


@dataclass(frozen=True, slots=True)
class Citation:
    """An article carrying a summary sentence's information, and where."""

    article_id: str
    sentence_index: int
    similarity: float


@dataclass(frozen=True, slots=True)
class SummarySentence:
    """A sentence taken verbatim from `citations[0]`'s article, then every other carrier."""

    text: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class Story:
    """A group of articles about one event. `article_ids` are the canonical (non-duplicate) ones."""

    id: str
    article_ids: tuple[str, ...]
    duplicate_ids: tuple[str, ...]
    title: str
    summary: tuple[SummarySentence, ...]
    first_published: datetime | None = None
    last_published: datetime | None = None
    comparison: Comparison | None = None


@dataclass(frozen=True, slots=True)
class Accounting:
    """inputs == in_stories + duplicates + rejected, always."""

    inputs: int
    in_stories: int
    duplicates: int
    rejected: int

    @property
    def balanced(self) -> bool:
        return self.inputs == self.in_stories + self.duplicates + self.rejected


@dataclass(frozen=True, slots=True)
class Digest:
    """Everything one `weave` run produced."""

    articles: tuple[Article, ...]
    stories: tuple[Story, ...]
    duplicates: tuple[Duplicate, ...]
    rejected: tuple[Rejected, ...]
    passages: tuple[SharedPassage, ...] = ()
    warnings: tuple[InputWarning, ...] = ()
    accounting: Accounting = field(default_factory=lambda: Accounting(0, 0, 0, 0))

    def article(self, article_id: str) -> Article:
        for a in self.articles:
            if a.id == article_id:
                return a
        raise KeyError(article_id)


# --- Cross-source comparison of a story (newsweave.compare) ---------------------------------

ConflictKind = Literal["figure", "duration", "date", "name"]


@dataclass(frozen=True, slots=True)
class Evidence:
    """The sentence a claim rests on: `article_id`'s sentence `sentence_index`."""

    article_id: str
    sentence_index: int
    text: str


@dataclass(frozen=True, slots=True)
class Agreement:
    """Information carried by `sources` (>= 2) distinct canonical articles."""

    text: str
    evidence: tuple[Evidence, ...]
    sources: int


@dataclass(frozen=True, slots=True)
class Exclusive:
    """Information only one article of the story reports."""

    text: str
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class ConflictSide:
    """One value reported for a conflict's subject, as written and normalised, with its sources."""

    value: str
    normalized: str
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class Conflict:
    """One subject reported differently. `strict`: the values cannot all be true at once."""

    kind: ConflictKind
    subject: str
    sides: tuple[ConflictSide, ...]
    strict: bool
    note: str


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation or place; `mentions` is (article_id, count) in story order."""

    name: str
    kind: Literal["person", "organisation", "place"]
    variants: tuple[str, ...]
    mentions: tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    """Something dated: `date` is ISO (`2015-12-18`, or `--12-18` when the year is unknown)."""

    date: str
    text: str
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class Comparison:
    """What the sources of one story agree on, report alone, and report differently."""

    agreements: tuple[Agreement, ...] = ()
    exclusives: tuple[Exclusive, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    entities: tuple[Entity, ...] = ()
    timeline: tuple[TimelineEvent, ...] = ()
