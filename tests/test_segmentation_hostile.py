"""Hostile input and parameters kept in `.attrs` for RFM, segments, ABC and Pareto (issues 7 and 8)."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import crm_course as crm
from crm_course.models.segmentation import DEFAULT_SEGMENT_RULES

ONLINE_RETAIL = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "online_retail" / "online_retail.csv.gz"


@pytest.fixture
def tx():
    return pd.DataFrame(
        {
            "customer_id": ["a", "a", "b", "c", "c", "c"],
            "date": pd.to_datetime(
                ["2024-01-05", "2024-03-01", "2024-02-10", "2024-01-20", "2024-02-25", "2024-03-02"]
            ),
            "amount": [20.0, 35.5, 120.0, 10.0, 15.0, 12.5],
        }
    )


# ---------------------------------------------------------------- frequency: purchase days or orders


@pytest.fixture
def invoice_lines():
    """Invoice-line data: one row per product. x: 2 invoices on 2 days (5 lines); y: 2 invoices on one
    day (3 lines); z: 1 invoice (1 line)."""
    return pd.DataFrame(
        {
            "customer_id": ["x", "x", "x", "x", "x", "y", "y", "y", "z"],
            "invoice": ["i1", "i1", "i1", "i2", "i2", "i3", "i4", "i4", "i5"],
            "date": pd.to_datetime(["2024-01-02 10:00"] * 3 + ["2024-01-09 16:30"] * 2
                                   + ["2024-01-05 09:00", "2024-01-05 15:00", "2024-01-05 15:00", "2024-01-08 12:00"]),
            "amount": [1.5, 2.0, 3.0, 4.0, 0.5, 10.0, 2.0, 3.0, 7.0],
        }
    )


def test_frequency_counts_purchase_days_not_invoice_lines(invoice_lines):
    table = crm.rfm_table(invoice_lines)
    assert table["frequency"].to_dict() == {"x": 2, "y": 1, "z": 1}
    assert table["monetary"].to_dict() == {"x": 11.0, "y": 15.0, "z": 7.0}
    assert table.attrs["order"] is None
    # the BG/NBD summary counts the same purchases: the days after the first
    summary = crm.btyd_summary(invoice_lines, unit="D")
    assert summary["frequency"].to_dict() == {"x": 1, "y": 0, "z": 0}


def test_order_column_counts_invoices(invoice_lines):
    table = crm.rfm_table(invoice_lines, order="invoice")
    assert table["frequency"].to_dict() == {"x": 2, "y": 2, "z": 1}
    assert table["monetary"].to_dict() == {"x": 11.0, "y": 15.0, "z": 7.0}
    assert table.attrs["order"] == "invoice"


@pytest.mark.skipif(not ONLINE_RETAIL.exists(),
                    reason=f"the real Online Retail log is not beside the repository ({ONLINE_RETAIL})")
def test_online_retail_customer_12347_has_7_purchases_not_182_lines():
    raw = pd.read_csv(ONLINE_RETAIL, usecols=["InvoiceNo", "InvoiceDate", "Quantity", "UnitPrice", "CustomerID"],
                      parse_dates=["InvoiceDate"])
    tx = raw.dropna(subset=["CustomerID"]).assign(amount=lambda t: t["Quantity"] * t["UnitPrice"])
    assert (tx["CustomerID"] == 12347).sum() == 182  # invoice lines
    by_day = crm.rfm_table(tx, customer="CustomerID", date="InvoiceDate")
    by_invoice = crm.rfm_table(tx, customer="CustomerID", date="InvoiceDate", order="InvoiceNo")
    assert by_day.loc[12347.0, "frequency"] == by_invoice.loc[12347.0, "frequency"] == 7
    assert by_day.loc[12347.0, "monetary"] == 4310.0  # exactly, not 4310.000000000001
    assert by_day.loc[12347.0, "recency"] == 3  # last invoice 2011-12-07; data ends 2011-12-09
    assert len(by_day) == 4372


# ---------------------------------------------------------------- row order and float amounts


def test_monetary_and_scores_do_not_depend_on_row_order_for_float_amounts():
    rng = np.random.default_rng(7)
    n = 600
    tx = pd.DataFrame({
        "customer_id": rng.integers(0, 40, n),
        "date": pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 200, n), unit="D"),
        "amount": rng.integers(1, 10_000, n) / 100 + 0.1,  # cents, which floats cannot hold exactly
    })
    table = crm.rfm_table(tx)
    scores = crm.rfm_scores(table)
    for seed in range(5):
        shuffled = tx.sample(frac=1, random_state=seed)
        pd.testing.assert_frame_equal(crm.rfm_table(shuffled), table, check_exact=True)
        pd.testing.assert_frame_equal(crm.rfm_scores(crm.rfm_table(shuffled)), scores, check_exact=True)


def test_equal_totals_tie_whatever_the_order_of_the_amounts():
    # 0.1 + 0.2 + 0.3 is 0.6000000000000001 in this order and 0.6 in the reverse one
    tx = pd.DataFrame({"customer_id": ["a", "a", "a", "b"],
                       "date": pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-03", "2024-01-03"]),
                       "amount": [0.1, 0.2, 0.3, 0.6]})
    for frame in (tx, tx.iloc[::-1]):
        table = crm.rfm_table(frame)
        assert table["monetary"].tolist() == [0.6, 0.6]
        assert crm.rfm_scores(table)["M"].nunique() == 1


# ---------------------------------------------------------------- pointed-out mistakes


def test_customer_id_in_the_index_is_pointed_out(tx):
    with pytest.raises(ValueError, match=r"'customer_id' \(argument `customer=`\) is the index of `tx`, not a "
                                         r"column.*tx.reset_index\(\)"):
        crm.rfm_table(tx.set_index("customer_id"))


@pytest.mark.parametrize("as_of", [20240331, 1.5, np.int64(20240331), True])
def test_as_of_as_a_number_is_refused(tx, as_of):
    with pytest.raises(TypeError, match=r"`as_of` must be a date such as '2024-12-31', but .* was passed. "
                                        r"Write it as text"):
        crm.rfm_table(tx, as_of=as_of)


def test_time_zones_of_as_of_and_data(tx):
    aware = tx.assign(date=tx["date"].dt.tz_localize("Asia/Shanghai"))
    expected = crm.rfm_table(tx, as_of="2024-03-31")
    # a date without a zone is the data's local day
    pd.testing.assert_frame_equal(crm.rfm_table(aware, as_of="2024-03-31"), expected, check_like=True,
                                  check_exact=True)
    # an aware date in another zone is converted to the data's zone: 2024-03-30 20:00 UTC is 03-31 in Shanghai
    converted = crm.rfm_table(aware, as_of=pd.Timestamp("2024-03-30 20:00", tz="UTC"))
    assert converted["recency"].tolist() == expected["recency"].tolist()
    with pytest.raises(ValueError, match=r"`as_of` \(2024-03-31 00:00:00\+08:00\) has a time zone but the dates "
                                         r"of `tx` have none.*'2024-03-31'.*tz_localize"):
        crm.rfm_table(tx, as_of=pd.Timestamp("2024-03-31", tz="Asia/Shanghai"))


def test_rfm_table_and_scores_keep_their_parameters(tx):
    table = crm.rfm_table(tx, as_of="2024-03-31")
    assert table.attrs == {"as_of": pd.Timestamp("2024-03-31"), "order": None}
    scores = crm.rfm_scores(table, bins=3)
    assert scores.attrs["bins"] == 3
    assert scores.attrs["as_of"] == pd.Timestamp("2024-03-31")


# ---------------------------------------------------------------- segment rules for any number of bins


@pytest.mark.parametrize("bins", range(2, 10))
def test_default_rules_hold_for_every_bins_the_slider_offers(bins):
    table = crm.rfm_table(crm.load_dataset("retail"))
    segments = crm.rfm_segments(crm.rfm_scores(table, bins=bins))
    assert segments["segment"].notna().all()
    assert len(segments) == len(table)
    assert list(segments["segment"].cat.categories) == [rule["segment"] for rule in DEFAULT_SEGMENT_RULES]
    assert segments.attrs["bins"] == bins
    # the resolved rules are whole scores for these bins and put every cell in one segment
    cells = pd.DataFrame([(r, f) for r in range(1, bins + 1) for f in range(1, bins + 1)], columns=["R", "F"])
    again = crm.rfm_segments(cells, rules=segments.attrs["rules"], bins=bins)
    assert again["segment"].notna().all()
    pd.testing.assert_series_equal(
        again["segment"].astype(str), crm.rfm_segments(cells, bins=bins)["segment"].astype(str))


def test_segments_move_as_bins_change():
    table = crm.rfm_table(crm.load_dataset("retail"))
    counts = {bins: tuple(crm.rfm_segments(crm.rfm_scores(table, bins=bins))["segment"].value_counts(sort=False))
              for bins in range(2, 10)}
    assert len(set(counts.values())) == len(counts)  # every bins gives other counts
    assert counts[5][0] == 509  # champions with 5 bins, as before the rules were written on shares


def test_default_rules_on_the_scale_of_three_and_ten_shares():
    three = crm.rfm_segments(pd.DataFrame({"R": [3, 3, 2, 1, 1], "F": [3, 1, 2, 3, 1]}), bins=3)
    assert three["segment"].tolist() == ["champions", "new_customers", "need_attention", "cant_lose_them",
                                         "hibernating"]
    two = crm.rfm_segments(pd.DataFrame({"R": [2, 2, 1, 1], "F": [2, 1, 2, 1]}), bins=2)
    assert two["segment"].tolist() == ["loyal_customers", "potential_loyalists", "at_risk", "hibernating"]
    assert "champions" not in {rule["segment"] for rule in two.attrs["rules"]}  # too narrow for 2 bins


@pytest.mark.parametrize("bins", [3, 4, 6, 9])
def test_custom_rules_written_for_five_bins_are_refused_with_other_bins(bins):
    five = [{"segment": "best", "r_min": 4, "r_max": 5, "f_min": 1, "f_max": 5},
            {"segment": "rest", "r_min": 1, "r_max": 3, "f_min": 1, "f_max": 5}]
    scores = crm.rfm_scores(crm.rfm_table(crm.load_dataset("retail")), bins=bins)
    with pytest.raises(ValueError, match=rf"`rules` are written for bins=5 \(their highest score is 5\), but the "
                                         rf"scores have bins={bins}.*shares of the scale"):
        crm.rfm_segments(scores, rules=five)
    assert crm.rfm_segments(crm.rfm_scores(scores, bins=5), rules=five)["segment"].notna().all()


def test_bins_that_contradict_the_scores_are_refused():
    scores = crm.rfm_scores(crm.rfm_table(crm.load_dataset("retail")), bins=4)
    with pytest.raises(ValueError, match=r"`bins=5` contradicts the scores, which rfm_scores made with bins=4"):
        crm.rfm_segments(scores, bins=5)


def test_rules_as_shares_are_checked_to_tile_the_scale():
    scores = pd.DataFrame({"R": [1], "F": [1]})
    top = {"segment": "top", "r_from": 0.5, "r_to": 1, "f_from": 0, "f_to": 1}
    with pytest.raises(ValueError, match=r"`rules` cover 50.0% of the R x F scale"):
        crm.rfm_segments(scores, rules=[top])
    with pytest.raises(ValueError, match=r"`rules` overlap: 'top' and 'most'"):
        crm.rfm_segments(scores, rules=[top, {"segment": "most", "r_from": 0, "r_to": 0.6, "f_from": 0, "f_to": 1}])
    with pytest.raises(ValueError, match=r"'f_to' of `rules` must hold shares of the score scale from 0 to 1.*5"):
        crm.rfm_segments(scores, rules=[{**top, "f_to": 5}])
    with pytest.raises(ValueError, match=r"'top'.*`from` share not below the `to` share"):
        crm.rfm_segments(scores, rules=[{**top, "r_from": 1}])


def test_two_rules_of_one_name_make_one_segment_of_their_union():
    # an L-shaped "lapsed" region: old (R low) or rare (F low) unless both are high
    rules = [
        {"segment": "active", "r_from": 0.5, "r_to": 1, "f_from": 0.5, "f_to": 1},
        {"segment": "lapsed", "r_from": 0, "r_to": 0.5, "f_from": 0, "f_to": 1},
        {"segment": "lapsed", "r_from": 0.5, "r_to": 1, "f_from": 0, "f_to": 0.5},
    ]
    scores = pd.DataFrame({"R": [4, 1, 4, 2], "F": [4, 4, 1, 2]})
    segments = crm.rfm_segments(scores, rules=rules, bins=4)
    assert segments["segment"].tolist() == ["active", "lapsed", "lapsed", "lapsed"]
    assert list(segments["segment"].cat.categories) == ["active", "lapsed"]
    as_scores = [{"segment": "a", "r_min": 1, "r_max": 1, "f_min": 1, "f_max": 2},
                 {"segment": "a", "r_min": 2, "r_max": 2, "f_min": 1, "f_max": 1},
                 {"segment": "b", "r_min": 2, "r_max": 2, "f_min": 2, "f_max": 2}]
    assert crm.rfm_segments(pd.DataFrame({"R": [1, 2, 2], "F": [2, 1, 2]}), rules=as_scores, bins=2)[
        "segment"].tolist() == ["a", "a", "b"]


# ---------------------------------------------------------------- ABC and Pareto


@pytest.mark.parametrize("function", [crm.abc_classes, crm.pareto_curve])
@pytest.mark.parametrize(
    ("index", "error", "match"),
    [
        (["a", "b", "a"], ValueError, r"index of `values` repeats 1 label\(s\), e.g. 'a'.*groupby\(level=0\).sum"),
        ([1001, "1001", 7], TypeError, r"index of `values` mixes labels of kinds \['number', 'str'\].*1001, '1001'"),
        (["a", np.nan, "c"], ValueError, r"index of `values` has 1 missing label\(s\) \(NaN\) at position\(s\) 1"),
    ],
)
def test_abc_and_pareto_refuse_bad_customer_labels(function, index, error, match):
    with pytest.raises(error, match=match):
        function(pd.Series([5.0, 3.0, 2.0], index=pd.Index(index, dtype=object)))


def test_abc_and_pareto_keep_their_parameters():
    sales = pd.Series({"a": 10.0, "b": 500.0, "c": 300.0, "d": 100.0, "e": 60.0, "f": 30.0})
    abc = crm.abc_classes(sales, cuts=(0.7, 0.9))
    assert abc.attrs["cuts"] == (0.7, 0.9)
    assert abc.attrs["total"] == 1000.0
    # top 20% of 6 customers = 1.2 customers: 50% + 0.2 x 30%
    assert abc.attrs["top20_share"] == pytest.approx(0.56)
    curve = crm.pareto_curve(sales)
    assert curve.attrs == {"n_customers": 6, "total": 1000.0, "top20_share": pytest.approx(0.56)}


# ---------------------------------------------------------------- ids of two kinds (siblings across models)


MIXED = pd.DataFrame({"customer_id": [1001, "1001", 7], "category": ["tea", "tea", "cups"],
                      "date": pd.to_datetime(["2024-01-01", "2024-03-01", "2024-03-02"]),
                      "amount": [1.0, 2.0, 3.0], "margin": [0.5, 1.0, 1.5]})


@pytest.mark.parametrize("model", [
    lambda tx: crm.rfm_table(tx),
    lambda tx: crm.btyd_summary(tx),
    lambda tx: crm.growth_matrix(tx, split="2024-02-01"),
    lambda tx: crm.customer_profitability(tx),
])
def test_customer_ids_written_two_ways_are_refused(model):
    with pytest.raises(TypeError, match=r"Column 'customer_id' \(argument `customer=`\) of `tx` mixes ids of kinds "
                                        r"\['number', 'str'\], e.g. 1001, '1001'.*astype\(str\)"):
        model(MIXED)


def test_cuts_may_be_any_pair_of_numbers():
    sales = pd.Series({"a": 10.0, "b": 500.0, "c": 300.0})
    assert crm.abc_classes(sales, cuts=np.array([0.8, 0.95])).attrs["cuts"] == (0.8, 0.95)
    with pytest.raises(TypeError, match=r"`cuts` must be two shares"):
        crm.abc_classes(sales, cuts="0.8")
