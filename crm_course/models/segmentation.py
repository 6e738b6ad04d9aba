"""Segmentation: RFM and ABC."""

from __future__ import annotations

__all__ = ["rfm_table", "rfm_scores", "rfm_segments", "abc_classes", "pareto_curve"]

def rfm_table(*args, **kwargs):
    raise NotImplementedError("being written")


def rfm_scores(*args, **kwargs):
    raise NotImplementedError("being written")


def rfm_segments(*args, **kwargs):
    raise NotImplementedError("being written")


def abc_classes(*args, **kwargs):
    raise NotImplementedError("being written")


def pareto_curve(*args, **kwargs):
    raise NotImplementedError("being written")


