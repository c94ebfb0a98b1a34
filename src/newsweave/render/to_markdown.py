"""The digest as Markdown: summaries with numbered citations, sources, duplicates, rejections."""

from __future__ import annotations

from newsweave.model import Digest, Duplicate, Story
from newsweave.render.comparison import comparison_markdown
from newsweave.render.legend import (
    accounting_line,
    citation_marks,
    duplicate_note,
    published_span,
    source_label,
    story_numbers,
)


def render_markdown(digest: Digest) -> str:
    """A Markdown document of the whole digest."""
    lines = ["# newsweave digest", "", accounting_line(digest) + ".", ""]
    duplicates = {d.article_id: d for d in digest.duplicates}
    for n, story in enumerate(digest.stories, start=1):
        lines += _story(n, story, digest, duplicates)
    if digest.rejected:
        lines += ["## Rejected inputs", "", "| input | reason |", "|---|---|"]
        lines += [f"| {_inline(r.path)} | {_inline(r.reason)} |" for r in digest.rejected]
        lines.append("")
    if digest.warnings:
        lines += ["## Warnings", ""]
        lines += [f"- `{w.path}`: {w.message}" for w in digest.warnings]
        lines.append("")
    return "\n".join(lines)


def _story(n: int, story: Story, digest: Digest, duplicates: dict[str, Duplicate]) -> list[str]:
    numbers = story_numbers(story)
    span = published_span(story.first_published, story.last_published)
    span = f", {span}" if span else ""
    copies = f" (+ {len(story.duplicate_ids)} duplicates)" if story.duplicate_ids else ""
    lines = [
        f"## {n}. {_inline(story.title) or 'Untitled story'}",
        "",
        f"{len(story.article_ids)} articles{copies}{span}. Story `{story.id}`.",
        "",
    ]
    lines += [f"{i}. {_inline(s.text)} {citation_marks(s, numbers)}"
              for i, s in enumerate(story.summary, start=1)]
    lines += ["", "| # | source | title | input | note |", "|---|---|---|---|---|"]
    for aid, number in numbers.items():
        article = digest.article(aid)
        note = duplicate_note(duplicates.get(aid), numbers)
        lines.append(
            f"| {number} | {_inline(source_label(article))} | {_inline(article.title)} "
            f"| {_inline(article.input)} | {note} |"
        )
    lines.append("")
    if story.comparison:
        lines += comparison_markdown(story.comparison, numbers)
    return lines


def _inline(text: str) -> str:
    """Text safe inside a Markdown line: no line breaks, no accidental markup."""
    out = " ".join(text.split())
    for ch in "\\`*_[]<>#|":
        out = out.replace(ch, "\\" + ch)
    return out
