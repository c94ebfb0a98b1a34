"""Content ids for cleaned articles."""

from __future__ import annotations

import hashlib

from newsweave.clean.markup import collapse
from newsweave.text.tokens import fold


def article_id(text: str) -> str:
    """"a" + the first 11 hex digits of sha1 over the folded, whitespace-normalised text."""
    return "a" + hashlib.sha1(fold(collapse(text)).encode("utf-8")).hexdigest()[:11]
