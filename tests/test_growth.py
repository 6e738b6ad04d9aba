"""The customer growth matrix: four cells that add up to the later period's revenue."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import crm_course as crm
from crm_course.i18n import text
from crm_course.models.growth import GROWTH_CELLS, growth_matrix

SPLIT = "2024-07-01"


@pytest.fixture
def tx():
    # before the split: a bought tea, b bought cups (and pots). From the split on:
    #   a tea 30, b tea 25 -> loyalty 55 (a, b)      a mugs 15 -> expansion 15 (a)
    #   c tea 40, d cups 12 -> acquisition 52 (c, d)  c mugs 5, e mugs 8 -> diversification 13 (c, e)
    return pd.DataFrame(
        {
            "customer_id": ["a", "b", "b", "a", "a", "b", "c", "c", "d", "e"],
            "category": ["tea", "cups", "pots", "tea", "mugs", "tea", "tea", "mugs", "cups", "mugs"],
            "amount": [10.0, 20.0, 7.0, 30.0, 15.0, 25.0, 40.0, 5.0, 12.0, 8.0],
            "date": pd.to_datetime(
                ["2024-01-05", "2024-02-01", "2024-03-03", "2024-07-01", "2024-08-01",
                 "2024-08-15", "2024-09-01", "2024-09-02", "2024-10-10", "2024-12-31"]
            ),
        }
    )


def test_known_cells(tx):
    result = growth_matrix(tx, split=SPLIT)
    assert result["cell"].tolist() == ["loyalty", "expansion", "acquisition", "diversification"]
    assert result["customers"].tolist() == ["existing", "existing", "new", "new"]
    assert result["products"].tolist() == ["existing", "new", "existing", "new"]
    assert result["revenue"].tolist() == [55.0, 15.0, 52.0, 13.0]
    assert result["buyers"].tolist() == [2, 1, 2, 2]
    assert result["share"].tolist() == pytest.approx([55 / 135, 15 / 135, 52 / 135, 13 / 135])
    assert list(result.columns) == ["cell", "customers", "products", "revenue", "share", "buyers"]


def test_cells_add_up_exactly_to_the_later_revenue(tx):
    result = growth_matrix(tx, split=SPLIT)
    later = tx.loc[tx["date"] >= SPLIT, "amount"].sum()
    assert result["revenue"].sum() == later == 135.0
    assert result["share"].sum() == pytest.approx(1)


def test_a_purchase_on_the_split_day_is_in_the_later_period(tx):
    # a's tea on 2024-07-01 counts; moving the split one day later moves it to the earlier period
    assert growth_matrix(tx, split="2024-07-01")["revenue"].sum() == 135.0
    assert growth_matrix(tx, split="2024-07-02")["revenue"].sum() == 105.0


def test_empty_cells_are_kept_with_zero():
    tx = pd.DataFrame(
        {
            "customer_id": [1, 1, 2],
            "category": ["tea", "tea", "tea"],
            "amount": [5, 7, 9],
            "date": ["2024-01-01", "2024-02-01", "2024-02-02"],
        }
    )
    result = growth_matrix(tx, split="2024-02-01")
    assert result["revenue"].tolist() == [7.0, 0.0, 9.0, 0.0]
    assert result["buyers"].tolist() == [1, 0, 1, 0]
    assert result["buyers"].dtype == "int64"


def test_pivot_to_a_two_by_two(tx):
    square = growth_matrix(tx, split=SPLIT).pivot(index="customers", columns="products", values="revenue")
    assert square.loc["existing", "existing"] == 55.0 and square.loc["new", "new"] == 13.0


def test_column_names_can_be_overridden(tx):
    renamed = tx.rename(columns={"customer_id": "cust", "category": "sku", "amount": "value", "date": "day"})
    result = growth_matrix(renamed, split=SPLIT, customer="cust", product="sku", amount="value", date="day")
    pd.testing.assert_frame_equal(result, growth_matrix(tx, split=SPLIT))


def test_iso_text_dates_are_accepted(tx):
    as_text = tx.assign(date=tx["date"].dt.strftime("%Y-%m-%d"))
    pd.testing.assert_frame_equal(growth_matrix(as_text, split=SPLIT), growth_matrix(tx, split=SPLIT))


def test_row_order_does_not_change_a_digit():
    # floating-point sums depend on the order of the terms; these amounts expose it
    amounts = [1.9025802568230132e16, 0.18570358294218053, 0.3339181424307956, 0.12095123297247551,
               3.545337825804165, 0.46784664831408085, 2.9976801874551167, 5866140042988030.0]
    tx = pd.DataFrame(
        {
            "customer_id": ["a"] * 9,
            "category": ["tea"] * 9,
            "amount": [1.0, *amounts],
            "date": pd.to_datetime(["2024-01-01"] + ["2024-03-01"] * 8),
        }
    )
    expected = growth_matrix(tx, split="2024-02-01")
    rng = np.random.default_rng(0)
    for _ in range(40):
        shuffled = tx.iloc[[0, *(1 + rng.permutation(8))]]
        pd.testing.assert_frame_equal(growth_matrix(shuffled, split="2024-02-01"), expected, check_exact=True)


def test_input_is_not_mutated(tx):
    before = tx.copy()
    growth_matrix(tx, split=SPLIT)
    pd.testing.assert_frame_equal(tx, before)


@pytest.mark.parametrize("split", ["2024-01-05", "2023-06-01"])
def test_split_with_no_earlier_period_says_to_keep_it(tx, split):
    with pytest.raises(ValueError, match=rf"^There are no transactions before `split` \({split}\); keep the earlier "
                                         rf"period in the data .* or pass a `split` after 2024-01-05 and no later "
                                         rf"than 2024-12-31"):
        growth_matrix(tx, split=split)


def test_split_with_no_later_period_says_to_keep_it(tx):
    with pytest.raises(ValueError, match=r"^There are no transactions on or after `split` \(2025-01-01\); keep the "
                                         r"later period in the data .* or pass a `split` after 2024-01-05"):
        growth_matrix(tx, split="2025-01-01")


def test_split_edges_inside_the_data_are_accepted(tx):
    assert growth_matrix(tx, split="2024-12-31")["revenue"].sum() == 8.0
    assert growth_matrix(tx, split="2024-01-06")["revenue"].sum() == tx["amount"].sum() - 10.0


def test_split_is_required_and_must_be_a_date(tx):
    with pytest.raises(TypeError, match="split"):
        growth_matrix(tx)
    with pytest.raises(ValueError, match=r"`split` must be a date such as '2024-12-31', but 'soon'"):
        growth_matrix(tx, split="soon")


def test_bad_transactions_are_refused(tx):
    with pytest.raises(ValueError, match=r"Column 'category' \(argument `product=`\) is not in `tx`.*product="):
        growth_matrix(tx.drop(columns="category"), split=SPLIT)
    with pytest.raises(ValueError, match=r"'customer_id' \(argument `customer=`\).*1 missing"):
        growth_matrix(tx.assign(customer_id=tx["customer_id"].where(tx.index != 3)), split=SPLIT)
    with pytest.raises(ValueError, match=r"'category' \(argument `product=`\).*1 missing"):
        growth_matrix(tx.assign(category=tx["category"].where(tx.index != 4)), split=SPLIT)
    with pytest.raises(ValueError, match=r"'amount'.*1 negative value\(s\), e\.g\. -5\.0"):
        growth_matrix(tx.assign(amount=tx["amount"].where(tx.index != 7, -5.0)), split=SPLIT)
    with pytest.raises(TypeError, match=r"'amount'.*must be numeric.*'ten'"):
        growth_matrix(tx.assign(amount=tx["amount"].astype(object).where(tx.index != 2, "ten")), split=SPLIT)
    with pytest.raises(ValueError, match=r"'date' \(argument `date=`\).*not dates such as '2024-12-31'.*'last week'"):
        growth_matrix(tx.assign(date=tx["date"].astype(str).where(tx.index != 2, "last week")), split=SPLIT)
    with pytest.raises(TypeError, match=r"holds numbers such as 20240101.*not dates"):
        growth_matrix(tx.assign(date=20240101 + tx.index), split=SPLIT)
    with pytest.raises(ValueError, match="`tx` is empty"):
        growth_matrix(tx.iloc[:0], split=SPLIT)
    with pytest.raises(TypeError, match="`tx` must be a pandas DataFrame"):
        growth_matrix(tx.to_dict(), split=SPLIT)


def _by_hand(tx, split):
    """Row by row: the cell of every later transaction."""
    split = pd.Timestamp(split)
    earlier = tx[tx["date"] < split]
    totals = dict.fromkeys(GROWTH_CELLS, 0)
    for row in tx[tx["date"] >= split].itertuples():
        customers = "existing" if row.customer_id in set(earlier["customer_id"]) else "new"
        products = "existing" if row.category in set(earlier["category"]) else "new"
        cell = next(c for c, key in GROWTH_CELLS.items() if key == (customers, products))
        totals[cell] += row.amount
    return totals


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from("abcde"), st.sampled_from(["tea", "cups", "mugs"]),
                  st.integers(0, 1000), st.integers(0, 30)),
        min_size=2,
        max_size=25,
    ),
    st.integers(1, 30),
)
def test_cells_match_a_row_by_row_count(rows, split_day):
    tx = pd.DataFrame(rows, columns=["customer_id", "category", "amount", "day"])
    tx["date"] = pd.Timestamp("2024-01-01") + pd.to_timedelta(tx.pop("day"), unit="D")
    split = pd.Timestamp("2024-01-01") + pd.Timedelta(days=split_day)
    if not tx["date"].min() < split <= tx["date"].max():
        with pytest.raises(ValueError, match=r"There are no transactions (before|on or after) `split`"):
            growth_matrix(tx, split=split)
        return
    if tx.loc[tx["date"] >= split, "amount"].sum() == 0:
        with pytest.raises(ValueError, match="have no revenue"):
            growth_matrix(tx, split=split)
        return
    result = growth_matrix(tx, split=split).set_index("cell")
    assert result["revenue"].to_dict() == _by_hand(tx, split)
    assert result["revenue"].sum() == tx.loc[tx["date"] >= split, "amount"].sum()


def test_labels_in_both_languages():
    for cell in GROWTH_CELLS:
        assert text(f"growth.cell.{cell}", "en") and text(f"growth.cell.{cell}", "zh")
    zh = [text(f"growth.cell.{c}", "zh") for c in GROWTH_CELLS]
    assert zh == ["客户忠诚", "客户扩充", "客户获得", "客户多样化"]
    assert text("growth.group.existing", "zh") == "现有" and text("growth.group.new", "zh") == "新"
    assert text("growth.title", "zh") == "客户增长矩阵"


def test_public_name():
    assert crm.growth_matrix is growth_matrix


# ---------------------------------------------------------------- hostile input and attrs (issue 8)


def test_zero_later_revenue_is_said_not_given_as_nan_shares(tx):
    free = tx.assign(amount=np.where(tx["date"] >= SPLIT, 0.0, tx["amount"]))
    with pytest.raises(ValueError, match=r"The 7 transaction\(s\) of `tx` from split=2024-07-01 on have no revenue "
                                         r"\(column 'amount' is 0 for all of them\).*earlier `split`"):
        growth_matrix(free, split=SPLIT)


def test_split_time_zone_against_the_data(tx):
    naive = growth_matrix(tx, split=SPLIT)
    aware = tx.assign(date=tx["date"].dt.tz_localize("Asia/Shanghai"))
    pd.testing.assert_frame_equal(growth_matrix(aware, split=SPLIT), naive, check_exact=True)
    with pytest.raises(ValueError, match=r"`split` \(2024-07-01 00:00:00\+08:00\) has a time zone but the dates of "
                                         r"`tx` have none"):
        growth_matrix(tx, split=pd.Timestamp(SPLIT, tz="Asia/Shanghai"))
    with pytest.raises(TypeError, match=r"`split` must be a date such as '2024-12-31', but 20240701 \(int\)"):
        growth_matrix(tx, split=20240701)


def test_growth_matrix_keeps_its_split_and_periods(tx):
    result = growth_matrix(tx, split=SPLIT)
    assert result.attrs == {"split": pd.Timestamp(SPLIT), "start": pd.Timestamp("2024-01-05"),
                            "end": pd.Timestamp("2024-12-31"), "product": "category"}
