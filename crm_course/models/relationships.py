"""Relationship strategy types: hook, zipper, velcro."""

from __future__ import annotations

__all__ = ["relationship_types"]

def relationship_types(*args, **kwargs):
    raise NotImplementedError("being written")


