"""closeness_categories: hand-checked cases, thresholds, bad input, row order."""

import pandas as pd
import pytest

import crm_course as crm

TX = pd.DataFrame(
    {
        "customer_id": ["a", "b", "b", "c", "d", "d", "d", "d", "d"],
        "date": pd.to_datetime(
            ["2024-06-01", "2024-05-01", "2024-06-20", "2023-12-01",
             "2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01", "2024-04-01"]
        ),
    }
)


def test_hand_checked_categories():
    result = crm.closeness_categories(TX, members=["a", "b", "c", "d", "e"], lapsed_after=120, as_of="2024-07-01")
    assert result.to_dict() == {"a": "first_time", "b": "repeat", "c": "lost", "d": "loyal", "e": "potential"}


def test_same_day_purchases_count_once_and_threshold_moves_customers():
    # d bought on 4 distinct days (two purchases on 2024-04-01): loyal from 4, repeat from 5
    assert crm.closeness_categories(TX, loyal_from=5, lapsed_after=365, as_of="2024-07-01")["d"] == "repeat"
    assert crm.closeness_categories(TX, lapsed_after=60, as_of="2024-07-01")["d"] == "lost"


def test_default_as_of_is_last_purchase():
    assert crm.closeness_categories(TX, lapsed_after=200)["c"] == "lost"
    assert crm.closeness_categories(TX, lapsed_after=210)["c"] == "first_time"


def test_row_order_and_no_mutation():
    before = TX.copy()
    shuffled = TX.sample(frac=1, random_state=3)
    pd.testing.assert_series_equal(crm.closeness_categories(TX), crm.closeness_categories(shuffled))
    pd.testing.assert_frame_equal(TX, before)


def test_every_member_and_buyer_appears_once():
    members = crm.load_dataset("retail_customers")["customer_id"]
    tx = crm.load_dataset("retail")
    result = crm.closeness_categories(tx, members=members)
    assert result.index.is_unique
    assert set(result.index) == set(members) | set(tx["customer_id"])


@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        (dict(lapsed_after=-1), ValueError, r"`lapsed_after` must be in \[0"),
        (dict(loyal_from=1), ValueError, r"`loyal_from` must be in \[2"),
        (dict(lapsed_after="90"), TypeError, "`lapsed_after` must be a whole number"),
        (dict(as_of="2024-01-01"), ValueError, "`as_of` .* is before the last purchase"),
        (dict(as_of="someday"), ValueError, "`as_of` must be a date"),
        (dict(customer="id"), ValueError, r"Column 'id' \(argument `customer=`\)"),
    ],
)
def test_bad_input(kwargs, error, message):
    with pytest.raises(error, match=message):
        crm.closeness_categories(TX, **kwargs)


def test_missing_ids_and_empty_input():
    with pytest.raises(ValueError, match="1 missing value"):
        crm.closeness_categories(TX.assign(customer_id=["a", None, *TX["customer_id"][2:]]))
    with pytest.raises(ValueError, match="`tx` is empty"):
        crm.closeness_categories(TX.iloc[:0])
