"""Tokens and stems: the Porter stems every step counts with."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsweave.text.tokens import _FOLD, _stemmer, content_terms, fold, stem


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


@given(st.text(alphabet=st.sampled_from([*_FOLD, "a", "B", " ", "-", "é", "ﬁ", "①", "İ", "'"])))
def test_fold_is_the_character_map_then_nfkc_then_lower_case(text: str) -> None:
    expected = unicodedata.normalize("NFKC", text.translate(str.maketrans(_FOLD))).lower()
    assert fold(text) == expected


def test_fold_turns_typography_into_ascii() -> None:
    assert fold("“Ardell’s” dam — 4\u00a0000 ﬁles") == '"ardell\'s" dam - 4 000 files'
