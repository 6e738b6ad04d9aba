"""Customer loyalty (客户忠诚): attitudinal intentions, Tucker's behavioural rule, share of wallet, NPS.

Loyalty is measured by what customers intend (repurchase 重复购买意向, cross-purchase
交叉购买意向, referral 推荐购买意向), what they would bear (price tolerance 价格忍耐力) and
what they do (Tucker 1964: three consecutive purchases). Share of wallet (钱包份额) is the
part of the customer's spending in the category that goes to us; the Wallet Allocation
Rule (Keiningham et al. 2011) turns a brand's rank among those the customer uses into an
expected share. The Net Promoter Score (Reichheld 2003) condenses a 0-10 recommend question.

>>> nps([10, 9, 9, 8, 7, 7, 8, 6, 5, 10])
20.0
>>> wallet_allocation(3).round(4).tolist()
[0.5, 0.3333, 0.1667]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._validation import (
    require_columns,
    require_dates,
    require_frame,
    require_no_missing,
    require_not_empty,
    require_number,
    require_numeric,
)
from .satisfaction import SERVQUAL_SCALE, _answers, _check_scale
from .scoring import _check_weights

__all__ = [
    "LOYALTY_WEIGHTS",
    "NPS_GROUPS",
    "loyalty_index",
    "tucker_loyalty",
    "share_of_wallet",
    "wallet_allocation",
    "nps",
    "nps_breakdown",
]

# Component -> weight of the loyalty index. Each intention is a column on the 1-7 scale; the
# component named by `price_tolerance=` is a percentage price rise the customer would accept.
LOYALTY_WEIGHTS: dict[str, float] = {
    "repurchase_intention": 0.25,
    "cross_purchase_intention": 0.25,
    "referral_intention": 0.25,
    "price_tolerance": 0.25,
}

# Group -> lowest and highest recommend score (0-10) in it (Reichheld 2003).
NPS_GROUPS: dict[str, tuple[int, int]] = {"detractors": (0, 6), "passives": (7, 8), "promoters": (9, 10)}


def loyalty_index(
    survey: pd.DataFrame,
    *,
    weights=None,
    price_tolerance: str = "price_tolerance",
    tolerance_cap: float = 20.0,
    scale=SERVQUAL_SCALE,
) -> pd.Series:
    """A loyalty index from 0 to 100: the weighted mean of the intentions and price tolerance.

    Each component is first put on 0-100: an intention answer x on ``scale`` (1-7) becomes
    100 x (x - 1) / 6, so 1 gives 0 and 7 gives 100; a price tolerance t (the price rise in
    percent the customer would accept before switching) becomes 100 x min(t, cap) / cap, so
    ``tolerance_cap`` percent or more gives 100. ``weights`` (component -> weight, the
    scoring engine's rules: non-negative, summing to 1) name the columns; the default
    :data:`LOYALTY_WEIGHTS` weighs repurchase, cross-purchase and referral intentions and
    price tolerance equally.

    Returns a Series named ``loyalty_index`` with the index of ``survey``; ``attrs`` hold
    ``weights`` and ``tolerance_cap``.

    >>> import pandas as pd
    >>> survey = pd.DataFrame({"repurchase_intention": [7, 1, 4], "cross_purchase_intention": [7, 1, 4],
    ...                        "referral_intention": [7, 1, 4], "price_tolerance": [25, 0, 10]})
    >>> loyalty_index(survey).tolist()
    [100.0, 0.0, 50.0]
    """
    require_frame(survey, "survey")
    require_not_empty(survey, "survey")
    w = _check_weights(LOYALTY_WEIGHTS if weights is None else weights, False)
    cap = float(require_number(tolerance_cap, "tolerance_cap", low=0, low_inclusive=False))
    low, high = _check_scale(scale)
    require_columns(survey, {"weights": c for c in w.index}, "survey")
    components = {}
    for column in w.index:
        if column == price_tolerance:
            tolerance = require_numeric(survey[column], "price_tolerance", "survey")
            negative = np.flatnonzero((tolerance < 0).to_numpy())
            if len(negative):
                raise ValueError(
                    f"Column {column!r} (argument `price_tolerance=`) of `survey` must be a price rise in percent "
                    f"(0 or more), but {len(negative)} value(s) are negative, e.g. "
                    f"{survey[column].iloc[negative[0]].item()!r} at row {survey.index[negative[0]]!r}."
                )
            components[column] = 100 * np.minimum(tolerance, cap) / cap
        else:
            components[column] = 100 * (_answers(survey, column, "weights", "survey", (low, high)) - low) / (high - low)
    table = pd.DataFrame(components, index=survey.index)
    index = pd.Series(np.round(table.to_numpy() @ w.to_numpy(), 10), index=survey.index, name="loyalty_index")
    index.attrs.update(weights=w.to_dict(), tolerance_cap=cap, price_tolerance=price_tolerance)
    return index


def tucker_loyalty(
    tx: pd.DataFrame,
    *,
    customer: str = "customer_id",
    date: str = "date",
    freq: str = "Q",
    run: int = 3,
) -> pd.DataFrame:
    """Tucker's behavioural rule: loyal after purchases in ``run`` consecutive periods.

    Tucker (1964) called a customer loyal after three consecutive purchases of the same
    brand. Our own transactions do not show purchases from rivals, so "consecutive" is read
    on calendar periods: a customer is loyal when he bought from us in ``run`` periods in a
    row (``freq``: ``"M"`` months, ``"Q"`` quarters, ``"Y"`` years; any pandas period
    alias), with no period between them without a purchase. Several purchases in one period
    count once.

    Returns one row per customer (sorted by id) with ``periods`` (periods with a purchase),
    ``longest_run`` (the most consecutive periods with purchases) and ``loyal``
    (``longest_run >= run``). ``attrs`` hold ``freq``, ``run`` and the first and last period.

    >>> import pandas as pd
    >>> tx = pd.DataFrame({"customer_id": ["a", "a", "a", "a", "b", "b", "b"],
    ...                    "date": pd.to_datetime(["2024-01-05", "2024-02-01", "2024-03-09", "2024-03-20",
    ...                                            "2024-01-10", "2024-02-10", "2024-04-10"])})
    >>> tucker_loyalty(tx, freq="M")  # doctest: +NORMALIZE_WHITESPACE
                 periods  longest_run  loyal
    customer_id
    a                  3            3   True
    b                  3            2  False
    """
    require_columns(tx, {"customer": customer, "date": date}, "tx")
    require_not_empty(tx, "tx")
    require_no_missing(tx[customer], "customer", "tx")
    dates = require_dates(tx[date], "date", "tx")
    require_number(run, "run", low=1, integer=True)
    try:
        periods = dates.dt.to_period(freq)
    except (ValueError, TypeError) as error:
        raise ValueError(
            f"`freq` must be a pandas period alias such as 'M' (months), 'Q' (quarters) or 'Y' (years), "
            f"but {freq!r} was passed ({error})."
        ) from None
    ordinal = pd.DataFrame({"customer": tx[customer].to_numpy(), "period": periods.map(lambda p: p.ordinal).to_numpy()})
    ordinal = ordinal.drop_duplicates().sort_values(["customer", "period"], kind="stable")
    # A new streak starts where a customer's period is not the one after his previous period.
    new_streak = (ordinal["period"].diff() != 1) | (ordinal["customer"] != ordinal["customer"].shift())
    ordinal["streak"] = new_streak.cumsum()
    streaks = ordinal.groupby(["customer", "streak"]).size()
    result = pd.DataFrame(
        {
            "periods": ordinal.groupby("customer").size(),
            "longest_run": streaks.groupby(level="customer").max(),
        }
    )
    result["loyal"] = result["longest_run"] >= run
    result.index.name = customer
    result.attrs.update(freq=freq, run=int(run), first_period=str(periods.min()), last_period=str(periods.max()))
    return result


def share_of_wallet(ours, total):
    """Share of wallet (钱包份额): our sales to the customer / the customer's total spending in the category.

    Numbers give a number, Series give a Series named ``share_of_wallet``. Negative amounts,
    a total of 0 or less, and ours above the total are refused.

    >>> share_of_wallet(300.0, 1200.0)
    0.25
    """
    if isinstance(ours, pd.Series) or isinstance(total, pd.Series):
        frame = pd.DataFrame({"ours": ours, "total": total})
        o = require_numeric(frame["ours"], "ours", "ours")
        t = require_numeric(frame["total"], "total", "total")
    else:
        o = pd.Series([require_number(ours, "ours")], name="ours", dtype=float)
        t = pd.Series([require_number(total, "total")], name="total", dtype=float)
    for values, argument, bad in ((o, "ours", o < 0), (t, "total", t <= 0), (o, "ours", o > t)):
        if bad.any():
            where = bad.idxmax()
            reason = {"ours": "must be 0 or more and at most `total`", "total": "must be more than 0"}[argument]
            raise ValueError(
                f"`{argument}` {reason}, but at row {where!r} ours is {float(o[where])!r} "
                f"and total is {float(t[where])!r}. "
                f"Check those amounts."
            )
    share = (o / t).rename("share_of_wallet")
    if isinstance(ours, pd.Series) or isinstance(total, pd.Series):
        return share
    return float(share.iloc[0])


def wallet_allocation(n: int) -> pd.Series:
    """The Wallet Allocation Rule: the expected share of the brand ranked i among n brands used.

    share(i) = (1 - i / (n + 1)) x 2 / n  (Keiningham et al. 2011). The shares of ranks
    1 .. n sum to 1; a customer who uses a single brand gives it everything.

    Returns a Series indexed by rank (1 = the customer's favourite) named ``share``;
    ``attrs["n"]`` holds n.

    >>> wallet_allocation(3)
    rank
    1    0.500000
    2    0.333333
    3    0.166667
    Name: share, dtype: float64
    """
    n = int(require_number(n, "n", low=1, integer=True))
    rank = np.arange(1, n + 1)
    shares = pd.Series((1 - rank / (n + 1)) * 2 / n, index=pd.Index(rank, name="rank"), name="share")
    shares.attrs["n"] = n
    return shares


def _recommend_scores(scores) -> pd.Series:
    if isinstance(scores, pd.DataFrame) or isinstance(scores, (str, bytes)) or np.ndim(scores) != 1:
        raise TypeError(
            f"`scores` must be a list or Series of 0-10 recommend scores, e.g. survey['recommend'], but a "
            f"{type(scores).__name__} was passed."
        )
    series = scores if isinstance(scores, pd.Series) else pd.Series(list(scores))
    if series.name is None:
        series = series.rename("scores")
    require_not_empty(series, "scores")
    values = _answers(series.to_frame(), series.name, "scores", "scores", (0, 10))
    return values


def nps_breakdown(scores) -> pd.DataFrame:
    """Detractors (0-6), passives (7-8) and promoters (9-10): count and share of respondents.

    Returns one row per group of :data:`NPS_GROUPS` with ``count`` and ``share``;
    ``attrs["nps"]`` holds the Net Promoter Score.

    >>> nps_breakdown([10, 9, 9, 8, 7, 7, 8, 6, 5, 10])  # doctest: +NORMALIZE_WHITESPACE
                count  share
    group
    detractors      2    0.2
    passives        4    0.4
    promoters       4    0.4
    """
    values = _recommend_scores(scores)
    counts = {group: int(values.between(low, high).sum()) for group, (low, high) in NPS_GROUPS.items()}
    table = pd.DataFrame({"count": counts}, index=pd.Index(list(NPS_GROUPS), name="group"))
    table["share"] = table["count"] / len(values)
    table.attrs["nps"] = float(round(100 * (table.loc["promoters", "share"] - table.loc["detractors", "share"]), 10))
    return table


def nps(scores) -> float:
    """Net Promoter Score: percent promoters (9-10) minus percent detractors (0-6), from -100 to 100.

    ``scores`` are answers to "How likely are you to recommend us?" from 0 to 10, as a list
    or Series; a score off that scale or not a whole number is refused, naming it.

    >>> nps([10] * 3 + [8] * 5 + [3] * 2)
    10.0
    """
    return nps_breakdown(scores).attrs["nps"]
