"""Customer value: closed-form CLV, delivered value, profitability."""

from __future__ import annotations

__all__ = ["clv", "delivered_value", "customer_profitability"]

def clv(*args, **kwargs):
    raise NotImplementedError("being written")


def delivered_value(*args, **kwargs):
    raise NotImplementedError("being written")


def customer_profitability(*args, **kwargs):
    raise NotImplementedError("being written")


