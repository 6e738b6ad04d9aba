"""Segmentation: RFM (recency, frequency, monetary) and ABC analysis.

>>> import pandas as pd
>>> tx = pd.DataFrame({
...     "customer_id": ["a", "a", "b", "c", "c", "c"],
...     "date": pd.to_datetime(["2024-01-05", "2024-03-01", "2024-02-10",
...                             "2024-01-20", "2024-02-25", "2024-03-02"]),
...     "amount": [20.0, 35.5, 120.0, 10.0, 15.0, 12.5],
... })
>>> rfm_table(tx)  # doctest: +NORMALIZE_WHITESPACE
             recency  frequency  monetary
customer_id
a                  2          2      55.5
b                 22          1     120.0
c                  1          3      37.5
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from .._validation import (
    examples,
    require_columns,
    require_dates,
    require_no_missing,
    require_not_empty,
    require_number,
    require_numeric,
    to_timestamp,
)

__all__ = [
    "DEFAULT_SEGMENT_RULES",
    "rfm_table",
    "rfm_scores",
    "rfm_segments",
    "abc_classes",
    "pareto_curve",
]

# The widely used R x F map (R = recency score, F = frequency score, 5 = best), bins=5.
DEFAULT_SEGMENT_RULES: tuple[dict[str, object], ...] = (
    {"segment": "champions", "r_min": 5, "r_max": 5, "f_min": 4, "f_max": 5},
    {"segment": "loyal_customers", "r_min": 3, "r_max": 4, "f_min": 4, "f_max": 5},
    {"segment": "potential_loyalists", "r_min": 4, "r_max": 5, "f_min": 2, "f_max": 3},
    {"segment": "new_customers", "r_min": 5, "r_max": 5, "f_min": 1, "f_max": 1},
    {"segment": "promising", "r_min": 4, "r_max": 4, "f_min": 1, "f_max": 1},
    {"segment": "need_attention", "r_min": 3, "r_max": 3, "f_min": 3, "f_max": 3},
    {"segment": "about_to_sleep", "r_min": 3, "r_max": 3, "f_min": 1, "f_max": 2},
    {"segment": "at_risk", "r_min": 1, "r_max": 2, "f_min": 3, "f_max": 4},
    {"segment": "cant_lose_them", "r_min": 1, "r_max": 2, "f_min": 5, "f_max": 5},
    {"segment": "hibernating", "r_min": 1, "r_max": 2, "f_min": 1, "f_max": 2},
)
_RULE_COLUMNS = ["segment", "r_min", "r_max", "f_min", "f_max"]


def _calendar_day(stamps):
    """Midnight of each date, with any time zone dropped (local calendar days)."""
    if isinstance(stamps, pd.Series):
        return stamps.dt.tz_localize(None).dt.normalize() if stamps.dt.tz is not None else stamps.dt.normalize()
    return stamps.tz_localize(None).normalize() if stamps.tz is not None else stamps.normalize()


def rfm_table(
    tx: pd.DataFrame,
    *,
    customer: str = "customer_id",
    date: str = "date",
    amount: str = "amount",
    order: str | None = None,
    as_of=None,
) -> pd.DataFrame:
    """Recency, frequency and monetary value of every customer (RFM分析法).

    One row per customer, indexed by customer id (the index is named like the
    ``customer`` column, sorted), with:

    - ``recency``: whole calendar days from the last purchase to ``as_of``;
    - ``frequency``: number of purchases: every row is one purchase, or, when
      ``order=`` names an order column, the number of distinct orders;
    - ``monetary``: total spend, the sum of ``amount``. Returns (negative amounts)
      reduce it; a customer whose returns exceed the purchases keeps a negative
      total and stays in the table.

    ``as_of`` is the day of the analysis. By default it is the day after the last
    transaction in the data, so the most recent buyer has recency 1 (as if the
    report were run the morning after the data ends). A transaction after
    ``as_of`` is refused; one on ``as_of`` itself has recency 0.

    Every customer of ``tx`` appears and ``tx`` is not changed. Refused with a
    message saying how to fix it: a missing column, a missing customer id or date,
    a date that is not a date, a non-numeric amount, an empty table.

    >>> import pandas as pd
    >>> tx = pd.DataFrame({"customer_id": [1, 1, 2],
    ...                    "date": ["2024-01-01", "2024-01-10", "2024-01-03"],
    ...                    "amount": [10.0, -4.0, 25.0]})
    >>> rfm_table(tx, as_of="2024-01-31")  # doctest: +NORMALIZE_WHITESPACE
                 recency  frequency  monetary
    customer_id
    1                 21          2       6.0
    2                 28          1      25.0
    """
    require_columns(tx, {"customer": customer, "date": date, "amount": amount, "order": order}, "tx")
    require_not_empty(tx, "tx")
    require_no_missing(tx[customer], "customer", "tx")
    dates = require_dates(tx[date], "date", "tx")
    amounts = require_numeric(tx[amount], "amount", "tx")
    last_day = _calendar_day(dates.max())
    if as_of is None:
        as_of = last_day + pd.Timedelta(days=1)
    else:
        as_of = _calendar_day(to_timestamp(as_of, "as_of"))
        if last_day > as_of:
            late = dates[_calendar_day(dates) > as_of]
            raise ValueError(
                f"{len(late)} transaction(s) of `tx` are after as_of={as_of.date()}, e.g. on "
                f"{examples(sorted({str(d.date()) for d in late.head(100)}))}. Pass a later `as_of` "
                f"or keep only the transactions up to it: tx[tx[{date!r}] <= as_of]."
            )

    columns = {"customer": tx[customer], "date": dates, "amount": amounts}
    if order is not None:
        require_no_missing(tx[order], "order", "tx")
        columns["order"] = tx[order]
    grouped = pd.DataFrame(columns, copy=False).groupby("customer", sort=True)
    frequency = grouped.size() if order is None else grouped["order"].nunique()
    table = pd.DataFrame(
        {
            "recency": (as_of - _calendar_day(grouped["date"].max())).dt.days.astype("int64"),
            "frequency": frequency.astype("int64"),
            "monetary": grouped["amount"].sum(),
        }
    )
    table.index.name = customer
    return table


def _percentile_scores(values: pd.Series, bins: int, *, ascending: bool = True) -> np.ndarray:
    """Scores 1..bins from the percentile rank with ties at their lowest rank: ceil(rank / n * bins).

    A value with ``below`` smaller values has the rank below + 1 for every customer
    holding it; the arithmetic stays in whole numbers, so exact boundaries stay exact.
    """
    x = values.to_numpy() if ascending else -values.to_numpy()
    _, value_of_row, counts = np.unique(x, return_inverse=True, return_counts=True)
    rank = (np.cumsum(counts) - counts + 1)[value_of_row]
    n = len(x)
    return (rank * bins + n - 1) // n


def rfm_scores(
    table: pd.DataFrame,
    *,
    bins: int = 5,
    recency: str = "recency",
    frequency: str = "frequency",
    monetary: str = "monetary",
) -> pd.DataFrame:
    """R, F and M scores from 1 to ``bins`` (bins best: most recent, most frequent, biggest spender).

    Returns a copy of ``table`` with the integer columns ``R``, ``F``, ``M``, the
    code ``RFM`` (text such as ``"535"``) and ``RFM_score`` = R + F + M.

    How a score is given: each customer's rank among all customers (1 = lowest
    value; tied values all take the lowest rank of their group) is cut into
    ``bins`` equal parts: score = ceil(rank / n * bins). So customers with the
    same value always share a score, the lowest value always scores 1, and the
    result does not depend on row order.

    How bins behave when values tie: a value held by more than 1/bins of the
    customers spans several bins and takes the lowest of them, leaving the others
    unused. With bins=5 and 60% one-time buyers, all one-time buyers get F=1 and
    no customer gets F=2 or F=3; the next frequency value starts above 60%, at
    F=4. Plain ``pd.qcut`` fails here ("Bin edges must be unique") and breaking
    ties by row order would give equal customers different scores.

    >>> import pandas as pd
    >>> table = pd.DataFrame({"recency": [2, 22, 1, 40, 5, 9],
    ...                       "frequency": [2, 1, 3, 1, 1, 4],
    ...                       "monetary": [55.5, 120.0, 37.5, 12.0, 80.0, 210.0]},
    ...                      index=pd.Index(list("abcdef"), name="customer_id"))
    >>> rfm_scores(table)[["R", "F", "M", "RFM", "RFM_score"]]  # doctest: +NORMALIZE_WHITESPACE
                 R  F  M  RFM  RFM_score
    customer_id
    a            5  4  3  543         12
    b            2  1  5  215          8
    c            5  5  2  552         12
    d            1  1  1  111          3
    e            4  1  4  414          9
    f            3  5  5  355         13
    """
    require_columns(table, {"recency": recency, "frequency": frequency, "monetary": monetary}, "table")
    require_not_empty(table, "table")
    bins = int(require_number(bins, "bins", low=2, high=9, integer=True))
    values = {name: require_numeric(table[name], arg, "table")
              for arg, name in (("recency", recency), ("frequency", frequency), ("monetary", monetary))}

    r = _percentile_scores(values[recency], bins, ascending=False)
    f = _percentile_scores(values[frequency], bins)
    m = _percentile_scores(values[monetary], bins)
    codes = np.array([f"{i:03d}" for i in range(1000)], dtype=object)
    scores = table.copy()
    scores["R"] = r
    scores["F"] = f
    scores["M"] = m
    scores["RFM"] = pd.Series(codes[r * 100 + f * 10 + m], index=table.index, dtype="str")
    scores["RFM_score"] = r + f + m
    return scores


def _off_scale(values: pd.Series, bins: int) -> pd.Series:
    """The values that are not whole scores from 1 to ``bins``."""
    return values[(values != values.round()) | (values < 1) | (values > bins)]


def _rules_frame(rules, bins: int) -> pd.DataFrame:
    """The rules as a DataFrame, checked to put every R x F cell in exactly one segment."""
    if isinstance(rules, pd.DataFrame):
        frame = rules
    elif isinstance(rules, Sequence) and not isinstance(rules, str) and all(isinstance(r, Mapping) for r in rules):
        frame = pd.DataFrame(list(rules))
    else:
        raise TypeError(
            f"`rules` must be a DataFrame or a list of dicts with keys {_RULE_COLUMNS}, "
            f"but a {type(rules).__name__} was passed."
        )
    require_columns(frame, {c: c for c in _RULE_COLUMNS}, "rules")
    require_not_empty(frame, "rules")
    require_no_missing(frame["segment"], "segment", "rules")
    for column in _RULE_COLUMNS[1:]:
        bad = _off_scale(require_numeric(frame[column], column, "rules"), bins)
        if len(bad):
            raise ValueError(
                f"Column {column!r} of `rules` must hold whole scores from 1 to {bins} (bins={bins}), "
                f"but has {examples(bad.tolist())}."
            )
    frame = frame[_RULE_COLUMNS].astype({c: "int64" for c in _RULE_COLUMNS[1:]})
    backwards = frame[(frame["r_min"] > frame["r_max"]) | (frame["f_min"] > frame["f_max"])]
    if len(backwards):
        raise ValueError(
            f"Rule(s) for {examples(backwards['segment'].tolist())} in `rules` have a minimum above "
            f"the maximum: use r_min <= r_max and f_min <= f_max."
        )
    return frame


def _segment_grid(rules: pd.DataFrame, bins: int) -> np.ndarray:
    """grid[R, F] = position of the rule covering that cell; refuse gaps and overlaps."""
    owners: dict[tuple[int, int], list[str]] = {(r, f): [] for r in range(1, bins + 1) for f in range(1, bins + 1)}
    grid = np.full((bins + 1, bins + 1), -1, dtype=np.int64)
    for position, rule in enumerate(rules.itertuples(index=False)):
        for r in range(rule.r_min, rule.r_max + 1):
            for f in range(rule.f_min, rule.f_max + 1):
                owners[(r, f)].append(rule.segment)
                grid[r, f] = position
    overlaps = {cell: names for cell, names in owners.items() if len(names) > 1}
    if overlaps:
        listed = "; ".join(f"R={r} F={f}: {names}" for (r, f), names in overlaps.items())
        raise ValueError(f"`rules` put {len(overlaps)} R x F cell(s) in more than one segment: {listed}. "
                         f"Each cell must belong to exactly one segment.")
    uncovered = [cell for cell, names in owners.items() if not names]
    if uncovered:
        listed = ", ".join(f"R={r} F={f}" for r, f in uncovered)
        raise ValueError(f"`rules` leave {len(uncovered)} R x F cell(s) without a segment: {listed}. "
                         f"Add rules so that every cell from 1 to {bins} is covered.")
    return grid


def rfm_segments(scores: pd.DataFrame, *, rules=None, bins: int = 5, r: str = "R", f: str = "F") -> pd.DataFrame:
    """Named segments from the R and F scores: a copy of ``scores`` with a ``segment`` column.

    ``rules`` is an editable table (a DataFrame or a list of dicts) with columns
    ``segment, r_min, r_max, f_min, f_max`` (inclusive score ranges). It must put
    every R x F cell from 1 to ``bins`` in exactly one segment; gaps and overlaps
    are refused, listing the cells. ``segment`` is categorical with the segments
    in the order of the rules, so counts include empty segments.

    The default, :data:`DEFAULT_SEGMENT_RULES`, is the widely used map for bins=5
    (ranges of R rows and F columns; 555 is a champion, 444 loyal, 333 needs
    attention, 222 and 111 hibernate). For other ``bins`` pass your own rules.

    ====  ==============  ===================  ===================  ===============  ===============
    R/F   F=1             F=2                  F=3                  F=4              F=5
    ====  ==============  ===================  ===================  ===============  ===============
    R=5   new_customers   potential_loyalists  potential_loyalists  champions        champions
    R=4   promising       potential_loyalists  potential_loyalists  loyal_customers  loyal_customers
    R=3   about_to_sleep  about_to_sleep       need_attention       loyal_customers  loyal_customers
    R=2   hibernating     hibernating          at_risk              at_risk          cant_lose_them
    R=1   hibernating     hibernating          at_risk              at_risk          cant_lose_them
    ====  ==============  ===================  ===================  ===============  ===============

    Note: with many one-time buyers nobody gets F=1 (see :func:`rfm_scores`), so
    ``new_customers`` and ``promising`` can stay empty; their recent one-time
    buyers then show as ``potential_loyalists``.

    >>> import pandas as pd
    >>> scores = pd.DataFrame({"R": [5, 4, 3, 2, 1, 5], "F": [5, 4, 3, 2, 1, 1]})
    >>> rfm_segments(scores)["segment"].tolist()
    ['champions', 'loyal_customers', 'need_attention', 'hibernating', 'hibernating', 'new_customers']
    """
    require_columns(scores, {"r": r, "f": f}, "scores")
    require_not_empty(scores, "scores")
    bins = int(require_number(bins, "bins", low=2, high=9, integer=True))
    if rules is None:
        if bins != 5:
            raise ValueError(
                f"The default segment rules are for bins=5, but bins={bins} was passed. "
                f"Pass rules=... covering every R x F cell from 1 to {bins} "
                f"(start from pd.DataFrame(DEFAULT_SEGMENT_RULES))."
            )
        rules = DEFAULT_SEGMENT_RULES
    rules = _rules_frame(rules, bins)
    grid = _segment_grid(rules, bins)

    cells = {}
    for argument, column in (("r", r), ("f", f)):
        values = require_numeric(scores[column], argument, "scores")
        bad = _off_scale(values, bins)
        if len(bad):
            raise ValueError(
                f"Column {column!r} (argument `{argument}=`) of `scores` must hold whole scores from 1 to "
                f"{bins}, but has {examples(bad.tolist())}. Pass the `bins` used in rfm_scores."
            )
        cells[argument] = values.to_numpy().astype(np.int64)
    segmented = scores.copy()
    segmented["segment"] = pd.Categorical.from_codes(grid[cells["r"], cells["f"]], categories=rules["segment"].tolist())
    return segmented


def _customer_values(values: pd.Series) -> pd.Series:
    """Per-customer values for ABC and Pareto: numeric, none missing or negative, positive total."""
    if not isinstance(values, pd.Series):
        raise TypeError(
            f"`values` must be a pandas Series of one value per customer (index = customer), "
            f"but a {type(values).__name__} was passed. E.g. tx.groupby('customer_id')['amount'].sum()."
        )
    require_not_empty(values, "values")
    numbers = require_numeric(values.rename(values.name if values.name is not None else "values"), "values", "values")
    negative = numbers[numbers < 0]
    if len(negative):
        raise ValueError(
            f"`values` has {len(negative)} negative value(s), e.g. customer(s) {examples(negative.index)} "
            f"with {examples(negative.tolist())}. Cumulative shares need values >= 0: "
            f"drop or clip them first (values.clip(lower=0)) and say so."
        )
    if numbers.sum() == 0:
        raise ValueError("`values` are all zero, so no customer has a share of the total. Pass real values.")
    return numbers


def _ranked(values: pd.Series) -> pd.Series:
    """Values from largest to smallest; ties ordered by customer label, so row order never matters."""
    labels = values.index.to_numpy()
    order = np.lexsort((labels, -values.to_numpy()))
    return values.iloc[order]


def abc_classes(values: pd.Series, *, cuts: tuple[float, float] = (0.8, 0.95)) -> pd.DataFrame:
    """ABC analysis (ABC分析法): class A, B or C by cumulative share of the total.

    ``values`` holds one value per customer (index = customer), e.g. annual sales.
    Customers are ranked from the largest value down (equal values by customer
    label, so the result does not depend on row order); a customer whose
    cumulative share BEFORE it is below ``cuts[0]`` is A, below ``cuts[1]`` is B,
    otherwise C: the customer who crosses 80% is still an A.

    Returns one row per customer, in rank order, with ``value``, ``rank`` (1 =
    largest), ``share`` of the total, ``cumulative_share`` (including the
    customer) and ``class`` (categorical A, B, C). Negative values and an all-zero
    total are refused.

    >>> import pandas as pd
    >>> sales = pd.Series({"a": 10.0, "b": 500.0, "c": 300.0, "d": 100.0, "e": 60.0, "f": 30.0})
    >>> abc_classes(sales)
       value  rank  share  cumulative_share class
    b  500.0     1   0.50              0.50     A
    c  300.0     2   0.30              0.80     A
    d  100.0     3   0.10              0.90     B
    e   60.0     4   0.06              0.96     B
    f   30.0     5   0.03              0.99     C
    a   10.0     6   0.01              1.00     C
    """
    if not isinstance(cuts, (tuple, list)) or len(cuts) != 2:
        raise TypeError(f"`cuts` must be two shares such as (0.8, 0.95), but {cuts!r} was passed.")
    a_cut = require_number(cuts[0], "cuts[0]", low=0, high=1, low_inclusive=False, high_inclusive=False)
    b_cut = require_number(cuts[1], "cuts[1]", low=a_cut, high=1, low_inclusive=False)
    ranked = _ranked(_customer_values(values))
    total = ranked.sum()
    cumulative = ranked.cumsum()
    before = np.concatenate([[0.0], cumulative.to_numpy()[:-1]]) / total
    classes = np.where(before < a_cut, "A", np.where(before < b_cut, "B", "C"))
    return pd.DataFrame(
        {
            "value": ranked,
            "rank": np.arange(1, len(ranked) + 1),
            "share": ranked / total,
            "cumulative_share": cumulative / total,
            "class": pd.Categorical(classes, categories=["A", "B", "C"]),
        },
        index=ranked.index,
    )


def pareto_curve(values: pd.Series) -> pd.DataFrame:
    """The data of the Pareto curve (二八法则): share of customers vs cumulative share of value.

    Customers are ranked from the largest value down; row k is the top k
    customers: ``customer_share`` = k / n and ``value_share`` = their share of the
    total. The curve starts at (0, 0) and ends at (1, 1).

    >>> import pandas as pd
    >>> pareto_curve(pd.Series({"a": 10.0, "b": 60.0, "c": 20.0, "d": 10.0}))
       customer_share  value_share
    0            0.00          0.0
    1            0.25          0.6
    2            0.50          0.8
    3            0.75          0.9
    4            1.00          1.0
    """
    ranked = _ranked(_customer_values(values)).to_numpy()
    n = len(ranked)
    return pd.DataFrame(
        {
            "customer_share": np.arange(n + 1) / n,
            "value_share": np.concatenate([[0.0], np.cumsum(ranked)]) / ranked.sum(),
        }
    )
