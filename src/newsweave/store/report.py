"""The store as a folder of HTML pages: `index.html` listing the stories, one page per story."""

from __future__ import annotations

import os
import re
from pathlib import Path

from newsweave.errors import NewsweaveError
from newsweave.render.html_page import html_page
from newsweave.render.html_safe import esc
from newsweave.render.legend import published_span
from newsweave.render.to_html import render_html
from newsweave.store.queries import Store, StoryInfo

INDEX = "index.html"
_STORY_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")


def write_store_report(directory: str | os.PathLike[str],
                       db: str | os.PathLike[str] | None = None) -> Path:
    """Write `directory/index.html` and `directory/<story id>.html` for every stored story
    (newest first); return the index's path. Each page is self-contained."""
    out = Path(directory)
    with Store(db) as store:
        stories = store.stories()
        try:
            out.mkdir(parents=True, exist_ok=True)
            for info in stories:
                page = render_html(store.story(info.id),
                                   nav=f'<a href="{INDEX}">&#8592; all stories</a>')
                (out / _page_name(info)).write_text(page, encoding="utf-8")
            index = out / INDEX
            index.write_text(_index(stories, store.path.name), encoding="utf-8")
        except OSError as error:
            raise NewsweaveError(f"cannot write the report to {out}: {error.strerror}") from error
    return index


def _page_name(info: StoryInfo) -> str:
    if not _STORY_ID.fullmatch(info.id):
        raise NewsweaveError(f"unexpected story id {info.id!r} in the store")
    return f"{info.id}.html"


def _index(stories: list[StoryInfo], db_name: str) -> str:
    rows = "".join(
        f'<tr><th scope="row"><a href="{esc(_page_name(s))}">{esc(s.title or "Untitled story")}'
        f"</a></th><td>{s.size}</td><td>{s.duplicates}</td><td>{s.sources}</td>"
        f"<td>{esc(published_span(s.first_published, s.last_published))}</td></tr>"
        for s in stories
    )
    table = (
        '<div class="scroll" role="region" tabindex="0" aria-label="Stories"><table><thead><tr>'
        '<th scope="col">story</th><th scope="col">articles</th><th scope="col">duplicates</th>'
        '<th scope="col">sources</th><th scope="col">published</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></div>"
    ) if stories else '<p class="note">No stories stored yet.</p>'
    count = f"{len(stories)} stor{'y' if len(stories) == 1 else 'ies'}"
    body = (f'<header class="digest"><h1>newsweave: {count}</h1>'
            f'<p class="meta">From the store {esc(db_name)}, newest first.</p></header>'
            f"<main>{table}</main>")
    return html_page(f"newsweave: {count}", body)
