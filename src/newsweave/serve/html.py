"""The web app's own pages (story list, search, article, errors). Every value from the store
is escaped with `esc`; only http(s) URLs become links (`safe_url`); no scripts, no event
handlers, inline CSS only. The story page itself is the report's `render_html`."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from newsweave.render.html_page import STYLE
from newsweave.render.html_safe import esc, safe_url
from newsweave.render.legend import published_span
from newsweave.store.queries import Hit, StoredArticle, StoryInfo

MARKS = ("\x02", "\x03")  # search-match delimiters, turned into <mark> after escaping
# The report's style, and a little for the app's own parts.
CSS = STYLE + """
.topnav{display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;border-bottom:1px solid var(--line);
padding-bottom:.4rem}
form.search{display:flex;flex-wrap:wrap;gap:.4rem;align-items:center;margin:.8rem 0}
form.search input{font:inherit;padding:.25rem .4rem;min-width:16rem}
form.search button{font:inherit;padding:.25rem .8rem}
mark{background:#ffe58a;color:inherit}
td.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
nav.pages{display:flex;gap:1.2rem;margin:1rem 0}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}
dl.facts dt{color:var(--muted)}
dl.facts dd{margin:0;overflow-wrap:anywhere}
"""


def story_url(story_id: str) -> str:
    return f"/stories/{quote(story_id, safe='')}"


def article_url(article_id: str) -> str:
    return f"/articles/{quote(article_id, safe='')}"


def site_nav() -> str:
    """The links on top of every page, the story pages included (trusted HTML, no form: the
    report's page policy allows none)."""
    return ('<nav aria-label="Site"><a href="/">Newest stories</a> '
            '<a href="/?sort=biggest">Biggest stories</a> <a href="/search">Search</a></nav>')


def search_form(query: str = "") -> str:
    return (
        '<form class="search" action="/search" method="get" role="search">'
        '<label for="q">Search stories and articles</label>'
        f'<input id="q" name="q" type="search" value="{esc(query)}" required>'
        '<button type="submit">Search</button></form>'
    )


def page(title: str, body: str) -> str:
    """A whole HTML document of the app: `title` is text (escaped here), `body` trusted HTML."""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)} · newsweave</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f'<div class="page">\n<div class="topnav">{site_nav()}</div>\n<main>{body}</main>\n'
        "</div>\n</body>\n</html>\n"
    )


def story_list_page(stories: list[StoryInfo], *, total: int, sort: str, page_no: int,
                    per_page: int) -> str:
    """One page of the story list, newest or biggest first, with links to the other pages."""
    first = (page_no - 1) * per_page
    rows = "".join(
        f'<tr><td class="n">{first + i}</td>'
        f'<td><a href="{story_url(s.id)}">{esc(s.title)}</a></td>'
        f'<td class="n">{s.size}{f" + {s.duplicates}" if s.duplicates else ""}</td>'
        f'<td class="n">{s.sources}</td><td class="n">{esc(_dates(s))}</td></tr>'
        for i, s in enumerate(stories, start=1)
    )
    other = "biggest" if sort == "newest" else "newest"
    heading = "Newest stories" if sort == "newest" else "Biggest stories"
    body = (
        f"<h1>{heading}</h1>{search_form()}"
        f'<p class="meta">{total:,} stories. <a href="/?{urlencode({"sort": other})}">'
        f"Sort by {other}</a></p>"
    )
    if not stories:
        body += "<p>No stories on this page.</p>" if total else (
            "<p>The store is empty: add articles with <code>newsweave ingest</code>.</p>")
    else:
        body += (
            '<div class="scroll"><table><thead><tr><th scope="col">#</th>'
            '<th scope="col">Story</th><th scope="col">Articles (+ duplicates)</th>'
            '<th scope="col">Sources</th><th scope="col">Dates</th></tr></thead>'
            f"<tbody>{rows}</tbody></table></div>"
        )
    body += _pager(sort, page_no, last=max(1, -(-total // per_page)))
    return page(heading, body)


def _dates(s: StoryInfo) -> str:
    return published_span(s.first_published, s.last_published) or "undated"


def _pager(sort: str, page_no: int, *, last: int) -> str:
    links = []
    if page_no > 1:
        links.append(f'<a rel="prev" href="/?{urlencode({"sort": sort, "page": page_no - 1})}">'
                     "← Previous</a>")
    links.append(f"<span>Page {page_no} of {last}</span>")
    if page_no < last:
        links.append(f'<a rel="next" href="/?{urlencode({"sort": sort, "page": page_no + 1})}">'
                     "Next →</a>")
    return f'<nav class="pages" aria-label="Pages">{"".join(links)}</nav>'


def search_page(query: str, hits: list[Hit]) -> str:
    """Matching stories, then matching articles, with their snippets (matches marked)."""
    stories = [h for h in hits if h.kind == "story"]
    articles = [h for h in hits if h.kind == "article"]
    body = (f"<h1>Search: {esc(query)}</h1>" if query else "<h1>Search</h1>") + search_form(query)
    if query.strip() and not hits:
        body += "<p>Nothing matches every word.</p>"
    if stories:
        body += "<h2>Stories</h2><ol>" + "".join(
            f'<li><a href="{story_url(h.id)}">{esc(h.title)}</a><br>'
            f'<span class="meta">{_snippet(h.snippet)}</span></li>' for h in stories) + "</ol>"
    if articles:
        body += "<h2>Articles</h2><ol>" + "".join(
            f'<li><a href="{article_url(h.id)}">{esc(h.title)}</a>'
            + (f' (<a href="{story_url(h.story_id)}">its story</a>)' if h.story_id else "")
            + f'<br><span class="meta">{_snippet(h.snippet)}</span></li>'
            for h in articles) + "</ol>"
    return page(f"Search: {query}" if query else "Search", body)


def _snippet(snippet: str) -> str:
    """The snippet escaped, its `MARKS` made <mark> elements."""
    return esc(" ".join(snippet.split())).replace(MARKS[0], "<mark>").replace(MARKS[1], "</mark>")


def article_page(stored: StoredArticle) -> str:
    """An article: title, outlet, date, link (http/https only), story, original, cleaned text."""
    a = stored.article
    href = safe_url(a.url)
    link = (f'<a href="{esc(href)}" rel="noopener noreferrer nofollow">{esc(a.url)}</a>' if href
            else f"<code>{esc(a.url)}</code> (not a web link)" if a.url else "none")
    facts = [
        ("Outlet", esc(a.source) or "unknown"),
        ("Published", esc(a.published.isoformat()) if a.published else "undated"),
        ("Link", link),
        ("Input", f"<code>{esc(a.input)}</code>"),
        ("Story", f'<a href="{story_url(stored.story_id)}">{esc(stored.story_title or "")}</a>'
         if stored.story_id else "none yet"),
    ]
    if stored.duplicate:
        d = stored.duplicate
        facts.append(("Duplicate of", f'<a href="{article_url(d.duplicate_of)}">'
                      f"{esc(d.duplicate_of)}</a> ({esc(d.kind)}, similarity "
                      f"{d.similarity:.2f})"))
    text = "".join(f"<h2>{esc(p.text)}</h2>" if p.heading else f"<p>{esc(p.text)}</p>"
                   for p in a.paragraphs)
    body = (
        f'<article><h1>{esc(a.title)}</h1><dl class="facts">'
        + "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in facts)
        + f"</dl>{text}</article>"
    )
    return page(a.title, body)


def error_page(status: int, message: str) -> str:
    return page(f"Error {status}", f"<h1>Error {status}</h1><p>{esc(message)}</p>"
                                   '<p><a href="/">Back to the stories</a></p>')
