"""The web app in a real browser (Debian's headless Chromium via Playwright), served by
`newsweave serve` on loopback: hostile articles stay inert text, the story page's citation
script runs under the app's Content-Security-Policy header, and nothing breaks the policy.

Skipped when /usr/bin/chromium is absent, except under CI=true (see test_html_browser.py).
"""

from __future__ import annotations

import http.client
import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

from newsweave.render.html_page import SCRIPT
from newsweave.store.ingest import ingest

from .conftest import hostile_files, write_files
from .test_html_browser import browser, page  # noqa: F401 - the fixtures, shared


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("served")
    db = folder / "s.db"
    ingest(write_files(folder / "in", hostile_files()), db)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "newsweave.cli", "serve", "--db", str(db),
                                "--port", str(port)], stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                break
        except ConnectionRefusedError:
            assert time.monotonic() < deadline and process.poll() is None, "no server"
            time.sleep(0.1)
    yield base
    process.terminate()
    process.wait(timeout=10)


def _get_json(url: str) -> object:
    host, port = url.removeprefix("http://").split("/")[0].split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    conn.request("GET", "/" + url.split("/", 3)[3])
    return json.loads(conn.getresponse().read())


def test_every_page_is_inert_and_the_citations_work(page, server: str) -> None:  # noqa: F811
    (story,) = _get_json(f"{server}/api/stories")["stories"]  # type: ignore[index]
    digest = _get_json(f"{server}/api/stories/{story['id']}")
    urls = [f"{server}/", f"{server}/?sort=biggest", f"{server}/stories/{story['id']}",
            f"{server}/search?q=crane", f"{server}/search?q=%3Cscript%3E"]
    urls += [f"{server}/articles/{a['id']}" for a in digest["articles"]]  # type: ignore[index]
    for url in urls:
        page.goto(url)
        assert page.evaluate("window.__xss") is None, url
        scripts = page.eval_on_selector_all("script", "ss => ss.map(s => s.textContent)")
        assert all(text == SCRIPT for text in scripts), url
        assert page.locator("img, iframe, object, embed").count() == 0, url
        hrefs = page.eval_on_selector_all("a[href]", "as => as.map(a => a.href)")
        assert all(h.startswith(("http://", "https://")) for h in hrefs), url
    page.goto(f"{server}/stories/{story['id']}")
    button = page.locator("button.cite[aria-controls]").first
    panel = page.locator(f"#{button.get_attribute('aria-controls')}")
    assert button.get_attribute("aria-expanded") == "false" and panel.is_hidden()
    button.click()
    assert button.get_attribute("aria-expanded") == "true" and panel.is_visible()
    page.goto(f"{server}/")
    page.fill("#q", "crane")
    page.press("#q", "Enter")
    page.wait_for_url("**/search?q=crane")
    assert page.locator("mark").count() > 0
    assert page.errors == []  # no script error, no Content-Security-Policy violation
