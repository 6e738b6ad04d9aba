"""BTYD models: btyd_summary, BG/NBD, Gamma-Gamma and probabilistic CLV.

Known answers: the CDNOW sample and the estimates of Fader, Hardie & Lee (2005), checked
against the published summary files, and the model's expectations computed a second way
(numerical integration over the posterior).
"""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import crm_course as crm
from crm_course.course import course_path
from crm_course.models.btyd import BGNBD, GammaGamma

CDNOW_END = "1997-09-30"


@pytest.fixture(scope="module")
def cdnow_tx():
    return crm.load_dataset("cdnow")


@pytest.fixture(scope="module")
def weeks(cdnow_tx):
    return crm.btyd_summary(cdnow_tx, amount="amount", calibration_end=CDNOW_END)


@pytest.fixture(scope="module")
def published():
    """Fader & Hardie's own per-customer file (x, t_x, T, zbar in weeks), as shipped."""
    return crm.load_dataset("cdnow_summary")


@pytest.fixture(scope="module")
def bgnbd(published):
    return crm.fit_bgnbd(published, unit="W")


@pytest.fixture(scope="module")
def gamma_gamma(published):
    return crm.fit_gamma_gamma(published)


@pytest.fixture
def tx():
    """Six transactions by hand: 'a' buys twice on 1 Jan (one purchase day), 'c' buys after the end."""
    return pd.DataFrame(
        {
            "customer_id": ["a", "a", "a", "b", "a", "c"],
            "date": pd.to_datetime(
                ["2024-01-01", "2024-01-01", "2024-01-15", "2024-01-08", "2024-01-29", "2024-02-05"]
            ),
            "amount": [10.0, 5.0, 20.0, 30.0, 40.0, 7.0],
        }
    )


@pytest.fixture
def history():
    """Six customers' histories in weeks, with mean repeat spend."""
    return pd.DataFrame(
        {
            "frequency": [0, 1, 2, 0, 3, 1],
            "recency": [0.0, 5.0, 10.0, 0.0, 20.0, 2.0],
            "T": [30.0, 30.0, 25.0, 12.0, 28.0, 20.0],
            "monetary_value": [0.0, 10.0, 12.0, 0.0, 8.0, 20.0],
        },
        index=pd.Index(["u", "v", "w", "x", "y", "z"], name="customer_id"),
    )


# --------------------------------------------------------------------------------------------
# btyd_summary
# --------------------------------------------------------------------------------------------


def test_summary_by_hand(tx):
    summary = crm.btyd_summary(tx, amount="amount", calibration_end="2024-01-29", unit="D")
    expected = pd.DataFrame(
        {
            "frequency": [2, 0],  # 'a': 1, 15 and 29 Jan; the two purchases on 1 Jan are one purchase day
            "recency": [28.0, 0.0],
            "T": [28.0, 21.0],  # the calibration end day counts: 'a' bought on it
            "monetary_value": [30.0, 0.0],  # (20 + 40) / 2, the first day's 15 left out
        },
        index=pd.Index(["a", "b"], name="customer_id"),
    )
    pd.testing.assert_frame_equal(summary, expected)
    assert "c" not in summary.index  # first purchase after the calibration end: not a customer yet
    assert summary.attrs["unit"] == "D"


def test_summary_default_end_is_last_date_and_weeks(tx):
    summary = crm.btyd_summary(tx)
    assert list(summary.columns) == ["frequency", "recency", "T"]
    assert summary.loc["a", "T"] == pytest.approx(5.0)  # 1 Jan to 5 Feb = 35 days = 5 weeks
    assert summary.loc["c"].tolist() == [0, 0.0, 0.0]
    assert summary.attrs["unit"] == "W"


def test_summary_other_column_names_and_string_dates(tx):
    renamed = tx.rename(columns={"customer_id": "客户", "date": "日期", "amount": "金额"})
    renamed["日期"] = renamed["日期"].dt.strftime("%Y-%m-%d")
    summary = crm.btyd_summary(renamed, customer="客户", date="日期", amount="金额", unit="D")
    expected = crm.btyd_summary(tx, amount="amount", unit="D")
    pd.testing.assert_frame_equal(summary, expected.rename_axis("客户"))


def test_summary_ignores_time_of_day(tx):
    timed = tx.assign(date=tx["date"] + pd.to_timedelta([1, 23, 5, 0, 12, 8], unit="h"))
    pd.testing.assert_frame_equal(crm.btyd_summary(timed, amount="amount"), crm.btyd_summary(tx, amount="amount"))


def test_cdnow_summary_reproduces_published_file(weeks):
    reference = pd.read_csv(course_path("datasets") / "cdnow" / "cdnow_customers_summary.csv", index_col="ID")
    ours = weeks[["frequency", "recency", "T"]].round(2)
    assert len(ours) == 2357 and ours["frequency"].sum() == 2457
    pd.testing.assert_frame_equal(ours, reference, check_names=False)


def test_cdnow_monetary_value_matches_zbar(weeks, published):
    # The published zbar rounds halves up (22.345 -> 22.35), so compare to half a cent.
    assert weeks.index.equals(published.index)
    assert (weeks["monetary_value"] - published["monetary_value"]).abs().max() <= 0.005 + 1e-9
    assert weeks.loc[1, "monetary_value"] == pytest.approx(22.345)


def test_summary_days_are_seven_times_weeks(cdnow_tx, weeks):
    days = crm.btyd_summary(cdnow_tx, amount="amount", calibration_end=CDNOW_END, unit="D")
    pd.testing.assert_series_equal(days["frequency"], weeks["frequency"])
    np.testing.assert_allclose(days[["recency", "T"]], weeks[["recency", "T"]] * 7)


def test_summary_row_order_and_no_mutation(cdnow_tx, weeks):
    shuffled = cdnow_tx.sample(frac=1, random_state=7)
    before = shuffled.copy()
    pd.testing.assert_frame_equal(crm.btyd_summary(shuffled, amount="amount", calibration_end=CDNOW_END), weeks)
    pd.testing.assert_frame_equal(shuffled, before)


@pytest.mark.parametrize(
    ("change", "kwargs", "error", "match"),
    [
        (lambda t: t.drop(columns="date"), {}, ValueError, r"Column 'date' \(argument `date=`\) is not in `tx`"),
        (lambda t: t, {"amount": "spend"}, ValueError, r"Column 'spend' \(argument `amount=`\)"),
        (lambda t: t.iloc[:0], {}, ValueError, r"`tx` is empty"),
        (lambda t: t.assign(customer_id=["a", None, "a", "b", "a", "c"]), {}, ValueError,
         r"1 missing value.*row\(s\) 1"),
        (lambda t: t.assign(date=["2024-01-01", "soon", "2024-01-15", "2024-01-08", "2024-01-29", "2024-02-05"]),
         {}, ValueError, r"1 value\(s\) that are not dates.*'soon'.*read_transactions"),
        (lambda t: t.assign(date=["01/02/2024"] * 6), {}, ValueError, r"not dates.*'01/02/2024'"),
        (lambda t: t.assign(date=[20240101] * 6), {}, TypeError, r"holds numbers such as 20240101"),
        (lambda t: t.assign(date=t["date"].where(t.index != 2)), {}, ValueError, r"Column 'date'.*1 missing value"),
        (lambda t: t.assign(amount=[10.0, -5.0, 20.0, 30.0, 40.0, 7.0]), {"amount": "amount"}, ValueError,
         r"1 negative value\(s\) \(returns or refunds\?\): -5.0"),
        (lambda t: t.assign(amount=["10", "x", "1", "1", "1", "1"]), {"amount": "amount"}, TypeError, r"'x'"),
        (lambda t: t, {"unit": "M"}, ValueError, r"The value for `unit` must be one of \['D', 'W'\], but 'M'"),
        (lambda t: t, {"calibration_end": "2023-12-31"}, ValueError, r"No transaction .* first one is on 2024-01-01"),
        (lambda t: t, {"calibration_end": "someday"}, ValueError, r"`calibration_end` must be a date"),
    ],
)
def test_summary_bad_input(tx, change, kwargs, error, match):
    with pytest.raises(error, match=match):
        crm.btyd_summary(change(tx), **kwargs)


def test_summary_refuses_non_frame():
    with pytest.raises(TypeError, match=r"`tx` must be a pandas DataFrame, but a list"):
        crm.btyd_summary([1, 2, 3])


# --------------------------------------------------------------------------------------------
# BG/NBD
# --------------------------------------------------------------------------------------------


def test_bgnbd_reproduces_published_cdnow_estimates(bgnbd):
    assert [round(v, 3) for v in bgnbd.params] == [0.243, 4.414, 0.793, 2.426]
    assert round(bgnbd.log_likelihood, 1) == -9582.4
    assert bgnbd.n_customers == 2357 and bgnbd.unit == "W"


def test_bgnbd_worked_example(bgnbd):
    assert round(bgnbd.expected_purchases(39, frequency=2, recency=30.43, T=38.86), 3) == 1.226


def test_bgnbd_from_raw_transactions_matches_published(weeks):
    model = crm.fit_bgnbd(weeks)
    assert [round(v, 3) for v in model.params] == [0.243, 4.414, 0.793, 2.426]
    assert model.unit == "W"  # read from the summary's attrs


def _expected_by_integration(model, t, x, t_x, T):
    """E[Y(t) | x, t_x, T] a second way: P(alive) times the mean of (1 - exp(-lambda p t)) / p over
    the posterior lambda ~ Gamma(r + x, alpha + T), p ~ Beta(a, b + x), integrating lambda out."""
    from scipy.integrate import quad
    from scipy.special import beta as beta_function

    r, alpha, a, b = model.params
    scale = alpha + T

    def mean_given_p(p):
        if p == 0:  # the limit of (1 - (1 + p t / scale) ** -(r + x)) / p
            return (r + x) * t / scale
        return -np.expm1(-(r + x) * np.log1p(p * t / scale)) / p

    # weight "alg" is p^(a - 1) (1 - p)^(b + x - 1): the Beta density without its constant
    integral, _ = quad(mean_given_p, 0, 1, weight="alg", wvar=(a - 1, b + x - 1), epsabs=1e-12, epsrel=1e-10)
    return model.p_alive(frequency=x, recency=t_x, T=T) * integral / beta_function(a, b + x)


@pytest.mark.parametrize(
    ("t", "x", "t_x", "T"),
    [
        (39, 2, 30.43, 38.86),
        (52, 0, 0.0, 10.0),
        (10, 7, 35.0, 38.0),
        (3650, 500, 3000.0, 3650.0),  # many purchases, long horizon: eq. 10's 2F1(r + x, ...) overflows
        (300, 40, 1.0, 300.0),
    ],
)
def test_bgnbd_conditional_expectation_by_integration(bgnbd, t, x, t_x, T):
    assert bgnbd.expected_purchases(t, frequency=x, recency=t_x, T=T) == pytest.approx(
        _expected_by_integration(bgnbd, t, x, t_x, T), rel=1e-7
    )


@pytest.mark.parametrize("t", [1.0, 52.0, 520.0])
def test_bgnbd_new_customer_expectation(bgnbd, t):
    expected = bgnbd.expected_purchases_new_customer(t)
    assert expected == pytest.approx(_expected_by_integration(bgnbd, t, 0, 0.0, 0.0), rel=1e-7)
    assert expected == pytest.approx(bgnbd.expected_purchases(t, frequency=0, recency=0, T=0))


def test_bgnbd_p_alive_by_hand(bgnbd):
    r, alpha, a, b = bgnbd.params
    odds_dead = a / (b + 2 - 1) * ((alpha + 38.86) / (alpha + 30.43)) ** (r + 2)
    assert bgnbd.p_alive(frequency=2, recency=30.43, T=38.86) == pytest.approx(1 / (1 + odds_dead))
    assert bgnbd.p_alive(frequency=0, recency=0, T=50) == 1.0


def test_bgnbd_matches_lifetimes(bgnbd, published):
    lifetimes = pytest.importorskip("lifetimes")
    reference = lifetimes.BetaGeoFitter()
    reference.params_ = pd.Series(dict(zip(["r", "alpha", "a", "b"], bgnbd.params)))
    columns = dict(frequency=published["frequency"], recency=published["recency"], T=published["T"])
    np.testing.assert_allclose(
        bgnbd.expected_purchases(39, **columns),
        reference.conditional_expected_number_of_purchases_up_to_time(39, *columns.values()),
        rtol=1e-9,
    )
    np.testing.assert_allclose(
        bgnbd.p_alive(**columns), reference.conditional_probability_alive(*columns.values()), rtol=1e-9
    )


def test_bgnbd_output_types(bgnbd, published):
    head = published.head(3)
    result = bgnbd.expected_purchases(39, frequency=head["frequency"], recency=head["recency"], T=head["T"])
    assert isinstance(result, pd.Series) and result.index.equals(head.index) and result.name == "expected_purchases"
    arrays = bgnbd.p_alive(frequency=[2, 0], recency=np.array([30.43, 0.0]), T=38.86)
    assert isinstance(arrays, np.ndarray) and arrays.shape == (2,)
    assert isinstance(bgnbd.expected_purchases_new_customer(10), float)
    grid = bgnbd.expected_purchases_new_customer(pd.Series([0.0, 10.0], index=["now", "later"]))
    assert str(grid.iloc[0]) == "0.0" and list(grid.index) == ["now", "later"]


def test_bgnbd_days_and_weeks_agree(cdnow_tx, weeks):
    days = crm.btyd_summary(cdnow_tx, calibration_end=CDNOW_END, unit="D")
    in_weeks, in_days = crm.fit_bgnbd(weeks), crm.fit_bgnbd(days)
    assert in_days.unit == "D"
    np.testing.assert_allclose([in_days.r, in_days.a, in_days.b], [in_weeks.r, in_weeks.a, in_weeks.b], rtol=1e-4)
    assert in_days.alpha == pytest.approx(7 * in_weeks.alpha, rel=1e-4)


def test_bgnbd_row_order_and_no_mutation(published, bgnbd):
    shuffled = published.sample(frac=1, random_state=3)
    before = shuffled.copy()
    np.testing.assert_allclose(crm.fit_bgnbd(shuffled).params, bgnbd.params, rtol=1e-6)
    pd.testing.assert_frame_equal(shuffled, before)


def test_bgnbd_small_frame(history):
    # six customers cannot pin down four parameters: the fit runs and says so (issue 8)
    with pytest.warns(RuntimeWarning, match=r"The BG/NBD estimates are not identified by this data \(6 customers, "
                                            r"4 with repeat purchases\).*Do not trust them"):
        model = crm.fit_bgnbd(history, unit="W")
    assert isinstance(model, BGNBD) and model.n_customers == 6
    assert np.isfinite(model.log_likelihood) and (model.params > 0).all()


@pytest.mark.filterwarnings("ignore:The BG/NBD estimates are not identified")
def test_bgnbd_warns_when_the_search_stops_early(history, monkeypatch):
    import scipy.optimize

    real_minimize = scipy.optimize.minimize

    def one_step(*args, **kwargs):
        return real_minimize(*args, **{**kwargs, "options": {"maxiter": 1}})

    monkeypatch.setattr(scipy.optimize, "minimize", one_step)
    with pytest.warns(RuntimeWarning, match=r"The BG/NBD fit stopped before converging"):
        crm.fit_bgnbd(history)


@pytest.mark.parametrize(
    ("column", "values", "error", "match"),
    [
        ("frequency", [0, -1, 2, 0, 3, 1], ValueError,
         r"1 customer\(s\) have a `frequency` that is not a whole number >= 0: 'v' \(frequency=-1"),
        ("frequency", [0, 1.5, 2, 0, 3, 1], ValueError, r"not a whole number >= 0: 'v' \(frequency=1.5"),
        ("recency", [0.0, 5.0, 10.0, 0.0, 20.0, 25.0], ValueError, r"`recency` greater than `T`: 'z'.*same time unit"),
        ("recency", [1.0, 5.0, 10.0, 0.0, 20.0, 2.0], ValueError, r"`frequency` 0 but `recency` > 0: 'u'"),
        ("recency", [0.0, 0.0, 10.0, 0.0, 20.0, 2.0], ValueError, r"`frequency` > 0 but `recency` 0: 'v'.*same day"),
        ("T", [30.0, 30.0, 25.0, -12.0, 28.0, 20.0], ValueError, r"a negative `recency` or `T`: 'x'"),
        ("T", [30.0, np.nan, 25.0, 12.0, 28.0, 20.0], ValueError, r"Column 'T' .* 1 missing value"),
        ("recency", ["0", "5", "ten", "0", "20", "2"], TypeError, r"Column 'recency' .* must be numeric.*'ten'"),
    ],
)
def test_bgnbd_bad_summary(history, column, values, error, match):
    with pytest.raises(error, match=match):
        crm.fit_bgnbd(history.assign(**{column: values}))


def test_bgnbd_bad_arguments(history):
    with pytest.raises(ValueError, match=r"Column 'x' \(argument `frequency=`\) is not in `summary`"):
        crm.fit_bgnbd(history, frequency="x")
    with pytest.raises(ValueError, match=r"`summary` is empty"):
        crm.fit_bgnbd(history.iloc[:0])
    with pytest.raises(ValueError, match=r"No customer in `summary` has a repeat purchase"):
        crm.fit_bgnbd(history.assign(frequency=0, recency=0.0))
    with pytest.raises(ValueError, match=r"The value for `unit` must be one of \['D', 'W'\], but 'weeks'"):
        crm.fit_bgnbd(history, unit="weeks")
    days = history.copy()
    days.attrs["unit"] = "D"
    with pytest.raises(ValueError, match=r"`unit='W'` contradicts the summary.*unit='D'"):
        crm.fit_bgnbd(days, unit="W")


def test_bgnbd_prediction_bad_arguments(bgnbd, published):
    with pytest.raises(ValueError, match=r"`recency` greater than `T`: 0 \(frequency=2, recency=40, T=38.86\)"):
        bgnbd.expected_purchases(39, frequency=2, recency=40, T=38.86)
    with pytest.raises(ValueError, match=r"`t` is a length of time and must be >= 0, but has -1.0"):
        bgnbd.expected_purchases(-1, frequency=2, recency=30, T=38)
    with pytest.raises(ValueError, match=r"`t` is a length of time"):
        bgnbd.expected_purchases_new_customer([1, -2])
    with pytest.raises(TypeError, match=r"`frequency` must be a number or numbers, but 'two'"):
        bgnbd.p_alive(frequency="two", recency=30, T=38)
    with pytest.raises(ValueError, match=r"`T` must be finite numbers, but has nan"):
        bgnbd.p_alive(frequency=1, recency=30, T=np.nan)
    # Series are matched by customer, not by position (issue 8): reversed is the same, others are refused
    columns = {c: published[c] for c in ("frequency", "recency", "T")}
    pd.testing.assert_series_equal(bgnbd.p_alive(**{**columns, "recency": published["recency"].iloc[::-1]}),
                                   bgnbd.p_alive(**columns))
    with pytest.raises(ValueError, match=r"`recency` and `frequency` are Series for different customers"):
        bgnbd.p_alive(**{**columns, "recency": published["recency"].iloc[1:]})
    with pytest.raises(ValueError, match=r"index of `T` repeats"):
        bgnbd.p_alive(frequency=2, recency=30.0, T=pd.Series([38.0, 39.0], index=[1, 1]))
    with pytest.raises(ValueError, match=r"shapes that do not fit together"):
        bgnbd.p_alive(frequency=[1, 2], recency=[1, 2, 3], T=40)
    with pytest.raises(ValueError, match=r"`frequency` 0 but `recency` > 0: 1"):
        bgnbd.p_alive(frequency=[1, 0], recency=[3, 3], T=40)


histories = st.integers(min_value=0, max_value=200).flatmap(
    lambda x: st.tuples(
        st.just(x),
        st.floats(min_value=0.01, max_value=1.0) if x > 0 else st.just(0.0),
        st.floats(min_value=0.1, max_value=500.0),
    )
)


@settings(max_examples=60, deadline=None)
@given(history=histories, t=st.floats(min_value=0.0, max_value=500.0))
def test_bgnbd_predictions_are_sensible(bgnbd, history, t):
    x, share, T = history
    t_x = share * T
    alive = bgnbd.p_alive(frequency=x, recency=t_x, T=T)
    assert 0.0 <= alive <= 1.0
    now = bgnbd.expected_purchases(t, frequency=x, recency=t_x, T=T)
    later = bgnbd.expected_purchases(t + 10, frequency=x, recency=t_x, T=T)
    assert np.isfinite(later) and 0.0 <= now <= later


# --------------------------------------------------------------------------------------------
# Gamma-Gamma
# --------------------------------------------------------------------------------------------


def test_gamma_gamma_reproduces_published_cdnow_estimates(gamma_gamma, published):
    assert [round(v, 2) for v in gamma_gamma.params] == [6.25, 3.74, 15.45]
    assert gamma_gamma.n_customers == 946 and gamma_gamma.n_excluded == 1411
    repeat = published["frequency"] > 0
    assert round(published.loc[repeat, "monetary_value"].mean(), 2) == 35.08


def test_gamma_gamma_worked_example(gamma_gamma):
    assert round(gamma_gamma.expected_spend(frequency=2, monetary_value=22.35), 2) == 24.66


def test_gamma_gamma_expected_spend_by_hand(gamma_gamma):
    p, q, gamma = gamma_gamma.params
    population = p * gamma / (q - 1)
    weight = p * 5 / (p * 5 + q - 1)  # weight of the customer's own mean after 5 repeat purchases
    assert gamma_gamma.expected_spend(frequency=5, monetary_value=100.0) == pytest.approx(
        (1 - weight) * population + weight * 100.0
    )
    assert gamma_gamma.expected_spend(frequency=0, monetary_value=0.0) == pytest.approx(population)
    assert gamma_gamma.mean_spend == pytest.approx(population)


def test_gamma_gamma_output_types(gamma_gamma, published):
    head = published.head(4)
    result = gamma_gamma.expected_spend(frequency=head["frequency"], monetary_value=head["monetary_value"])
    assert isinstance(result, pd.Series) and result.index.equals(head.index) and result.name == "expected_spend"
    assert isinstance(gamma_gamma.expected_spend(frequency=[1, 2], monetary_value=10), np.ndarray)


def test_gamma_gamma_row_order_and_no_mutation(published, gamma_gamma):
    shuffled = published.sample(frac=1, random_state=5)
    before = shuffled.copy()
    np.testing.assert_allclose(crm.fit_gamma_gamma(shuffled).params, gamma_gamma.params, rtol=1e-6)
    pd.testing.assert_frame_equal(shuffled, before)


def test_gamma_gamma_small_frame(history):
    with pytest.warns(RuntimeWarning, match=r"The Gamma-Gamma estimates are not identified by this data"):
        model = crm.fit_gamma_gamma(history)
    assert isinstance(model, GammaGamma) and (model.n_customers, model.n_excluded) == (4, 2)


@pytest.mark.parametrize(
    ("changes", "error", "match"),
    [
        ({"monetary_value": [0.0, 0.0, 12.0, 0.0, 8.0, 20.0]}, ValueError,
         r"1 customer\(s\) have repeat purchases but a `monetary_value` of 0: 'v' \(frequency=1, monetary_value=0\)"),
        ({"monetary_value": [0.0, -10.0, 12.0, 0.0, 8.0, 20.0]}, ValueError, r"a negative `monetary_value`: 'v'"),
        ({"frequency": [0, 1, 2.5, 0, 3, 1]}, ValueError, r"`frequency` that is not a whole number >= 0: 'w'"),
        ({"frequency": 0}, ValueError, r"No customer in `summary` has a repeat purchase"),
        ({"monetary_value": [None, 10.0, 12.0, 0.0, 8.0, 20.0]}, ValueError,
         r"Column 'monetary_value'.*1 missing value"),
    ],
)
def test_gamma_gamma_bad_summary(history, changes, error, match):
    with pytest.raises(error, match=match):
        crm.fit_gamma_gamma(history.assign(**changes))


def test_gamma_gamma_bad_arguments(history, gamma_gamma):
    with pytest.raises(ValueError, match=r"Column 'spend' \(argument `monetary_value=`\) is not in `summary`"):
        crm.fit_gamma_gamma(history, monetary_value="spend")
    with pytest.raises(ValueError, match=r"a negative `monetary_value`: 0"):
        gamma_gamma.expected_spend(frequency=1, monetary_value=-3)
    heavy_tailed = GammaGamma(p=2.0, q=0.8, gamma=10.0, log_likelihood=0.0, n_customers=1, n_excluded=1)
    assert heavy_tailed.mean_spend == float("inf")
    with pytest.raises(ValueError, match=r"q = 0.8 is <= 1.*infinite"):
        heavy_tailed.expected_spend(frequency=[0, 2], monetary_value=[0, 10])


# --------------------------------------------------------------------------------------------
# probabilistic_clv
# --------------------------------------------------------------------------------------------


def test_clv_by_hand(bgnbd, gamma_gamma, published):
    customer = published.loc[[1]]
    clv = crm.probabilistic_clv(
        bgnbd, gamma_gamma, customer, horizon=3, unit="M", discount=0.12, discount_period="Y", margin=0.3
    )
    history = dict(frequency=2, recency=30.43, T=38.86)
    month = 365.25 / 12 / 7  # in weeks, the model's unit
    by_month = [0.0] + [bgnbd.expected_purchases(k * month, **history) for k in (1, 2, 3)]
    spend = gamma_gamma.expected_spend(frequency=2, monetary_value=22.35)
    expected = sum((by_month[k] - by_month[k - 1]) * spend * 0.3 / 1.12 ** (k / 12) for k in (1, 2, 3))
    assert clv.loc[1] == pytest.approx(expected)
    assert clv.name == "clv" and clv.index.equals(customer.index)


def test_clv_without_discount_is_expected_purchases_times_spend(bgnbd, gamma_gamma, published):
    clv = crm.probabilistic_clv(bgnbd, gamma_gamma, published, horizon=2, unit="Y", discount=0, discount_period="Y")
    columns = dict(frequency=published["frequency"], recency=published["recency"], T=published["T"])
    purchases = bgnbd.expected_purchases(2 * 365.25 / 7, **columns)
    spend = gamma_gamma.expected_spend(frequency=published["frequency"], monetary_value=published["monetary_value"])
    pd.testing.assert_series_equal(clv, (purchases * spend).rename("clv"))


def test_clv_discount_period_converts_the_rate(bgnbd, gamma_gamma, published):
    def clv(discount, discount_period):
        return crm.probabilistic_clv(
            bgnbd, gamma_gamma, published, horizon=24, unit="M", discount=discount, discount_period=discount_period
        )

    yearly = clv(0.1, "Y")
    pd.testing.assert_series_equal(yearly, clv(1.1 ** (1 / 12) - 1, "M"))
    undiscounted = clv(0, "M")
    assert (yearly < undiscounted).all()


def test_clv_days_and_weeks_agree(cdnow_tx, weeks):
    days = crm.btyd_summary(cdnow_tx, amount="amount", calibration_end=CDNOW_END, unit="D")
    spend = crm.fit_gamma_gamma(weeks)
    arguments = dict(horizon=12, unit="M", discount=0.1, discount_period="Y", margin=0.3)
    in_weeks = crm.probabilistic_clv(crm.fit_bgnbd(weeks), spend, weeks, **arguments)
    in_days = crm.probabilistic_clv(crm.fit_bgnbd(days), spend, days, **arguments)
    np.testing.assert_allclose(in_days, in_weeks, rtol=1e-4)
    assert in_weeks.loc[1] == pytest.approx(11.02, abs=0.005)


def test_clv_matches_lifetimes(bgnbd, gamma_gamma, published):
    lifetimes = pytest.importorskip("lifetimes")
    purchases = lifetimes.BetaGeoFitter()
    purchases.params_ = pd.Series(dict(zip(["r", "alpha", "a", "b"], bgnbd.params)))
    purchases.predict = purchases.conditional_expected_number_of_purchases_up_to_time
    spend = lifetimes.GammaGammaFitter()
    spend.params_ = pd.Series(dict(zip(["p", "q", "v"], gamma_gamma.params)))
    theirs = spend.customer_lifetime_value(
        purchases, published["frequency"], published["recency"], published["T"], published["monetary_value"],
        time=12, discount_rate=0.01, freq="W",
    )
    ours = crm.probabilistic_clv(
        bgnbd, gamma_gamma, published, horizon=12, unit="M", discount=0.01, discount_period="M"
    )
    # lifetimes takes a month as 4.345 weeks, we take 365.25 / 12 / 7 = 4.348
    np.testing.assert_allclose(ours, theirs, rtol=1e-3)


def test_clv_row_order_and_no_mutation(bgnbd, gamma_gamma, published):
    arguments = dict(horizon=6, unit="M", discount=0.1, discount_period="Y")
    shuffled = published.sample(frac=1, random_state=11)
    before = shuffled.copy()
    clv = crm.probabilistic_clv(bgnbd, gamma_gamma, shuffled, **arguments)
    pd.testing.assert_series_equal(clv.sort_index(), crm.probabilistic_clv(bgnbd, gamma_gamma, published, **arguments))
    pd.testing.assert_frame_equal(shuffled, before)


def test_clv_bad_arguments(bgnbd, gamma_gamma, published, history):
    good = dict(horizon=12, unit="M", discount=0.1, discount_period="Y")
    unitless = published.copy()
    unitless.attrs = {}  # a user's own summary table, made without btyd_summary
    no_unit = crm.fit_bgnbd(unitless)
    assert no_unit.unit is None
    with pytest.raises(ValueError, match=r"does not know the time unit.*fit_bgnbd\(summary, unit='W'\)"):
        crm.probabilistic_clv(no_unit, gamma_gamma, unitless, **good)
    in_days = history.copy()
    in_days.attrs["unit"] = "D"
    with pytest.raises(ValueError, match=r"`summary` was made with unit='D' but the BG/NBD model .* unit='W'"):
        crm.probabilistic_clv(bgnbd, gamma_gamma, in_days, **good)
    with pytest.raises(TypeError, match=r"`bgnbd` must be a fitted BG/NBD model .* not a GammaGamma"):
        crm.probabilistic_clv(gamma_gamma, gamma_gamma, published, **good)
    with pytest.raises(TypeError, match=r"`gamma_gamma` must be a fitted spend model"):
        crm.probabilistic_clv(bgnbd, None, published, **good)
    bad = [
        ({"horizon": 0}, ValueError, r"`horizon` must be in \[1, inf\], but 0"),
        ({"horizon": 1.5}, ValueError, r"`horizon` must be a whole number, but 1.5"),
        ({"unit": "months"}, ValueError, r"The value for `unit` must be one of \['D', 'W', 'M', 'Y'\], but 'months'"),
        ({"discount": -0.1}, ValueError, r"`discount` must be in \[0, inf\], but -0.1"),
        ({"discount_period": "Q"}, ValueError, r"The value for `discount_period` must be one of"),
        ({"margin": 30}, ValueError, r"`margin` must be in \[0, 1\], but 30"),
    ]
    for change, error, match in bad:
        with pytest.raises(error, match=match):
            crm.probabilistic_clv(bgnbd, gamma_gamma, published, **{**good, **change})
    with pytest.raises(ValueError, match=r"a negative `monetary_value`: 'v'"):
        crm.probabilistic_clv(bgnbd, gamma_gamma, history.assign(monetary_value=[0, -1.0, 1, 0, 1, 1]), **good)
    with pytest.raises(TypeError, match=r"missing 1 required keyword-only argument: 'discount_period'"):
        crm.probabilistic_clv(bgnbd, gamma_gamma, published, horizon=12, unit="M", discount=0.1)


def test_clv_refuses_non_frame_summary(bgnbd, gamma_gamma):
    with pytest.raises(TypeError, match=r"`summary` must be a pandas DataFrame, but a dict"):
        crm.probabilistic_clv(bgnbd, gamma_gamma, {"frequency": [1]}, horizon=1, unit="M", discount=0,
                              discount_period="Y")
