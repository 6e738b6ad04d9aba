"""Strings of the strategy concepts (en/zh)."""

STRINGS: dict[str, dict[str, str]] = {}
