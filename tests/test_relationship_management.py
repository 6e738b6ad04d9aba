"""The stage strategy table, principles and customer-information steps: complete, in both languages."""

import pytest

import crm_course as crm
from crm_course.i18n import STRINGS
from crm_course.models.relationship_management import (
    CUSTOMER_INFORMATION_STEPS,
    PARTIES,
    RELATIONSHIP_PHASES,
    RELATIONSHIP_PRINCIPLES,
    RETENTION_MEANS,
    STAGE_STRATEGIES,
    STRATEGY_STAGES,
)


def test_every_code_has_english_and_chinese():
    keys = [f"lifecycle.party.{p}" for p in PARTIES] + [f"lifecycle.strategy_stage.{s}" for s in STRATEGY_STAGES]
    keys += [f"lifecycle.strategy.{i}" for stages in STAGE_STRATEGIES.values() for items in stages.values() for i in items]
    keys += [f"lifecycle.principle.{p}" for p in RELATIONSHIP_PRINCIPLES]
    keys += [f"lifecycle.phase.{p}" for p in RELATIONSHIP_PHASES] + [
        f"lifecycle.phase.{s}" for steps in RELATIONSHIP_PHASES.values() for s in steps]
    keys += [f"lifecycle.info_step.{s}" for s in CUSTOMER_INFORMATION_STEPS]
    keys += [f"lifecycle.retention_means.{m}" for m in RETENTION_MEANS]
    keys += [f"lifecycle.stage.{s}" for s in crm.STAGES]
    for key in keys:
        assert set(STRINGS[key]) == {"en", "zh"}, key


@pytest.mark.parametrize("language", ["en", "zh"])
def test_stage_strategy_table(language):
    table = crm.stage_strategy_table(language=language)
    assert table.index.tolist() == list(PARTIES) and table.columns.tolist() == list(STRATEGY_STAGES)
    assert table.notna().all().all()


def test_lecture_content():
    zh = crm.stage_strategy_table(language="zh")
    assert "推荐奖励" in zh.loc["employees", "attract"]
    assert crm.principles_table(language="zh").loc["retention_effort", "meaning"].count("5-10") == 1
    assert crm.customer_information_steps(language="en").index.tolist() == ["define", "acquire", "integrate_manage",
                                                                            "update"]
