"""Language switch, environment variable, and every string in both languages."""

import pytest

import crm_course as crm
from crm_course import i18n


def test_set_and_get(monkeypatch):
    crm.set_language("zh")
    assert crm.get_language() == "zh" and i18n.text("lifecycle.stage.lost") == "流失客户"
    crm.set_language("zh_CN")
    assert crm.get_language() == "zh"
    crm.set_language("en")
    assert i18n.text("lifecycle.stage.lost") == "Lost customer"


def test_environment_variable(monkeypatch):
    monkeypatch.setattr(i18n, "_chosen", None)
    monkeypatch.setenv("CRM_COURSE_LANG", "zh")
    assert crm.get_language() == "zh"
    monkeypatch.setenv("CRM_COURSE_LANG", "fr")
    with pytest.warns(UserWarning, match="CRM_COURSE_LANG='fr' is not a known language"):
        assert crm.get_language() == "en"


def test_unknown_language_and_key():
    with pytest.raises(ValueError, match=r"The value for `language` must be one of \['en', 'zh'\], but 'fr'"):
        crm.set_language("fr")
    with pytest.raises(LookupError, match="no.such.key"):
        i18n.text("no.such.key")


def test_every_string_has_both_languages_and_same_fields():
    import string

    for key, entry in i18n.STRINGS.items():
        assert set(entry) == {"en", "zh"}, key
        fields = [{name for _, name, _, _ in string.Formatter().parse(entry[lang]) if name} for lang in ("en", "zh")]
        assert fields[0] == fields[1], key
        chinese = any("\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef" for ch in entry["zh"])  # or 。、；
        assert chinese or entry["zh"] == entry["en"], key
