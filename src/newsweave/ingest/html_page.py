"""HTML pages: the main article text and metadata, via trafilatura (imported on first use)."""

from __future__ import annotations

from newsweave.ingest.dates import parse_date
from newsweave.model import PARAGRAPH_SEPARATOR, RawDocument, Rejected

NO_ARTICLE = "no article text found in the HTML"
# An article has at least one paragraph of this many words; menus, headings, banners do not.
MIN_PARAGRAPH_WORDS = 10


def read_html(name: str, html: str, notes: tuple[str, ...]) -> RawDocument | Rejected:
    """The article of an HTML page; paragraphs are separated by blank lines."""
    import trafilatura

    try:
        found = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
        )
    except Exception as error:  # a third-party parser: any failure means "not readable"
        return Rejected(name, f"could not parse the HTML ({type(error).__name__})")
    if found is None:
        return Rejected(name, NO_ARTICLE)
    title = (found.title or "").strip()
    paragraphs = _paragraphs(found.text or "", title)
    if not any(len(p.split()) >= MIN_PARAGRAPH_WORDS for p in paragraphs):
        return Rejected(name, NO_ARTICLE)
    published = parse_date(found.date or "")
    if found.date and published is None:
        notes = (*notes, f"could not parse the date {found.date!r}")
    return RawDocument(
        input=name,
        text=PARAGRAPH_SEPARATOR.join(paragraphs),
        title=title,
        source=(found.sitename or "").strip(),
        url=(found.url or "").strip(),
        published=published,
        format="html",
        notes=notes,
    )


def _paragraphs(text: str, title: str) -> list[str]:
    """Non-empty lines of trafilatura's text, without a leading repeat of the title."""
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    if paragraphs and title and paragraphs[0].casefold() == title.casefold():
        paragraphs = paragraphs[1:]
    return paragraphs
