"""The strategy widgets: each control moves the result exactly as the model called by hand does."""

import pandas as pd
import pytest

import crm_course as crm
from crm_course.models.checklist import checklist_markdown
from crm_course.models.scoring import (
    BURNETT_ATTRACTIVENESS,
    BURNETT_RELATIONSHIP,
    burnett_analysis,
    burnett_scores,
)
from crm_course.widgets.strategy import burnett_editor, checklist_form, growth_explorer

ACCOUNTS = crm.load_dataset("key_accounts").set_index("account_id")
TX = crm.load_dataset("retail")


def _matrix(accounts=ACCOUNTS, **weights):
    return burnett_analysis(accounts, normalize=True, size="revenue", **weights)


def _status(editor):
    return " ".join(panel.status.value for panel in editor.panels.values())


# --- the scoring-matrix editor ------------------------------------------------------------


def test_editor_starts_with_the_model_result():
    editor = burnett_editor()
    assert editor.error is None
    pd.testing.assert_frame_equal(editor.result, _matrix())
    assert "sum to 1.00, so they are used as set" in _status(editor)
    assert editor.used["margin_effect"].value == "→ 0.100"
    assert editor.image.value[:4] == b"\x89PNG"


def test_editor_result_is_the_two_step_model_with_the_bubble_sizes():
    editor = burnett_editor()
    editor.controls["wallet_share"].value = 0.5
    raw = {**BURNETT_RELATIONSHIP, "wallet_share": 0.5}
    two_steps = crm.burnett_matrix(burnett_scores(ACCOUNTS, relationship_weights=raw, normalize=True))
    pd.testing.assert_frame_equal(editor.result.drop(columns="revenue"), two_steps)
    assert editor.result["revenue"].equals(ACCOUNTS["revenue"])
    assert editor.result.attrs["size"] == "revenue"
    assert editor.result.attrs["weights"]["relationship"] == pytest.approx(editor.weights["relationship"].to_dict())
    assert editor.weights["relationship"]["wallet_share"] == pytest.approx(0.5 / 1.25)


def test_editor_weights_tabs_are_one_panel_per_dimension():
    editor = burnett_editor()
    attractiveness, relationship, _scores = editor.widget.children[1].children
    shown = [grid.children[1::3] for grid in attractiveness.children]
    assert [len(sliders) for sliders in shown] == [6, 5, 3, 4]  # the lecture form's four groups
    assert [s for sliders in shown for s in sliders] == list(editor.panels["attractiveness"].controls.values())
    assert relationship.children[1::3] == tuple(editor.panels["relationship"].controls.values())
    first, second = editor.status.children
    assert first.value.count("Customer attractiveness:") == 1 and second.value.count("Relationship status:") == 1
    editor.controls["contact"].value = 0.2  # from 0.10
    assert "sum to 1.00" in first.value and "sum to 1.10" in second.value


def test_raising_a_weight_rescales_visibly_and_moves_three_accounts():
    editor = burnett_editor()
    editor.controls["margin_effect"].value = 0.2
    raw = {**BURNETT_ATTRACTIVENESS, "margin_effect": 0.2}
    pd.testing.assert_frame_equal(editor.result, _matrix(attractiveness_weights=raw))
    # the data card's what-if: K01, K38 and K44 change strategy.
    assert editor.result.loc[["K01", "K38", "K44"], "strategy"].tolist() == [
        "develop_defend", "develop", "selective_retention"]
    assert "the sliders sum to 1.10, not 1.00, so each is divided by 1.10" in _status(editor)
    assert editor.used["margin_effect"].value == "→ 0.182" and editor.used["transaction_volume"].value == "→ 0.073"
    assert editor.weights["attractiveness"].sum() == pytest.approx(1)
    assert editor.error is None


def test_all_weights_zero_shows_a_message_and_keeps_the_last_result():
    editor = burnett_editor()
    *others, last = BURNETT_RELATIONSHIP
    for indicator in others:
        editor.controls[indicator].value = 0
    before = editor.result
    editor.controls[last].value = 0
    assert "All `weights` are 0" in editor.error and "All `weights` are 0" in editor.message.value
    assert "every slider is 0" in _status(editor) and editor.used["contact"].value == "→ –"
    assert editor.result is before
    editor.controls["contact"].value = 0.1  # one weight back: works again, contact alone decides
    assert editor.error is None
    pd.testing.assert_frame_equal(editor.result, _matrix(relationship_weights={**dict.fromkeys(BURNETT_RELATIONSHIP, 0),
                                                                               "contact": 0.1}))


def test_editing_an_account_score_moves_only_that_account():
    editor = burnett_editor()
    editor.controls["account"].value = "K04"
    editor.controls["indicator"].value = "margin_effect"
    assert editor.controls["score"].value == ACCOUNTS.loc["K04", "margin_effect"] == 1
    editor.controls["score"].value = 5
    edited = ACCOUNTS.astype({i: float for i in [*BURNETT_ATTRACTIVENESS, *BURNETT_RELATIONSHIP]})
    edited.loc["K04", "margin_effect"] = 5
    pd.testing.assert_frame_equal(editor.result, _matrix(edited))
    assert editor.result.loc["K04", "strategy"] == "develop"  # 3.34 + 0.10 x (5 - 1) = 3.74: medium -> high
    assert (editor.result["strategy"] != _matrix()["strategy"]).sum() == 1
    assert ACCOUNTS.loc["K04", "margin_effect"] == 1  # the caller's table is untouched
    assert "K04: attractiveness 3.74 (High)" in editor.summary.value
    editor.controls["account"].value = "K05"  # the slider shows the picked account's score
    assert editor.controls["score"].value == ACCOUNTS.loc["K05", "margin_effect"]
    assert editor.scores.loc["K04", "margin_effect"] == 5


def test_reset_restores_weights_and_scores():
    editor = burnett_editor()
    editor.controls["wallet_share"].value = 0.4
    editor.controls["account"].value = "K07"
    editor.controls["indicator"].value = "contact"
    editor.controls["score"].value = 1
    assert editor.result.loc["K07", "strategy"] == "defend_maintain"
    editor.reset_button.click()
    pd.testing.assert_frame_equal(editor.result, _matrix())
    assert editor.controls["wallet_share"].value == 0.25
    assert editor.controls["score"].value == ACCOUNTS.loc["K07", "contact"]


def test_editor_row_order_and_custom_table():
    shuffled = crm.load_dataset("key_accounts").sample(frac=1, random_state=3)
    editor = burnett_editor(shuffled)
    pd.testing.assert_frame_equal(editor.result.sort_index(), _matrix().sort_index())
    small = ACCOUNTS.iloc[:6][["transaction_volume", "wallet_share"]]
    editor = burnett_editor(small, size=None, attractiveness_weights={"transaction_volume": 1},
                            relationship_weights=pd.Series({"wallet_share": 1.0}))  # a Series works too
    assert editor.result["attractiveness"].tolist() == small["transaction_volume"].astype(float).tolist()
    assert set(editor.controls) == {"transaction_volume", "wallet_share", "account", "indicator", "score"}


def test_editor_refuses_a_table_without_the_indicators():
    with pytest.raises(ValueError, match=r"`accounts` has no score column for indicator\(s\) \['contact'\]"):
        burnett_editor(ACCOUNTS.drop(columns="contact"))
    with pytest.raises(ValueError, match="Column 'sales' \\(argument `size=`\\)"):
        burnett_editor(size="sales")
    with pytest.raises(TypeError, match="`accounts` must be a pandas DataFrame"):
        burnett_editor([1, 2])


def test_editor_in_chinese():
    crm.set_language("zh")
    editor = burnett_editor()
    tabs = editor.widget.children[1]
    assert tabs.titles == ("客户吸引力权重", "关系状况权重", "客户评分")
    assert tabs.children[0].titles[0] == "客户的业务"
    assert "滑块合计为 1.00" in _status(editor) and "发展" in editor.summary.value
    label = editor.labels["margin_effect"].value
    assert label == editor.controls["margin_effect"].tooltip == "对我方毛利的影响"


# --- the growth-matrix explorer -----------------------------------------------------------


def test_growth_explorer_follows_the_split():
    explorer = growth_explorer()
    assert explorer.error is None
    pd.testing.assert_frame_equal(explorer.result, crm.growth_matrix(TX, split="2024-01-01"))
    assert explorer.result.set_index("cell").loc["expansion", "share"] == pytest.approx(211648.04 / 2715132.91)
    explorer.controls["split"].value = "2024-07-01"
    pd.testing.assert_frame_equal(explorer.result, crm.growth_matrix(TX, split="2024-07-01"))
    # half a year after its launch, wellness is no longer a new product: nothing is expansion.
    assert explorer.result.set_index("cell").loc["expansion", "revenue"] == 0
    assert "Diversification" in explorer.summary.value and "1,414" in explorer.summary.value
    assert explorer.error is None


def test_growth_explorer_offers_every_month_start_inside_the_data():
    options = growth_explorer().controls["split"].options
    assert options[0] == "2023-02-01" and options[-1] == "2024-12-01" and len(options) == 23
    with pytest.raises(ValueError, match=r"`split` must be the first day of a month .* '2024-01-15' was passed"):
        growth_explorer(split="2024-01-15")


def test_growth_explorer_shows_bad_data_as_a_message():
    tx = TX.copy()
    tx.loc[5, "amount"] = -10.0
    explorer = growth_explorer(tx)
    assert explorer.result is None and "negative value(s)" in explorer.error
    assert "negative value(s)" in explorer.message.value


def test_growth_explorer_with_other_column_names_and_in_chinese():
    crm.set_language("zh")
    renamed = TX.rename(columns={"customer_id": "客户", "category": "品类", "amount": "金额", "date": "日期"})
    explorer = growth_explorer(renamed, customer="客户", product="品类", amount="金额", date="日期")
    pd.testing.assert_frame_equal(explorer.result, crm.growth_matrix(TX, split="2024-01-01"))
    assert "客户扩充" in explorer.summary.value and explorer.controls["split"].description == "新时期起始"


# --- the strategic analysis checklist form -------------------------------------------------


def test_checklist_form_to_markdown_and_save(tmp_path):
    form = checklist_form(firm="Huaxin Logistics", answers={"industry.trends": "Cold chain grows fast."})
    form.boxes["customers.segments"].value = "Pharma and food shippers."
    text = form.to_markdown()
    assert text == checklist_markdown(
        {"industry.trends": "Cold chain grows fast.", "customers.segments": "Pharma and food shippers."},
        firm="Huaxin Logistics")
    assert text.startswith("# Strategic analysis checklist: Huaxin Logistics")
    saved = form.save(tmp_path / "huaxin.md")
    assert saved.read_text(encoding="utf-8") == text


def test_checklist_form_save_button(tmp_path):
    form = checklist_form(firm="Ruida", path=str(tmp_path / "ruida.md"))
    form.boxes["channels.importance"].value = "Critical: cold chain."
    form.button.click()
    assert (tmp_path / "ruida.md").read_text(encoding="utf-8") == form.to_markdown()
    assert "Saved to" in form.status.value
    form.path.value = str(tmp_path / "no" / "such" / "folder" / "x.md")
    form.button.click()  # a bad path is a message, not a traceback in class
    assert "Could not save" in form.status.value
    with pytest.raises(FileNotFoundError):
        form.save()


def test_checklist_form_has_a_box_per_question_and_speaks_chinese():
    crm.set_language("zh")
    form = checklist_form()
    assert len(form.boxes) == 25 and set(form.answers.values()) == {""}
    assert form.widget.children[2].titles == ("产业分析", "企业分析", "竞争定位", "市场渠道", "客户")
    assert form.to_markdown().startswith("# 战略分析清单")
    with pytest.raises(ValueError, match="not checklist questions: 'industry.weather'"):
        checklist_form(answers={"industry.weather": "sunny"})
