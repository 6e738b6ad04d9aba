"""Strings of the value concepts (en/zh)."""

STRINGS: dict[str, dict[str, str]] = {}
