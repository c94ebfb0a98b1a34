"""Untrusted text and URLs made safe for an HTML page.

Article text, titles and URLs come from the inputs: every one goes through `esc` before it
reaches the page, and a URL becomes a link only when `safe_url` returns it.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote, urlsplit, urlunsplit

_SCHEMES = ("http", "https")
# Browsers strip C0 controls and spaces at a URL's ends and drop tabs and newlines anywhere in
# it: doing the same first makes " java\tscript:" read as what a browser would see.
_ENDS = "".join(map(chr, range(0x21)))
_TABS_NEWLINES = re.compile(r"[\t\n\r]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_HOST = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.?")
_IPV6 = re.compile(r"\[[0-9a-f:.]+\]")
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"
_QUERY_SAFE = _PATH_SAFE + "?"


def esc(text: object) -> str:
    """`text` as HTML text or a quoted attribute value: `& < > " '` escaped."""
    return html.escape(str(text), quote=True)


def safe_url(url: str | None) -> str | None:
    """A normalised http(s) URL, or None for anything else.

    HTML entities are decoded, outer whitespace and all tabs and newlines removed (other
    control characters refuse the URL), the scheme and host lower-cased, the host checked
    (letters, digits, dots, hyphens; IDNA for non-ASCII; or a bracketed IPv6 address), user
    names refused (`http://bank.example@evil.example`), and characters that do not belong in a
    URL percent-encoded. `javascript:`, `data:`,
    `vbscript:`, relative and scheme-relative URLs, and their obfuscated spellings give None.
    """
    if not url:
        return None
    cleaned = _TABS_NEWLINES.sub("", html.unescape(url).strip(_ENDS))
    if _CONTROL.search(cleaned):
        return None
    try:
        parts = urlsplit(cleaned)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in _SCHEMES or "@" in parts.netloc or "\\" in cleaned:
        return None
    host = _host(parts.hostname or "")
    if host is None:
        return None
    netloc = host if port is None else f"{host}:{port}"
    return urlunsplit((
        scheme,
        netloc,
        quote(parts.path, safe=_PATH_SAFE) or "/",
        quote(parts.query, safe=_QUERY_SAFE),
        quote(parts.fragment, safe=_QUERY_SAFE),
    ))


def _host(hostname: str) -> str | None:
    """The host lower-cased and IDNA-encoded, or None when it is not a valid host name."""
    if _IPV6.fullmatch(f"[{hostname}]") and ":" in hostname:
        return f"[{hostname}]"
    try:
        host = hostname.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return None
    return host if host and _HOST.fullmatch(host) else None
