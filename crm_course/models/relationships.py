"""Relationship strategy types (关系战略) by who adapts to whom: hook, zipper, velcro.

=====================  =========================  ======================
..                     customer adapts: low       customer adapts: high
=====================  =========================  ======================
firm adapts: high      velcro (维可牢)             zipper (拉链)
firm adapts: low       none (no strategy)          hook (扣钩)
=====================  =========================  ======================
"""

from __future__ import annotations

import pandas as pd

from .._validation import require_columns, require_not_empty, require_number
from .scoring import _scale_column

__all__ = ["RELATIONSHIP_TYPES", "relationship_types"]

# (firm adaptation high?, customer adaptation high?) -> relationship type code.
RELATIONSHIP_TYPES: dict[tuple[bool, bool], str] = {
    (False, True): "hook",
    (True, True): "zipper",
    (True, False): "velcro",
    (False, False): "none",
}


def relationship_types(
    scores: pd.DataFrame,
    *,
    firm: str = "firm_adaptation",
    customer: str = "customer_adaptation",
    threshold: float = 3,
) -> pd.DataFrame:
    """Place each relationship in the firm-adaptation x customer-adaptation 2 x 2.

    ``scores`` holds, per entity, how much the firm adapts to the customer's processes
    and how much the customer adapts to the firm's, each scored 1-5. A score at or above
    ``threshold`` counts as high (the default 3 makes the middle of the scale high).

    - hook (扣钩): the customer adapts to the firm's contact process, the firm does not;
    - zipper (拉链): both adapt, tightly coupled;
    - velcro (维可牢): the firm adapts to each customer's process, the customer does not;
    - none: neither adapts, no relationship strategy.

    Returns a new DataFrame with the index of ``scores`` and columns ``firm_adaptation``,
    ``customer_adaptation`` (the scores) and ``relationship_type`` (a code);
    ``result.attrs["threshold"]`` keeps the threshold for the plot.

    >>> import pandas as pd
    >>> scores = pd.DataFrame({"firm_adaptation": [2, 4, 5, 1],
    ...                        "customer_adaptation": [5, 4, 2, 2.5]}, index=list("abcd"))
    >>> relationship_types(scores)["relationship_type"].tolist()
    ['hook', 'zipper', 'velcro', 'none']
    """
    require_columns(scores, {"firm": firm, "customer": customer}, "scores")
    require_not_empty(scores, "scores")
    threshold = require_number(threshold, "threshold", low=1, high=5)
    firm_scores = _scale_column(scores, firm, "firm", "scores")
    customer_scores = _scale_column(scores, customer, "customer", "scores")
    firm_high = (firm_scores >= threshold).to_numpy()
    customer_high = (customer_scores >= threshold).to_numpy()
    types = [RELATIONSHIP_TYPES[(f, c)] for f, c in zip(firm_high.tolist(), customer_high.tolist())]
    result = pd.DataFrame(
        {
            "firm_adaptation": firm_scores.to_numpy(),
            "customer_adaptation": customer_scores.to_numpy(),
            "relationship_type": types,
        },
        index=scores.index,
    )
    result.attrs = {"threshold": float(threshold)}
    return result
