"""Whom to mail: purchase likelihood, gains by decile and the break-even response (数据库营销的宏观应用).

Database marketing's macro use forecasts who is likely to buy from what the database knows
(age, city, channel, past purchases), then mails only the cells worth it. A mailing pays when
its response rate beats the break-even response (Hughes): cost per piece / profit per sale.
The break-even index of a cell is 100 x its response rate / the break-even response; mail the
cells above 100.

>>> round(break_even_response(0.55, 40), 5)  # 0.55 CNY a piece, 40 CNY profit a sale: 1.375%
0.01375
>>> round(break_even_index(0.02, 0.01375), 1)
145.5
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._validation import (
    examples,
    require_columns,
    require_dates,
    require_frame,
    require_ids,
    require_no_missing,
    require_not_empty,
    require_number,
    require_numeric,
    require_unique,
    to_timestamp,
)

__all__ = [
    "LIKELIHOOD_FEATURES",
    "DEMOGRAPHICS",
    "break_even_response",
    "break_even_index",
    "launch_table",
    "purchase_likelihood",
    "gains_table",
    "mailing_plan",
]

DEMOGRAPHICS = ("age_band", "city", "acquisition_channel")
LIKELIHOOD_FEATURES = (*DEMOGRAPHICS, "orders_before", "revenue_before", "tenure_days")


def break_even_response(cost_per_piece: float, profit_per_sale: float) -> float:
    """The response rate at which a mailing just pays: cost per piece / profit per sale.

    >>> round(break_even_response(0.55, 40), 6)  # Hughes's example: 1.375%
    0.01375
    """
    cost = require_number(cost_per_piece, "cost_per_piece", low=0)
    profit = require_number(profit_per_sale, "profit_per_sale", low=0, low_inclusive=False)
    return float(cost / profit)


def break_even_index(response_rate, break_even: float):
    """100 x response rate / break-even response: above 100 a cell pays to mail, below it loses.

    ``response_rate`` is a number, an array or a Series (one rate per cell).

    >>> round(break_even_index(0.011, 0.01375), 1)
    80.0
    """
    try:
        values = (response_rate.astype(float) if isinstance(response_rate, pd.Series)
                  else np.asarray(response_rate, dtype=float))
    except (TypeError, ValueError):
        raise TypeError(f"`response_rate` must be a number or numbers such as 0.02 (2%), but {response_rate!r} "
                        f"was passed.") from None
    array = np.asarray(values)
    bad = array[~((array >= 0) & (array <= 1))]
    if bad.size:
        raise ValueError(f"`response_rate` must be shares between 0 and 1 (0.02 = 2%), but got {examples(bad.tolist())}.")
    even = require_number(break_even, "break_even", low=0, low_inclusive=False)
    index = 100 * values / even
    return float(index) if np.ndim(index) == 0 else index


def launch_table(customers: pd.DataFrame, tx: pd.DataFrame, *, category: str = "wellness",
                 launch="2024-01-01", end=None) -> pd.DataFrame:
    """One row per member who joined before ``launch``: what the database knew then, and whether
    the member went on to buy ``category`` (from ``launch`` to ``end``, default the last order).

    ``customers`` needs ``customer_id``, ``signup_date`` and the :data:`DEMOGRAPHICS`; ``tx``
    ``customer_id``, ``date``, ``category`` and ``amount`` (the shipped ``retail_customers``
    and ``retail``). Adds ``orders_before``, ``revenue_before`` (before the launch),
    ``tenure_days`` (days from sign-up to the launch) and ``bought`` (1/0). Index: customer id.

    >>> import crm_course as crm
    >>> table = launch_table(crm.load_dataset("retail_customers"), crm.load_dataset("retail"))
    >>> len(table), int(table["bought"].sum())
    (2680, 568)
    """
    require_columns(customers, {"customer": "customer_id", "signup_date": "signup_date",
                                **{c: c for c in DEMOGRAPHICS}}, "customers")
    require_columns(tx, {"customer": "customer_id", "date": "date", "category": "category", "amount": "amount"}, "tx")
    require_not_empty(customers, "customers")
    require_unique(require_ids(customers["customer_id"], "customer", "customers"), "customer", "customers")
    dates = require_dates(tx["date"], "date", "tx")
    signup = require_dates(customers["signup_date"], "signup_date", "customers")
    launch = to_timestamp(launch, "launch", like=dates)
    end = dates.max() if end is None else to_timestamp(end, "end", like=dates)
    amount = require_numeric(tx["amount"], "amount", "tx")
    joined = signup < launch
    members = customers[joined].set_index("customer_id").sort_index()
    before = dates < launch
    counts = tx.loc[before, "customer_id"].value_counts()
    revenue = amount[before].groupby(tx.loc[before, "customer_id"]).sum()
    later = (dates >= launch) & (dates <= end) & (tx["category"] == category)
    buyers = set(tx.loc[later, "customer_id"])
    table = members[list(DEMOGRAPHICS)].copy()
    table["orders_before"] = counts.reindex(table.index, fill_value=0).astype(int)
    table["revenue_before"] = revenue.reindex(table.index, fill_value=0.0).round(2)
    table["tenure_days"] = (launch - signup[joined].set_axis(customers.loc[joined, "customer_id"])).reindex(
        table.index).dt.days
    table["bought"] = table.index.isin(buyers).astype(int)
    table.attrs = {"category": category, "launch": launch, "end": end}
    return table


def purchase_likelihood(table: pd.DataFrame, *, features=LIKELIHOOD_FEATURES, target: str = "bought",
                        folds: int = 5, seed: int = 0) -> pd.DataFrame:
    """Each customer's probability of buying, from a logistic regression (scikit-learn).

    Text columns among ``features`` are one-hot encoded, numeric ones log-scaled
    (log(1 + x)) and standardised. Probabilities are out of sample: each customer's comes from
    a model fitted on the other ``folds - 1`` parts (stratified, shuffled with ``seed``), so a
    gains table does not flatter the model. The rows are taken in the order of the index, so
    the result does not depend on the row order.

    Returns the index of ``table`` (sorted) with ``probability``, ``decile`` (1 = the tenth most
    likely to buy; ties by index) and ``target``. ``attrs``: ``features``, ``target``, ``folds``,
    ``seed``, ``auc`` (out of sample) and ``coefficients`` (of the model fitted on everyone,
    per encoded feature).

    >>> import crm_course as crm
    >>> table = launch_table(crm.load_dataset("retail_customers"), crm.load_dataset("retail"))
    >>> scores = purchase_likelihood(table)
    >>> round(scores.attrs["auc"], 2)
    0.76
    """
    from sklearn.compose import ColumnTransformer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import StratifiedKFold, cross_val_predict
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, StandardScaler

    require_frame(table, "table")
    require_not_empty(table, "table")
    if isinstance(features, str):
        features = [features]
    features = list(features)
    if not features:
        raise ValueError("`features` is empty: name at least one column to predict from, e.g. ['age_band'].")
    require_columns(table, {"features": f for f in features} | {"target": target}, "table")
    if target in features:
        raise ValueError(f"`features` includes the target {target!r}: a model may not predict a column from itself. "
                         f"Leave {target!r} out of `features`.")
    folds = int(require_number(folds, "folds", low=2, integer=True))
    seed = int(require_number(seed, "seed", low=0, integer=True))
    data = table.sort_index(kind="stable")
    y = require_numeric(data[target], "target", "table")
    if not y.isin([0, 1]).all():
        raise ValueError(f"Column {target!r} (argument `target=`) of `table` must hold 1 (bought) or 0, but holds "
                         f"{examples(y[~y.isin([0, 1])].unique().tolist())}.")
    y = y.astype(int)
    if y.nunique() < 2 or y.value_counts().min() < folds:
        raise ValueError(f"Column {target!r} needs at least {folds} buyers (1) and {folds} non-buyers (0) to fit "
                         f"and check a model with folds={folds}; it has {int(y.sum())} and {int((1 - y).sum())}.")
    numeric = [f for f in features if pd.api.types.is_numeric_dtype(data[f]) and not pd.api.types.is_bool_dtype(data[f])]
    categorical = [f for f in features if f not in numeric]
    for f in features:
        require_no_missing(data[f], "features", "table")
    for f in numeric:
        values = require_numeric(data[f], "features", "table")
        if (values < 0).any():
            raise ValueError(f"Column {f!r} of `table` has negative values, e.g. {values[values < 0].iloc[0]!r}: "
                             f"numeric features are counts or amounts >= 0.")
    x = data[features].astype({c: str for c in categorical})
    encode = ColumnTransformer([
        ("text", OneHotEncoder(handle_unknown="ignore"), categorical),
        ("numbers", make_pipeline(FunctionTransformer(np.log1p, feature_names_out="one-to-one"), StandardScaler()),
         numeric),
    ])
    model = make_pipeline(encode, LogisticRegression(max_iter=2000))
    split = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    probability = cross_val_predict(model, x, y, cv=split, method="predict_proba")[:, 1]
    model.fit(x, y)
    names = model[0].get_feature_names_out()
    coefficients = dict(zip(names.tolist(), model[-1].coef_[0].tolist()))
    result = pd.DataFrame({"probability": probability}, index=data.index)
    order = np.lexsort((np.arange(len(result)), -probability))
    decile = np.empty(len(result), dtype=int)
    decile[order] = np.arange(len(result)) * 10 // len(result) + 1
    result["decile"] = decile
    result[target] = y.to_numpy()
    result.attrs = {"features": features, "target": target, "folds": folds, "seed": seed,
                    "auc": float(roc_auc_score(y, probability)), "coefficients": coefficients}
    return result


def gains_table(scores: pd.DataFrame, *, cell: str = "decile", outcome: str = "bought") -> pd.DataFrame:
    """Gains and lift by cell (decile 1 = most likely first): the table behind a gains chart.

    Per cell: ``customers``, ``buyers``, ``response_rate``, ``lift`` (response rate / overall
    rate), ``cumulative_customers`` and ``cumulative_buyers`` (shares, the gains curve) and
    ``cumulative_lift``. ``attrs['overall_rate']`` is the response rate of everyone.

    >>> import pandas as pd
    >>> scores = pd.DataFrame({"decile": [1, 1, 2, 2], "bought": [1, 1, 1, 0]})
    >>> gains_table(scores)[["buyers", "response_rate", "lift", "cumulative_buyers"]]  # doctest: +NORMALIZE_WHITESPACE
            buyers  response_rate      lift  cumulative_buyers
    decile
    1            2            1.0  1.333333           0.666667
    2            1            0.5  0.666667           1.000000
    """
    require_columns(scores, {"cell": cell, "outcome": outcome}, "scores")
    require_not_empty(scores, "scores")
    require_no_missing(scores[cell], "cell", "scores")
    bought = require_numeric(scores[outcome], "outcome", "scores")
    if not bought.isin([0, 1]).all():
        raise ValueError(f"Column {outcome!r} (argument `outcome=`) of `scores` must hold 1 (bought) or 0.")
    grouped = bought.groupby(scores[cell], sort=True)
    table = pd.DataFrame({"customers": grouped.size(), "buyers": grouped.sum().astype(int)})
    overall = table["buyers"].sum() / table["customers"].sum()
    table["response_rate"] = table["buyers"] / table["customers"]
    table["lift"] = table["response_rate"] / overall if overall > 0 else np.nan
    table["cumulative_customers"] = table["customers"].cumsum() / table["customers"].sum()
    total_buyers = table["buyers"].sum()
    table["cumulative_buyers"] = table["buyers"].cumsum() / total_buyers if total_buyers else np.nan
    table["cumulative_lift"] = (table["buyers"].cumsum() / table["customers"].cumsum()) / overall if overall else np.nan
    table.index.name = cell
    table.attrs = {"overall_rate": float(overall)}
    return table


def mailing_plan(gains: pd.DataFrame, *, cost_per_piece: float, profit_per_sale: float) -> pd.DataFrame:
    """Which cells to mail: the gains table with the break-even index and the profit of mailing.

    Adds ``break_even_index`` (100 x response rate / break-even response), ``mail`` (index
    >= 100), ``profit`` of mailing the cell (buyers x profit per sale - customers x cost per
    piece, as if the cell responds as it did) and ``cumulative_profit``. ``attrs`` keeps the
    costs and ``break_even``.

    >>> import pandas as pd
    >>> gains = pd.DataFrame({"customers": [100, 100], "buyers": [3, 1], "response_rate": [0.03, 0.01]})
    >>> mailing_plan(gains, cost_per_piece=0.55, profit_per_sale=40)[["break_even_index", "mail", "profit"]]
       break_even_index   mail  profit
    0        218.181818   True    65.0
    1         72.727273  False   -15.0
    """
    require_columns(gains, {"gains": "customers", "buyers": "buyers", "response_rate": "response_rate"}, "gains")
    even = break_even_response(cost_per_piece, profit_per_sale)
    plan = gains.copy()
    if even == 0:
        plan["break_even_index"] = np.inf
    else:
        plan["break_even_index"] = break_even_index(plan["response_rate"], even)
    plan["mail"] = plan["break_even_index"] >= 100
    plan["profit"] = (plan["buyers"] * float(profit_per_sale) - plan["customers"] * float(cost_per_piece)).round(2)
    plan["cumulative_profit"] = plan["profit"].cumsum().round(2)
    plan.attrs = {**gains.attrs, "cost_per_piece": float(cost_per_piece), "profit_per_sale": float(profit_per_sale),
                  "break_even": even}
    return plan
