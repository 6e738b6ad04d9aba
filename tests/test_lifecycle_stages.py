"""lifecycle_stages and stage_transitions: hand-checked 6-row cases, reconciliation, bad input, row order."""

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import crm_course as crm
from crm_course.models.lifecycle import STAGES

TX = pd.DataFrame({
    "customer_id": ["a", "a", "a", "b", "b", "c", "d", "c"],
    "date": pd.to_datetime(["2024-01-01", "2024-02-01", "2024-03-01", "2023-01-01", "2024-06-01",
                            "2024-06-15", "2023-10-01", "2024-06-15"]),  # c twice on one day: one purchase
})
LISTS = dict(members=["a", "b", "c", "d", "e", "f"], targets=["f"], non_customers=["g"])


def test_hand_checked_stages():
    stages = crm.lifecycle_stages(TX, **LISTS, as_of="2024-06-30")
    # a: 3 purchases a month apart -> loyal; b: back after 17 months, so its current run is 1 -> repeat;
    # c: one purchase day -> first_time; d: 273 days ago > 180 -> lost
    assert stages.to_dict() == {"a": "loyal", "b": "repeat", "c": "first_time", "d": "lost",
                                "e": "potential", "f": "target", "g": "non_customer"}
    assert list(stages.cat.categories) == list(STAGES) and stages.cat.ordered
    assert stages.name == "stage" and stages.index.name == "customer_id"
    assert stages.attrs == {"as_of": pd.Timestamp("2024-06-30"), "lapsed_after": 180, "loyal_from": 3,
                            "later_purchases": 0}


def test_stage_at_an_earlier_date_uses_only_the_purchases_until_then():
    stages = crm.lifecycle_stages(TX, **LISTS, as_of="2024-02-15")
    assert stages.to_dict() == {"a": "repeat", "b": "lost", "c": "potential", "d": "first_time",
                                "e": "potential", "f": "target", "g": "non_customer"}
    assert stages.attrs["later_purchases"] == 3  # a on 03-01, b on 06-01, c on 06-15 (one day)


def test_consecutive_means_without_a_lapse_in_between():
    assert crm.lifecycle_stages(TX, as_of="2024-06-30", loyal_from=2)["b"] == "repeat"
    assert crm.lifecycle_stages(TX, as_of="2024-06-30", loyal_from=2, lapsed_after=600)["b"] == "loyal"
    assert crm.lifecycle_stages(TX, as_of="2024-06-30", loyal_from=4)["a"] == "repeat"
    assert crm.lifecycle_stages(TX, as_of="2024-06-30", lapsed_after=100)["a"] == "lost"  # 121 days since 03-01


def test_default_as_of_is_the_last_purchase_day():
    assert crm.lifecycle_stages(TX).attrs["as_of"] == pd.Timestamp("2024-06-15")


def test_buyers_take_the_stage_of_their_purchases_whatever_list_they_are_in():
    stages = crm.lifecycle_stages(TX, members=["a"], targets=["c", "z"], as_of="2024-06-30")
    assert stages["c"] == "first_time" and stages["z"] == "target"


def test_every_member_and_buyer_lands_in_exactly_one_stage():
    members = crm.load_dataset("retail_customers")["customer_id"]
    tx = crm.load_dataset("retail")
    stages = crm.lifecycle_stages(tx, members=members)
    assert stages.index.is_unique
    assert set(stages.index) == set(members) | set(tx["customer_id"])
    counts = stages.value_counts()
    assert counts["potential"] == 509  # the data card's never-buyers
    assert counts.sum() == len(members) == 4500


def test_row_order_and_no_mutation():
    before = TX.copy()
    shuffled = TX.sample(frac=1, random_state=1)
    pd.testing.assert_series_equal(crm.lifecycle_stages(TX, **LISTS), crm.lifecycle_stages(shuffled, **LISTS))
    pd.testing.assert_frame_equal(TX, before)


def test_numbers_as_ids_work_and_mismatched_id_types_are_refused():
    numeric = TX.assign(customer_id=TX["customer_id"].map({"a": 1, "b": 2, "c": 3, "d": 4}))
    assert crm.lifecycle_stages(numeric, members=[1, 2, 3, 4, 5], as_of="2024-06-30")[5] == "potential"
    with pytest.raises(TypeError, match=r"`members` holds number ids such as 1, 2, but the customer ids of `tx` are text"):
        crm.lifecycle_stages(TX, members=[1, 2])
    with pytest.raises(TypeError, match=r"members=\[int\(i\) for i in ids\]"):
        crm.lifecycle_stages(numeric, members=["1"])
    with pytest.raises(TypeError, match="mixes ids of different types"):
        crm.lifecycle_stages(TX.assign(customer_id=["a", 1, "a", "b", "b", "c", "d", "c"]))


@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        (dict(members="abc"), TypeError, "`members` must be a list"),
        (dict(members=["a", None]), ValueError, "`members` has 1 missing id"),
        (dict(non_customers=["a"]), ValueError, "in `non_customers` bought by"),
        (dict(members=["e"], non_customers=["e"]), ValueError, "both in `non_customers` and in `members`"),
        (dict(lapsed_after=-5), ValueError, r"`lapsed_after` must be in \[0"),
        (dict(loyal_from=1), ValueError, r"`loyal_from` must be in \[2"),
        (dict(as_of="someday"), ValueError, "`as_of` must be a date"),
        (dict(customer="id"), ValueError, r"Column 'id' \(argument `customer=`\)"),
    ],
)
def test_bad_input(kwargs, error, message):
    with pytest.raises(error, match=message):
        crm.lifecycle_stages(TX, **kwargs)


def test_transitions_by_hand():
    table = crm.stage_transitions(TX, **LISTS, start="2024-02-15", end="2024-06-30")
    moves = {(row, column): n for (row, column), n in table.stack().items() if n}
    assert moves == {("repeat", "loyal"): 1, ("lost", "repeat"): 1, ("potential", "first_time"): 1,
                     ("first_time", "lost"): 1, ("potential", "potential"): 1, ("target", "target"): 1,
                     ("non_customer", "non_customer"): 1}
    assert list(table.index) == [*STAGES, "new"] and list(table.columns) == list(STAGES)
    shares = crm.stage_transitions(TX, **LISTS, start="2024-02-15", end="2024-06-30", normalize=True)
    assert shares.loc["potential", "first_time"] == shares.loc["potential", "potential"] == 0.5
    assert shares.loc["loyal"].sum() == 0  # nobody was loyal at the start


def test_transitions_lose_nobody_and_new_buyers_have_their_own_row():
    tx = pd.concat([TX, pd.DataFrame({"customer_id": ["h"], "date": [pd.Timestamp("2024-05-01")]})])
    table = crm.stage_transitions(tx, members=["a", "e"], start="2024-02-15", end="2024-06-30")
    end = crm.lifecycle_stages(tx, members=["a", "e"], as_of="2024-06-30")
    assert table.to_numpy().sum() == len(end) == table.attrs["customers"]
    assert table.loc["new", "first_time"] == 2  # c and h first bought between the dates and are in no list
    assert table.sum(axis=0).to_dict() == end.value_counts().reindex(STAGES).to_dict()


def test_transitions_need_end_after_start():
    with pytest.raises(ValueError, match="`end` .* must be after `start`"):
        crm.stage_transitions(TX, start="2024-06-30", end="2024-01-01")


def test_time_zone_aware_dates_take_naive_dates_as_their_zone():
    aware = TX.assign(date=TX["date"].dt.tz_localize("Asia/Shanghai"))
    stages = crm.lifecycle_stages(aware, as_of="2024-06-30")
    assert stages.to_dict() == crm.lifecycle_stages(TX, as_of="2024-06-30").to_dict()
    table = crm.stage_transitions(aware, start="2024-02-15", end="2024-06-30")
    assert table.to_numpy().sum() == 4


@settings(max_examples=60, deadline=None)
@given(
    purchases=st.lists(st.tuples(st.sampled_from("abcdefgh"), st.integers(0, 700)), min_size=1, max_size=40),
    members=st.sets(st.sampled_from("abcdefghijk")),
    lapsed_after=st.integers(0, 400),
    loyal_from=st.integers(2, 5),
    cut=st.integers(0, 700),
)
def test_everyone_lands_in_exactly_one_stage(purchases, members, lapsed_after, loyal_from, cut):
    tx = pd.DataFrame({"customer_id": [c for c, _ in purchases],
                       "date": [pd.Timestamp("2023-01-01") + pd.Timedelta(days=d) for _, d in purchases]})
    options = dict(members=sorted(members), lapsed_after=lapsed_after, loyal_from=loyal_from)
    end = tx["date"].max()
    stages = crm.lifecycle_stages(tx, as_of=end, **options)
    assert stages.index.is_unique and set(stages.index) == members | set(tx["customer_id"])
    assert stages.notna().all()
    start = pd.Timestamp("2023-01-01") + pd.Timedelta(days=cut) - pd.Timedelta(days=1)
    if start < end:
        table = crm.stage_transitions(tx, start=start, end=end, **options)
        assert table.to_numpy().sum() == len(stages)
        assert table.sum(axis=0).to_dict() == stages.value_counts().reindex(STAGES).to_dict()


def test_a_date_before_every_purchase_knows_only_the_lists():
    assert crm.lifecycle_stages(TX, as_of="2020-01-01", members=["a", "z"]).to_dict() == {"a": "potential",
                                                                                      "z": "potential"}
    assert crm.lifecycle_stages(TX, as_of="2020-01-01").empty
