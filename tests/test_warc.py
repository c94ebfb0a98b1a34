"""WARC input: response records with HTML pages, plain and gzipped, built here."""

from __future__ import annotations

import gzip

import newsweave
from newsweave.ingest import read_inputs
from newsweave.model import RawDocument, Rejected

from .conftest import HARBOUR

URL = "https://news.example/port-elden-crane"


def page(article: str) -> bytes:
    title, *paragraphs = [p for p in article.split("\n\n") if p]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"{body}</article></body></html>").encode()


def record(kind: str, block: bytes, uri: str = URL) -> bytes:
    head = (f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\n"
            f"Content-Type: application/http; msgtype={kind}\r\n"
            f"Content-Length: {len(block)}\r\n\r\n").encode()
    return head + block + b"\r\n\r\n"


def response(status: str, content_type: str, body: bytes) -> bytes:
    return (f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n\r\n").encode() + body


def records() -> list[bytes]:
    return [
        record("warcinfo", b"software: test\r\n"),
        record("request", b"GET /port-elden-crane HTTP/1.1\r\n\r\n"),
        record("response", response("200 OK", "text/html; charset=utf-8", page(HARBOUR["a.txt"]))),
        record("response", response("404 Not Found", "text/html", b"<html>gone</html>")),
        record("response", response("200 OK", "image/png", b"\x89PNG\r\n")),
    ]


def check(items: list) -> None:
    assert [type(i) for i in items] == [RawDocument, Rejected, Rejected]
    article, missing, image = items
    assert article.input.endswith("#1") and article.url == URL
    assert article.title == "Crane collapse halts work at Port Elden"
    assert "routine lift" in article.text
    assert missing.reason == "HTTP status 404" and missing.path.endswith("#2")
    assert image.reason == "not an HTML page (image/png)"


def test_warc_response_records_are_inputs(tmp_path):
    path = tmp_path / "crawl.warc"
    path.write_bytes(b"".join(records()))
    check(list(read_inputs([path])))


def test_warc_gz_is_one_gzip_member_per_record(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(b"".join(gzip.compress(r) for r in records()))
    check(list(read_inputs([path])))
    digest = newsweave.weave(tmp_path)
    assert digest.accounting.inputs == 3 and digest.accounting.rejected == 2


def test_truncated_warc_is_rejected_with_the_reason(tmp_path):
    path = tmp_path / "cut.warc"
    path.write_bytes(b"".join(records())[:-400])
    items = list(read_inputs([path]))
    assert isinstance(items[-1], Rejected) and "malformed WARC" in items[-1].reason


def test_not_a_warc_is_rejected(tmp_path):
    path = tmp_path / "fake.warc"
    path.write_bytes(b"hello, this is not a web archive\n")
    (item,) = read_inputs([path])
    assert isinstance(item, Rejected) and "expected a WARC record" in item.reason
