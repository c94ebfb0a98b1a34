"""Units of the comparison normalisers: numbers, qualifiers, dates, name variants."""

from __future__ import annotations

import math
import re
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsweave.compare import numbers
from newsweave.compare.dates import date_mentions
from newsweave.compare.names import are_variants, differ_in_spelling
from newsweave.compare.numbers import parse_number, quantities

MONDAY = datetime(2026, 5, 4, 9)


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("250,000", 250_000), ("a quarter of a million", 250_000), ("2.5 million", 2_500_000),
        ("half a million", 500_000), ("forty thousand", 40_000), ("twenty-five", 25),
        ("three hundred and twenty", 320), ("four-and-a-half", 4.5), ("a quarter", 0.25),
    ],
)
def test_numbers_in_words_and_digits(phrase: str, value: float) -> None:
    assert parse_number(phrase) == pytest.approx(value)


def test_qualifiers_bound_the_value() -> None:
    more, about = (quantities(t)[0] for t in ("more than 250,000", "about 300,000"))
    assert (more.qualifier, about.qualifier) == ("more than", "about")
    assert more.bounds == (250_000, math.inf)
    assert about.bounds[0] < 300_000 < about.bounds[1]
    assert about.bounds[0] < more.bounds[1]  # overlapping: they differ without contradicting


def test_units_durations_shares_money() -> None:
    five, half = quantities("the five-year war")[0], quantities("a four-and-a-half year war")[0]
    assert (five.unit, five.normalized, half.normalized) == ("duration", "5 years", "4.5 years")
    assert quantities("48-hour strike")[0].value == quantities("two-day strike")[0].value
    assert quantities("60 percent")[0].value == pytest.approx(0.6)
    assert quantities("25%")[0].value == quantities("a quarter of it")[0].value
    assert quantities("$1.2 billion")[0].value == quantities("1.2 billion dollars")[0].value
    assert quantities("$1.2 billion")[0].unit == "USD"


_NUMBERISH = ["a", "an", "one", "twenty", "Five", "half", "quarter", "of", "million", "year",
              "months", "day", "about", "more", "than", "$", "%", "percent", "12", "3.5",
              "2,000", "2015", "-", "dozen", "hundred", "and", "people", "someone", "ﬁve",
              "one's", "x9", "①", "twentyé", "Decade", "per", "cent", ",", "."]


@given(st.lists(st.sampled_from(_NUMBERISH), max_size=12), st.sampled_from([" ", "", "-"]))
def test_the_number_pre_test_never_hides_a_quantity(words: list[str], glue: str) -> None:
    """A sentence the cheap pre-test skips has no quantity when fully parsed."""
    text = glue.join(words)
    pre_test, numbers._MAYBE_NUMBER = numbers._MAYBE_NUMBER, re.compile("")
    try:
        parsed = quantities(text)
    finally:
        numbers._MAYBE_NUMBER = pre_test
    assert quantities(text) == parsed


def test_years_and_times_are_not_quantities() -> None:
    assert quantities("built in 1968 and failed at 11 p.m. today") == []


def test_absolute_dates_with_and_without_year() -> None:
    (dec18,) = date_mentions("talks on Dec. 18 in New York", None)
    (full,) = date_mentions("on December 11, 2015 in Paris", None)
    assert (dec18.iso, full.iso) == ("--12-18", "2015-12-11")
    (may6,) = date_mentions("on May 6", MONDAY)
    assert may6.start == date(2026, 5, 6)


def test_relative_dates_resolve_against_publication() -> None:
    (wed,) = date_mentions("Divers will inspect the ferry on Wednesday.", MONDAY)
    (sun,) = date_mentions("The ferry ran aground on Sunday.", MONDAY)
    (week,) = date_mentions("They meet next week.", MONDAY)
    assert (wed.iso, sun.iso) == ("2026-05-06", "2026-05-03")
    assert week.iso == "2026-05-11/2026-05-17"
    (may6,) = date_mentions("on May 6", MONDAY)
    assert wed.same_as(may6) is True and sun.same_as(may6) is False


def test_relative_dates_without_publication_date_stay_unresolved() -> None:
    (friday,) = date_mentions("talks on Friday in New York", None)
    (dec18,) = date_mentions("talks on Dec. 18 in New York", None)
    assert friday.iso == "" and friday.same_as(dec18) is None


@pytest.mark.parametrize(
    ("a", "b"),
    [("Sergei Lavrov", "Sergey Lavrov"), ("Alexei Navalny", "Aleksei Navalny"),
     ("Jaroslav Novak", "Yaroslav Novák"), ("Ilse Brandt", "Ilse Brant"), ("Riyadh", "Riyad")],
)
def test_spelling_variants(a: str, b: str) -> None:
    assert are_variants(a, b) and differ_in_spelling(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Vladimir Putin", "Vladimir Isachenkov"), ("Jordan", "Gordon"), ("Mark Toner", "Mary Toner"),
     ("Austria", "Australia")],
)
def test_different_names_stay_apart(a: str, b: str) -> None:
    assert not are_variants(a, b)


def test_particles_are_not_spelling_differences() -> None:
    assert are_variants("Bashar al-Assad", "Bashar Assad")
    assert not differ_in_spelling("Bashar al-Assad", "Bashar Assad")
