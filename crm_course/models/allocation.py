"""Fair allocation of a scarce product: the largest-remainder (Hamilton) method (公开、公平、公正).

A tobacco distributor with more demand than supply for a popular brand shares the supply
across retailer classes (or single outlets) in proportion to their weights. Whole units
cannot follow the exact quotas, so the largest-remainder method rounds them openly:

1. exact quota = supply x weight / total weight;
2. everyone first gets the whole part of its quota (the floor);
3. the units left over go, one each, to the largest fractional remainders.

Ties between equal remainders go to the larger weight, then to the label that sorts first
(as text): a rule anyone can check, independent of the order in which the rows were typed.
Quotas are computed in exact rational arithmetic, so two equal remainders really are equal.

>>> fair_allocation(10, {"class 1": 43, "class 2": 34, "class 3": 23})["units"].tolist()
[4, 4, 2]
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

import numpy as np
import pandas as pd

from .._validation import examples, require_number

__all__ = ["fair_allocation", "TIE_RULE"]

TIE_RULE = "larger remainder first; equal remainders: larger weight first, then label in text order"


def _check_weights(weights) -> pd.Series:
    if isinstance(weights, Mapping):
        weights = pd.Series(dict(weights), dtype=object)
    elif isinstance(weights, pd.Series):
        weights = weights.copy()
    elif isinstance(weights, (list, tuple, np.ndarray)):
        weights = pd.Series(list(weights), dtype=object)
    else:
        raise TypeError(
            f"`weights` must be a dict or Series (label -> weight) or a list of weights, e.g. "
            f"{{'class 1': 43, 'class 2': 34}}, but a {type(weights).__name__} was passed."
        )
    if len(weights) == 0:
        raise ValueError("`weights` is empty: give every class or outlet a weight (0 to leave it out).")
    if weights.index.hasnans:
        raise ValueError("`weights` has a missing label (NaN): name every class or outlet.")
    if not weights.index.is_unique:
        twice = weights.index[weights.index.duplicated()].unique().tolist()
        raise ValueError(
            f"`weights` names {examples(twice)} more than once: give each class or outlet one weight, "
            f"e.g. weights.groupby(level=0).sum()."
        )
    as_text = weights.index.map(str)
    if not as_text.is_unique:
        twice = weights.index[as_text.duplicated(keep=False)].tolist()
        raise TypeError(
            f"`weights` has labels that read the same as text, {examples(twice)}: 1 and '1' would be two "
            f"classes. Write the labels one way, e.g. weights.rename(index=str)."
        )
    for label, weight in weights.items():
        if isinstance(weight, (bool, np.bool_)) or not isinstance(weight, (int, float, np.integer, np.floating)):
            raise TypeError(f"The weight of {label!r} must be a number, but {weight!r} was passed.")
        if not np.isfinite(weight) or weight < 0:
            raise ValueError(
                f"Weights must be finite numbers >= 0, but {label!r} has weight {weight!r}. Use 0 to give it nothing."
            )
    if not any(w > 0 for w in weights):
        raise ValueError("All `weights` are 0, so nobody can receive anything. Give at least one a positive weight.")
    return weights


def fair_allocation(supply: int, weights) -> pd.DataFrame:
    """Share ``supply`` whole units in proportion to ``weights`` by the largest-remainder method.

    ``weights`` is a dict or Series label -> weight (a class's share, or an outlet's class
    weight), or a list (labelled 0, 1, ...); weights are numbers >= 0, not all 0. Guarantees,
    whatever the input order: the units sum to ``supply``; each is the floor or the ceiling
    of its exact quota (so within one unit of it); a zero weight gets nothing; equal weights
    get units differing by at most one. Ties: see :data:`TIE_RULE`. Like every quota method
    it can show the Alabama paradox (one more unit of supply may cost someone a unit).

    Returns the allocation table, one row per label in the given order: ``weight``, ``share``
    (of the total weight), ``quota`` (exact share of the supply), ``floor`` (whole units
    guaranteed), ``remainder`` (quota - floor), ``priority`` (1 = first in line for a
    left-over unit), ``extra`` (1 if it got one) and ``units`` = floor + extra.
    ``attrs`` keeps ``supply``, ``left_over`` (units handed out by remainder) and ``tie_rule``.

    >>> fair_allocation(10, {"class 1": 43, "class 2": 34, "class 3": 23})  # doctest: +NORMALIZE_WHITESPACE
             weight  share  quota  floor  remainder  priority  extra  units
    class 1    43.0   0.43    4.3      4        0.3         2      0      4
    class 2    34.0   0.34    3.4      3        0.4         1      1      4
    class 3    23.0   0.23    2.3      2        0.3         3      0      2

    Classes 1 and 3 have equal remainders (0.3); the larger weight (class 1) comes first.
    """
    supply = int(require_number(supply, "supply", low=0, integer=True))
    weights = _check_weights(weights)
    exact = [Fraction(w) if isinstance(w, (int, np.integer)) else Fraction(float(w)) for w in weights]
    total = sum(exact)
    quotas = [supply * w / total for w in exact]
    floors = [q.numerator // q.denominator for q in quotas]
    remainders = [q - f for q, f in zip(quotas, floors)]
    left_over = supply - sum(floors)
    labels = [str(label) for label in weights.index]
    order = sorted(range(len(weights)), key=lambda i: (-remainders[i], -exact[i], labels[i]))
    priority = np.empty(len(weights), dtype=np.int64)
    priority[order] = np.arange(1, len(weights) + 1)
    extra = (priority <= left_over).astype(np.int64)
    table = pd.DataFrame(
        {
            "weight": [float(w) for w in exact],
            "share": [float(w / total) for w in exact],
            "quota": [float(q) for q in quotas],
            "floor": np.array(floors, dtype=np.int64),
            "remainder": [float(r) for r in remainders],
            "priority": priority,
            "extra": extra,
            "units": np.array(floors, dtype=np.int64) + extra,
        },
        index=weights.index,
    )
    table.attrs = {"supply": supply, "left_over": int(left_over), "tie_rule": TIE_RULE}
    return table
