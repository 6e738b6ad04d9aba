"""Lifecycle: customers by closeness to the firm (SYLLABUS section 2, 客户分类).

>>> import pandas as pd
>>> tx = pd.DataFrame({"customer_id": ["a", "b", "b", "c"],
...                    "date": pd.to_datetime(["2024-01-05", "2024-06-01", "2024-06-20", "2023-01-01"])})
>>> closeness_categories(tx, members=["a", "b", "c", "d"], lapsed_after=365, as_of="2024-07-01").tolist()
['first_time', 'repeat', 'lost', 'potential']
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from .._validation import require_columns, require_dates, require_no_missing, require_not_empty, require_number, to_timestamp

__all__ = ["CLOSENESS", "closeness_categories"]

CLOSENESS = ("potential", "first_time", "repeat", "loyal", "lost")


def closeness_categories(
    tx: pd.DataFrame,
    *,
    members: Iterable | None = None,
    lapsed_after: int = 180,
    loyal_from: int = 4,
    as_of=None,
    customer: str = "customer_id",
    date: str = "date",
) -> pd.Series:
    """One closeness category per customer, as an ordered categorical Series indexed by customer id.

    - ``lost``: last purchase more than ``lapsed_after`` days before ``as_of``;
    - otherwise by number of purchase days: 1 ``first_time``, 2 up to ``loyal_from - 1``
      ``repeat``, ``loyal_from`` or more ``loyal``;
    - ``potential``: in ``members`` (e.g. registered members) but never bought.

    ``as_of`` defaults to the last purchase date in ``tx``. Several purchases on one day count once.
    """
    require_columns(tx, {"customer": customer, "date": date}, data_name="tx")
    require_not_empty(tx, "tx")
    require_no_missing(tx[customer], "customer", "tx")
    require_number(lapsed_after, "lapsed_after", low=0, integer=True)
    require_number(loyal_from, "loyal_from", low=2, integer=True)
    dates = require_dates(tx[date], "date", "tx").dt.normalize()
    as_of = dates.max() if as_of is None else to_timestamp(as_of, "as_of")
    if dates.max() > as_of:
        raise ValueError(
            f"`as_of` ({as_of.date()}) is before the last purchase in `tx` ({dates.max().date()}); "
            f"pass a later as_of or filter the transactions first."
        )
    days = pd.DataFrame({"customer": tx[customer].to_numpy(), "day": dates.to_numpy()}).drop_duplicates()
    per_customer = days.groupby("customer")["day"].agg(["count", "max"])
    purchases, last = per_customer["count"], per_customer["max"]
    category = pd.Series("repeat", index=per_customer.index)
    category[purchases == 1] = "first_time"
    category[purchases >= loyal_from] = "loyal"
    category[(as_of - last).dt.days > lapsed_after] = "lost"
    if members is not None:
        never_bought = pd.Index(pd.unique(pd.Series(list(members)))).difference(per_customer.index)
        category = pd.concat([category, pd.Series("potential", index=never_bought)])
    category.index.name = customer
    return category.sort_index().astype(pd.CategoricalDtype(CLOSENESS, ordered=True))
