"""Language identification from stop-word profiles (Latin scripts) and Unicode ranges (others)."""

from __future__ import annotations

import re
from collections import Counter

from newsweave.text.tokens import words

_PROFILES: dict[str, frozenset[str]] = {
    code: frozenset(ws.split())
    for code, ws in {
        "en": """the and of to in is that for it with as was on are be by this have from or
            at not but which were has they their been said would will there who its he she""",
        "de": """der die das und ist nicht ein eine zu den von mit sich des auf für im dem
            auch es an werden aus er hat dass sie nach wird bei einer um noch wie über so""",
        "fr": """le la les et des est une du que pour dans qui pas sur au avec ce il par
            sont plus ne se elle aux ont été cette leur mais ou comme nous""",
        "es": """el la los las y de que en un una por con para es del se no al lo como más
            pero sus su fue ha son este esta también entre cuando muy sin sobre""",
        "it": """il di che la e per un una non del della sono è le con da si gli nel alla
            anche come più ma ha dei delle questo essere tra quando""",
        "pt": """o a os as e de que do da em um uma para com não por se na no dos das mais
            foi ao como mas pelo pela também são está isso ele ela""",
        "nl": """de het een en van in is dat op te zijn met voor niet aan er die ook als
            bij door maar om dan naar wordt nog werd heeft worden hij zij""",
    }.items()
}
# Non-Latin scripts: (code, character class). Kana before Han so Japanese is not read as Chinese.
_SCRIPTS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (code, re.compile(cls))
    for code, cls in (
        ("ja", r"[\u3040-\u30ff]"),
        ("ko", r"[\uac00-\ud7af\u1100-\u11ff]"),
        ("zh", r"[\u4e00-\u9fff]"),
        ("uk", r"[іїєґІЇЄҐ]"),
        ("ru", r"[\u0400-\u04ff]"),
        ("ar", r"[\u0600-\u06ff]"),
        ("he", r"[\u0590-\u05ff]"),
        ("el", r"[\u0370-\u03ff]"),
        ("hi", r"[\u0900-\u097f]"),
        ("th", r"[\u0e00-\u0e7f]"),
    )
)
_ANY_SCRIPT = re.compile("|".join(pattern.pattern for _, pattern in _SCRIPTS))
_LETTER = re.compile(r"[^\W\d_]")
_MIN_HITS = 3
_MIN_SHARE = 0.15


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language, or "unknown" when the evidence is too thin."""
    if _LETTER.search(text) is None:
        return "unknown"
    script = _script(text)
    return script if script else _by_stopwords(words(text))


def _script(text: str) -> str | None:
    """A non-Latin script covering at least a third of the letters."""
    if _ANY_SCRIPT.search(text) is None:
        return None
    n_letters = len(_LETTER.findall(text))
    counts = {code: len(pattern.findall(text)) for code, pattern in _SCRIPTS}
    if counts["ja"] and counts["ja"] + counts["zh"] >= n_letters / 3:
        return "ja"
    if counts["uk"] and counts["ru"] >= n_letters / 3:
        return "uk"
    best = max(("ko", "zh", "ru", "ar", "he", "el", "hi", "th"), key=counts.__getitem__)
    return best if counts[best] >= n_letters / 3 else None


def _by_stopwords(tokens: list[str]) -> str:
    """The profile whose stop words make up most of the text, if clearly so."""
    if not tokens:
        return "unknown"
    counts = Counter(tokens)
    hits = Counter({code: sum(n for t, n in counts.items() if t in sw)
                    for code, sw in _PROFILES.items()})
    (best, n), *rest = hits.most_common()
    runner_up = rest[0][1] if rest else 0
    if n < _MIN_HITS or n / len(tokens) < _MIN_SHARE or n <= runner_up:
        return "unknown"
    return best
