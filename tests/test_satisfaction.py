"""SERVQUAL gaps and index, satisfaction as P - E, and the satisfaction trap: hand-computed cases."""

import numpy as np
import pandas as pd
import pytest

import crm_course as crm

LECTURE_GAPS = {"tangibles": 0.3, "reliability": -1.3, "responsiveness": -0.8, "assurance": -0.3, "empathy": -0.3}


def small_survey():
    """Two dimensions, three items; item 3 is worded negatively. Hand-computed gaps in the tests."""
    return pd.DataFrame(
        {
            "e01": [6, 5, 7], "p01": [4, 5, 7],
            "e02": [7, 6, 5], "p02": [6, 6, 7],
            "e03": [2, 1, 4], "p03": [3, 4, 4],  # negative: reversed E 6, 7, 4 and P 5, 4, 4
        },
        index=["R1", "R2", "R3"],
    )


DIMS = {"reliability": (1, 2), "empathy": (3,)}


# --- SERVQUAL index -----------------------------------------------------------------------


def test_index_of_the_lecture_gaps_is_minus_0_48():
    assert crm.servqual_index(LECTURE_GAPS) == pytest.approx(-0.48)
    assert crm.servqual_index(pd.Series(LECTURE_GAPS)) == pytest.approx(-0.48)


def test_weighted_index_by_hand():
    weights = {"tangibles": 0.1, "reliability": 0.4, "responsiveness": 0.2, "assurance": 0.2, "empathy": 0.1}
    # 0.03 - 0.52 - 0.16 - 0.06 - 0.03
    assert crm.servqual_index(LECTURE_GAPS, weights) == pytest.approx(-0.74)


def test_index_per_row_of_a_frame():
    frame = pd.DataFrame({"a": [1.0, -2.0], "b": [0.0, 1.0]}, index=["x", "y"])
    index = crm.servqual_index(frame, {"a": 0.25, "b": 0.75})
    assert index.tolist() == [0.25, 0.25] and index.index.tolist() == ["x", "y"]
    assert index.attrs["weights"] == {"a": 0.25, "b": 0.75}
    assert crm.servqual_index(frame).tolist() == [0.5, -0.5]


def test_index_weights_follow_the_scoring_engine_rules():
    with pytest.raises(ValueError, match="`weights` must sum to 1, but they sum to 1.1"):
        crm.servqual_index({"a": 1.0, "b": 0.0}, {"a": 0.6, "b": 0.5})
    with pytest.raises(ValueError, match="indicator 'b' has weight -0.2"):
        crm.servqual_index({"a": 1.0, "b": 0.0}, {"a": 1.2, "b": -0.2})
    with pytest.raises(ValueError, match=r"weights have \['c'\] not in gaps and gaps have \['b'\] without a weight"):
        crm.servqual_index({"a": 1.0, "b": 0.0}, {"a": 0.5, "c": 0.5})
    with pytest.raises(TypeError, match="`gaps` must be a dict or Series"):
        crm.servqual_index([0.3, -1.3])


# --- gaps ---------------------------------------------------------------------------------


def test_gaps_by_item_reverse_the_negative_items():
    gaps = crm.servqual_gaps(small_survey(), negative=(3,), dimensions=DIMS)
    assert gaps.columns.tolist() == ["q01", "q02", "q03"]
    assert gaps.to_dict("list") == {"q01": [-2, 0, 0], "q02": [-1, 0, 2], "q03": [-1, -3, 0]}
    assert gaps.index.tolist() == ["R1", "R2", "R3"]
    assert gaps.attrs["negative"] == (3,) and gaps.attrs["by"] == "item"


def test_without_reversal_the_negative_item_flips_sign():
    gaps = crm.servqual_gaps(small_survey(), negative=(), dimensions=DIMS)
    assert gaps["q03"].tolist() == [1, 3, 0]


def test_gaps_by_dimension_are_the_item_means():
    gaps = crm.servqual_gaps(small_survey(), by="dimension", negative=(3,), dimensions=DIMS)
    assert gaps.to_dict("list") == {"reliability": [-1.5, 0.0, 1.0], "empathy": [-1.0, -3.0, 0.0]}


def test_gaps_do_not_mutate_and_do_not_depend_on_row_order():
    survey = small_survey()
    before = survey.copy()
    gaps = crm.servqual_gaps(survey, negative=(3,), dimensions=DIMS)
    pd.testing.assert_frame_equal(survey, before)
    shuffled = crm.servqual_gaps(survey.iloc[[2, 0, 1]], negative=(3,), dimensions=DIMS)
    pd.testing.assert_frame_equal(shuffled.loc[gaps.index], gaps)


def test_gaps_refuse_bad_answers_naming_them():
    survey = small_survey()
    survey.loc["R2", "p02"] = 8
    with pytest.raises(ValueError, match=r"Column 'p02' .* whole answers from 1 to 7, .* e.g. 8 at row 'R2'"):
        crm.servqual_gaps(survey, negative=(3,), dimensions=DIMS)
    survey["p02"] = [6.0, 5.5, 7.0]
    with pytest.raises(ValueError, match="e.g. 5.5 at row 'R2'"):
        crm.servqual_gaps(survey, negative=(3,), dimensions=DIMS)
    with pytest.raises(ValueError, match=r"Column 'e04' \(argument `expectation=`\) is not in `survey`"):
        crm.servqual_gaps(small_survey(), negative=(3,), dimensions={"reliability": (1, 2, 4), "empathy": (3,)})
    with pytest.raises(ValueError, match=r"`negative` names item\(s\) \[9\] that are in no dimension"):
        crm.servqual_gaps(small_survey(), negative=(9,), dimensions=DIMS)
    with pytest.raises(TypeError, match="`negative` must be a tuple of item numbers"):
        crm.servqual_gaps(small_survey(), negative=3, dimensions=DIMS)
    with pytest.raises(ValueError, match="The value for `by` must be one of"):
        crm.servqual_gaps(small_survey(), by="dimensions", dimensions=DIMS)
    with pytest.raises(ValueError, match=r"Item\(s\) \[2\] belong to more than one dimension"):
        crm.servqual_gaps(small_survey(), dimensions={"a": (1, 2), "b": (2, 3)})


def test_the_default_dimensions_are_servqual():
    assert sorted(i for items in crm.SERVQUAL_DIMENSIONS.values() for i in items) == list(range(1, 23))
    assert crm.SERVQUAL_DIMENSIONS["reliability"] == (5, 6, 7, 8, 9)
    assert set(crm.SERVQUAL_NEGATIVE) <= set(range(1, 23))


# --- importance weights and the summary ---------------------------------------------------


def test_weights_from_100_points():
    points = pd.DataFrame({"w_reliability": [70, 50, 30], "w_empathy": [30, 50, 70]})
    weights = crm.servqual_weights(points, dimensions=DIMS)
    assert weights.to_dict() == {"reliability": 0.5, "empathy": 0.5}
    points.loc[1, "w_empathy"] = 40
    with pytest.raises(ValueError, match="row 1 sums to 90"):
        crm.servqual_weights(points, dimensions=DIMS)


def test_summary_by_hand():
    table = crm.servqual_summary(small_survey(), weights={"reliability": 0.75, "empathy": 0.25},
                                 negative=(3,), dimensions=DIMS)
    # reliability: E mean (6+5+7+7+6+5)/6 = 6, P mean (4+5+7+6+6+7)/6 = 35/6; empathy: E 17/3, P 13/3
    assert table.loc["reliability", "expectation"] == pytest.approx(6.0)
    assert table.loc["reliability", "gap"] == pytest.approx(35 / 6 - 6)
    assert table.loc["empathy", "gap"] == pytest.approx(-4 / 3)
    assert table["weighted_gap"].tolist() == pytest.approx([0.75 * -1 / 6, 0.25 * -4 / 3])
    assert table["priority"].tolist() == [2, 1]  # empathy's weighted gap -1/3 is worse than -1/8
    assert table.attrs["index"] == pytest.approx(0.75 * -1 / 6 + 0.25 * -4 / 3)


def test_summary_gap_is_the_mean_of_the_item_gaps():
    survey = crm.load_dataset("service_survey")
    by_dimension = crm.servqual_gaps(survey, by="dimension").mean()
    table = crm.servqual_summary(survey)
    # equal per dimension: each respondent answered every item of the dimension
    assert np.allclose(table["gap"], by_dimension[table.index])


# --- satisfaction = P - E -----------------------------------------------------------------


def test_satisfaction_gap():
    assert crm.satisfaction_gap(5, 6) == -1.0
    assert crm.satisfaction_gap(6.5, 6) == 0.5
    gap = crm.satisfaction_gap(pd.Series([7, 4, 3]), pd.Series([6, 4, 5]))
    assert gap.tolist() == [1.0, 0.0, -2.0] and gap.name == "satisfaction_gap"
    with pytest.raises(TypeError, match="`perception` must be a number, but 'high'"):
        crm.satisfaction_gap("high", 6)


# --- the satisfaction trap ----------------------------------------------------------------


def trap_survey():
    return pd.DataFrame({"satisfaction": [7, 6, 6, 3, 2, 7, 5, 6], "defected": [1, 1, 0, 1, 0, 0, 0, 1]})


def test_trap_by_hand():
    trap = crm.satisfaction_trap(trap_survey())
    assert trap.index.tolist() == [1, 2, 3, 4, 5, 6, 7]
    assert trap["customers"].tolist() == [0, 1, 1, 0, 1, 3, 2]
    assert trap["defectors"].tolist() == [0, 0, 1, 0, 0, 2, 1]
    assert trap.loc[6, "defection_rate"] == pytest.approx(2 / 3) and np.isnan(trap.loc[1, "defection_rate"])
    assert trap["share_of_defectors"].sum() == pytest.approx(1)
    assert trap.attrs["defectors_satisfied"] == pytest.approx(3 / 4)  # 3 of the 4 defectors said 6 or 7
    assert trap.attrs["satisfied_share"] == pytest.approx(5 / 8)
    assert trap.attrs["satisfied_retained"] == pytest.approx(2 / 5)
    assert trap.attrs["defection_rate"] == pytest.approx(4 / 8)
    assert trap.attrs["satisfied_from"] == 6


def test_trap_threshold_moves_the_share():
    assert crm.satisfaction_trap(trap_survey(), satisfied_from=7).attrs["defectors_satisfied"] == pytest.approx(1 / 4)
    assert crm.satisfaction_trap(trap_survey(), satisfied_from=3).attrs["defectors_satisfied"] == pytest.approx(1)


def test_trap_accepts_true_false_and_refuses_other_codes():
    survey = trap_survey().assign(defected=lambda d: d["defected"] == 1)
    assert crm.satisfaction_trap(survey).attrs["defectors_satisfied"] == pytest.approx(3 / 4)
    with pytest.raises(ValueError, match=r"must hold 1 \(defected\) or 0 \(stayed\).*: 2"):
        crm.satisfaction_trap(trap_survey().assign(defected=[1, 2, 0, 1, 0, 0, 0, 1]))
    with pytest.raises(ValueError, match="`satisfied_from` must be in"):
        crm.satisfaction_trap(trap_survey(), satisfied_from=8)
    with pytest.raises(ValueError, match=r"Column 'satisfaction' .* e.g. 0 at row 0"):
        crm.satisfaction_trap(trap_survey().assign(satisfaction=[0, 6, 6, 3, 2, 7, 5, 6]))
    with pytest.raises(ValueError, match=r"Column 'left' \(argument `defected=`\) is not in `survey`"):
        crm.satisfaction_trap(trap_survey(), defected="left")


def test_lecture_benchmarks_are_data():
    assert crm.TRAP_BENCHMARKS == {
        "defectors_satisfied": (0.65, 0.85), "cars_satisfied": (0.85, 0.95), "cars_rebuy": (0.30, 0.40)
    }
