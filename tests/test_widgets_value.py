"""The value widgets: each control moves the result exactly as the model called by hand does."""

import datetime

import pandas as pd
import pytest

import crm_course as crm
from crm_course.models.segmentation import DEFAULT_SEGMENT_RULES, rfm_analysis
from crm_course.views.value import segment_bars
from crm_course.widgets import value as widget_module
from crm_course.widgets.value import (
    VALUE_TIER_RULES,
    abc_explorer,
    clv_calculator,
    rfm_explorer,
)

RETAIL = crm.load_dataset("retail")
CDNOW = crm.load_dataset("cdnow")

# Six transactions of four customers (data end 2024-03-02, so as_of defaults to 2024-03-03).
TX = pd.DataFrame({
    "client": ["a", "a", "b", "c", "c", "d"],
    "day": pd.to_datetime(["2024-01-05", "2024-03-01", "2024-02-10", "2024-01-20", "2024-03-02", "2024-01-02"]),
    "paid": [20.0, 35.5, 120.0, 10.0, 15.0, 40.0],
})
COLUMNS = {"customer": "client", "date": "day", "amount": "paid"}
# Two bins: recent (R = 2) or not, frequent (F = 2) or not.
TWO_BY_TWO = pd.DataFrame({"segment": ["stars", "new", "fading", "gone"], "r_min": [2, 2, 1, 1], "r_max": [2, 2, 1, 1],
                           "f_min": [2, 1, 2, 1], "f_max": [2, 1, 2, 1]})


def _segments(tx, *, bins=5, rules=None, as_of=None, **columns):
    return crm.rfm_segments(crm.rfm_scores(crm.rfm_table(tx, as_of=as_of, **columns), bins=bins), rules=rules,
                            bins=bins)


def _ok(explorer):
    assert explorer.error is None
    assert explorer.image.value[:4] == b"\x89PNG"


# --- the RFM explorer ----------------------------------------------------------------------------


def test_rfm_explorer_starts_with_the_model_result():
    explorer = rfm_explorer()
    _ok(explorer)
    pd.testing.assert_frame_equal(explorer.result, _segments(RETAIL))
    assert explorer.controls["as_of"].value == datetime.date(2025, 1, 1)
    assert "As of 2025-01-01: 3,991 customers with 17,977 transactions" in explorer.summary.value
    assert "<td style='padding:0 10px'>Champions</td><td style='text-align:right;padding:0 10px'>509</td>" in (
        explorer.summary.value)
    pd.testing.assert_frame_equal(explorer.rules, pd.DataFrame(list(DEFAULT_SEGMENT_RULES)))


def test_rfm_explorer_value_tiers_and_the_analysis_date():
    explorer = rfm_explorer()
    explorer.controls["rules"].value = "value_tiers"
    _ok(explorer)
    pd.testing.assert_frame_equal(explorer.result, _segments(RETAIL, rules=VALUE_TIER_RULES))
    assert explorer.result["segment"].cat.categories.tolist() == ["best", "occasional", "lapsing", "lost"]

    explorer.controls["as_of"].value = datetime.date(2024, 6, 30)  # only the transactions up to that day count
    _ok(explorer)
    kept = RETAIL[RETAIL["date"] <= "2024-06-30"]
    pd.testing.assert_frame_equal(explorer.result, _segments(kept, rules=VALUE_TIER_RULES, as_of="2024-06-30"))
    assert f"with {len(kept):,} transactions" in explorer.summary.value


def test_rfm_explorer_switches_dataset_and_resets_the_date():
    explorer = rfm_explorer()
    explorer.controls["as_of"].value = datetime.date(2024, 6, 30)
    explorer.controls["dataset"].value = "cdnow"
    _ok(explorer)
    assert explorer.controls["as_of"].value == datetime.date(1998, 7, 1)
    pd.testing.assert_frame_equal(explorer.result, _segments(CDNOW))
    # CDNOW's 60% one-time buyers all score F = 1 ... and none is recent enough for R 4-5, so two segments stay empty.
    assert explorer.result["segment"].value_counts()[["new_customers", "promising"]].tolist() == [0, 0]


def test_rfm_explorer_update_is_one_model_call_and_one_view_call_cached_per_bins_and_rules(monkeypatch):
    model, view = [], []

    def counted_rfm_analysis(table, **options):
        model.append((options["bins"], options["rules"] is None))
        return rfm_analysis(table, **options)

    def counted_segment_bars(segments, **options):
        view.append((segments.attrs["bins"], segments.attrs["rules"][0]["segment"]))
        return segment_bars(segments, **options)

    def drawn():  # the view's calls, one per update (a draw repeated on a new layout counted once)
        once = [bins for i, bins in enumerate(view) if i == 0 or view[i - 1] != bins]
        view.clear()
        return once

    monkeypatch.setattr(widget_module, "rfm_analysis", counted_rfm_analysis)
    monkeypatch.setattr(widget_module, "segment_bars", counted_segment_bars)
    explorer = rfm_explorer()
    explorer.controls["bins"].value = 4
    assert model == [(5, True), (4, True)] and drawn() == [(5, "champions"), (4, "champions")]
    model.clear()
    explorer.controls["rules"].value = "value_tiers"  # rules for 5 bins: refused at 4, nothing drawn
    assert model == [(4, False)] and drawn() == []
    explorer.controls["bins"].value = 5
    explorer.controls["rules"].value = "default"  # computed before: only drawn again
    assert model == [(4, False), (5, False)] and drawn() == [(5, "best"), (5, "champions")]
    assert len(view) == 0 and explorer.error is None
    pd.testing.assert_frame_equal(explorer.result, _segments(RETAIL))


def test_rfm_explorer_computes_the_rfm_table_once_per_dataset_and_date(monkeypatch):
    calls = []

    def counted_rfm_table(tx, **options):
        calls.append(options["as_of"])
        return crm.rfm_table(tx, **options)

    monkeypatch.setattr(widget_module, "rfm_table", counted_rfm_table)
    explorer = rfm_explorer()
    explorer.controls["rules"].value = "value_tiers"
    explorer.controls["bins"].value = 4
    explorer.controls["bins"].value = 5
    assert len(calls) == 1
    explorer.controls["as_of"].value = datetime.date(2024, 6, 30)
    explorer.controls["as_of"].value = datetime.date(2025, 1, 1)
    assert calls == [pd.Timestamp("2025-01-01"), pd.Timestamp("2024-06-30")]


def _model_error(tx, *, bins, rules, **columns):
    """The message the models give when called by hand with these bins and rules."""
    with pytest.raises(ValueError) as refused:
        _segments(tx, bins=bins, rules=rules, **columns)
    return str(refused.value)


@pytest.mark.parametrize("bins", [2, 3, 4, 6, 9])
def test_rfm_explorer_default_rules_hold_for_every_bins(bins):
    explorer = rfm_explorer()
    at_five = explorer.result["segment"].value_counts()
    explorer.controls["bins"].value = bins
    _ok(explorer)
    pd.testing.assert_frame_equal(explorer.result, _segments(RETAIL, bins=bins))
    assert not explorer.result["segment"].value_counts().equals(at_five)  # the segments visibly move


def test_rfm_explorer_rules_for_5_bins_at_other_bins_show_the_models_message():
    explorer = rfm_explorer()
    explorer.controls["rules"].value = "value_tiers"
    before, png = explorer.result, explorer.image.value
    explorer.controls["bins"].value = 4
    assert explorer.error == _model_error(RETAIL, bins=4, rules=VALUE_TIER_RULES)
    assert "⚠" in explorer.message.value and "out of date" in explorer.message.value
    assert explorer.result is before and explorer.image.value == png and "crm-stale" in explorer.image._dom_classes
    explorer.controls["bins"].value = 5
    _ok(explorer)
    assert "crm-stale" not in explorer.image._dom_classes and explorer.message.value == ""


def test_rfm_explorer_date_before_the_data_shows_a_message():
    explorer = rfm_explorer()
    explorer.controls["as_of"].value = datetime.date(2022, 6, 30)
    assert explorer.error == ("No transactions on or before 2022-06-30: the data run from 2023-01-01 to 2024-12-31. "
                              "Choose a later date.")


def test_rfm_explorer_on_your_data_with_your_rules():
    before = TX.copy()
    explorer = rfm_explorer(TX, rules=TWO_BY_TWO, bins=2, **COLUMNS)
    _ok(explorer)
    assert "dataset" not in explorer.controls and explorer.controls["rules"].value == "custom"
    # recency a 2, b 22, c 1, d 61 days -> R 2, 1, 2, 1; frequency a 2, b 1, c 2, d 1 -> F 2, 1, 2, 1
    assert explorer.result["segment"].tolist() == ["stars", "gone", "stars", "gone"]
    pd.testing.assert_frame_equal(explorer.result, _segments(TX, bins=2, rules=TWO_BY_TWO, **COLUMNS))
    # Before a's and c's second purchase everyone has bought once (F = 1); b and c bought last, so they are new.
    explorer.controls["as_of"].value = datetime.date(2024, 2, 15)
    assert explorer.result["segment"].tolist() == ["gone", "new", "new", "gone"]
    explorer.controls["rules"].value = "value_tiers"  # written for 5 bins: the model refuses them at 2
    kept = TX[TX["day"] <= "2024-02-15"]
    assert explorer.error == _model_error(kept, bins=2, rules=VALUE_TIER_RULES, as_of="2024-02-15", **COLUMNS)
    pd.testing.assert_frame_equal(TX, before)


def test_rfm_explorer_rules_with_a_gap_show_the_models_message():
    gap = TWO_BY_TWO.iloc[:3]
    explorer = rfm_explorer(TX, rules=gap, bins=2, **COLUMNS)
    assert explorer.result is None
    assert explorer.error.startswith("`rules` leave 1 R x F cell(s) without a segment: R=1 F=1.")
    with pytest.raises(TypeError, match="`rules` must be a DataFrame or a list of dicts like VALUE_TIER_RULES"):
        rfm_explorer(TX, rules="value tiers", **COLUMNS)
    with pytest.raises(ValueError, match=r"The value for `dataset` must be one of \['retail', 'cdnow'\], but 'online'"):
        rfm_explorer(dataset="online")
    with pytest.raises(ValueError, match=r"Column 'customer_id' \(argument `customer=`\) is not in `tx`"):
        rfm_explorer(TX)  # the shipped column names are not in this table


def test_rfm_explorer_speaks_chinese():
    crm.set_language("zh")
    explorer = rfm_explorer()
    assert explorer.controls["bins"].description == "得分档数"
    assert "截至 2025-01-01：3,991 位客户，17,977 笔交易" in explorer.summary.value
    explorer.controls["rules"].value = "value_tiers"
    explorer.controls["bins"].value = 6
    assert explorer.error == "无法按此设置计算：" + _model_error(RETAIL, bins=6, rules=VALUE_TIER_RULES)
    assert "下图已过期" in explorer.message.value


# --- the ABC explorer -------------------------------------------------------------------------------


def test_abc_explorer_follows_the_cuts():
    spend = RETAIL.groupby("customer_id")["amount"].sum()
    explorer = abc_explorer()
    _ok(explorer)
    pd.testing.assert_frame_equal(explorer.result, crm.abc_classes(spend))
    explorer.controls["a_cut"].value = 0.6
    _ok(explorer)
    pd.testing.assert_frame_equal(explorer.result, crm.abc_classes(spend, cuts=(0.6, 0.95)))
    assert explorer.result["class"].value_counts()["A"] == 620
    explorer.controls["b_cut"].value = 0.9
    pd.testing.assert_frame_equal(explorer.result, crm.abc_classes(spend, cuts=(0.6, 0.9)))
    assert "<td style='text-align:right;padding:0 10px'>620</td>" in explorer.summary.value


def test_abc_explorer_refuses_a_b_cut_below_the_a_cut():
    explorer = abc_explorer()
    before = explorer.result
    explorer.controls["b_cut"].value = 0.7
    assert explorer.error == "The B cut (70%) must be above the A cut (80%): move one of the two sliders."
    assert explorer.result is before


def test_abc_explorer_on_cdnow_and_on_your_values():
    explorer = abc_explorer()
    explorer.controls["dataset"].value = "cdnow"
    _ok(explorer)
    pd.testing.assert_frame_equal(explorer.result, crm.abc_classes(CDNOW.groupby("customer_id")["amount"].sum()))
    sales = pd.Series({"a": 10.0, "b": 500.0, "c": 300.0, "d": 100.0, "e": 60.0, "f": 30.0})
    mine = abc_explorer(sales)
    assert mine.result["class"].tolist() == ["A", "A", "B", "B", "C", "C"] and "dataset" not in mine.controls
    refunds = abc_explorer(pd.Series({"a": 10.0, "b": -5.0}))
    assert refunds.result is None and "`values` has 1 negative value(s)" in refunds.error


# --- the CLV calculator ---------------------------------------------------------------------------


def test_clv_calculator_every_control():
    calculator = clv_calculator()
    _ok(calculator)
    assert calculator.result == pytest.approx({"margin": 200, "retention": 0.75, "discount": 0.1, "horizon": None,
                                               "acquisition_cost": 0, "clv": 150 / 0.35})
    for name, value in [("margin", 300.0), ("retention", 0.9), ("discount", 0.0), ("horizon", 5),
                        ("acquisition_cost", 500.0)]:
        calculator.controls[name].value = value
        _ok(calculator)
        inputs = {k: v for k, v in calculator.result.items() if k != "clv"}
        assert calculator.result[name] == value
        assert calculator.result["clv"] == pytest.approx(crm.clv(**inputs))
    # 300 (0.9 + 0.81 + 0.729 + 0.6561 + 0.59049) - 500 = 605.68
    assert calculator.result["clv"] == pytest.approx(605.677)
    assert "Customer lifetime value: 605.68" in calculator.summary.value
    assert "the customer pays back" in calculator.summary.value


def test_clv_calculator_table_and_messages():
    calculator = clv_calculator(retention=0.3, acquisition_cost=150)
    assert calculator.table["discount"].unique().tolist() == pytest.approx([0.05, 0.1, 0.15])
    assert 0.3 in calculator.table["retention"].tolist()
    assert calculator.result["clv"] == pytest.approx(200 * 0.3 / 0.8 - 150)
    assert "does not pay back" in calculator.summary.value
    calculator.controls["horizon"].value = 0  # 0 means unlimited
    assert calculator.result["horizon"] is None


def test_rfm_explorer_offers_a_rules_table_added_by_the_lecturer(monkeypatch):
    three_bins = [{"segment": "recent", "r_min": 3, "r_max": 3, "f_min": 1, "f_max": 3},
                  {"segment": "earlier", "r_min": 1, "r_max": 2, "f_min": 1, "f_max": 3}]
    monkeypatch.setitem(widget_module.SEGMENT_RULES, "recent_or_not", pd.DataFrame(three_bins))
    explorer = rfm_explorer()
    assert explorer.controls["rules"].options[-1] == ("recent_or_not", "recent_or_not")
    explorer.controls["rules"].value = "recent_or_not"
    assert explorer.error == _model_error(RETAIL, bins=5, rules=three_bins)
    explorer.controls["bins"].value = 3
    _ok(explorer)
    pd.testing.assert_frame_equal(explorer.result, _segments(RETAIL, bins=3, rules=three_bins))
