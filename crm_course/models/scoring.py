"""Scoring matrices: weighted scores and the Burnett (2002) key-account matrix (Burnett矩阵).

Experts score each entity (a key account, a CRM vendor) from 1 to 5 (5 = best) on a set of
indicators; a weighted sum with weights adding up to 1 gives one score, again from 1 to 5.
The Burnett matrix places accounts by two such scores, customer attractiveness (客户吸引力)
and relationship status (关系状况), and reads a strategy from a 3 x 3 grid.

Indicator sets with their weights, the cut points and the grid are plain data a lecturer may
edit; the functions only read them.

>>> import pandas as pd
>>> scores = pd.DataFrame({"volume": [5, 2], "margin": [3, 4]}, index=["K01", "K02"])
>>> weighted_score(scores, {"volume": 0.6, "margin": 0.4})
K01    4.2
K02    2.8
Name: score, dtype: float64
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from .._validation import (
    require_columns,
    require_frame,
    require_not_empty,
    require_number,
    require_numeric,
)

__all__ = [
    "BURNETT_ATTRACTIVENESS",
    "BURNETT_RELATIONSHIP",
    "BURNETT_GRID",
    "DEFAULT_CUTS",
    "ATTRACTIVENESS_LEVELS",
    "RELATIONSHIP_LEVELS",
    "weighted_score",
    "weight_sensitivity",
    "burnett_scores",
    "burnett_matrix",
    "burnett_analysis",
]

# Customer attractiveness: indicator -> weight (sum 1). Every indicator is scored 5 = best for us,
# so vertical_integration scores 5 when the customer is UNLIKELY to bring the work in-house.
BURNETT_ATTRACTIVENESS: dict[str, float] = {
    # the customer's business (weights of the lecture's example form)
    "transaction_volume": 0.08,
    "lifecycle_stage": 0.03,
    "market_expansion": 0.05,
    "supplier_relations": 0.03,
    "organisation_efficiency": 0.04,
    "overall_impression": 0.04,
    # its products and services
    "product_lifecycle": 0.04,
    "product_complexity": 0.05,
    "value_adding_potential": 0.06,
    "technology_content": 0.04,
    "differentiation": 0.05,
    # its industry
    "industry_profitability": 0.08,
    "quality_sensitivity": 0.06,
    "vertical_integration": 0.04,
    # joint profit potential
    "cost_structure": 0.06,
    "improvement_room": 0.07,
    "margin_effect": 0.10,
    "resource_fit": 0.08,
}

# Relationship status: indicator -> weight (sum 1), each scored 5 = best.
BURNETT_RELATIONSHIP: dict[str, float] = {
    "wallet_share": 0.25,
    "wallet_trend": 0.15,
    "technical_rating": 0.15,
    "service_rating": 0.15,
    "price_impression": 0.10,
    "contact": 0.10,
    "relationship_length": 0.10,
}

# Equal thirds of the 1-5 scale: [1, 7/3) low, [7/3, 11/3) medium, [11/3, 5] high.
DEFAULT_CUTS: tuple[float, float] = (7 / 3, 11 / 3)
ATTRACTIVENESS_LEVELS = ("low", "medium", "high")
RELATIONSHIP_LEVELS = ("poor", "average", "good")

# The course's strategy grid: attractiveness level -> relationship level -> strategy code.
BURNETT_GRID: dict[str, dict[str, str]] = {
    "high": {"poor": "selective_retention", "average": "develop", "good": "develop_defend"},
    "medium": {"poor": "minimal_retention", "average": "defend_maintain", "good": "develop"},
    "low": {"poor": "exit", "average": "minimal_retention", "good": "selective_defence"},
}

_SUM_TOLERANCE = 1e-9


def _check_weights(weights, normalize: bool, *, offers_normalize: bool = False) -> pd.Series:
    """The weights as a new float Series (index = indicator) summing to 1.

    ``offers_normalize``: the calling function has a ``normalize=`` option, so the message for
    weights that do not sum to 1 may suggest it; otherwise it says to divide them by their sum.
    """
    if isinstance(weights, (pd.Series, Mapping)):
        items = list(weights.items())
    else:
        raise TypeError(
            f"`weights` must be a dict or Series of indicator -> weight, e.g. {{'volume': 0.6, 'margin': 0.4}}, "
            f"but a {type(weights).__name__} was passed."
        )
    if not items:
        raise ValueError("`weights` is empty. Give every indicator a weight, e.g. {'volume': 0.6, 'margin': 0.4}.")
    indicators = [indicator for indicator, _ in items]
    if len(set(indicators)) < len(indicators):
        twice = sorted({str(i) for i in indicators if indicators.count(i) > 1})
        raise ValueError(f"`weights` names indicator(s) {twice} more than once. Give each indicator one weight.")
    for indicator, weight in items:
        if isinstance(weight, bool) or not isinstance(weight, (int, float, np.integer, np.floating)):
            raise TypeError(
                f"The weight of indicator {indicator!r} must be a number, but {weight!r} was passed."
            )
        if not np.isfinite(weight) or weight < 0:
            raise ValueError(
                f"Weights must be non-negative numbers, but indicator {indicator!r} has weight {float(weight)!r}. "
                f"Use 0 to leave an indicator out."
            )
    values = pd.Series([float(w) for _, w in items], index=indicators, name="weight")
    total = values.sum()
    if total == 0:
        raise ValueError("All `weights` are 0, so no indicator counts. Give at least one a positive weight.")
    if abs(total - 1) > _SUM_TOLERANCE and not normalize:
        rescale = (f"or pass normalize=True to rescale them proportionally (each divided by {total:.10g})"
                   if offers_normalize else
                   f"e.g. divide each by their sum: {{k: v / {total:.10g} for k, v in weights.items()}}")
        raise ValueError(
            f"`weights` must sum to 1, but they sum to {total:.10g}. Change them so they add up to 1, {rescale}."
        )
    return values / total


def _scale_column(data: pd.DataFrame, column, argument: str, data_name: str) -> pd.Series:
    """One column of 1-5 scores as floats; text, missing and off-scale values refused."""
    values = require_numeric(data[column], argument, data_name)
    off = values[(values < 1) | (values > 5)]
    if len(off):
        raise ValueError(
            f"Column {column!r} of `{data_name}` must hold scores on the 1-5 scale (5 = best), but "
            f"{len(off)} value(s) are outside it, e.g. {off.tolist()[0]!r} at row {off.index.tolist()[0]!r}. "
            f"Correct those scores."
        )
    return values


def _check_scores(scores: pd.DataFrame, indicators: pd.Index, data_name: str) -> pd.DataFrame:
    """The indicator columns of ``scores`` as a new float frame, in the order of the weights."""
    require_frame(scores, data_name)
    require_not_empty(scores, data_name)
    columns = list(scores.columns)
    unscored = [i for i in indicators if i not in columns]
    if unscored:
        raise ValueError(
            f"Indicator(s) {unscored} have a weight but are not columns of `{data_name}`. "
            f"Its columns are: {list(map(str, columns))}. Add their scores or remove their weights."
        )
    unweighted = [c for c in columns if c not in indicators]
    if unweighted:
        raise ValueError(
            f"`{data_name}` has column(s) without a weight: {unweighted}. Give each a weight (0 is allowed) "
            f"or pass only the indicator columns, e.g. {data_name}[list(weights)]."
        )
    block = scores[list(indicators)]
    if all(pd.api.types.is_numeric_dtype(t) and not pd.api.types.is_bool_dtype(t) for t in block.dtypes):
        values = block.to_numpy(dtype=float)
        if ((values >= 1) & (values <= 5)).all():  # the usual case at once (NaN fails the test)
            return pd.DataFrame(values, index=scores.index, columns=list(indicators))
    # Something is wrong: column by column, so the message names the first bad column and value.
    return pd.DataFrame(
        {i: _scale_column(scores, i, data_name, data_name) for i in indicators}, index=scores.index
    )


def _check_cuts(cuts) -> tuple[float, float]:
    if isinstance(cuts, (str, bytes)) or np.ndim(cuts) != 1 or len(cuts) != 2:
        raise TypeError(f"`cuts` must be two scores such as (7/3, 11/3), but {cuts!r} was passed.")
    low = require_number(cuts[0], "cuts[0]", low=1, high=5, low_inclusive=False)
    high = require_number(cuts[1], "cuts[1]", low=low, high=5, low_inclusive=False)
    return float(low), float(high)


def _levels(values: pd.Series, cuts: tuple[float, float], names: tuple[str, str, str]) -> pd.Categorical:
    """Below cuts[0] the first level, from cuts[0] the second, from cuts[1] the third."""
    codes = np.searchsorted(np.asarray(cuts), values.to_numpy(), side="right")
    return pd.Categorical.from_codes(codes, categories=list(names), ordered=True)


def _check_grid(grid) -> dict[str, dict[str, str]]:
    """A plain copy of a grid that has a strategy for each of the 9 cells."""
    layout = "{'high': {'poor': ..., 'average': ..., 'good': ...}, 'medium': {...}, 'low': {...}}"
    if not isinstance(grid, Mapping):
        raise TypeError(f"`grid` must be a dict like {layout}, but a {type(grid).__name__} was passed.")
    unknown = [k for k in grid if k not in ATTRACTIVENESS_LEVELS]
    if unknown:
        raise ValueError(
            f"`grid` has unknown attractiveness level(s) {unknown}; use {list(ATTRACTIVENESS_LEVELS)}, "
            f"laid out as {layout}."
        )
    checked = {}
    for a_level in ATTRACTIVENESS_LEVELS:
        row = grid.get(a_level)
        if not isinstance(row, Mapping):
            raise ValueError(
                f"`grid` has no row for attractiveness {a_level!r}. A grid needs all 9 cells: {layout}. "
                f"Start from a copy of BURNETT_GRID."
            )
        unknown = [k for k in row if k not in RELATIONSHIP_LEVELS]
        if unknown:
            raise ValueError(
                f"`grid[{a_level!r}]` has unknown relationship level(s) {unknown}; use {list(RELATIONSHIP_LEVELS)}."
            )
        checked[a_level] = {}
        for r_level in RELATIONSHIP_LEVELS:
            strategy = row.get(r_level)
            if not isinstance(strategy, str) or not strategy:
                raise ValueError(
                    f"`grid` has no strategy for attractiveness {a_level!r} x relationship {r_level!r} "
                    f"(found {strategy!r}). A grid needs a strategy code (text) in all 9 cells: {layout}."
                )
            checked[a_level][r_level] = strategy
    return checked


def weighted_score(scores: pd.DataFrame, weights, *, normalize: bool = False) -> pd.Series:
    """The weighted score of every entity: sum over indicators of weight x score, from 1 to 5.

    ``scores`` has one row per entity (the index names them) and one column per indicator,
    each scored 1-5 (5 = best; halves such as 3.5 are fine). ``weights`` is a dict or Series
    indicator -> weight, non-negative and summing to 1, e.g. :data:`BURNETT_ATTRACTIVENESS`.
    Weights that do not sum to 1 are refused unless ``normalize=True``, which divides each
    by their sum. Refused with a message: a score off the 1-5 scale, a text or missing score,
    a column without a weight, a weight for an indicator that is not a column.

    Returns a Series named ``score`` with the index of ``scores``.

    >>> import pandas as pd
    >>> scores = pd.DataFrame({"volume": [5, 1], "margin": [2, 4], "contact": [3, 3]},
    ...                       index=["K01", "K02"])
    >>> weighted_score(scores, {"volume": 0.5, "margin": 0.3, "contact": 0.2})
    K01    3.7
    K02    2.3
    Name: score, dtype: float64
    >>> weighted_score(scores, {"volume": 5, "margin": 3, "contact": 2}, normalize=True)
    K01    3.7
    K02    2.3
    Name: score, dtype: float64
    """
    return _weighted_score(scores, weights, normalize=normalize, data_name="scores")


def _weighted_score(scores, weights, *, normalize: bool, data_name: str) -> pd.Series:
    w = _check_weights(weights, normalize, offers_normalize=True)
    values = _check_scores(scores, w.index, data_name).to_numpy()
    # A weighted mean lies between the entity's lowest and highest score; clipping to them only
    # removes floating-point rounding (all 3s give exactly 3, never 2.9999999999999996).
    mean = np.clip(values @ w.to_numpy(), values.min(axis=1), values.max(axis=1))
    return pd.Series(mean, index=scores.index, name="score")


def weight_sensitivity(
    scores: pd.DataFrame, weights, *, cuts: tuple[float, float] = DEFAULT_CUTS, normalize: bool = False
) -> pd.DataFrame:
    """How far each weight must move before an entity's level (low/medium/high) changes.

    Moving indicator j's weight from w_j to t, the other weights are rescaled
    proportionally so they still sum to 1. The score then is

        S(t) = t * s_j + (1 - t) * R_j,

    where R_j is the weighted mean of the entity's other scores: a straight line in t,
    through today's score S at t = w_j. It crosses a cut point c at
    t - w_j = (c - S) / (s_j - R_j).

    Returns one row per entity and one column per indicator: the signed weight change
    t - w_j (+0.05 = raise the weight by 0.05) of smallest size that changes the level,
    or NaN if no weight t in [0, 1] changes it. Moving up, reaching the cut changes the
    level; moving down, the score must go just below the cut, so the value is the limit.
    If raising and lowering a weight are equally far, the lower cut's change is shown.
    ``cuts`` are the level boundaries, as in :func:`burnett_matrix`. ``result.attrs`` keeps
    ``weights`` (indicator -> weight, as used: summing to 1), ``cuts`` and ``score`` (entity ->
    today's weighted score), so a plot can say where each account stands.

    >>> import pandas as pd
    >>> scores = pd.DataFrame({"volume": [5], "margin": [1]}, index=["K01"])
    >>> weight_sensitivity(scores, {"volume": 0.6, "margin": 0.4}).round(4)
         volume  margin
    K01  0.0667 -0.0667

    K01 scores 0.6 x 5 + 0.4 x 1 = 3.4 (medium); with volume's weight at 0.6667 it
    scores 11/3 and is high.
    """
    w = _check_weights(weights, normalize, offers_normalize=True)
    table = _check_scores(scores, w.index, "scores")
    cuts = _check_cuts(cuts)
    s = table.to_numpy()
    weight = w.to_numpy()
    score = (s @ weight)[:, None]
    best = np.full(s.shape, np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        others = np.where(weight < 1, (score - s * weight) / (1 - weight), np.nan)
        slope = s - others
        for cut in cuts:
            change = (cut - score) / slope
            t = weight + change
            if_up = (t >= 0) & (t <= 1)
            if_down = ((slope > 0) & (t > 0) & (t <= 1)) | ((slope < 0) & (t >= 0) & (t < 1))
            possible = np.where(cut > score, if_up, if_down)
            better = possible & (np.isnan(best) | (np.abs(change) < np.abs(best)))
            best = np.where(better, change + 0.0, best)
    result = pd.DataFrame(best, index=scores.index, columns=w.index)
    result.attrs = {"weights": {str(k): float(v) for k, v in w.items()}, "cuts": cuts,
                    "score": dict(zip(scores.index, score[:, 0].tolist()))}
    return result


def burnett_scores(
    indicators: pd.DataFrame,
    *,
    attractiveness_weights=None,
    relationship_weights=None,
    normalize: bool = False,
) -> pd.DataFrame:
    """Attractiveness and relationship scores (1-5) from a table of indicator scores.

    ``indicators`` has one row per account and at least the indicator columns the weights
    name (other columns, such as revenue or a name, are ignored). The weights default to
    :data:`BURNETT_ATTRACTIVENESS` and :data:`BURNETT_RELATIONSHIP`; each is applied with
    :func:`weighted_score`. Returns columns ``attractiveness`` and ``relationship`` with the
    index of ``indicators``, ready for :func:`burnett_matrix`.

    >>> import pandas as pd
    >>> table = pd.DataFrame({"name": ["Huaxin", "Ruida"], "volume": [5, 2], "margin": [4, 2],
    ...                       "wallet_share": [2, 4], "contact": [1, 5]}, index=["K01", "K02"])
    >>> burnett_scores(table, attractiveness_weights={"volume": 0.5, "margin": 0.5},
    ...                relationship_weights={"wallet_share": 0.5, "contact": 0.5})
         attractiveness  relationship
    K01             4.5           1.5
    K02             2.0           4.5
    """
    require_frame(indicators, "indicators")
    weights = {
        "attractiveness": BURNETT_ATTRACTIVENESS if attractiveness_weights is None else attractiveness_weights,
        "relationship": BURNETT_RELATIONSHIP if relationship_weights is None else relationship_weights,
    }
    result = {}
    for dimension, dimension_weights in weights.items():
        w = _check_weights(dimension_weights, normalize, offers_normalize=True)
        unscored = [i for i in w.index if i not in indicators.columns]
        if unscored:
            raise ValueError(
                f"{dimension.capitalize()} indicator(s) {unscored} have a weight but are not columns of "
                f"`indicators`. Its columns are: {list(map(str, indicators.columns))}. "
                f"Add their scores or pass {dimension}_weights= without them."
            )
        result[dimension] = _weighted_score(indicators[list(w.index)], w, normalize=False, data_name="indicators")
    return pd.DataFrame(result)


def burnett_matrix(
    accounts: pd.DataFrame,
    *,
    attractiveness: str = "attractiveness",
    relationship: str = "relationship",
    cuts: tuple[float, float] = DEFAULT_CUTS,
    grid=None,
) -> pd.DataFrame:
    """Place accounts in the Burnett matrix and read each one's strategy from the grid.

    ``accounts`` holds an attractiveness and a relationship score (1-5) per account, e.g.
    from :func:`burnett_scores`. Each score gets a level by the two ``cuts``; the default
    splits the scale into equal thirds, boundaries belonging to the higher level:

    ==============  ==================  ===================
    score           attractiveness      relationship status
    ==============  ==================  ===================
    [1, 7/3)        low                 poor
    [7/3, 11/3)     medium              average
    [11/3, 5]       high                good
    ==============  ==================  ===================

    (7/3 = 2.3333..., so a hand-typed 2.333 is still low; pass ``cuts=(2.333, 3.667)``
    if your form rounds.) ``grid`` maps attractiveness level -> relationship level ->
    strategy code, all 9 cells required; the default is :data:`BURNETT_GRID`:

    ======  ===================  =================  =================
    ..      poor                 average            good
    ======  ===================  =================  =================
    high    selective_retention  develop            develop_defend
    medium  minimal_retention    defend_maintain    develop
    low     exit                 minimal_retention  selective_defence
    ======  ===================  =================  =================

    Returns a new DataFrame with the index of ``accounts`` and columns ``attractiveness``,
    ``relationship`` (the scores), ``attractiveness_level``, ``relationship_level``
    (ordered categoricals) and ``strategy`` (a code; labels via crm_course.i18n.text).
    ``result.attrs`` keeps ``cuts`` (a tuple of two floats) and ``grid`` (the checked grid, a
    plain dict), so a plot draws the same bands and cell names.

    >>> import pandas as pd
    >>> accounts = pd.DataFrame({"attractiveness": [4.2, 3.0, 1.5, 7 / 3],
    ...                          "relationship": [1.8, 3.0, 4.5, 11 / 3]},
    ...                         index=["K01", "K02", "K03", "K04"])
    >>> burnett_matrix(accounts)[["attractiveness_level", "relationship_level", "strategy"]]
        attractiveness_level relationship_level             strategy
    K01                 high               poor  selective_retention
    K02               medium            average      defend_maintain
    K03                  low               good    selective_defence
    K04               medium               good              develop
    """
    require_columns(accounts, {"attractiveness": attractiveness, "relationship": relationship}, "accounts")
    require_not_empty(accounts, "accounts")
    cuts = _check_cuts(cuts)
    grid = _check_grid(BURNETT_GRID if grid is None else grid)
    a_scores = _scale_column(accounts, attractiveness, "attractiveness", "accounts")
    r_scores = _scale_column(accounts, relationship, "relationship", "accounts")
    a_levels = _levels(a_scores, cuts, ATTRACTIVENESS_LEVELS)
    r_levels = _levels(r_scores, cuts, RELATIONSHIP_LEVELS)
    matrix = pd.DataFrame(
        {
            "attractiveness": a_scores.to_numpy(),
            "relationship": r_scores.to_numpy(),
            "attractiveness_level": a_levels,
            "relationship_level": r_levels,
            "strategy": [grid[a][r] for a, r in zip(a_levels, r_levels)],
        },
        index=accounts.index,
    )
    matrix.attrs = {"cuts": cuts, "grid": grid}
    return matrix


def burnett_analysis(
    indicators: pd.DataFrame,
    *,
    attractiveness_weights=None,
    relationship_weights=None,
    normalize: bool = False,
    cuts: tuple[float, float] = DEFAULT_CUTS,
    grid=None,
    size: str | None = None,
) -> pd.DataFrame:
    """The Burnett matrix straight from the indicator scores and their weights, in one call.

    The same as ``burnett_matrix(burnett_scores(indicators, ...), cuts=cuts, grid=grid)``: the
    weights (default :data:`BURNETT_ATTRACTIVENESS` and :data:`BURNETT_RELATIONSHIP`; with
    ``normalize=True`` any non-negative weights, each divided by its dimension's sum) give the
    two scores, the ``cuts`` their levels and the ``grid`` each account's strategy.

    ``size`` names a column of ``indicators`` (e.g. ``"revenue"``) that is kept in the result
    under its name, so :func:`crm_course.views.strategy.burnett_plot` sizes the bubbles by it
    without being told. ``result.attrs`` keeps ``cuts``, ``grid``, ``size`` (the column name
    or None) and ``weights``: the weights used by dimension, summing to 1, as plain dicts.

    >>> import pandas as pd
    >>> table = pd.DataFrame({"volume": [5, 2], "margin": [4, 2], "wallet_share": [2, 4],
    ...                       "contact": [1, 5], "revenue": [900, 300]}, index=["K01", "K02"])
    >>> result = burnett_analysis(table, attractiveness_weights={"volume": 1, "margin": 1},
    ...                           relationship_weights={"wallet_share": 3, "contact": 1},
    ...                           normalize=True, size="revenue")
    >>> result[["attractiveness", "relationship", "strategy", "revenue"]]
         attractiveness  relationship             strategy  revenue
    K01             4.5          1.75  selective_retention      900
    K02             2.0          4.25    selective_defence      300
    >>> result.attrs["weights"]["relationship"]
    {'wallet_share': 0.75, 'contact': 0.25}
    """
    require_frame(indicators, "indicators")
    if size is not None:
        require_columns(indicators, {"size": size}, "indicators")
    weights = {
        "attractiveness": BURNETT_ATTRACTIVENESS if attractiveness_weights is None else attractiveness_weights,
        "relationship": BURNETT_RELATIONSHIP if relationship_weights is None else relationship_weights,
    }
    scores = burnett_scores(indicators, attractiveness_weights=weights["attractiveness"],
                            relationship_weights=weights["relationship"], normalize=normalize)
    matrix = burnett_matrix(scores, cuts=cuts, grid=grid)
    if size is not None:
        if size in matrix.columns:
            raise ValueError(
                f"`size={size!r}` is the name of a column of the result (its columns are "
                f"{list(matrix.columns)}). Name the bubble-size column otherwise, e.g. 'revenue'."
            )
        matrix[size] = indicators[size]
    matrix.attrs = {
        **matrix.attrs,
        "size": size,
        "weights": {dimension: {str(k): float(v)
                                for k, v in _check_weights(w, normalize, offers_normalize=True).items()}
                    for dimension, w in weights.items()},
    }
    return matrix
