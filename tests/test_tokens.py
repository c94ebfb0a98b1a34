"""Tokens and stems: the Porter stems every step counts with."""

from __future__ import annotations

import pytest

from newsweave.text.tokens import _stemmer, content_terms, stem


def test_stems_come_from_the_c_build_of_snowball() -> None:
    """PyStemmer is a dependency: without it every term pays pure Python's stemmer (13x)."""
    assert type(_stemmer()).__module__ == "Stemmer"


@pytest.mark.parametrize(("word", "expected"), [
    ("running", "run"), ("negotiations", "negoti"), ("ceasefire", "ceasefir"),
    ("generously", "gener"), ("relational", "relat"), ("step", "step"),
])
def test_porter_stems(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_content_terms_skip_stop_words_and_stem_the_rest() -> None:
    assert content_terms("The talks were postponed by the ministers") == [
        "talk", "postpon", "minist"]
