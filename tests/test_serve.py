"""`newsweave serve`: pages, JSON API, errors, read-only access and escaping of untrusted data."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import asdict
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from newsweave.errors import NewsweaveError
from newsweave.render.html_page import SCRIPT, SCRIPT_HASH
from newsweave.render.to_json import digest_to_dict
from newsweave.serve.app import create_app
from newsweave.store.ingest import ingest
from newsweave.store.queries import Store
from tests.conftest import EXAMPLES, HARBOUR

XSS_TITLE = '<script>alert(1)</script> Crane "falls" & <img src=x onerror=alert(2)>'
XSS_SOURCE = "<b onmouseover=alert(3)>Quay Times</b>"
# Cleaning strips tags from text but decodes entities: these become live markup in the store.
XSS_LINE = ("Witnesses posted &lt;script&gt;alert(5)&lt;/script&gt; and "
            "&lt;img src=x onerror=alert(6)&gt; online.")
HOSTILE = [
    {"title": XSS_TITLE, "source": XSS_SOURCE, "url": "javascript:alert(4)",
     "date": "2026-04-06", "text": HARBOUR["a.txt"].split("\n\n", 1)[1] + "\n\n" + XSS_LINE},
    {"title": "Port Elden crane: the union speaks", "source": "Dock Weekly",
     "url": " JaVaScRiPt:alert(7)", "date": "2026-04-06",
     "text": HARBOUR["b.txt"].split("\n\n", 1)[1]},
    {"title": "Port Elden inquiry opens", "source": "Harbour Post", "date": "2026-04-07",
     "url": 'https://news.example/elden?a=1&b="><script>alert(8)</script>',
     "text": HARBOUR["c.txt"].split("\n\n", 1)[1]},
    {"title": "Storm cuts power to coastal towns", "source": "Coast Herald",
     "url": "data:text/html,<script>alert(9)</script>", "date": "2026-05-02",
     "text": "A winter storm brought down power lines along the northern coast on Saturday, "
             "leaving about 40,000 homes without electricity in Marlow Bay and Tessing.\n\n"
             "The regional grid operator said crews would work through the night to restore "
             "supply and asked residents to stay away from fallen cables.\n\n"
             "Ferries between Marlow Bay and the islands were cancelled for a second day."},
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("serve")
    feed = folder / "hostile.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in HOSTILE), encoding="utf-8")
    path = folder / "store.db"
    report = ingest([str(EXAMPLES), str(feed)], path)
    assert report.balanced and not report.rejected
    return path


@pytest.fixture(scope="module")
def client(db: Path) -> TestClient:
    return TestClient(create_app(db, page_size=2))


@pytest.fixture(scope="module")
def store(db: Path) -> Store:
    return Store.open(db, read_only=True)


def _articles_titled(store: Store, title: str) -> str:
    (hit,) = [h for h in store.search(title.split()[-1], 50)
              if h.kind == "article" and h.title == title]
    return hit.id


def test_story_list_newest_and_biggest_match_the_store(client: TestClient, store: Store) -> None:
    assert store.count_stories() == 3
    for sort in ("newest", "biggest"):
        page = client.get("/", params={"sort": sort})
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        expected = store.stories(2, sort)
        links = [page.text.index(f'href="/stories/{s.id}"') for s in expected]
        assert links == sorted(links), sort
        assert "Page 1 of 2" in page.text and 'rel="next"' in page.text
    newest = store.stories(None, "newest")
    assert newest[0].title == "Storm cuts power to coastal towns"
    assert store.stories(None, "biggest")[0].title.startswith("Two killed as Korlin Dam")


def test_story_list_second_page_and_api_paging(client: TestClient, store: Store) -> None:
    second = client.get("/?sort=newest&page=2")
    (last,) = store.stories(2, "newest", offset=2)
    assert f'href="/stories/{last.id}"' in second.text and 'rel="prev"' in second.text
    assert 'rel="next"' not in second.text
    api = client.get("/api/stories", params={"sort": "biggest", "limit": 1, "offset": 1}).json()
    assert api["total"] == 3 and api["offset"] == 1 and api["limit"] == 1
    (only,) = store.stories(1, "biggest", 1)
    (got,) = api["stories"]
    assert {k: got[k] for k in ("id", "title", "size", "duplicates", "sources")} == {
        k: getattr(only, k) for k in ("id", "title", "size", "duplicates", "sources")}
    assert datetime.fromisoformat(got["last_published"]) == only.last_published


def test_story_page_shows_the_summary_and_the_api_is_the_digest(
    client: TestClient, store: Store
) -> None:
    info = store.stories(None, "biggest")[0]
    digest = store.story(info.id)
    page = client.get(f"/stories/{info.id}")
    assert page.status_code == 200
    first = digest.stories[0].summary[0].text
    assert first.split(",")[0] in page.text
    assert 'href="/"' in page.text  # the app's navigation on top of the report
    assert client.get(f"/api/stories/{info.id[:6]}").json() == json.loads(
        json.dumps(digest_to_dict(digest)))


def test_article_page_and_api_show_story_and_duplicate(client: TestClient, store: Store) -> None:
    digest = store.story(store.stories(None, "biggest")[0].id)
    dup = digest.duplicates[0]
    page = client.get(f"/articles/{quote(dup.article_id)}")
    assert page.status_code == 200
    article = next(a for a in digest.articles if a.id == dup.article_id)
    assert article.source in page.text
    assert f'href="/articles/{dup.duplicate_of}"' in page.text
    assert f'href="/stories/{digest.stories[0].id}"' in page.text
    api = client.get(f"/api/articles/{dup.article_id}").json()
    assert api["story_id"] == digest.stories[0].id
    assert api["duplicate_of"]["article_id"] == dup.duplicate_of
    assert api["article"]["title"] == article.title
    assert api["paragraphs"] == [p.text for p in store.article(dup.article_id).article.paragraphs]


def test_search_finds_a_word_in_pages_and_api(client: TestClient, store: Store) -> None:
    page = client.get("/search", params={"q": "Korlin"})
    assert page.status_code == 200 and "<mark>Korlin</mark>" in page.text
    hits = store.search("Korlin", 10)
    assert {h.kind for h in hits} == {"story", "article"}
    for h in hits:
        assert (f'href="/stories/{h.id}"' if h.kind == "story"
                else f'href="/articles/{h.id}"') in page.text
    api = client.get("/api/search", params={"q": "Korlin", "limit": 10}).json()
    assert api == [asdict(h) for h in hits]
    assert client.get("/search", params={"q": "zzyzx"}).text.count("Nothing matches") == 1


def test_openapi_lists_the_api_and_health(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert {"/api/stories", "/api/stories/{story_id}", "/api/articles/{article_id}",
            "/api/search", "/healthz"} <= set(schema["paths"])
    assert "404" in schema["paths"]["/api/stories/{story_id}"]["get"]["responses"]
    assert "/" not in schema["paths"]  # the HTML pages are not part of the API
    assert client.get("/healthz").json() == {"status": "ok", "stories": 3, "articles": 11}


def test_unknown_ids_are_404_and_bad_parameters_422(client: TestClient) -> None:
    for path in ("/stories/szzzz", "/articles/nope", "/api/stories/szzzz", "/api/articles/nope"):
        answer = client.get(path)
        assert answer.status_code == 404, path
        assert "does not exist" in answer.text
        assert ".db" not in answer.text  # the database's path is not shown to the web
    assert client.get("/api/stories/s").status_code == 404  # ambiguous prefix
    assert client.get("/api/stories/szzzz").json()["detail"].startswith("story 'szzzz'")
    for path in ("/?sort=oldest", "/?page=0", "/api/stories?limit=0", "/api/search",
                 "/api/search?q=", "/api/stories?offset=-1"):
        assert client.get(path).status_code == 422, path
    assert "Bad request" in client.get("/?sort=oldest").text


class _Tags(HTMLParser):
    """Every start tag with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def _assert_inert(html: str) -> None:
    """No markup from the data: no script (but the report's own), image, frame or object, no
    event handler, no link or form target other than this site or http(s)."""
    parser = _Tags()
    parser.feed(html.replace(f"<script>{SCRIPT}</script>", ""))
    for tag, attrs in parser.tags:
        assert tag not in {"script", "img", "iframe", "object", "embed"}, tag
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            if name in {"href", "src", "action"}:
                assert value is not None
                assert value.startswith(("/", "#", "https://", "http://", "?")), value


def test_untrusted_titles_text_and_urls_are_escaped(client: TestClient, store: Store) -> None:
    xss = _articles_titled(store, XSS_TITLE)
    story_id = store.article(xss).story_id
    assert story_id is not None
    pages = {
        "list": client.get("/?sort=biggest").text + client.get("/?page=2").text,
        "story": client.get(f"/stories/{story_id}").text,
        "article": client.get(f"/articles/{xss}").text,
        "search": client.get("/search", params={"q": "alert"}).text,
        "search2": client.get("/search", params={"q": '"><script>alert(0)</script>'}).text,
    }
    for hostile in HOSTILE[1:]:
        other = _articles_titled(store, hostile["title"])
        pages[hostile["title"]] = client.get(f"/articles/{other}").text
    for name, html in pages.items():
        _assert_inert(html)
        assert 'href="javascript:' not in html.lower().replace(" ", ""), name
    article = pages["article"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in article
    assert "&lt;script&gt;alert(5)&lt;/script&gt;" in article
    assert "&lt;img src=x onerror=alert(6)&gt;" in article
    assert "javascript:alert(4)" in article and "(not a web link)" in article
    assert "&lt;b onmouseover=alert(3)&gt;Quay Times&lt;/b&gt;" in article
    harbour_post = pages["Port Elden inquiry opens"]
    assert 'href="https://news.example/elden?a=1&amp;b=%22%3E%3Cscript%3E' in harbour_post
    assert "data:text/html" in pages["Storm cuts power to coastal towns"]
    assert "(not a web link)" in pages["Storm cuts power to coastal towns"]


def test_security_headers_on_pages_and_api(client: TestClient) -> None:
    for path in ("/", "/api/stories", "/openapi.json", "/nope"):
        headers = client.get(path).headers
        policy = headers["content-security-policy"]
        assert policy.startswith("default-src 'none'")
        assert f"script-src '{SCRIPT_HASH}';" in policy and "unsafe-inline'; img" in policy
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"


def test_the_store_is_opened_read_only(db: Path, client: TestClient) -> None:
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    for path in ("/", "/search?q=dam", "/api/stories", "/healthz"):
        assert client.get(path).status_code == 200
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    with Store.open(db, read_only=True) as store, pytest.raises(sqlite3.OperationalError):
        store._conn.execute("DELETE FROM stories")


def test_create_app_refuses_missing_foreign_and_old_stores(tmp_path: Path) -> None:
    with pytest.raises(NewsweaveError, match="no such database"):
        create_app(tmp_path / "missing.db")
    foreign = tmp_path / "foreign.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE t (x)")
    with pytest.raises(NewsweaveError, match="not a newsweave database"):
        create_app(foreign)
    empty = tmp_path / "empty.db"
    empty.touch()
    with pytest.raises(NewsweaveError, match="older than this newsweave"):
        create_app(empty)
    assert not (tmp_path / "missing.db").exists() and empty.stat().st_size == 0
