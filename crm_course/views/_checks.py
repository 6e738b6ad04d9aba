"""Checks the views share: a model's result and the parameters it carries in ``attrs``.

A view reads the parameters a model was run with from ``result.attrs`` (the model sets
them), so it never needs them again; an argument given to the view overrides them. Errors
follow the kit's wording (crm_course._validation): the argument, the value, the fix.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from .._validation import examples, require_frame

__all__ = ["parameter", "require_result", "require_highlight"]


def require_result(data: Any, argument: str, producer: str, columns=()) -> pd.DataFrame:
    """A DataFrame with ``columns``, or an error saying which model function makes it."""
    if not isinstance(data, pd.DataFrame):
        raise TypeError(
            f"`{argument}` must be the DataFrame returned by {producer}, but a {type(data).__name__} was passed."
        )
    missing = [column for column in columns if column not in data.columns]
    if missing:
        raise ValueError(
            f"`{argument}` has no column(s) {missing}; its columns are {list(map(str, data.columns))}. "
            f"Pass the output of {producer} (a plot reads its columns by these names)."
        )
    return require_frame(data, argument)


def parameter(result: pd.DataFrame, key: str, given: Any, default: Any) -> Any:
    """``given`` when the caller passed it, else ``result.attrs[key]``, else ``default``."""
    if given is not None:
        return given
    return result.attrs.get(key, default)


def require_highlight(value: Any, index: pd.Index, argument: str = "highlight") -> Any:
    """One label of ``index``, or a ValueError listing some of the labels."""
    try:
        found = value in index
    except TypeError:  # an unhashable value such as a list
        found = False
    if not found:
        raise ValueError(
            f"The value for `{argument}` must be one of the rows' labels ({examples(index, 5)}), "
            f"but {value!r} was passed. Pass one label, e.g. {argument}={index[0]!r}, or leave it out."
        )
    return value
