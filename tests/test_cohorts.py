"""cohort_table: hand-checked 6-row cohorts, the period-0 convention, metrics, real data, bad input."""

import numpy as np
import pandas as pd
import pytest

import crm_course as crm

TX = pd.DataFrame({
    "customer_id": ["a", "a", "b", "b", "c", "d"],
    "date": pd.to_datetime(["2024-01-05", "2024-02-10", "2024-01-20", "2024-03-02", "2024-02-01", "2024-03-15"]),
    "amount": [10.0, 20.0, 5.0, 7.0, 30.0, 40.0],
})
NAN = np.nan


def rows(table):
    return {str(cohort): values.tolist() for cohort, values in table.iterrows()}


def test_customers_by_hand():
    table = crm.cohort_table(TX)
    assert rows(table) == {"2024-01": [2, 1, 1], "2024-02": [1, 0, pytest.approx(NAN, nan_ok=True)],
                           "2024-03": [1, pytest.approx(NAN, nan_ok=True), pytest.approx(NAN, nan_ok=True)]}
    assert table.index.name == "cohort" and table.columns.name == "period" and list(table.columns) == [0, 1, 2]
    assert table.attrs == {"period": "M", "metric": "customers", "sizes": {"2024-01": 2, "2024-02": 1, "2024-03": 1}}


def test_share_revenue_and_survivors_by_hand():
    share = crm.cohort_table(TX, metric="share")
    assert share.iloc[0].tolist() == [1.0, 0.5, 0.5]
    revenue = crm.cohort_table(TX, metric="revenue")
    assert revenue.iloc[0].tolist() == [15.0, 20.0, 7.0] and revenue.iloc[1, :2].tolist() == [30.0, 0.0]
    survivors = crm.cohort_table(TX, metric="survivors")
    # a last buys in period 1, b in period 2: both still buying at t = 1, only b at t = 2
    assert survivors.iloc[0].tolist() == [2, 2, 1] and survivors.iloc[1, :2].tolist() == [1, 0]
    assert crm.cohort_survivors(survivors, cohort="2024-01").tolist() == [2, 2, 1]


def test_period_zero_is_the_acquisition_period():
    tx = pd.DataFrame({"customer_id": ["a", "a"], "date": ["2024-01-31", "2024-02-01"]})
    assert crm.cohort_table(tx).iloc[0].tolist() == [1, 1]  # one day apart, but two calendar months
    assert crm.cohort_table(tx, period="Q").iloc[0].tolist() == [1]


def test_quarters_weeks_and_years():
    assert rows(crm.cohort_table(TX, period="Q")) == {"2024Q1": [4]}
    assert crm.cohort_table(TX, period="Y").iloc[0, 0] == 4
    weekly = crm.cohort_table(TX, period="W")
    assert weekly.iloc[:, 0].sum() == 4 and weekly.columns.max() == 10  # 2024-01-05 .. 2024-03-15 spans 11 weeks


def test_row_order_and_no_mutation():
    before = TX.copy()
    pd.testing.assert_frame_equal(crm.cohort_table(TX, metric="revenue"),
                                  crm.cohort_table(TX.sample(frac=1, random_state=2), metric="revenue"))
    pd.testing.assert_frame_equal(TX, before)


def test_real_invoices_reconcile():
    tx = crm.load_dataset("online_retail")
    bought = tx[~tx["cancelled"]]
    table = crm.cohort_table(bought)
    assert table[0].sum() == bought["customer_id"].nunique() == 4339
    assert table[0].astype(int).tolist()[:3] == [885, 417, 380]  # the data card's cohort sizes
    assert (crm.cohort_table(bought, metric="share")[0] == 1).all()
    revenue = crm.cohort_table(tx, metric="revenue")  # net of cancellations
    assert revenue.sum().sum() == pytest.approx(tx["amount"].sum())
    survivors = crm.cohort_table(bought, metric="survivors")
    assert (survivors.diff(axis=1).fillna(0) <= 0).all().all()  # survivors never rise


@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        (dict(metric="retention"), ValueError, r"The value for `metric` must be one of \['customers'"),
        (dict(period="D"), ValueError, r"The value for `period` must be one of \['W', 'M', 'Q', 'Y'\]"),
        (dict(metric="revenue", amount="spend"), ValueError, r"Column 'spend' \(argument `amount=`\)"),
        (dict(date="day"), ValueError, r"Column 'day' \(argument `date=`\)"),
    ],
)
def test_bad_input(kwargs, error, message):
    with pytest.raises(error, match=message):
        crm.cohort_table(TX, **kwargs)


def test_cohort_survivors_needs_a_survivors_table():
    with pytest.raises(ValueError, match="metric='survivors'"):
        crm.cohort_survivors(crm.cohort_table(TX), cohort="2024-01")
    with pytest.raises(ValueError, match="`cohort` must be one of"):
        crm.cohort_survivors(crm.cohort_table(TX, metric="survivors"), cohort="2023-12")
