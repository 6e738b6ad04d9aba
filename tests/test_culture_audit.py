"""The customer-orientation self-audit: plain data in both languages, scored with the scoring engine."""

import pandas as pd
import pytest

import crm_course as crm
from crm_course.i18n import text

ANSWERS = {"leaders_mindset": 4, "shared_vision": 4, "values": 4, "communication": 3, "institutions": 3,
           "hiring": 2, "training": 3, "appraisal": 1, "organisation": 2}


def test_criteria_and_weights_are_plain_data_in_both_languages():
    criteria = crm.culture_audit_criteria()
    assert criteria == ["leaders_mindset", "shared_vision", "values", "communication", "institutions",
                        "hiring", "training", "appraisal", "organisation"]
    assert set(crm.CULTURE_AUDIT_WEIGHTS) == set(criteria)
    assert sum(crm.CULTURE_AUDIT_WEIGHTS.values()) == pytest.approx(1)
    for criterion in criteria:
        assert text(f"audit.criterion.{criterion}", "en") and any(
            "\u4e00" <= ch <= "\u9fff" for ch in text(f"audit.criterion.{criterion}", "zh"))
    for area in [*crm.CULTURE_AUDIT_AREAS, "overall"]:
        assert text(f"audit.area.{area}", "zh")


def test_audit_by_hand():
    audit = crm.culture_audit(ANSWERS)
    # culture (4+4+4+3+3)/5, people (2+3+1)/3, organisation 2; overall 0.12*18 + 0.10*6 + 0.10*2
    assert audit.iloc[0].to_dict() == pytest.approx(
        {"culture": 3.6, "people": 2.0, "organisation": 2.0, "overall": 2.96})
    assert audit.attrs["weights"] == crm.CULTURE_AUDIT_WEIGHTS


def test_audit_of_several_respondents_with_own_weights():
    frame = pd.DataFrame([ANSWERS, dict.fromkeys(ANSWERS, 5)], index=["manager", "clerk"])
    weights = dict.fromkeys(ANSWERS, 0.0) | {"leaders_mindset": 0.5, "appraisal": 0.5}
    audit = crm.culture_audit(frame, weights=weights)
    assert audit.index.tolist() == ["manager", "clerk"]
    assert audit.loc["manager", "overall"] == pytest.approx(2.5)
    assert audit.loc["manager", "people"] == pytest.approx(1.0)  # only appraisal weighs in people
    assert audit.loc["clerk"].tolist() == [5.0, 5.0, 5.0]  # organisation has no weight: no column


def test_audit_refusals():
    with pytest.raises(ValueError, match=r"missing \['organisation'\]"):
        crm.culture_audit({k: v for k, v in ANSWERS.items() if k != "organisation"})
    with pytest.raises(ValueError, match=r"not criteria \['mood'\]"):
        crm.culture_audit(ANSWERS | {"mood": 3})
    with pytest.raises(ValueError, match="must hold scores on the 1-5 scale"):
        crm.culture_audit(ANSWERS | {"hiring": 6})
    with pytest.raises(ValueError, match="`weights` must sum to 1"):
        crm.culture_audit(ANSWERS, weights=dict.fromkeys(ANSWERS, 0.1))
    with pytest.raises(TypeError, match="`scores` must be a dict"):
        crm.culture_audit([4, 4, 4])
