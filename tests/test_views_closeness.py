"""The closeness bar: English and Chinese, and clear refusals."""

import pandas as pd
import pytest
from plotting import draw_checked

from crm_course.views.lifecycle import closeness_bar

CATEGORIES = pd.Series(["lost", "loyal", "lost", "first_time", "repeat", "lost"], index=list("abcdef"))


@pytest.mark.parametrize("language, lost, xlabel", [("en", "Lost (lapsed)", "Number of customers"),
                                                    ("zh", "流失客户", "客户数")])
def test_closeness_bar_counts_every_category(language, lost, xlabel):
    ax = draw_checked(lambda ax: closeness_bar(CATEGORIES, lapsed_after=180, ax=ax), language)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[-1] == lost and ax.get_xlabel() == xlabel and "180" in ax.get_title()
    assert [bar.get_width() for bar in ax.patches] == [0, 1, 1, 1, 3]  # potential .. lost


def test_closeness_bar_reads_lapsed_after_from_attrs():
    categories = CATEGORIES.copy()
    categories.attrs = {"lapsed_after": 90}
    assert "90 days" in closeness_bar(categories).get_title()


@pytest.mark.parametrize("categories, lapsed_after, error, message", [
    (CATEGORIES.replace("lost", "gone"), None, ValueError,
     r"`categories` has 3 value\(s\) that are not closeness categories .*'gone'"),
    (CATEGORIES.to_frame(), None, TypeError, r"`categories` must be the Series returned by"),
    (CATEGORIES, -1, ValueError, r"`lapsed_after` must be in"),
])
def test_closeness_bar_refuses_bad_input(categories, lapsed_after, error, message):
    with pytest.raises(error, match=message):
        closeness_bar(categories, lapsed_after=lapsed_after)
