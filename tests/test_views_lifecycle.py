"""Plots of the lifecycle chapter: each in English and Chinese, on a passed Axes, with real glyphs."""

import matplotlib
import numpy as np
import pandas as pd
import pytest
from plotting import draw_checked

import crm_course as crm
from crm_course.views import lifecycle as views

TX = pd.DataFrame({
    "customer_id": ["a", "a", "a", "b", "b", "c", "d"],
    "date": pd.to_datetime(["2024-01-01", "2024-02-01", "2024-03-01", "2023-01-01", "2024-06-01", "2024-06-15",
                            "2023-10-01"]),
    "amount": [10.0, 20.0, 30.0, 5.0, 7.0, 40.0, 8.0],
})
STAGES = crm.lifecycle_stages(TX, members=["a", "b", "c", "d", "e"], as_of="2024-06-30")
HIGH_END = [1000, 869, 743, 653, 593, 551, 517, 491, 468, 445, 427, 409, 394]


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    crm.set_language("en")


@pytest.mark.parametrize("language, title", [("en", "Customers by lifecycle stage on 2024-06-30"),
                                             ("zh", "2024-06-30 各生命周期阶段的客户")])
def test_stage_bar(language, title):
    ax = draw_checked(lambda ax: views.stage_bar(STAGES, ax=ax), language)
    assert ax.get_title().startswith(title)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == 5 and len(ax.patches) == 5  # empty stages are left out
    assert sorted(int(t.get_text().strip().replace(",", "")) for t in ax.texts) == [1, 1, 1, 1, 1]


@pytest.mark.parametrize("language", ["en", "zh"])
def test_transition_heatmap_shows_only_occupied_rows_and_columns(language):
    table = crm.stage_transitions(TX, members=["a", "b", "c", "d", "e"], start="2024-02-15", end="2024-06-30")
    ax = draw_checked(lambda ax: views.transition_heatmap(table, ax=ax), language)
    occupied = table.loc[table.sum(axis=1) > 0, table.sum(axis=0) > 0]
    assert len(ax.texts) == occupied.size
    assert sorted(int(t.get_text()) for t in ax.texts if t.get_text() != "0") == [1, 1, 1, 1, 1]


@pytest.mark.parametrize("language, metric, form", [("en", "share", "{:.0%}"), ("zh", "revenue", "{:,.0f}")])
def test_cohort_heatmap_annotates_every_observed_cell(language, metric, form):
    table = crm.cohort_table(TX, metric=metric, period="Q")
    ax = draw_checked(lambda ax: views.cohort_heatmap(table, ax=ax), language)
    assert sorted(t.get_text() for t in ax.texts) == sorted(form.format(v) for v in table.stack().dropna())
    assert [t.get_text() for t in ax.get_yticklabels()] == [str(c) for c in table.index]


@pytest.mark.parametrize("language", ["en", "zh"])
def test_retention_projection_plot(language):
    table = crm.retention_projection(HIGH_END, calibration=4)
    ax = draw_checked(lambda ax: views.retention_projection_plot(table, ax=ax), language)
    actual, sbg, geometric = ax.get_lines()
    assert list(sbg.get_ydata()) == list(table["sbg"]) and list(geometric.get_ydata()) == list(table["geometric"])


@pytest.mark.parametrize("language", ["en", "zh"])
def test_survival_plot(language):
    km = crm.kaplan_meier(TX, as_of="2024-06-30", lapsed_after=120)
    ax = draw_checked(lambda ax: views.survival_plot(km, ax=ax), language)
    assert ax.get_lines()[0].get_ydata()[0] == 1.0


@pytest.mark.parametrize("language", ["en", "zh"])
def test_migration_and_winback_plots(language):
    model = crm.migration_model([0.3, 0.2, 0.0], margin=40, cost=4, discount=0.2)
    ax = draw_checked(lambda ax: views.migration_values_plot(model, ax=ax), language)
    assert len(ax.patches) == 3
    plan = crm.winback_priority(crm.load_dataset("retail"), budget=100, contact_cost=20)
    ax = draw_checked(lambda ax: views.winback_plot(plan, top=10, ax=ax), language)
    bars = ax.collections[0]
    shown = plan.sort_values("rank").head(10)
    assert len(bars.get_paths()) == 10 and str(plan.attrs["contacted"]) in ax.get_title()
    np.testing.assert_allclose([path.vertices[:, 1].max() for path in bars.get_paths()], shown["worth"])
    dark = [tuple(c) == matplotlib.colors.to_rgba(views.SBG) for c in bars.get_facecolors()]
    assert dark == shown["contact"].tolist()
    assert ax.get_ylim()[0] == 0
