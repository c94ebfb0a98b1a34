"""Spelling variants of one name: Sergei/Sergey Lavrov, Bashar al-Assad/Bashar Assad.

Two names are variants when, after dropping particles (al, el, de, ...), they have the same
number of tokens and each pair of tokens is equal or a spelling variant: equal under a
transliteration key (y/i/j, ks/x, ph/f, kh/h, doubled letters, accents), or, for tokens of five
letters or more that start alike, one edit apart.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

PARTICLES = frozenset({"al", "el", "ad", "ash", "bin", "ibn", "de", "da", "del", "der", "van",
                       "von", "le", "la", "di"})
_TRANSLIT = (("ks", "x"), ("ph", "f"), ("kh", "h"), ("dh", "d"), ("ck", "k"), ("q", "k"),
             ("ou", "u"), ("ee", "i"), ("y", "i"), ("j", "i"), ("w", "v"))
_DOUBLE = re.compile(r"(\w)\1+")


@lru_cache(maxsize=4096)
def name_tokens(name: str) -> tuple[str, ...]:
    """Lower-cased, accent-free tokens of a name, particles dropped."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return tuple(t for t in re.split(r"[\s\-'’.]+", plain) if t and t not in PARTICLES)


@lru_cache(maxsize=4096)
def translit_key(token: str) -> str:
    """A key equal for common transliteration variants of one token."""
    key = token.lower()
    for old, new in _TRANSLIT:
        key = key.replace(old, new)
    return _DOUBLE.sub(r"\1", key)


def token_variants(a: str, b: str) -> bool:
    """Whether two name tokens are the same token spelled (possibly) differently."""
    if a == b or translit_key(a) == translit_key(b):
        return True
    return min(len(a), len(b)) >= 5 and a[0] == b[0] and _one_edit(a, b)


def are_variants(a: str, b: str) -> bool:
    """Whether two names are spellings of one name (identical names included)."""
    ta, tb = name_tokens(a), name_tokens(b)
    if not ta or len(ta) != len(tb):
        return False
    if len(ta) == 1:
        return translit_key(ta[0]) == translit_key(tb[0])
    return all(token_variants(x, y) for x, y in zip(ta, tb, strict=True))


def differ_in_spelling(a: str, b: str) -> bool:
    """Variants whose tokens really differ (not only in particles, case or punctuation)."""
    return are_variants(a, b) and name_tokens(a) != name_tokens(b)


def _one_edit(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))
