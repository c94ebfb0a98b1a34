"""Line-level boilerplate rules: every rule the cleaner removes a line by, in one place.

`line_rule` judges one normalised line on its own; `classify` adds the rules that need the
lines around it (captions after a gallery marker, repeated decks and lines).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsweave.text.tokens import fold, words

_CLOSERS = "\"'”’»)]"
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
)

SOCIAL = frozenset(
    """share and enjoy|share|share this|share this article|share this story|share this page
    |share on facebook|share on twitter|share via email|facebook|twitter|x|delicious|linkedin
    |stumbleupon|reddit|digg|pinterest|whatsapp|telegram|tumblr|email|e-mail|mail|print|rss
    |add to favorites|add to favourites|google+|copy link|copy url|tweet|flipboard|messenger
    |follow us|like us on facebook|follow us on twitter|follow us on facebook|bookmark""".replace(
        "\n", ""
    )
    .replace("    ", "")
    .split("|")
)
_NAVIGATION_LIST = """advertisement|advertising|sponsored|continue reading|read more
    |back to top|skip to content
    |loading…|loading...|image caption|media caption|view gallery|view comments|comments
    |show comments|hide caption|toggle caption|enlarge this image|next article|previous article
    |most read|most popular|related|related articles|related stories|related coverage
    |recommended|reuters|associated press|agence france-presse|afp|ap|bloomberg|dpa|xinhua"""
NAVIGATION = frozenset(_NAVIGATION_LIST.replace("\n", "").replace("    ", "").split("|"))
# Lines announcing that the next line is a photo caption.
CAPTION_MARKERS = frozenset({"view gallery", "image caption", "media caption", "hide caption"})

_CAPTION_VERBS = (
    r"(?:speaks?|talks?|gestures?|arrives?|attends?|looks?|waves?|listens?|poses?|walks?|sits?"
    r"|stands?|delivers?|shakes?|celebrates?|holds?|leaves?|meets?|greets?|addresses|gives?"
    r"|reacts?|smiles?|watches|watch|takes?|votes?|march(?:es)?|protests?|gathers?|chats?"
    r"|answers?|signs?|embraces?|prays?|rides?|is seen|are seen|is pictured|are pictured)"
)
_DAY_YEAR = r"\d,\s+\d{4}"  # "May 4, 2016": in every dated caption
# (rule, pattern[, guard]): the guard is a cheap regex every match of the pattern contains.
_PATTERNS: tuple[tuple[str, re.Pattern[str], re.Pattern[str] | None], ...] = tuple(
    (rule, re.compile(pattern, re.I), re.compile(guard[0]) if guard else None)
    for rule, pattern, *guard in (
        (
            "timestamp",
            r"^(?:updated|published|posted|last updated|last modified|modified)"
            r"(?:\s+(?:on|at)\b|:|$)",
        ),
        ("reading-time", r"^\d+\s*(?:min|mins|minutes?)\s+read$"),
        (
            "photo-credit",
            r"^(?:photo|photograph|picture|image|video|credit|photo credit)s?"
            r"(?:\s+by)?\s*:\s*\S",
        ),
        ("photo-caption", r"^(?:file\s+)?(?:photo|picture|image)s?\s+(?:shows?|showing)\b"),
        ("photo-caption", r"^(?:pictured|above|top|main picture)\s*:"),
        ("byline", r"^by\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*(?:,.*|and\s.*|\|.*)?$"),
        ("byline", r"contributed(?:\s+reporting)?\s+to\s+this\s+(?:report|story|article)\.?\)?$"),
        ("byline", r"^\(?(?:reporting|writing|additional reporting|editing|compiled)\s+by\b"),
        ("byline", r"^[\w .&'’-]{2,40}\s+and\s+agencies\.?$"),
        ("byline", r"^(?:staff\s+(?:writer|reporter)|special\s+correspondent)\b"),
        ("source", r"^source\s*:\s*\S"),
        ("copyright", r"^(?:copyright\b|©|\(c\)\s)|all rights reserved\.?$"),
        (
            "promo",
            r"^(?:read more|related|see also|also read|more on this|watch|listen|recommended)"
            r"\s*:",
        ),
        ("promo", r"^(?:sign up|subscribe|click here|tap here|download our app)\b"),
        ("promo", r"^more (?:from|on|in) [\w&' -]+$"),
        (
            "social",
            r"^(?:follow|like|join)\b.*\bon (?:twitter|x|facebook|instagram|tiktok|youtube"
            r"|linkedin|threads|whatsapp|telegram)$",
        ),
        ("photo-credit", r"\b(?:photograph|photo|picture|image)\s*:\s*[A-Z][^.!?]*$", ":"),
        ("comments", r"^(?:comments?|replies)\s*\(\d+\)$"),
        ("tags", r"^(?:tags?|topics?|filed under)\s*:"),
        ("truncated-caption", r"[\w,]\s?(?:…|\.\.\.)$", r"…|\.\.\."),
        (
            "photo-caption",
            r"^(?!.*[\"“”]).*\((?:AFP|Reuters|AP|EPA|Getty Images|[A-Z][\w ]{1,25}"
            r"(?:Press|Photo|Images|News))\)$",
            r"\(",
        ),
        (
            "photo-caption",
            rf"^(?!.*[\"“”]).{{0,160}}\b{_CAPTION_VERBS}\b.*\bon\s+(?:\w+day,\s+)?"
            rf"{_MONTH}\s+\d{{1,2}},\s+\d{{4}},?\s+in\s+[A-Z]",
            _DAY_YEAR,
        ),
        (
            "photo-caption",
            rf"^(?!.*[\"“”]).*,\s+(?:on\s+)?\w+day,\s+{_MONTH}\s+\d{{1,2}},"
            r"\s+\d{4}\.$",
            _DAY_YEAR,
        ),
        ("dateline", r"^[^.!?|]{2,60}\s\|\s.*\b(?:19|20)\d\d$", r"\|"),
    )
)
_SHORT_RULES = {
    "timestamp": 14,
    "photo-credit": 40,
    "social": 12,
    "byline": 30,
    "source": 8,
    "promo": 20,
    "truncated-caption": 50,
    "photo-caption": 60,
    "tags": 40,
    "copyright": 20,
    "dateline": 12,
}
_CAMEL_JOIN = re.compile(r"[a-z][A-Z]")
_SOURCE_VALUE = re.compile(r"^source\s*:\s*(.+)$", re.I)


def line_rule(text: str) -> str | None:
    """The rule that marks this normalised line as boilerplate, or None to keep it."""
    key = fold(text).strip(" .:|")
    if key in SOCIAL:
        return "social"
    if key in NAVIGATION:
        return "navigation"
    n_words = len(text.split())
    for rule, pattern, guard in _PATTERNS:
        if n_words > _SHORT_RULES.get(rule, 10_000) or (guard and not guard.search(text)):
            continue
        if pattern.search(text):
            return rule
    return "tag-list" if _is_tag_list(text) else None


def _is_tag_list(text: str) -> bool:
    """Category names run together by the scraper: "Politics & GovernmentForeign PolicyJohn…"."""
    return len(_CAMEL_JOIN.findall(text)) >= 3 and not ends_sentence(text)


def ends_sentence(text: str) -> bool:
    """Whether the line ends like a sentence (closing quotes and brackets aside)."""
    return text.rstrip(_CLOSERS).endswith((".", "!", "?", "…", ":", ";"))


def source_value(text: str) -> str:
    """The outlet named by a "Source: …" line, quotes stripped."""
    match = _SOURCE_VALUE.match(text)
    return match.group(1).strip().strip("\"'“”‘’«»").strip() if match else ""


def classify(texts: Sequence[str], attached: Sequence[bool] | None = None) -> list[str | None]:
    """Rule per non-blank normalised line (None = keep), with context-dependent rules applied.

    `attached[i]` says line i follows line i - 1 with no blank line between (default: never).
    """
    rules = [line_rule(t) for t in texts]
    _mark_captions(texts, rules, attached or [False] * len(texts))
    _mark_repeats(texts, rules)
    return rules


def _mark_captions(
    texts: Sequence[str], rules: list[str | None], attached: Sequence[bool]
) -> None:
    """The line after "View gallery" / "Image caption" is the caption; so is a one-sentence,
    quote-free line attached to a photo credit ("Photo by: …") above it."""
    for i in range(1, len(texts)):
        if rules[i] is not None:
            continue
        after_marker = fold(texts[i - 1]).strip(" .:") in CAPTION_MARKERS
        after_credit = (
            attached[i] and rules[i - 1] == "photo-credit" and _one_plain_sentence(texts[i])
        )
        if (after_marker and len(texts[i].split()) <= 40) or after_credit:
            rules[i] = "caption"


def _one_plain_sentence(text: str) -> bool:
    return (
        len(text.split()) <= 30
        and not any(q in text for q in '"“”')
        and (text.rstrip(".").count(". ") == 0)
    )


def _mark_repeats(texts: Sequence[str], rules: list[str | None]) -> None:
    """A line repeated later keeps one copy; a deck that opens a later paragraph is dropped."""
    kept = [(i, tuple(words(t))) for i, t in enumerate(texts) if rules[i] is None]
    seen: set[tuple[str, ...]] = set()
    for i, toks in kept:
        if toks in seen:
            rules[i] = "repeated"
        seen.add(toks)
    for i, toks in kept:
        deck = rules[i] is None and len(toks) >= 8 and not ends_sentence(texts[i])
        if deck and any(_opens(toks, other) for j, other in kept if rules[j] is None):
            rules[i] = "repeated"


def _opens(deck: tuple[str, ...], other: tuple[str, ...]) -> bool:
    return len(other) > len(deck) and other[: len(deck)] == deck
