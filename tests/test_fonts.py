"""Chinese plot labels render in the Simplified Chinese face at regular weight, also with a stale font
cache; styling never writes matplotlib's global settings; no CJK font falls back to English once."""

import json
import os
import subprocess
import sys
import textwrap
import warnings
from pathlib import Path

import matplotlib
import pytest
from matplotlib import font_manager
from matplotlib import pyplot as plt
from plotting import draw_checked, stale_font_cache

import crm_course as crm
from crm_course.views import _style
from crm_course.views.lifecycle import stage_bar

ROOT = Path(__file__).resolve().parents[1]
STAGES = crm.lifecycle_stages(crm.load_dataset("cdnow"))

# Run in a fresh interpreter: draws a zh Burnett matrix AFTER leaving the view (as the inline backend
# does), then reports which font file and face every kind of text resolves to.
PROBE = textwrap.dedent("""
    import json, sys
    import matplotlib
    matplotlib.use("Agg")
    from matplotlib import font_manager, ft2font
    import crm_course as crm
    from crm_course.models.scoring import burnett_scores
    from crm_course.views import burnett_plot
    from matplotlib import pyplot as plt

    stale = not any("CJK" in entry.name for entry in font_manager.fontManager.ttflist)
    before = dict(matplotlib.rcParams)
    accounts = crm.load_dataset("key_accounts").set_index("account_id")
    crm.set_language("zh")
    fig, ax = plt.subplots(figsize=(9, 7.6), layout="constrained")
    burnett_plot(crm.burnett_matrix(burnett_scores(accounts)), size=accounts["revenue"], ax=ax)
    crm.set_language("en")
    fig.savefig(sys.argv[1], dpi=110)

    def face(artist):
        path = font_manager.findfont(artist.get_fontproperties())
        font = ft2font.FT2Font(path, face_index=path.face_index)
        return {"file": str(path), "index": path.face_index, "family": font.family_name, "style": font.style_name}

    title = next(t for t in ax.texts if t.get_fontweight() == "bold")
    print(json.dumps({"stale": stale, "rc_unchanged": dict(matplotlib.rcParams) == before,
                      "label": face(ax.xaxis.label), "tick": face(ax.get_xticklabels(minor=True)[0]),
                      "number": face(ax.get_xticklabels()[0]), "cell_title": face(title)}))
""")


def _probe(tmp_path, config_dir):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "MPLCONFIGDIR": str(config_dir), "CRM_COURSE_LANG": "en"}
    result = subprocess.run([sys.executable, "-c", PROBE, str(tmp_path / "zh.png")], capture_output=True, text=True,
                            env=env, timeout=240)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout), result.stderr


@pytest.mark.parametrize("cache", ["stale", "fresh"])
def test_chinese_uses_the_sc_regular_face_with_a_stale_or_fresh_font_cache(tmp_path, cache):
    if not any("NotoSansCJK" in path for path in _style.cjk_font_files()):
        pytest.skip("Noto Sans CJK is not installed (apt-get install fonts-noto-cjk)")
    config = tmp_path / "mpl"
    config.mkdir()
    if cache == "stale":
        stale_font_cache(config)  # the cache of a machine where matplotlib ran before the font was installed
    report, stderr = _probe(tmp_path, config)
    assert stderr == ""  # no "findfont: Failed to find font weight normal", no missing glyph
    assert report["stale"] is (cache == "stale")
    assert report["rc_unchanged"]
    for kind in ("label", "tick", "number"):
        assert (report[kind]["family"], report[kind]["style"]) == ("Noto Sans CJK SC", "Regular"), kind
        assert report[kind]["file"].endswith("NotoSansCJK-Regular.ttc")
    assert (report["cell_title"]["family"], report["cell_title"]["style"]) == ("Noto Sans CJK SC", "Bold")
    assert (tmp_path / "zh.png").stat().st_size > 10_000


def test_a_stale_cache_lacks_the_cjk_fonts(tmp_path):
    path = stale_font_cache(tmp_path)
    stale = font_manager.json_load(path)
    assert stale.ttflist and not any("CJK" in entry.name for entry in stale.ttflist)


def test_chinese_plot_has_real_glyphs_when_drawn_after_the_view(tmp_path):
    ax = draw_checked(lambda ax: stage_bar(STAGES, ax=ax), "zh")
    crm.set_language("en")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph ... missing from font(s)" would fail here
        ax.figure.savefig(tmp_path / "zh.png")
    assert ax.get_xlabel() == "客户数"
    assert "流失客户" in [t.get_text() for t in ax.get_yticklabels()]


def test_styling_never_writes_global_settings_and_english_keeps_the_users_fonts():
    if _style.cjk_font() is None:
        pytest.skip("no CJK font installed")
    with matplotlib.rc_context({"font.family": "serif", "font.serif": ["DejaVu Serif"]}):  # the user's own choice
        before = dict(matplotlib.rcParams)
        crm.set_language("zh")
        stage_bar(STAGES)
        assert dict(matplotlib.rcParams) == before
        crm.set_language("en")
        ax = stage_bar(STAGES, ax=plt.figure().gca())
        assert dict(matplotlib.rcParams) == before
        assert ax.xaxis.label.get_family() == ["serif"]
        assert font_manager.findfont(ax.xaxis.label.get_fontproperties()).endswith("DejaVuSerif.ttf")


def test_the_sc_face_is_preferred_over_other_regional_forms(monkeypatch):
    monkeypatch.setattr(_style, "_regular_families", lambda: {"Noto Sans CJK JP", "Noto Sans CJK SC", "DejaVu Sans"})
    assert _style._best(_style._regular_families()) == "Noto Sans CJK SC"
    assert _style._best({"Noto Sans CJK JP", "DejaVu Sans"}) == "Noto Sans CJK JP"
    assert _style._best({"DejaVu Sans"}) is None


def test_no_cjk_font_falls_back_to_english_once(monkeypatch):
    monkeypatch.setattr(_style, "cjk_font", lambda: None)
    _style._warn_no_cjk_font.cache_clear()
    crm.set_language("zh")
    with pytest.warns(UserWarning, match="No Chinese \\(CJK\\) font was found") as record:
        ax = stage_bar(STAGES)
        stage_bar(STAGES)
    assert len([w for w in record if "CJK" in str(w.message)]) == 1
    assert ax.get_xlabel() == "Number of customers"


def test_english_plots_leave_fonts_alone():
    before = list(matplotlib.rcParams["font.sans-serif"])
    stage_bar(STAGES)
    assert matplotlib.rcParams["font.sans-serif"] == before
