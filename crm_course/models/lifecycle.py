"""Lifecycle: closeness categories."""

from __future__ import annotations

__all__ = ["closeness_categories"]

def closeness_categories(*args, **kwargs):
    raise NotImplementedError("being written")


