"""Acquisition cohorts (获客队列): customers grouped by the period of their first purchase.

Convention: the **cohort** is the calendar period (month, quarter, ...) of a customer's first
purchase, and **period 0 is that acquisition period itself**; period 1 is the next calendar
period, and so on. (Tutorials differ: some count the acquisition month as month 1.) A customer
who first buys on 31 January and again on 1 February is active in periods 0 and 1.

>>> import pandas as pd
>>> tx = pd.DataFrame({"customer_id": ["a", "a", "b", "b", "c", "d"],
...                    "date": pd.to_datetime(["2024-01-05", "2024-02-10", "2024-01-20",
...                                            "2024-03-02", "2024-02-01", "2024-03-15"]),
...                    "amount": [10.0, 20.0, 5.0, 7.0, 30.0, 40.0]})
>>> cohort_table(tx)  # doctest: +NORMALIZE_WHITESPACE
period     0    1    2
cohort
2024-01  2.0  1.0  1.0
2024-02  1.0  0.0  NaN
2024-03  1.0  NaN  NaN
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._validation import (
    examples,
    require_choice,
    require_columns,
    require_dates,
    require_frame,
    require_no_missing,
    require_not_empty,
    require_numeric,
)

__all__ = ["PERIODS", "COHORT_METRICS", "cohort_table", "cohort_survivors"]

PERIODS = {"W": "week", "M": "month", "Q": "quarter", "Y": "year"}
COHORT_METRICS = ("customers", "revenue", "share", "survivors")


def _periods(tx: pd.DataFrame, customer: str, date: str, period: str) -> pd.DataFrame:
    """customer (a number per customer), ordinal of the period and of the customer's cohort, periods since."""
    require_frame(tx, "tx")
    require_columns(tx, {"customer": customer, "date": date}, data_name="tx")
    require_not_empty(tx, "tx")
    require_no_missing(tx[customer], "customer", "tx")
    require_choice(period, list(PERIODS), "period")
    dates = require_dates(tx[date], "date", "tx")
    if dates.dt.tz is not None:
        dates = dates.dt.tz_localize(None)
    periods = dates.dt.to_period(period)
    ordinal = periods.array.asi8
    customers = pd.factorize(tx[customer].to_numpy(dtype=object))[0]  # grouping by numbers, not text, is faster
    frame = pd.DataFrame({"customer": customers, "ordinal": ordinal}, index=tx.index)
    frame["cohort"] = frame.groupby("customer")["ordinal"].transform("min")
    frame["since"] = frame["ordinal"] - frame["cohort"]
    return frame


def _shape(values: pd.DataFrame, frame: pd.DataFrame, period: str) -> pd.DataFrame:
    """Cohorts as rows (PeriodIndex), periods since acquisition 0..max as columns; NaN beyond the data."""
    last = frame["ordinal"].max()
    cohorts = np.sort(frame["cohort"].unique())
    width = int(last - cohorts.min()) + 1
    table = values.reindex(index=cohorts, columns=range(width)).fillna(0.0).astype(float)
    observed = (last - cohorts)[:, None] >= np.arange(width)[None, :]
    table = table.where(observed)
    table.index = pd.PeriodIndex.from_ordinals(cohorts, freq=period).rename("cohort")
    table.columns = pd.Index(range(width), name="period")
    return table


def cohort_table(
    tx: pd.DataFrame,
    *,
    period: str = "M",
    metric: str = "customers",
    customer: str = "customer_id",
    date: str = "date",
    amount: str = "amount",
) -> pd.DataFrame:
    """Acquisition cohort (rows) x periods since acquisition (columns 0, 1, 2, ...).

    ``period``: "W", "M" (default), "Q" or "Y" calendar periods. ``metric``:

    - ``"customers"``: customers of the cohort who bought in the period (period 0: cohort size);
    - ``"share"``: that number over the cohort size (period 0 is 1): the classic retention chart;
    - ``"revenue"``: the cohort's total ``amount`` in the period (net of negative amounts);
    - ``"survivors"``: customers whose last purchase is in that period or later, which never
      rises, so it can feed :func:`crm.fit_sbg`; near the end of the data it understates, as
      customers who will buy again have not done so yet.

    Cells after the last period of the data are NaN; periods without purchases are 0. The last
    period may be partial (the data can end mid-month). ``attrs`` keeps ``period``, ``metric``
    and the cohort sizes (``attrs["sizes"]``, a dict by cohort label).

    >>> tx = pd.DataFrame({"customer_id": ["a", "a", "b"], "date": ["2024-01-31", "2024-02-01", "2024-02-15"],
    ...                    "amount": [5.0, 8.0, 3.0]})
    >>> cohort_table(tx, metric="revenue").to_dict("index")
    {Period('2024-01', 'M'): {0: 5.0, 1: 8.0}, Period('2024-02', 'M'): {0: 3.0, 1: nan}}
    """
    require_choice(metric, COHORT_METRICS, "metric")
    frame = _periods(tx, customer, date, period)
    sizes = frame.groupby("cohort")["customer"].nunique()
    if metric == "revenue":
        require_columns(tx, {"amount": amount}, data_name="tx")
        frame["amount"] = require_numeric(tx[amount], "amount", "tx")
        values = frame.groupby(["cohort", "since"])["amount"].sum().unstack()
    elif metric == "survivors":
        last = frame.groupby("customer").agg(cohort=("cohort", "first"), last=("since", "max"))
        width = int(last["last"].max()) + 1
        alive = last["last"].to_numpy()[:, None] >= np.arange(width)[None, :]
        values = pd.DataFrame(alive, index=last["cohort"].to_numpy()).groupby(level=0).sum()
    else:
        values = frame.groupby(["cohort", "since"])["customer"].nunique().unstack()
        if metric == "share":
            values = values.div(sizes, axis=0)
    table = _shape(values, frame, period)
    table.attrs = {"period": period, "metric": metric, "sizes": dict(zip(map(str, table.index), sizes.tolist()))}
    return table


def cohort_survivors(table: pd.DataFrame, *, cohort) -> pd.Series:
    """One cohort's row of a ``metric="survivors"`` cohort table, without the periods after the data.

    >>> tx = pd.DataFrame({"customer_id": ["a", "a", "b", "c"],
    ...                    "date": ["2024-01-05", "2024-03-01", "2024-01-09", "2024-02-01"]})
    >>> cohort_survivors(cohort_table(tx, metric="survivors"), cohort="2024-01").tolist()
    [2, 1, 1]
    """
    require_frame(table, "table")
    if table.attrs.get("metric") != "survivors":
        raise ValueError(
            f"`table` must be a cohort table with metric='survivors', but its metric is "
            f"{table.attrs.get('metric')!r}. Make it with crm.cohort_table(tx, metric='survivors')."
        )
    labels = [str(label) for label in table.index]
    if str(cohort) not in labels:
        raise ValueError(f"The value for `cohort` must be one of {examples(labels, 4)}, but {cohort!r} was passed.")
    row = table.iloc[labels.index(str(cohort))].dropna().astype(int)
    row.name = str(cohort)
    return row
