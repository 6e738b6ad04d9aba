"""Strings of the exercises concepts (en/zh)."""

STRINGS: dict[str, dict[str, str]] = {}
