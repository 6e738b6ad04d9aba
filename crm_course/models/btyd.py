"""Buy-till-you-die models: BG/NBD purchases and Gamma-Gamma spend."""

from __future__ import annotations

__all__ = ["btyd_summary", "fit_bgnbd", "fit_gamma_gamma", "probabilistic_clv"]

def btyd_summary(*args, **kwargs):
    raise NotImplementedError("being written")


def fit_bgnbd(*args, **kwargs):
    raise NotImplementedError("being written")


def fit_gamma_gamma(*args, **kwargs):
    raise NotImplementedError("being written")


def probabilistic_clv(*args, **kwargs):
    raise NotImplementedError("being written")


