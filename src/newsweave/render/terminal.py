"""The digest for a terminal (rich): readable at a glance, citations as [n] markers."""

from __future__ import annotations

from typing import TextIO

from newsweave.model import Digest, Story
from newsweave.render.comparison import comparison_terminal
from newsweave.render.legend import citation_marks, duplicate_note, source_label, story_numbers


def render_terminal(digest: Digest, file: TextIO, *, width: int | None = None) -> None:
    """Print the stories to `file` with rich (plain text when `file` is not a terminal).

    Rejections and the accounting go to stderr from the CLI, not here.
    """
    from rich.console import Console, Group
    from rich.markup import escape
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    console = Console(file=file, width=width, highlight=False, soft_wrap=False)
    duplicates = {d.article_id: d for d in digest.duplicates}
    for n, story in enumerate(digest.stories, start=1):
        numbers = story_numbers(story)
        summary = Text()
        for i, sentence in enumerate(story.summary):
            if i:
                summary.append("\n\n")
            summary.append(sentence.text)
            summary.append(" " + citation_marks(sentence, numbers), style="bold cyan")
        sources = Table(box=None, show_header=False, pad_edge=False, expand=False)
        sources.add_column(style="bold cyan", no_wrap=True)
        sources.add_column(style="bold", no_wrap=True)
        sources.add_column()
        for aid, number in numbers.items():
            article = digest.article(aid)
            note = duplicate_note(duplicates.get(aid), numbers)
            note = f"  ({note})" if note else ""
            sources.add_row(
                f"[{number}]", source_label(article), Text(article.title + note, style="dim")
            )
        console.print(
            Panel(
                Group(summary, Text(""), sources, *_comparison(story, numbers)),
                title=f"[bold]{n}. {escape(story.title or 'Untitled story')}[/bold]",
                subtitle=escape(_subtitle(story)),
                title_align="left",
                subtitle_align="right",
                padding=(1, 2),
            )
        )


def _comparison(story: Story, numbers: dict[str, int]) -> list:
    if story.comparison is None:
        return []
    from rich.text import Text

    return [Text(""), comparison_terminal(story.comparison, numbers)]


def _subtitle(story: Story) -> str:
    n = len(story.article_ids)
    copies = f" + {len(story.duplicate_ids)} dup" if story.duplicate_ids else ""
    when = story.first_published.date().isoformat() if story.first_published else ""
    count = f"{n} article{'' if n == 1 else 's'}{copies}"
    return " · ".join(x for x in (count, when) if x)
