"""Plots of the IT-models chapter: each in English and Chinese, on a passed Axes, with real glyphs."""

import pandas as pd
import pytest
from plotting import draw_checked

import crm_course as crm
from crm_course.models.allocation import fair_allocation
from crm_course.models.mailing import gains_table, mailing_plan
from crm_course.views.it_models import (
    allocation_chart,
    gains_chart,
    outlet_class_heatmap,
    roadmap_chart,
    rules_scatter,
    schema_diagram,
    vendor_chart,
)

TSK = [{"Bread", "Milk"}, {"Bread", "Diapers", "Beer", "Eggs"}, {"Milk", "Diapers", "Beer", "Cola"},
       {"Bread", "Milk", "Diapers", "Beer"}, {"Bread", "Milk", "Diapers", "Cola"}]
SCORES = pd.DataFrame({"decile": [1, 1, 2, 2, 3, 3], "bought": [1, 1, 1, 0, 0, 0]})
PLAN = mailing_plan(gains_table(SCORES), cost_per_piece=10, profit_per_sale=40)


@pytest.fixture(scope="module")
def schema():
    return crm.schema_table(crm.crm_database())


@pytest.mark.parametrize("language", ["en", "zh"])
def test_schema_diagram(schema, language):
    ax = draw_checked(lambda ax: schema_diagram(schema, ax=ax), language)
    assert len(ax.patches) == schema["table"].nunique()  # one box per table and view
    drawn = {t.get_text() for t in ax.texts}
    assert set(schema["table"]) <= drawn
    assert crm.i18n.text("it.layer.support", language) in drawn


@pytest.mark.parametrize("language", ["en", "zh"])
def test_rules_scatter(language):
    rules = crm.association_rules(TSK, min_support=0.4)
    ax = draw_checked(lambda ax: rules_scatter(rules, ax=ax), language)
    offsets = ax.collections[0].get_offsets()
    assert len(offsets) == len(rules)
    assert sorted(map(tuple, offsets)) == sorted(zip(rules["support"], rules["confidence"]))
    assert crm.i18n.text("it.rules.support", language) == ax.get_xlabel()


@pytest.mark.parametrize("language", ["en", "zh"])
def test_gains_chart_colours_the_cells_to_mail(language):
    ax = draw_checked(lambda ax: gains_chart(PLAN, ax=ax), language)
    heights = [round(p.get_height(), 6) for p in ax.patches[:3]]
    assert heights == [1.0, 0.5, 0.0]
    mailed = [p.get_facecolor() == ax.patches[0].get_facecolor() for p in ax.patches[:3]]
    assert mailed == PLAN["mail"].tolist() == [True, True, False]
    assert ax.lines[0].get_ydata()[0] == pytest.approx(0.25)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_allocation_chart(language):
    table = fair_allocation(10, {"A": 43, "B": 34, "C": 23})
    ax = draw_checked(lambda ax: allocation_chart(table, ax=ax), language)
    assert [p.get_height() for p in ax.patches] == [4, 4, 2]
    assert "10" in ax.get_title()


@pytest.mark.parametrize("language", ["en", "zh"])
def test_vendor_chart(language):
    ranking = crm.vendor_ranking(crm.load_dataset("crm_vendors"), budget=1_000_000)
    ax = draw_checked(lambda ax: vendor_chart(ranking, ax=ax), language)
    widths = [round(p.get_width(), 9) for p in ax.patches]
    assert widths == ranking["score"].round(9).tolist()
    hatched = [bool(p.get_hatch()) for p in ax.patches]
    assert hatched == (~ranking["within_budget"]).tolist()
    # the best on top: tick positions fall as the ranking goes down
    ticks = sorted(zip(ax.get_yticks(), (t.get_text() for t in ax.get_yticklabels())), reverse=True)
    assert [label for _, label in ticks] == ranking["product"].tolist()


@pytest.mark.parametrize("language", ["en", "zh"])
def test_roadmap_chart(language):
    roadmap = crm.crm_concepts("implementation", language=language)
    ax = draw_checked(lambda ax: roadmap_chart(roadmap, ax=ax), language)
    drawn = " ".join(t.get_text().replace("\n", "") for t in ax.texts)
    for name in roadmap["phase_name"].unique():
        assert name in drawn
    assert crm.i18n.text("it.barrier.budget", language) in drawn


def test_views_refuse_the_wrong_table():
    with pytest.raises(ValueError, match=r"argument `support=`"):
        rules_scatter(pd.DataFrame({"x": [1]}))
    with pytest.raises(ValueError, match=r"argument `quota=`"):
        allocation_chart(pd.DataFrame({"units": [1]}))


@pytest.mark.parametrize("language", ["en", "zh"])
def test_outlet_class_heatmap(language):
    classified = crm.outlet_classes(crm.load_dataset("retail_outlets"))
    ax = draw_checked(lambda ax: outlet_class_heatmap(classified, ax=ax), language)
    numbers = sorted(int(t.get_text()) for t in ax.texts)
    expected = sorted(pd.crosstab(classified["format_group"], classified["class"]).to_numpy().ravel().tolist())
    assert numbers == expected
    assert crm.i18n.text("outlet.group.modern", language) in [t.get_text() for t in ax.get_yticklabels()]
