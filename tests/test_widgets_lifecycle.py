"""The closeness explorer: each slider moves the result exactly as the model called by hand does."""

import pandas as pd

import crm_course as crm
from crm_course.widgets import closeness_explorer

TX = crm.load_dataset("retail")
MEMBERS = crm.load_dataset("retail_customers")["customer_id"]


def test_closeness_explorer_follows_both_sliders():
    explorer = closeness_explorer()
    pd.testing.assert_series_equal(explorer.result, crm.closeness_categories(TX, members=MEMBERS))
    explorer.controls["lapsed_after"].value = 90
    explorer.controls["loyal_from"].value = 6
    assert explorer.error is None
    expected = crm.closeness_categories(TX, members=MEMBERS, lapsed_after=90, loyal_from=6)
    pd.testing.assert_series_equal(explorer.result, expected)
    assert expected.value_counts()["lost"] > crm.closeness_categories(TX, members=MEMBERS).value_counts()["lost"]
    assert all(not control.continuous_update for control in explorer.controls.values())  # redraw on release


def test_closeness_explorer_in_chinese():
    crm.set_language("zh")
    explorer = closeness_explorer()
    assert explorer.controls["lapsed_after"].description == "流失阈值（天）"
    assert explorer.controls["lapsed_after"].style.description_width.endswith("px")
