"""(subject, value) facts of a sentence: what a number quantifies, and what a date dates.

"has killed more than 250,000 people" -> subject "killed … people", value "more than 250,000";
"the four-and-a-half year civil war" -> subject "civil war", a duration. Facts of two sources
are compared only when their subjects match (`same_subject`, `same_occasion`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from newsweave.compare.dates import DateMention, date_mentions
from newsweave.compare.numbers import Quantity, Token, quantities, tokens
from newsweave.model import Sentence
from newsweave.text.tokens import STOPWORDS
from newsweave.text.tokens import stem as _stem

DETERMINERS = frozenset({"of", "the", "its", "their", "his", "her", "a", "an", "our", "'s"})
AUXILIARIES = frozenset({"has", "have", "had", "was", "were", "is", "are", "been", "be", "by",
                         "being", "reportedly", "now", "so", "far"})
GENERIC = frozenset({"peopl", "men", "women", "children"})
SYNONYMS = {  # stems of words news uses interchangeably for one count -> one stem
    "resid": "peopl", "person": "peopl", "civilian": "peopl", "inhabit": "peopl",
    "forc": "evacu", "displac": "evacu", "fled": "evacu", "flee": "evacu", "rescu": "evacu",
    "di": "kill", "dead": "kill", "death": "kill", "wound": "injur", "hurt": "injur",
    "took": "win", "won": "win", "secur": "win", "receiv": "win", "garner": "win",
}
STATES = frozenset({"missing", "dead", "homeless"})
DATE_CONTEXT = 4
LASTING = frozenset({"lasted", "lasting", "took", "that", "which", "for", "of", "after"})
stem = lru_cache(maxsize=8192)(_stem)


@dataclass(frozen=True, slots=True)
class Fact:
    """A quantity stated in a sentence, and the words that say what it counts."""

    quantity: Quantity
    sentence: Sentence
    nouns: tuple[str, ...]  # stems of the words it quantifies
    verbs: frozenset[str]  # stems of the verb next to it ("killed")
    subject: str  # as written, for display

    @property
    def kind(self) -> str:
        return "duration" if self.quantity.unit == "duration" else "figure"


@dataclass(frozen=True, slots=True)
class DateFact:
    """A date stated in a sentence, with the content stems around it."""

    mention: DateMention
    sentence: Sentence
    context: frozenset[str]
    subject: str


def facts_of(sentence: Sentence) -> list[Fact]:
    """Quantities of the sentence that have a subject (dates and bare years excluded)."""
    found = quantities(sentence.text)
    if not found:
        return []
    toks = tokens(sentence.text)
    dated = [(d.begin, d.stop) for d in date_mentions(sentence.text, None)]
    out = []
    for q in found:
        start, end = toks[q.first].start, toks[q.last].end
        if any(b < end and start < e for b, e in dated):
            continue
        fact = _fact(q, toks, sentence)
        if fact.nouns or fact.verbs:
            out.append(fact)
    return out


def dates_of(sentence: Sentence, published: datetime | None) -> list[DateFact]:
    """Dates of the sentence, resolved against `published`, with their context."""
    found = date_mentions(sentence.text, published)
    if not found:
        return []
    toks = tokens(sentence.text)
    out = []
    for d in found:
        first = next((k for k, t in enumerate(toks) if t.end > d.begin), len(toks))
        last = next((k for k, t in enumerate(toks) if t.start >= d.stop), len(toks))
        before = _clause_words(reversed(toks[:first]), DATE_CONTEXT)[::-1]
        after = _clause_words(toks[last:], 2, contiguous=True)
        subject = " ".join(before[-2:] + after[:1])
        out.append(DateFact(d, sentence, frozenset(map(stem, before + after)), subject))
    return out


def same_subject(a: Fact, b: Fact) -> bool:
    """Whether two facts quantify the same thing.

    Durations: the same last noun ("heavy rain", "torrential rain"). Counts and amounts: the
    same verb (synonyms merged: "killed"/"died") and the same first or last noun, or one side
    without; with no verb on one side, the same specific nouns ("crowns", not just "people").
    """
    if a.quantity.unit != b.quantity.unit:
        return False
    if a.kind == "duration":
        return bool(a.nouns and b.nouns) and a.nouns[-1] == b.nouns[-1]
    if a.verbs and b.verbs:
        return bool(a.verbs & b.verbs) and (_same_nouns(a, b) or not (a.nouns and b.nouns))
    return _same_nouns(a, b) and not set(a.nouns + b.nouns) <= GENERIC


def _same_nouns(a: Fact, b: Fact) -> bool:
    """Both name something, with the same first or the same last word (parts apart)."""
    if not (a.nouns and b.nouns) or (a.nouns[0] == "of") != (b.nouns[0] == "of"):
        return False
    return a.nouns[0] == b.nouns[0] or a.nouns[-1] == b.nouns[-1]


def same_occasion(a: DateFact, b: DateFact) -> bool:
    """Whether two dates date the same thing: two content stems in common around them."""
    return len(a.context & b.context) >= 2


def _fact(q: Quantity, toks: list[Token], sentence: Sentence) -> Fact:
    nouns = _clause_words(toks[q.last + 1:], 2, skip=DETERMINERS, contiguous=True)
    if q.last + 1 < len(toks) and toks[q.last + 1].text == "of" and nouns:
        nouns = ["of", *nouns]  # "two of the miners": a part, not the whole
    if len(nouns) == 2 and nouns[1].endswith("ed"):
        nouns = nouns[:1]
    toll = not q.unit and _after_toll(toks, q.first)
    if not nouns and not toll and (head := _noun_before(toks, q.first, q.unit == "duration")):
        nouns = [head]  # "a budget of 48 million euros", "a debate that lasted five hours"
    verbs = set() if q.unit == "duration" else {
        _verb_before(toks, q.first), _verb_after(toks, _after_nouns(toks, q.last + 1, nouns)),
        "killed" if toll else ""}
    before = _verb_before(toks, q.first) if verbs else ""
    shown = " … ".join(filter(None, (before, " ".join(nouns))))
    return Fact(q, sentence, tuple(map(_key, nouns)), frozenset(map(_key, verbs - {""})), shown)


def _key(word: str) -> str:
    """Stem, with news synonyms merged."""
    s = stem(word)
    return SYNONYMS.get(s, s)


def _after_nouns(toks: list[Token], k: int, nouns: list[str]) -> int:
    """The index after the last of `nouns` (they start at or after token k)."""
    for noun in nouns:
        while k < len(toks) and toks[k].text != noun:
            k += 1
        k += 1
    return k


def _clause_words(toks: Iterable[Token], limit: int, *, skip: frozenset[str] = frozenset(),
                  contiguous: bool = False) -> list[str]:
    """Up to `limit` content words in order, stopping at punctuation (or any stop word when
    `contiguous`), passing over `skip` words before the first one."""
    out: list[str] = []
    for t in toks:
        w = t.text
        if not w[0].isalnum() or w[0].isdigit():
            break
        if w in STOPWORDS:
            if contiguous and (out or w not in skip):
                break
            continue
        out.append(w)
        if len(out) == limit:
            break
    return out


def _verb_before(toks: list[Token], first: int) -> str:
    k = first - 1
    while k >= 0 and toks[k].text in AUXILIARIES:
        k -= 1
    w = toks[k].text if k >= 0 else ""
    return w if w.isalpha() and w not in STOPWORDS else ""


def _after_toll(toks: list[Token], first: int) -> bool:
    """Whether the clause before token `first` speaks of a toll ("the death toll ... rose to")."""
    for t in reversed(toks[:first]):
        if t.text == "toll":
            return True
        if not t.text[0].isalnum():
            return False
    return False


def _noun_before(toks: list[Token], first: int, duration: bool) -> str:
    passing = LASTING if duration else frozenset({"of", "to", "at"})
    k = first - 1
    while k >= 0 and (toks[k].text in AUXILIARIES or toks[k].text in passing):
        k -= 1
    w = toks[k].text if k >= 0 else ""
    return w if w.isalpha() and w not in STOPWORDS and k < first - 1 else ""


def _verb_after(toks: list[Token], k: int) -> str:
    while k < len(toks) and toks[k].text in AUXILIARIES:
        k += 1
    w = toks[k].text if k < len(toks) else ""
    return w if w.isalpha() and (w.endswith("ed") or w in STATES) else ""
