"""dedup step."""
