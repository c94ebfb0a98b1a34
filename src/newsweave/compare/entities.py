"""People, organisations and places from runs of capitalised words, spelling variants merged.

No model: a run is split at titles ("Foreign Minister Sergei Lavrov" -> a person), kept whole
when it holds an organisation word ("Foreign Ministry"), and typed by votes over its mentions
(after "in"/"to"/... a place; after a title, or two or three words with no other cue, a person).
A lone surname joins the one person it ends ("Kerry" -> "John Kerry").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from newsweave.compare.dates import MONTH_NAMES, MONTHS, WEEKDAYS
from newsweave.compare.names import are_variants, name_tokens
from newsweave.model import Entity, Sentence
from newsweave.text.tokens import STOPWORDS

EntityKind = str
_TITLE_WORDS = """president secretary minister foreign prime chancellor king queen pope general
    gen senator sen rep governor mayor mr mrs ms dr envoy ambassador spokesman spokeswoman
    spokesperson deputy chief director commander premier vice sheikh prince judge inspector
    captain officer master councillor councilor lt col sgt maj capt adm cllr sir dame lord lady
    professor prof rev bishop"""
TITLES = frozenset(_TITLE_WORDS.split())
_ORG_WORDS = """ministry department group council nations union committee agency army party
    government house kremlin pentagon coalition authority organisation organization association
    company bank court office service news parliament assembly commission corporation inc ltd
    university forces front state press police hospital institute"""
ORG_WORDS = frozenset(_ORG_WORDS.split())
_PLACE_CUES = """in to from at near outside into across throughout eastern western northern
    southern central visit visited"""
PLACE_CUES = frozenset(_PLACE_CUES.split())
_PLACE_HEADS = """street road avenue lane row square boulevard river lake valley province county
    district region mountain mountains mount island islands bay sea ocean coast gulf strait dam
    bridge park city town village hill hills forest desert canal harbour harbor"""
PLACE_HEADS = frozenset(_PLACE_HEADS.split())  # "Bridge Street", "Lake Korlin", "Varn Province"
PERSON_CUES = frozenset({"said", "says", "told", "added", "wrote"})
# Capitalised only because they open the sentence ("Across Kettlebridge", "Meanwhile Kerry").
OPENERS = STOPWORDS | PLACE_CUES | frozenset(
    "meanwhile however yesterday today tonight last despite since although though".split()
)
CONNECTORS = frozenset({"of", "al", "el", "de", "bin", "da", "van", "von", "la", "le"})
COUNTRY_CODES = frozenset({"us", "u.s", "uk", "u.k", "uae"})
_WORD = re.compile(r"[^\W\d_][\w.\-]*(?:['’]s\b)?")
_SPACE = re.compile(r"\s*")
_PARTICLE = re.compile(r"(al|el|ad|ash)-[A-Z]")
_ADJECTIVE = re.compile(r"(ian|ean|ese|ish|can)$|-[a-z]")


@dataclass(frozen=True, slots=True)
class Mention:
    """A name as written in one sentence, and what its context says it is."""

    surface: str
    sentence: Sentence
    votes: tuple[tuple[EntityKind, int], ...]


@dataclass(frozen=True, slots=True)
class NameGroup:
    """Mentions taken to name one entity."""

    name: str
    kind: EntityKind
    mentions: tuple[Mention, ...]


def mentions_in(sentences: Iterable[Sentence]) -> list[Mention]:
    """Name mentions of the sentences (see the module docstring)."""
    sentences = list(sentences)
    midway = {w for s in sentences for w in _words(s.text)[1:] if w[0].isupper()}
    out: list[Mention] = []
    for s in sentences:
        first = next(iter(_words(s.text)), "")
        for run, before, after in _runs(s.text):
            if run[0] == first and len(run) > 1 and run[0].lower() in OPENERS:
                run, before = run[1:], run[0].lower()
            if run[0] != first or len(run) > 1 or run[0] in midway:
                out.extend(_mentions(run, before, after, s))
    return out


def group_names(mentions: Sequence[Mention]) -> list[NameGroup]:
    """Mentions merged by spelling variant and by lone surname, largest groups first."""
    by_surface: dict[str, list[Mention]] = {}
    for m in mentions:
        by_surface.setdefault(m.surface, []).append(m)
    groups: list[list[Mention]] = []
    for surface in sorted(by_surface, key=lambda s: (-len(name_tokens(s)), s)):
        home = _home(groups, surface)
        if home is None:
            groups.append(list(by_surface[surface]))
        else:
            home.extend(by_surface[surface])
    named = [_named(g) for g in groups]
    return sorted(named, key=lambda g: (-len(g.mentions), g.name))


def to_entity(group: NameGroup, order: Sequence[str]) -> Entity:
    """The public record of a group: mentions counted per article in `order`."""
    counts = Counter(m.sentence.article_id for m in group.mentions)
    variants = Counter(m.surface for m in group.mentions)
    return Entity(
        name=group.name,
        kind=group.kind,  # type: ignore[arg-type]
        variants=tuple(v for v, _ in variants.most_common()),
        mentions=tuple((aid, counts[aid]) for aid in order if counts[aid]),
    )


def _words(text: str) -> list[str]:
    return [w for _, _, w in _found(text)]


@lru_cache(maxsize=16_384)
def _found(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, cleaned word) of every word of `text`: one regex pass per sentence."""
    return tuple(
        (*m.span(), w if w.isalpha() else _clean(w)) for m in _WORD.finditer(text) for w in (m[0],)
    )


def _clean(word: str) -> str:
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    return word if word.count(".") > 1 else word.rstrip(".-")


def _runs(text: str) -> list[tuple[list[str], str, str]]:
    """Runs of capitalised words (connectors inside), with the words before and after."""
    found = _found(text)
    runs: list[tuple[list[str], str, str]] = []
    i = 0
    while i < len(found):
        if not _capital(found[i][2]):
            i += 1
            continue
        j = i + 1
        while j < len(found) and _joins(found, j, text):
            j += 1
        while j > i and found[j - 1][2].lower() in CONNECTORS:
            j -= 1
        if j == i:  # a capitalised connector alone ("Of course"; "El tiempo" in lower-cased text)
            i += 1
            continue
        before = found[i - 1][2].lower() if i else ""
        after = found[j][2].lower() if j < len(found) else ""
        runs.append(([w for _, _, w in found[i:j]], before, after))
        i = j
    return runs


def _joins(found: Sequence[tuple[int, int, str]], j: int, text: str) -> bool:
    gap = text[found[j - 1][1]:found[j][0]]
    if _SPACE.fullmatch(gap) is None or found[j - 1][2] != text[found[j - 1][0]:found[j - 1][1]]:
        return False
    word = found[j][2]
    nxt = found[j + 1][2] if j + 1 < len(found) else ""
    return _capital(word) or (word.lower() in CONNECTORS and _capital(nxt))


def _capital(word: str) -> bool:
    """Capitalised, or an Arabic-style particle before a capital ("al-Assad")."""
    return word[:1].isupper() or _PARTICLE.match(word) is not None


def _mentions(run: list[str], before: str, after: str, s: Sentence) -> list[Mention]:
    while run and (run[0].lower() in STOPWORDS or _calendar(run[0])):
        run = run[1:]
    run = [w for w in run if not _calendar(w)]
    if not run:
        return []
    lower = [w.lower() for w in run]
    titled = [k for k, w in enumerate(lower)
              if w in TITLES or lower[k - 2:k] == ["secretary", "of"]]
    if any(w in ORG_WORDS and k not in titled for k, w in enumerate(lower)) or _acronym(run):
        return [Mention(" ".join(run), s, (("organisation", 2),))]
    if len(run) > 1 and (lower[-1] in PLACE_HEADS or lower[0] in PLACE_HEADS):
        return [Mention(" ".join(run), s, (("place", 3),))]
    name = run[titled[-1] + 1:] if titled else []
    if name:
        return [Mention(" ".join(name), s, (("person", 3),))]
    if titled or (len(run) == 1 and _adjective(run[0])):
        return []
    return [Mention(" ".join(run), s, _votes(run, before, after))]


def _votes(run: list[str], before: str, after: str) -> tuple[tuple[EntityKind, int], ...]:
    votes: list[tuple[EntityKind, int]] = []
    if before in TITLES:
        votes.append(("person", 3))
    if before in PLACE_CUES or before == "the" or run[0].lower() in COUNTRY_CODES:
        votes.append(("place", 2))
    if after in PERSON_CUES and len(run) > 1:
        votes.append(("person", 2))
    votes.append(("person", 1) if 2 <= len(run) <= 3 else ("place", 1))
    return tuple(votes)


def _adjective(word: str) -> bool:
    """Demonyms and hyphenated modifiers: "Russian", "American", "Russian-backed"."""
    return _ADJECTIVE.search(word) is not None


def _acronym(run: list[str]) -> bool:
    word = run[0]
    short = len(word.replace(".", "")) >= 2 and word.lower().rstrip(".") not in COUNTRY_CODES
    return len(run) == 1 and word.isupper() and short


def _calendar(word: str) -> bool:
    w = word.lower().rstrip(".")
    return w in WEEKDAYS or w in MONTHS or w in MONTH_NAMES


def _home(groups: list[list[Mention]], surface: str) -> list[Mention] | None:
    for g in groups:
        if any(are_variants(surface, other) for other in {m.surface for m in g}):
            return g
    tokens = name_tokens(surface)
    if len(tokens) != 1:
        return None
    owners = [g for g in groups if len(name_tokens(g[0].surface)) > 1
              and _kind(g) == "person" and are_variants(tokens[0], name_tokens(g[0].surface)[-1])]
    return owners[0] if len(owners) == 1 else None


def _kind(group: Sequence[Mention]) -> EntityKind:
    score: Counter[str] = Counter()
    several = [m for m in group if len(name_tokens(m.surface)) > 1]
    for m in several or group:
        for kind, weight in m.votes:
            score[kind] += weight
    return score.most_common(1)[0][0]


def _named(group: list[Mention]) -> NameGroup:
    full = Counter(m.surface for m in group)
    longest = max(len(name_tokens(s)) for s in full)
    name = max((s for s in full if len(name_tokens(s)) == longest), key=lambda s: full[s])
    order = sorted(group, key=lambda m: (m.sentence.article_id, m.sentence.index))
    return NameGroup(name, _kind(group), tuple(order))
