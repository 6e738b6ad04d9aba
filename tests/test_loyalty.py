"""Loyalty index, Tucker's rule, share of wallet, the Wallet Allocation Rule and NPS: known answers."""

import pandas as pd
import pytest

import crm_course as crm

# --- NPS ----------------------------------------------------------------------------------


def test_nps_30_percent_promoters_20_percent_detractors_is_plus_10():
    scores = [9, 10, 9] + [7, 8, 7, 8, 8] + [0, 6]
    assert crm.nps(scores) == pytest.approx(10.0)
    assert crm.nps(pd.Series(scores, index=list("abcdefghij"))) == pytest.approx(10.0)


def test_nps_extremes_and_group_boundaries():
    assert crm.nps([9, 10]) == 100.0 and crm.nps([0, 6]) == -100.0 and crm.nps([7, 8]) == 0.0


def test_nps_breakdown_counts_and_shares():
    table = crm.nps_breakdown([10, 9, 8, 7, 6, 0])
    assert table.index.tolist() == ["detractors", "passives", "promoters"]
    assert table["count"].tolist() == [2, 2, 2]
    assert table["share"].sum() == pytest.approx(1)
    assert table.attrs["nps"] == pytest.approx(0.0)


@pytest.mark.parametrize("bad, shown", [(11, "11"), (-1, "-1"), (7.5, "7.5")])
def test_nps_refuses_scores_off_the_scale_naming_the_value(bad, shown):
    with pytest.raises(ValueError, match=rf"whole answers from 0 to 10, .* e.g. {shown} at row 2"):
        crm.nps([9, 8, bad])


def test_nps_refuses_text_missing_and_tables():
    with pytest.raises(TypeError, match="not numbers: 'ten'"):
        crm.nps([9, "ten"])
    with pytest.raises(ValueError, match="missing value"):
        crm.nps(pd.Series([9, None]))
    with pytest.raises(TypeError, match="`scores` must be a list or Series"):
        crm.nps(pd.DataFrame({"recommend": [9]}))
    with pytest.raises(TypeError, match="`scores` must be a list or Series"):
        crm.nps("9")
    with pytest.raises(ValueError, match="is empty"):
        crm.nps([])


# --- Wallet Allocation Rule and share of wallet -------------------------------------------


def test_wallet_allocation_for_three_brands():
    shares = crm.wallet_allocation(3)
    # (1 - i/4) * 2/3 for i = 1, 2, 3
    assert shares.tolist() == pytest.approx([1 / 2, 1 / 3, 1 / 6])
    assert shares.index.tolist() == [1, 2, 3] and shares.attrs["n"] == 3


@pytest.mark.parametrize("n", [1, 2, 5, 12])
def test_wallet_allocation_sums_to_one_and_falls_with_rank(n):
    shares = crm.wallet_allocation(n)
    assert shares.sum() == pytest.approx(1) and shares.is_monotonic_decreasing


def test_wallet_allocation_refuses_a_bad_n():
    with pytest.raises(ValueError, match="`n` must be in"):
        crm.wallet_allocation(0)
    with pytest.raises(ValueError, match="`n` must be a whole number, but 2.5"):
        crm.wallet_allocation(2.5)


def test_share_of_wallet():
    assert crm.share_of_wallet(300.0, 1200.0) == 0.25
    share = crm.share_of_wallet(pd.Series([50.0, 0.0]), pd.Series([100.0, 80.0]))
    assert share.tolist() == [0.5, 0.0] and share.name == "share_of_wallet"
    with pytest.raises(ValueError, match="`ours` must be 0 or more and at most `total`, but at row 0 ours is 120.0"):
        crm.share_of_wallet(120.0, 100.0)
    with pytest.raises(ValueError, match="`total` must be more than 0"):
        crm.share_of_wallet(0.0, 0.0)


# --- loyalty index ------------------------------------------------------------------------


def intentions():
    return pd.DataFrame(
        {
            "repurchase_intention": [7, 1, 4, 6],
            "cross_purchase_intention": [7, 1, 4, 2],
            "referral_intention": [7, 1, 4, 5],
            "price_tolerance": [30, 0, 10, 5],
        },
        index=["R1", "R2", "R3", "R4"],
    )


def test_loyalty_index_by_hand():
    index = crm.loyalty_index(intentions())
    # R4: (100*5/6 + 100*1/6 + 100*4/6 + 100*5/20) / 4 = (83.33 + 16.67 + 66.67 + 25) / 4
    assert index.tolist() == pytest.approx([100.0, 0.0, 50.0, (500 / 6 + 100 / 6 + 400 / 6 + 25) / 4])
    assert index.name == "loyalty_index" and index.attrs["tolerance_cap"] == 20.0
    assert index.attrs["weights"] == crm.LOYALTY_WEIGHTS


def test_loyalty_index_with_own_weights_and_cap():
    index = crm.loyalty_index(intentions(), weights={"repurchase_intention": 0.5, "price_tolerance": 0.5},
                              tolerance_cap=10)
    assert index["R4"] == pytest.approx(0.5 * 500 / 6 + 0.5 * 50)


def test_loyalty_index_refusals():
    with pytest.raises(ValueError, match="`weights` must sum to 1"):
        crm.loyalty_index(intentions(), weights={"repurchase_intention": 0.5, "price_tolerance": 0.4})
    with pytest.raises(ValueError, match=r"Column 'loyalty' \(argument `weights=`\) is not in `survey`"):
        crm.loyalty_index(intentions(), weights={"loyalty": 1.0})
    with pytest.raises(ValueError, match="e.g. -5 at row 'R2'"):
        crm.loyalty_index(intentions().assign(price_tolerance=[30, -5, 10, 5]))
    with pytest.raises(ValueError, match="e.g. 9 at row 'R1'"):
        crm.loyalty_index(intentions().assign(referral_intention=[9, 1, 4, 5]))


def test_loyalty_index_does_not_mutate():
    data = intentions()
    crm.loyalty_index(data)
    pd.testing.assert_frame_equal(data, intentions())


# --- Tucker's rule ------------------------------------------------------------------------


def tucker_tx():
    """a: Jan, Feb, Mar (twice) -> 3 in a row. b: Jan, Feb, Apr -> 2. c: Dec 2023, Jan, Feb 2024 across a year."""
    return pd.DataFrame(
        {
            "customer_id": ["a", "a", "a", "a", "b", "b", "b", "c", "c", "c"],
            "date": pd.to_datetime(
                ["2024-01-05", "2024-02-01", "2024-03-09", "2024-03-20", "2024-01-10", "2024-02-10",
                 "2024-04-10", "2023-12-31", "2024-01-01", "2024-02-29"]
            ),
        }
    )


def test_tucker_monthly_by_hand():
    result = crm.tucker_loyalty(tucker_tx(), freq="M")
    assert result.to_dict("index") == {
        "a": {"periods": 3, "longest_run": 3, "loyal": True},
        "b": {"periods": 3, "longest_run": 2, "loyal": False},
        "c": {"periods": 3, "longest_run": 3, "loyal": True},
    }
    assert result.attrs == {"freq": "M", "run": 3, "first_period": "2023-12", "last_period": "2024-04"}


def test_tucker_quarterly_and_run_length():
    quarterly = crm.tucker_loyalty(tucker_tx(), freq="Q")
    assert quarterly["longest_run"].to_dict() == {"a": 1, "b": 2, "c": 2}
    assert crm.tucker_loyalty(tucker_tx(), freq="Q", run=2)["loyal"].to_dict() == {"a": False, "b": True, "c": True}


def test_tucker_does_not_depend_on_row_order():
    tx = tucker_tx()
    pd.testing.assert_frame_equal(crm.tucker_loyalty(tx.iloc[::-1]), crm.tucker_loyalty(tx))


def test_tucker_refusals():
    with pytest.raises(ValueError, match="`freq` must be a pandas period alias"):
        crm.tucker_loyalty(tucker_tx(), freq="fortnight")
    with pytest.raises(ValueError, match="`run` must be in"):
        crm.tucker_loyalty(tucker_tx(), run=0)
    with pytest.raises(ValueError, match=r"Column 'client' \(argument `customer=`\) is not in `tx`"):
        crm.tucker_loyalty(tucker_tx(), customer="client")
    with pytest.raises(ValueError, match="missing value"):
        crm.tucker_loyalty(tucker_tx().assign(customer_id=["a"] * 9 + [None]))


def _longest_run_by_loop(quarters):
    best = run = 0
    previous = None
    for q in sorted(set(quarters)):
        run = run + 1 if previous is not None and q == previous + 1 else 1
        best, previous = max(best, run), q
    return best


def test_tucker_on_the_retail_dataset_matches_a_plain_loop():
    tx = crm.load_dataset("retail")
    result = crm.tucker_loyalty(tx, freq="Q")
    quarters = (tx["date"].dt.year * 4 + tx["date"].dt.quarter).groupby(tx["customer_id"]).agg(list)
    expected = quarters.map(_longest_run_by_loop)
    assert (result["longest_run"] == expected.loc[result.index]).all()
    assert len(result) == tx["customer_id"].nunique() == 3991
    assert int(result["loyal"].sum()) == 928  # buyers with purchases in 3 quarters in a row, 2023-2024
    assert result["longest_run"].max() == 8
