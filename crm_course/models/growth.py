"""The customer growth matrix."""

from __future__ import annotations

__all__ = ["growth_matrix"]

def growth_matrix(*args, **kwargs):
    raise NotImplementedError("being written")


