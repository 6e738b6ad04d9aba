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

import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from .._validation import (
    examples,
    require_columns,
    require_dates,
    require_ids,
    require_labels,
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
    "rfm_analysis",
    "abc_classes",
    "pareto_curve",
]

# The widely used R x F map (R = recency score, F = frequency score, high = best), written as
# shares of the score scale so that it holds for any number of bins. A score s of `bins` covers
# the customers from share (s - 1) / bins to s / bins of the ranking; with bins=5, R in (0.8, 1]
# is R=5, F in (0.6, 1] is F=4-5. Every cell goes to the rule holding its middle.
DEFAULT_SEGMENT_RULES: tuple[dict[str, object], ...] = (
    {"segment": "champions", "r_from": 0.8, "r_to": 1.0, "f_from": 0.6, "f_to": 1.0},
    {"segment": "loyal_customers", "r_from": 0.4, "r_to": 0.8, "f_from": 0.6, "f_to": 1.0},
    {"segment": "potential_loyalists", "r_from": 0.6, "r_to": 1.0, "f_from": 0.2, "f_to": 0.6},
    {"segment": "new_customers", "r_from": 0.8, "r_to": 1.0, "f_from": 0.0, "f_to": 0.2},
    {"segment": "promising", "r_from": 0.6, "r_to": 0.8, "f_from": 0.0, "f_to": 0.2},
    {"segment": "need_attention", "r_from": 0.4, "r_to": 0.6, "f_from": 0.4, "f_to": 0.6},
    {"segment": "about_to_sleep", "r_from": 0.4, "r_to": 0.6, "f_from": 0.0, "f_to": 0.4},
    {"segment": "at_risk", "r_from": 0.0, "r_to": 0.4, "f_from": 0.4, "f_to": 0.8},
    {"segment": "cant_lose_them", "r_from": 0.0, "r_to": 0.4, "f_from": 0.8, "f_to": 1.0},
    {"segment": "hibernating", "r_from": 0.0, "r_to": 0.4, "f_from": 0.0, "f_to": 0.4},
)
_RULE_COLUMNS = ["segment", "r_min", "r_max", "f_min", "f_max"]
_SHARE_COLUMNS = ["segment", "r_from", "r_to", "f_from", "f_to"]


def _calendar_day(stamps):
    """Midnight of each date, with any time zone dropped (local calendar days)."""
    if isinstance(stamps, pd.Series):
        return stamps.dt.tz_localize(None).dt.normalize() if stamps.dt.tz is not None else stamps.dt.normalize()
    return stamps.tz_localize(None).normalize() if stamps.tz is not None else stamps.normalize()


def _exact_sums(values: pd.Series, keys: pd.Series) -> pd.Series:
    """The sum of ``values`` per key (keys sorted), exactly rounded (math.fsum), so a total never
    depends on the order of the rows: 0.1 + 0.2 + 0.3 is 0.6 in any order, as is 0.6 itself."""
    codes, keys_sorted = pd.factorize(keys, sort=True)
    return pd.Series(_sums_by_code(values, codes, len(keys_sorted)), index=keys_sorted)


def _sums_by_code(values, codes: np.ndarray, n: int) -> list[float]:
    """math.fsum of ``values`` for each group code 0 .. n - 1."""
    order = np.argsort(codes, kind="stable")
    numbers = np.asarray(values, dtype=float)[order].tolist()
    bounds = np.searchsorted(codes[order], np.arange(n + 1)).tolist()
    return [math.fsum(numbers[a:b]) for a, b in zip(bounds[:-1], bounds[1:])]


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
    - ``frequency``: number of purchases. A purchase is a purchase day: all of a
      customer's rows on one calendar day are one purchase (so invoice-line data,
      one row per product, is not counted line by line). This is the unit
      :func:`~crm_course.models.btyd.btyd_summary` counts too (its ``frequency`` is
      the purchase days after the first). With ``order=`` (an order or invoice
      number column), frequency is the number of distinct orders instead, so two
      orders on one day count twice;
    - ``monetary``: total spend, the sum of ``amount``, exactly rounded so it does not
      depend on the order of the rows. Returns (negative amounts) reduce it; a
      customer whose returns exceed the purchases keeps a negative total and stays in
      the table.

    ``as_of`` is the day of the analysis. By default it is the day after the last
    transaction in the data, so the most recent buyer has recency 1 (as if the
    report were run the morning after the data ends). A transaction after
    ``as_of`` is refused; one on ``as_of`` itself has recency 0. A date without a
    time zone is read in the data's zone. ``result.attrs["as_of"]`` keeps the day used
    and ``attrs["order"]`` the order column (None: purchase days).

    Every customer of ``tx`` appears and ``tx`` is not changed. Refused with a
    message saying how to fix it: a missing column (or the customer id in the
    index), a missing customer id or date, a date that is not a date, an ``as_of``
    that is a number, a non-numeric amount, an empty table.

    >>> import pandas as pd
    >>> tx = pd.DataFrame({"customer_id": [1, 1, 1, 2],
    ...                    "date": ["2024-01-01", "2024-01-10", "2024-01-10", "2024-01-03"],
    ...                    "amount": [10.0, -4.0, 2.5, 25.0]})
    >>> rfm_table(tx, as_of="2024-01-31")  # doctest: +NORMALIZE_WHITESPACE
                 recency  frequency  monetary
    customer_id
    1                 21          2       8.5
    2                 28          1      25.0
    """
    require_columns(tx, {"customer": customer, "date": date, "amount": amount, "order": order}, "tx")
    require_not_empty(tx, "tx")
    require_ids(tx[customer], "customer", "tx")
    dates = require_dates(tx[date], "date", "tx")
    amounts = require_numeric(tx[amount], "amount", "tx")
    days = _calendar_day(dates)
    last_day = days.max()
    if as_of is None:
        as_of = last_day + pd.Timedelta(days=1)
    else:
        as_of = _calendar_day(to_timestamp(as_of, "as_of", like=dates))
        if last_day > as_of:
            late_days = sorted({str(d.date()) for d in days[days > as_of]})
            raise ValueError(
                f"{int((days > as_of).sum())} transaction(s) of `tx` are after as_of={as_of.date()}, e.g. on "
                f"{examples(late_days)}. Pass a later `as_of`, or keep only "
                f"the transactions before the analysis day: tx[tx[{date!r}] < {str(as_of.date())!r}] "
                f"(purchases on {as_of.date()} itself are allowed, with recency 0: keep them with "
                f"tx[tx[{date!r}].dt.normalize() <= {str(as_of.date())!r}])."
            )

    codes, customers = pd.factorize(tx[customer], sort=True)
    columns = {"customer": codes, "day": days.to_numpy()}
    if order is not None:
        require_ids(tx[order], "order", "tx")
        columns["order"] = pd.factorize(tx[order])[0]
    grouped = pd.DataFrame(columns).groupby("customer", sort=True)
    frequency = grouped["day" if order is None else "order"].nunique()
    table = pd.DataFrame(
        {
            "recency": (as_of - grouped["day"].max()).dt.days.astype("int64").to_numpy(),
            "frequency": frequency.astype("int64").to_numpy(),
            "monetary": _sums_by_code(amounts, codes, len(customers)),
        },
        index=customers.rename(customer),
    )
    table.attrs = {"as_of": as_of, "order": order}
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
    F=4. Plain ``pd.qcut`` fails here ("Bin edges must be unique");
    ``pd.qcut(..., duplicates="drop")`` runs but merges the repeated edges into fewer
    bins, so its labels no longer run from 1 to ``bins`` and scores of two analyses
    are not comparable; breaking ties by row order (``rank(method="first")``) would
    give equal customers different scores.

    ``result.attrs["bins"]`` keeps ``bins``, so :func:`rfm_segments` and the plots know
    the scale.

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
    scores.attrs = {**table.attrs, "bins": bins}
    return scores


def _off_scale(values: pd.Series, bins: int) -> pd.Series:
    """The values that are not whole scores from 1 to ``bins``."""
    return values[(values != values.round()) | (values < 1) | (values > bins)]


def _rules_table(rules) -> pd.DataFrame:
    """The rules as a DataFrame (from a DataFrame or a list of dicts)."""
    if isinstance(rules, pd.DataFrame):
        return rules
    if isinstance(rules, Sequence) and not isinstance(rules, str) and all(isinstance(r, Mapping) for r in rules):
        return pd.DataFrame(list(rules))
    raise TypeError(
        f"`rules` must be a DataFrame or a list of dicts with keys {_SHARE_COLUMNS} (shares of the scale, "
        f"like DEFAULT_SEGMENT_RULES) or {_RULE_COLUMNS} (scores), but a {type(rules).__name__} was passed."
    )


def _share_rules(frame: pd.DataFrame, bins: int) -> pd.DataFrame:
    """Rules on shares of the scale, checked to tile the R x F square, as score ranges for ``bins``.

    Score s covers the shares ((s - 1) / bins, s / bins]; it belongs to the rule whose
    (from, to] holds its middle (s - 0.5) / bins. A rule too narrow for ``bins`` gets an empty
    range (its minimum above its maximum).
    """
    require_columns(frame, {c: c for c in _SHARE_COLUMNS}, "rules")
    require_not_empty(frame, "rules")
    require_no_missing(frame["segment"], "segment", "rules")
    shares = {c: require_numeric(frame[c], c, "rules") for c in _SHARE_COLUMNS[1:]}
    for column, values in shares.items():
        off = values[(values < 0) | (values > 1)]
        if len(off):
            raise ValueError(
                f"Column {column!r} of `rules` must hold shares of the score scale from 0 to 1, but has "
                f"{examples(off.tolist())}. 0.8 to 1 is the top fifth of the scale (R=5 with bins=5)."
            )
    segment = frame["segment"].tolist()
    r0, r1, f0, f1 = (shares[c].to_numpy() for c in _SHARE_COLUMNS[1:])
    backwards = [segment[i] for i in np.flatnonzero((r0 >= r1) | (f0 >= f1))]
    if backwards:
        raise ValueError(
            f"Rule(s) for {examples(backwards)} in `rules` have a `from` share not below the `to` share: "
            f"use r_from < r_to and f_from < f_to."
        )
    overlaps = [
        f"{segment[i]!r} and {segment[j]!r}"
        for i in range(len(segment)) for j in range(i + 1, len(segment))
        if max(r0[i], r0[j]) < min(r1[i], r1[j]) and max(f0[i], f0[j]) < min(f1[i], f1[j])
    ]
    if overlaps:
        raise ValueError(f"`rules` overlap: {'; '.join(overlaps)}. Each part of the R x F scale must belong to "
                         f"exactly one segment.")
    covered = float(((r1 - r0) * (f1 - f0)).sum())
    if abs(covered - 1) > 1e-9:
        raise ValueError(
            f"`rules` cover {covered:.1%} of the R x F scale, not all of it. Add rules for the rest "
            f"(shares from 0 to 1 on both R and F), starting from pd.DataFrame(DEFAULT_SEGMENT_RULES)."
        )

    def lowest(share):  # the lowest score whose middle is above `share`
        return np.floor(np.round(share * bins + 0.5, 9)).astype(np.int64) + 1

    def highest(share):  # the highest score whose middle is at or below `share`
        return np.floor(np.round(share * bins + 0.5, 9)).astype(np.int64)

    return pd.DataFrame({"segment": segment, "r_min": lowest(r0), "r_max": highest(r1),
                         "f_min": lowest(f0), "f_max": highest(f1)})


def _score_rules(frame: pd.DataFrame, bins: int) -> pd.DataFrame:
    """Rules on whole scores, checked to be written for ``bins``."""
    require_columns(frame, {c: c for c in _RULE_COLUMNS}, "rules")
    require_not_empty(frame, "rules")
    require_no_missing(frame["segment"], "segment", "rules")
    numbers = {c: require_numeric(frame[c], c, "rules") for c in _RULE_COLUMNS[1:]}
    top = max(float(numbers["r_max"].max()), float(numbers["f_max"].max()))
    if top != bins and top == round(top) and top >= 1:
        raise ValueError(
            f"`rules` are written for bins={int(top)} (their highest score is {int(top)}), but the scores have "
            f"bins={bins}. Score with crm.rfm_scores(table, bins={int(top)}), rewrite the rules for {bins} bins, "
            f"or write them as shares of the scale (r_from, r_to, f_from, f_to, like DEFAULT_SEGMENT_RULES), "
            f"which hold for any bins."
        )
    for column, values in numbers.items():
        bad = _off_scale(values, bins)
        if len(bad):
            raise ValueError(
                f"Column {column!r} of `rules` must hold whole scores from 1 to {bins} (bins={bins}), "
                f"but has {examples(bad.tolist())}."
            )
    frame = pd.DataFrame({"segment": frame["segment"].tolist(),
                          **{c: numbers[c].to_numpy().astype(np.int64) for c in _RULE_COLUMNS[1:]}})
    backwards = frame[(frame["r_min"] > frame["r_max"]) | (frame["f_min"] > frame["f_max"])]
    if len(backwards):
        raise ValueError(
            f"Rule(s) for {examples(backwards['segment'].tolist())} in `rules` have a minimum above "
            f"the maximum: use r_min <= r_max and f_min <= f_max."
        )
    return frame


def _rules_frame(rules, bins: int) -> pd.DataFrame:
    """The rules as whole-score ranges for ``bins``: from shares of the scale or from scores."""
    frame = _rules_table(rules)
    has_shares = any(c in frame.columns for c in _SHARE_COLUMNS[1:])
    has_scores = any(c in frame.columns for c in _RULE_COLUMNS[1:])
    if has_shares and has_scores:
        raise ValueError(
            f"`rules` mix shares of the scale ({_SHARE_COLUMNS[1:]}) and scores ({_RULE_COLUMNS[1:]}); "
            f"its columns are {list(map(str, frame.columns))}. Write all rules one way."
        )
    return _share_rules(frame, bins) if has_shares else _score_rules(frame, bins)


def _segment_grid(rules: pd.DataFrame, bins: int) -> np.ndarray:
    """grid[R, F] = position of the segment covering that cell; refuse gaps and overlaps.

    A segment may have several rules (an L-shaped region); its position is that of its first rule.
    """
    positions = {name: i for i, name in enumerate(dict.fromkeys(rules["segment"]))}
    owners: dict[tuple[int, int], list[str]] = {(r, f): [] for r in range(1, bins + 1) for f in range(1, bins + 1)}
    grid = np.full((bins + 1, bins + 1), -1, dtype=np.int64)
    for rule in rules.itertuples(index=False):
        for r in range(rule.r_min, rule.r_max + 1):
            for f in range(rule.f_min, rule.f_max + 1):
                owners[(r, f)].append(rule.segment)
                grid[r, f] = positions[rule.segment]
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


def rfm_segments(scores: pd.DataFrame, *, rules=None, bins: int | None = None, r: str = "R",
                 f: str = "F") -> pd.DataFrame:
    """Named segments from the R and F scores: a copy of ``scores`` with a ``segment`` column.

    ``rules`` is an editable table (a DataFrame or a list of dicts), written one of two ways:

    - as shares of the score scale, columns ``segment, r_from, r_to, f_from, f_to``: a rule
      takes the R scores whose bin has its middle in (r_from, r_to] of the scale, and the
      same for F. Score s of ``bins`` covers ((s - 1) / bins, s / bins], so with bins=5
      ``r_from=0.8, r_to=1`` is R=5 and with bins=10 it is R=9-10. Such rules hold for any
      ``bins``; they must tile the whole R x F scale (0 to 1 on both), without overlaps;
    - as scores, columns ``segment, r_min, r_max, f_min, f_max`` (inclusive ranges): written
      for one number of bins, they must put every R x F cell from 1 to ``bins`` in exactly
      one segment. Rules written for another ``bins`` (e.g. for 5 with scores of 7 bins)
      are refused with a message that says so.

    Gaps and overlaps are refused, listing the cells. A segment may have several rules (its
    region is their union). ``segment`` is categorical with the segments in the order of the
    rules, so counts include empty segments. ``bins`` defaults to ``scores.attrs["bins"]``
    (set by :func:`rfm_scores`), else 5.

    The default, :data:`DEFAULT_SEGMENT_RULES`, is the widely used R x F map, on shares of
    the scale; with bins=5 it reads (555 is a champion, 444 loyal, 333 needs attention, 222
    and 111 hibernate):

    ====  ==============  ===================  ===================  ===============  ===============
    R/F   F=1             F=2                  F=3                  F=4              F=5
    ====  ==============  ===================  ===================  ===============  ===============
    R=5   new_customers   potential_loyalists  potential_loyalists  champions        champions
    R=4   promising       potential_loyalists  potential_loyalists  loyal_customers  loyal_customers
    R=3   about_to_sleep  about_to_sleep       need_attention       loyal_customers  loyal_customers
    R=2   hibernating     hibernating          at_risk              at_risk          cant_lose_them
    R=1   hibernating     hibernating          at_risk              at_risk          cant_lose_them
    ====  ==============  ===================  ===================  ===============  ===============

    With fewer bins some segments are too narrow to get a cell (with bins=2 nobody is a
    champion: R=2 and F=2 have their middles at 75% of the scale); with more bins the
    regions keep their shares of the scale.

    Note: with many one-time buyers, all of them get F=1 (tied customers share the lowest
    score of their span, see :func:`rfm_scores`) and F=2, sometimes F=3, stay unused; so the
    F=1 segments (``new_customers``, ``promising``, ``about_to_sleep``, ``hibernating``) hold
    every one-time buyer, and a segment of F=2 cells only gets customers with more purchases.

    ``result.attrs`` keeps ``bins`` and ``rules``: the rules as whole-score ranges for these
    bins (a tuple of dicts with keys segment, r_min, r_max, f_min, f_max; rules that get no
    cell left out), ready to draw the map or to pass back as ``rules=``.

    >>> import pandas as pd
    >>> scores = pd.DataFrame({"R": [5, 4, 3, 2, 1, 5], "F": [5, 4, 3, 2, 1, 1]})
    >>> rfm_segments(scores)["segment"].tolist()
    ['champions', 'loyal_customers', 'need_attention', 'hibernating', 'hibernating', 'new_customers']
    >>> rfm_segments(pd.DataFrame({"R": [3, 3, 1], "F": [3, 1, 3]}), bins=3)["segment"].tolist()
    ['champions', 'new_customers', 'cant_lose_them']
    """
    require_columns(scores, {"r": r, "f": f}, "scores")
    require_not_empty(scores, "scores")
    scored_with = scores.attrs.get("bins")
    if bins is None:
        bins = scored_with if scored_with is not None else 5
    bins = int(require_number(bins, "bins", low=2, high=9, integer=True))
    if scored_with is not None and scored_with != bins:
        raise ValueError(
            f"`bins={bins}` contradicts the scores, which rfm_scores made with bins={scored_with}. "
            f"Leave `bins` out, or score again with crm.rfm_scores(table, bins={bins})."
        )
    rules = _rules_frame(DEFAULT_SEGMENT_RULES if rules is None else rules, bins)
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
    names = list(dict.fromkeys(rules["segment"]))
    segmented["segment"] = pd.Categorical.from_codes(grid[cells["r"], cells["f"]], categories=names)
    used = rules[(rules["r_min"] <= rules["r_max"]) & (rules["f_min"] <= rules["f_max"])]
    segmented.attrs = {
        **scores.attrs,
        "bins": bins,
        "rules": tuple({"segment": rule.segment, "r_min": int(rule.r_min), "r_max": int(rule.r_max),
                        "f_min": int(rule.f_min), "f_max": int(rule.f_max)} for rule in used.itertuples(index=False)),
    }
    return segmented


def rfm_analysis(table: pd.DataFrame, *, bins: int = 5, rules=None, recency: str = "recency",
                 frequency: str = "frequency", monetary: str = "monetary") -> pd.DataFrame:
    """Scores and segments of an RFM table in one call: ``rfm_segments(rfm_scores(table, bins=bins), rules=rules)``.

    ``table`` is an :func:`rfm_table` (or any table with recency, frequency and monetary
    columns, named by the keyword arguments). Returns the table with the R, F, M scores, the
    RFM code and score, and the ``segment``; ``result.attrs`` keeps ``bins``, ``rules`` (the
    rules as score ranges for these bins) and the RFM table's own ``as_of`` and ``order``.
    ``rules`` as in :func:`rfm_segments`: default :data:`DEFAULT_SEGMENT_RULES`, which hold for
    any ``bins``; rules written as scores for another number of bins are refused.

    >>> import pandas as pd
    >>> table = pd.DataFrame({"recency": [2, 22, 1, 40, 5, 9], "frequency": [2, 1, 3, 1, 1, 4],
    ...                       "monetary": [55.5, 120.0, 37.5, 12.0, 80.0, 210.0]},
    ...                      index=pd.Index(list("abcdef"), name="customer_id"))
    >>> rfm_analysis(table, bins=3)[["R", "F", "segment"]]  # doctest: +NORMALIZE_WHITESPACE
                 R  F          segment
    customer_id
    a            3  2  potential_loyalists
    b            1  1          hibernating
    c            3  3        champions
    d            1  1          hibernating
    e            2  1   about_to_sleep
    f            2  3  loyal_customers
    """
    scores = rfm_scores(table, bins=bins, recency=recency, frequency=frequency, monetary=monetary)
    return rfm_segments(scores, rules=rules)


def _customer_values(values: pd.Series) -> pd.Series:
    """Per-customer values for ABC and Pareto: numeric, none missing or negative, positive total."""
    if not isinstance(values, pd.Series):
        raise TypeError(
            f"`values` must be a pandas Series of one value per customer (index = customer), "
            f"but a {type(values).__name__} was passed. E.g. tx.groupby('customer_id')['amount'].sum()."
        )
    require_not_empty(values, "values")
    require_labels(values, "values")
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
    customer) and ``class`` (categorical A, B, C). Negative values, an all-zero total
    and an index with missing, repeated or mixed-type customer labels are refused.
    ``result.attrs`` keeps ``cuts``, the ``total`` value and ``top20_share``, the share
    of value of the top 20% of customers (as on the Pareto curve).

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
    if isinstance(cuts, (str, bytes)) or np.ndim(cuts) != 1 or len(cuts) != 2:
        raise TypeError(f"`cuts` must be two shares such as (0.8, 0.95), but {cuts!r} was passed.")
    a_cut = require_number(cuts[0], "cuts[0]", low=0, high=1, low_inclusive=False, high_inclusive=False)
    b_cut = require_number(cuts[1], "cuts[1]", low=a_cut, high=1, low_inclusive=False)
    ranked = _ranked(_customer_values(values))
    total = ranked.sum()
    cumulative = ranked.cumsum()
    before = np.concatenate([[0.0], cumulative.to_numpy()[:-1]]) / total
    classes = np.where(before < a_cut, "A", np.where(before < b_cut, "B", "C"))
    result = pd.DataFrame(
        {
            "value": ranked,
            "rank": np.arange(1, len(ranked) + 1),
            "share": ranked / total,
            "cumulative_share": cumulative / total,
            "class": pd.Categorical(classes, categories=["A", "B", "C"]),
        },
        index=ranked.index,
    )
    result.attrs = {"cuts": (float(a_cut), float(b_cut)), "total": float(total),
                    "top20_share": _top20_share(ranked.to_numpy())}
    return result


def _top20_share(ranked: np.ndarray) -> float:
    """The share of value of the top 20% of customers, read off the Pareto curve (interpolated)."""
    n = len(ranked)
    curve = np.concatenate([[0.0], np.cumsum(ranked)]) / ranked.sum()
    return float(np.interp(0.2, np.arange(n + 1) / n, curve))


def pareto_curve(values: pd.Series) -> pd.DataFrame:
    """The data of the Pareto curve (二八法则): share of customers vs cumulative share of value.

    Customers are ranked from the largest value down; row k is the top k
    customers: ``customer_share`` = k / n and ``value_share`` = their share of the
    total. The curve starts at (0, 0) and ends at (1, 1). ``result.attrs`` keeps
    ``n_customers``, the ``total`` value and ``top20_share`` (the value share of the top
    20% of customers, interpolated on the curve), so a plot need not compute them.

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
    curve = pd.DataFrame(
        {
            "customer_share": np.arange(n + 1) / n,
            "value_share": np.concatenate([[0.0], np.cumsum(ranked)]) / ranked.sum(),
        }
    )
    curve.attrs = {"n_customers": n, "total": float(ranked.sum()), "top20_share": _top20_share(ranked)}
    return curve
