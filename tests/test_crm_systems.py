"""The lecture's lists as plain data: every code has an English and a Chinese name."""

import pytest

import crm_course as crm
from crm_course.i18n import STRINGS, text
from crm_course.models.crm_systems import IMPLEMENTATION_STEPS, KINDS, crm_concepts
from crm_course.models.database import CRM_LAYERS
from crm_course.models.outlets import FORMAT_GROUPS, SERVICE_MODELS
from crm_course.data.retail_outlets import FORMATS


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("language", ["en", "zh"])
def test_every_concept_has_names(kind, language):
    table = crm_concepts(kind, language=language)
    assert len(table) > 0
    names = [c for c in table.columns if c == "name" or c.endswith("_name") or c == "what"]
    assert names
    for column in names:
        assert table[column].map(lambda s: isinstance(s, str) and s.strip() != "").all()
    if language == "zh":
        assert table["name"].map(lambda s: any("\u4e00" <= ch <= "\u9fff" for ch in s)).all()


def test_follows_the_language_in_force():
    crm.set_language("zh")
    assert crm_concepts("barriers")["name"].tolist() == ["预算", "IT资源", "员工技能"]
    crm.set_language("en")
    assert crm_concepts("barriers")["name"].tolist() == ["Budget", "IT resources", "Staff skills"]


def test_implementation_roadmap_order():
    roadmap = crm_concepts("implementation")
    assert roadmap["phase"].unique().tolist() == ["preparation", "launch", "implementation"]
    assert roadmap["order"].tolist() == list(range(1, 11))
    assert roadmap["step"].tolist() == [s for steps in IMPLEMENTATION_STEPS.values() for s in steps]


def test_database_layers_and_outlet_codes_are_translated():
    for layer, part in CRM_LAYERS.values():
        assert f"it.layer.{layer}" in STRINGS and f"it.part.{part}" in STRINGS
    for code in FORMATS:
        assert text(f"outlet.format.{code}", "zh")
    for group in set(FORMAT_GROUPS.values()):
        assert text(f"outlet.group.{group}", "zh")
    for service in set(SERVICE_MODELS.values()):
        assert text(f"outlet.service.{service}", "zh")


def test_bad_kind_and_language():
    with pytest.raises(ValueError, match="The value for `kind` must be one of"):
        crm_concepts("layers")
    with pytest.raises(ValueError, match="The value for `language` must be one of"):
        crm_concepts("modules", language="fr")
