"""The culture widgets: each control moves the result exactly as the model called by hand does."""

import pandas as pd
import pytest

import crm_course as crm
from crm_course.i18n import set_language
from crm_course.widgets.culture import audit_form, gap_explorer, nps_explorer, trap_explorer

SURVEY = crm.load_dataset("service_survey")
DIMENSIONS = list(crm.SERVQUAL_DIMENSIONS)


def _ok(explorer):
    assert explorer.error is None
    assert explorer.image.value[:4] == b"\x89PNG"


@pytest.fixture
def chinese():
    set_language("zh")
    yield
    set_language("en")


# --- the gap explorer -----------------------------------------------------------------------------


def test_gap_explorer_starts_with_the_survey_mean_importance_in_whole_points():
    explorer = gap_explorer()
    _ok(explorer)
    assert explorer.points == {"tangibles": 11, "reliability": 32, "responsiveness": 22, "assurance": 19, "empathy": 16}
    expected = crm.servqual_summary(SURVEY, weights={d: p / 100 for d, p in explorer.points.items()})
    pd.testing.assert_frame_equal(explorer.result, expected)
    assert "add up to 100" in explorer.panel.status.value
    assert "Improve first: Reliability" in explorer.summary.value
    assert explorer.panel.used["reliability"].value == "→ 0.320"


def test_gap_explorer_rescales_points_that_do_not_add_up_to_100_and_redraws():
    explorer = gap_explorer(points=dict.fromkeys(DIMENSIONS, 20))
    before = explorer.image.value
    explorer.controls["reliability"].value = 60  # total 140: reliability weighs 60/140
    _ok(explorer)
    assert explorer.image.value != before
    assert explorer.result.loc["reliability", "weight"] == pytest.approx(60 / 140)
    assert explorer.result.attrs["index"] == pytest.approx(crm.servqual_index(
        crm.servqual_summary(SURVEY)["gap"], {d: (60 if d == "reliability" else 20) / 140 for d in DIMENSIONS}))
    assert "add up to 140, not 100" in explorer.panel.status.value
    assert explorer.panel.used["tangibles"].value == "→ 0.143"


def test_gap_explorer_equal_weights_give_the_unweighted_index_and_a_shortfall_free_survey_nothing_to_fix():
    explorer = gap_explorer()
    explorer.equal_button.click()
    assert explorer.result.attrs["index"] == pytest.approx(crm.servqual_index(crm.servqual_summary(SURVEY)["gap"]))
    explorer.reset_button.click()
    assert explorer.points["reliability"] == 32
    # Only tangibles exceeds expectations: weighting nothing else leaves nothing to improve.
    explorer.set_points({d: (100 if d == "tangibles" else 0) for d in DIMENSIONS})
    _ok(explorer)
    assert "nothing to fix first" in explorer.summary.value


def test_gap_explorer_refuses_all_points_at_zero_above_the_kept_figure():
    explorer = gap_explorer()
    good = explorer.result
    explorer.set_points(dict.fromkeys(DIMENSIONS, 0))
    assert explorer.error == "All points are 0: give at least one dimension some points."
    assert "All points are 0" in explorer.message.value and "out of date" in explorer.message.value
    assert explorer.result is good
    explorer.controls["empathy"].value = 10
    _ok(explorer)
    assert explorer.result.loc["empathy", "weight"] == 1


def test_gap_explorer_refuses_points_without_every_dimension():
    with pytest.raises(ValueError, match="`points` must give each SERVQUAL dimension"):
        gap_explorer(points={"tangibles": 100})


def test_gap_explorer_in_chinese(chinese):
    explorer = gap_explorer()
    assert explorer.panel.labels["reliability"].value == "可靠性"
    assert "优先改进：可靠性" in explorer.summary.value
    explorer.controls["tangibles"].value = 30
    assert "分值合计为 119" in explorer.panel.status.value


# --- the trap explorer ----------------------------------------------------------------------------


def test_trap_explorer_threshold_moves_the_share_of_satisfied_defectors():
    explorer = trap_explorer()
    _ok(explorer)
    pd.testing.assert_frame_equal(explorer.result, crm.satisfaction_trap(SURVEY))
    assert "75.8% of the 240 defectors had answered 6 or higher" in explorer.summary.value
    assert "84.9%" in explorer.summary.value and "car industry: 30%–40%" in explorer.summary.value
    assert "Bain: 65%–85%" in explorer.summary.value
    before = explorer.image.value
    explorer.controls["satisfied_from"].value = 7
    _ok(explorer)
    assert explorer.image.value != before
    assert explorer.result.attrs["defectors_satisfied"] == pytest.approx(70 / 240)
    pd.testing.assert_frame_equal(explorer.result, crm.satisfaction_trap(SURVEY, satisfied_from=7))


def test_trap_explorer_shows_the_lecture_figures_beside_the_survey():
    explorer = trap_explorer()
    before = explorer.image.value
    explorer.controls["chart"].value = "benchmarks"
    _ok(explorer)
    assert explorer.image.value != before
    explorer.controls["satisfied_from"].value = 5
    _ok(explorer)
    assert "90.4% of the 240 defectors" in explorer.summary.value


def test_trap_explorer_refuses_an_unknown_chart():
    with pytest.raises(ValueError, match="`chart` must be one of"):
        trap_explorer(chart="pie")


def test_trap_explorer_in_chinese(chinese):
    explorer = trap_explorer()
    assert explorer.controls["satisfied_from"].description == "满意的起点"
    assert "240 个流失客户中有 75.8% 曾回答 6 分或更高" in explorer.summary.value


# --- the NPS explorer -----------------------------------------------------------------------------


def test_nps_explorer_by_format_and_group_matches_the_model():
    explorer = nps_explorer()
    _ok(explorer)
    assert explorer.result.attrs["nps"] == pytest.approx(-3.0)
    explorer.controls["business_format"].value = "tobacco_liquor"
    _ok(explorer)
    shops = SURVEY[SURVEY["business_format"] == "tobacco_liquor"]
    pd.testing.assert_frame_equal(explorer.result, crm.nps_breakdown(shops["recommend"]))
    assert round(explorer.result.attrs["nps"], 1) == -7.0
    explorer.controls["group"].value = "defected"
    left = shops[shops["defected"] == 1]
    assert explorer.result.attrs["nps"] == pytest.approx(crm.nps(left["recommend"]))
    assert f"among {len(left):,} outlets" in explorer.summary.value


def test_nps_explorer_with_no_outlets_in_the_group_says_so():
    survey = SURVEY.assign(defected=0)
    explorer = nps_explorer(survey)
    explorer.controls["group"].value = "defected"
    assert explorer.error == "No outlets of this format in this group."
    with pytest.raises(ValueError, match="business_format"):
        nps_explorer(survey.drop(columns="business_format"))


# --- the self-audit form --------------------------------------------------------------------------


def test_audit_form_scores_redraw_the_profile():
    form = audit_form()
    _ok(form)
    assert form.result.iloc[0].tolist() == [3.0, 3.0, 3.0, 3.0]
    before = form.image.value
    form.controls["appraisal"].value = 1
    form.controls["leaders_mindset"].value = 5
    _ok(form)
    assert form.image.value != before
    pd.testing.assert_frame_equal(form.result, crm.culture_audit(form.scores))
    assert form.result.loc[0, "overall"] == pytest.approx(3 + 0.12 * 2 - 0.10 * 2)
    assert "weakest area: Human resources" in form.summary.value


def test_audit_form_refuses_unknown_criteria_and_off_scale_scores():
    with pytest.raises(ValueError, match="not in the audit"):
        audit_form(scores={"smiling": 5})
    with pytest.raises(ValueError, match="hiring"):
        audit_form(scores={"hiring": 6})


def test_audit_form_in_chinese(chinese):
    form = audit_form()
    assert form.labels["hiring"].value.startswith("招聘重视学习能力")
    assert "总分 3.00" in form.summary.value
