"""The digest as one self-contained HTML page: no external file, works offline, prints well.

Per story: the summary with citation buttons that reveal the cited sentence and its outlet, a
coverage matrix (sources x summary points), the sources, and the comparison. Then the
duplicates, shared passages, rejected inputs, warnings and the accounting. Untrusted text is
escaped with `esc`; a URL is a link only when `safe_url` accepts it.
"""

from __future__ import annotations

from newsweave import __version__
from newsweave.model import (
    Article,
    Citation,
    Digest,
    Duplicate,
    Sentence,
    Story,
    SummarySentence,
)
from newsweave.render.html_comparison import Refs, comparison_sections
from newsweave.render.html_page import html_page
from newsweave.render.html_safe import esc, safe_url
from newsweave.render.legend import (
    accounting_line,
    duplicate_note,
    published_span,
    source_label,
    story_numbers,
)
from newsweave.text.segment import sentences_of


def render_html(digest: Digest, *, title: str | None = None, nav: str = "") -> str:
    """A whole HTML page for `digest`; `nav` is trusted HTML placed at the top of the page.

    `title` (text) heads the page; by default the page is 'newsweave digest' and its <title>
    the story's headline (one story) or the number of stories.
    """
    duplicates = {d.article_id: d for d in digest.duplicates}
    parts = [
        f'<header class="digest"><h1>{esc(title or "newsweave digest")}</h1>'
        f'<p class="meta">{esc(accounting_line(digest))}. Made by newsweave {__version__}.</p>'
        "</header>",
        _contents(digest),
        "<main>",
        *(_story(n, story, digest, duplicates) for n, story in enumerate(digest.stories, 1)),
        _digest_sections(digest),
        "</main>",
    ]
    page_title = title or default_title(digest)
    return html_page(page_title, "\n".join(p for p in parts if p), nav=nav)


def default_title(digest: Digest) -> str:
    """The story's headline for a one-story digest, else 'newsweave digest: N stories'."""
    if len(digest.stories) == 1:
        return digest.stories[0].title or "Untitled story"
    return f"newsweave digest: {len(digest.stories)} stories"


def _contents(digest: Digest) -> str:
    if len(digest.stories) < 2:
        return ""
    items = "".join(f'<li><a href="#story-{n}">{esc(s.title or "Untitled story")}</a></li>'
                    for n, s in enumerate(digest.stories, 1))
    return f'<nav class="toc" aria-label="Stories"><h2>Stories</h2><ol>{items}</ol></nav>'


def _story(n: int, story: Story, digest: Digest, duplicates: dict[str, Duplicate]) -> str:
    prefix = f"story-{n}"
    numbers = story_numbers(story)
    articles = {aid: digest.article(aid) for aid in numbers}
    refs = Refs(prefix, numbers, {aid: source_label(a) for aid, a in articles.items()})
    parts = [
        f'<article class="story" id="{prefix}" aria-labelledby="{prefix}-title">',
        f'<h2 id="{prefix}-title">{n}. {esc(story.title or "Untitled story")}</h2>',
        f'<p class="meta">{esc(_story_meta(story))}</p>',
        _summary(story, articles, refs),
        _coverage(story, articles, refs),
        _sources(story, articles, duplicates, refs),
        *(comparison_sections(story.comparison, refs) if story.comparison else ()),
        "</article>",
    ]
    return "\n".join(parts)


def _story_meta(story: Story) -> str:
    n = len(story.article_ids)
    copies = f" + {len(story.duplicate_ids)} duplicates" if story.duplicate_ids else ""
    parts = [f"{n} article{'' if n == 1 else 's'}{copies}",
             published_span(story.first_published, story.last_published), f"story {story.id}"]
    return " · ".join(p for p in parts if p)


def _summary(story: Story, articles: dict[str, Article], refs: Refs) -> str:
    cited = {aid: sentences_of(a) for aid, a in articles.items()}
    items = "".join(
        _summary_point(k, s, articles, cited, refs) for k, s in enumerate(story.summary, 1)
    )
    body = f'<ol class="summary">{items}</ol>' if items else '<p class="note">No summary.</p>'
    return (f'<section aria-labelledby="{refs.prefix}-summary">'
            f'<h3 id="{refs.prefix}-summary">Summary</h3>{body}</section>')


def _summary_point(k: int, sentence: SummarySentence, articles: dict[str, Article],
                   cited: dict[str, tuple[Sentence, ...]], refs: Refs) -> str:
    point = f"{refs.prefix}-p{k}"
    buttons, quotes = [], []
    for j, c in enumerate(sentence.citations, 1):
        panel = f"{point}-c{j}"
        label = refs.labels[c.article_id]
        buttons.append(
            f'<button type="button" class="cite" aria-expanded="true" aria-controls="{panel}" '
            f'aria-label="Source {refs.numbers[c.article_id]}: {esc(label)}" title="{esc(label)}">'
            f"{refs.numbers[c.article_id]}</button>"
        )
        quotes.append(_quote(panel, c, j == 1, articles[c.article_id], cited, refs))
    return (f'<li id="{point}"><span class="text">{esc(sentence.text)}</span> '
            f'<span class="cites">{"".join(buttons)}</span>'
            f'<div class="quotes">{"".join(quotes)}</div></li>')


def _quote(panel: str, c: Citation, first: bool, article: Article,
           cited: dict[str, tuple[Sentence, ...]], refs: Refs) -> str:
    sentences = cited[c.article_id]
    if 0 <= c.sentence_index < len(sentences):
        text = esc(sentences[c.sentence_index].text)
    else:
        text = f"<em>(sentence {c.sentence_index + 1} is not in the stored article)</em>"
    how = "the sentence shown" if first else (
        "the same sentence" if c.similarity >= 1.0 else f"similarity {c.similarity:.2f}")
    return (f'<blockquote class="quote" id="{panel}"><p>{text}</p><footer>'
            f"[{refs.link(refs.numbers[c.article_id])}] <cite>{esc(refs.labels[c.article_id])}"
            f"</cite>: {_title(article)} · {how}</footer></blockquote>")


def _title(article: Article) -> str:
    """The article's title, a link when its URL is a safe http(s) URL."""
    title = esc(article.title or "(untitled)")
    url = safe_url(article.url)
    if url is None:
        return title
    return f'<a href="{esc(url)}" rel="noopener noreferrer nofollow">{title}</a>'


def _coverage(story: Story, articles: dict[str, Article], refs: Refs) -> str:
    points = range(1, len(story.summary) + 1)
    head = "".join(f'<th scope="col"><a href="#{refs.prefix}-p{k}" aria-label="summary point '
                   f'{k}">{k}</a></th>' for k in points)
    rows = []
    for aid in articles:
        cells, carried = [], 0
        for sentence in story.summary:
            ids = [c.article_id for c in sentence.citations]
            state = ("quoted" if ids[:1] == [aid] else "carried" if aid in ids else "")
            carried += bool(state)
            text = {"quoted": "quoted", "carried": "carries it", "": "no"}[state]
            cells.append(f'<td><span class="cell {state}" aria-hidden="true"></span>'
                         f'<span class="visually-hidden">{text}</span></td>')
        rows.append(f'<tr><th scope="row">[{refs.numbers[aid]}] {esc(refs.labels[aid])}</th>'
                    f'{"".join(cells)}<td>{carried}</td></tr>')
    return (
        f'<section aria-labelledby="{refs.prefix}-coverage">'
        f'<h3 id="{refs.prefix}-coverage">Coverage</h3>'
        '<p class="note">Which source carries which summary point.</p>'
        '<ul class="legend"><li><span class="cell quoted"></span> the sentence shown is '
        'quoted from it</li><li><span class="cell carried"></span> it carries the same '
        'information</li><li><span class="cell"></span> not in it</li></ul>'
        f'<div class="scroll" role="region" tabindex="0" aria-label="Coverage matrix">'
        '<table class="matrix"><caption class="visually-hidden">Sources (rows) by summary '
        f'points (columns)</caption><thead><tr><th scope="col">source</th>{head}'
        f'<th scope="col">points</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
        "</section>"
    )


def _sources(story: Story, articles: dict[str, Article], duplicates: dict[str, Duplicate],
             refs: Refs) -> str:
    rows = "".join(
        f'<tr id="{refs.prefix}-src{refs.numbers[aid]}"><th scope="row">{refs.numbers[aid]}</th>'
        f"<td>{esc(refs.labels[aid])}</td><td>{_title(a)}</td>"
        f"<td>{esc(a.published.date().isoformat() if a.published else '')}</td>"
        f"<td>{esc(a.input)}</td>"
        f"<td>{esc(duplicate_note(duplicates.get(aid), refs.numbers))}</td></tr>"
        for aid, a in articles.items()
    )
    return (
        f'<section aria-labelledby="{refs.prefix}-sources">'
        f'<h3 id="{refs.prefix}-sources">Sources</h3>'
        '<div class="scroll" role="region" tabindex="0" aria-label="Sources">'
        '<table><thead><tr><th scope="col">#</th><th scope="col">source</th>'
        '<th scope="col">title</th><th scope="col">published</th><th scope="col">input</th>'
        f'<th scope="col">note</th></tr></thead><tbody>{rows}</tbody></table></div></section>'
    )


def _digest_sections(digest: Digest) -> str:
    """Duplicates, shared passages, rejected inputs, warnings and the accounting."""
    def article(aid: str) -> str:
        a = digest.article(aid)
        return f"{esc(source_label(a))}: {_title(a)}"

    duplicates = [f"<td>{article(d.article_id)}</td><td>{esc(d.kind)}</td>"
                  f"<td>{article(d.duplicate_of)}</td><td>{d.similarity:.2f}</td>"
                  for d in digest.duplicates]
    passages = [f"<td>{article(p.article_id)}</td><td>{article(p.other_id)}</td>"
                f"<td>{len(p.sentence_pairs)}</td><td>{p.similarity:.2f}</td>"
                for p in digest.passages]
    rejected = [f"<td>{esc(r.path)}</td><td>{esc(r.reason)}</td>" for r in digest.rejected]
    warnings = [f"<td>{esc(w.path)}</td><td>{esc(w.message)}</td>" for w in digest.warnings]
    return "\n".join([
        _table_section("duplicates", "Duplicates", ("article", "kind", "copy of", "similarity"),
                       duplicates, "No duplicates."),
        _table_section("passages", "Shared passages",
                       ("article", "other article", "sentences shared", "similarity"),
                       passages, "No passages shared between different articles."),
        _table_section("rejected", "Rejected inputs", ("input", "reason"), rejected,
                       "No input was rejected."),
        _table_section("warnings", "Warnings", ("input", "warning"), warnings, "No warnings."),
        _accounting(digest),
    ])


def _table_section(section_id: str, heading: str, columns: tuple[str, ...], rows: list[str],
                   empty: str) -> str:
    if rows:
        head = "".join(f'<th scope="col">{c}</th>' for c in columns)
        body = "".join(f"<tr>{r}</tr>" for r in rows)
        content = (f'<div class="scroll" role="region" tabindex="0" aria-label="{heading}">'
                   f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>")
    else:
        content = f'<p class="note">{empty}</p>'
    return (f'<section class="digest-part" aria-labelledby="{section_id}">'
            f'<h2 id="{section_id}">{heading}</h2>{content}</section>')


def _accounting(digest: Digest) -> str:
    a = digest.accounting
    check = ("Every input is accounted for." if a.balanced
             else "The accounting does not balance: please report this.")
    items = "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in (
        ("inputs", a.inputs), ("in stories", a.in_stories), ("duplicates", a.duplicates),
        ("rejected", a.rejected)))
    return ('<section class="digest-part" aria-labelledby="accounting">'
            f'<h2 id="accounting">Accounting</h2><dl class="accounting">{items}</dl>'
            f'<p class="note">inputs = in stories + duplicates + rejected. {check}</p></section>')
