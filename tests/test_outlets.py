"""The retail_outlets dataset, outlet classes and the fair allocation of a scarce brand."""

import pandas as pd
import pytest

import crm_course as crm
from crm_course.data.catalog import datasets_dir
from crm_course.data.retail_outlets import FORMATS, SEED, make_retail_outlets, write_retail_outlets
from crm_course.models.outlets import CLASS_CUTS, CLASS_WEIGHTS, class_allocation, outlet_allocation, outlet_classes

SHIPPED = datasets_dir() / "retail_outlets" / "retail_outlets.csv"


@pytest.fixture(scope="module")
def outlets():
    return crm.load_dataset("retail_outlets")


@pytest.fixture(scope="module")
def classified(outlets):
    return outlet_classes(outlets)


def test_regenerates_byte_for_byte(tmp_path):
    assert write_retail_outlets(tmp_path).read_bytes() == SHIPPED.read_bytes()
    pd.testing.assert_frame_equal(make_retail_outlets(SEED), make_retail_outlets())


def test_dataset(outlets):
    assert len(outlets) == 4000 and outlets["outlet_id"].is_unique
    assert set(outlets["business_format"]) == set(FORMATS)
    assert (outlets["monthly_volume"] > 0).all() and (outlets["stock"] > 0).all()
    assert not ((outlets["payment"] == "cash") & (outlets["ordering"] == "online")).any()
    assert outlets["premium_share"].between(0, 0.9).all()
    # rural outlets sell less and are more often groceries
    by_area = outlets.groupby("area")
    assert by_area["monthly_volume"].median()["rural"] < by_area["monthly_volume"].median()["urban"]
    grocery = by_area["business_format"].apply(lambda f: (f == "grocery").mean())
    assert grocery["rural"] > grocery["urban"]
    assert "业态" in crm.dataset_card("retail_outlets")


def test_classes_follow_the_cuts(outlets, classified):
    volume = classified["monthly_volume"]
    assert (volume[classified["class"] == "A"] >= 200).all()
    assert volume[classified["class"] == "B"].between(100, 199).all()
    assert (volume[classified["class"] == "E"] < 20).all()
    assert classified.index.is_monotonic_increasing and len(classified) == len(outlets)
    assert classified.attrs["cuts"] == CLASS_CUTS
    assert classified.loc[classified["class"] == "A", "service"].eq("weekly_visit_and_advice").all()


def test_hand_made_classes():
    shops = pd.DataFrame({"outlet_id": ["R3", "R1", "R2"], "monthly_volume": [200, 199.5, 0],
                          "business_format": ["kiosk", "supermarket", "grocery"]})
    result = outlet_classes(shops)
    assert result["class"].astype(str).to_dict() == {"R1": "B", "R2": "E", "R3": "A"}
    assert result["format_group"].to_dict() == {"R1": "modern", "R2": "traditional", "R3": "traditional"}
    custom = outlet_classes(shops, cuts={"big": 100, "small": 0})
    assert custom["class"].astype(str).tolist() == ["big", "small", "big"]
    assert custom["service"].isna().all()


@pytest.mark.parametrize(
    ("change", "kwargs", "match"),
    [
        ({"business_format": ["shop"]}, {}, r"format\(s\) \['shop'\]"),
        ({"monthly_volume": [-1]}, {}, "negative volumes"),
        ({}, {"cuts": {"A": 10, "B": 20, "C": 0}}, "falling volumes"),
        ({}, {"cuts": {"A": 10, "B": 5}}, "must start at 0"),
    ],
)
def test_bad_outlets(change, kwargs, match):
    shops = pd.DataFrame({"outlet_id": ["R1"], "monthly_volume": [10], "business_format": ["kiosk"], **change})
    with pytest.raises(ValueError, match=match):
        outlet_classes(shops, **kwargs)


def test_class_allocation_is_open_and_fair(classified):
    table = class_allocation(classified, 1000)
    assert table["units"].sum() == 1000
    assert table.loc["E", "units"] == 0
    counts = classified["class"].value_counts()
    weights = {c: counts[c] * CLASS_WEIGHTS[c] for c in CLASS_WEIGHTS}
    expected = crm.fair_allocation(1000, weights)["units"]
    assert table["units"].to_dict() == expected.to_dict()
    assert table["outlets"].to_dict() == counts.to_dict()
    # the data card's worked example
    assert table["units"].to_dict() == {"A": 254, "B": 343, "C": 221, "D": 182, "E": 0}
    assert table["floor"].sum() == 998 and table.attrs["left_over"] == 2


def test_outlet_allocation(classified):
    units = outlet_allocation(classified, 1000)
    assert units["units"].sum() == 1000
    spread = units.groupby("class", observed=True)["units"].agg(lambda u: u.max() - u.min())
    assert (spread <= 1).all()
    assert units.loc[units["class"] == "E", "units"].eq(0).all()
    by_class = units.groupby("class", observed=True)["units"].sum()
    assert by_class.to_dict() == class_allocation(classified, 1000)["units"].to_dict()
    # within a class, the same as the largest-remainder method over equal weights
    members = units.index[units["class"] == "C"]
    expected = crm.fair_allocation(int(units.loc[members, "units"].sum()), pd.Series(1, index=members))["units"]
    pd.testing.assert_series_equal(units.loc[members, "units"], expected, check_names=False)
    shuffled = outlet_allocation(classified.sample(frac=1, random_state=1), 1000)
    pd.testing.assert_series_equal(shuffled["units"].sort_index(), units["units"].sort_index())


def test_missing_class_weight(classified):
    with pytest.raises(ValueError, match=r"no weight for class\(es\) \['E'\]"):
        class_allocation(classified, 10, weights={"A": 1, "B": 1, "C": 1, "D": 1})


def test_repeated_outlet_is_refused():
    shops = pd.DataFrame({"outlet_id": ["R1", "R1"], "monthly_volume": [10, 20], "business_format": ["kiosk"] * 2})
    with pytest.raises(ValueError, match=r"Column 'outlet_id' \(argument `outlet=`\) of `outlets` lists 1 id\(s\) more than once, e.g. 'R1'"):
        outlet_classes(shops)
