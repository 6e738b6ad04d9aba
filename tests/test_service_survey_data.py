"""The service_survey dataset: reproducible generator, shipped file, and the patterns its data card states."""

import numpy as np
import pandas as pd
import pytest

import crm_course as crm
from crm_course.data.catalog import datasets_dir
from crm_course.data.service_survey import (
    DIMENSIONS,
    GAP_MEANS,
    NEGATIVE_ITEMS,
    item_columns,
    make_service_survey,
    write_service_survey,
)

WEIGHT_COLUMNS = [f"w_{d}" for d in DIMENSIONS]


@pytest.fixture(scope="module")
def survey():
    return crm.load_dataset("service_survey")


def test_regeneration_is_byte_identical_to_the_shipped_file(tmp_path):
    written = write_service_survey(tmp_path)
    assert written.name == "service_survey.csv"
    assert written.read_bytes() == (datasets_dir() / "service_survey" / written.name).read_bytes()


def test_loaded_file_equals_the_generator_output(survey):
    pd.testing.assert_frame_equal(survey, make_service_survey())


def test_same_seed_same_data_other_seed_other_data():
    pd.testing.assert_frame_equal(make_service_survey(3, n_customers=200), make_service_survey(3, n_customers=200))
    assert not make_service_survey(3, n_customers=200).equals(make_service_survey(4, n_customers=200))


def test_bad_generator_arguments_are_refused():
    with pytest.raises(ValueError, match="`n_customers` must be in"):
        make_service_survey(n_customers=1)
    with pytest.raises(ValueError, match="`seed` must be a whole number, but 1.5"):
        make_service_survey(1.5)


def test_file_has_unix_line_ends_and_the_documented_header():
    text = (datasets_dir() / "service_survey" / "service_survey.csv").read_bytes()
    assert b"\r" not in text
    header = text.decode("utf-8").splitlines()[0].split(",")
    assert header[:2] == ["customer_id", "business_format"] and header[-1] == "defected"
    assert header[2:46] == item_columns("e") + item_columns("p")


def test_structure_and_scales(survey):
    assert len(survey) == 1500 and survey["customer_id"].is_unique
    assert survey.notna().all().all()
    answers = survey[item_columns("e") + item_columns("p") + ["satisfaction", "repurchase_intention"]]
    assert answers.min().min() == 1 and answers.max().max() == 7
    assert survey["recommend"].between(0, 10).all() and survey["price_tolerance"].between(0, 20).all()
    assert survey["share_of_wallet"].between(0.05, 1).all()
    assert (survey[WEIGHT_COLUMNS].sum(axis=1) == 100).all() and (survey[WEIGHT_COLUMNS] >= 0).all().all()
    assert set(survey["defected"]) == {0, 1}
    assert survey["business_format"].value_counts().to_dict() == {
        "convenience": 510, "grocery": 469, "tobacco_liquor": 313, "supermarket": 208
    }


def test_negative_items_are_stored_as_answered(survey):
    # Expectations are high on every dimension, so the raw answers of negatively worded items are low.
    raw = survey[item_columns("e")].mean()
    negative = [f"e{i:02d}" for i in NEGATIVE_ITEMS]
    assert raw[negative].max() < 2.5 < 5 < raw.drop(negative).min()


def test_dimension_gaps_are_the_chapters_example(survey):
    gaps = crm.servqual_summary(survey)["gap"]
    for dimension, planted in GAP_MEANS.items():
        assert gaps[dimension] == pytest.approx(planted, abs=0.1), dimension
    assert crm.servqual_summary(survey).attrs["index"] == pytest.approx(-0.49678)


def test_the_satisfaction_trap_is_planted(survey):
    defectors = survey[survey["defected"] == 1]
    share = (defectors["satisfaction"] >= 6).mean()  # satisfied (6) or very satisfied (7) on 1-7
    assert 0.65 <= share <= 0.85
    assert (len(defectors), int((defectors["satisfaction"] >= 6).sum())) == (240, 182)
    assert crm.satisfaction_trap(survey).attrs["defectors_satisfied"] == pytest.approx(share)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_trap_holds_for_other_seeds(seed):
    other = make_service_survey(seed)
    defectors = other[other["defected"] == 1]
    assert 0.65 <= (defectors["satisfaction"] >= 6).mean() <= 0.85


def test_card_figures(survey):
    card = crm.dataset_card("service_survey")
    assert crm.nps(survey["recommend"]) == pytest.approx(-3.0) and "**−3.0**" in card
    rates = survey.groupby(pd.qcut(crm.loyalty_index(survey), 5, labels=False))["defected"].mean()
    assert rates.round(3).tolist() == [0.354, 0.189, 0.157, 0.054, 0.041]
    assert "35.4%, 18.9%, 15.7%, 5.4% and 4.1%" in card
    case = survey[["sat_supply", "sat_allocation", "sat_delivery", "sat_communication"]].mean()
    assert case.idxmin() == "sat_allocation" and round(case["sat_allocation"], 2) == 5.26
    assert np.corrcoef(crm.loyalty_index(survey), survey["defected"])[0, 1] < np.corrcoef(
        survey["satisfaction"], survey["defected"])[0, 1] < 0
    for column in [*item_columns("e"), *item_columns("p")]:
        assert f"`{column}`" in card
