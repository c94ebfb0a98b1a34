"""cluster step."""
