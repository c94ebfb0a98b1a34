"""clean step."""
