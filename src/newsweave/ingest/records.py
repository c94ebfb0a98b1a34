"""Structured records (JSON objects, CSV rows) to RawDocuments, with the usual field aliases."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from newsweave.ingest.dates import parse_date
from newsweave.model import RawDocument, Rejected

ALIASES = {
    "title": ("title", "headline"),
    "text": ("text", "body", "content", "article", "maintext"),
    "source": ("source", "outlet", "site", "publisher", "source_domain"),
    "url": ("url", "link"),
    "published": ("published", "date", "pubdate", "published_at", "date_publish"),
}


def megabytes(size: int) -> str:
    """A byte count for people: '52.4 MB', or '1,000 bytes' below a megabyte."""
    return f"{size / 1e6:.1f} MB" if size >= 1_000_000 else f"{size:,} bytes"


def is_cluster(record: Mapping[str, Any]) -> bool:
    """A benchmark cluster: `{"id": ..., "documents": [{"title", "text", ...}, ...]}`."""
    return isinstance(record.get("documents"), list)


def record_id(record: Mapping[str, Any], fallback: int) -> str:
    """The record's own `id` when it has one, else the 1-based position given."""
    value = record.get("id")
    return str(value) if isinstance(value, str | int) and str(value) else str(fallback)


def read_record(
    record: Any,
    name: str,
    fmt: str,
    max_bytes: int,
    notes: tuple[str, ...] = (),
) -> Iterator[RawDocument | Rejected]:
    """The article(s) in one record: an article object, or every document of a cluster."""
    if not isinstance(record, Mapping):
        yield Rejected(name, f"not an article object (a JSON {type(record).__name__})")
    elif is_cluster(record):
        if not record["documents"]:
            yield Rejected(name, "cluster has no documents")
        for index, document in enumerate(record["documents"], start=1):
            yield from read_record(document, f"{name}/{index}", fmt, max_bytes, notes)
    else:
        yield to_document(record, name, fmt, max_bytes, notes)


def to_document(
    record: Mapping[str, Any],
    name: str,
    fmt: str,
    max_bytes: int,
    notes: tuple[str, ...] = (),
) -> RawDocument | Rejected:
    """One article record as a RawDocument, or Rejected when it has no usable text."""
    fields = {key.lower(): value for key, value in record.items() if isinstance(key, str)}
    text = _text(_field(fields, "text"))
    if not text or text.isspace():
        return Rejected(name, "record has no text (looked for: " + ", ".join(ALIASES["text"]) + ")")
    size = len(text) if text.isascii() else len(text.encode("utf-8"))
    if size > max_bytes:
        return Rejected(
            name, f"record text too large: {megabytes(size)} (limit {megabytes(max_bytes)})"
        )
    raw_date = _plain(_field(fields, "published"))
    published = parse_date(raw_date)
    if raw_date and published is None:
        notes = (*notes, f"could not parse the date {raw_date!r}")
    return RawDocument(
        input=name,
        text=text,
        title=_plain(_field(fields, "title")),
        source=_source(_field(fields, "source")),
        url=_plain(_field(fields, "url")),
        published=published,
        format=fmt,
        notes=notes,
    )


def _field(fields: Mapping[str, Any], name: str) -> Any:
    for alias in ALIASES[name]:
        value = fields.get(alias)
        if value not in (None, ""):
            return value
    return None


def _text(value: Any) -> str:
    """Text as given; a list of paragraphs is joined by blank lines."""
    if isinstance(value, list):
        return "\n\n".join(_plain(part) for part in value if _plain(part))
    return value if isinstance(value, str) else ""


def _source(value: Any) -> str:
    """An outlet name; NewsAPI-style `{"id": ..., "name": ...}` objects give their name."""
    if isinstance(value, Mapping):
        value = value.get("name") or value.get("id")
    return _plain(value)


def _plain(value: Any) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""
