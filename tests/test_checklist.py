"""The strategic analysis checklist: questions as data, Markdown out, every question kept."""

import pytest

from crm_course import i18n
from crm_course.models.checklist import CHECKLIST, checklist_keys, checklist_markdown


def test_the_five_areas_of_the_syllabus():
    assert list(CHECKLIST) == ["industry", "enterprise", "competition", "channels", "customers"]
    assert [len(q) for q in CHECKLIST.values()] == [4, 8, 3, 4, 6]
    assert len(set(checklist_keys())) == 25
    for key in checklist_keys():  # every question has its wording in both languages
        assert i18n.STRINGS[f"checklist.q.{key}"]["zh"]


def test_markdown_has_every_question_in_order_with_its_answer():
    answers = {"competition.rivals": "Two national 3PLs price aggressively.",
               "industry.structure": "  Fragmented; many small fleets.  "}
    text = checklist_markdown(answers, firm="Huaxin", language="en")
    lines = text.splitlines()
    assert lines[0] == "# Strategic analysis checklist: Huaxin"
    assert [line for line in lines if line.startswith("## ")] == [
        "## 1. Industry analysis", "## 2. Enterprise analysis", "## 3. Competitive position",
        "## 4. Market channels", "## 5. Customers"]
    questions = [line[4:] for line in lines if line.startswith("### ")]
    assert questions == [i18n.text(f"checklist.q.{key}", "en") for key in checklist_keys()]
    at = lines.index("### How do rivals behave, and how are they likely to attack?")
    assert lines[at + 2] == "Two national 3PLs price aggressively."
    assert "Fragmented; many small fleets." in lines  # surrounding blanks trimmed
    assert text.count("_(not answered yet)_") == 23


def test_blank_and_none_answers_count_as_unanswered_and_order_does_not_matter():
    a = {"industry.trends": "Growth", "customers.feedback": "   ", "channels.how_sold": None}
    b = dict(reversed(list(a.items())))
    assert checklist_markdown(a, language="en") == checklist_markdown(b, language="en")
    assert checklist_markdown(a, language="en").count("(not answered yet)") == 24
    assert checklist_markdown({}, language="en").splitlines()[0] == "# Strategic analysis checklist"


def test_chinese_and_input_untouched():
    answers = {"enterprise.clv_ability": "  尚不能  "}
    text = checklist_markdown(answers, firm="华信物流", language="zh")
    assert text.startswith("# 战略分析清单：华信物流\n\n## 1. 产业分析")
    assert "### 企业能否评估客户的终生价值？\n\n尚不能\n" in text and "（尚未回答）" in text
    assert answers == {"enterprise.clv_ability": "  尚不能  "}


def test_bad_answers_are_refused_with_a_way_out():
    with pytest.raises(TypeError, match="`answers` must be a dict of question key -> answer text"):
        checklist_markdown(["industry.trends"])
    with pytest.raises(ValueError, match=r"not checklist questions: 'trends'\. Keys look like 'area\.question'"):
        checklist_markdown({"trends": "x"})
    with pytest.raises(TypeError, match=r"The answer to 'industry.trends' must be text \(a str\), but 3"):
        checklist_markdown({"industry.trends": 3})
    with pytest.raises(TypeError, match="`firm` must be the firm's name as text"):
        checklist_markdown({}, firm=None)
