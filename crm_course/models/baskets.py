"""Market baskets: frequent itemsets and association rules (关联规则, 啤酒与尿布) over mlxtend.

A rule X -> Y says: baskets holding every item of X tend to hold Y too. Over N baskets,

- support(X -> Y) = share of baskets holding X and Y together;
- confidence = support(X and Y) / support(X), the chance of Y given X;
- lift = confidence / support(Y): above 1, X makes Y more likely than it is on its own.

Baskets come as a list of item collections or as a long table, one row per (basket, item),
such as order lines or invoice lines. An item twice in a basket counts once.

>>> rules = association_rules([{"beer", "diapers"}, {"beer", "diapers", "milk"}, {"milk"}],
...                           min_support=0.5)
>>> rules[["antecedents", "consequents", "support", "confidence", "lift"]].round(3)
            antecedents           consequents  support  confidence  lift
0     frozenset({beer})  frozenset({diapers})    0.667         1.0   1.5
1  frozenset({diapers})     frozenset({beer})    0.667         1.0   1.5
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from .._validation import (
    require_columns,
    require_frame,
    require_ids,
    require_not_empty,
    require_number,
)

__all__ = ["basket_matrix", "frequent_itemsets", "association_rules", "filter_rules", "rule_measures"]

RULE_COLUMNS = ["antecedents", "consequents", "antecedent_support", "consequent_support",
                "support", "confidence", "lift"]


def _long_table(baskets, basket: str, item: str) -> pd.DataFrame:
    """Baskets as a long table with columns ``basket`` and ``item``, one row per distinct pair."""
    if isinstance(baskets, pd.DataFrame):
        require_columns(baskets, {"basket": basket, "item": item}, "baskets")
        require_not_empty(baskets, "baskets")
        long = pd.DataFrame({"basket": require_ids(baskets[basket], "basket", "baskets"),
                             "item": require_ids(baskets[item], "item", "baskets")})
    elif isinstance(baskets, (str, bytes)) or not isinstance(baskets, Iterable):
        raise TypeError(
            f"`baskets` must be a list of baskets (each a set or list of items) or a long table with "
            f"columns {basket!r} and {item!r}, but a {type(baskets).__name__} was passed."
        )
    else:
        baskets = list(baskets)
        if not baskets:
            raise ValueError("`baskets` is empty: there is nothing to compute on. Pass at least one basket.")
        rows_b, rows_i = [], []
        for number, content in enumerate(baskets):
            if isinstance(content, (str, bytes)) or not isinstance(content, Iterable):
                raise TypeError(
                    f"Basket {number} of `baskets` must be a set or list of items, but {content!r} was passed. "
                    f"Write a basket of one item as [{content!r}]."
                )
            content = list(content)
            rows_b += [number] * len(content)
            rows_i += content
        long = pd.DataFrame({"basket": pd.Series(rows_b, dtype="int64"), "item": pd.Series(rows_i, dtype=object)})
        require_ids(long["item"], "item", "baskets")
        long.attrs["n_baskets"] = len(baskets)
    attrs = dict(long.attrs)
    long = long.drop_duplicates(ignore_index=True)
    long.attrs = attrs
    return long


def basket_matrix(baskets, *, basket: str = "basket_id", item: str = "item") -> pd.DataFrame:
    """One row per basket, one boolean column per item (sorted): the one-hot table mlxtend reads.

    Empty baskets of a list are kept (all False), since they count in every support.

    >>> basket_matrix([["milk", "bread"], ["milk"]])
       bread  milk
    0   True  True
    1  False  True
    """
    return _matrix(_long_table(baskets, basket, item), basket if isinstance(baskets, pd.DataFrame) else None)


def _matrix(long: pd.DataFrame, name: str | None, min_count: float = 0) -> pd.DataFrame:
    """The one-hot table of a long table; items in fewer than ``min_count`` baskets left out."""
    if name is None:
        rows, ids = long["basket"].to_numpy(), pd.RangeIndex(long.attrs["n_baskets"])
    else:
        rows, ids = pd.factorize(long["basket"], sort=True)
        ids = pd.Index(ids, name=name)
    columns, items = pd.factorize(long["item"], sort=True)
    counts = np.bincount(columns, minlength=len(items))
    kept = np.flatnonzero(counts >= min_count)
    position = np.full(len(items), -1)
    position[kept] = np.arange(len(kept))
    keep = position[columns] >= 0
    dense = np.zeros((len(ids), len(kept)), dtype=bool)
    dense[rows[keep], position[columns[keep]]] = True
    return pd.DataFrame(dense, index=ids, columns=pd.Index(items[kept], dtype=object))


def _check_support(min_support) -> float:
    return float(require_number(min_support, "min_support", low=0, high=1, low_inclusive=False))


def frequent_itemsets(baskets, *, min_support: float, max_len: int | None = None,
                      basket: str = "basket_id", item: str = "item") -> pd.DataFrame:
    """Every itemset in at least ``min_support`` of the baskets (mlxtend's FP-growth).

    Returns columns ``itemsets`` (frozensets) and ``support``, sorted by support (highest
    first), then size, then the items as text, so the order never depends on the input's.

    >>> frequent_itemsets([["milk", "bread"], ["milk"], ["beer"]], min_support=0.5)
                itemsets   support
    0  frozenset({milk})  0.666667
    """
    from mlxtend.frequent_patterns import fpgrowth

    min_support = _check_support(min_support)
    if max_len is not None:
        max_len = int(require_number(max_len, "max_len", low=1, integer=True))
    long = _long_table(baskets, basket, item)
    n_baskets = long["basket"].nunique() if isinstance(baskets, pd.DataFrame) else long.attrs["n_baskets"]
    # an item in fewer baskets than min_support cannot be in a frequent itemset: leave it out early
    matrix = _matrix(long, basket if isinstance(baskets, pd.DataFrame) else None, min_support * n_baskets * (1 - 1e-12))
    found = fpgrowth(matrix, min_support=min_support, use_colnames=True, max_len=max_len)
    found = _sorted(found, ["itemsets"])[["itemsets", "support"]].reset_index(drop=True)
    found["itemsets"] = found["itemsets"].map(frozenset)
    return _with_attrs(found, min_support=min_support, max_len=max_len, n_baskets=len(matrix))


def _with_attrs(frame: pd.DataFrame, **attrs) -> pd.DataFrame:
    frame.attrs = attrs
    return frame


def _text(items) -> str:
    return ", ".join(sorted(map(str, items)))


def _sorted(frame: pd.DataFrame, set_columns: list[str]) -> pd.DataFrame:
    """Highest support first, then fewer items, then items as text: independent of input order."""
    keys = {"_support": -frame["support"].round(12), "_size": sum(frame[c].map(len) for c in set_columns)}
    keys |= {f"_{c}": frame[c].map(_text) for c in set_columns}
    order = pd.DataFrame(keys).sort_values(list(keys), kind="stable").index
    return frame.loc[order]


def association_rules(
    baskets,
    *,
    min_support: float,
    min_confidence: float = 0.5,
    min_lift: float | None = None,
    max_len: int | None = None,
    basket: str = "basket_id",
    item: str = "item",
) -> pd.DataFrame:
    """Association rules X -> Y with support, confidence and lift (mlxtend's FP-growth and rules).

    ``baskets``: a list of item collections, or a long table with one row per (basket, item),
    columns ``basket`` and ``item`` (e.g. ``basket="order_id", item="product"``). Rules are
    built from the itemsets in at least ``min_support`` of the baskets (a share in (0, 1]);
    kept when their confidence is at least ``min_confidence`` and, if given, their lift at
    least ``min_lift``. ``max_len`` caps the items in an itemset (faster on big data).

    Returns columns ``antecedents`` and ``consequents`` (frozensets), ``antecedent_support``,
    ``consequent_support``, ``support``, ``confidence`` and ``lift``; sorted by lift, then
    confidence, then support (highest first), then the items as text. ``attrs`` keeps the
    thresholds and ``n_baskets``.

    >>> tsk = [{"Bread", "Milk"}, {"Bread", "Diapers", "Beer", "Eggs"}, {"Milk", "Diapers", "Beer", "Cola"},
    ...        {"Bread", "Milk", "Diapers", "Beer"}, {"Bread", "Milk", "Diapers", "Cola"}]
    >>> rules = association_rules(tsk, min_support=0.4, min_confidence=0.6)
    >>> pick = (rules["antecedents"] == frozenset({"Milk", "Diapers"})) & (rules["consequents"] == {"Beer"})
    >>> rules.loc[pick, ["support", "confidence", "lift"]].round(3).to_dict("records")
    [{'support': 0.4, 'confidence': 0.667, 'lift': 1.111}]
    """
    from mlxtend.frequent_patterns import association_rules as mlxtend_rules

    min_confidence = float(require_number(min_confidence, "min_confidence", low=0, high=1))
    if min_lift is not None:
        min_lift = float(require_number(min_lift, "min_lift", low=0))
    itemsets = frequent_itemsets(baskets, min_support=min_support, max_len=max_len, basket=basket, item=item)
    attrs = {**itemsets.attrs, "min_confidence": min_confidence, "min_lift": min_lift}
    if not (itemsets["itemsets"].map(len) >= 2).any():
        empty = pd.DataFrame({c: pd.Series(dtype=object if c.endswith("s") else float) for c in RULE_COLUMNS})
        return _with_attrs(empty, **attrs)
    # mlxtend also computes measures we drop (certainty, conviction...), which divide by zero when an
    # item is in every basket: silence numpy there, not globally
    with np.errstate(divide="ignore", invalid="ignore"):
        rules = mlxtend_rules(itemsets, metric="confidence", min_threshold=min_confidence,
                              num_itemsets=attrs["n_baskets"])
    rules = rules.rename(columns={"antecedent support": "antecedent_support",
                                  "consequent support": "consequent_support"})[RULE_COLUMNS]
    if min_lift is not None:
        rules = rules[rules["lift"] >= min_lift]
    rules = rules.assign(antecedents=rules["antecedents"].map(frozenset), consequents=rules["consequents"].map(frozenset))
    keys = pd.DataFrame({"lift": -rules["lift"].round(12), "confidence": -rules["confidence"].round(12),
                         "support": -rules["support"].round(12), "a": rules["antecedents"].map(_text),
                         "c": rules["consequents"].map(_text)})
    rules = rules.loc[keys.sort_values(list(keys.columns), kind="stable").index].reset_index(drop=True)
    return _with_attrs(rules, **attrs)


def filter_rules(rules: pd.DataFrame, *, min_support: float, min_confidence: float = 0.5,
                 min_lift: float | None = None) -> pd.DataFrame:
    """The rules of a looser mining that meet stricter thresholds: the same rules, in the same
    order, as :func:`association_rules` would mine at these thresholds, without mining again.

    A rule's support is its itemset's support, so mining once at the lowest support and
    confidence on offer and filtering afterwards gives every stricter answer (the rules
    explorer moves its sliders this way). Thresholds looser than those ``rules`` were mined
    with are refused: rules below them were never found.

    >>> tsk = [{"Bread", "Milk"}, {"Bread", "Diapers", "Beer", "Eggs"}, {"Milk", "Diapers", "Beer", "Cola"},
    ...        {"Bread", "Milk", "Diapers", "Beer"}, {"Bread", "Milk", "Diapers", "Cola"}]
    >>> loose = association_rules(tsk, min_support=0.2, min_confidence=0.1)
    >>> strict = filter_rules(loose, min_support=0.4, min_confidence=0.6)
    >>> strict.equals(association_rules(tsk, min_support=0.4, min_confidence=0.6))
    True
    """
    require_frame(rules, "rules")
    require_columns(rules, {c: c for c in RULE_COLUMNS}, "rules")
    min_support = _check_support(min_support)
    min_confidence = float(require_number(min_confidence, "min_confidence", low=0, high=1))
    if min_lift is not None:
        min_lift = float(require_number(min_lift, "min_lift", low=0))
    mined = rules.attrs
    for name, value in (("min_support", min_support), ("min_confidence", min_confidence)):
        if name in mined and value < mined[name] - 1e-12:
            raise ValueError(f"`{name}` is {value:g}, below the {mined[name]:g} these rules were mined with: rules "
                             f"under it were never found. Mine again with association_rules(..., {name}={value:g}).")
    keep = (rules["support"] >= min_support * (1 - 1e-12)) & (rules["confidence"] >= min_confidence * (1 - 1e-12))
    if min_lift is not None:
        keep &= rules["lift"] >= min_lift
    result = rules[keep].reset_index(drop=True)
    return _with_attrs(result, **{**mined, "min_support": min_support, "min_confidence": min_confidence,
                                  "min_lift": min_lift})


def rule_measures(baskets, antecedent, consequent, *, basket: str = "basket_id", item: str = "item") -> pd.Series:
    """Support, confidence and lift of one rule, counted directly: the by-hand check of a rule.

    ``antecedent`` and ``consequent`` are an item or a collection of items. Returns a Series
    with ``baskets`` (N), ``antecedent_count``, ``consequent_count``, ``both_count``,
    ``support``, ``confidence`` and ``lift`` (NaN where a count in a denominator is 0).

    >>> tsk = [{"Bread", "Milk"}, {"Bread", "Diapers", "Beer", "Eggs"}, {"Milk", "Diapers", "Beer", "Cola"},
    ...        {"Bread", "Milk", "Diapers", "Beer"}, {"Bread", "Milk", "Diapers", "Cola"}]
    >>> rule_measures(tsk, ["Milk", "Diapers"], "Beer").round(3).to_dict()
    {'baskets': 5.0, 'antecedent_count': 3.0, 'consequent_count': 3.0, 'both_count': 2.0, 'support': 0.4, 'confidence': 0.667, 'lift': 1.111}
    """
    matrix = basket_matrix(baskets, basket=basket, item=item)
    sides = {}
    for argument, value in (("antecedent", antecedent), ("consequent", consequent)):
        items = [value] if isinstance(value, (str, bytes)) or not isinstance(value, Iterable) else list(value)
        if not items:
            raise ValueError(f"`{argument}` is empty: name at least one item, e.g. {argument}='beer'.")
        # an item no basket holds is simply never there: its column is all False
        sides[argument] = matrix.reindex(columns=items, fill_value=False).all(axis=1)
    n = len(matrix)
    a, c = int(sides["antecedent"].sum()), int(sides["consequent"].sum())
    both = int((sides["antecedent"] & sides["consequent"]).sum())
    confidence = both / a if a else np.nan
    lift = confidence / (c / n) if a and c else np.nan
    return pd.Series({"baskets": n, "antecedent_count": a, "consequent_count": c, "both_count": both,
                      "support": both / n, "confidence": confidence, "lift": lift}, dtype=float)
