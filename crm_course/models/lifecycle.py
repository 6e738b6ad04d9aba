"""Lifecycle: one stage per customer (客户生命周期, 客户分类, SYLLABUS section 2) and how stages change.

Stages, from the farthest from the firm to the closest, then lost (codes in :data:`STAGES`):

============  ==========  ============================================================
code          中文         who
============  ==========  ============================================================
non_customer  非客户       passed as ``non_customers=``: people who do not need or cannot buy
potential     潜在客户     a member (``members=``) who has never bought
target        目标客户     a potential customer chosen for development (``targets=``)
first_time    初次购买者   bought on exactly one day, not lost
repeat        重要购买者   bought on two or more days, not lost, not loyal
loyal         忠诚客户     not lost, and the latest ``loyal_from`` purchases are consecutive
lost          流失客户     last purchase more than ``lapsed_after`` days before ``as_of``
============  ==========  ============================================================

>>> import pandas as pd
>>> tx = pd.DataFrame({"customer_id": ["a", "b", "b", "c", "d", "d", "d"],
...                    "date": pd.to_datetime(["2024-01-05", "2024-06-01", "2024-06-20", "2023-01-01",
...                                            "2024-03-01", "2024-05-01", "2024-06-25"])})
>>> lifecycle_stages(tx, members=["a", "b", "c", "d", "e", "f"], targets=["f"], as_of="2024-07-01").tolist()
['first_time', 'repeat', 'lost', 'loyal', 'potential', 'target']
"""

from __future__ import annotations

from collections.abc import Iterable
from numbers import Number

import numpy as np
import pandas as pd

from .._validation import (
    examples,
    require_columns,
    require_dates,
    require_frame,
    require_no_missing,
    require_not_empty,
    require_number,
    to_timestamp,
)

__all__ = [
    "STAGES", "LOYAL_FROM", "LAPSED_AFTER", "lifecycle_stages", "stage_transitions",
]

STAGES = ("non_customer", "potential", "target", "first_time", "repeat", "loyal", "lost")
NEW = "new"  # row of stage_transitions for customers not yet known at `start`
LOYAL_FROM = 3  # Tucker (1964): three consecutive purchases make a loyal customer
LAPSED_AFTER = 180  # days without a purchase after which a customer counts as lost


def _id_kind(values: pd.Series | pd.Index) -> str:
    """'text', 'number' or 'mixed': what kind of ids a column or list holds."""
    kinds = {"text" if isinstance(v, str) else "number" if isinstance(v, Number) and not isinstance(v, bool)
             else type(v).__name__ for v in pd.unique(np.asarray(values, dtype=object))}
    return kinds.pop() if len(kinds) == 1 else "mixed"


def _id_list(ids: Iterable | None, argument: str, tx_kind: str) -> pd.Index:
    """Distinct ids of ``members=`` / ``targets=`` / ``non_customers=``, of the same kind as the transactions'."""
    if ids is None:
        return pd.Index([], dtype=object)
    if isinstance(ids, (str, bytes)) or not isinstance(ids, Iterable):
        raise TypeError(
            f"`{argument}` must be a list (or Series) of customer ids, but {ids!r} was passed. "
            f"Pass e.g. {argument}=customers['customer_id']."
        )
    values = pd.Series(list(ids), dtype=object, name=argument)
    if values.isna().any():
        raise ValueError(
            f"`{argument}` has {int(values.isna().sum())} missing id(s). Drop them first, e.g. ids.dropna()."
        )
    kind = _id_kind(values)
    if len(values) and kind == "mixed":
        raise TypeError(f"`{argument}` mixes ids of different types: {examples(pd.unique(values))}. Use one type.")
    if len(values) and kind != tx_kind:
        convert = "[str(i) for i in ids]" if tx_kind == "text" else "[int(i) for i in ids]"
        raise TypeError(
            f"`{argument}` holds {kind} ids such as {examples(values.tolist(), 2)}, but the customer ids of `tx` "
            f"are {tx_kind}, so no id would match. Convert them first, e.g. {argument}={convert}."
        )
    return pd.Index(pd.unique(values), dtype=object)


def _purchase_days(tx: pd.DataFrame, customer: str, date: str) -> tuple[pd.DataFrame, str]:
    """Distinct purchase days: customer, its integer ``code`` (in sorted id order) and day, sorted
    by code and day; and the kind of the customer ids."""
    require_columns(tx, {"customer": customer, "date": date}, data_name="tx")
    require_not_empty(tx, "tx")
    require_no_missing(tx[customer], "customer", "tx")
    kind = _id_kind(tx[customer])
    if kind == "mixed":
        raise TypeError(
            f"Column {customer!r} (argument `customer=`) of `tx` mixes ids of different types: "
            f"{examples(pd.unique(tx[customer].astype(object)))}. Convert it first, e.g. tx[{customer!r}].astype(str)."
        )
    days = require_dates(tx[date], "date", "tx").dt.normalize()
    codes, _ = pd.factorize(tx[customer], sort=True)
    purchases = pd.DataFrame({"code": codes, "customer": tx[customer].to_numpy(dtype=object), "day": days.to_numpy()})
    return purchases.drop_duplicates(["code", "day"]).sort_values(["code", "day"], kind="stable"), kind


def _day(value, argument: str, purchases: pd.DataFrame) -> pd.Timestamp:
    """A date argument as a day, in the time zone of the purchase days when they have one."""
    day = to_timestamp(value, argument).normalize()
    zone = purchases["day"].dt.tz
    if zone is not None and day.tz is None:
        day = day.tz_localize(zone)
    return day


def _stages_at(purchases: pd.DataFrame, as_of: pd.Timestamp, groups: dict[str, pd.Index], *,
               lapsed_after: int, loyal_from: int) -> pd.Series:
    """Stage of everyone in ``groups`` and of every buyer, from purchase days up to ``as_of``."""
    seen = purchases[purchases["day"] <= as_of]
    code, day = seen["code"].to_numpy(), seen["day"]
    lapse = pd.Timedelta(days=lapsed_after)
    starts = np.r_[True, code[1:] != code[:-1]][: len(code)]  # the slices keep no purchases empty
    first = np.flatnonzero(starts)  # each customer's first row (rows are sorted by code, day)
    last = np.r_[first[1:], len(code)][: len(first)] - 1
    count = last - first + 1
    # the run of purchases that ends with the latest one, each within `lapsed_after` days of the one before
    breaks = np.flatnonzero(starts | (day.diff() > lapse).to_numpy())
    run_length = last - breaks[np.searchsorted(breaks, last, side="right") - 1] + 1
    stage = np.where(count == 1, "first_time", "repeat").astype(object)
    stage[run_length >= loyal_from] = "loyal"
    stage[((as_of - day.iloc[last]) > lapse).to_numpy()] = "lost"
    stage = pd.Series(stage, index=pd.Index(seen["customer"].to_numpy()[last], dtype=object))
    others = []
    for code in ("target", "potential", "non_customer"):
        ids = groups[code].difference(stage.index)
        for earlier in others:
            ids = ids.difference(earlier.index)
        others.append(pd.Series(code, index=ids, dtype=object))
    return pd.concat([stage, *others])


def _stage_inputs(tx, members, targets, non_customers, lapsed_after, loyal_from, customer, date):
    require_frame(tx, "tx")
    purchases, kind = _purchase_days(tx, customer, date)
    require_number(lapsed_after, "lapsed_after", low=0, integer=True)
    require_number(loyal_from, "loyal_from", low=2, integer=True)
    groups = {
        "potential": _id_list(members, "members", kind),
        "target": _id_list(targets, "targets", kind),
        "non_customer": _id_list(non_customers, "non_customers", kind),
    }
    clash = groups["non_customer"].intersection(groups["potential"].union(groups["target"]))
    if len(clash):
        raise ValueError(
            f"{len(clash)} id(s) are both in `non_customers` and in `members`/`targets`: {examples(clash)}. "
            f"A non-customer (非客户) cannot buy or does not need to; a member or target could. "
            f"Put each id in one list."
        )
    return purchases, groups


def _categorical(stage: pd.Series, customer: str, attrs: dict) -> pd.Series:
    stage = stage.sort_index().astype(pd.CategoricalDtype(STAGES, ordered=True)).rename("stage")
    stage.index.name = customer
    stage.attrs = attrs
    return stage


def lifecycle_stages(
    tx: pd.DataFrame,
    *,
    members: Iterable | None = None,
    targets: Iterable | None = None,
    non_customers: Iterable | None = None,
    as_of=None,
    lapsed_after: int = LAPSED_AFTER,
    loyal_from: int = LOYAL_FROM,
    customer: str = "customer_id",
    date: str = "date",
) -> pd.Series:
    """One lifecycle stage per customer, as an ordered categorical Series (codes :data:`STAGES`).

    The stage is the one at ``as_of`` (a day; default: the last purchase day in ``tx``), from
    the purchases on or before it; later purchases are not used (``attrs["later_purchases"]``
    counts them). Several purchases of a customer on one day count as one.

    - Buyers: ``lost`` if the last purchase is more than ``lapsed_after`` days before ``as_of``;
      else ``loyal`` if the latest ``loyal_from`` purchases are *consecutive*; else
      ``first_time`` (one purchase day) or ``repeat`` (two or more).
    - "Consecutive" is Tucker's rule (three consecutive purchases, ``loyal_from=3``) read on
      transaction data, which has no rival purchases to interrupt a run: purchases follow one
      another without a lapse, each within ``lapsed_after`` days of the one before. A customer
      who came back after a lapse starts a new run.
    - Others: ``target`` (in ``targets``), else ``potential`` (in ``members``), else
      ``non_customer`` (in ``non_customers``), for ids that did not buy up to ``as_of``.
      Whoever bought takes the stage of their purchases, whichever list they are in.

    Every buyer and every listed id appears exactly once (index: customer id, sorted).
    ``attrs`` keeps ``as_of``, ``lapsed_after``, ``loyal_from`` and ``later_purchases``.

    >>> tx = pd.DataFrame({"customer_id": [1, 1, 1, 2],
    ...                    "date": ["2024-01-01", "2024-08-01", "2024-09-01", "2024-09-01"]})
    >>> lifecycle_stages(tx, lapsed_after=90).to_dict()
    {1: 'repeat', 2: 'first_time'}
    >>> lifecycle_stages(tx, lapsed_after=365).to_dict()
    {1: 'loyal', 2: 'first_time'}
    """
    purchases, groups = _stage_inputs(tx, members, targets, non_customers, lapsed_after, loyal_from, customer, date)
    as_of = purchases["day"].max() if as_of is None else _day(as_of, "as_of", purchases)
    _refuse_buying_non_customers(purchases, groups["non_customer"], as_of)
    stage = _stages_at(purchases, as_of, groups, lapsed_after=int(lapsed_after), loyal_from=int(loyal_from))
    attrs = {"as_of": as_of, "lapsed_after": int(lapsed_after), "loyal_from": int(loyal_from),
             "later_purchases": int((purchases["day"] > as_of).sum())}
    return _categorical(stage, customer, attrs)


def _refuse_buying_non_customers(purchases: pd.DataFrame, non_customers: pd.Index, as_of: pd.Timestamp) -> None:
    bought = non_customers.intersection(pd.Index(purchases.loc[purchases["day"] <= as_of, "customer"].unique()))
    if len(bought):
        raise ValueError(
            f"{len(bought)} id(s) in `non_customers` bought by {as_of.date()}: {examples(bought)}. "
            f"A buyer is a customer; leave them out of `non_customers`."
        )


def stage_transitions(
    tx: pd.DataFrame,
    *,
    start,
    end,
    members: Iterable | None = None,
    targets: Iterable | None = None,
    non_customers: Iterable | None = None,
    lapsed_after: int = LAPSED_AFTER,
    loyal_from: int = LOYAL_FROM,
    normalize: bool = False,
    customer: str = "customer_id",
    date: str = "date",
) -> pd.DataFrame:
    """Stage at ``start`` (rows) x stage at ``end`` (columns): how many customers moved where.

    Both stages come from :func:`lifecycle_stages` with the same lists and thresholds.
    Customers who first bought after ``start`` and are in none of the lists were not known at
    ``start``: they are the row ``new``. Every customer known at ``end`` is counted once, so
    the table's total is the number of customers at ``end``; nobody is lost between the two.
    Rows and columns list every stage, with zeros. ``normalize=True`` gives row shares (each
    row sums to 1; rows without customers are 0).

    >>> tx = pd.DataFrame({"customer_id": ["a", "a", "b", "c"],
    ...                    "date": ["2024-01-01", "2024-03-01", "2024-01-10", "2024-03-01"]})
    >>> table = stage_transitions(tx, members=["a", "b", "c", "d"], start="2024-01-31", end="2024-03-31",
    ...                           lapsed_after=60)
    >>> shown = ["potential", "first_time", "repeat", "lost"]
    >>> table.loc[["potential", "first_time"], shown]  # doctest: +NORMALIZE_WHITESPACE
    end         potential  first_time  repeat  lost
    start
    potential           1           1       0     0
    first_time          0           0       1     1
    """
    purchases, groups = _stage_inputs(tx, members, targets, non_customers, lapsed_after, loyal_from, customer, date)
    start, end = _day(start, "start", purchases), _day(end, "end", purchases)
    if end <= start:
        raise ValueError(f"`end` ({end.date()}) must be after `start` ({start.date()}). Swap them or pick later `end`.")
    _refuse_buying_non_customers(purchases, groups["non_customer"], end)
    options = dict(lapsed_after=int(lapsed_after), loyal_from=int(loyal_from))
    before = _stages_at(purchases, start, groups, **options)
    after = _stages_at(purchases, end, groups, **options)
    before = before.reindex(after.index).fillna(NEW)
    rows = pd.CategoricalIndex(before.to_numpy(), categories=[*STAGES, NEW], ordered=True, name="start")
    columns = pd.CategoricalIndex(after.to_numpy(), categories=STAGES, ordered=True, name="end")
    table = pd.crosstab(pd.Series(rows, name="start"), pd.Series(columns, name="end"), dropna=False)
    table = table.reindex(index=pd.Index([*STAGES, NEW], name="start"), columns=pd.Index(STAGES, name="end"),
                          fill_value=0)
    if normalize:
        totals = table.sum(axis=1)
        table = table.div(totals.where(totals > 0), axis=0).fillna(0.0)
    table.attrs = {"start": start, "end": end, "normalize": bool(normalize), "customers": int(len(after)), **options}
    return table
