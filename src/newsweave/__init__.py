"""newsweave: many news articles in, a few trustworthy cited stories out."""

from __future__ import annotations

__version__ = "0.1.0"
