"""Chinese plot labels render with a CJK font, or fall back to English with one notice."""

import warnings

import matplotlib
import pytest

import crm_course as crm
from crm_course.views import _style
from crm_course.views.lifecycle import closeness_bar

CATEGORIES = crm.closeness_categories(crm.load_dataset("cdnow"))


def test_chinese_plot_has_real_glyphs(tmp_path):
    if _style.cjk_font() is None:
        pytest.skip("no CJK font installed (apt-get install fonts-noto-cjk)")
    crm.set_language("zh")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph ... missing from font(s)" would fail here
        ax = closeness_bar(CATEGORIES, lapsed_after=180)
        ax.figure.savefig(tmp_path / "zh.png")
    assert ax.get_xlabel() == "客户数"
    assert "流失客户" in [t.get_text() for t in ax.get_yticklabels()]


def test_no_cjk_font_falls_back_to_english_once(monkeypatch):
    monkeypatch.setattr(_style, "cjk_font", lambda: None)
    _style._warn_no_cjk_font.cache_clear()
    crm.set_language("zh")
    with pytest.warns(UserWarning, match="No Chinese \\(CJK\\) font was found") as record:
        ax = closeness_bar(CATEGORIES)
        closeness_bar(CATEGORIES)
    assert len([w for w in record if "CJK" in str(w.message)]) == 1
    assert ax.get_xlabel() == "Number of customers"


def test_english_plots_leave_fonts_alone():
    before = list(matplotlib.rcParams["font.sans-serif"])
    closeness_bar(CATEGORIES)
    assert matplotlib.rcParams["font.sans-serif"] == before
