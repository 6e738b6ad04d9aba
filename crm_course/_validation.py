"""One place that checks inputs and words the errors.

Every public function validates through these helpers, so a user always gets a
``ValueError``/``TypeError`` that names the argument or column, shows an
offending value and says how to fix it -- never a bare ``KeyError`` from pandas.

>>> import pandas as pd
>>> require_columns(pd.DataFrame({"id": [1]}), {"customer": "customer_id"}, data_name="tx")
Traceback (most recent call last):
...
ValueError: Column 'customer_id' (argument `customer=`) is not in `tx`. Its columns are: ['id']. Pass customer='<your column name>'.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "examples",
    "require_frame",
    "require_columns",
    "require_not_empty",
    "require_no_missing",
    "require_numeric",
    "require_choice",
    "require_number",
    "require_dates",
    "to_timestamp",
    "require_labels",
    "require_ids",
    "require_flag",
    "require_unique_columns",
    "require_unique",
]


def examples(values: Iterable[Any], n: int = 3) -> str:
    """Show the first ``n`` offending values, e.g. ``'abc', nan, -3 (and 12 more)``."""
    values = list(values)
    shown = ", ".join(repr(v) for v in values[:n])
    more = len(values) - n
    return shown + (f" (and {more} more)" if more > 0 else "")


def require_frame(data: Any, name: str) -> pd.DataFrame:
    """Refuse anything that is not a DataFrame, naming the argument."""
    if not isinstance(data, pd.DataFrame):
        raise TypeError(
            f"`{name}` must be a pandas DataFrame, but a {type(data).__name__} was passed. "
            f"Load one with crm.load_dataset(...) or crm.read_transactions(...)."
        )
    return data


def require_columns(data: pd.DataFrame, columns: Mapping[str, str | None], data_name: str) -> None:
    """Check that every ``argument -> column`` in ``columns`` names a column of ``data``.

    ``None`` columns are optional and skipped.
    """
    require_frame(data, data_name)
    for argument, column in columns.items():
        if column is None:
            continue
        if column not in data.columns and column in data.index.names:
            raise ValueError(
                f"Column {column!r} (argument `{argument}=`) is the index of `{data_name}`, not a column. "
                f"Make it a column first: {data_name}.reset_index(), or pass {argument}= another column."
            )
        if column not in data.columns:
            raise ValueError(
                f"Column {column!r} (argument `{argument}=`) is not in `{data_name}`. "
                f"Its columns are: {list(map(str, data.columns))}. "
                f"Pass {argument}='<your column name>'."
            )


def require_not_empty(data: pd.DataFrame | pd.Series, data_name: str) -> None:
    if len(data) == 0:
        raise ValueError(f"`{data_name}` is empty: there is nothing to compute on. Pass data with at least one row.")


def require_no_missing(series: pd.Series, argument: str, data_name: str) -> None:
    """Refuse missing values, giving their count and the first row labels."""
    missing = series.isna()
    if missing.any():
        rows = series.index[missing]
        raise ValueError(
            f"Column {series.name!r} (argument `{argument}=`) of `{data_name}` has "
            f"{int(missing.sum())} missing value(s), first at row(s) {examples(rows)}. "
            f"Fill or drop those rows first (e.g. data.dropna(subset=[{series.name!r}]))."
        )


def require_numeric(series: pd.Series, argument: str, data_name: str) -> pd.Series:
    """Return ``series`` as float, refusing text and missing values with examples."""
    require_no_missing(series, argument, data_name)
    if pd.api.types.is_bool_dtype(series):
        raise TypeError(
            f"Column {series.name!r} (argument `{argument}=`) of `{data_name}` must be numeric, but it holds "
            f"True/False values. Pass the column with the numbers, or convert it with .astype(int) on purpose."
        )
    if not pd.api.types.is_numeric_dtype(series):
        converted = pd.to_numeric(series, errors="coerce")
        bad = series[converted.isna()]
        if len(bad):
            raise TypeError(
                f"Column {series.name!r} (argument `{argument}=`) of `{data_name}` must be numeric, "
                f"but {len(bad)} value(s) are not numbers: {examples(bad.tolist())}. "
                f"Convert it first, e.g. pd.to_numeric(data[{series.name!r}])."
            )
        series = converted
    values = series.astype(float)
    infinite = ~np.isfinite(values)
    if infinite.any():
        raise ValueError(
            f"Column {series.name!r} (argument `{argument}=`) of `{data_name}` has infinite value(s): "
            f"{examples(values[infinite].tolist())}. Replace them with real numbers."
        )
    return values


def require_choice(value: Any, options: Iterable[Any], argument: str) -> Any:
    """seaborn's wording: "The value for `x` must be one of ..., but ... was passed"."""
    options = list(options)
    if value not in options:
        raise ValueError(f"The value for `{argument}` must be one of {options}, but {value!r} was passed.")
    return value


def require_number(
    value: Any,
    argument: str,
    *,
    low: float | None = None,
    high: float | None = None,
    low_inclusive: bool = True,
    high_inclusive: bool = True,
    integer: bool = False,
) -> float:
    """Check a scalar argument is a (whole) number inside a range; return it."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        kind = "a whole number" if integer else "a number"
        raise TypeError(f"`{argument}` must be {kind}, but {value!r} ({type(value).__name__}) was passed.")
    if not np.isfinite(value):
        raise ValueError(f"`{argument}` must be a finite number, but {value!r} was passed.")
    if integer and value != int(value):
        raise ValueError(f"`{argument}` must be a whole number, but {value!r} was passed.")
    too_low = low is not None and (value < low or (value == low and not low_inclusive))
    too_high = high is not None and (value > high or (value == high and not high_inclusive))
    if too_low or too_high:
        left = "[" if low_inclusive else "("
        right = "]" if high_inclusive else ")"
        interval = f"{left}{'-inf' if low is None else low}, {'inf' if high is None else high}{right}"
        raise ValueError(f"`{argument}` must be in {interval}, but {value!r} was passed.")
    return value


def require_dates(series: pd.Series, argument: str, data_name: str) -> pd.Series:
    """Return a date column as datetimes: datetimes pass, ISO text ('2024-03-31') is parsed,
    numbers, missing and unparseable values are refused with examples."""
    require_no_missing(series, argument, data_name)
    if pd.api.types.is_datetime64_any_dtype(series):
        return series
    where = f"Column {series.name!r} (argument `{argument}=`) of `{data_name}`"
    how_to_fix = (
        "Read your file with crm.read_transactions(...), which understands more date formats, "
        f"or convert the column first with pd.to_datetime(data[{series.name!r}], format=...)."
    )
    if pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series):
        raise TypeError(
            f"{where} holds numbers such as {examples(series.tolist(), 2)}, not dates. Convert it first, "
            f"e.g. pd.to_datetime(data[{series.name!r}].astype(str), format='%Y%m%d')."
        )
    try:
        parsed = pd.to_datetime(series, format="ISO8601", errors="coerce")
    except ValueError as error:  # e.g. mixed time zones
        raise ValueError(f"{where} cannot be read as dates: {error}. {how_to_fix}") from None
    bad = series[parsed.isna()]
    if len(bad):
        raise ValueError(
            f"{where} has {len(bad)} value(s) that are not dates such as '2024-12-31': "
            f"{examples(bad.tolist())}. {how_to_fix}"
        )
    return parsed


def to_timestamp(value: Any, argument: str, *, like: pd.Series | None = None, data_name: str = "tx") -> pd.Timestamp:
    """Turn a date-like scalar into a Timestamp, naming the argument on failure.

    Numbers are refused (``pd.Timestamp(5)`` would be 5 nanoseconds after 1970). With
    ``like`` (the data's dates) the stamp is put in the data's time zone: a date without a
    zone is read as the data's local date, an aware one is converted to the data's zone, and
    an aware date against dates without a zone is refused, since their zone is unknown.

    >>> to_timestamp("2024-03-31", "as_of", like=pd.Series(pd.to_datetime(["2024-01-01"]).tz_localize("Asia/Shanghai")))
    Timestamp('2024-03-31 00:00:00+0800', tz='Asia/Shanghai')
    >>> to_timestamp(20240331, "as_of")
    Traceback (most recent call last):
    ...
    TypeError: `as_of` must be a date such as '2024-12-31', but 20240331 (int) was passed. Write it as text ('2024-03-31') or pass a pd.Timestamp.
    """
    if isinstance(value, (bool, int, float, np.integer, np.floating, np.bool_)):
        raise TypeError(
            f"`{argument}` must be a date such as '2024-12-31', but {value!r} ({type(value).__name__}) was passed. "
            f"Write it as text ('2024-03-31') or pass a pd.Timestamp."
        )
    try:
        stamp = pd.Timestamp(value)
    except (ValueError, TypeError) as error:
        raise ValueError(
            f"`{argument}` must be a date such as '2024-12-31', but {value!r} was passed ({error})."
        ) from None
    if pd.isna(stamp):
        raise ValueError(f"`{argument}` must be a date such as '2024-12-31', but {value!r} was passed.")
    if like is None:
        return stamp
    zone = like.dt.tz
    if zone is None and stamp.tz is not None:
        raise ValueError(
            f"`{argument}` ({stamp}) has a time zone but the dates of `{data_name}` have none, so the two cannot "
            f"be compared. Pass `{argument}` without a time zone (e.g. '{stamp.date()}'), or give the dates "
            f"their zone first: {data_name}[{like.name!r}].dt.tz_localize('{stamp.tz}')."
        )
    if zone is not None:
        stamp = stamp.tz_localize(zone) if stamp.tz is None else stamp.tz_convert(zone)
    return stamp


def _kind(value: Any) -> str:
    return "number" if isinstance(value, (int, float, np.number)) and not isinstance(value, bool) else type(value).__name__


def _kinds(values) -> dict[str, Any]:
    """Kind ('number', 'str', ...) -> its first value, for an object column or index; {} otherwise."""
    if getattr(values, "dtype", None) != object:
        return {}
    first: dict[str, Any] = {}
    for value in values:
        first.setdefault(_kind(value), value)
    return dict(sorted(first.items()))


def require_ids(series: pd.Series, argument: str, data_name: str) -> pd.Series:
    """A column of ids (customers, products): none missing and all of one kind, since 1001 and
    '1001' would silently be two customers."""
    require_no_missing(series, argument, data_name)
    kinds = _kinds(series)
    if len(kinds) > 1:
        raise TypeError(
            f"Column {series.name!r} (argument `{argument}=`) of `{data_name}` mixes ids of kinds {list(kinds)}, "
            f"e.g. {examples(kinds.values())}: 1001 and '1001' would be two customers. Write them one way, e.g. "
            f"{data_name}[{series.name!r}].astype(str), or read the file with crm.read_transactions(...)."
        )
    return series


def require_labels(series: pd.Series, argument: str) -> pd.Series:
    """Refuse a Series whose index (one label per customer or entity) has missing, repeated or
    mixed-type labels: they make one customer two, or two customers one."""
    index = series.index
    missing = index.isna()
    if missing.any():
        raise ValueError(
            f"The index of `{argument}` has {int(missing.sum())} missing label(s) (NaN) at position(s) "
            f"{examples(np.flatnonzero(missing).tolist())}. Every value needs its customer: drop them first, "
            f"e.g. {argument}[{argument}.index.notna()]."
        )
    kinds = _kinds(index)
    if len(kinds) > 1:
        raise TypeError(
            f"The index of `{argument}` mixes labels of kinds {list(kinds)}, e.g. "
            f"{examples(kinds.values())}: 1001 and '1001' would be two customers. Use one type, "
            f"e.g. {argument}.rename(index=str)."
        )
    if not index.is_unique:
        twice = index[index.duplicated()].unique()
        raise ValueError(
            f"The index of `{argument}` repeats {len(twice)} label(s), e.g. {examples(twice.tolist())}: "
            f"give one value per customer, e.g. {argument}.groupby(level=0).sum()."
        )
    return series


def require_flag(value: Any, argument: str, *, allow_none: bool = False) -> bool | None:
    """Refuse anything but True/False (and None when ``allow_none``), naming the argument."""
    if (value is None and allow_none) or isinstance(value, (bool, np.bool_)):
        return None if value is None else bool(value)
    allowed = "True, False or None" if allow_none else "True or False"
    raise TypeError(f"`{argument}` must be {allowed}, but {value!r} ({type(value).__name__}) was passed.")


def require_unique_columns(columns: Iterable[Any], data_name: str) -> None:
    """Refuse a table whose header names a column twice, showing the name and positions."""
    columns = list(columns)
    seen: dict[Any, list[int]] = {}
    for position, column in enumerate(columns, start=1):
        seen.setdefault(column, []).append(position)
    twice = {column: positions for column, positions in seen.items() if len(positions) > 1}
    if twice:
        shown = "; ".join(f"{column!r} at positions {positions}" for column, positions in twice.items())
        raise ValueError(
            f"`{data_name}` names a column more than once ({shown}). Rename the copies so every column name "
            f"is unique, then read it again."
        )


def require_unique(series: pd.Series, argument: str, data_name: str) -> pd.Series:
    """A column of ids that must name each row once (one row per outlet, vendor, member)."""
    twice = series[series.duplicated()].unique()
    if len(twice):
        raise ValueError(
            f"Column {series.name!r} (argument `{argument}=`) of `{data_name}` lists {len(twice)} id(s) more than once, "
            f"e.g. {examples(twice.tolist())}: give one row each, e.g. {data_name}.drop_duplicates(subset=[{series.name!r}])."
        )
    return series
