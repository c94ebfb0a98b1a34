"""The HTML page as text: escaping, safe URLs, every section, the CSP, the CLI and the store."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest

import newsweave
from newsweave.cli import main
from newsweave.render.html_page import SCRIPT
from newsweave.render.html_safe import esc, safe_url
from newsweave.render.to_html import render_html

from .conftest import EXAMPLES, HARBOUR, IMG_TAG, SCRIPT_TAG, hostile_files, write_files


@pytest.fixture(scope="module")
def examples_page() -> str:
    return render_html(newsweave.weave(EXAMPLES))


@pytest.fixture(scope="module")
def hostile_page(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = write_files(tmp_path_factory.mktemp("hostile"), hostile_files())
    return render_html(newsweave.weave(folder))


def test_esc_escapes_markup_and_both_quotes():
    assert esc("<a href=\"x\" title='y'>&</a>") == (
        "&lt;a href=&quot;x&quot; title=&#x27;y&#x27;&gt;&amp;&lt;/a&gt;"
    )


@pytest.mark.parametrize("url", [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " \tjavascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "java\rscript:alert(1)",
    "\x00javascript:alert(1)",
    "javascript&#58;alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;avascript&colon;alert(1)",
    "jav&#x09;ascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DATA:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "ftp://example.com/x",
    "//evil.example/x",
    "/relative/path",
    "relative.html",
    "http:\\\\evil.example",
    "https:/evil.example",
    "http://",
    "http://bank.example@evil.example/",
    "http://exa mple.com/",
    "http://ex\x01ample.com/",
    "http://under_score.example/",
    "http://example.com:99999/",
    "http://[not-ipv6]/",
    "",
    None,
])
def test_unsafe_urls_are_refused(url):
    assert safe_url(url) is None


@pytest.mark.parametrize(("url", "normalised"), [
    ("https://example.com/a", "https://example.com/a"),
    ("HTTPS://Example.COM", "https://example.com/"),
    ("  http://example.com/x?q=1#top  ", "http://example.com/x?q=1#top"),
    ("http://example.com/a b", "http://example.com/a%20b"),
    ('https://x.example/"onmouseover=alert(1)', "https://x.example/%22onmouseover=alert(1)"),
    ("https://x.example/?a=<b>", "https://x.example/?a=%3Cb%3E"),
    ("https://example.com/path&amp;x", "https://example.com/path&x"),
    ("http://bücher.example/", "http://xn--bcher-kva.example/"),
    ("http://[::1]:8080/x", "http://[::1]:8080/x"),
    ("http://example.com:8080", "http://example.com:8080/"),
])
def test_http_urls_survive_normalised(url, normalised):
    assert safe_url(url) == normalised


def test_every_section_is_there_for_the_examples(examples_page):
    for heading in ("Summary", "Coverage", "Sources", "Conflicts", "Agreements",
                    "Only one source", "Timeline", "Who and where", "Duplicates",
                    "Shared passages", "Rejected inputs", "Warnings", "Accounting"):
        assert f">{heading}</h" in examples_page, heading
    assert '<html lang="en">' in examples_page
    assert "7 inputs: 5 in 1 story, 2 duplicates, 0 rejected" in examples_page
    assert "At least 4,000 residents have been forced from their homes" in examples_page
    assert "near duplicate of [4], similarity 0.91" in examples_page
    assert "decoded as cp1252" in examples_page


def test_every_citation_is_a_button_controlling_its_cited_sentence(examples_page):
    digest = newsweave.weave(EXAMPLES)
    (story,) = digest.stories
    buttons = re.findall(r'<button type="button" class="cite" aria-expanded="true" '
                         r'aria-controls="([^"]+)"', examples_page)
    assert len(buttons) == sum(len(s.citations) for s in story.summary)
    for panel in buttons:
        assert examples_page.count(f'id="{panel}"') == 1
    # the first citation's panel holds the summary sentence itself
    first = story.summary[0]
    panel = re.search(r'id="story-1-p1-c1"><p>(.*?)</p>', examples_page).group(1)
    assert panel == esc(first.text)


def test_coverage_matrix_rows_are_sources_and_columns_points(examples_page):
    points = len(newsweave.weave(EXAMPLES).stories[0].summary)
    matrix = examples_page.split('<table class="matrix">')[1].split("</table>")[0]
    assert matrix.count('<th scope="row">') == 7
    assert matrix.count("<td><span class=\"cell") == 7 * points
    assert matrix.count('class="cell quoted"') == points  # one quoted source per point


def test_the_csp_allows_exactly_the_inline_script(examples_page):
    digest = base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"',
                    examples_page).group(1)
    assert f"script-src 'sha256-{digest}'" in csp
    assert "default-src 'none'" in csp
    scripts = re.findall(r"<script>(.*?)</script>", examples_page, flags=re.S)
    assert scripts == [SCRIPT]


def test_the_page_loads_nothing_from_outside(examples_page):
    assert not re.search(r"<(link|iframe|object|embed|img)\b", examples_page)
    assert not re.search(r"\bsrc=", examples_page)
    assert "@import" not in examples_page and "url(" not in examples_page


def test_hostile_fields_are_text_and_unsafe_urls_no_links(hostile_page):
    assert "<script>window" not in hostile_page and "<img" not in hostile_page
    assert esc(SCRIPT_TAG) in hostile_page and esc(IMG_TAG) in hostile_page
    assert not re.search(r"\son\w+\s*=", hostile_page.replace(esc(IMG_TAG), ""))
    assert "javascript" not in hostile_page.lower()
    hrefs = re.findall(r'href="([^"]*)"', hostile_page)
    assert hrefs and all(h.startswith("#") for h in hrefs)


def test_a_safe_url_becomes_a_link(tmp_path):
    files = dict(HARBOUR)
    files["a.txt"] = files["a.txt"].replace("\n\n", "\nURL: https://News.example/crane?id=1&x=2"
                                                    "\n\n", 1)
    page = render_html(newsweave.weave(write_files(tmp_path / "in", files)))
    assert ('<a href="https://news.example/crane?id=1&amp;x=2" rel="noopener noreferrer '
            'nofollow">Crane collapse halts work at Port Elden</a>') in page


def test_title_and_nav(examples_page):
    digest = newsweave.weave(EXAMPLES)
    page = render_html(digest, title="<Dam> & floods", nav='<a href="/">&#8592; all stories</a>')
    assert "<title>&lt;Dam&gt; &amp; floods</title>" in page
    assert '<div class="topnav"><a href="/">&#8592; all stories</a></div>' in page
    assert "<title>Two killed as Korlin Dam bursts" in examples_page


def test_many_stories_get_a_table_of_contents(tmp_path):
    other = {"x.txt": "Library reopens after flood repairs\n\nThe central library of Marrow "
                      "reopened on Monday after eight months of repairs to its flooded "
                      "basement, the city council said.\n\nThe council spent 2.4 million "
                      "crowns on new pumps and a raised archive floor."}
    digest = newsweave.weave(write_files(tmp_path / "in", {**HARBOUR, **other}))
    page = render_html(digest)
    assert len(digest.stories) == 2
    assert '<nav class="toc" aria-label="Stories">' in page
    assert 'href="#story-1"' in page and 'id="story-2"' in page


@pytest.mark.parametrize("args", [["-o", "{out}/r.html"], ["-o", "{out}/r.HTM"],
                                  ["-f", "html", "-o", "{out}/r.txt"]])
def test_weave_writes_html(tmp_path, capsys, args):
    folder = write_files(tmp_path / "in", HARBOUR)
    argv = ["weave", str(folder), *(a.format(out=tmp_path) for a in args)]
    assert main(argv) == 0
    (written,) = [p for p in tmp_path.iterdir() if p.is_file()]
    assert written.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_weave_html_to_stdout(tmp_path, capsys):
    folder = write_files(tmp_path / "in", HARBOUR)
    assert main(["weave", str(folder), "-f", "html"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("<!DOCTYPE html>") and out.rstrip().endswith("</html>")


def test_store_report_writes_an_index_and_a_page_per_story(tmp_path, capsys):
    db = str(tmp_path / "s.db")
    assert main(["ingest", str(write_files(tmp_path / "in", hostile_files())), "--db", db]) == 0
    out = tmp_path / "site"
    assert main(["report", "--db", db, "-o", str(out)]) == 0
    assert "index.html" in capsys.readouterr().err
    index = (out / "index.html").read_text(encoding="utf-8")
    pages = sorted(p.name for p in out.glob("s*.html"))
    assert len(pages) == 1 and f'href="{pages[0]}"' in index
    page = (out / pages[0]).read_text(encoding="utf-8")
    assert '<a href="index.html">&#8592; all stories</a>' in page
    assert "<script>window" not in page and esc(SCRIPT_TAG) in page
    assert "Port Elden" in page and "<h3 id=\"story-1-summary\">Summary</h3>" in page


def test_store_report_api_and_an_empty_store(tmp_path):
    from newsweave.store.db import connect

    db = tmp_path / "empty.db"
    connect(db, create=True).close()
    index = newsweave.write_store_report(tmp_path / "site", db)
    assert index == tmp_path / "site" / "index.html"
    assert "No stories stored yet." in index.read_text(encoding="utf-8")


def test_store_report_on_a_missing_database_is_a_clear_error(tmp_path, capsys):
    assert main(["report", "--db", str(tmp_path / "none.db"), "-o", str(tmp_path / "x")]) == 1
    assert "no such database" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


def test_show_renders_html(tmp_path, capsys):
    db = str(tmp_path / "s.db")
    assert main(["ingest", str(write_files(tmp_path / "in", HARBOUR)), "--db", db, "-q"]) == 0
    capsys.readouterr()
    assert main(["stories", "--db", db, "--json"]) == 0
    story_id = Path(capsys.readouterr().out.split('"id": "')[1].split('"')[0]).name
    assert main(["show", story_id, "--db", db, "-f", "html"]) == 0
    assert "Harbour master Lena Ostrova" in capsys.readouterr().out


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_colours_have_enough_contrast():
    from newsweave.render.html_page import STYLE

    colours = dict(re.findall(r"--(\w+):(#[0-9a-f]{6})", STYLE))
    for text in ("ink", "muted", "accent", "quoted", "warn"):
        for background in ("bg", "soft"):
            assert _contrast(colours[text], colours[background]) >= 4.5, (text, background)
    assert _contrast("#ffffff", colours["quoted"]) >= 4.5  # an open citation button
    for mark in ("quoted", "carried"):  # the matrix's cells: graphics need 3:1
        assert _contrast(colours[mark], colours["bg"]) >= 3.0, mark
