"""What every human-readable renderer shares: numbered sources per story and short labels."""

from __future__ import annotations

from datetime import datetime
from pathlib import PurePath

from newsweave.model import Article, Digest, Duplicate, Story, SummarySentence


def source_label(article: Article) -> str:
    """The outlet if known, else the input's file name (without a record suffix's path)."""
    if article.source:
        return article.source
    path, _, record = article.input.partition("#")
    name = PurePath(path).name or path
    return f"{name}#{record}" if record else name


def story_numbers(story: Story) -> dict[str, int]:
    """Article id -> citation number [1], [2], ...: canonical articles first, then copies."""
    return {aid: n for n, aid in enumerate((*story.article_ids, *story.duplicate_ids), start=1)}


def citation_marks(sentence: SummarySentence, numbers: dict[str, int]) -> str:
    """`[1, 3]`: the numbers of the articles carrying the sentence."""
    return "[" + ", ".join(str(numbers[c.article_id]) for c in sentence.citations) + "]"


def duplicate_note(duplicate: Duplicate | None, numbers: dict[str, int]) -> str:
    """'near duplicate of [2] (0.93)' for a duplicate, '' otherwise."""
    if duplicate is None:
        return ""
    of = numbers[duplicate.duplicate_of]
    return f"{duplicate.kind} duplicate of [{of}], similarity {duplicate.similarity:.2f}"


def published_span(first: datetime | None, last: datetime | None) -> str:
    """A story's dates: '2026-03-14', '2026-03-14 to 2026-03-16', or '' when undated."""
    if not first:
        return ""
    start = first.date().isoformat()
    end = last.date().isoformat() if last else start
    return start if start == end else f"{start} to {end}"


def accounting_line(digest: Digest) -> str:
    """One line: every input accounted for."""
    a = digest.accounting
    stories = len(digest.stories)
    return (
        f"{a.inputs} inputs: {a.in_stories} in {stories} "
        f"{'story' if stories == 1 else 'stories'}, {a.duplicates} "
        f"{'duplicate' if a.duplicates == 1 else 'duplicates'}, "
        f"{a.rejected} rejected"
    )
