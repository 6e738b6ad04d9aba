"""Relationship strategy types: hook, zipper, velcro, none."""

import numpy as np
import pandas as pd
import pytest

import crm_course as crm
from crm_course.i18n import text
from crm_course.models.relationships import RELATIONSHIP_TYPES, relationship_types


@pytest.fixture
def scores():
    return pd.DataFrame(
        {
            "firm_adaptation": [1, 5, 4.5, 2, 3, 2.9],
            "customer_adaptation": [5, 4, 1, 1, 3, 3],
        },
        index=["bank", "partner", "consultancy", "spot", "edge", "near"],
    )


def test_quadrants(scores):
    result = relationship_types(scores)
    assert result["relationship_type"].to_dict() == {
        "bank": "hook",  # the customer adapts to the firm's process
        "partner": "zipper",  # both adapt
        "consultancy": "velcro",  # the firm adapts to each customer
        "spot": "none",  # nobody adapts
        "edge": "zipper",  # 3 >= threshold 3: both count as high
        "near": "hook",  # 2.9 is below the threshold
    }


def test_result_columns_and_index(scores):
    result = relationship_types(scores)
    assert list(result.columns) == ["firm_adaptation", "customer_adaptation", "relationship_type"]
    assert list(result.index) == list(scores.index)
    assert result["firm_adaptation"].tolist() == [1.0, 5.0, 4.5, 2.0, 3.0, 2.9]


def test_threshold_is_inclusive_and_adjustable(scores):
    at_four = relationship_types(scores, threshold=4)["relationship_type"]
    assert at_four.tolist() == ["hook", "zipper", "velcro", "none", "none", "none"]
    at_2_9 = relationship_types(scores, threshold=2.9)["relationship_type"]
    assert at_2_9["near"] == "zipper"


def test_column_names_can_be_overridden(scores):
    renamed = scores.rename(columns={"firm_adaptation": "we_adapt", "customer_adaptation": "they_adapt"})
    result = relationship_types(renamed, firm="we_adapt", customer="they_adapt")
    pd.testing.assert_frame_equal(result, relationship_types(scores))


def test_row_order_and_no_mutation(scores):
    before = scores.copy()
    result = relationship_types(scores)
    pd.testing.assert_frame_equal(scores, before)
    shuffled = scores.iloc[[5, 2, 0, 4, 1, 3]]
    pd.testing.assert_frame_equal(relationship_types(shuffled).loc[scores.index], result)


def test_bad_input_is_refused(scores):
    with pytest.raises(ValueError, match=r"Column 'firm_adaptation' \(argument `firm=`\) is not in `scores`"):
        relationship_types(scores.drop(columns="firm_adaptation"))
    with pytest.raises(ValueError, match=r"'customer_adaptation' of `scores` must hold.*1-5.*6\.0 at row 'spot'"):
        relationship_types(scores.assign(customer_adaptation=[5, 4, 1, 6, 3, 3]))
    with pytest.raises(ValueError, match=r"'firm_adaptation'.*1 missing value"):
        relationship_types(scores.assign(firm_adaptation=[1, 5, np.nan, 2, 3, 2.9]))
    with pytest.raises(TypeError, match=r"'firm_adaptation'.*must be numeric.*'high'"):
        relationship_types(scores.assign(firm_adaptation=["high", 5, 4, 2, 3, 2]))
    with pytest.raises(ValueError, match=r"`threshold` must be in \[1, 5\], but 6 was passed"):
        relationship_types(scores, threshold=6)
    with pytest.raises(TypeError, match=r"`threshold` must be a number"):
        relationship_types(scores, threshold="3")
    with pytest.raises(ValueError, match="`scores` is empty"):
        relationship_types(scores.iloc[:0])


def test_types_table_covers_the_two_by_two():
    assert set(RELATIONSHIP_TYPES) == {(f, c) for f in (True, False) for c in (True, False)}


def test_labels_in_both_languages():
    zh = {code: text(f"relationship.type.{code}", "zh") for code in RELATIONSHIP_TYPES.values()}
    assert zh == {"hook": "扣钩", "zipper": "拉链", "velcro": "维可牢", "none": "无关系战略"}
    for code in RELATIONSHIP_TYPES.values():
        assert text(f"relationship.type.{code}", "en")
    assert text("relationship.firm_adaptation", "en") and text("relationship.customer_adaptation", "zh")


def test_public_name():
    assert crm.relationship_types is relationship_types


def test_relationship_types_keep_their_threshold():
    import crm_course.models.relationships as rel

    scores = pd.DataFrame({"firm_adaptation": [2, 4], "customer_adaptation": [5, 4]}, index=["a", "b"])
    assert rel.relationship_types(scores, threshold=4).attrs == {"threshold": 4.0}
