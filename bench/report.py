#!/usr/bin/env python3
"""Page weight and render time of the HTML report, and the README's screenshot.

    .venv/bin/python bench/report.py [--input examples] [--input ../shared/seeds] [--repeat 21]
    .venv/bin/python bench/report.py --screenshot docs/report.png

For each input folder: the page's size in bytes (and gzipped), the median and min time of
`render_html` on the woven digest (the weave itself is not counted), and, when Debian's
/usr/bin/chromium and playwright are installed, the browser's time from navigation start to
the load event (median of fresh page loads in one headless Chromium) and the wall time of
`page.goto`. `--screenshot` writes a PNG of the examples' report at desktop width with one
citation opened (and `--phone PATH` one at 360 px).
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import tempfile
import time
from pathlib import Path

import newsweave
from newsweave.render.to_html import render_html

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
LOAD_MS = ("(() => { const n = performance.getEntriesByType('navigation')[0];"
           " return [n.domContentLoadedEventEnd, n.loadEventEnd]; })()")


def render_times(digest: newsweave.Digest, repeat: int) -> list[float]:
    """Seconds per `render_html` call, `repeat` calls after one warm-up."""
    render_html(digest)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        render_html(digest)
        times.append(time.perf_counter() - start)
    return times


def browser_times(pages: list[Path], repeat: int) -> dict[Path, tuple[float, float, float]]:
    """Per page: median DOMContentLoaded and load-event ms, and median `goto` wall ms."""
    from playwright.sync_api import sync_playwright

    out = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for path in pages:
            ready, load, wall = [], [], []
            for _ in range(repeat):
                tab = browser.new_page()
                start = time.perf_counter()
                tab.goto(path.as_uri(), wait_until="load")
                wall.append((time.perf_counter() - start) * 1000)
                dom, loaded = tab.evaluate(LOAD_MS)
                ready.append(dom)
                load.append(loaded)
                tab.close()
            out[path] = (statistics.median(ready), statistics.median(load),
                         statistics.median(wall))
        browser.close()
    return out


def screenshot(report: Path, path: Path, width: int, height: int) -> None:
    """A PNG of the top of `report` at `width` x `height` with the second point's citations
    opened."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        tab = browser.new_page(viewport={"width": width, "height": height})
        tab.goto(report.as_uri())
        tab.locator('button.cite[aria-controls="story-1-p1-c2"]').click()
        path.parent.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(path))
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--input", action="append", type=Path,
                        help="folder to weave and render (repeatable; default: examples/ and "
                             "../shared/seeds when present)")
    parser.add_argument("--repeat", type=int, default=21, help="timed runs (default: 21)")
    parser.add_argument("--screenshot", type=Path, help="write the README screenshot here")
    parser.add_argument("--phone", type=Path, help="also a 360 px wide screenshot here")
    args = parser.parse_args()
    inputs = args.input or [p for p in (ROOT / "examples", ROOT.parent / "shared" / "seeds")
                            if p.is_dir()]
    out = Path(tempfile.mkdtemp(prefix="newsweave-report-"))
    pages = {}
    print(f"{'input':<28} {'bytes':>8} {'gzip':>7} {'render ms (median/min)':>24}")
    for folder in inputs:
        digest = newsweave.weave(folder)
        page = render_html(digest)
        path = out / f"{folder.name}.html"
        path.write_text(page, encoding="utf-8")
        pages[folder] = path
        size = len(page.encode("utf-8"))
        gz = len(gzip.compress(page.encode("utf-8")))
        times = render_times(digest, args.repeat)
        print(f"{str(folder):<28} {size:>8} {gz:>7} "
              f"{statistics.median(times) * 1000:>15.2f} / {min(times) * 1000:.2f}")
    if not CHROMIUM.exists():
        print(f"(no browser timing: {CHROMIUM} is absent)")
        return
    print(f"\n{'input':<28} {'DOMContentLoaded ms':>20} {'load ms':>8} {'goto wall ms':>13}")
    for folder, (ready, load, wall) in browser_times(list(pages.values()), args.repeat).items():
        print(f"{folder.stem:<28} {ready:>20.1f} {load:>8.1f} {wall:>13.1f}")
    if args.screenshot:
        screenshot(pages[inputs[0]], args.screenshot, 1000, 1250)
        print(f"wrote {args.screenshot}")
    if args.phone:
        screenshot(pages[inputs[0]], args.phone, 360, 1100)
        print(f"wrote {args.phone}")


if __name__ == "__main__":
    main()
