"""read_inputs: paths, folders, standard input, and every way an input can fail."""

from __future__ import annotations

import builtins
import io
import os
from pathlib import Path

import pytest

from newsweave.ingest import read_inputs
from newsweave.model import RawDocument, Rejected

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
ARTICLE = b"A title\n\nThe body of the article.\n"


def read(*paths: str | os.PathLike[str], **options) -> list[RawDocument | Rejected]:
    return list(read_inputs([str(p) for p in paths], **options))


def only(items: list[RawDocument | Rejected]) -> RawDocument | Rejected:
    assert len(items) == 1, items
    return items[0]


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_folder_is_walked_recursively_sorted_and_skips_dot_names(tmp_path):
    write(tmp_path / "b.txt", ARTICLE)
    write(tmp_path / "sub" / "a.txt", ARTICLE)
    write(tmp_path / "a.md", ARTICLE)
    write(tmp_path / ".hidden.txt", ARTICLE)
    write(tmp_path / ".git" / "config.txt", ARTICLE)
    write(tmp_path / "empty" / ".keep", b"")
    names = [item.input for item in read(tmp_path)]
    assert names == [str(tmp_path / n) for n in ("a.md", "b.txt", os.path.join("sub", "a.txt"))]


def test_dot_file_named_explicitly_is_read(tmp_path):
    hidden = write(tmp_path / ".draft.txt", ARTICLE)
    assert isinstance(only(read(hidden)), RawDocument)


def test_order_follows_the_paths_given(tmp_path):
    first, second = write(tmp_path / "z.txt", ARTICLE), write(tmp_path / "a.txt", ARTICLE)
    assert [d.input for d in read(first, second)] == [str(first), str(second)]


def test_empty_folder(tmp_path):
    write(tmp_path / "in" / ".DS_Store", b"junk")
    assert only(read(tmp_path / "in")) == Rejected(
        str(tmp_path / "in"), "empty folder: no article files"
    )


def test_missing_path(tmp_path):
    missing = str(tmp_path / "nope.txt")
    assert only(read(missing)) == Rejected(missing, "no such file or directory")


def test_unreadable_file(tmp_path, monkeypatch):
    locked = write(tmp_path / "locked.txt", ARTICLE)
    real_open = builtins.open

    def fake_open(file, *args, **kwargs):
        if str(file) == str(locked):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", fake_open)
    assert only(read(locked)) == Rejected(str(locked), "permission denied")


def test_unreadable_folder(tmp_path, monkeypatch):
    def fake_scandir(path):
        raise PermissionError(13, "Permission denied", path)

    monkeypatch.setattr(os, "scandir", fake_scandir)
    assert only(read(tmp_path)) == Rejected(str(tmp_path), "permission denied")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads all")
def test_unreadable_file_for_real(tmp_path):
    locked = write(tmp_path / "locked.txt", ARTICLE)
    locked.chmod(0)
    assert only(read(locked)) == Rejected(str(locked), "permission denied")


def test_symlink_loop_is_rejected_not_followed_forever(tmp_path):
    write(tmp_path / "in" / "a.txt", ARTICLE)
    (tmp_path / "in" / "loop").symlink_to(tmp_path / "in")
    items = read(tmp_path / "in")
    assert [type(i) for i in items] == [RawDocument, Rejected]
    assert "loops back" in items[1].reason


def test_empty_file(tmp_path):
    empty = write(tmp_path / "empty.txt", b"")
    assert only(read(empty)) == Rejected(str(empty), "empty file")


def test_whitespace_only_file(tmp_path):
    blank = write(tmp_path / "blank.txt", b" \n\n\t\n")
    assert isinstance(only(read(blank)), Rejected)


def test_too_large_file_is_rejected_without_reading(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(50_000_000)
    reason = only(read(big)).reason
    assert "50.0 MB" in reason and "20.0 MB" in reason


def test_max_file_bytes_is_honoured(tmp_path):
    article = write(tmp_path / "a.txt", ARTICLE)
    assert isinstance(only(read(article, max_file_bytes=10)), Rejected)
    assert isinstance(only(read(article, max_file_bytes=len(ARTICLE))), RawDocument)


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("doc.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        ("doc.txt", b"%PDF-1.4\n" + bytes(range(256)), "PDF"),
        ("a.zip", b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "ZIP"),
        ("img.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        ("img.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "JPEG"),
        ("a.jsonl.gz", b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "GZIP"),
        ("blob.bin", bytes(range(256)) * 4, "NUL"),
        ("controls.dat", bytes(range(1, 32)) * 20, "control"),
    ],
)
def test_binary_files_are_rejected(tmp_path, name, data, kind):
    rejected = only(read(write(tmp_path / name, data)))
    assert isinstance(rejected, Rejected)
    assert rejected.reason.startswith("binary file") and kind in rejected.reason


def test_unknown_extension_with_text_is_read_with_a_note(tmp_path):
    doc = only(read(write(tmp_path / "story.article", ARTICLE)))
    assert isinstance(doc, RawDocument)
    assert doc.title == "A title" and doc.format == "txt"
    assert doc.notes == (
        "unknown file extension '.article': read as txt (recognised by its content)",
    )


def test_unknown_extension_recognises_html_and_json_by_content(tmp_path):
    html = write(tmp_path / "page", (FIXTURES / "article.html").read_bytes())
    records = write(tmp_path / "feed.dat", (FIXTURES / "articles.jsonl").read_bytes())
    page = only(read(html))
    assert page.format == "html" and "no file extension" in page.notes[0]
    assert [d.format for d in read(records) if isinstance(d, RawDocument)] == ["jsonl"] * 3


def test_stdin_plain_text():
    doc = only(read("-", stdin=io.BytesIO(b"Headline\nSource: Wire\n\nBody text.\n")))
    assert doc == RawDocument("-", "Body text.\n", title="Headline", source="Wire")


def test_stdin_json_lines_are_streamed_with_record_names():
    lines = b'{"title": "One", "text": "First."}\n{"id": "x", "text": "Second."}\n'
    assert [d.input for d in read("-", stdin=io.BytesIO(lines))] == ["-#1", "-#x"]


def test_stdin_html():
    doc = only(read("-", stdin=io.BytesIO((FIXTURES / "article.html").read_bytes())))
    assert doc.format == "html" and doc.title == "Council approves new river bridge"


def test_stdin_empty_binary_and_too_large():
    assert only(read("-", stdin=io.BytesIO(b""))) == Rejected("-", "empty input")
    assert "PDF" in only(read("-", stdin=io.BytesIO(b"%PDF-1.5\n..."))).reason
    big = io.BytesIO(b"Title\n\n" + b"word " * 100)
    assert "too large" in only(read("-", stdin=big, max_file_bytes=100)).reason


def test_stdin_defaults_to_sys_stdin(monkeypatch):
    fake = io.TextIOWrapper(io.BytesIO(ARTICLE))
    monkeypatch.setattr("sys.stdin", fake)
    assert only(read("-")).title == "A title"
    assert not fake.closed


def test_stdin_is_left_open():
    stdin = io.BytesIO(b'{"text": "One."}\n')
    read("-", stdin=stdin)
    assert not stdin.closed


def test_mixed_inputs_every_one_accounted_for(tmp_path):
    paths = [
        write(tmp_path / "in" / "good.txt", ARTICLE),
        write(tmp_path / "in" / "empty.txt", b""),
        write(tmp_path / "in" / "img.png", b"\x89PNG\r\n\x1a\n"),
        write(tmp_path / "in" / "bad.json", b"{not json"),
        tmp_path / "missing",
    ]
    items = read(*paths)
    assert [type(i).__name__ for i in items] == ["RawDocument"] + ["Rejected"] * 4
    assert items[3].reason.startswith("invalid JSON")


def test_never_raises_on_garbage(tmp_path):
    for n, data in enumerate([b"\xff\xfe", b"{", b"[1, 2]", b"\x00", b"\r\n", b"<html>"]):
        write(tmp_path / f"f{n}.json", data)
        write(tmp_path / f"f{n}.txt", data)
        write(tmp_path / f"f{n}.csv", data)
        write(tmp_path / f"f{n}.jsonl", data)
        write(tmp_path / f"f{n}.html", data)
    items = read(tmp_path)
    assert len(items) >= 30
    assert all(isinstance(i, RawDocument | Rejected) for i in items)


def test_never_prints(tmp_path, capsys):
    write(tmp_path / "a.html", b"<html><body><p>hi</p></body></html>")
    write(tmp_path / "b.jsonl", b"{bad\n")
    read(tmp_path, FIXTURES)
    assert capsys.readouterr() == ("", "")


def test_fixture_folder_names_are_unique_and_pages_without_articles_rejected():
    items = read(FIXTURES)
    names = [i.input if isinstance(i, RawDocument) else i.path for i in items]
    assert len(names) == len(set(names))
    rejected_pages = {Path(i.path).name for i in items if isinstance(i, Rejected)}
    assert {"no_article.html", "listing.html"} <= rejected_pages


def test_too_large_file_of_unknown_type_is_rejected_after_sniffing(tmp_path):
    big = tmp_path / "big.log"
    big.write_bytes(b"Title\n\n" + b"word " * 1000)
    reason = only(read(big, max_file_bytes=1000)).reason
    assert reason.startswith("file too large: 5,007 bytes (limit 1,000 bytes")


def test_too_large_jsonl_is_streamed_not_rejected(tmp_path):
    records = b'{"text": "one"}\n' * 100
    path = write(tmp_path / "a.jsonl", records)
    assert len(read(path, max_file_bytes=100)) == 100


class Pipe(io.RawIOBase):
    """A stream that cannot seek, like a shell pipe."""

    def __init__(self, data: bytes) -> None:
        super().__init__()
        self._data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        chunk = self._data.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


@pytest.mark.parametrize("data", [ARTICLE, b'{"text": "One."}\n{"text": "Two."}\n' * 5000])
def test_stdin_that_cannot_seek(data):
    stdin = io.BufferedReader(Pipe(data))
    items = read("-", stdin=stdin)
    assert all(isinstance(i, RawDocument) for i in items)
    assert len(items) == (1 if data == ARTICLE else 10_000)


def test_stdin_already_partly_read_is_read_from_where_it_stands():
    stdin = io.BytesIO(b"skipped line\n" + ARTICLE)
    stdin.readline()
    assert only(read("-", stdin=stdin)).title == "A title"
