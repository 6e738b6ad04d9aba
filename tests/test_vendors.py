"""Vendor selection: the crm_vendors dataset and vendor_ranking over weighted_score."""

import pandas as pd
import pytest

import crm_course as crm
from crm_course.data.catalog import datasets_dir
from crm_course.data.crm_vendors import CRITERIA, SEED, make_crm_vendors, write_crm_vendors
from crm_course.models.vendors import FEATURE_WEIGHTS, VENDOR_WEIGHTS, vendor_ranking

SHIPPED = datasets_dir() / "crm_vendors" / "crm_vendors.csv"


@pytest.fixture(scope="module")
def vendors():
    return crm.load_dataset("crm_vendors")


def test_regenerates_byte_for_byte(tmp_path):
    assert write_crm_vendors(tmp_path).read_bytes() == SHIPPED.read_bytes()
    pd.testing.assert_frame_equal(make_crm_vendors(SEED), make_crm_vendors())


def test_dataset_shape(vendors):
    assert len(vendors) == 8 and vendors["vendor_id"].is_unique
    scores = vendors[list(CRITERIA)]
    assert ((scores >= 1) & (scores <= 5)).all().all()
    assert set(vendors["deployment"]) == {"hosted", "on_premise"}
    assert (vendors.loc[vendors["deployment"] == "on_premise", "it_staff"] >= 1).all()
    assert "V1" in crm.dataset_card("crm_vendors")


def test_weights_sum_to_one_and_cover_the_criteria():
    for weights in (VENDOR_WEIGHTS, FEATURE_WEIGHTS):
        assert sum(weights.values()) == pytest.approx(1) and set(weights) == set(CRITERIA)


def test_ranking_reuses_weighted_score(vendors):
    ranking = vendor_ranking(vendors)
    expected = crm.weighted_score(vendors.set_index("vendor_id")[list(VENDOR_WEIGHTS)], VENDOR_WEIGHTS)
    pd.testing.assert_series_equal(ranking["score"].sort_index(), expected.sort_index())
    assert ranking["rank"].is_monotonic_increasing
    assert ranking.index[0] == "V2" and ranking.loc["V2", "choice"]


def test_management_needs_before_features(vendors):
    by_features = vendor_ranking(vendors, FEATURE_WEIGHTS)
    assert by_features.index[0] == "V7"
    assert by_features.loc["V1", "rank"] < vendor_ranking(vendors).loc["V1", "rank"]


def test_total_cost_and_budget(vendors):
    ranking = vendor_ranking(vendors, budget=1_000_000, users=50, years=3)
    assert ranking.loc["V1", "total_cost"] == 900_000 + 2400 * 50 * 3
    assert not ranking.loc["V1", "within_budget"] and ranking.loc["V2", "within_budget"]
    assert ranking["choice"].sum() == 1
    tight = vendor_ranking(vendors, budget=200_000)
    assert tight.loc[tight["choice"]].index.tolist() == ["V5"]
    assert tight.attrs["budget"] == 200_000


def test_ties_share_a_rank():
    bids = pd.DataFrame({"vendor_id": ["B", "A", "C"], "fit": [4, 4, 2]})
    ranking = vendor_ranking(bids, {"fit": 1.0})
    assert ranking["rank"].tolist() == [1, 1, 3] and ranking.index.tolist() == ["A", "B", "C"]
    assert ranking.loc["A", "choice"] and not ranking.loc["B", "choice"]


def test_any_criteria_set_and_bad_input(vendors):
    ranking = vendor_ranking(vendors, {"cost": 3, "support": 1}, normalize=True)
    assert ranking.attrs["weights"] == {"cost": 0.75, "support": 0.25}
    with pytest.raises(ValueError, match=r"Criteria \['price'\] have a weight but are not columns"):
        vendor_ranking(vendors, {"price": 1.0})
    with pytest.raises(ValueError, match="must sum to 1"):
        vendor_ranking(vendors, {"cost": 3, "support": 1})
    with pytest.raises(ValueError, match="more than once"):
        vendor_ranking(pd.concat([vendors, vendors.head(1)]))
    with pytest.raises(ValueError, match=r"argument `vendor=`"):
        vendor_ranking(vendors, vendor="id")
    with pytest.raises(ValueError, match="1-5 scale"):
        vendor_ranking(vendors.assign(cost=9))
