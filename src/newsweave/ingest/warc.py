"""WARC files (`.warc`, `.warc.gz`, ISO 28500) from web-archive crawls such as CC-News.

Each `response` record is one input, named `path#<record number>`: an HTTP 200 response with an
HTML payload is read as an HTML page (the record's WARC-Target-URI is its URL when the page names
none); other responses are rejected with the reason. Records of other types (warcinfo, request,
metadata, ...) are not articles and are not inputs. A `.warc.gz` is a series of gzip members,
which Python's gzip reads as one stream.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from dataclasses import replace
from typing import BinaryIO

from newsweave.ingest.decode import decode
from newsweave.ingest.html_page import read_html
from newsweave.ingest.records import megabytes
from newsweave.model import RawDocument, Rejected

EXTENSIONS = (".warc", ".warc.gz")
_BLOCK = 1 << 20


def is_warc(path: str) -> bool:
    return path.lower().endswith(EXTENSIONS)


def read_warc(name: str, stream: BinaryIO, max_bytes: int) -> Iterator[RawDocument | Rejected]:
    """Every response record of the file, in order; a malformed file ends in a Rejected."""
    if name.lower().endswith(".gz"):
        stream = gzip.GzipFile(fileobj=stream)  # type: ignore[assignment]
    n = 0
    try:
        while (headers := _headers(stream)) is not None:
            length = int(headers.get("content-length", ""))
            if headers.get("warc-type") != "response":
                _skip(stream, length)
                continue
            n += 1
            record = f"{name}#{n}"
            if length > max_bytes:
                _skip(stream, length)
                yield Rejected(record, f"record too large: {megabytes(length)} "
                                       f"(limit {megabytes(max_bytes)})")
                continue
            yield _response(record, stream.read(length), headers.get("warc-target-uri", ""))
    except (ValueError, EOFError, OSError, zlib.error) as error:
        yield Rejected(name if n == 0 else f"{name}#{n + 1}",
                       f"malformed WARC: {error or type(error).__name__}")


def _headers(stream: BinaryIO) -> dict[str, str] | None:
    """The next record's header fields (lower-case names); None at the end of the file."""
    line = stream.readline()
    while line in (b"\r\n", b"\n"):  # the blank lines ending the previous record
        line = stream.readline()
    if not line:
        return None
    if not line.startswith(b"WARC/"):
        raise ValueError(f"expected a WARC record, found {line[:40]!r}")
    fields: dict[str, str] = {}
    while (line := stream.readline()) not in (b"\r\n", b"\n", b""):
        key, _, value = line.decode("utf-8", "replace").partition(":")
        fields[key.strip().lower()] = value.strip()
    if "content-length" not in fields:
        raise ValueError("a record without Content-Length")
    return fields


def _skip(stream: BinaryIO, length: int) -> None:
    while length > 0:
        chunk = stream.read(min(length, _BLOCK))
        if not chunk:
            raise EOFError("the file ends inside a record")
        length -= len(chunk)


def _response(name: str, block: bytes, uri: str) -> RawDocument | Rejected:
    """An HTTP response: its HTML page, or why it is not one."""
    head, _, body = block.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("iso-8859-1").split("\r\n")
    parts = status_line.split()
    if len(parts) < 2 or not parts[0].startswith("HTTP/"):
        return Rejected(name, "WARC response without an HTTP status line")
    if parts[1] != "200":
        return Rejected(name, f"HTTP status {parts[1]}")
    fields = {k.strip().lower(): v.strip() for k, _, v in (x.partition(":") for x in lines)}
    kind = fields.get("content-type", "text/html").split(";")[0].strip().lower()
    if kind not in ("text/html", "application/xhtml+xml"):
        return Rejected(name, f"not an HTML page ({kind})")
    if "content-encoding" in fields and fields["content-encoding"].lower() != "identity":
        return Rejected(name, f"compressed payload ({fields['content-encoding']}) not supported")
    text, note = decode(body)
    page = read_html(name, text, (note,) if note else ())
    if isinstance(page, RawDocument) and not page.url:
        page = replace(page, url=uri)
    return page
