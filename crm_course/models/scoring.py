"""Scoring matrices: weighted scores and the Burnett key-account matrix."""

from __future__ import annotations

__all__ = ["weighted_score", "weight_sensitivity", "burnett_matrix"]

def weighted_score(*args, **kwargs):
    raise NotImplementedError("being written")


def weight_sensitivity(*args, **kwargs):
    raise NotImplementedError("being written")


def burnett_matrix(*args, **kwargs):
    raise NotImplementedError("being written")


