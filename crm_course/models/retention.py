"""Retention (客户保持), churn (客户流失) and survival: per period, projected, and per customer.

- :func:`retention_table` -- from survivors at t = 0..n to survival, retention and churn per period;
- :func:`expected_lifetime` -- 1 / (1 - r) periods for a constant retention rate r;
- :func:`fit_sbg` -- the shifted-beta-geometric model of Fader & Hardie (2007), "How to project
  customer retention", Journal of Interactive Marketing 21(1): each customer churns at the end of
  a period with probability theta, constant for the customer, theta ~ Beta(alpha, beta) across
  customers; so the cohort's retention rises over time as the likely churners leave first;
- :func:`retention_projection` -- sBG and the constant-retention (geometric) benchmark fitted on
  the first periods and set against the actual survivors;
- :func:`kaplan_meier` -- survival of customer lifetimes from transactions, with customers still
  active censored (statsmodels' ``SurvfuncRight``).

>>> model = fit_sbg([1000, 869, 743, 653, 593, 551, 517, 491])   # the paper's high-end cohort
>>> round(model.alpha, 3), round(model.beta, 3), round(model.log_likelihood, 2)
(0.668, 3.806, -1611.16)
>>> round(model.retention(1), 3), round(model.retention(12), 3)
(0.851, 0.957)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .._validation import examples, require_choice, require_number
from .btyd import _as_arrays, _maximise
from .lifecycle import LAPSED_AFTER, _day, _purchase_days

__all__ = [
    "FADER_HARDIE_2007",
    "retention_table", "expected_lifetime", "fit_sbg", "SBG", "retention_projection", "kaplan_meier",
]

# Fader & Hardie (2007), Table 1: customers still renewing at the start of years 0..12, per 1000 who
# started in year 0, for two cohorts. The paper fits years 0..7 and projects years 8..12.
FADER_HARDIE_2007 = {
    "high_end": (1000, 869, 743, 653, 593, 551, 517, 491, 468, 445, 427, 409, 394),
    "regular": (1000, 631, 468, 382, 326, 289, 262, 241, 222, 207, 194, 183, 173),
}

UNIT_DAYS = {"D": 1.0, "W": 7.0, "M": 365.25 / 12, "Y": 365.25}


def _survivors(survivors: Any) -> np.ndarray:
    """Survivors at t = 0, 1, ..., n as whole numbers that never rise, the first > 0."""
    if isinstance(survivors, (str, bytes)) or not isinstance(survivors, (Iterable, pd.Series, np.ndarray)):
        raise TypeError(
            f"`survivors` must be a list of customer counts at t = 0, 1, 2, ... (the first is the cohort size), "
            f"but {survivors!r} was passed."
        )
    values = pd.Series(list(survivors), dtype=object)
    numeric = pd.to_numeric(values, errors="coerce")
    if numeric.isna().any() or values.map(lambda v: isinstance(v, bool)).any():
        raise TypeError(f"`survivors` must hold numbers, but has {examples(values[numeric.isna()].tolist())}.")
    counts = numeric.to_numpy(dtype=float)
    if len(counts) < 2:
        raise ValueError(
            f"`survivors` needs the cohort size and at least one later count, but {len(counts)} value(s) were passed."
        )
    if (counts < 0).any() or (counts != np.round(counts)).any() or counts[0] <= 0:
        raise ValueError(
            f"`survivors` must be whole numbers >= 0 with a cohort size > 0, but is {examples(counts.tolist(), 8)}."
        )
    rising = np.flatnonzero(np.diff(counts) > 0)
    if len(rising):
        t = int(rising[0]) + 1
        raise ValueError(
            f"`survivors` rises from {counts[t - 1]:g} at t={t - 1} to {counts[t]:g} at t={t}: survivors of a cohort "
            f"can only fall. Count customers still alive, e.g. crm.cohort_table(tx, metric='survivors'), not the "
            f"customers active in each period."
        )
    return counts


def retention_table(survivors: Any) -> pd.DataFrame:
    """Per period t = 0..n: survivors, survival S(t) = n_t / n_0, retention r_t = n_t / n_(t-1) and
    churn 1 - r_t (retention and churn are undefined, NaN, at t = 0 and after nobody is left).

    >>> retention_table([100, 80, 70]).round(3)  # doctest: +NORMALIZE_WHITESPACE
       survivors  survival  retention  churn
    t
    0        100       1.0        NaN    NaN
    1         80       0.8      0.800  0.200
    2         70       0.7      0.875  0.125
    """
    counts = _survivors(survivors)
    before = np.concatenate([[np.nan], counts[:-1]])
    with np.errstate(divide="ignore", invalid="ignore"):
        retention = np.where(before > 0, counts / before, np.nan)
    table = pd.DataFrame({
        "survivors": counts.astype(int),
        "survival": counts / counts[0],
        "retention": retention,
        "churn": 1 - retention,
    }, index=pd.RangeIndex(len(counts), name="t"))
    return table


def expected_lifetime(retention: float) -> float:
    """Expected number of periods a customer stays, 1 / (1 - r), when each period a share r stays.

    Counts the first period: with r = 0.8 a customer stays 5 periods on average.

    >>> expected_lifetime(0.8)
    5.000000000000001
    """
    r = require_number(retention, "retention", low=0, high=1, high_inclusive=False)
    return 1 / (1 - r)


def _sbg_log_likelihood(params: np.ndarray, churned: np.ndarray, alive_at_end: float) -> float:
    """ln L of the sBG model (Fader & Hardie 2007, eq. 5): sum_t d_t ln P(T = t) + n_n ln S(n), with
    P(T = 1) = alpha / (alpha + beta), P(T = t) = P(T = t-1) (beta + t - 2) / (alpha + beta + t - 1),
    S(t) = S(t-1) (beta + t - 1) / (alpha + beta + t - 1)."""
    alpha, beta = params
    t = np.arange(1, len(churned) + 1)
    log_survival = np.cumsum(np.log((beta + t - 1) / (alpha + beta + t - 1)))  # ln S(1..n)
    log_survival_before = np.concatenate([[0.0], log_survival[:-1]])  # ln S(0..n-1)
    log_churn = log_survival_before + np.log(alpha / (alpha + beta + t - 1))  # ln P(T = t) = S(t-1) theta_t
    return float((churned * log_churn).sum() + alive_at_end * log_survival[-1])


@dataclass(frozen=True)
class SBG:
    """A fitted shifted-beta-geometric retention model (Fader & Hardie 2007).

    Each customer churns at the end of each period with a probability theta of their own;
    theta ~ Beta(alpha, beta) across the cohort. ``survivors`` are the counts it was fitted on;
    ``geometric_retention`` is the constant retention rate fitted on the same counts (the
    benchmark that under-projects).
    """

    alpha: float
    beta: float
    log_likelihood: float
    survivors: tuple[int, ...]
    geometric_retention: float
    geometric_log_likelihood: float

    @property
    def params(self) -> pd.Series:
        return pd.Series({"alpha": self.alpha, "beta": self.beta}, name="sbg")

    @property
    def cohort_size(self) -> int:
        return self.survivors[0]

    def __repr__(self) -> str:
        return (
            f"SBG(alpha={self.alpha:.4g}, beta={self.beta:.4g}, log_likelihood={self.log_likelihood:.2f}, "
            f"periods={len(self.survivors) - 1}, geometric_retention={self.geometric_retention:.4g})"
        )

    def _times(self, t: Any) -> tuple[np.ndarray, pd.Index | None]:
        values, index = _as_arrays(t=t)
        t = values["t"]
        if (t < 0).any() or (t != np.round(t)).any():
            bad = t[(t < 0) | (t != np.round(t))]
            raise ValueError(f"`t` counts periods (0, 1, 2, ...), but has {examples(bad.tolist())}.")
        return t, index

    def survival(self, t: Any):
        """S(t): share of the cohort still a customer after t periods, B(alpha, beta + t) / B(alpha, beta).

        >>> model = SBG(alpha=0.668, beta=3.806, log_likelihood=-1611.16, survivors=(1000, 869),
        ...             geometric_retention=0.9, geometric_log_likelihood=0.0)
        >>> round(model.survival(7), 3)
        0.489
        """
        from scipy.special import betaln

        t, index = self._times(t)
        return _result(np.exp(betaln(self.alpha, self.beta + t) - betaln(self.alpha, self.beta)), index, "survival")

    def retention(self, t: Any):
        """r_t = S(t) / S(t-1) = (beta + t - 1) / (alpha + beta + t - 1), for t >= 1: rises with t."""
        t, index = self._times(t)
        if (t < 1).any():
            raise ValueError("`t` must be >= 1 for a retention rate: r_t compares period t with period t - 1.")
        return _result((self.beta + t - 1) / (self.alpha + self.beta + t - 1), index, "retention")

    def geometric_survival(self, t: Any):
        """The benchmark's S(t) = r ** t with the constant retention rate fitted on the same data."""
        t, index = self._times(t)
        return _result(self.geometric_retention ** t, index, "geometric_survival")

    def expected_lifetime(self, *, horizon: int = 1000) -> float:
        """Expected periods as a customer: sum of S(t) for t = 0 .. horizon - 1 (the sBG's mean is
        infinite when alpha <= 1, so a horizon is needed; 1000 periods by default)."""
        horizon = int(require_number(horizon, "horizon", low=1, integer=True))
        return float(np.sum(self.survival(np.arange(horizon))))

    def projection(self, periods: int) -> pd.DataFrame:
        """t = 0 .. ``periods``: survival and retention by sBG and by the geometric benchmark, the
        expected survivors of both, and the actual survivors where the fit has them (NaN beyond)."""
        periods = int(require_number(periods, "periods", low=1, integer=True))
        t = np.arange(periods + 1)
        actual = np.full(len(t), np.nan)
        known = min(len(self.survivors), len(t))
        actual[:known] = self.survivors[:known]
        sbg = self.survival(t)
        geometric = self.geometric_survival(t)
        table = pd.DataFrame({
            "actual": actual,
            "sbg": self.cohort_size * sbg,
            "geometric": self.cohort_size * geometric,
            "sbg_survival": sbg,
            "geometric_survival": geometric,
            "sbg_retention": np.concatenate([[np.nan], self.retention(t[1:])]),
            "geometric_retention": np.concatenate([[np.nan], np.full(periods, self.geometric_retention)]),
        }, index=pd.RangeIndex(len(t), name="t"))
        table.attrs = {"alpha": self.alpha, "beta": self.beta, "calibration_periods": len(self.survivors) - 1}
        return table


def _result(values: np.ndarray, index: pd.Index | None, name: str):
    if index is not None and values.shape == index.shape:
        return pd.Series(values, index=index, name=name)
    if np.ndim(values) == 0:
        return float(values)
    return values


def fit_sbg(survivors: Any) -> SBG:
    """Fit the sBG model by maximum likelihood to survivors at t = 0, 1, ..., n (the first is the
    cohort size, e.g. customers who started in one year, then those still renewing each year).

    The geometric benchmark's constant retention is fitted on the same counts:
    r = 1 - D / (D + E), with D the customers who churned and E the periods survived after
    the first by churners plus n periods for those alive at the end.

    >>> model = fit_sbg([1000, 869, 743, 653, 593, 551, 517, 491])
    >>> model.projection(12).loc[[7, 12], ["actual", "sbg", "geometric"]].round(1)  # doctest: +NORMALIZE_WHITESPACE
        actual    sbg  geometric
    t
    7    491.0  488.9      466.0
    12     NaN  378.0      270.1
    """
    counts = _survivors(survivors)
    churned = -np.diff(counts)
    alive_at_end = counts[-1]
    if churned.sum() == 0:
        raise ValueError(
            f"Nobody in `survivors` churned ({examples(counts.tolist(), 8)}), so there is no retention to fit: "
            f"use more periods or a larger cohort."
        )
    n = len(churned)
    (alpha, beta), log_likelihood = _maximise(
        lambda params: _sbg_log_likelihood(params, churned, alive_at_end), [1.0, 1.0], int(counts[0]), "sBG",
        ["alpha", "beta"],
    )
    t = np.arange(1, n + 1)
    d = churned.sum()
    exposure = (churned * (t - 1)).sum() + alive_at_end * n
    retention = exposure / (d + exposure)
    geometric_ll = d * np.log(1 - retention) + exposure * (np.log(retention) if retention > 0 else 0.0)
    return SBG(alpha, beta, log_likelihood, tuple(int(c) for c in counts), float(retention), float(geometric_ll))


def retention_projection(survivors: Any, *, calibration: int, horizon: int | None = None) -> pd.DataFrame:
    """Fit sBG and the geometric benchmark on survivors at t = 0..``calibration`` and project to
    ``horizon`` (default: the last t of ``survivors``), with the actual survivors beside them.

    Columns: ``actual``, ``sbg``, ``geometric`` (expected survivors) and ``calibration`` (True for
    the periods the fit used). ``attrs``: alpha, beta, the geometric retention, calibration.

    >>> high_end = [1000, 869, 743, 653, 593, 551, 517, 491, 468, 445, 427, 409, 394]  # Fader & Hardie 2007
    >>> retention_projection(high_end, calibration=7).loc[12, ["actual", "sbg", "geometric"]].round(0).tolist()
    [394.0, 378.0, 270.0]
    """
    counts = _survivors(survivors)
    calibration = int(require_number(calibration, "calibration", low=1, high=len(counts) - 1, integer=True))
    if horizon is None:
        horizon = len(counts) - 1
    horizon = int(require_number(horizon, "horizon", low=calibration, integer=True))
    model = fit_sbg(counts[: calibration + 1])
    table = model.projection(horizon)[["sbg", "geometric"]]
    actual = np.full(horizon + 1, np.nan)
    known = min(len(counts), horizon + 1)
    actual[:known] = counts[:known]
    table.insert(0, "actual", actual)
    table["calibration"] = table.index <= calibration
    table.attrs = {"alpha": model.alpha, "beta": model.beta, "geometric_retention": model.geometric_retention,
                   "calibration": calibration, "log_likelihood": model.log_likelihood}
    return table


def kaplan_meier(
    tx: pd.DataFrame,
    *,
    as_of=None,
    lapsed_after: int = LAPSED_AFTER,
    unit: str = "D",
    customer: str = "customer_id",
    date: str = "date",
) -> pd.DataFrame:
    """Kaplan-Meier survival of customer lifetimes, from transactions (statsmodels' SurvfuncRight).

    A customer's lifetime runs from the first to the last purchase day. Customers whose last
    purchase is more than ``lapsed_after`` days before ``as_of`` (default: the last day in
    ``tx``) are lost: their lifetime ended (an event). The others are still active: all we know
    is that they lived at least until their last purchase, so they are censored there.

    Rows: the event times, in ``unit`` ("D" days, "W" weeks, "M" months of 365.25/12 days).
    Columns: ``survival`` (share whose lifetime exceeds t), ``lower`` and ``upper`` (95% pointwise
    interval), ``at_risk`` and ``lost``. ``attrs``: customers, lost, censored, as_of,
    lapsed_after, unit, median (NaN when survival never falls to one half).

    >>> tx = pd.DataFrame({"customer_id": ["a", "a", "b", "b", "c", "d", "d"],
    ...                    "date": ["2024-01-01", "2024-01-11", "2024-01-01", "2024-01-31", "2024-01-01",
    ...                             "2024-01-01", "2024-12-31"]})
    >>> kaplan_meier(tx, lapsed_after=90)[["survival", "at_risk", "lost"]]  # doctest: +NORMALIZE_WHITESPACE
           survival  at_risk  lost
    time
    0.0        0.75        4     1
    10.0       0.50        3     1
    30.0       0.25        2     1
    """
    from statsmodels.duration.survfunc import SurvfuncRight

    require_choice(unit, list(UNIT_DAYS), "unit")
    require_number(lapsed_after, "lapsed_after", low=0, integer=True)
    purchases, _ = _purchase_days(tx, customer, date)
    end = purchases["day"].max() if as_of is None else _day(as_of, "as_of", purchases)
    purchases = purchases[purchases["day"] <= end]
    if purchases.empty:
        raise ValueError(f"No purchase in `tx` falls on or before as_of={end.date()}. Pass a later as_of.")
    days = purchases.groupby("code")["day"].agg(["min", "max"])
    lifetime = (days["max"] - days["min"]).dt.days.to_numpy(dtype=float) / UNIT_DAYS[unit]
    lost = ((end - days["max"]).dt.days > lapsed_after).to_numpy()
    attrs = {"customers": int(len(days)), "lost": int(lost.sum()), "censored": int((~lost).sum()), "as_of": end,
             "lapsed_after": int(lapsed_after), "unit": unit}
    if not lost.any():
        raise ValueError(
            f"None of the {len(days)} customers is lost (no last purchase more than {lapsed_after} days before "
            f"{end.date()}), so there is no lifetime that ended to estimate survival from. Lower lapsed_after."
        )
    fit = SurvfuncRight(lifetime, lost.astype(int))
    lower, upper = _pointwise_band(fit)
    table = pd.DataFrame({
        "survival": fit.surv_prob, "lower": lower, "upper": upper,
        "at_risk": fit.n_risk.astype(int), "lost": fit.n_events.astype(int),
    }, index=pd.Index(fit.surv_times, name="time"))
    below = table.index[table["survival"] <= 0.5]
    table.attrs = {**attrs, "median": float(below[0]) if len(below) else float("nan")}
    return table


def _pointwise_band(fit) -> tuple[np.ndarray, np.ndarray]:
    """95% pointwise interval of S(t) on the log(-log) scale, from Greenwood's standard error."""
    s, se = fit.surv_prob, fit.surv_prob_se
    with np.errstate(divide="ignore", invalid="ignore"):
        log_s = np.log(s)
        half = 1.959964 * se / np.abs(s * log_s)
        lower = np.exp(-np.exp(np.log(-log_s) + half))
        upper = np.exp(-np.exp(np.log(-log_s) - half))
    edge = (s <= 0) | (s >= 1) | ~np.isfinite(half)
    return np.where(edge, s, lower), np.where(edge, s, upper)
