"""clean step: raw scraped text into an Article of kept paragraphs, or a Rejected with a reason."""

from __future__ import annotations

from newsweave.clean.cleaner import clean
from newsweave.clean.ids import article_id
from newsweave.clean.language import detect_language

__all__ = ["article_id", "clean", "detect_language"]
