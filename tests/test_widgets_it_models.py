"""The IT-models widgets: each control moves the result exactly as the model called by hand does."""

import ipywidgets
import pandas as pd
import pytest

import crm_course as crm
from crm_course.models.baskets import filter_rules
from crm_course.models.vendors import FEATURE_WEIGHTS, VENDOR_WEIGHTS
from crm_course.widgets import it_models as widget_module
from crm_course.widgets._weights import WeightsPanel
from crm_course.widgets.it_models import (
    AllocationExplorer,
    MailingPlanner,
    allocation_explorer,
    rules_explorer,
    vendor_editor,
)

# Tan, Steinbach and Kumar's five baskets: {Milk, Diapers} -> {Beer} has support 0.4, confidence 2/3, lift 10/9.
TSK = [{"Bread", "Milk"}, {"Bread", "Diapers", "Beer", "Eggs"}, {"Milk", "Diapers", "Beer", "Cola"},
       {"Bread", "Milk", "Diapers", "Beer"}, {"Bread", "Milk", "Diapers", "Cola"}]
VENDORS = crm.load_dataset("crm_vendors")
# A gains table of three cells worked by hand: 2%, 1% and 0.5% response.
GAINS = pd.DataFrame({"customers": [1000, 1000, 1000], "buyers": [20, 10, 5],
                      "response_rate": [0.02, 0.01, 0.005]}, index=pd.Index([1, 2, 3], name="decile"))
# Six outlets: one A, two B, two D, one E (weights per outlet 6, 4, 1, 0).
SHOPS = pd.DataFrame({"class": ["A", "B", "B", "D", "D", "E"]}, index=[f"R{i}" for i in range(1, 7)])


def _ok(explorer):
    assert explorer.error is None
    assert explorer.image.value[:4] == b"\x89PNG"


# --- rules explorer -------------------------------------------------------------------------------


def test_rules_explorer_filters_what_mining_again_would_find():
    explorer = rules_explorer(TSK, supports=(0.2, 0.8), min_support=0.4, min_confidence=0.6, min_lift=0)
    _ok(explorer)
    pd.testing.assert_frame_equal(explorer.result, crm.association_rules(TSK, min_support=0.4, min_confidence=0.6,
                                                                         min_lift=0))
    pick = explorer.result[(explorer.result["antecedents"] == frozenset({"Milk", "Diapers"}))
                           & (explorer.result["consequents"] == {"Beer"})]
    assert pick[["support", "confidence", "lift"]].round(3).values.tolist() == [[0.4, 0.667, 1.111]]
    before, count = explorer.image.value, len(explorer.result)
    explorer.controls["min_lift"].value = 1.0  # lift >= 1 drops the rules of lift below 1
    _ok(explorer)
    pd.testing.assert_frame_equal(explorer.result, crm.association_rules(TSK, min_support=0.4, min_confidence=0.6,
                                                                         min_lift=1.0))
    assert (explorer.result["lift"] >= 1).all() and len(explorer.result) < count
    assert explorer.image.value != before
    explorer.controls["min_support"].value = 0.6  # only pairs in 3 of 5 baskets: Bread-Milk and the like
    assert explorer.result["support"].min() >= 0.6
    assert "rules over 5 baskets" in explorer.summary.value


def test_rules_explorer_mines_once(monkeypatch):
    calls = []

    def counted(baskets, **options):
        calls.append(options["min_support"])
        return crm.association_rules(baskets, **options)

    monkeypatch.setattr(widget_module, "association_rules", counted)
    explorer = rules_explorer(TSK, supports=(0.2, 0.8), min_support=0.4)
    for value in (0.6, 0.2, 0.8):
        explorer.controls["min_support"].value = value
    explorer.controls["min_confidence"].value = 0.9
    assert calls == [0.2]


def test_rules_explorer_on_the_database_finds_the_planted_pair():
    explorer = rules_explorer()
    first = explorer.result.iloc[0]
    assert (first["antecedents"], first["consequents"]) == ({"men's sports socks"}, {"baby bodysuit"})
    assert round(first["lift"], 1) == 15.8
    assert "men&#x27;s sports socks → baby bodysuit" in explorer.summary.value


def test_rules_explorer_says_when_no_rule_is_left():
    explorer = rules_explorer(TSK, supports=(0.2, 0.8), min_support=0.8)
    _ok(explorer)
    assert explorer.result.empty
    assert "No rule meets these thresholds" in explorer.summary.value


def test_filter_rules_refuses_looser_thresholds_than_mined():
    rules = crm.association_rules(TSK, min_support=0.4, min_confidence=0.6)
    with pytest.raises(ValueError, match=r"`min_support` is 0.2, below the 0.4 these rules were mined with"):
        filter_rules(rules, min_support=0.2, min_confidence=0.6)
    with pytest.raises(ValueError, match=r"`min_confidence` is 0.5, below the 0.6"):
        filter_rules(rules, min_support=0.4, min_confidence=0.5)
    with pytest.raises(ValueError, match=r"Column 'lift'"):
        filter_rules(rules.drop(columns="lift"), min_support=0.4)


# --- mailing planner ------------------------------------------------------------------------------


def test_mailing_planner_mails_the_cells_above_break_even():
    planner = MailingPlanner(GAINS)  # 0.55 / 40 = 1.375%: only the 2% cell pays
    _ok(planner)
    pd.testing.assert_frame_equal(planner.result, crm.mailing_plan(GAINS, cost_per_piece=0.55, profit_per_sale=40))
    assert planner.result["mail"].tolist() == [True, False, False]
    assert "Break-even response 1.38%: mail deciles 1 (1,000 members), expected profit 250 CNY." in (
        planner.summary.value)
    before = planner.image.value
    planner.controls["cost_per_piece"].value = 0.40  # 1%: the second cell breaks even and is mailed
    assert planner.result["mail"].tolist() == [True, True, False]
    assert planner.image.value != before
    planner.controls["profit_per_sale"].value = 10  # 4%: nobody
    assert not planner.result["mail"].any()
    assert "no decile responds that well, so mail nobody" in planner.summary.value


def test_mailing_planner_fits_the_likelihood_model_once(monkeypatch):
    calls = []

    def counted(table, **options):
        calls.append(len(table))
        return crm.purchase_likelihood(table, **options)

    monkeypatch.setattr(widget_module, "purchase_likelihood", counted)
    planner = widget_module.mailing_planner()
    planner.controls["cost_per_piece"].value = 1.0
    planner.controls["profit_per_sale"].value = 20
    assert calls == [2680]
    assert planner.result["mail"].sum() < 10


# --- vendor editor --------------------------------------------------------------------------------


def test_vendor_editor_follows_the_weights_the_preset_and_the_budget():
    editor = vendor_editor()
    _ok(editor)
    pd.testing.assert_frame_equal(editor.result, crm.vendor_ranking(VENDORS, VENDOR_WEIGHTS, budget=1_000_000,
                                                                    normalize=True))
    assert "CloudDesk CRM (V2)" in editor.summary.value
    editor.preset.value = "features"  # the trap: the feature list decides
    pd.testing.assert_frame_equal(editor.result, crm.vendor_ranking(VENDORS, FEATURE_WEIGHTS, budget=1_000_000,
                                                                    normalize=True))
    assert editor.result.index[0] != "V2"
    editor.controls["features"].value = 0.0
    expected = crm.vendor_ranking(VENDORS, {**FEATURE_WEIGHTS, "features": 0.0}, budget=1_000_000, normalize=True)
    pd.testing.assert_frame_equal(editor.result, expected)
    assert editor.weights["features"] == 0.0
    assert editor.panel.used["integration"].value == f"→ {0.15 / 0.60:.3f}"
    assert "add up to 0.60" in editor.panel.status.value
    editor.controls["budget"].value = 100_000  # nothing that cheap
    assert not editor.result["choice"].any()
    assert "No product is within the budget" in editor.summary.value


def test_vendor_editor_shows_a_zero_sum_above_the_kept_figure():
    editor = vendor_editor()
    for name in VENDOR_WEIGHTS:
        editor.controls[name].value = 0.0
    assert editor.error.startswith("All `weights` are 0")
    assert "crm-stale" in editor.image._dom_classes
    assert "Every weight is 0" in editor.panel.status.value


def test_weights_panel_normalises_and_sets():
    panel = WeightsPanel({"a": 0.2, "b": 0.6}, label=str.upper)
    panel.show()
    assert panel.labels["a"].value == "A" and panel.used["b"].value == "→ 0.750"
    panel.set({"a": 0.5})
    assert panel.raw == {"a": 0.5, "b": 0.0} and panel.normalised() == {"a": 1.0, "b": 0.0}
    panel.set({"a": 0.5, "b": 0.5})
    panel.show()
    assert "add up to 1." in panel.status.value


def test_weights_panel_lays_out_groups_and_names_its_sum():
    panel = WeightsPanel({"a": 0.2, "b": 0.6, "c": 0.4}, label=str.upper, status_fields={"dimension": "Fit"},
                         status_keys=("editor.sum_ok", "editor.sum_rescaled", "editor.sum_zero"))
    first, second = panel.grids([["c"], ["a", "b"]])
    assert first.children == (panel.labels["c"], panel.controls["c"], panel.used["c"])
    assert second.children[::3] == (panel.labels["a"], panel.labels["b"])
    assert panel.widget.children[1::3] == tuple(panel.controls.values())  # all in one grid, in order
    panel.show()
    assert "Fit: the sliders sum to 1.20, not 1.00" in panel.status.value
    with pytest.raises(ValueError, match=r"left out: \['c'\], named twice: \['a'\]"):
        panel.grids([["a"], ["a", "b"]])
    with pytest.raises(ValueError, match=r"unknown: \['z'\]"):
        panel.grids([["a", "b", "c", "z"]])



def test_weights_panel_of_whole_points_meant_to_add_up_to_100():
    panel = WeightsPanel({"a": 60, "b": 40.4}, maximum=100, step=1, total=100,
                         status_keys=("cultureview.points_ok", "cultureview.points_rescaled", "cultureview.points_zero"))
    assert all(isinstance(c, ipywidgets.IntSlider) and c.max == 100 for c in panel.controls.values())
    assert panel.raw == {"a": 60, "b": 40}  # 40.4 rounded to a whole point
    panel.show()
    assert "add up to 100:" in panel.status.value and panel.used["b"].value == "→ 0.400"
    panel.set({"a": 60, "b": 59.6})
    panel.show()
    assert panel.raw == {"a": 60, "b": 60} and panel.normalised() == {"a": 0.5, "b": 0.5}
    assert "add up to 120, not 100" in panel.status.value and panel.used["a"].value == "→ 0.500"
    panel.set({})
    panel.show()
    assert "All points are 0" in panel.status.value and panel.used["a"].value == "→ –"

# --- allocation explorer --------------------------------------------------------------------------


def test_allocation_explorer_shares_the_supply_by_class_and_outlet():
    explorer = AllocationExplorer(SHOPS, supply=10)
    _ok(explorer)
    pd.testing.assert_frame_equal(explorer.result, crm.outlet_allocation(SHOPS, 10))
    # weights 6, 8, 2, 0 of 16: quotas 3.75, 5, 1.25, 0 -> 4, 5, 1, 0; B's 5 units over 2 outlets: 3 and 2
    assert explorer.result["units"].tolist() == [4, 3, 2, 1, 0, 0]
    assert "<td style='text-align:right;padding:0 10px'>2-3</td>" in explorer.summary.value
    before = explorer.image.value
    explorer.controls["supply"].value = 20
    assert explorer.result["units"].sum() == 20 and explorer.image.value != before
    assert explorer.result.attrs["classes"]["units"].tolist() == [8, 10, 2, 0]


def test_allocation_explorer_on_the_outlets():
    explorer = allocation_explorer(supply=1000)
    classes = crm.outlet_classes(crm.load_dataset("retail_outlets"))
    pd.testing.assert_frame_equal(explorer.result, crm.outlet_allocation(classes, 1000))
    assert "1,000 units over 4,000 outlets" in explorer.summary.value


# --- Chinese --------------------------------------------------------------------------------------


def test_the_widgets_speak_chinese():
    crm.set_language("zh")
    planner = MailingPlanner(GAINS)
    assert planner.controls["cost_per_piece"].description == "单件成本（元）"
    assert "盈亏平衡响应率 1.38%：寄送第 1 十分位（1,000 名会员）" in planner.summary.value
    explorer = rules_explorer(TSK, supports=(0.2, 0.8), min_support=0.4)
    assert explorer.controls["min_lift"].description == "最小提升度"
    assert "共 5 个购物篮中的" in explorer.summary.value
    editor = vendor_editor()
    assert editor.panel.labels["management_fit"].value == "满足管理需求"
    assert "预算内的选择" in editor.summary.value
    allocation = AllocationExplorer(SHOPS, supply=10)
    assert "每户分配" in allocation.summary.value
    allocation.controls["supply"].value = 0
    assert allocation.result["units"].sum() == 0
