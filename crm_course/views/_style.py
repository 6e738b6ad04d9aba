"""Fonts and labels shared by every plot: Chinese glyphs when the language is Chinese.

matplotlib's default font has no Chinese glyphs, so a Chinese label needs a CJK font by
name. :func:`cjk_font` finds one among the installed fonts, preferring a Simplified Chinese
(SC) face; when matplotlib's font cache was built before the font was installed (a *stale*
cache) it registers the font files itself, every face of a collection (.ttc), so the SC
regular face is chosen rather than the first face of the first file found. (matplotlib reads
every face of a .ttc from version 3.11; an older one sees only the first, often the Japanese
face, which ``crm-course doctor`` reports with the fix.)

:func:`plot_style` is the one way a view styles its plot: inside it, text is created with
the CJK font, and on leaving it every text of the Axes keeps that font by name, so the figure
renders correctly when it is drawn later (the inline backend draws at the end of the cell).
Global matplotlib settings are never written: switching back to English leaves the user's
fonts exactly as they were. Without a CJK font, Chinese falls back to English with one notice.
"""

from __future__ import annotations

import warnings
from contextlib import contextmanager
from functools import cache

import matplotlib
from matplotlib import font_manager
from matplotlib.text import Text

from ..i18n import get_language, text

__all__ = ["SC_FAMILIES", "cjk_font", "cjk_font_files", "font_families", "plot_language", "plot_style"]

# Simplified Chinese families, best first.
SC_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Noto Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Heiti SC",
)
# Faces with Chinese glyphs in another regional form: used only when no SC face exists.
OTHER_CJK_FAMILIES = (
    "Noto Sans CJK TC", "Noto Sans CJK HK", "Noto Sans CJK JP", "Noto Sans CJK KR",
    "Source Han Sans TC", "Source Han Sans JP", "Arial Unicode MS",
)
CJK_FILE_HINTS = ("notosanscjk", "sourcehansans", "wqy-microhei", "wqy-zenhei", "msyh", "simhei", "pingfang",
                  "notosanssc")
LATIN_FALLBACK = "DejaVu Sans"  # ships with matplotlib: glyphs a CJK font lacks
REGULAR = 400


def _regular_families() -> set[str]:
    """Families matplotlib knows at regular weight (so no 'Failed to find font weight normal')."""
    manager = font_manager.fontManager
    exact = manager.score_weight(REGULAR, REGULAR)  # weights compare by their numeric value
    return {entry.name for entry in manager.ttflist if manager.score_weight(entry.weight, REGULAR) <= exact}


def _best(families: set[str]) -> str | None:
    return next((f for f in (*SC_FAMILIES, *OTHER_CJK_FAMILIES) if f in families), None)


def cjk_font_files() -> list[str]:
    """The installed font files that look like CJK fonts, sorted (findSystemFonts, not the cache)."""
    return sorted(path for path in font_manager.findSystemFonts()
                  if any(hint in path.lower().replace("_", "").replace(" ", "") for hint in CJK_FILE_HINTS))


@cache
def cjk_font() -> str | None:
    """The family name of an installed font with Chinese glyphs at regular weight, SC first; or None.

    When the font cache lacks an SC face at regular weight, the CJK font files found on the
    system are registered (all faces of each collection), then the best family is chosen.
    """
    family = _best(_regular_families())
    if family in SC_FAMILIES:
        return family
    cached = {entry.fname for entry in font_manager.fontManager.ttflist}
    for path in cjk_font_files():
        if path not in cached:
            font_manager.fontManager.addfont(path)
    return _best(_regular_families())


def font_families() -> list[str]:
    """The font list for Chinese labels: the CJK family, then matplotlib's own Latin font."""
    return [cjk_font(), LATIN_FALLBACK]


@cache
def _warn_no_cjk_font() -> None:
    warnings.warn(text("font.missing", "en") + "\n" + text("font.missing", "zh"), stacklevel=4)


def plot_language() -> str:
    """The language for plot labels: the one in force, or English when Chinese has no font."""
    language = get_language()
    if language == "zh" and cjk_font() is None:
        _warn_no_cjk_font()
        return "en"
    return language


def _name_fonts(ax, families: list[str]) -> None:
    """Give every text of ``ax`` (and of its child axes) the font by name, also ticks made later."""
    for artist in ax.findobj(Text):
        artist.set_fontfamily(families)
    for axes in (ax, *ax.child_axes):
        axes.tick_params(which="both", labelfontfamily=families)


@contextmanager
def plot_style(ax=None):
    """Style one plot: yields ``(ax, language)``; ``ax`` defaults to the current Axes.

    English leaves matplotlib's settings alone. Chinese names the CJK font on the Axes' text
    (and its ticks, also those made later), creates the plot's new text with it (a temporary
    ``rc_context``) and names it again on leaving, so drawing after the context, when the
    user's settings are back, still renders Chinese glyphs.

    >>> import matplotlib, crm_course as crm
    >>> before = dict(matplotlib.rcParams)
    >>> crm.set_language("zh")
    >>> with plot_style() as (ax, language):
    ...     _ = ax.set_xlabel("客户数")
    >>> crm.set_language("en")
    >>> language, dict(matplotlib.rcParams) == before
    ('zh', True)
    """
    from matplotlib import pyplot as plt

    language = plot_language()
    if language != "zh":
        yield (ax if ax is not None else plt.gca()), language
        return
    families = font_families()
    with matplotlib.rc_context({"font.family": families}):
        ax = ax if ax is not None else plt.gca()
        _name_fonts(ax, families)
        yield ax, language
        _name_fonts(ax, families)
