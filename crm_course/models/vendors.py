"""CRM vendor selection (软件选型) by weighted scoring, reusing the scoring-matrix engine.

The lecture: choose the software by the management's needs, not by its features, ideally by
tender, within budget, and remember that on-premise CRM needs IT staff while a hosted
(on-demand, 托管/按需) one lightens the IT team's load. The weights are a plain dict a
lecturer may edit; :func:`crm_course.weighted_score` does the arithmetic.

>>> import crm_course as crm
>>> ranking = vendor_ranking(crm.load_dataset("crm_vendors"))
>>> ranking.index[0]
'V2'
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._validation import require_columns, require_ids, require_not_empty, require_number, require_numeric, require_unique
from .scoring import weighted_score

__all__ = ["VENDOR_WEIGHTS", "FEATURE_WEIGHTS", "vendor_ranking"]

# The lecture's priorities: management needs first, features last.
VENDOR_WEIGHTS: dict[str, float] = {
    "management_fit": 0.25,
    "cost": 0.15,
    "support": 0.15,
    "integration": 0.15,
    "vendor_stability": 0.10,
    "usability": 0.10,
    "features": 0.05,
    "security": 0.05,
}
# What the lecture warns against: choosing by the feature list.
FEATURE_WEIGHTS: dict[str, float] = {
    "features": 0.40,
    "integration": 0.15,
    "security": 0.15,
    "vendor_stability": 0.10,
    "management_fit": 0.05,
    "cost": 0.05,
    "support": 0.05,
    "usability": 0.05,
}


def vendor_ranking(vendors: pd.DataFrame, weights=None, *, users: int = 50, years: int = 3,
                   budget: float | None = None, vendor: str = "vendor_id", normalize: bool = False) -> pd.DataFrame:
    """Rank CRM products by weighted score, with the cost of ownership and the budget check.

    ``vendors`` has one row per product, a ``vendor`` id column and one 1-5 column per
    criterion the ``weights`` name (default :data:`VENDOR_WEIGHTS`; any criteria set works,
    other columns are kept and not scored). If it has ``licence_per_user_year`` and
    ``implementation_cost``, ``total_cost`` = implementation + licence x ``users`` x ``years``
    is added, and with ``budget`` (CNY) ``within_budget``. ``rank`` 1 is the best score (ties
    share the better rank); ``choice`` marks the best product within budget.

    Returns the rows of ``vendors`` indexed by vendor, sorted by rank then id, with ``score``,
    ``rank`` and the cost columns. ``attrs`` keeps ``weights`` (as used), ``users``, ``years``
    and ``budget``.

    >>> import pandas as pd
    >>> bids = pd.DataFrame({"vendor_id": ["A", "B"], "fit": [5, 3], "features": [2, 5]})
    >>> vendor_ranking(bids, {"fit": 0.7, "features": 0.3})[["score", "rank"]]  # doctest: +NORMALIZE_WHITESPACE
        score  rank
    vendor_id
    A         4.1     1
    B         3.6     2
    """
    weights = dict(VENDOR_WEIGHTS if weights is None else weights)
    require_columns(vendors, {"vendor": vendor}, "vendors")
    require_not_empty(vendors, "vendors")
    users = int(require_number(users, "users", low=1, integer=True))
    years = int(require_number(years, "years", low=1, integer=True))
    if budget is not None:
        budget = float(require_number(budget, "budget", low=0))
    require_unique(require_ids(vendors[vendor], "vendor", "vendors"), "vendor", "vendors")
    table = vendors.set_index(vendor)
    missing = [c for c in weights if c not in table.columns]
    if missing:
        raise ValueError(
            f"Criteria {missing} have a weight but are not columns of `vendors`. Its columns are: "
            f"{list(map(str, vendors.columns))}. Add their scores or remove their weights."
        )
    result = table.copy()
    result["score"] = weighted_score(table[list(weights)], weights, normalize=normalize)
    if {"licence_per_user_year", "implementation_cost"} <= set(table.columns):
        licence = require_numeric(table["licence_per_user_year"], "vendors", "vendors")
        implementation = require_numeric(table["implementation_cost"], "vendors", "vendors")
        result["total_cost"] = implementation + licence * users * years
        if budget is not None:
            result["within_budget"] = result["total_cost"] <= budget
    rounded = result["score"].round(9)
    result["rank"] = rounded.rank(method="min", ascending=False).astype(int)
    eligible = result["within_budget"] if "within_budget" in result else pd.Series(True, index=result.index)
    best = rounded[eligible]
    result["choice"] = False
    if len(best):
        result.loc[best.index[best == best.max()].min(), "choice"] = True
    order = np.lexsort((result.index.astype(str), result["rank"].to_numpy()))
    result = result.iloc[order]
    total = sum(weights.values())
    result.attrs = {"weights": {k: v / total for k, v in weights.items()} if normalize else weights,
                    "users": users, "years": years, "budget": budget}
    return result
