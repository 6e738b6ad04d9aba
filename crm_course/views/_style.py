"""Fonts and labels shared by every plot: Chinese glyphs when the language is Chinese.

matplotlib's default font has no Chinese glyphs, so a Chinese label needs a CJK font by
name. :func:`cjk_font` finds one among the installed fonts (also fonts installed after
matplotlib built its cache); :func:`plot_language` falls back to English, with one notice,
when there is none.
"""

from __future__ import annotations

import warnings
from functools import cache

import matplotlib
from matplotlib import font_manager

from ..i18n import get_language, text

__all__ = ["cjk_font", "plot_language", "prepare"]

# Family names first (fast), then file names to register when the font cache is stale.
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Heiti SC",
    "Noto Sans SC",
    "Arial Unicode MS",
)
CJK_FILE_HINTS = ("notosanscjk", "sourcehansans", "wqy-microhei", "wqy-zenhei", "msyh", "simhei", "pingfang", "notosanssc")


@cache
def cjk_font() -> str | None:
    """The family name of an installed font with Chinese glyphs, or None."""
    installed = {entry.name for entry in font_manager.fontManager.ttflist}
    for family in CJK_FAMILIES:
        if family in installed:
            return family
    for path in font_manager.findSystemFonts():
        if any(hint in path.lower().replace("_", "") for hint in CJK_FILE_HINTS):
            font_manager.fontManager.addfont(path)
            return font_manager.FontProperties(fname=path).get_name()
    return None


@cache
def _warn_no_cjk_font() -> None:
    warnings.warn(text("font.missing", "en") + "\n" + text("font.missing", "zh"), stacklevel=3)


def plot_language() -> str:
    """The language for plot labels: the one in force, or English when Chinese has no font."""
    language = get_language()
    if language == "zh" and cjk_font() is None:
        _warn_no_cjk_font()
        return "en"
    return language


def prepare() -> str:
    """Make the current language's glyphs available to matplotlib; return the plot language.

    Called at the top of every plot function. With Chinese labels it puts the CJK font
    first in ``font.sans-serif`` (Latin glyphs fall back to the next font), nothing else.
    """
    language = plot_language()
    if language == "zh":
        family = cjk_font()
        fonts = [f for f in matplotlib.rcParams["font.sans-serif"] if f != family]
        matplotlib.rcParams["font.sans-serif"] = [family, *fonts]
        matplotlib.rcParams["font.family"] = "sans-serif"
    return language

