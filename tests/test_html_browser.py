"""The HTML report in a real browser: Debian's headless Chromium driven by Playwright.

Skipped when /usr/bin/chromium is absent, except under CI=true, where a missing browser fails
the run (so CI proves these tests ran). `.ci/run` installs the browser.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import newsweave
from newsweave.cli import main
from newsweave.text.segment import sentences_of

from .conftest import EXAMPLES, IMG_TAG, SCRIPT_TAG, hostile_files, write_files

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    if sync_playwright is None or not CHROMIUM.exists():
        missing = "playwright" if sync_playwright is None else str(CHROMIUM)
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{missing} is missing but CI=true: the browser tests must run in CI")
        pytest.skip(f"{missing} is missing (apt-get install chromium)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    tab = context.new_page()
    tab.errors = []
    tab.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    yield tab
    context.close()


@pytest.fixture(scope="module")
def examples_report(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("report") / "report.html"
    assert main(["weave", str(EXAMPLES), "-o", str(path), "-q"]) == 0
    return path


def test_citation_click_reveals_the_source_sentence(page, examples_report, tmp_path):
    page.goto(examples_report.as_uri())
    summary = page.locator("#story-1-summary + ol.summary")
    assert "At least 4,000 residents have been forced from their homes" in summary.inner_text()
    button = page.locator('button.cite[aria-controls="story-1-p1-c2"]')
    panel = page.locator("#story-1-p1-c2")
    assert button.get_attribute("aria-expanded") == "false" and panel.is_hidden()
    button.click()
    assert button.get_attribute("aria-expanded") == "true" and panel.is_visible()
    text = panel.inner_text()
    sentence, source = _cited(0, 1)
    assert sentence in text and source in text
    shot = tmp_path / "report.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.read_bytes().startswith(b"\x89PNG") and shot.stat().st_size > 10_000
    button.click()
    assert panel.is_hidden()
    assert page.errors == []


def _cited(point: int, citation: int) -> tuple[str, str]:
    """The sentence and outlet of the examples' summary point's citation, from the model."""
    digest = newsweave.weave(EXAMPLES)
    c = digest.stories[0].summary[point].citations[citation]
    article = digest.article(c.article_id)
    return sentences_of(article)[c.sentence_index].text, article.source


def test_citations_work_from_the_keyboard(page, examples_report):
    page.goto(examples_report.as_uri())
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('aria-controls')")
    assert focused == "story-1-p1-c1"
    panel = page.locator("#story-1-p1-c1")
    page.keyboard.press("Enter")
    assert panel.is_visible() and _cited(0, 0)[0] in panel.inner_text()
    page.keyboard.press("Escape")
    assert panel.is_hidden()
    page.keyboard.press("Space")
    assert panel.is_visible()


def test_without_scripts_and_in_print_the_cited_sentences_show(browser, examples_report):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(examples_report.as_uri())
    assert tab.locator("#story-1-p1-c2").is_visible()
    context.close()
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(examples_report.as_uri())
    assert tab.locator("#story-1-p1-c2").is_hidden()
    tab.emulate_media(media="print")
    assert tab.locator("#story-1-p1-c2").is_visible()
    context.close()


def test_readable_on_a_phone(browser, examples_report):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    tab = context.new_page()
    tab.goto(examples_report.as_uri())
    overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0  # wide tables scroll inside their own region
    context.close()


def test_hostile_articles_stay_text_and_no_script_runs(page, tmp_path):
    folder = write_files(tmp_path / "in", hostile_files())
    report = tmp_path / "xss.html"
    assert main(["weave", str(folder), "-o", str(report), "-q"]) == 0
    page.goto(report.as_uri())
    page.wait_for_load_state("load")
    for button in page.locator("button.cite").all():
        button.click()
    assert page.evaluate("typeof window.__xss") == "undefined"
    body = page.locator("body").inner_text()
    assert SCRIPT_TAG in body and IMG_TAG in body
    assert page.locator("img").count() == 0 and page.locator("script").count() == 1
    assert page.locator('a[href^="javascript" i]').count() == 0
    assert page.evaluate("[...document.querySelectorAll('*')].flatMap(e => "
                         "[...e.attributes].map(a => a.name)).filter(n => "
                         "n.startsWith('on')).length") == 0


def test_the_csp_blocks_a_script_that_slipped_in(page, examples_report, tmp_path):
    html = examples_report.read_text(encoding="utf-8")
    tampered = tmp_path / "tampered.html"
    tampered.write_text(html.replace("</main>", f"{SCRIPT_TAG}{IMG_TAG}</main>"), "utf-8")
    page.goto(tampered.as_uri())
    page.wait_for_load_state("load")
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator("button.cite").first.get_attribute("aria-expanded") == "false"
