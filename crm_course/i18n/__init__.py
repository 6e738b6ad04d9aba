"""Every string the package shows, in English and Chinese, and the language switch.

Data keeps stable English codes (``"champions"``, ``"A"``); only views, widgets and
feedback translate them, through :func:`text`.

>>> set_language("zh")
>>> text("language.name")
'中文'
>>> set_language("en")
>>> text("language.name")
'English'
"""

from __future__ import annotations

import os
import warnings

from . import common, culture, delivery, exercises, it_models, lifecycle, strategy, value

__all__ = ["LANGUAGES", "set_language", "get_language", "text", "STRINGS"]

LANGUAGES = ("en", "zh")
ENV_VARIABLE = "CRM_COURSE_LANG"
_ALIASES = {"zh-cn": "zh", "zh_cn": "zh", "zh-hans": "zh", "cn": "zh", "chinese": "zh", "english": "en"}

STRINGS: dict[str, dict[str, str]] = {}
_TABLES = (common, value, strategy, exercises, lifecycle, culture, it_models, delivery)
for _table in (module.STRINGS for module in _TABLES):
    _clash = STRINGS.keys() & _table.keys()
    if _clash:
        raise RuntimeError(f"String keys defined twice: {sorted(_clash)}")
    STRINGS.update(_table)

_chosen: str | None = None


def _normalise(language: str) -> str | None:
    code = str(language).strip().lower()
    code = _ALIASES.get(code, code)
    return code if code in LANGUAGES else None


def set_language(language: str) -> None:
    """Switch every label, plot title and feedback message: ``"en"`` or ``"zh"``.

    Overrides the ``CRM_COURSE_LANG`` environment variable for this session.
    """
    global _chosen
    code = _normalise(language)
    if code is None:
        raise ValueError(f"The value for `language` must be one of {list(LANGUAGES)}, but {language!r} was passed.")
    _chosen = code


def get_language() -> str:
    """The language in force: set_language's choice, else $CRM_COURSE_LANG, else English."""
    if _chosen is not None:
        return _chosen
    from_env = os.environ.get(ENV_VARIABLE)
    if not from_env:
        return "en"
    code = _normalise(from_env)
    if code is None:
        warnings.warn(
            f"{ENV_VARIABLE}={from_env!r} is not a known language; using English. Use 'en' or 'zh'.",
            stacklevel=2,
        )
        return "en"
    return code


def text(key: str, language: str | None = None, **fields) -> str:
    """The string ``key`` in ``language`` (default: the language in force), formatted with ``fields``."""
    try:
        entry = STRINGS[key]
    except KeyError:
        raise LookupError(f"No user-facing string is defined for {key!r}; add it under crm_course/i18n/.") from None
    template = entry[language or get_language()]
    return template.format(**fields) if fields else template
