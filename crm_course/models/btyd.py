"""Buy-till-you-die models: BG/NBD purchases and Gamma-Gamma spend.

From a transaction log to a customer lifetime value in four steps:

1. :func:`btyd_summary` -- one row per customer: repeat purchases (frequency), recency, age T
   and mean repeat spend;
2. :func:`fit_bgnbd` -- how often customers buy and when they drop out (BG/NBD, Fader, Hardie
   & Lee 2005, "Counting your customers the easy way", Marketing Science 24(2));
3. :func:`fit_gamma_gamma` -- how much they spend per purchase (Gamma-Gamma, Fader, Hardie & Lee
   2005, "RFM and CLV: using iso-value curves", JMR 42(4); Fader & Hardie 2013, "The Gamma-Gamma
   model of monetary value");
4. :func:`probabilistic_clv` -- both combined into a discounted margin per customer.

>>> import pandas as pd
>>> tx = pd.DataFrame({
...     "customer_id": ["a", "a", "a", "b", "c", "c"],
...     "date": pd.to_datetime(["2024-01-01", "2024-01-01", "2024-01-15",
...                             "2024-01-08", "2024-01-01", "2024-01-29"]),
...     "amount": [10.0, 5.0, 20.0, 30.0, 8.0, 12.0]})
>>> btyd_summary(tx, amount="amount")  # doctest: +NORMALIZE_WHITESPACE
             frequency  recency    T  monetary_value
customer_id
a                    1      2.0  4.0            20.0
b                    0      0.0  3.0             0.0
c                    1      4.0  4.0            12.0
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .._validation import (
    examples,
    require_choice,
    require_columns,
    require_dates,
    require_frame,
    require_ids,
    require_labels,
    require_not_empty,
    require_number,
    require_numeric,
    to_timestamp,
)
from .segmentation import _sums_by_code

__all__ = [
    "btyd_summary", "fit_bgnbd", "fit_gamma_gamma", "probabilistic_clv", "p_alive_grid", "BGNBD", "GammaGamma",
]

# Length of each time unit in days. A month is an average month (365.25 / 12 days).
UNIT_DAYS = {"D": 1.0, "W": 7.0, "M": 365.25 / 12, "Y": 365.25}
SUMMARY_UNITS = ["D", "W"]


# ---------------------------------------------------------------------------------------------
# 1. Transactions -> frequency, recency, T, monetary value
# ---------------------------------------------------------------------------------------------


def btyd_summary(
    tx: pd.DataFrame,
    *,
    customer: str = "customer_id",
    date: str = "date",
    amount: str | None = None,
    calibration_end: Any = None,
    unit: str = "W",
) -> pd.DataFrame:
    """One row per customer with the inputs of the BG/NBD and Gamma-Gamma models.

    Purchases are counted per day, as in :func:`~crm_course.models.segmentation.rfm_table`:
    all transactions of one customer on one calendar day (e.g. the lines of an invoice, or two
    invoices) are one purchase, their amounts added exactly (negative amounts are refused).
    So ``frequency`` here is rfm_table's frequency minus 1 on the same data, and RFM's recency
    (days since the last purchase) is BG/NBD's ``T - recency``. Only transactions on or
    before ``calibration_end`` (a day; default: the last date in ``tx``; without a time zone
    it is read in the data's zone) are used; later ones are left out, and customers whose
    first purchase comes after it are not in the result (they were not customers yet).
    There is no ``order=`` here, unlike rfm_table: the model's clock runs in days, so two
    orders on one day are one purchase.

    Columns (index = customer id, sorted):
    - ``frequency``: number of repeat purchase days (purchase days minus the first one);
    - ``recency``: time from the first to the last purchase, in ``unit`` ("W" weeks, "D" days);
    - ``T``: time from the first purchase to ``calibration_end``, in ``unit``;
    - ``monetary_value`` (only when ``amount`` is given): mean spend per repeat purchase day,
      leaving out the first purchase; 0 for customers without repeat purchases.

    The time unit is kept in ``result.attrs["unit"]`` so that :func:`fit_bgnbd` knows it.

    >>> tx = pd.DataFrame({"customer_id": [1, 1, 2],
    ...                    "date": ["2024-01-01", "2024-01-15", "2024-01-08"]})
    >>> btyd_summary(tx, unit="D")  # doctest: +NORMALIZE_WHITESPACE
                 frequency  recency     T
    customer_id
    1                    1     14.0  14.0
    2                    0      0.0   7.0
    """
    require_frame(tx, "tx")
    require_columns(tx, {"customer": customer, "date": date, "amount": amount}, data_name="tx")
    require_not_empty(tx, "tx")
    require_choice(unit, SUMMARY_UNITS, "unit")
    require_ids(tx[customer], "customer", "tx")
    days = _purchase_days(tx[date])
    if calibration_end is None:
        end = days.max()
    else:
        end = to_timestamp(calibration_end, "calibration_end", like=days).normalize()

    purchases = pd.DataFrame({"customer": tx[customer].to_numpy(), "day": days.to_numpy()})
    if amount is not None:
        purchases["amount"] = _purchase_amounts(tx[amount]).to_numpy()
    purchases = purchases[purchases["day"] <= end]
    if purchases.empty:
        raise ValueError(
            f"No transaction in `tx` falls on or before calibration_end={end.date()}: the first one is on "
            f"{days.min().date()}. Pass a later calibration_end."
        )

    # One purchase per customer per day; rows come out sorted by customer, then day. Amounts are
    # added exactly, so a day's total does not depend on the order of its rows.
    by_day = purchases.groupby(["customer", "day"], sort=True)
    daily = by_day.size().index.to_frame(index=False)
    if amount is not None:
        daily["amount"] = _sums_by_code(purchases["amount"], by_day.ngroup().to_numpy(), by_day.ngroups)
    per_customer = daily.groupby("customer")
    first, last = per_customer["day"].min(), per_customer["day"].max()
    frequency = per_customer.size() - 1
    length = pd.Timedelta(days=UNIT_DAYS[unit])
    summary = pd.DataFrame({"frequency": frequency, "recency": (last - first) / length, "T": (end - first) / length})
    if amount is not None:
        repeat_spend = per_customer["amount"].sum() - per_customer["amount"].first()
        summary["monetary_value"] = (repeat_spend / frequency.where(frequency > 0)).fillna(0.0)
    summary.index.name = customer
    summary.attrs["unit"] = unit
    return summary


def _purchase_days(dates: pd.Series) -> pd.Series:
    """The calendar day of each transaction."""
    return require_dates(dates, "date", "tx").dt.normalize()


def _purchase_amounts(amounts: pd.Series) -> pd.Series:
    values = require_numeric(amounts, "amount", "tx")
    negative = values[values < 0]
    if len(negative):
        raise ValueError(
            f"Column {amounts.name!r} (argument `amount=`) of `tx` has {len(negative)} negative value(s) "
            f"(returns or refunds?): {examples(negative.tolist())}. Monetary value is the mean spend per "
            f"purchase: net returns against their purchases or drop those rows first."
        )
    return values


# ---------------------------------------------------------------------------------------------
# Checking purchase histories (x, t_x, T) -- shared by the fits and the predictions
# ---------------------------------------------------------------------------------------------


def _refuse(mask: np.ndarray, show, problem: str, fix: str) -> None:
    """Raise a ValueError saying how many customers break a rule, showing the first ones."""
    where = np.flatnonzero(mask)
    if len(where):
        shown = ", ".join(show(i) for i in where[:3]) + (f" (and {len(where) - 3} more)" if len(where) > 3 else "")
        raise ValueError(f"{len(where)} customer(s) have {problem}: {shown}. {fix}")


def _check_history(x: np.ndarray, t_x: np.ndarray, T: np.ndarray, labels: list, names: dict) -> None:
    """Refuse purchase histories that cannot happen, naming the column or argument."""
    f, r, t = names["frequency"], names["recency"], names["T"]

    def show(i: int) -> str:
        return f"{labels[i]!r} ({f}={x[i]:g}, {r}={t_x[i]:g}, {t}={T[i]:g})"

    _refuse(
        (x < 0) | (x != np.round(x)), show, f"a `{f}` that is not a whole number >= 0",
        f"`{f}` counts repeat purchases (0, 1, 2, ...); make it with crm.btyd_summary(tx).",
    )
    _refuse((t_x < 0) | (T < 0), show, f"a negative `{r}` or `{t}`", "Times since the first purchase are >= 0.")
    _refuse(
        t_x > T, show, f"`{r}` greater than `{t}`",
        f"`{r}` (first to last purchase) cannot exceed `{t}` (first purchase to the end of the data); "
        f"check that both are in the same time unit.",
    )
    _refuse(
        (x == 0) & (t_x > 0), show, f"`{f}` 0 but `{r}` > 0",
        f"A customer without repeat purchases has `{r}` 0 (the last purchase is the first one).",
    )
    _refuse(
        (x > 0) & (t_x == 0), show, f"`{f}` > 0 but `{r}` 0",
        "Repeat purchases come after the first one, so recency > 0: count purchases made on the same day "
        "once (crm.btyd_summary(tx) does).",
    )


def _history_columns(summary: pd.DataFrame, frequency: str, recency: str, T: str):
    """(x, t_x, T) as float arrays from a summary table, checked."""
    require_frame(summary, "summary")
    require_columns(summary, {"frequency": frequency, "recency": recency, "T": T}, data_name="summary")
    require_not_empty(summary, "summary")
    x = require_numeric(summary[frequency], "frequency", "summary").to_numpy()
    t_x = require_numeric(summary[recency], "recency", "summary").to_numpy()
    age = require_numeric(summary[T], "T", "summary").to_numpy()
    _check_history(x, t_x, age, summary.index.tolist(), {"frequency": frequency, "recency": recency, "T": T})
    return x, t_x, age


def _as_arrays(**arguments: Any) -> tuple[dict[str, np.ndarray], pd.Index | None]:
    """Scalars, lists, arrays or Series -> float arrays of one shape, and the index of the Series.

    Series are matched by customer label (all must hold the same labels, each once); the result
    follows the first Series' order.
    """
    index = None
    values = {}
    for name, value in arguments.items():
        if isinstance(value, pd.Series):
            require_labels(value, name)
            if index is None:
                index, first = value.index, name
            elif not value.index.equals(index):
                if len(value.index) != len(index) or len(index.difference(value.index)):
                    raise ValueError(
                        f"`{name}` and `{first}` are Series for different customers (index labels), e.g. "
                        f"{examples(index.symmetric_difference(value.index).tolist())} is in only one of them. "
                        f"Pass columns of one summary table, or align them first."
                    )
                value = value.reindex(index)  # the same customers in another order: match them by label
            value = value.to_numpy()
        try:
            array = np.asarray(value, dtype=float)
        except (TypeError, ValueError):
            raise TypeError(f"`{name}` must be a number or numbers, but {value!r} was passed.") from None
        if not np.isfinite(array).all():
            raise ValueError(
                f"`{name}` must be finite numbers, but has {examples(array[~np.isfinite(array)].tolist())}."
            )
        values[name] = array
    try:
        arrays = np.broadcast_arrays(*values.values())
    except ValueError:
        shapes = {name: array.shape for name, array in values.items()}
        raise ValueError(f"The arguments have shapes that do not fit together: {shapes}.") from None
    return dict(zip(values, arrays)), index


def _history_arguments(frequency: Any, recency: Any, T: Any, **more: Any):
    """Method arguments (x, t_x, T and others) as checked arrays, plus the index to return."""
    values, index = _as_arrays(frequency=frequency, recency=recency, T=T, **more)
    x, t_x, age = values["frequency"], values["recency"], values["T"]
    labels = index.tolist() if index is not None and x.shape == index.shape else list(range(x.size))
    names = {"frequency": "frequency", "recency": "recency", "T": "T"}  # the arguments' own names
    _check_history(x.ravel(), t_x.ravel(), age.ravel(), labels, names)
    return values, index


def _require_times(t: np.ndarray) -> None:
    if (t < 0).any():
        raise ValueError(f"`t` is a length of time and must be >= 0, but has {examples(t[t < 0].tolist())}.")


def _result(values: np.ndarray, index: pd.Index | None, name: str):
    """A Series when Series came in, a float for scalars, else an array."""
    if index is not None and values.shape == index.shape:
        return pd.Series(values, index=index, name=name)
    if np.ndim(values) == 0:
        return float(values)
    return values


# ---------------------------------------------------------------------------------------------
# 2. BG/NBD: how many purchases, and is the customer still alive?
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BGNBD:
    """A fitted BG/NBD model (Fader, Hardie & Lee 2005).

    While alive, a customer buys at rate lambda ~ Gamma(r, alpha); after each purchase the
    customer drops out with probability p ~ Beta(a, b). ``alpha`` is in the time unit of the
    data (``unit``: "W" weeks or "D" days); r, a and b have no unit.
    """

    r: float
    alpha: float
    a: float
    b: float
    log_likelihood: float
    n_customers: int
    unit: str | None = None

    @property
    def params(self) -> pd.Series:
        return pd.Series({"r": self.r, "alpha": self.alpha, "a": self.a, "b": self.b}, name="bgnbd")

    def __repr__(self) -> str:
        return (
            f"BGNBD(r={self.r:.4g}, alpha={self.alpha:.4g}, a={self.a:.4g}, b={self.b:.4g}, "
            f"log_likelihood={self.log_likelihood:.1f}, n_customers={self.n_customers}, unit={self.unit!r})"
        )

    def expected_purchases_new_customer(self, t: Any):
        """E[X(t)]: expected purchases in (0, t] of a customer who just bought (eq. 9).

        >>> model = BGNBD(r=0.243, alpha=4.414, a=0.793, b=2.426, log_likelihood=-9582.4, n_customers=2357)
        >>> round(model.expected_purchases_new_customer(52), 3)
        1.446
        """
        values, index = _as_arrays(t=t)
        _require_times(values["t"])
        zeros = np.zeros_like(values["t"])
        return _result(self._expected_purchases(values["t"], zeros, zeros, zeros), index, "expected_purchases")

    def p_alive(self, *, frequency: Any, recency: Any, T: Any):
        """P(alive | x, t_x, T): the probability that the customer has not dropped out.

        Fader, Hardie & Lee (2008), "Computing P(alive) using the BG/NBD model":
        P(alive) = 1 / (1 + [x > 0] * a / (b + x - 1) * ((alpha + T) / (alpha + t_x)) ** (r + x)).

        >>> model = BGNBD(r=0.243, alpha=4.414, a=0.793, b=2.426, log_likelihood=-9582.4, n_customers=2357)
        >>> round(model.p_alive(frequency=2, recency=30.43, T=38.86), 3)
        0.727
        """
        values, index = _history_arguments(frequency, recency, T)
        return _result(self._p_alive(values["frequency"], values["recency"], values["T"]), index, "p_alive")

    def expected_purchases(self, t: Any, *, frequency: Any, recency: Any, T: Any):
        """E[Y(t) | x, t_x, T]: expected purchases in the next ``t`` time units (eq. 10).

        ``t``, ``recency`` and ``T`` are in the model's time unit. Scalars give a float, Series a
        Series with the same index (one per customer), arrays an array.

        >>> model = BGNBD(r=0.243, alpha=4.414, a=0.793, b=2.426, log_likelihood=-9582.4, n_customers=2357)
        >>> round(model.expected_purchases(39, frequency=2, recency=30.43, T=38.86), 3)
        1.226
        """
        values, index = _history_arguments(frequency, recency, T, t=t)
        _require_times(values["t"])
        result = self._expected_purchases(values["t"], values["frequency"], values["recency"], values["T"])
        return _result(result, index, "expected_purchases")

    def _p_alive(self, x: np.ndarray, t_x: np.ndarray, T: np.ndarray) -> np.ndarray:
        from scipy.special import expit

        r, alpha, a, b = self.r, self.alpha, self.a, self.b
        # log of a / (b + x - 1) * ((alpha + T) / (alpha + t_x)) ** (r + x); max(x, 1) keeps x = 0 finite.
        log_odds_dead = np.log(a / (b + np.maximum(x, 1) - 1)) + (r + x) * np.log((alpha + T) / (alpha + t_x))
        return np.where(x > 0, expit(-log_odds_dead), 1.0)

    def _expected_purchases(self, t: np.ndarray, x: np.ndarray, t_x: np.ndarray, T: np.ndarray) -> np.ndarray:
        """Eq. 10: P(alive) * (a + b + x - 1) / (a - 1) * [1 - ((alpha + T) / (alpha + T + t)) ** (r + x)
        * 2F1(r + x, b + x; a + b + x - 1; t / (alpha + T + t))]. The paper divides by
        1 + [x > 0] a / (b + x - 1) ((alpha + T) / (alpha + t_x)) ** (r + x), which is 1 / P(alive).
        With x = t_x = T = 0 (a customer who just made a first purchase) it is eq. 9.

        The bracket's product is computed as (1 - z) ** (a - 1) * 2F1(a + b - 1 - r, a - 1; a + b + x - 1; z),
        with z = t / (alpha + T + t): the same number by Euler's transformation
        2F1(p, q; c; z) = (1 - z) ** (c - p - q) * 2F1(c - p, c - q; c; z), but it stays finite for
        customers with many purchases over long horizons, where 2F1(r + x, ...) overflows.
        """
        from scipy.special import hyp2f1

        r, alpha, a, b = self.r, self.alpha, self.a, self.b
        z = t / (alpha + T + t)
        decay = (1 - z) ** (a - 1) * hyp2f1(a + b - 1 - r, a - 1, a + b + x - 1, z)
        expected = self._p_alive(x, t_x, T) * (a + b + x - 1) / (a - 1) * (1 - decay)
        return np.where(t > 0, expected, 0.0)  # no time, no purchases (and never -0.0)


def _bgnbd_log_likelihood(params: np.ndarray, x: np.ndarray, t_x: np.ndarray, T: np.ndarray) -> np.ndarray:
    """ln L(r, alpha, a, b | x, t_x, T) of each customer, eq. 6 of Fader, Hardie & Lee (2005):

    L = B(a, b + x) / B(a, b) * G(r + x) alpha^r / (G(r) (alpha + T)^(r + x))            still alive at T
      + [x > 0] B(a + 1, b + x - 1) / B(a, b) * G(r + x) alpha^r / (G(r) (alpha + t_x)^(r + x))
                                                                   dropped out right after the last purchase
    Both terms are taken as logarithms and added with logaddexp, so nothing under- or overflows.
    """
    from scipy.special import betaln, gammaln

    r, alpha, a, b = params
    common = gammaln(r + x) - gammaln(r) + r * np.log(alpha) - betaln(a, b)
    alive = common + betaln(a, b + x) - (r + x) * np.log(alpha + T)
    # max(x, 1) keeps B(a + 1, b + x - 1) finite for x = 0, where this term is not used.
    dropped = common + betaln(a + 1, b + np.maximum(x, 1) - 1) - (r + x) * np.log(alpha + t_x)
    return np.where(x > 0, np.logaddexp(alive, dropped), alive)


def fit_bgnbd(
    summary: pd.DataFrame,
    *,
    frequency: str = "frequency",
    recency: str = "recency",
    T: str = "T",
    unit: str | None = None,
) -> BGNBD:
    """Fit the BG/NBD model by maximum likelihood (eq. 6 and 7 of Fader, Hardie & Lee 2005).

    ``summary`` has one row per customer, as made by :func:`btyd_summary`. The time unit of
    ``recency`` and ``T`` ("W" or "D") is read from ``summary.attrs["unit"]`` (set by
    :func:`btyd_summary`), or given with ``unit=``; it is needed by :func:`probabilistic_clv`.

    >>> import crm_course as crm
    >>> model = fit_bgnbd(crm.load_dataset("cdnow_summary"), unit="W")
    >>> [round(v, 3) for v in model.params], round(model.log_likelihood, 1)
    ([0.243, 4.414, 0.793, 2.426], -9582.4)
    """
    x, t_x, age = _history_columns(summary, frequency, recency, T)
    unit = _summary_unit(summary, unit)
    if x.sum() == 0:
        raise ValueError(
            f"No customer in `summary` has a repeat purchase (column {frequency!r} is all 0), so the BG/NBD "
            f"model cannot learn how often customers buy. Use a longer calibration period."
        )

    # Eq. 7: the sample's log-likelihood is the sum over customers, here over distinct histories
    # times their count. Start at r = a = b = 1 and the alpha that matches the data's purchase
    # rate: r / alpha = total repeat purchases / total time.
    hx, ht_x, hT, count = _distinct(x, t_x, age)
    (r, alpha, a, b), log_likelihood = _maximise(
        lambda params: (count * _bgnbd_log_likelihood(params, hx, ht_x, hT)).sum(),
        [1.0, (count * hT).sum() / (count * hx).sum(), 1.0, 1.0],
        len(x),
        "BG/NBD",
        ["r", "alpha", "a", "b"],
        int((x > 0).sum()),
    )
    return BGNBD(r, alpha, a, b, log_likelihood, len(x), unit)


def _distinct(*columns: np.ndarray) -> list[np.ndarray]:
    """The distinct rows of ``columns`` (sorted) and how many customers share each.

    Customers with the same history have the same likelihood, so it is computed once per
    history; the sorted order also makes a fit independent of the order of the rows.
    """
    rows, count = np.unique(np.column_stack(columns), axis=0, return_counts=True)
    return [*rows.T, count]


def _derivatives(f, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Gradient and Hessian of ``f`` at ``x`` by central differences (steps 1e-5 and 1e-4)."""
    n, h, k = len(x), 1e-5, 1e-4
    unit = np.eye(n)
    gradient = np.array([(f(x + h * unit[i]) - f(x - h * unit[i])) / (2 * h) for i in range(n)])
    hessian = np.empty((n, n))
    for i in range(n):
        for j in range(i, n):
            di, dj = k * unit[i], k * unit[j]
            hessian[i, j] = hessian[j, i] = (
                f(x + di + dj) - f(x + di - dj) - f(x - di + dj) + f(x - di - dj)) / (4 * k * k)
    return gradient, hessian


def _polish(f, x: np.ndarray, steps: int = 20) -> tuple[np.ndarray, np.ndarray, bool]:
    """Newton steps from ``x`` to where the gradient is zero: (x, Hessian there, converged).

    The quasi-Newton search stops where its forward-difference gradient looks small, which
    leaves the last digits to the machine; Newton's steps on central differences settle on the
    same point on every machine, to about 1e-10 in the log-parameters.
    """
    for _ in range(steps):
        gradient, hessian = _derivatives(f, x)
        if not (np.isfinite(gradient).all() and np.isfinite(hessian).all()):
            return x, hessian, False
        try:
            np.linalg.cholesky(hessian)
        except np.linalg.LinAlgError:  # not a maximum here (flat or saddle): nothing to polish
            return x, hessian, False
        step = np.linalg.solve(hessian, gradient)
        if np.abs(step).max() < 1e-10:
            return x, hessian, True
        here, length = f(x), 1.0
        while length > 1e-4 and not f(x - length * step) <= here + 1e-15 * abs(here):
            length /= 2
        if length <= 1e-4:
            return x, hessian, False
        x = x - length * step
    return x, _derivatives(f, x)[1], False


def _maximise(log_likelihood, start: list[float], n_customers: int, model: str, names: list[str],
              n_repeat: int | None = None) -> tuple[list[float], float]:
    """Maximum likelihood: (parameters, log-likelihood).

    The search runs over the parameters' logarithms, so they stay positive, and on the mean
    log-likelihood per customer, so its tolerances do not depend on the number of customers.
    L-BFGS-B finds the maximum, Newton steps polish it (see :func:`_polish`). A search that does
    not converge gives a RuntimeWarning; so do estimates the data do not identify: a Hessian
    that is not negative definite, a parameter running off to 0 or infinity, or a log-parameter
    with a standard error above 3 (the parameter is uncertain by a factor of e^3, about 20).
    """
    from scipy.optimize import minimize

    def f(log_params):
        return -log_likelihood(np.exp(log_params)) / n_customers

    with np.errstate(all="ignore"):  # a search may try parameters where the likelihood under- or overflows
        found = minimize(f, np.log(start), method="L-BFGS-B", options={"ftol": 1e-12, "gtol": 1e-6})
        x, hessian, converged = _polish(f, found.x)
    if not (found.success or converged) or not np.isfinite(f(x)):
        warnings.warn(
            f"The {model} fit stopped before converging ({found.message}); do not trust its parameters. "
            f"Check the data, or use more customers.",
            RuntimeWarning,
            stacklevel=3,
        )
    unsure = [name for name, value in zip(names, x) if not -10 < value < 10]
    if np.isfinite(hessian).all() and np.linalg.eigvalsh(hessian).min() > 0:
        error = np.sqrt(np.diag(np.linalg.inv(hessian)) / n_customers)
        unsure += [name for name, e in zip(names, error) if e > 3 and name not in unsure]
    elif not unsure:
        unsure = list(names)
    if unsure:
        repeaters = "" if n_repeat is None else f", {n_repeat} with repeat purchases"
        warnings.warn(
            f"The {model} estimates are not identified by this data ({n_customers} customers{repeaters}): "
            f"the likelihood is almost flat in {', '.join(unsure)}, so very different values "
            f"fit about as well. Do not trust them; use more customers or a longer calibration period.",
            RuntimeWarning,
            stacklevel=3,
        )
    return [float(v) for v in np.exp(x)], float(-f(x) * n_customers)


def _summary_unit(summary: pd.DataFrame, unit: str | None) -> str | None:
    """The time unit of a summary table: the one stated, else the one btyd_summary recorded."""
    recorded = summary.attrs.get("unit")
    if unit is None:
        return recorded
    require_choice(unit, SUMMARY_UNITS, "unit")
    if recorded is not None and recorded != unit:
        raise ValueError(
            f"`unit={unit!r}` contradicts the summary, which btyd_summary made with unit={recorded!r}. "
            f"Leave `unit` out, or rebuild the summary with crm.btyd_summary(tx, unit={unit!r})."
        )
    return unit


# ---------------------------------------------------------------------------------------------
# 3. Gamma-Gamma: how much per purchase?
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GammaGamma:
    """A fitted Gamma-Gamma spend model (Fader, Hardie & Lee 2005; Fader & Hardie 2013).

    A customer's spend per purchase is Gamma(p, nu); nu varies across customers as
    Gamma(q, gamma). Fitted on the ``n_customers`` customers with repeat purchases;
    ``n_excluded`` customers without repeat purchases were left out.
    """

    p: float
    q: float
    gamma: float
    log_likelihood: float
    n_customers: int
    n_excluded: int

    @property
    def params(self) -> pd.Series:
        return pd.Series({"p": self.p, "q": self.q, "gamma": self.gamma}, name="gamma_gamma")

    @property
    def mean_spend(self) -> float:
        """The population's mean spend per purchase, p * gamma / (q - 1) (infinite if q <= 1)."""
        return self.p * self.gamma / (self.q - 1) if self.q > 1 else float("inf")

    def __repr__(self) -> str:
        return (
            f"GammaGamma(p={self.p:.4g}, q={self.q:.4g}, gamma={self.gamma:.4g}, "
            f"log_likelihood={self.log_likelihood:.1f}, n_customers={self.n_customers}, "
            f"n_excluded={self.n_excluded})"
        )

    def expected_spend(self, *, frequency: Any, monetary_value: Any):
        """E[Z | x, z_bar]: expected spend per purchase of a customer with ``frequency`` repeat
        purchases of mean ``monetary_value``; the population mean for customers with none.

        E = (q - 1) / (p x + q - 1) * p gamma / (q - 1) + p x / (p x + q - 1) * z_bar:
        a weighted average of the population mean and the customer's own mean.

        >>> model = GammaGamma(p=6.25, q=3.74, gamma=15.45, log_likelihood=-4000.0, n_customers=946, n_excluded=1411)
        >>> round(model.expected_spend(frequency=2, monetary_value=22.35), 2)
        24.67
        """
        values, index = _as_arrays(frequency=frequency, monetary_value=monetary_value)
        x, z_bar = values["frequency"], values["monetary_value"]
        labels = index.tolist() if index is not None and x.shape == index.shape else list(range(x.size))
        _check_spend(x.ravel(), z_bar.ravel(), labels, "frequency", "monetary_value")
        return _result(self._expected_spend(x, z_bar), index, "expected_spend")

    def _expected_spend(self, x: np.ndarray, z_bar: np.ndarray) -> np.ndarray:
        if self.q <= 1 and (x == 0).any():
            raise ValueError(
                f"The fitted q = {self.q:.3g} is <= 1, so the mean spend of a customer without repeat purchases "
                f"is infinite. Give expected spend only for customers with frequency > 0."
            )
        p, q, gamma = self.p, self.q, self.gamma
        return p * (gamma + x * z_bar) / (p * x + q - 1)


def _check_spend(x: np.ndarray, z_bar: np.ndarray, labels: list, frequency: str, monetary_value: str) -> None:
    """Refuse repeat-purchase counts that are not whole numbers >= 0 and negative mean spend."""

    def show(i: int) -> str:
        return f"{labels[i]!r} ({frequency}={x[i]:g}, {monetary_value}={z_bar[i]:g})"

    _refuse(
        (x < 0) | (x != np.round(x)), show, f"a `{frequency}` that is not a whole number >= 0",
        f"`{frequency}` counts repeat purchases (0, 1, 2, ...); make it with crm.btyd_summary(tx, amount=...).",
    )
    _refuse(z_bar < 0, show, f"a negative `{monetary_value}`", "Mean spend per purchase is >= 0.")


def _gamma_gamma_log_likelihood(params: np.ndarray, x: np.ndarray, z_bar: np.ndarray) -> np.ndarray:
    """ln f(z_bar | p, q, gamma, x) of each customer (Fader & Hardie 2013):

    f = G(p x + q) / (G(p x) G(q)) * gamma^q * z_bar^(p x - 1) * x^(p x) / (gamma + x z_bar)^(p x + q)
    """
    from scipy.special import gammaln

    p, q, gamma = params
    return (
        gammaln(p * x + q) - gammaln(p * x) - gammaln(q)
        + q * np.log(gamma) + (p * x - 1) * np.log(z_bar) + p * x * np.log(x)
        - (p * x + q) * np.log(gamma + x * z_bar)
    )


def fit_gamma_gamma(
    summary: pd.DataFrame, *, frequency: str = "frequency", monetary_value: str = "monetary_value"
) -> GammaGamma:
    """Fit the Gamma-Gamma spend model by maximum likelihood.

    Only customers with repeat purchases (``frequency`` > 0) carry information on spend per
    repeat purchase, so the others are left out of the fit; how many is in ``n_excluded``.
    Their ``monetary_value`` must be > 0. The model assumes spend does not depend on how
    often a customer buys.

    >>> import crm_course as crm
    >>> model = fit_gamma_gamma(crm.load_dataset("cdnow_summary"))
    >>> [round(v, 2) for v in model.params], model.n_customers, model.n_excluded
    ([6.25, 3.74, 15.45], 946, 1411)
    """
    require_frame(summary, "summary")
    require_columns(summary, {"frequency": frequency, "monetary_value": monetary_value}, data_name="summary")
    require_not_empty(summary, "summary")
    x = require_numeric(summary[frequency], "frequency", "summary").to_numpy()
    z_bar = require_numeric(summary[monetary_value], "monetary_value", "summary").to_numpy()
    _check_spend(x, z_bar, summary.index.tolist(), frequency, monetary_value)
    repeat = x > 0
    _refuse(
        repeat & (z_bar == 0), lambda i: f"{summary.index[i]!r} ({frequency}={x[i]:g}, {monetary_value}=0)",
        f"repeat purchases but a `{monetary_value}` of 0",
        "The Gamma-Gamma model needs a positive mean spend for every repeat customer: drop those customers "
        "or check their amounts.",
    )
    if not repeat.any():
        raise ValueError(
            f"No customer in `summary` has a repeat purchase (column {frequency!r} is all 0): there is no "
            f"repeat spend to fit the Gamma-Gamma model on."
        )
    hx, hz_bar, count = _distinct(x[repeat], z_bar[repeat])

    # Start at p = 1, q = 2 and the gamma that makes the model's mean p gamma / (q - 1) the data's mean.
    (p, q, gamma), log_likelihood = _maximise(
        lambda params: (count * _gamma_gamma_log_likelihood(params, hx, hz_bar)).sum(),
        [1.0, 2.0, (count * hz_bar).sum() / count.sum()],
        int(repeat.sum()),
        "Gamma-Gamma",
        ["p", "q", "gamma"],
        int(repeat.sum()),
    )
    return GammaGamma(p, q, gamma, log_likelihood, int(repeat.sum()), int((~repeat).sum()))


# ---------------------------------------------------------------------------------------------
# 4. Customer lifetime value
# ---------------------------------------------------------------------------------------------


def probabilistic_clv(
    bgnbd: BGNBD,
    gamma_gamma: GammaGamma,
    summary: pd.DataFrame,
    *,
    horizon: int,
    unit: str,
    discount: float,
    discount_period: str,
    margin: float = 1.0,
    frequency: str = "frequency",
    recency: str = "recency",
    T: str = "T",
    monetary_value: str = "monetary_value",
) -> pd.Series:
    """Expected discounted margin of each customer over the next ``horizon`` periods.

    Periods are ``unit`` long ("D", "W", "M" = 365.25 / 12 days or "Y" = 365.25 days),
    whatever the time unit the BG/NBD model was fitted in. ``discount`` is the rate per
    ``discount_period`` (e.g. 0.10 a year: ``discount=0.1, discount_period="Y"``); margin comes
    in at the end of each period:

        CLV = sum over k = 1..horizon of
              (E[X(t_k)] - E[X(t_(k-1))]) * spend * margin / (1 + discount) ** (k * unit / discount_period)

    where E[X(t_k)] is the customer's BG/NBD expected number of purchases from now to the end
    of period k (eq. 10, given the customer's frequency, recency and T), ``spend`` the
    Gamma-Gamma expected spend per purchase, and ``margin`` the share of spend kept as profit
    (1 gives revenue).

    >>> import crm_course as crm
    >>> summary = crm.btyd_summary(crm.load_dataset("cdnow"), amount="amount", calibration_end="1997-09-30")
    >>> bg, gg = fit_bgnbd(summary), fit_gamma_gamma(summary)
    >>> clv = probabilistic_clv(bg, gg, summary, horizon=12, unit="M", discount=0.1, discount_period="Y", margin=0.3)
    >>> clv.head(3).round(2)  # doctest: +NORMALIZE_WHITESPACE
    customer_id
    1    11.02
    2     1.41
    3     2.54
    Name: clv, dtype: float64
    """
    if not isinstance(bgnbd, BGNBD):
        raise TypeError(
            f"`bgnbd` must be a fitted BG/NBD model from crm.fit_bgnbd(summary), not a {type(bgnbd).__name__}."
        )
    if not isinstance(gamma_gamma, GammaGamma):
        raise TypeError(
            f"`gamma_gamma` must be a fitted spend model from crm.fit_gamma_gamma(summary), "
            f"not a {type(gamma_gamma).__name__}."
        )
    if bgnbd.unit is None:
        raise ValueError(
            "The BG/NBD model does not know the time unit of recency and T, so the horizon cannot be converted. "
            "Fit it with crm.fit_bgnbd(summary, unit='W') (or 'D'), or make the summary with crm.btyd_summary."
        )
    horizon = require_number(horizon, "horizon", low=1, integer=True)
    require_choice(unit, list(UNIT_DAYS), "unit")
    discount = require_number(discount, "discount", low=0)
    require_choice(discount_period, list(UNIT_DAYS), "discount_period")
    margin = require_number(margin, "margin", low=0, high=1)
    x, t_x, age = _history_columns(summary, frequency, recency, T)
    recorded = summary.attrs.get("unit")
    if recorded is not None and recorded != bgnbd.unit:
        raise ValueError(
            f"`summary` was made with unit={recorded!r} but the BG/NBD model was fitted in unit={bgnbd.unit!r}. "
            f"Pass the summary in the model's time unit, e.g. the one it was fitted on."
        )
    require_columns(summary, {"monetary_value": monetary_value}, data_name="summary")
    z_bar = require_numeric(summary[monetary_value], "monetary_value", "summary").to_numpy()
    _check_spend(x, z_bar, summary.index.tolist(), frequency, monetary_value)

    spend = gamma_gamma._expected_spend(x, z_bar)
    period = UNIT_DAYS[unit] / UNIT_DAYS[bgnbd.unit]  # one period in the model's time unit
    period_in_discount_periods = UNIT_DAYS[unit] / UNIT_DAYS[discount_period]
    value = np.zeros(len(x))
    purchases_so_far = np.zeros(len(x))
    for k in range(1, int(horizon) + 1):
        purchases_by_k = bgnbd._expected_purchases(np.full(len(x), k * period), x, t_x, age)
        discount_factor = (1 + discount) ** (k * period_in_discount_periods)
        value += (purchases_by_k - purchases_so_far) * spend * margin / discount_factor
        purchases_so_far = purchases_by_k
    return pd.Series(value, index=summary.index, name="clv")


def p_alive_grid(model: BGNBD, *, T: Any, max_frequency: int = 10, recency_step: Any = 1) -> pd.DataFrame:
    """P(alive) of every purchase history of a customer observed for ``T`` time units: the table of a heatmap.

    Rows are the repeat purchases ``frequency`` = 1 .. ``max_frequency``; columns the
    ``recency`` (first to last purchase) = ``recency_step``, 2 ``recency_step``, ... up to
    ``T``, which is always the last column (a customer who bought at the very end).
    Frequency 0 is left out: the BG/NBD model gives every customer without a repeat purchase
    P(alive) = 1. ``T`` and ``recency_step`` are in the model's time unit; ``attrs`` keeps
    ``T`` and ``unit`` for the plot's title.

    >>> model = BGNBD(r=0.243, alpha=4.414, a=0.793, b=2.426, log_likelihood=-9582.4, n_customers=2357, unit="W")
    >>> p_alive_grid(model, T=39, max_frequency=3, recency_step=13).round(3)  # doctest: +NORMALIZE_WHITESPACE
    recency       13     26     39
    frequency
    1          0.496  0.663  0.754
    2          0.358  0.660  0.812
    3          0.224  0.638  0.848
    """
    if not isinstance(model, BGNBD):
        raise TypeError(
            f"`model` must be a fitted BG/NBD model from crm.fit_bgnbd(summary), not a {type(model).__name__}."
        )
    T = require_number(T, "T", low=0, low_inclusive=False)
    max_frequency = int(require_number(max_frequency, "max_frequency", low=1, integer=True))
    recency_step = require_number(recency_step, "recency_step", low=0, high=T, low_inclusive=False)
    frequencies = np.arange(1, max_frequency + 1)
    steps = np.arange(1, int(np.ceil(T / recency_step - 1e-9)) + 1)
    recencies = np.minimum(steps * recency_step, T)  # the last step is cut back to T
    values = model.p_alive(frequency=frequencies[:, None], recency=recencies[None, :], T=T)
    grid = pd.DataFrame(values, index=pd.Index(frequencies, name="frequency"),
                        columns=pd.Index(recencies, name="recency"))
    grid.attrs = {"T": T, "unit": model.unit}
    return grid
