"""Each input format: plain text/Markdown, HTML, JSON, JSON Lines, CSV/TSV."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsweave.ingest import read_inputs
from newsweave.model import RawDocument, Rejected

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def read(*paths: str | os.PathLike[str], **options) -> list[RawDocument | Rejected]:
    return list(read_inputs([str(p) for p in paths], **options))


def write_json(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


# --- plain text and Markdown ------------------------------------------------------------------


def test_text_title_and_header_lines():
    [doc] = read(FIXTURES / "plain.txt")
    assert doc.title == "Council approves new river bridge"
    assert doc.source == "The Riverside Gazette"
    assert doc.url == "https://gazette.example.com/river-bridge"
    assert doc.published == datetime(2015, 12, 11, tzinfo=UTC)
    assert doc.format == "txt" and doc.notes == ()
    body = (FIXTURES / "plain.txt").read_text(encoding="utf-8").split("By Jane Doe\n\n", 1)[1]
    assert doc.text == body  # exactly as in the file, indentation included


def test_markdown_heading_emphasis_and_a_body_starting_with_by():
    [doc] = read(FIXTURES / "notes.md")
    assert doc.title == "Storm knocks out power to thousands"
    assert doc.source == "Coastal Times" and doc.format == "md"
    assert doc.published == datetime(2016, 1, 5, 17, 45, tzinfo=UTC)
    assert doc.text.startswith("By the evening, crews")


def test_text_without_headers_keeps_everything_after_the_title(tmp_path):
    path = tmp_path / "a.text"
    path.write_text("Title\nFirst line of the body.\r\nSecond.\n", encoding="utf-8", newline="")
    [doc] = read(path)
    assert (doc.title, doc.source) == ("Title", "")
    assert doc.text == "First line of the body.\r\nSecond.\n"


def test_text_setext_title_and_unparseable_date(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("Title\n=====\nDate: last Tuesday\n\nBody.\n", encoding="utf-8")
    [doc] = read(path)
    assert (doc.title, doc.text, doc.published) == ("Title", "Body.\n", None)
    assert doc.notes == ("could not parse the date 'last Tuesday'",)


def test_text_with_only_a_title_is_rejected(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Just a headline\nSource: AP\n\n", encoding="utf-8")
    assert read(path) == [Rejected(str(path), "no text after the title")]


def test_a_long_first_line_is_body_not_title(tmp_path):
    path = tmp_path / "a.txt"
    body = "word " * 100 + "\n"
    path.write_text(body, encoding="utf-8")
    [doc] = read(path)
    assert (doc.title, doc.text) == ("", body)


# --- HTML -------------------------------------------------------------------------------------


def test_html_article_without_page_furniture():
    [doc] = read(FIXTURES / "article.html")
    assert doc.title == "Council approves new river bridge"
    assert doc.source == "The Riverside Gazette"
    assert doc.url == "https://gazette.example.com/2015/12/11/river-bridge"
    assert doc.published == datetime(2015, 12, 11, tzinfo=UTC)
    paragraphs = doc.text.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("The city council voted on Thursday")
    assert "“This is a great day for the city,” said the mayor" in paragraphs[2]
    for furniture in ("cookies", "Home", "Share on", "rights reserved", "Privacy"):
        assert furniture not in doc.text


def test_html_metadata_from_json_ld_and_og_url():
    [doc] = read(FIXTURES / "blog_article.html")
    assert doc.source == "Coastal Times"
    assert doc.url == "https://coastal.example.org/news/storm-power"
    assert doc.published == datetime(2016, 1, 5, tzinfo=UTC)
    assert doc.text.count("\n\n") == 2
    for furniture in ("Related stories", "newsletter", "Tweet", "Log in"):
        assert furniture not in doc.text


@pytest.mark.parametrize("name", ["no_article.html", "listing.html"])
def test_html_without_an_article_is_rejected(name):
    path = FIXTURES / name
    assert read(path) == [Rejected(str(path), "no article text found in the HTML")]


def test_html_in_cp1252_is_decoded_with_a_note(tmp_path):
    html = (FIXTURES / "article.html").read_text(encoding="utf-8").replace('charset="utf-8"', "")
    path = tmp_path / "old.htm"
    path.write_bytes(html.encode("cp1252"))
    [doc] = read(path)
    assert "council’s finance committee" in doc.text
    assert "decoded as cp1252" in doc.notes


# --- JSON -------------------------------------------------------------------------------------


def test_json_single_object(tmp_path):
    path = write_json(tmp_path / "a.json", {"headline": "H", "article": "Body.", "site": "S"})
    assert read(path) == [RawDocument(str(path), "Body.", title="H", source="S", format="json")]


def test_json_list_named_by_id_or_index(tmp_path):
    path = write_json(tmp_path / "a.json", [{"id": "x1", "text": "A."}, {"text": "B."}, "junk"])
    items = read(path)
    assert [i.input for i in items[:2]] == [f"{path}#x1", f"{path}#2"]
    assert items[2] == Rejected(f"{path}#3", "not an article object (a JSON str)")


def test_json_articles_wrapper_and_paragraph_lists(tmp_path):
    record = {"title": "T", "content": ["One.", "Two."], "source": {"name": "BBC"}}
    path = write_json(tmp_path / "a.json", {"status": "ok", "articles": [record]})
    [doc] = read(path)
    assert (doc.input, doc.text, doc.source) == (f"{path}#1", "One.\n\nTwo.", "BBC")


def test_json_benchmark_cluster(tmp_path):
    cluster = {"id": "D0601A", "documents": [{"title": "", "text": "A."}, {"text": "B."}]}
    path = write_json(tmp_path / "c.json", cluster)
    assert [d.input for d in read(path)] == [f"{path}#D0601A/1", f"{path}#D0601A/2"]


def test_json_empty_and_invalid(tmp_path):
    empty, broken = write_json(tmp_path / "e.json", []), tmp_path / "b.json"
    broken.write_text('{"text": ', encoding="utf-8")
    assert read(empty)[0].reason.startswith("no articles")
    assert read(broken)[0].reason.startswith("invalid JSON: Expecting value: line 1")


def test_json_record_without_text(tmp_path):
    path = write_json(tmp_path / "a.json", [{"title": "No body"}])
    assert read(path)[0].reason.startswith("record has no text")


# --- JSON Lines -------------------------------------------------------------------------------


def test_jsonl_records_aliases_and_broken_lines():
    path = FIXTURES / "articles.jsonl"
    items = read(path)
    first, second, no_text, broken, last = items
    assert first == RawDocument(
        f"{path}#a1",
        "The council voted for the bridge.",
        title="Bridge approved",
        source="Gazette",
        url="https://g.example/1",
        published=datetime(2015, 12, 11, 9, 30, tzinfo=UTC),
        format="jsonl",
    )
    assert second.input == f"{path}#2"
    assert second.notes == ("could not parse the date 'not a date'",)
    assert no_text.path == f"{path}#7" and "no text" in no_text.reason
    assert broken.path == f"{path}#5" and broken.reason.startswith("invalid JSON:")
    assert (last.input, last.source) == (f"{path}#6", "BBC News")


def test_jsonl_benchmark_clusters():
    path = FIXTURES / "clusters.jsonl"
    one, two, empty = read(path)
    assert (one.input, two.input) == (f"{path}#d30001t/1", f"{path}#d30001t/2")
    assert (two.title, two.source, two.published) == (
        "Second",
        "New York Times",
        datetime(1998, 6, 12, tzinfo=UTC),
    )
    assert empty.path == f"{path}#d30002t/1" and isinstance(empty, Rejected)


def test_jsonl_only_blank_lines(tmp_path):
    path = tmp_path / "a.ndjson"
    path.write_bytes(b"\n  \n")
    assert read(path) == [Rejected(str(path), "no records (only blank lines)")]


def test_jsonl_oversize_record_is_rejected_and_reading_goes_on(tmp_path):
    path = tmp_path / "a.jsonl"
    lines = [{"text": "small"}, {"text": "x" * 5000}, {"text": "after"}]
    path.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    small, big, after = read(path, max_file_bytes=1000)
    assert (small.text, after.text, after.input) == ("small", "after", f"{path}#3")
    assert big.path == f"{path}#2" and "too large" in big.reason


def test_jsonl_text_over_the_limit_in_a_short_line_is_rejected(tmp_path):
    path = write_json(tmp_path / "a.json", {"text": "x" * 2000})
    path.write_text(path.read_text() + "\n", encoding="utf-8")
    assert "too large" in read(path, max_file_bytes=1000)[0].reason


# --- CSV / TSV --------------------------------------------------------------------------------


def test_csv_rows_with_aliases_quoted_newlines_and_missing_text():
    path = FIXTURES / "articles.csv"
    first, second, missing = read(path)
    assert first == RawDocument(
        f"{path}#c1",
        "The council voted for the bridge.\nIt will open in 2018.",
        title="Bridge approved",
        source="Gazette",
        url="https://g.example/1",
        published=datetime(2015, 12, 11, tzinfo=UTC),
        format="csv",
    )
    assert (second.input, second.text) == (f"{path}#2", "Quoted, with a comma")
    assert missing.path == f"{path}#c3" and "no text" in missing.reason


def test_tsv():
    path = FIXTURES / "articles.tsv"
    [doc] = read(path)
    assert (doc.input, doc.title, doc.text, doc.source, doc.format) == (
        f"{path}#1",
        "Tabbed",
        "A tab-separated article.",
        "Wire",
        "tsv",
    )


def test_csv_without_a_text_column_or_rows(tmp_path):
    no_text, no_rows = tmp_path / "a.csv", tmp_path / "b.csv"
    no_text.write_text("title,author\nT,A\n", encoding="utf-8")
    no_rows.write_text("title,text\n\n", encoding="utf-8")
    assert read(no_text)[0].reason.startswith("no text column in the header")
    assert read(no_rows) == [Rejected(str(no_rows), "no rows after the header")]


def test_csv_huge_field_is_allowed_up_to_the_limit(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text('text\n"' + "y" * 200_000 + '"\n', encoding="utf-8")
    [doc] = read(path)
    assert len(doc.text) == 200_000


def test_csv_row_over_the_limit_is_rejected_and_reading_goes_on(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text('text\n"' + "y" * 2000 + '"\nafter\n', encoding="utf-8")
    big, after = read(path, max_file_bytes=1000)
    assert isinstance(big, Rejected) and big.path == f"{path}#1"
    assert (after.input, after.text) == (f"{path}#2", "after")


def test_csv_field_over_the_csv_module_limit_ends_the_file_with_a_rejection(tmp_path):
    path = tmp_path / "a.csv"
    field = "\n".join(["z" * 900] * 200)  # lines under the cap, field over csv's own limit
    path.write_text(f'text\n"{field}"\n', encoding="utf-8")
    items = read(path, max_file_bytes=1000)
    assert items == [
        Rejected(
            f"{path}#1",
            "invalid CSV row: field larger than field limit (131072); "
            "the rest of the file was not read",
        )
    ]


def test_json_file_holding_json_lines_is_read_line_by_line(tmp_path):
    path = tmp_path / "a.json"
    path.write_text('{"text": "One."}\n{"id": "b", "text": "Two."}\n', encoding="utf-8")
    assert [d.input for d in read(path)] == [f"{path}#1", f"{path}#b"]
