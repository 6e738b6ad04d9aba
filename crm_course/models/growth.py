"""The customer growth matrix (客户增长矩阵), built on Ansoff's product-market matrix.

Revenue of a later period is split by whether the customer and the product (category) were
already there before it:

=====================  =======================  ==========================
..                     existing products        new products
=====================  =======================  ==========================
existing customers     loyalty (客户忠诚)        expansion (客户扩充)
new customers          acquisition (客户获得)    diversification (客户多样化)
=====================  =======================  ==========================
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._validation import (
    examples,
    require_columns,
    require_dates,
    require_ids,
    require_not_empty,
    require_numeric,
    to_timestamp,
)

__all__ = ["GROWTH_CELLS", "growth_matrix"]

# cell -> (customers, products), in the order the matrix is read.
GROWTH_CELLS: dict[str, tuple[str, str]] = {
    "loyalty": ("existing", "existing"),
    "expansion": ("existing", "new"),
    "acquisition": ("new", "existing"),
    "diversification": ("new", "new"),
}


def growth_matrix(
    tx: pd.DataFrame,
    *,
    split,
    customer: str = "customer_id",
    product: str = "category",
    amount: str = "amount",
    date: str = "date",
) -> pd.DataFrame:
    """Split the revenue from ``split`` on into the four cells of the customer growth matrix.

    A customer is *existing* if it bought anything before ``split``, else *new*; a product
    (category) is *existing* if anyone bought it before ``split``, else *new*. Every
    transaction on or after ``split`` falls in exactly one cell, so the cells' revenue adds
    up to the later period's revenue. ``split`` must leave transactions on both sides, and
    the later period must have revenue (else there are no shares to give); a ``split``
    without a time zone is read in the data's zone.

    Returns a tidy DataFrame with one row per cell, always all four, in the order loyalty,
    expansion, acquisition, diversification, and columns ``cell``, ``customers`` and
    ``products`` ("existing"/"new"), ``revenue``, ``share`` of the later period's revenue,
    and ``buyers``: customers with revenue in the cell (a customer may buy in two cells).
    For the 2 x 2 picture: ``m.pivot(index="customers", columns="products", values="revenue")``.
    ``result.attrs`` keeps ``split`` (the first day of the later period), ``start`` and
    ``end`` (the first and last transaction dates: the earlier period is [start, split),
    the later one [split, end]) and ``product`` (the column that defines products).

    >>> import pandas as pd
    >>> tx = pd.DataFrame({"customer_id": ["a", "b", "a", "a", "c", "c"],
    ...                    "category": ["tea", "tea", "tea", "cups", "tea", "cups"],
    ...                    "amount": [10.0, 20.0, 30.0, 15.0, 40.0, 15.0],
    ...                    "date": pd.to_datetime(["2024-01-05", "2024-02-01", "2024-07-01",
    ...                                            "2024-08-01", "2024-09-01", "2024-09-02"])})
    >>> growth_matrix(tx, split="2024-07-01")
                  cell customers  products  revenue  share  buyers
    0          loyalty  existing  existing     30.0   0.30       1
    1        expansion  existing       new     15.0   0.15       1
    2      acquisition       new  existing     40.0   0.40       1
    3  diversification       new       new     15.0   0.15       1
    """
    require_columns(tx, {"customer": customer, "product": product, "amount": amount, "date": date}, "tx")
    require_not_empty(tx, "tx")
    require_ids(tx[customer], "customer", "tx")
    require_ids(tx[product], "product", "tx")
    amounts = require_numeric(tx[amount], "amount", "tx")
    negative = amounts[amounts < 0]
    if len(negative):
        raise ValueError(
            f"Column {amount!r} (argument `amount=`) of `tx` has {len(negative)} negative value(s), e.g. "
            f"{examples(negative.tolist())} at row(s) {examples(negative.index)}. Revenue cells need "
            f"amounts >= 0: net returns against their purchases first."
        )
    dates = require_dates(tx[date], "date", "tx")
    split = to_timestamp(split, "split", like=dates)
    first, last = dates.min(), dates.max()
    inside = f"pass a `split` after {first.date()} and no later than {last.date()} (the data's first and last days)"
    if split <= first:
        raise ValueError(
            f"There are no transactions before `split` ({split.date()}); keep the earlier period in the data "
            f"(what was bought before `split` makes a customer or product existing), or {inside}."
        )
    if split > last:
        raise ValueError(
            f"There are no transactions on or after `split` ({split.date()}); keep the later period in the data "
            f"(its revenue is what the matrix splits), or {inside}."
        )

    earlier = dates < split
    old_customers = set(tx.loc[earlier, customer])
    old_products = set(tx.loc[earlier, product])
    later = pd.DataFrame(
        {
            "customers": np.where(tx[customer].isin(old_customers), "existing", "new"),
            "products": np.where(tx[product].isin(old_products), "existing", "new"),
            "revenue": amounts.to_numpy(),
            "buyer": tx[customer].to_numpy(),
        }
    )[~earlier.to_numpy()]
    # Sorting by amount makes each cell's sum, to the last digit, independent of row order.
    later = later.sort_values("revenue", kind="stable")
    sums = later.groupby(["customers", "products"]).agg(revenue=("revenue", "sum"), buyers=("buyer", "nunique"))

    cells = pd.DataFrame(
        [(cell, c, p) for cell, (c, p) in GROWTH_CELLS.items()], columns=["cell", "customers", "products"]
    )
    cells = cells.join(sums, on=["customers", "products"])
    cells["revenue"] = cells["revenue"].fillna(0.0)
    cells["buyers"] = cells["buyers"].fillna(0).astype("int64")
    later_revenue = later["revenue"].sum()
    if later_revenue == 0:
        raise ValueError(
            f"The {len(later)} transaction(s) of `tx` from split={split.date()} on have no revenue (column "
            f"{amount!r} is 0 for all of them), so the cells have no shares of it. Pass an earlier `split`, or "
            f"check the amounts of the later period."
        )
    cells["share"] = cells["revenue"] / later_revenue
    result = cells[["cell", "customers", "products", "revenue", "share", "buyers"]]
    result.attrs = {"split": split, "start": first, "end": last, "product": product}
    return result
