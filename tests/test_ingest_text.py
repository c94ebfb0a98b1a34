"""Dates, text encodings, and bounded memory when streaming big files."""

from __future__ import annotations

import codecs
import io
import json
import os
import tracemalloc
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from newsweave.ingest import read_inputs
from newsweave.ingest.dates import parse_date
from newsweave.model import RawDocument, Rejected

WESTERN = "Café “quoted” — it’s 5 € only. Naïve résumé."


def read(*paths: str | os.PathLike[str], **options) -> list[RawDocument | Rejected]:
    return list(read_inputs([str(p) for p in paths], **options))


# --- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2015-12-11", datetime(2015, 12, 11, tzinfo=UTC)),
        ("2015/12/11", datetime(2015, 12, 11, tzinfo=UTC)),
        ("2015-12-11T09:30:00Z", datetime(2015, 12, 11, 9, 30, tzinfo=UTC)),
        ("2015-12-11T09:30:00", datetime(2015, 12, 11, 9, 30, tzinfo=UTC)),
        (
            "2015-12-11T09:30:00+05:30",
            datetime(2015, 12, 11, 9, 30, tzinfo=timezone(timedelta(hours=5, minutes=30))),
        ),
        ("Fri, 11 Dec 2015 09:30:00 GMT", datetime(2015, 12, 11, 9, 30, tzinfo=UTC)),
        (
            "Fri, 11 Dec 2015 09:30:00 -0500",
            datetime(2015, 12, 11, 9, 30, tzinfo=timezone(timedelta(hours=-5))),
        ),
        ("December 11, 2015", datetime(2015, 12, 11, tzinfo=UTC)),
        ("Dec. 11, 2015", datetime(2015, 12, 11, tzinfo=UTC)),
        ("Sept. 3, 2015", datetime(2015, 9, 3, tzinfo=UTC)),
        ("11 December 2015", datetime(2015, 12, 11, tzinfo=UTC)),
        ("Friday, 11th December 2015", datetime(2015, 12, 11, tzinfo=UTC)),
        ("December 11, 2015 3:05 p.m.", datetime(2015, 12, 11, 15, 5, tzinfo=UTC)),
        ("  2015-12-11 ", datetime(2015, 12, 11, tzinfo=UTC)),
    ],
)
def test_dates_are_parsed_aware(text, expected):
    parsed = parse_date(text)
    assert parsed == expected and parsed.utcoffset() == expected.utcoffset()


@pytest.mark.parametrize("text", ["", "yesterday", "Smarch 11, 2015", "February 30, 2015", "11/12"])
def test_unparseable_dates_are_none(text):
    assert parse_date(text) is None


# --- encodings --------------------------------------------------------------------------------


def article_bytes(encoding: str, bom: bytes = b"") -> bytes:
    return bom + f"Title {WESTERN}\n\n{WESTERN}\n".encode(encoding)


@pytest.mark.parametrize(
    ("data", "note"),
    [
        (article_bytes("utf-8"), None),
        (article_bytes("utf-8", codecs.BOM_UTF8), None),
        (article_bytes("cp1252"), "decoded as cp1252"),
        (article_bytes("utf-16-le", codecs.BOM_UTF16_LE), "decoded as utf-16-le"),
        (article_bytes("utf-16-be", codecs.BOM_UTF16_BE), "decoded as utf-16-be"),
        (article_bytes("utf-32-le", codecs.BOM_UTF32_LE), "decoded as utf-32-le"),
        (article_bytes("utf-16-le"), "decoded as utf-16-le"),
    ],
)
def test_text_encodings(tmp_path, data, note):
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    [doc] = read(path)
    assert doc.title == f"Title {WESTERN}"
    assert doc.text == f"{WESTERN}\n"
    assert doc.notes == ((note,) if note else ())


def test_latin1(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("Garçon\n\nCafé à la crème, «naïve» £5.\n".encode("latin-1"))
    [doc] = read(path)
    assert (doc.title, doc.text, doc.notes) == (
        "Garçon",
        "Café à la crème, «naïve» £5.\n",
        ("decoded as cp1252",),
    )


def test_other_legacy_encodings_are_guessed(tmp_path):
    text = "Власти города объявили в пятницу о строительстве нового моста через реку."
    path = tmp_path / "a.txt"
    path.write_bytes(f"Мост\n\n{text}\n".encode("cp1251"))
    [doc] = read(path)
    assert (doc.title, doc.text, doc.notes) == ("Мост", f"{text}\n", ("decoded as cp1251",))


def test_jsonl_line_in_cp1252_gets_a_note(tmp_path):
    path = tmp_path / "a.jsonl"
    good = json.dumps({"text": "plain"}, ensure_ascii=False).encode()
    legacy = json.dumps({"text": WESTERN}, ensure_ascii=False).encode("cp1252")
    path.write_bytes(good + b"\n" + legacy + b"\n")
    first, second = read(path)
    assert (first.notes, second.text, second.notes) == ((), WESTERN, ("decoded as cp1252",))


@pytest.mark.parametrize("bom", [codecs.BOM_UTF16_LE, codecs.BOM_UTF8])
def test_csv_with_bom(tmp_path, bom):
    encoding = "utf-16-le" if bom == codecs.BOM_UTF16_LE else "utf-8"
    path = tmp_path / "a.csv"
    path.write_bytes(bom + f'text,title\n"{WESTERN}",T\n'.encode(encoding))
    [doc] = read(path)
    assert (doc.text, doc.title) == (WESTERN, "T")


def test_utf16_jsonl_on_stdin():
    data = codecs.BOM_UTF16_LE + '{"text": "Un été."}\n{"text": "Deux."}\n'.encode("utf-16-le")
    first, second = read("-", stdin=io.BytesIO(data))
    assert (first.input, first.text, second.text) == ("-#1", "Un été.", "Deux.")


# --- streaming --------------------------------------------------------------------------------


def write_jsonl(path: Path, total_bytes: int) -> int:
    line = (json.dumps({"title": "T", "text": "word " * 10_000}) + "\n").encode()
    count = total_bytes // len(line) + 1
    with path.open("wb") as f:
        for _ in range(count // 100):
            f.write(line * 100)
        f.write(line * (count % 100))
    return count


def peak_while_reading(paths: list[str], **options) -> tuple[int, int]:
    tracemalloc.start()
    try:
        n = sum(1 for item in read_inputs(paths, **options) if isinstance(item, RawDocument))
        return n, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_fifty_megabyte_jsonl_streams_in_bounded_memory(tmp_path):
    path = tmp_path / "big.jsonl"
    count = write_jsonl(path, 50_000_000)
    assert path.stat().st_size > 50_000_000
    n, peak = peak_while_reading([str(path)], max_file_bytes=1_000_000)
    assert n == count
    assert peak < 2_000_000


def test_jsonl_on_stdin_streams_in_bounded_memory(tmp_path):
    path = tmp_path / "big.jsonl"
    count = write_jsonl(path, 10_000_000)
    with path.open("rb") as stdin:
        n, peak = peak_while_reading(["-"], stdin=stdin)
    assert n == count
    assert peak < 2_000_000


def test_oversize_jsonl_line_is_skipped_without_holding_it(tmp_path):
    path = tmp_path / "big.jsonl"
    path.write_bytes(b'{"text": "' + b"x" * 20_000_000 + b'"}\n{"text": "after"}\n')
    tracemalloc.start()
    try:
        items = list(read_inputs([str(path)], max_file_bytes=100_000))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [type(i) for i in items] == [Rejected, RawDocument]
    assert peak < 5_000_000
