"""The shell of every HTML page: inline CSS, the one inline script, the Content-Security-Policy.

The script holds no data: it only shows and hides the cited-sentence panels that the page
already contains (visible when scripts are off, and in print). The policy allows exactly this
script (by its SHA-256) and inline styles; nothing else loads or runs, not even an injected
script.
"""

from __future__ import annotations

import base64
import hashlib

from newsweave.render.html_safe import esc

STYLE = """
:root{--ink:#1b1f24;--muted:#4a5360;--line:#c9d0d8;--soft:#f3f5f8;--accent:#0b57d0;
--quoted:#173f8a;--carried:#4f83d6;--warn:#8a3b00;--bg:#ffffff}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);
font:1rem/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
.page{max-width:60rem;margin:0 auto;padding:1rem 1rem 3rem}
a{color:var(--accent)}
a:focus-visible,button:focus-visible,[tabindex]:focus-visible{outline:3px solid #b5470b;
outline-offset:2px}
.topnav{margin-bottom:.5rem}
header.digest{border-bottom:2px solid var(--line);margin-bottom:1.5rem}
h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0}
h2{font-size:1.35rem;line-height:1.3;margin:0 0 .25rem}
h3{font-size:1.08rem;margin:1.6rem 0 .5rem;border-bottom:1px solid var(--line);
padding-bottom:.2rem}
.meta,.note{color:var(--muted);font-size:.92rem}
.story{border-top:4px solid var(--accent);padding-top:1rem;margin-bottom:3rem}
.digest-part{margin-top:2.2rem}
.digest-part h2{border-bottom:2px solid var(--line);padding-bottom:.2rem}
.toc ol{padding-left:1.4rem}
.summary{padding-left:1.6rem}
.summary>li{margin-bottom:.8rem}
.cites{white-space:nowrap}
button.cite{font:inherit;font-size:.8rem;font-weight:700;line-height:1;min-width:1.9rem;
min-height:1.9rem;margin:0 .1rem;padding:.2rem .35rem;border:1px solid var(--accent);
border-radius:.35rem;background:#eef3fc;color:var(--quoted);cursor:pointer;
vertical-align:.1em}
button.cite[aria-expanded=true]{background:var(--quoted);color:#fff}
.quotes{margin:.4rem 0 0}
.quote{margin:.35rem 0;padding:.5rem .75rem;border-left:4px solid var(--carried);
background:var(--soft);border-radius:0 .35rem .35rem 0}
.quote p{margin:0}
.quote footer{color:var(--muted);font-size:.88rem;margin-top:.2rem}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;margin:.4rem 0;font-size:.94rem}
th,td{border:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}
thead th{background:var(--soft)}
table.matrix td,table.matrix thead th{text-align:center;padding:.2rem;min-width:2rem}
table.matrix th[scope=row]{font-weight:400;white-space:nowrap}
.cell{display:inline-block;width:1.3rem;height:1.3rem;border-radius:.2rem;
border:1px solid #8792a2;background:#fff;vertical-align:middle}
.cell.quoted{background:var(--quoted);border-color:var(--quoted)}
.cell.carried{background:var(--carried);border-color:var(--carried)}
.legend{display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;font-size:.9rem;color:var(--muted);
list-style:none;padding:0}
.sides{display:flex;flex-wrap:wrap;gap:.6rem}
.side{flex:1 1 13rem;border:1px solid var(--line);border-radius:.4rem;padding:.5rem .7rem}
.side .value{font-size:1.15rem;font-weight:700;margin:0}
.conflict{margin-bottom:1rem}
.conflict h4{margin:.3rem 0;font-size:1rem}
.strict{color:var(--warn);font-weight:700}
.refs{white-space:nowrap;color:var(--muted);font-size:.9rem}
dl.accounting{display:grid;grid-template-columns:max-content max-content;gap:.2rem 1rem}
dl.accounting dd{margin:0;text-align:right;font-variant-numeric:tabular-nums}
.visually-hidden{position:absolute!important;width:1px;height:1px;overflow:hidden;
clip:rect(0 0 0 0);white-space:nowrap}
@media (max-width:30rem){.page{padding:.6rem .6rem 2rem}h1{font-size:1.35rem}
h2{font-size:1.18rem}.summary{padding-left:1.2rem}
table.matrix th[scope=row]{white-space:normal;min-width:8rem}}
@media print{.topnav,.toc{display:none}.quote[hidden]{display:block!important}
button.cite{border:none;background:none;color:#000;min-width:0;min-height:0;padding:0}
.story{break-before:page;border-top:none}.story:first-of-type{break-before:auto}
.scroll{overflow:visible}a{color:#000}.cell{print-color-adjust:exact;
-webkit-print-color-adjust:exact}}
"""

SCRIPT = """
(function () {
  "use strict";
  var buttons = document.querySelectorAll("button.cite[aria-controls]");
  function panel(button) {
    return document.getElementById(button.getAttribute("aria-controls"));
  }
  function show(button, open) {
    var target = panel(button);
    if (!target) { return; }
    button.setAttribute("aria-expanded", open ? "true" : "false");
    target.hidden = !open;
  }
  Array.prototype.forEach.call(buttons, function (button) {
    show(button, false);
    button.addEventListener("click", function () {
      show(button, button.getAttribute("aria-expanded") !== "true");
    });
  });
  document.addEventListener("keydown", function (event) {
    var button = document.activeElement;
    if (event.key === "Escape" && button && button.matches("button.cite")) {
      show(button, false);
    }
  });
})();
"""

SCRIPT_HASH = "sha256-" + base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    f"script-src '{SCRIPT_HASH}'; base-uri 'none'; form-action 'none'"
)


def html_page(title: str, body: str, *, nav: str = "") -> str:
    """A whole HTML document: `title` is text (escaped here); `body` and `nav` are trusted HTML."""
    top = f'<div class="topnav">{nav}</div>\n' if nav else ""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{esc(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        f'<div class="page">\n{top}{body}\n</div>\n<script>{SCRIPT}</script>\n</body>\n</html>\n'
    )
