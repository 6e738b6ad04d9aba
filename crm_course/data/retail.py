"""The retail dataset: one seeded generator for a lifestyle retail chain's members and orders.

Two years (2023-01-01 .. 2024-12-31) of a chain selling apparel, home goods, beauty and
accessories, with a new category, ``wellness``, launched on 2024-01-01. Every member signs
up once; most buy at once, some never buy. After the first purchase each buyer follows the
BG/NBD story of Fader, Hardie & Lee (2005), in weeks:

- while alive, repeat purchases arrive as a Poisson process with rate ``lambda``,
  ``lambda ~ Gamma(r, alpha)`` (shape ``r``, rate ``alpha``) across customers;
- after each repeat purchase the customer drops out for good with probability ``p``,
  ``p ~ Beta(a, b)`` across customers.

Spend follows the Gamma-Gamma model (Fader & Hardie 2013): each buyer's orders are
``Gamma(p, nu)`` with ``nu ~ Gamma(q, v)`` across customers. The true parameters are
:data:`RETAIL_BGNBD` and :data:`RETAIL_GAMMA_GAMMA`, so fitted models can be checked against them.

>>> customers, transactions = make_retail(n_customers=40)
>>> customers.columns.tolist()
['customer_id', 'signup_date', 'city', 'age_band', 'acquisition_channel', 'acquisition_cost']
>>> transactions.columns.tolist()
['order_id', 'customer_id', 'date', 'channel', 'category', 'amount', 'margin']
>>> bool((transactions["amount"] > 0).all())
True

Regenerate the shipped files with ``python -m crm_course.data.retail``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .._validation import require_number
from ._files import write_csv

__all__ = [
    "RETAIL_SEED",
    "RETAIL_BGNBD",
    "RETAIL_GAMMA_GAMMA",
    "RETAIL_START",
    "RETAIL_END",
    "NEW_CATEGORY",
    "NEW_CATEGORY_LAUNCH",
    "make_retail",
    "write_retail",
]

RETAIL_SEED = 2024
RETAIL_START = pd.Timestamp("2023-01-01")
RETAIL_END = pd.Timestamp("2024-12-31")
N_CUSTOMERS = 4500

# True BG/NBD parameters, time unit one week: lambda ~ Gamma(shape r, rate alpha), p ~ Beta(a, b).
RETAIL_BGNBD = {"r": 0.6, "alpha": 6.0, "a": 0.5, "b": 3.0}
# True Gamma-Gamma parameters, CNY: order value ~ Gamma(shape p, rate nu), nu ~ Gamma(shape q, rate v).
RETAIL_GAMMA_GAMMA = {"p": 6.0, "q": 3.0, "v": 80.0}

NEW_CATEGORY = "wellness"
NEW_CATEGORY_LAUNCH = pd.Timestamp("2024-01-01")

NEVER_BUY_SHARE = 0.11  # members who sign up and never buy, whatever their purchase rate
FIRST_PURCHASE_AT_SIGNUP = 0.7  # the others buy first after an exponential delay
FIRST_PURCHASE_DELAY_DAYS = 14.0  # mean of that delay

CITIES = {"Shanghai": 0.26, "Beijing": 0.22, "Hangzhou": 0.18, "Chengdu": 0.18, "Wuhan": 0.16}
AGE_BANDS = {"18-24": 0.18, "25-34": 0.36, "35-44": 0.25, "45-54": 0.13, "55+": 0.08}

# Acquisition channel: share of members, tilt towards frequent buyers (see _acquisition_channels),
# mean acquisition cost in CNY, share of the member's orders placed online.
CHANNELS = {
    "store": {"share": 0.35, "tilt": 0.5, "cost": 25.0, "online": 0.15},
    "wechat": {"share": 0.25, "tilt": 0.0, "cost": 35.0, "online": 0.55},
    "app": {"share": 0.18, "tilt": 0.3, "cost": 55.0, "online": 0.80},
    "marketplace": {"share": 0.14, "tilt": -1.5, "cost": 80.0, "online": 0.90},
    "referral": {"share": 0.08, "tilt": 1.5, "cost": 60.0, "online": 0.35},
}

# Share of orders before the launch, and gross margin rate. From the launch on, NEW_CATEGORY
# takes NEW_CATEGORY_SHARE of the orders and the others shrink in proportion.
CATEGORIES = {
    "apparel": {"share": 0.38, "margin": 0.48},
    "home": {"share": 0.22, "margin": 0.36},
    "beauty": {"share": 0.24, "margin": 0.58},
    "accessories": {"share": 0.16, "margin": 0.52},
    NEW_CATEGORY: {"share": 0.0, "margin": 0.62},
}
NEW_CATEGORY_SHARE = 0.14
MARGIN_RATE_SD = 0.04  # order-to-order spread of the margin rate around its category's rate


def _shares(table: dict) -> tuple[list[str], np.ndarray]:
    """Names and probabilities of a ``{name: share}`` or ``{name: {"share": ...}}`` table."""
    names = list(table)
    shares = np.array([v["share"] if isinstance(v, dict) else v for v in table.values()], dtype=float)
    return names, shares / shares.sum()


def _pick(rng: np.random.Generator, names: list[str], probabilities: np.ndarray) -> np.ndarray:
    """One name per row of ``probabilities`` (rows sum to 1), drawn with that row's probabilities."""
    cumulative = np.cumsum(probabilities, axis=1)
    picks = (rng.random(len(probabilities))[:, None] > cumulative).sum(axis=1)
    return np.array(names)[np.minimum(picks, len(names) - 1)]


def _signup_days(rng: np.random.Generator, n: int, horizon: int) -> np.ndarray:
    """Sign-up day of each member; the daily rate falls linearly from 1.4x to 0.6x its mean (60% in year one)."""
    weights = 1.4 - 0.8 * np.arange(horizon) / (horizon - 1)
    return np.sort(rng.choice(horizon, size=n, p=weights / weights.sum()))


def _acquisition_channels(rng: np.random.Generator, purchase_rate: np.ndarray) -> np.ndarray:
    """Channel of each member, tilted by where the member's purchase rate ranks (0 lowest, 1 highest).

    Channel weight = share * exp(tilt * (rank - 0.5)): referral members tend to buy often,
    marketplace members seldom. The rates themselves stay Gamma(r, alpha) distributed.
    """
    names, shares = _shares(CHANNELS)
    tilts = np.array([CHANNELS[name]["tilt"] for name in names])
    rank = np.argsort(np.argsort(purchase_rate)) / max(len(purchase_rate) - 1, 1)
    weights = shares * np.exp(np.outer(rank - 0.5, tilts))
    return _pick(rng, names, weights / weights.sum(axis=1, keepdims=True))


def _purchase_days(
    rng: np.random.Generator, first: float, rate: float, dropout: float, horizon: int
) -> list[int]:
    """Days (counted from the start) of one buyer's orders: the first, then BG/NBD repeat purchases.

    ``rate`` is purchases per week, ``dropout`` the probability of leaving after each repeat
    purchase. A second purchase drawn for a day that already has one is the same visit.
    """
    days = [int(first)]
    time = first
    while True:
        time += rng.exponential(7.0 / rate)
        if time >= horizon:
            return days
        if int(time) != days[-1]:
            days.append(int(time))
        if rng.random() < dropout:
            return days


def _categories(rng: np.random.Generator, dates: pd.Series) -> np.ndarray:
    """Category of each order; NEW_CATEGORY only from its launch on."""
    names, before = _shares(CATEGORIES)
    after = before * (1 - NEW_CATEGORY_SHARE)
    after[names.index(NEW_CATEGORY)] = NEW_CATEGORY_SHARE
    launched = (dates >= NEW_CATEGORY_LAUNCH).to_numpy()
    return _pick(rng, names, np.where(launched[:, None], after, before))


def make_retail(
    seed: int = RETAIL_SEED, *, n_customers: int = N_CUSTOMERS
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Members and orders of the retail chain, the same for the same ``seed``.

    Returns ``(customers, transactions)``: one row per member, one row per order. The
    defaults give the shipped ``datasets/retail`` files.

    >>> customers, transactions = make_retail(n_customers=40)
    >>> customers["customer_id"].head(2).tolist()
    ['C00001', 'C00002']
    >>> bool(transactions["customer_id"].isin(customers["customer_id"]).all())
    True
    """
    require_number(seed, "seed", low=0, integer=True)
    require_number(n_customers, "n_customers", low=1, integer=True)
    rng = np.random.default_rng(int(seed))
    n = int(n_customers)
    horizon = (RETAIL_END - RETAIL_START).days + 1

    # Members, numbered in order of sign-up.
    signup = _signup_days(rng, n, horizon)
    bgnbd, gg = RETAIL_BGNBD, RETAIL_GAMMA_GAMMA
    rate = rng.gamma(bgnbd["r"], 1.0 / bgnbd["alpha"], size=n)
    dropout = rng.beta(bgnbd["a"], bgnbd["b"], size=n)
    spend_rate = rng.gamma(gg["q"], 1.0 / gg["v"], size=n)
    channel = _acquisition_channels(rng, rate)
    city_names, city_shares = _shares(CITIES)
    age_names, age_shares = _shares(AGE_BANDS)
    customer_ids = np.array([f"C{i:05d}" for i in range(1, n + 1)])
    channel_cost = np.array([CHANNELS[c]["cost"] for c in channel])
    customers = pd.DataFrame(
        {
            "customer_id": customer_ids,
            "signup_date": RETAIL_START + pd.to_timedelta(signup, unit="D"),
            "city": rng.choice(city_names, size=n, p=city_shares),
            "age_band": rng.choice(age_names, size=n, p=age_shares),
            "acquisition_channel": channel,
            "acquisition_cost": np.round(rng.gamma(4.0, channel_cost / 4.0), 2),
        }
    )

    # Orders: the first at sign-up or after a delay, then the BG/NBD process until dropout or the end.
    buys = rng.random(n) >= NEVER_BUY_SHARE
    delay = np.where(
        rng.random(n) < FIRST_PURCHASE_AT_SIGNUP, 0.0, rng.exponential(FIRST_PURCHASE_DELAY_DAYS, size=n)
    )
    first = signup + delay
    who, day = [], []
    for i in np.flatnonzero(buys & (first < horizon)):
        days = _purchase_days(rng, first[i], rate[i], dropout[i], horizon)
        who += [i] * len(days)
        day += days
    who, day = np.array(who, dtype=int), np.array(day, dtype=int)
    transactions = pd.DataFrame(
        {"customer_id": customer_ids[who], "date": RETAIL_START + pd.to_timedelta(day, unit="D")}
    )
    online_share = np.array([CHANNELS[c]["online"] for c in channel[who]])
    transactions["channel"] = np.where(rng.random(len(who)) < online_share, "online", "store")
    transactions["category"] = _categories(rng, transactions["date"])
    amount = np.maximum(np.round(rng.gamma(gg["p"], 1.0 / spend_rate[who]), 2), 0.01)
    margin_rate = np.array([CATEGORIES[c]["margin"] for c in transactions["category"]])
    margin_rate = np.clip(margin_rate + rng.normal(0.0, MARGIN_RATE_SD, size=len(who)), 0.05, 0.9)
    transactions["amount"] = amount
    transactions["margin"] = np.maximum(np.round(amount * margin_rate, 2), 0.01)

    transactions = transactions.sort_values(["date", "customer_id"], kind="stable", ignore_index=True)
    order_ids = [f"O{i:06d}" for i in range(1, len(transactions) + 1)]
    transactions.insert(0, "order_id", pd.Series(order_ids, dtype=str))
    return customers, transactions


def write_retail(folder: str | Path, *, seed: int = RETAIL_SEED) -> tuple[Path, Path]:
    """Write ``customers.csv`` and ``transactions.csv`` into ``folder``, byte for byte reproducibly.

    Returns the two paths. Dates as ``YYYY-MM-DD``, money with two decimals, ``\\n`` line ends.
    """
    customers, transactions = make_retail(seed)
    return tuple(write_csv(frame, folder, name, float_format="%.2f", date_format="%Y-%m-%d")
                 for frame, name in ((customers, "customers.csv"), (transactions, "transactions.csv")))


if __name__ == "__main__":
    from ..course import course_path

    for written in write_retail(course_path("datasets") / "retail"):
        print(f"wrote {written} ({written.stat().st_size:,} bytes)")
