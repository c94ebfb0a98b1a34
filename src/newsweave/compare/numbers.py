"""Quantities in text: digits or words, scale words, fractions, percentages, units, qualifiers.

"about 300,000", "more than 250,000", "a quarter of a million", "2.5 million", "five-year",
"four-and-a-half year", "60 percent", "$3 billion" all become a `Quantity` whose `bounds` say
which true values the wording allows (qualifiers kept: "more than x" allows anything above x).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from newsweave.text.tokens import fold

_TOKEN = re.compile(r"[$€£%]|\d+(?:[.,]\d+)*[a-z]*|[a-z]+(?:'[a-z]+)?|[^\w\s]")
_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")

_UNIT_WORDS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
               "fourteen fifteen sixteen seventeen eighteen nineteen")
UNITS = {w: i for i, w in enumerate(_UNIT_WORDS.split())}
_TEN_WORDS = "twenty thirty forty fifty sixty seventy eighty ninety"
TENS = {w: 10 * (i + 2) for i, w in enumerate(_TEN_WORDS.split())}
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9}
FRACTIONS = {"half": 0.5, "quarter": 0.25, "third": 1 / 3}
QUALIFIERS = {  # phrase -> (low factor, high factor) applied to the stated value
    "about": (0.9, 1.1), "around": (0.9, 1.1), "approximately": (0.9, 1.1),
    "roughly": (0.9, 1.1), "some": (0.9, 1.1), "estimated": (0.9, 1.1),
    "more than": (1.0, math.inf), "over": (1.0, math.inf), "above": (1.0, math.inf),
    "at least": (1.0, math.inf), "nearly": (0.9, 1.0), "almost": (0.9, 1.0),
    "close to": (0.9, 1.0), "fewer than": (0.0, 1.0), "less than": (0.0, 1.0),
    "under": (0.0, 1.0), "up to": (0.0, 1.0), "at most": (0.0, 1.0),
}
DURATIONS = {"year": 365.0, "month": 365 / 12, "week": 7.0, "day": 1.0, "decade": 3652.5,
             "hour": 1 / 24}
CURRENCIES = {"$": "USD", "dollar": "USD", "€": "EUR", "euro": "EUR", "£": "GBP", "pound": "GBP"}
_STARTERS = frozenset({"a", "an", "one", "half", *UNITS, *TENS})  # words a number can start with
# A number needs a digit or one of these words ("a"/"an" count only before a fraction, a scale
# or a duration): a folded sentence with none states no quantity and is not tokenised for one.
_NUMBER_WORDS = sorted({*UNITS, *TENS, *SCALES, *FRACTIONS, *DURATIONS, "hundred", "dozen"},
                       key=lambda w: (-len(w), w))
_MAYBE_NUMBER = re.compile(rf"\d|(?<![a-z])(?:{'|'.join(_NUMBER_WORDS)})(?![a-z])")


class Token(NamedTuple):
    """A lower-cased token of a sentence and its [start, end) span."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Quantity:
    """A stated amount: `value` in base units (days, shares of 1, plain counts) and wording.

    `first`/`last` index the sentence's tokens it spans (qualifier and unit included).
    """

    text: str
    value: float
    qualifier: str
    unit: str  # "" (a count), "share", "duration", "magnitude", or a currency code
    first: int
    last: int

    @property
    def bounds(self) -> tuple[float, float]:
        low, high = QUALIFIERS.get(self.qualifier, (1.0, 1.0))
        return self.value * low, self.value * high

    @property
    def normalized(self) -> str:
        return " ".join(filter(None, (self.qualifier, _show(self.value, self.unit))))


def tokens(text: str) -> list[Token]:
    """Lower-cased word, number and punctuation tokens; hyphens inside words separate them."""
    return list(_tokens(text))


@lru_cache(maxsize=16_384)
def _tokens(text: str) -> tuple[Token, ...]:
    """`tokens`, memoised: a sentence is tokenised once for its quantities, facts and dates."""
    folded = _HYPHEN.sub(" ", fold(text))
    return tuple(Token(m[0], *m.span()) for m in _TOKEN.finditer(folded))


def quantities(text: str) -> list[Quantity]:
    """Every quantity stated in `text`, in order (bare years such as 2015 are left out)."""
    if not _MAYBE_NUMBER.search(fold(text)):
        return []
    toks = tokens(text)
    words = [t.text for t in toks]
    out: list[Quantity] = []
    i = 0
    while i < len(toks):
        found = _quantity_at(toks, words, i, text) if _may_start(words, i) else None
        if found is None:
            i += 1
            continue
        out.append(found)
        i = found.last + 1
    return out


def parse_number(phrase: str) -> float | None:
    """The number a whole phrase states ("a quarter of a million" -> 250000), else None."""
    toks = [t.text for t in tokens(phrase)]
    parsed = _number(toks, 0)
    return parsed[0] if parsed and parsed[1] == len(toks) else None


def _may_start(w: list[str], i: int) -> bool:
    """Whether a number can start at token i (or after a currency there): a cheap pre-test."""
    k = i + (w[i] in CURRENCIES)
    return k < len(w) and (w[k] in _STARTERS or w[k][0].isdigit())


def _quantity_at(toks: list[Token], words: list[str], i: int, text: str) -> Quantity | None:
    start = i + (words[i] in CURRENCIES)
    parsed = _number(words, start)
    if parsed is None:
        return None
    value, j = parsed
    unit, value, j = _unit(words, j, value, CURRENCIES.get(words[i], ""))
    if i > 0 and words[i - 1] == "magnitude" and not unit:
        unit, i = "magnitude", i - 1
    if _is_year_or_time(words, start, j, value, unit) or (words[start:j] == ["one"] and not unit):
        return None
    qualifier, first = _qualifier(words, i)
    return Quantity(text[toks[first].start:toks[j - 1].end], value, qualifier, unit, first, j - 1)


def _number(w: list[str], i: int) -> tuple[float, int] | None:
    """(value, index after) of the number starting at token i, if one does."""
    if i >= len(w):
        return None
    if w[i] in ("a", "an", "one") and i + 1 < len(w) and w[i + 1] in FRACTIONS:
        return _fraction(w, i + 1, FRACTIONS[w[i + 1]])
    if w[i] == "half" and i + 2 < len(w) and w[i + 1] == "a" and w[i + 2] in SCALES:
        return 0.5 * SCALES[w[i + 2]], i + 3
    if w[i] in ("a", "an") and i + 1 < len(w) and w[i + 1] in (*SCALES, "hundred", "dozen"):
        return _cardinal(w, i + 1, 1.0)
    if w[i] in ("a", "an") and i + 1 < len(w) and w[i + 1] in DURATIONS:
        return 1.0, i + 1  # "about a month"
    return _cardinal(w, i, None)


def _fraction(w: list[str], i: int, share: float) -> tuple[float, int]:
    """"a quarter" (0.25), or "a quarter of a million" (250000)."""
    if w[i + 1:i + 3] == ["of", "a"] and i + 3 < len(w) and w[i + 3] in SCALES:
        return share * SCALES[w[i + 3]], i + 4
    return share, i + 1


def _cardinal(w: list[str], i: int, seed: float | None) -> tuple[float, int] | None:
    total, current, seen, j = 0.0, seed or 0.0, seed is not None, i
    while j < len(w):
        t = w[j]
        if _DIGITS.fullmatch(t) and not seen:
            current = float(t.replace(",", ""))
        elif t in UNITS or t in TENS:
            current += UNITS.get(t, 0) + TENS.get(t, 0)
        elif t in ("hundred", "dozen") and seen:
            current *= 100 if t == "hundred" else 12
        elif t in SCALES and seen:
            total, current = total + current * SCALES[t], 0.0
        elif t == "and" and seen and w[j + 1:j + 3] == ["a", "half"]:
            current, j = current + 0.5, j + 3
            continue
        elif t == "and" and seen and j + 1 < len(w) and (w[j + 1] in UNITS or w[j + 1] in TENS):
            j += 1
            continue
        else:
            break
        seen, j = True, j + 1
    return (total + current, j) if seen else None


def _unit(w: list[str], j: int, value: float, currency: str) -> tuple[str, float, int]:
    nxt = w[j].rstrip("s") if j < len(w) else ""
    if nxt == "magnitude":
        return "magnitude", value, j + 1
    if nxt in ("%", "percent") or w[j:j + 2] == ["per", "cent"]:
        return "share", value / 100, j + (2 if nxt == "per" else 1)
    if nxt in DURATIONS:
        return "duration", value * DURATIONS[nxt], j + 1
    if nxt in CURRENCIES:
        return CURRENCIES[nxt], value, j + 1
    if not currency and value < 1 and j > 0 and w[j - 1] in FRACTIONS:
        return "share", value, j
    return currency, value, j


def _is_year_or_time(w: list[str], i: int, j: int, value: float, unit: str) -> bool:
    bare = j == i + 1 and _DIGITS.fullmatch(w[i]) is not None and "," not in w[i]
    if bare and not unit and 1800 <= value <= 2100 and value.is_integer():
        return True
    return j + 2 < len(w) and w[j] in ("a", "p") and w[j + 1] == "."


def _qualifier(w: list[str], i: int) -> tuple[str, int]:
    for size in (2, 1):
        phrase = " ".join(w[max(0, i - size):i])
        if i - size >= 0 and phrase in QUALIFIERS:
            return phrase, i - size
    if i >= 2 and w[i - 1] == "an" and w[i - 2] == "estimated":
        return "estimated", i - 2
    return "", i


def _show(value: float, unit: str) -> str:
    if unit == "share":
        return f"{_plain(value * 100)}%"
    if unit == "duration":
        name, size = next((n, s) for n, s in DURATIONS.items() if value >= s * 0.999 or n == "hour")
        return f"{_plain(round(value / size, 2))} {name}s"
    return f"{_plain(value)} {unit}".strip()


def _plain(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")
