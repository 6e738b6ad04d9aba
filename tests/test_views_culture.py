"""Plots of the culture chapter: each in English and Chinese, on a passed Axes, with real glyphs."""

import numpy as np
import pandas as pd
import pytest
from plotting import draw_checked

import crm_course as crm
from crm_course.views.culture import (
    audit_profile,
    gap_model_diagram,
    nps_bar,
    satisfaction_trap_chart,
    servqual_gap_bars,
    trap_benchmarks_chart,
)

SURVEY = pd.DataFrame({"e01": [6, 6], "p01": [5, 7], "e02": [7, 7], "p02": [4, 5], "e03": [5, 5], "p03": [6, 6]})
DIMS = {"tangibles": (1,), "reliability": (2,), "assurance": (3,)}
SUMMARY = crm.servqual_summary(SURVEY, negative=(), dimensions=DIMS)  # gaps 0, -2.5, +1
TRAP = crm.satisfaction_trap(pd.DataFrame({"satisfaction": [7, 6, 6, 3, 2, 7, 5, 6],
                                           "defected": [1, 1, 0, 1, 0, 0, 0, 1]}))
BREAKDOWN = crm.nps_breakdown([9, 10, 9, 7, 8, 7, 8, 8, 0, 6])  # 30% promoters, 20% detractors
AUDIT = crm.culture_audit({"leaders_mindset": 4, "shared_vision": 4, "values": 4, "communication": 3,
                           "institutions": 3, "hiring": 2, "training": 3, "appraisal": 1, "organisation": 2})


def _texts(ax):
    return [t.get_text() for t in ax.texts]


@pytest.mark.parametrize("language, gap1, customer", [("en", "Gap 1: knowledge", "Customer"),
                                                      ("zh", "差距 1：认知差距", "顾客")])
def test_gap_model_has_both_sides_and_five_gaps(language, gap1, customer):
    ax = draw_checked(lambda ax: gap_model_diagram(ax=ax), language)
    texts = _texts(ax)
    assert gap1 in texts and customer in texts
    assert sum(t.startswith(("Gap ", "差距 ")) for t in texts) == 5
    assert len(ax.patches) == 9  # nine boxes


@pytest.mark.parametrize("language, label, first", [("en", "Reliability", "(improve first)"),
                                                    ("zh", "可靠性", "(优先改进)")])
def test_gap_bars_show_the_gaps_and_the_dimension_to_fix_first(language, label, first):
    ax = draw_checked(lambda ax: servqual_gap_bars(SUMMARY, ax=ax), language)
    assert [t.get_text() for t in ax.get_yticklabels()][1] == label
    assert [bar.get_width() for bar in ax.patches] == pytest.approx([0.0, -2.5, 1.0])
    assert any(t.startswith("-2.50") and first in t for t in _texts(ax))
    assert "-0.50" in ax.get_title(loc="left")  # index (0 - 2.5 + 1) / 3


def test_gap_bars_of_weighted_gaps_and_a_bad_value():
    summary = crm.servqual_summary(SURVEY, weights={"tangibles": 0.2, "reliability": 0.4, "assurance": 0.4},
                                   negative=(), dimensions=DIMS)
    ax = draw_checked(lambda ax: servqual_gap_bars(summary, value="weighted_gap", ax=ax), "en")
    assert [bar.get_width() for bar in ax.patches] == pytest.approx([0.0, -1.0, 0.4])
    with pytest.raises(ValueError, match="The value for `value` must be one of"):
        servqual_gap_bars(summary, value="gaps")


@pytest.mark.parametrize("language, title", [
    ("en", "The satisfaction trap: 75% of the defectors said they were satisfied"),
    ("zh", "满意陷阱：流失客户中有 75% 曾表示满意"),
])
def test_trap_chart_bars_are_defection_rates(language, title):
    ax = draw_checked(lambda ax: satisfaction_trap_chart(TRAP, ax=ax), language)
    assert ax.get_title(loc="left") == title
    heights = [bar.get_height() for bar in ax.patches][:7]
    assert heights == pytest.approx([0, 0, 1, 0, 0, 2 / 3, 1 / 2])
    assert "2 / 3" in _texts(ax)  # level 6: two of three left


@pytest.mark.parametrize("language", ["en", "zh"])
def test_benchmarks_chart_shows_lecture_ranges_beside_the_survey(language):
    ax = draw_checked(lambda ax: trap_benchmarks_chart(TRAP, ax=ax), language)
    ranges = [tuple(line.get_xdata()) for line in ax.lines]
    assert ranges == [(0.65, 0.85), (0.85, 0.95), (0.30, 0.40)]
    points = np.concatenate([c.get_offsets()[:, 0] for c in ax.collections])
    assert points.tolist() == pytest.approx([3 / 4, 5 / 8, 2 / 5])


@pytest.mark.parametrize("language, title, promoters", [("en", "Net Promoter Score: +10", "Promoters (9-10)"),
                                                        ("zh", "净推荐值：+10", "推荐者（9-10）")])
def test_nps_bar(language, title, promoters):
    ax = draw_checked(lambda ax: nps_bar(BREAKDOWN, ax=ax), language)
    assert ax.get_title(loc="left") == title
    assert [bar.get_width() for bar in ax.patches] == pytest.approx([0.2, 0.5, 0.3])
    assert [t.get_text() for t in ax.get_legend().get_texts()][-1] == promoters


@pytest.mark.parametrize("language, overall", [("en", "Overall"), ("zh", "总分")])
def test_audit_profile(language, overall):
    ax = draw_checked(lambda ax: audit_profile(AUDIT, ax=ax), language)
    assert [t.get_text() for t in ax.get_yticklabels()][-1] == overall
    assert [bar.get_width() + bar.get_x() for bar in ax.patches] == pytest.approx([3.6, 2.0, 2.0, 2.96])


def test_views_do_not_change_their_input():
    before = SUMMARY.copy()
    draw_checked(lambda ax: servqual_gap_bars(SUMMARY, ax=ax), "en")
    pd.testing.assert_frame_equal(SUMMARY, before)


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("size", [(6.4, 4.8), (5, 3.75), (9, 5)])
def test_trap_chart_level_names_never_overlap(language, size):
    import matplotlib.pyplot as plt

    from crm_course.views import _style

    if language == "zh" and _style.cjk_font() is None:
        pytest.skip("no CJK font installed")
    crm.set_language(language)
    trap = crm.satisfaction_trap(pd.DataFrame({"satisfaction": [1, 2, 3, 4, 5, 6, 7], "defected": [1] * 7}))
    fig, ax = plt.subplots(figsize=size)
    try:
        satisfaction_trap_chart(trap, ax=ax)
        fig.draw_without_rendering()
        labels = ax.get_xticklabels()
        assert [t.get_text().split()[0] for t in labels] == [str(level) for level in range(1, 8)]
        assert all(t.get_fontsize() >= 8 for t in labels)
        if labels[0].get_rotation() == 0:  # upright: one word a line, side by side with room between
            boxes = [t.get_window_extent() for t in labels]
            assert all(b.x0 > a.x1 for a, b in zip(boxes, boxes[1:])), [(a.x1, b.x0) for a, b in zip(boxes, boxes[1:])]
        else:  # slanted: each name ends under its own bar
            assert all(t.get_ha() == "right" and t.get_rotation() == 30 for t in labels)
    finally:
        plt.close(fig)
