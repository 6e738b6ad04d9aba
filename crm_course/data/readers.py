"""Reading a user's own transactions."""

__all__ = ["read_transactions"]


def read_transactions(*args, **kwargs):
    raise NotImplementedError
