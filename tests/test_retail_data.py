"""The retail dataset: reproducible generator, shipped files, and the patterns the data card promises."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import crm_course as crm
from crm_course.data.catalog import datasets_dir
from crm_course.data.retail import (
    NEW_CATEGORY,
    NEW_CATEGORY_LAUNCH,
    RETAIL_BGNBD,
    RETAIL_END,
    RETAIL_GAMMA_GAMMA,
    RETAIL_START,
    make_retail,
    write_retail,
)

CUSTOMER_COLUMNS = [
    "customer_id", "signup_date", "city", "age_band", "acquisition_channel", "acquisition_cost"
]
ORDER_COLUMNS = ["order_id", "customer_id", "date", "channel", "category", "amount", "margin"]
LAPSED_DAYS = 180


@pytest.fixture(scope="module")
def customers():
    return crm.load_dataset("retail_customers")


@pytest.fixture(scope="module")
def tx():
    return crm.load_dataset("retail")


@pytest.fixture(scope="module")
def orders_per_member(customers, tx):
    return tx.groupby("customer_id").size().reindex(customers["customer_id"], fill_value=0)


# --- reproducibility -------------------------------------------------------------------------


def test_regeneration_is_byte_identical_to_the_shipped_files(tmp_path):
    written = write_retail(tmp_path)
    assert [p.name for p in written] == ["customers.csv", "transactions.csv"]
    for path in written:
        assert path.read_bytes() == (datasets_dir() / "retail" / path.name).read_bytes(), path.name


def test_loaded_files_equal_the_generator_output(customers, tx):
    made_customers, made_tx = make_retail()
    pd.testing.assert_frame_equal(customers, made_customers)
    pd.testing.assert_frame_equal(tx, made_tx)


def test_same_seed_same_data_other_seed_other_data():
    first = make_retail(5, n_customers=300)
    again = make_retail(5, n_customers=300)
    other = make_retail(6, n_customers=300)
    pd.testing.assert_frame_equal(first[1], again[1])
    assert not first[1]["amount"].equals(other[1]["amount"])


def test_files_use_two_decimals_and_unix_line_ends():
    text = (datasets_dir() / "retail" / "transactions.csv").read_bytes()
    assert b"\r" not in text
    header, row = text.decode("utf-8").splitlines()[:2]
    assert header == ",".join(ORDER_COLUMNS)
    assert len(row.split(",")[-2].split(".")[1]) == 2


# --- structure -------------------------------------------------------------------------------


def test_columns_and_dtypes(customers, tx):
    assert customers.columns.tolist() == CUSTOMER_COLUMNS
    assert tx.columns.tolist() == ORDER_COLUMNS
    kinds = [(customers, ["signup_date"], ["acquisition_cost"]), (tx, ["date"], ["amount", "margin"])]
    for frame, dates, money in kinds:
        for column in frame.columns:
            if column in dates:
                assert pd.api.types.is_datetime64_any_dtype(frame[column]), column
            elif column in money:
                assert pd.api.types.is_float_dtype(frame[column]), column
            else:
                assert pd.api.types.is_string_dtype(frame[column]), column
        assert not frame.isna().any().any()


def test_sizes_stay_small(customers, tx):
    assert 3000 <= len(customers) <= 5000
    assert 15000 <= len(tx) <= 30000
    assert (datasets_dir() / "retail" / "transactions.csv").stat().st_size < 2_000_000


def test_ids_are_unique_and_well_formed(customers, tx):
    assert customers["customer_id"].is_unique
    assert tx["order_id"].is_unique
    assert customers["customer_id"].str.fullmatch(r"C\d{5}").all()
    assert tx["order_id"].str.fullmatch(r"O\d{6}").all()
    assert tx["customer_id"].isin(customers["customer_id"]).all()
    assert not tx.duplicated(["customer_id", "date"]).any()  # at most one order a customer a day


def test_dates_in_range_and_never_before_signup(customers, tx):
    for dates in (customers["signup_date"], tx["date"]):
        assert dates.min() >= RETAIL_START and dates.max() <= RETAIL_END
        assert (dates == dates.dt.normalize()).all()
    signup = tx["customer_id"].map(customers.set_index("customer_id")["signup_date"])
    assert (tx["date"] >= signup).all()


def test_codes_and_money(customers, tx):
    assert set(customers["city"]) == {"Shanghai", "Beijing", "Hangzhou", "Chengdu", "Wuhan"}
    assert set(customers["age_band"]) == {"18-24", "25-34", "35-44", "45-54", "55+"}
    assert set(customers["acquisition_channel"]) == {"store", "wechat", "app", "marketplace", "referral"}
    assert set(tx["channel"]) == {"store", "online"}
    assert set(tx["category"]) == {"apparel", "home", "beauty", "accessories", NEW_CATEGORY}
    for money in (tx["amount"], tx["margin"], customers["acquisition_cost"]):
        assert (money > 0).all()
        assert np.allclose(money, money.round(2), rtol=0, atol=1e-9)
    assert (tx["margin"] < tx["amount"]).all()


# --- the patterns the data card promises ----------------------------------------------------


def test_every_closeness_category_is_well_populated(tx, orders_per_member):
    n = orders_per_member
    last = tx.groupby("customer_id")["date"].max().reindex(n.index)
    active = last > RETAIL_END - pd.Timedelta(days=LAPSED_DAYS)
    assert 0.10 <= (n == 0).mean() <= 0.15  # potential customers
    assert 0.15 <= (n == 1).mean() <= 0.35  # first-time buyers
    assert 0.45 <= (n >= 2).mean() <= 0.75  # repeat buyers
    assert 0.15 <= ((n >= 4) & active).mean() <= 0.35  # loyal
    assert 0.25 <= ((n > 0) & ~active).mean() <= 0.55  # lapsed


def test_pareto_top_fifth_of_buyers_bring_most_revenue(tx):
    revenue = tx.groupby("customer_id")["amount"].sum().sort_values(ascending=False)
    top = revenue.iloc[: round(0.2 * len(revenue))].sum() / revenue.sum()
    assert 0.60 <= top <= 0.80


def test_new_category_only_from_year_two(tx):
    new = tx["category"] == NEW_CATEGORY
    assert not (new & (tx["date"] < NEW_CATEGORY_LAUNCH)).any()
    assert tx.loc[new, "date"].min() == NEW_CATEGORY_LAUNCH
    year_two = tx[tx["date"].dt.year == 2024]
    assert 0.10 <= (year_two["category"] == NEW_CATEGORY).mean() <= 0.20


def test_growth_matrix_cells_all_populated(tx):
    first_year = tx.groupby("customer_id")["date"].min().dt.year
    year_two = tx[tx["date"].dt.year == 2024]
    bought_new = year_two.groupby("customer_id")["category"].agg(lambda c: (c == NEW_CATEGORY).any())
    new_customer = bought_new.index.map(first_year) == 2024
    cells = pd.crosstab(new_customer, bought_new.to_numpy())
    assert cells.shape == (2, 2)
    assert (cells >= 300).all().all()


def test_more_signups_in_year_one(customers):
    years = customers["signup_date"].dt.year.value_counts()
    assert years[2023] > 1.2 * years[2024]


def test_referral_members_buy_more_often_than_marketplace_members(customers, orders_per_member):
    per_channel = orders_per_member.groupby(customers.set_index("customer_id")["acquisition_channel"]).mean()
    assert per_channel["referral"] > 1.5 * per_channel["marketplace"]


def test_margin_rate_follows_category(tx):
    rate = tx.groupby("category")["margin"].sum() / tx.groupby("category")["amount"].sum()
    assert rate.idxmax() == NEW_CATEGORY and rate.idxmin() == "home"


# --- the process matches the stated parameters ----------------------------------------------


@pytest.mark.parametrize("weeks", [13, 26, 52])
def test_no_repeat_within_t_weeks_matches_bgnbd(tx, weeks):
    """BG/NBD: P(no repeat purchase within t weeks of the first) = (alpha / (alpha + t)) ** r."""
    window = pd.Timedelta(days=7 * weeks)
    first = tx.groupby("customer_id")["date"].min()
    observed = first[first <= RETAIL_END - window]
    since_first = tx["date"] - tx["customer_id"].map(first)
    repeaters = tx.loc[(since_first > pd.Timedelta(0)) & (since_first <= window), "customer_id"].unique()
    share = 1 - observed.index.isin(repeaters).mean()
    r, alpha = RETAIL_BGNBD["r"], RETAIL_BGNBD["alpha"]
    assert share == pytest.approx((alpha / (alpha + weeks)) ** r, abs=0.03)


def test_mean_order_value_matches_gamma_gamma(tx):
    p, q, v = RETAIL_GAMMA_GAMMA["p"], RETAIL_GAMMA_GAMMA["q"], RETAIL_GAMMA_GAMMA["v"]
    assert tx["amount"].mean() == pytest.approx(p * v / (q - 1), rel=0.1)


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_invariants_hold_for_any_seed(seed):
    customers, tx = make_retail(seed, n_customers=60)
    assert customers["customer_id"].is_unique and tx["order_id"].is_unique
    signup = tx["customer_id"].map(customers.set_index("customer_id")["signup_date"])
    assert (tx["date"] >= signup).all() and (tx["date"] <= RETAIL_END).all()
    assert not ((tx["category"] == NEW_CATEGORY) & (tx["date"] < NEW_CATEGORY_LAUNCH)).any()
    assert (tx["amount"] > 0).all() and (tx["margin"] > 0).all()
    assert tx["date"].is_monotonic_increasing


def test_members_without_any_order_are_fine():
    for seed in range(20):
        customers, tx = make_retail(seed, n_customers=1)
        assert len(customers) == 1 and len(tx) <= 200
        assert tx.columns.tolist() == ORDER_COLUMNS
        assert pd.api.types.is_string_dtype(tx["order_id"])


# --- bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"seed": -1}, ValueError, r"`seed` must be in \[0, inf\], but -1"),
        ({"seed": 1.5}, ValueError, r"`seed` must be a whole number, but 1.5"),
        ({"seed": "2024"}, TypeError, r"`seed` must be a whole number, but '2024'"),
        ({"n_customers": 0}, ValueError, r"`n_customers` must be in \[1, inf\], but 0"),
    ],
)
def test_bad_arguments_are_refused(kwargs, error, message):
    with pytest.raises(error, match=message):
        make_retail(**kwargs)
