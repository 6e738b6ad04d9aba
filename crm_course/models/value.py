"""Customer value: closed-form CLV, customer delivered value, customer profitability.

>>> round(clv(margin=100, retention=0.8, discount=0.1), 2)
266.67
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from .._validation import (
    examples,
    require_choice,
    require_columns,
    require_frame,
    require_ids,
    require_labels,
    require_not_empty,
    require_number,
    require_numeric,
)
from .segmentation import _exact_sums, _percentile_scores

__all__ = [
    "VALUE_COMPONENTS",
    "COST_COMPONENTS",
    "PROFIT_CLASSES",
    "clv",
    "clv_sensitivity",
    "delivered_value",
    "customer_profitability",
]

VALUE_COMPONENTS = ("product_value", "service_value", "personnel_value", "image_value")
COST_COMPONENTS = ("monetary_cost", "time_cost", "energy_cost", "psychic_cost")
PROFIT_CLASSES = ("A", "B", "C", "D", "E", "F")


def _numbers(value, argument: str, **limits) -> np.ndarray:
    """``value`` (a number, array or Series) as a float array, every element checked by require_number."""
    if np.ndim(value) == 0:
        return np.asarray(require_number(value, argument, **limits), dtype=float)
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"`{argument}` must be a number or an array of numbers, but {value!r} was passed.") from None
    low, high = limits.get("low"), limits.get("high")
    inside = np.isfinite(array)
    if low is not None:
        inside &= array >= low if limits.get("low_inclusive", True) else array > low
    if high is not None:
        inside &= array <= high if limits.get("high_inclusive", True) else array < high
    bad = array[~inside]
    if bad.size:
        require_number(float(bad[0]), argument, **limits)  # raises, worded like a single number
    return array


def _refuse_percentage(value, argument: str) -> None:
    """A rate above 1 given as a percentage (12 for 12%) is refused, naming the fraction it likely means."""
    try:
        array = np.asarray(value, dtype=float).ravel()
    except (TypeError, ValueError):
        return
    large = array[np.isfinite(array) & (array > 1)]
    if large.size:
        x = float(large[0])
        raise ValueError(
            f"`{argument}` is a rate per period, a fraction such as 0.12, but {x:g} was passed. "
            f"Did you mean {x / 100:g} for {x:g}%?"
        )


def _aligned(arguments: dict):
    """Series aligned on their labels and every value's length checked against the others.

    Series are combined by customer label, never by position: all must hold the same labels
    (each once), and they are put in the order of the first. Lists and arrays are combined by
    position and must have one value or as many as the others. Returns the values and the
    index of the result (None without a Series).
    """
    series = {name: value for name, value in arguments.items() if isinstance(value, pd.Series)}
    index = None
    for name, value in series.items():
        require_labels(value, name)
        if index is None:
            index, first = value.index, name
            continue
        missing, extra = index.difference(value.index), value.index.difference(index)
        if len(missing) or len(extra):
            raise ValueError(
                f"`{name}` and `{first}` are Series for different customers: `{name}` lacks "
                f"{examples(missing.tolist()) or 'none'} and has {examples(extra.tolist()) or 'none'} that "
                f"`{first}` lacks. Give both the same customers (index labels), e.g. {name}.reindex({first}.index)."
            )
        arguments = {**arguments, name: value.reindex(index)}
    lengths = {name: len(value) if isinstance(value, pd.Series) else int(np.size(value))
               for name, value in arguments.items() if np.ndim(value) > 0}
    if len(set(lengths.values()) - {1}) > 1:
        shown = ", ".join(f"`{name}` {n}" for name, n in lengths.items())
        raise ValueError(
            f"The arguments have different numbers of values ({shown}): give each argument one value "
            f"or the same number of values as the others, one per customer."
        )
    return {name: value.to_numpy() if isinstance(value, pd.Series) else value
            for name, value in arguments.items()}, index


def clv(
    *,
    margin,
    retention,
    discount,
    horizon: int | None = None,
    acquisition_cost=0.0,
    margin_timing: str = "end",
):
    """Customer lifetime value (客户终生价值) of a customer with a constant margin and retention rate.

    With margin m per period, retention rate r and discount rate i per period,
    q = r / (1 + i) and margins received at the END of each period (Gupta &
    Lehmann 2003; the customer must survive to period t to pay its margin):

    - infinite horizon (``horizon=None``): CLV = m r / (1 + i - r)
    - finite horizon H: CLV = sum_{t=1..H} m r^t / (1 + i)^t = m q (1 - q^H) / (1 - q),
      which tends to m r / (1 + i - r) as H grows.

    With ``margin_timing="start"`` the first margin is paid at once, for sure:
    CLV = sum_{t=0..H-1} m q^t, which is m (1 + i) / (1 + i - r) for an infinite
    horizon. ``acquisition_cost`` is subtracted from the result.

    Numbers give a float; arrays or Series (e.g. a range of retention rates for
    a sensitivity plot) give an array or Series, element by element. Series are
    matched by their index (customer), not by position, and the result has the
    first Series' index; lists and arrays go by position. Refused: Series for
    different customers, arguments with different numbers of values, retention
    outside [0, 1), a negative discount rate, a horizon that is not a positive whole
    number.

    >>> round(clv(margin=100, retention=0.8, discount=0.1), 2)
    266.67
    >>> round(clv(margin=100, retention=0.8, discount=0.1, horizon=3), 2)
    164.09
    >>> round(clv(margin=100, retention=0.8, discount=0.1, margin_timing="start", acquisition_cost=50), 2)
    316.67
    >>> clv(margin=100, retention=[0.5, 0.9], discount=0.1).round(2)
    array([ 83.33, 450.  ])
    >>> import pandas as pd
    >>> clv(margin=pd.Series({"a": 100.0, "b": 50.0}), retention=pd.Series({"b": 0.5, "a": 0.9}), discount=0.1)
    a    450.000000
    b     41.666667
    Name: clv, dtype: float64
    """
    require_choice(margin_timing, ["end", "start"], "margin_timing")
    values, index = _aligned({"margin": margin, "retention": retention, "discount": discount,
                              "acquisition_cost": acquisition_cost})
    margin, retention, discount, acquisition_cost = values.values()
    m = _numbers(margin, "margin")
    _refuse_percentage(discount, "discount")
    r = _numbers(retention, "retention", low=0, high=1, high_inclusive=False)
    i = _numbers(discount, "discount", low=0)
    cost = _numbers(acquisition_cost, "acquisition_cost")
    q = r / (1 + i)
    if horizon is None:
        sum_of_q_powers = 1 / (1 - q)  # sum_{t=0..inf} q^t
    else:
        horizon = int(require_number(horizon, "horizon", low=1, integer=True))
        sum_of_q_powers = (1 - q**horizon) / (1 - q)  # sum_{t=0..H-1} q^t
    first_factor = q if margin_timing == "end" else 1.0
    result = m * first_factor * sum_of_q_powers - cost

    if index is not None:
        return pd.Series(np.array(np.broadcast_to(result, (len(index),))), index=index, name="clv")
    return float(result) if result.ndim == 0 else result


def delivered_value(
    data,
    *,
    value: Sequence[str] = VALUE_COMPONENTS,
    cost: Sequence[str] = COST_COMPONENTS,
):
    """Customer delivered value (客户让渡价值) = total customer value - total customer cost.

    Total customer value (总顾客价值) is the sum of the ``value`` components
    (product, service, personnel, image); total customer cost (总顾客成本) the sum
    of the ``cost`` components (money, time, energy, psychic). All components
    must be numbers >= 0 and the total cost must be positive.

    ``data`` is a DataFrame with one row per offer (or customer) and a column per
    component, or one offer as a dict ``{component: number}``. Returns, for each
    offer, ``total_value``, ``total_cost``, ``delivered_value`` (the difference)
    and ``value_ratio`` (total value / total cost): a DataFrame with the index of
    ``data``, or a Series for a dict.

    >>> offer = {"product_value": 60, "service_value": 20, "personnel_value": 10, "image_value": 10,
    ...          "monetary_cost": 50, "time_cost": 10, "energy_cost": 10, "psychic_cost": 10}
    >>> delivered_value(offer)
    total_value        100.00
    total_cost          80.00
    delivered_value     20.00
    value_ratio          1.25
    dtype: float64
    """
    one_offer = isinstance(data, Mapping)
    frame = pd.DataFrame([data]) if one_offer else require_frame(data, "data")
    value, cost = list(value), list(cost)
    for argument, columns in (("value", value), ("cost", cost)):
        if not columns or any(not isinstance(c, str) for c in columns):
            raise TypeError(f"`{argument}` must be a list of column names, but {columns!r} was passed.")
        require_columns(frame, {argument: c for c in columns}, "data")
    require_not_empty(frame, "data")
    components = pd.DataFrame({c: require_numeric(frame[c], "value" if c in value else "cost", "data")
                               for c in value + cost})
    negative = components.columns[(components < 0).any()]
    if len(negative):
        raise ValueError(
            f"Component(s) {list(negative)} of `data` have negative values, e.g. "
            f"{examples(components.loc[components[negative[0]] < 0, negative[0]].tolist())}. "
            f"Enter each value and each cost as an amount >= 0."
        )
    total_value = components[value].sum(axis=1)
    total_cost = components[cost].sum(axis=1)
    free = total_cost.index[total_cost == 0]
    if len(free):
        raise ValueError(
            f"The total customer cost is 0 for row(s) {examples(free)} of `data`: every offer costs the "
            f"customer something (money, time, energy or psychic cost). Enter the costs."
        )
    result = pd.DataFrame(
        {
            "total_value": total_value,
            "total_cost": total_cost,
            "delivered_value": total_value - total_cost,
            "value_ratio": total_value / total_cost,
        }
    )
    return result.iloc[0].rename(None) if one_offer else result


def customer_profitability(
    tx: pd.DataFrame,
    *,
    customer: str = "customer_id",
    margin: str = "margin",
    costs: pd.Series | None = None,
) -> pd.DataFrame:
    """Profit of every single customer and a class from A (most profitable) to F (loss-making).

    ``profit`` = the customer's total gross ``margin`` in ``tx`` (added exactly, so it does not
    depend on the order of the rows) minus its
    ``costs`` (optional Series indexed by customer id: cost to serve, acquisition
    cost, ...). With ``costs``, every customer of ``tx`` needs a cost (use 0 where
    there is none), and customers who have a cost but no transaction (members
    who never bought) are kept with margin 0: they are the ones costing money.

    Classes, like the bank's six customer types A-F:

    - ``F``: loss-making customers (profit < 0);
    - ``A``-``E``: the others in five equal parts by profit (quintiles), A the top
      20% (the customers to reward and protect), E the least profitable 20%.
      Customers with equal profit share a class: tied customers take the
      lowest rank of their group, as in rfm_scores.

    Returns one row per customer (index named like ``customer``, sorted) with
    ``margin``, ``cost``, ``profit`` and ``class`` (categorical A-F).

    >>> import pandas as pd
    >>> tx = pd.DataFrame({"customer_id": ["a", "b", "c", "d", "e", "f"],
    ...                    "margin": [50.0, 15.0, 8.0, 60.0, 4.0, 30.0]})
    >>> costs = pd.Series({"a": 10.0, "b": 5.0, "c": 12.0, "d": 10.0, "e": 0.0, "f": 5.0, "g": 25.0})
    >>> customer_profitability(tx, costs=costs)  # doctest: +NORMALIZE_WHITESPACE
                 margin  cost  profit class
    customer_id
    a              50.0  10.0    40.0     B
    b              15.0   5.0    10.0     D
    c               8.0  12.0    -4.0     F
    d              60.0  10.0    50.0     A
    e               4.0   0.0     4.0     E
    f              30.0   5.0    25.0     C
    g               0.0  25.0   -25.0     F
    """
    require_columns(tx, {"customer": customer, "margin": margin}, "tx")
    require_not_empty(tx, "tx")
    require_ids(tx[customer], "customer", "tx")
    margins = _exact_sums(require_numeric(tx[margin], "margin", "tx"), tx[customer])
    if costs is None:
        cost = pd.Series(0.0, index=margins.index)
    else:
        if not isinstance(costs, pd.Series):
            raise TypeError(
                f"`costs` must be a pandas Series of one cost per customer (index = customer id), "
                f"but a {type(costs).__name__} was passed. E.g. customers.set_index('customer_id')['acquisition_cost']."
            )
        if not costs.index.is_unique:
            twice = costs.index[costs.index.duplicated()]
            raise ValueError(f"`costs` has more than one cost for customer(s) {examples(twice)}: give one each.")
        require_labels(costs, "costs")
        cost = require_numeric(costs.rename("costs"), "costs", "costs")
        uncosted = margins.index.difference(cost.index)
        if len(uncosted):
            kinds = tuple("text" if isinstance(i, str) else "numbers" if isinstance(i, (int, float, np.number))
                          else type(i).__name__ for i in (margins.index[0], cost.index[0] if len(cost) else ""))
            hint = (f" The customer ids of `tx` are {kinds[0]} but those of `costs` are {kinds[1]}: write both "
                    f"the same way, e.g. costs.rename(index={'int' if kinds[0] == 'numbers' else 'str'})."
                    if kinds[0] != kinds[1] else "")
            raise ValueError(
                f"`costs` has no cost for {len(uncosted)} customer(s) of `tx`, e.g. {examples(uncosted)}.{hint} "
                f"Give every customer a cost (0 where there is none), e.g. costs.reindex(ids, fill_value=0)."
            )
        margins = margins.reindex(margins.index.union(cost.index), fill_value=0.0)
        cost = cost.reindex(margins.index)
    profit = margins - cost
    classes = np.full(len(profit), "F", dtype=object)
    gaining = (profit >= 0).to_numpy()
    if gaining.any():
        quintile = _percentile_scores(profit[gaining], 5)
        classes[gaining] = np.array(PROFIT_CLASSES[:5])[5 - quintile]
    result = pd.DataFrame(
        {
            "margin": margins,
            "cost": cost,
            "profit": profit,
            "class": pd.Categorical(classes, categories=list(PROFIT_CLASSES)),
        },
        index=margins.index,
    )
    result.index.name = customer
    return result


def clv_sensitivity(
    *,
    margin,
    retention,
    discount,
    horizon: int | None = None,
    acquisition_cost=0.0,
    margin_timing: str = "end",
) -> pd.DataFrame:
    """CLV for every pair of a retention rate and a discount rate: the table of a sensitivity plot.

    ``retention`` and ``discount`` are lists of rates (a single number counts as a list of
    one); ``margin``, ``horizon``, ``acquisition_cost`` and ``margin_timing`` are single
    values, as in :func:`clv`, which computes each CLV. Returns a tidy table with columns
    ``retention``, ``discount`` and ``clv``, one row per pair, sorted by discount and then
    retention (a rate given twice appears once). ``attrs`` keeps the margin, horizon and
    acquisition cost for the plot's subtitle.

    >>> clv_sensitivity(margin=100, retention=[0.8, 0.5], discount=[0.1, 0.0]).round(2)
       retention  discount     clv
    0        0.5       0.0  100.00
    1        0.8       0.0  400.00
    2        0.5       0.1   83.33
    3        0.8       0.1  266.67
    """
    margin = require_number(margin, "margin")
    acquisition_cost = require_number(acquisition_cost, "acquisition_cost")
    rates = {}
    for argument, value in (("retention", retention), ("discount", discount)):
        rates[argument] = np.unique(_numbers(value, argument))
        if rates[argument].size == 0:
            raise ValueError(f"`{argument}` must hold at least one rate, e.g. [0.6, 0.7, 0.8], but it is empty.")
    discounts, retentions = np.meshgrid(rates["discount"], rates["retention"], indexing="ij")
    table = pd.DataFrame({"retention": retentions.ravel(), "discount": discounts.ravel()})
    table["clv"] = clv(margin=margin, retention=table["retention"].to_numpy(), discount=table["discount"].to_numpy(),
                       horizon=horizon, acquisition_cost=acquisition_cost, margin_timing=margin_timing)
    table.attrs = {"margin": margin, "horizon": horizon, "acquisition_cost": acquisition_cost}
    return table
