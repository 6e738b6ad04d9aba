"""The lifecycle widgets: each control moves the result exactly as the model called by hand does."""

import pandas as pd
import pytest

import crm_course as crm
from crm_course.models.retention import FADER_HARDIE_2007
from crm_course.widgets.lifecycle import (
    closeness_explorer,
    cohort_explorer,
    lifecycle_explorer,
    retention_projector,
    winback_planner,
)

RETAIL = crm.load_dataset("retail")
MEMBERS = crm.load_dataset("retail_customers")["customer_id"]
INVOICES = crm.load_dataset("online_retail")
PURCHASES = INVOICES[~INVOICES["cancelled"]]
# Six purchases of four customers; e never bought.
TX = pd.DataFrame({
    "client": ["a", "a", "b", "c", "c", "d"],
    "day": pd.to_datetime(["2024-01-05", "2024-03-01", "2024-02-10", "2024-01-20", "2024-03-02", "2024-01-02"]),
    "paid": [20.0, 35.5, 120.0, 10.0, 15.0, 40.0],
})


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    crm.set_language("en")


def _ok(explorer):
    assert explorer.error is None
    assert explorer.image.value[:4] == b"\x89PNG"


def test_closeness_explorer_is_lifecycle_stages_on_the_start_page_call():
    explorer = closeness_explorer(RETAIL, MEMBERS, loyal_from=3)  # as notebook 00 calls it
    _ok(explorer)
    pd.testing.assert_series_equal(explorer.result, crm.lifecycle_stages(RETAIL, members=MEMBERS))
    before = explorer.image.value
    explorer.controls["lapsed_after"].value = 90
    _ok(explorer)
    pd.testing.assert_series_equal(explorer.result, crm.lifecycle_stages(RETAIL, members=MEMBERS, lapsed_after=90))
    assert explorer.image.value != before
    assert "crm-closenessexplorer" in explorer.widget._dom_classes  # the browser test finds it by this class


def test_lifecycle_explorer_stages_and_transitions():
    explorer = lifecycle_explorer(TX.rename(columns={"client": "customer_id", "day": "date"}), ["a", "b", "c", "d", "e"],
                                  lapsed_after=30, loyal_from=2)
    _ok(explorer)
    tx = TX.rename(columns={"client": "customer_id", "day": "date"})
    options = dict(members=["a", "b", "c", "d", "e"], lapsed_after=30, loyal_from=2)
    pd.testing.assert_series_equal(explorer.result, crm.lifecycle_stages(tx, as_of="2024-03-02", **options))
    assert explorer.result.to_dict() == {"a": "repeat", "b": "first_time", "c": "repeat", "d": "lost",
                                       "e": "potential"}  # a and c: gaps of 56 and 42 days break the run
    assert "<td style='padding:0 10px'>Repeat buyer</td><td style='text-align:right;padding:0 10px'>2</td>" in (
        explorer.summary.value)
    assert [label for label, _ in explorer.controls["end"].options] == ["2024-01-31", "2024-02-29", "2024-03-02"]
    assert explorer.controls["start"].disabled and explorer.controls["normalize"].disabled  # stage view: unused
    explorer.controls["start"].value = pd.Timestamp("2024-01-31")
    explorer.controls["view"].value = "transitions"
    assert not explorer.controls["start"].disabled
    _ok(explorer)
    expected = crm.stage_transitions(tx, start="2024-01-31", end="2024-03-02", **options)
    pd.testing.assert_frame_equal(explorer.result, expected)
    assert "5 customers at the end date: 1 in the same stage as at the start, 0 not yet known then." in (
        explorer.summary.value)
    explorer.controls["normalize"].value = True
    assert explorer.result.attrs["normalize"] and explorer.result.loc["first_time"].sum() == pytest.approx(1)
    assert explorer.result.loc["potential", "first_time"] == 0.5  # b, a member, bought; e did not


def test_lifecycle_explorer_shows_a_refusal_above_the_kept_figure():
    explorer = lifecycle_explorer(view="transitions")
    explorer.controls["start"].value = explorer.controls["end"].value  # end must be after start
    assert "must be after `start`" in explorer.error and "out of date" in explorer.message.value
    assert "crm-stale" in explorer.image._dom_classes
    explorer.controls["start"].index = 0
    _ok(explorer)


def test_cohort_explorer_follows_period_metric_and_the_end_of_the_data():
    explorer = cohort_explorer()
    _ok(explorer)
    pd.testing.assert_frame_equal(explorer.result, crm.cohort_table(PURCHASES, metric="share"))
    assert explorer.result.loc[pd.Period("2011-01", "M"), 1] == pytest.approx(0.221, abs=0.0005)  # the data card
    explorer.controls["metric"].value = "revenue"
    explorer.controls["period"].value = "Q"
    pd.testing.assert_frame_equal(explorer.result, crm.cohort_table(PURCHASES, metric="revenue", period="Q"))
    explorer.controls["up_to"].value = pd.Timestamp("2011-06-30")
    kept = PURCHASES[PURCHASES["date"] < "2011-07-01"]
    pd.testing.assert_frame_equal(explorer.result, crm.cohort_table(kept, metric="revenue", period="Q"))
    assert "3 acquisition cohorts, " in explorer.summary.value


def test_cohort_explorer_refuses_a_metric_it_does_not_show():
    with pytest.raises(ValueError, match="`metric` must be one of"):
        cohort_explorer(metric="survivors")


def test_retention_projector_fits_the_papers_cohort_and_a_real_one():
    projector = retention_projector()
    _ok(projector)
    assert projector.result.attrs["alpha"] == pytest.approx(0.668, abs=0.001)  # Fader & Hardie (2007), years 0-7
    assert projector.result.attrs["beta"] == pytest.approx(3.806, abs=0.001)
    projector.controls["calibration"].value = 3
    pd.testing.assert_frame_equal(projector.result,
                                  crm.retention_projection(FADER_HARDIE_2007["high_end"], calibration=3))
    projector.controls["cohort"].value = "2011-01"
    _ok(projector)
    assert projector.controls["calibration"].max == 11
    survivors = [417, 335, 330, 325, 317, 301, 288, 279, 260, 228, 164, 49]  # the data card
    pd.testing.assert_frame_equal(projector.result, crm.retention_projection(survivors, calibration=3))
    assert "At t = 11: actual 49" in projector.summary.value and projector.result.attrs["warning"] is None
    projector.controls["calibration"].value = 1  # one period cannot tell the mix of churn rates: the fit warns
    _ok(projector)
    assert "Do not trust this sBG fit: The sBG estimates are not identified" in projector.summary.value


def test_retention_projector_on_own_cohorts_and_its_refusals():
    projector = retention_projector({"ours": [100, 60, 40, 30]}, calibration=9)
    assert projector.controls["calibration"].value == 3 and projector.controls["calibration"].max == 3
    with pytest.raises(ValueError, match="`cohort` must be one of"):
        retention_projector({"ours": [100, 60, 40]}, cohort="theirs")
    with pytest.raises(ValueError, match="`cohorts` is empty"):
        retention_projector({})


def test_winback_planner_fits_once_and_applies_the_budget():
    planner = winback_planner()
    _ok(planner)
    ranking = crm.winback_priority(RETAIL, budget=1000, contact_cost=20)
    pd.testing.assert_frame_equal(planner.ranking, ranking)
    planner.controls["budget"].value = 2000
    _ok(planner)
    pd.testing.assert_frame_equal(planner.result, crm.winback_budget(ranking, budget=2000, contact_cost=20))
    assert planner.result.attrs["contacted"] == 100
    assert "Contact 100 of 1,890 lost customers for 2,000" in planner.summary.value
    planner.controls["budget"].value = 0
    _ok(planner)
    assert planner.result.attrs["contacted"] == 0 and "Contact 0 of 1,890" in planner.summary.value
    again = winback_planner(plan=ranking, budget=2000)  # from a plan made by hand: the same, without a second fit
    pd.testing.assert_frame_equal(again.result, crm.winback_budget(ranking, budget=2000, contact_cost=20))
    with pytest.raises(ValueError, match="`plan`"):
        winback_planner(plan=ranking.drop(columns="worth"))


def test_widgets_speak_chinese():
    crm.set_language("zh")
    explorer = lifecycle_explorer()
    assert explorer.controls["lapsed_after"].description == "流失阈值（天）"
    assert "流失客户" in explorer.summary.value
    projector = retention_projector()
    assert projector.controls["calibration"].description == "校准期数" and "固定保留率" in projector.summary.value
    assert "预期赢回价值" in winback_planner().summary.value
    assert "获客队列" in cohort_explorer().summary.value


@pytest.mark.parametrize("make", [closeness_explorer, lifecycle_explorer, cohort_explorer, retention_projector,
                                  winback_planner])
def test_every_control_has_explicit_widths(make):
    explorer = make()
    for name, control in explorer.controls.items():
        if name == "view":  # toggle buttons size to their labels
            continue
        assert control.layout.width and control.layout.width.endswith("px"), name
        assert control.layout.flex == "0 0 auto", name
