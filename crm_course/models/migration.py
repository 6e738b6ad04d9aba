"""Customer migration model (Pfeifer & Carraway 2000, "Modeling customer relationships as Markov
chains", Journal of Interactive Marketing 14(2)), and whom to win back (流失客户赢回).

States are periods since the last purchase: state 1 bought in the last period, state 2 one
period before, ..., the last state keeps everyone who has not bought for that long or longer.
From state i a customer buys with probability ``p_buy[i]`` and moves to state 1, or does not
and moves to state i + 1. The reward of a period in state i is ``p_buy[i] * margin - cost[i]``,
and the value of a customer in each state is the discounted sum of expected rewards

    V = sum over t = 0..horizon of (P / (1 + discount)) ** t R
      = (I - P / (1 + discount)) ** -1 R                    for an infinite horizon.

:func:`purchase_probabilities` estimates ``p_buy`` per state from transactions.
:func:`winback_priority` ranks lost customers by P(alive) x past value and picks whom a contact
budget reaches; :func:`winback_budget` redoes only that last step for another budget.

>>> model = migration_model([0.3, 0.2, 0.15, 0.05, 0.0], margin=40, cost=[4, 4, 4, 4, 0], discount=0.2)
>>> model.values.round(2).tolist()   # mailing state 4 loses money: stop mailing after 3 quiet periods
[17.82, 9.19, 3.34, -1.26, 0.0]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .._validation import examples, require_columns, require_dates, require_number
from .btyd import BGNBD, btyd_summary, fit_bgnbd
from .lifecycle import LAPSED_AFTER, lifecycle_stages
from .segmentation import abc_classes
from .value import _refuse_percentage

__all__ = [
    "MigrationModel", "migration_model", "purchase_probabilities", "winback_priority", "winback_budget",
    "WINBACK_STRATEGIES",
]

# The lecture's rule: choose the win-back strategy by the lost customer's value (ABC class of past value).
WINBACK_STRATEGIES = {"A": "personal_contact", "B": "targeted_offer", "C": "low_cost_reminder"}


@dataclass(frozen=True)
class MigrationModel:
    """A customer migration model: ``transition`` (state x next state probabilities), ``rewards``
    and ``values`` per state (states 1..k), and the parameters it was made with."""

    transition: pd.DataFrame
    rewards: pd.Series
    values: pd.Series
    margin: float
    discount: float
    horizon: int | None

    def table(self) -> pd.DataFrame:
        """One row per state: p_buy, reward and value."""
        return pd.DataFrame({"p_buy": self.transition.iloc[:, 0], "reward": self.rewards, "value": self.values})


def _probabilities(p_buy: Any) -> np.ndarray:
    try:
        values = np.asarray(p_buy, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(
            f"`p_buy` must be a list of purchase probabilities, one per state, but {p_buy!r} was passed."
        ) from None
    if values.ndim != 1 or len(values) < 2:
        raise ValueError(f"`p_buy` needs one probability per state and at least two states, but {p_buy!r} was passed.")
    bad = ~np.isfinite(values) | (values < 0) | (values > 1)
    if bad.any():
        raise ValueError(f"`p_buy` must hold probabilities in [0, 1], but has {examples(values[bad].tolist())}.")
    return values


def migration_model(
    p_buy: Any, *, margin: float, cost: Any = 0.0, discount: float, horizon: int | None = None
) -> MigrationModel:
    """Transition matrix, rewards and the value of a customer in each state (see the module's text).

    ``p_buy``: purchase probability in state 1, 2, ..., k; ``margin``: profit of a purchase;
    ``cost``: marketing cost per period in a state, one number or one per state; ``discount``:
    rate per period; ``horizon``: last period counted (0 = only the current period), None for ever.

    >>> model = migration_model([0.5, 0.0], margin=10, cost=1, discount=0.1, horizon=1)
    >>> model.values.tolist()  # V = R + P R / 1.1: state 1: 4 + (0.5 * 4 + 0.5 * -1) / 1.1
    [5.363636363636363, -1.9090909090909092]
    """
    p = _probabilities(p_buy)
    k = len(p)
    margin = require_number(margin, "margin")
    discount = require_number(discount, "discount", low=0)
    _refuse_percentage(discount, "discount")
    try:
        costs = np.asarray(cost, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"`cost` must be a number or one number per state, but {cost!r} was passed.") from None
    if costs.ndim == 0:
        costs = np.full(k, float(costs))
    if costs.shape != (k,):
        raise ValueError(f"`cost` must be one number or one per state ({k}), but {costs.size} values were passed.")
    if not np.isfinite(costs).all():
        raise ValueError(f"`cost` must be finite numbers, but has {examples(costs[~np.isfinite(costs)].tolist())}.")
    if horizon is None:
        if discount == 0:
            raise ValueError(
                "With `discount=0` and no horizon the value of a customer has no limit. "
                "Pass a discount > 0 or a horizon."
            )
    else:
        horizon = int(require_number(horizon, "horizon", low=0, integer=True))

    P = np.zeros((k, k))
    P[:, 0] = p
    P[np.arange(k - 1), np.arange(1, k)] = 1 - p[:-1]
    P[k - 1, k - 1] += 1 - p[-1]
    rewards = p * margin - costs
    discounted = P / (1 + discount)
    if horizon is None:
        values = np.linalg.solve(np.eye(k) - discounted, rewards)
    else:
        values, term = rewards.copy(), rewards.copy()
        for _ in range(horizon):
            term = discounted @ term
            values = values + term
    states = pd.Index(range(1, k + 1), name="state")
    transition = pd.DataFrame(P, index=states, columns=pd.Index(range(1, k + 1), name="next_state"))
    return MigrationModel(transition, pd.Series(rewards, index=states, name="reward"),
                          pd.Series(values, index=states, name="value"), float(margin), float(discount), horizon)


def purchase_probabilities(
    tx: pd.DataFrame,
    *,
    period: str = "M",
    states: int = 5,
    customer: str = "customer_id",
    date: str = "date",
) -> pd.DataFrame:
    """Estimate ``p_buy`` of :func:`migration_model` from transactions: per recency state, the
    share of customer-periods in that state that had a purchase.

    Every calendar ``period`` ("W", "M", "Q", "Y") after a customer's first purchase, up to the
    last period of the data, is one customer-period. Its state is the number of periods since
    the customer's last purchase before it (1 = bought in the period before), with everything
    from ``states`` on pooled in the last state. Columns: ``customer_periods``, ``purchases``
    and ``p_buy`` (NaN for a state no customer reached); ``attrs``: period, states.

    >>> tx = pd.DataFrame({"customer_id": ["a", "a", "b"], "date": ["2024-01-10", "2024-03-05", "2024-01-20"]})
    >>> purchase_probabilities(tx, states=2)  # doctest: +NORMALIZE_WHITESPACE
           customer_periods  purchases  p_buy
    state
    1                     2          0    0.0
    2                     2          1    0.5
    """
    from .cohorts import _periods

    states = int(require_number(states, "states", low=2, integer=True))
    frame = _periods(tx, customer, date, period)
    codes, customers = pd.factorize(frame["customer"])
    columns = (frame["ordinal"] - frame["ordinal"].min()).to_numpy()
    bought = np.zeros((len(customers), int(columns.max()) + 1), dtype=bool)  # customer x period: a purchase?
    bought[codes, columns] = True
    start = bought.argmax(axis=1)  # the period of the first purchase
    exposure, purchases = np.zeros(states, dtype=int), np.zeros(states, dtype=int)
    since = np.zeros(len(customers), dtype=int)  # periods since the last purchase, before the current period
    for column in range(bought.shape[1]):
        observed = start < column  # a period after the customer's first one
        since = np.where(bought[:, column - 1], 1, since + 1) if column else since
        state = np.minimum(since, states) - 1
        np.add.at(exposure, state[observed], 1)
        np.add.at(purchases, state[observed], bought[observed, column].astype(int))
    with np.errstate(invalid="ignore", divide="ignore"):
        p_buy = np.where(exposure > 0, purchases / np.maximum(exposure, 1), np.nan)
    table = pd.DataFrame({"customer_periods": exposure, "purchases": purchases, "p_buy": p_buy},
                         index=pd.Index(range(1, states + 1), name="state"))
    table.attrs = {"period": period, "states": states}
    return table


def winback_priority(
    tx: pd.DataFrame,
    *,
    budget: float,
    contact_cost: float,
    as_of=None,
    lapsed_after: int = LAPSED_AFTER,
    model: BGNBD | None = None,
    customer: str = "customer_id",
    date: str = "date",
    amount: str = "amount",
) -> pd.DataFrame:
    """Lost customers ranked by what winning them back is worth, and whom a budget can contact.

    Lost customers are those :func:`crm.lifecycle_stages` calls ``lost`` at ``as_of`` (default:
    the last day in ``tx``). For each: ``past_value`` (total ``amount`` up to ``as_of``),
    ``p_alive`` (the BG/NBD probability that the customer has not left for good, from ``model``
    or from a fit on the purchases up to ``as_of``, in weeks) and ``worth = p_alive * past_value``:
    the part of the relationship still there to win back. Rows are ranked by worth (ties by
    customer id); the first ``budget // contact_cost`` whose worth exceeds ``contact_cost`` are
    contacted. ``value_class`` is the ABC class of past value among the lost customers, and
    ``strategy`` the approach the lecture's rule gives it: choose the win-back strategy by the
    lost customer's value (:data:`WINBACK_STRATEGIES`).

    ``attrs``: budget, contact_cost, as_of, lapsed_after, lost, contacted, spent, worth_contacted.

    >>> import crm_course as crm
    >>> plan = winback_priority(crm.load_dataset("retail"), budget=500, contact_cost=5)
    >>> plan.attrs["lost"], plan.attrs["contacted"], plan["strategy"].iloc[0]
    (1890, 100, 'personal_contact')
    """
    budget = require_number(budget, "budget", low=0)
    contact_cost = require_number(contact_cost, "contact_cost", low=0, low_inclusive=False)
    if model is not None and not isinstance(model, BGNBD):
        raise TypeError(
            f"`model` must be a fitted BG/NBD model from crm.fit_bgnbd(summary), not a {type(model).__name__}."
        )
    stages = lifecycle_stages(tx, as_of=as_of, lapsed_after=lapsed_after, customer=customer, date=date)
    as_of = stages.attrs["as_of"]
    summary = btyd_summary(tx, customer=customer, date=date, amount=amount, calibration_end=as_of, unit="W")
    if model is None:
        model = fit_bgnbd(summary)
    lost = summary.loc[stages.index[stages == "lost"]]
    p_alive = model.p_alive(frequency=lost["frequency"], recency=lost["recency"], T=lost["T"])
    on_time = tx[require_dates(tx[date], "date", "tx").dt.normalize() <= as_of]
    past_value = on_time.groupby(customer)[amount].sum().reindex(lost.index)
    table = pd.DataFrame({"past_value": past_value, "p_alive": p_alive, "worth": p_alive * past_value})
    table = table.rename_axis("_id").sort_values(["worth", "_id"], ascending=[False, True]).rename_axis(customer)
    table["rank"] = np.arange(1, len(table) + 1)
    classes = abc_classes(table["past_value"])["class"] if len(table) and table["past_value"].sum() > 0 else None
    table["value_class"] = "C" if classes is None else classes.reindex(table.index).astype(str)
    table["strategy"] = table["value_class"].map(WINBACK_STRATEGIES)
    table.attrs = {"as_of": as_of, "lapsed_after": int(lapsed_after), "lost": int(len(table))}
    return winback_budget(table, budget=budget, contact_cost=contact_cost)


def winback_budget(plan: pd.DataFrame, *, budget: float, contact_cost: float) -> pd.DataFrame:
    """Whom a budget contacts, for a plan from :func:`winback_priority` (made with any budget): a
    new frame whose ``contact`` column marks the first ``budget // contact_cost`` customers by
    rank whose worth exceeds ``contact_cost``. Cheap, so a budget slider can call it each move.

    >>> plan = pd.DataFrame({"worth": [90.0, 40.0, 8.0], "rank": [1, 2, 3]}, index=["a", "b", "c"])
    >>> winback_budget(plan, budget=30, contact_cost=10)["contact"].tolist()  # 3 affordable, c worth < 10
    [True, True, False]
    """
    require_columns(plan, {"worth": "worth", "rank": "rank"}, data_name="plan")
    budget = require_number(budget, "budget", low=0)
    contact_cost = require_number(contact_cost, "contact_cost", low=0, low_inclusive=False)
    table = plan.copy()
    table["contact"] = (table["rank"] <= budget // contact_cost) & (table["worth"] > contact_cost)
    contacted = int(table["contact"].sum())
    table.attrs = {
        **plan.attrs, "budget": float(budget), "contact_cost": float(contact_cost), "lost": int(len(table)),
        "contacted": contacted, "spent": contacted * float(contact_cost),
        "worth_contacted": float(table.loc[table["contact"], "worth"].sum()),
    }
    return table
