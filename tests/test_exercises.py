"""The exercises engine (tolerance policy, answer kinds, odd answers, detectors, Choice, messages) and
the exercises/ <-> solutions/ sync. Rules every chapter's questions obey: tests/test_exercise_rules.py."""

import math
import re
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import pytest

import crm_course as crm
from crm_course.exercises import engine
from crm_course.exercises.build import NAME_CELL, exercise_notebook, strip_solutions
from crm_course.exercises.engine import (
    Choice, Mistake, Question, T, _expected, margin_times_100, other_column_order, percent_for_fraction,
    qcut_edges, rate_as_whole_number, same_as, scores_as_text,
)

ROOT = Path(__file__).resolve().parents[1]
SOLUTIONS = sorted((ROOT / "solutions").glob("*.ipynb"))
HINTS = [T("first", "第一"), T("second", "第二")]


@pytest.fixture(autouse=True)
def english():
    previous = crm.get_language()
    crm.set_language("en")
    yield
    crm.set_language(previous)


class Unfriendly:
    """An answer whose comparison and repr both raise."""

    def __eq__(self, other):
        raise RuntimeError("no comparison")

    def __repr__(self):
        raise RuntimeError("no repr")

    __hash__ = object.__hash__


ODD_ANSWERS = [
    {1, 2}, [1, 2, 3], (1,), {"key": 1}, np.array([1, 2]), pd.Series([1, 2]),
    pd.Series([1.0], index=pd.Index([7])), pd.Series(["a"], dtype="category"), pd.Series(["1"], dtype="string"),
    False, float("nan"), float("inf"), -math.inf, 10**400, Unfriendly(), np.int64(5), "text",
    pd.DataFrame({"a": [1]}), pd.Index([1, 2]), object(),
]

QUESTION = Question("q9", expected=lambda: pd.Series([1.0, 2.0], index=["a", "b"]), hints=HINTS,
                    mistakes=[Mistake(lambda a, e: (a == -e).all(), T("Check the sign.", "检查符号。"))])


def _question(expected, **options):
    return Question("q1", expected=lambda: expected, hints=HINTS, **options)


# --- outcomes and messages ----------------------------------------------------------------------


def test_three_outcomes_and_rows_in_any_order():
    assert QUESTION.check(...).outcome == "not_attempted" and QUESTION.check(None).outcome == "incorrect"
    assert QUESTION.check(pd.Series([1.0, 2.0], index=["a", "b"])).outcome == "correct"
    assert QUESTION.check(pd.Series([2.0, 1.0], index=["b", "a"])).outcome == "correct"
    assert QUESTION.check(pd.Series([1.0, 3.0], index=["a", "b"])).outcome == "incorrect"
    assert not QUESTION.check(3) and QUESTION.check(pd.Series([1.0, 2.0], index=["a", "b"]))


def test_feedback_text_is_its_message_and_names_the_call_the_student_types():
    wrong = QUESTION.check(pd.Series([1.0, 3.0], index=["a", "b"]))
    assert str(wrong) == repr(wrong) and repr(wrong).startswith("ex.q9: not yet.")
    assert "Feedback(" not in repr(wrong) and "body=" not in repr(wrong)
    assert "`ex.q9.hint()`" in repr(wrong) and "`ex.q9.solution()`" in repr(QUESTION.hint(2))
    assert "1 value(s) differ, e.g. at `'b'`" in repr(wrong) and "2.0" not in repr(wrong)
    assert "Check the sign." in repr(QUESTION.check(pd.Series([-1.0, -2.0], index=["a", "b"])))
    assert "has 1 rows, but the right one has 2" in repr(QUESTION.check(pd.Series([1.0], index=["a"])))


def test_html_renders_backticks_as_code_and_escapes():
    rendered = _question("x").check("<b>")._repr_html_()
    assert "&lt;b&gt;" in rendered and "<b>" not in rendered
    assert "<code>ex.q1.hint()</code>" in rendered and "`" not in rendered


def test_the_expected_value_is_not_reachable_through_the_question():
    question = _question(123456.789)
    public = [name for name in dir(question) if not name.startswith("_")]
    assert not {"expected", "answer", "value"} & set(public)
    for name in public:
        attribute = getattr(question, name)
        assert not isinstance(attribute, (int, float)) or isinstance(attribute, bool) or attribute != 123456.789
    assert "123456" not in repr(question) and "123,456" not in repr(question)
    assert "123456" not in repr(question.check(1.0))
    assert _expected(question) == 123456.789


def test_feedback_in_chinese():
    crm.set_language("zh")
    assert "尚未作答" in repr(QUESTION.check(...))
    assert "检查符号" in repr(QUESTION.check(pd.Series([-1.0, -2.0], index=["a", "b"])))
    assert "第二" in repr(QUESTION.hint(2))
    assert "一个包含 3 项的列表" in repr(_question(3).check([1, 2, 3]))


def test_graded_hints():
    assert "Hint 1 of 2: first" in repr(QUESTION.hint())
    assert "Hint 2 of 2: second" in repr(QUESTION.hint(2)) and "last hint" in repr(QUESTION.hint(2))
    assert "Hint 2 of 2" in repr(QUESTION.hint(7))


# --- the tolerance policy ---------------------------------------------------------------------


def test_a_single_number_passes_when_correct_to_three_significant_figures():
    question = _question(0.34456)
    assert question.check(0.3446).outcome == "correct"  # what a chapter prints (4 significant figures)
    assert question.check(0.345).outcome == "correct"  # 3 significant figures, rounded
    assert question.check(0.344).outcome == "correct"  # 3 significant figures, cut off
    assert question.check(0.343).outcome == "incorrect" and question.check(0.346).outcome == "incorrect"
    assert _question(1234.5678).check(1234.57).outcome == "correct"  # an amount as printed
    assert _question(0.1004).check(0.1).outcome == "correct"
    # two figures never pass by luck (the review's cases): 0.65 for 0.6475, 4.5 for 4.48
    assert _question(0.6475).check(0.65).outcome == "incorrect" and _question(4.4815).check(4.5).outcome == "incorrect"
    assert _question(0.6475).check(0.648).outcome == "correct" and _question(4.4815).check(4.48).outcome == "correct"


def test_counts_need_the_exact_whole_number():
    count = _question(3991, exact=True)
    assert count.check(3991).outcome == "correct" and count.check(np.int64(3991)).outcome == "correct"
    assert count.check(3991.0).outcome == "correct"
    assert count.check(3990).outcome == "incorrect" and count.check(3992).outcome == "incorrect"
    assert "A count is a whole number" in repr(count.check(3991.5))
    assert "rounded" not in repr(count.check(4000))


def test_a_tightened_tolerance_gives_its_reason():
    reason = T("The two answers differ only in the fourth digit.", "两个答案只在第四位不同。")
    tight = _question(2.0, rel_tol=1e-5, tolerance_reason=reason)
    assert tight.tightened and tight.check(2.00001).outcome == "correct"
    feedback = tight.check(2.004)
    assert feedback.outcome == "incorrect" and "fourth digit" in repr(feedback)
    assert "fourth digit" not in repr(tight.check(3.0))
    assert _question(pd.Series([1.0]), rel_tol=1e-4).tightened and not _question(pd.Series([1.0]), rel_tol=2e-3).tightened
    assert not _question(2.0).tightened and _question(2.0, rel_tol=1e-3).tightened


def test_tables_pass_within_one_in_a_thousand():
    frame = pd.DataFrame({"x": [1000.0, 2.0]}, index=["a", "b"])
    question = _question(frame)
    assert question.check(frame * 1.0009).outcome == "correct"
    assert question.check(frame * 1.002).outcome == "incorrect"


def test_probably_rounded_only_for_a_rounded_value():
    question = _question(0.34456)
    assert "rounded to 2 significant figures" in repr(question.check(0.34))
    assert "at least 3 significant figures please" in repr(question.check(0.34))
    assert "rounded" not in repr(question.check(0.3))  # one significant figure left: another quantity as likely
    assert "rounded" not in repr(question.check(0.36))
    assert "rounded" not in repr(question.check(0.33))  # close, but a different quantity


def test_never_rounded_for_zero_one_or_a_value_that_loses_its_figures():
    assert "rounded" not in repr(_question(0.96).check(1))
    assert "rounded" not in repr(_question(0.96).check(1.0))
    assert "rounded" not in repr(_question(0.0123).check(0.01))  # 1 significant figure
    assert "rounded" not in repr(_question(0.0123).check(0))
    assert "rounded" not in repr(_question(0.004).check(0.0))
    assert "rounded" not in repr(_question(12.6, exact=True).check(13))
    assert "rounded to 2 significant figures" in repr(_question(0.0123).check(0.012))


def test_precision_is_three_significant_figures_and_the_message_says_so():
    question = _question(2.75)
    assert question.check(2.75).outcome == "correct" and question.check(2.751).outcome == "correct"
    feedback = question.check(2.8)
    assert feedback.outcome == "incorrect" and "3 significant figures please" in repr(feedback)
    for value in (0.000123456, 0.123456, 1.23456, 123.456, 98765.4321, 0.99949):
        assert _question(value).check(float(f"{value:.3g}")).outcome == "correct", value
    crm.set_language("zh")
    assert "3 位有效数字" in repr(question.check(2.8))
    crm.set_language("en")


def test_none_is_not_the_untouched_placeholder():
    none = repr(QUESTION.check(None))
    assert "Your answer is `None`" in none and "inplace=True" in none and "print(...)" in none
    assert "not attempted" not in none
    assert "not attempted" in repr(QUESTION.check(...))
    choice = Choice("q2", options={"a": T("x", "甲"), "b": T("y", "乙")}, answer="a", coaching={"b": T("n", "不")},
                    hints=HINTS)
    assert choice.check(None).outcome == "incorrect" and "`None`" in repr(choice.check(None))
    crm.set_language("zh")
    assert "`None`" in repr(QUESTION.check(None)) and "inplace=True" in repr(QUESTION.check(None))
    crm.set_language("en")


def test_a_one_value_series_or_array_is_coached_to_take_its_value():
    question = _question(0.75)
    for one in (pd.Series([0.75], index=["K22"]), np.array([0.75]), pd.Index([0.75]), [0.75]):
        feedback = question.check(one)
        assert feedback.outcome == "incorrect" and ".iloc[0]" in repr(feedback) and "float(...)" in repr(feedback)
        assert "The values inside are the right ones." in repr(feedback)
    assert "not the right ones yet" in repr(question.check(pd.Series([0.5])))
    many = repr(question.check(pd.Series([0.75, 0.5])))
    assert "collection of values" in many and "lost" not in many


def test_the_answer_is_echoed_as_given():
    feedback = repr(_question(0.34456).check(0.3))
    assert "Your answer: `0.3`" in feedback and "0.345" not in feedback
    assert "Your answer: `0.123456789`" in repr(_question(5.0).check(0.123456789))
    assert "Your answer: `7`" in repr(_question(5.0).check(np.int64(7)))
    assert "np.int64" not in repr(_question([1]).check([np.int64(1), np.float64(2.5)]))


# --- answer kinds ---------------------------------------------------------------------------------


def test_sets_compare_as_sets_of_itemsets():
    question = _question({frozenset({"bread", "milk"}), frozenset({"beer"})})
    assert question.check({frozenset({"milk", "bread"}), frozenset({"beer"})}).outcome == "correct"
    assert question.check([{"beer"}, ("milk", "bread")]).outcome == "correct"
    assert "1 of your items should not be there" in repr(question.check({frozenset({"beer"}), frozenset({"tea"})}))
    assert "twice" in repr(question.check([{"beer"}, {"beer"}]))


def test_dicts_bools_texts_and_lists():
    mapping = _question({"A": 0.5, "B": 0.25})
    assert mapping.check({"A": 0.5, "B": 0.2501}).outcome == "correct"
    assert "unexpected `'C'`" in repr(mapping.check({"A": 0.5, "C": 0.25}))
    assert "e.g. for `'B'`" in repr(mapping.check({"A": 0.5, "B": 0.3}))
    flag = _question(True)
    assert flag.check(True).outcome == "correct" and flag.check(np.bool_(True)).outcome == "correct"
    assert "`True` or `False`" in repr(flag.check(1)) and flag.check(False).outcome == "incorrect"
    code = _question("velcro", choices=["hook", "zipper", "velcro"])
    assert code.check(" Velcro ").outcome == "correct"
    assert "Use one of these codes" in repr(code.check("glue")) and "Use one" not in repr(code.check("hook"))
    steps = _question(["culture", "process"])
    assert steps.check(["culture", "process"]).outcome == "correct"
    assert "first at position 1" in repr(steps.check(["process", "culture"]))
    assert "has 1 items, but the right one has 2" in repr(steps.check(["culture"]))


def test_query_rows_compare_in_any_order_unless_order_is_asked():
    result = pd.DataFrame({"city": ["Beijing", "Shanghai"], "customers": [10, 20]})
    rows = _question(result, kind="rows")
    assert rows.check(result.iloc[::-1]).outcome == "correct"
    assert rows.check(result.rename(columns=str.upper)[["CUSTOMERS", "CITY"]]).outcome == "correct"
    assert "returns 1 rows" in repr(rows.check(result.head(1)))
    assert "1 row(s) differ" in repr(rows.check(result.assign(customers=[10, 21])))
    assert "Missing columns `customers`; keep only `city`, `customers`." in repr(rows.check(result[["city"]]))
    ordered = _question(result, kind="rows", order_matters=True)
    assert ordered.check(result).outcome == "correct"
    assert "ORDER BY" in repr(ordered.check(result.iloc[::-1]))


def test_frames_compare_by_column_and_odd_dtypes_get_coaching():
    expected = pd.DataFrame({"recency": [3, 10], "segment": ["a", "b"]}, index=["x", "y"])
    question = _question(expected)
    assert question.check(expected.iloc[::-1].copy()).outcome == "correct"
    assert question.check(expected[["segment", "recency"]]).outcome == "correct"  # columns by name
    assert question.check(expected.assign(segment=pd.Categorical(["a", "b"]))).outcome == "correct"
    as_timedelta = expected.assign(recency=pd.to_timedelta(expected["recency"], unit="D"))
    assert "Column `recency` should hold numbers, but yours holds time spans" in repr(question.check(as_timedelta))
    assert "holds categories" in repr(question.check(expected.assign(recency=pd.Categorical([3, 10]))))
    assert "1 value(s) differ, in column(s) `segment`, e.g. at `'y'`" in repr(
        question.check(expected.assign(segment=["a", "c"])))
    assert "labelled by numbers" in repr(question.check(expected.reset_index(drop=True)))
    assert "a single column" in repr(question.check(expected["recency"]))
    assert "table with one column, `recency`" in repr(_question(expected["recency"]).check(expected[["recency"]]))


def test_table_messages_name_the_columns_the_reset_index_and_the_right_conversion():
    expected = pd.DataFrame({"R": [1, 2], "F": [3, 4], "M": [5, 1]},
                            index=pd.Index(["a", "b"], name="customer_id"))
    question = _question(expected)
    extra = repr(question.check(expected.assign(recency=[1, 2], segment=["x", "y"])))
    assert "Extra columns `recency`, `segment`; keep only `R`, `F`, `M`." in extra and "missing" not in extra
    both = repr(question.check(expected[["R", "F"]].assign(x=[1, 2])))
    assert "Extra columns `x`; missing columns `M`; keep only `R`, `F`, `M`." in both
    assert "set it back with `.set_index('customer_id')`" in repr(question.check(expected.reset_index())).replace(
        "Set it back", "set it back")
    series = pd.Series([1.5, 2.5, 3.5], index=pd.Index([1, 2, 3], name="customer_id"), name="clv")
    assert "index looks reset (0, 1, 2, ...)" in repr(_question(series).check(series.reset_index(drop=True)))
    assert "set it back with `.set_index('customer_id')`" in repr(_question(series).check(series.reset_index())).replace(
        "Set it back", "set it back")
    assert _question(series).check(series).outcome == "correct"
    ids = series.set_axis(pd.RangeIndex(1, 4, name="customer_id"))  # ids 1, 2, 3 held as a RangeIndex
    assert "index looks reset" in repr(_question(ids).check(ids.reset_index(drop=True)))
    assert "in column(s) `F`, `M`" in repr(question.check(expected.assign(F=[3, 5], M=[5, 2])))
    as_text = repr(question.check(expected.astype(str)))
    assert "holds text" in as_text and ".astype(int)" in as_text and ".dt.days" not in as_text
    crm.set_language("zh")
    zh = repr(question.check(expected.assign(recency=[1, 2], segment=["x", "y"])))
    assert "多出的列 `recency`、`segment`；只保留 `R`、`F`、`M`。" in zh and "缺少：。" not in zh
    assert "`R`、`F`" in repr(question.check(expected.assign(R=[2, 3], F=[4, 5])))
    assert "、" in repr(_question("hook", choices=["hook", "zipper"]).check("x"))
    assert "缺少" not in repr(_question({"a": 1.0}).check({"a": 1.0, "b": 2.0}))
    crm.set_language("en")


def test_a_series_where_a_list_is_asked_is_told_tolist():
    question = _question(["develop", "exit"])
    feedback = repr(question.check(pd.Series(["develop", "exit"], index=["K24", "K11"])))
    assert ".tolist()" in feedback and "right ones" in feedback
    assert "not the right ones yet" in repr(question.check(np.array(["exit", "exit"])))
    assert question.check(["develop", "exit"]).outcome == "correct"


def test_money_columns_may_be_given_to_the_cent():
    money = pd.Series([0.5234, 12.3456, 1234.5678], index=[1, 2, 3])
    question = _question(money, abs_tol=0.005)
    assert question.check(money.round(2)).outcome == "correct"
    assert question.check(money.round(1)).outcome == "incorrect"
    assert _question(money).check(money.round(2)).outcome == "incorrect"  # 0.52 is 0.6% off


def test_a_set_may_be_given_as_an_index_or_an_array_of_labels():
    question = _question({"K01", "K38"})
    assert question.check(pd.Index(["K38", "K01"])).outcome == "correct"
    assert question.check(np.array(["K01", "K38"])).outcome == "correct"
    assert question.check(pd.Index(["K01"])).outcome == "incorrect"


def test_any_answer_gets_coaching_never_a_traceback():
    questions = [
        _question(3991, exact=True), _question(0.75), _question(pd.Series([1.0, 2.0], index=["a", "b"])),
        _question(pd.DataFrame({"R": [1, 2]}, index=["a", "b"])), _question({frozenset({"a"})}),
        _question({"a": 1.0}), _question(True), _question("hook", choices=["hook", "zipper"]),
        _question(["x", "y"]), _question(pd.DataFrame({"n": [1]}), kind="rows"),
        Choice("q2", options={"a": T("x", "甲"), "b": T("y", "乙")}, answer="a", coaching={"b": T("n", "不")}, hints=HINTS),
    ]
    for language in ("en", "zh"):
        crm.set_language(language)
        for question in questions:
            for answer in ODD_ANSWERS:
                feedback = question.check(answer)
                assert feedback.outcome == "incorrect", (question, answer)
                assert "np.int64" not in repr(feedback) and "a Index" not in repr(feedback)
                assert "Traceback" not in repr(feedback)
    crm.set_language("en")
    assert "a whole number with 401 digits" in repr(questions[0].check(10**400))
    assert "NaN (not a number)" in repr(questions[1].check(float("nan")))
    assert "not a finite number" in repr(questions[1].check(math.inf))
    assert "an object of type `Unfriendly`" in repr(questions[1].check(Unfriendly()))
    assert "a table with 1 row and 1 column" in repr(questions[1].check(pd.DataFrame({"a": [1]})))
    assert "an index of 2 labels" in repr(questions[1].check(pd.Index([1, 2])))


def test_a_broken_mistake_detector_never_raises():
    question = Question("q1", expected=lambda: 3, hints=HINTS, mistakes=[Mistake(lambda a, e: a["key"] > 1, T("never", "从不"))])
    assert question.check(4).outcome == "incorrect" and "never" not in repr(question.check(4))


def test_the_wrong_kind_is_named_before_a_guessed_mistake():
    question = _question(0.34456, mistakes=[Mistake(lambda a, e: True, T("A typical mistake.", "典型错误。"))])
    assert "needs a number" in repr(question.check({"x": 0.2})) and "typical" not in repr(question.check({"x": 0.2}))
    assert "typical" not in repr(question.check("0.2"))
    assert "A typical mistake." in repr(question.check(0.2))
    assert "without quotes" in repr(question.check(" 0.34 ")) and "without quotes" in repr(_question(True).check("True"))
    assert "without quotes" not in repr(question.check("many"))
    ids = pd.Series(["a", "b", "b"], dtype="string")
    for many in (ids, ids.unique(), ids.to_numpy(), ["a"], pd.Index(["a"])):
        assert "one number" in repr(question.check(many)), type(many)
    assert "an array of 2 values" in repr(question.check(ids.unique()))


# --- multiple choice --------------------------------------------------------------------------------

CHOICE = Choice(
    "q5",
    options={"a": T("Buy software first", "先买软件"), "b": T("Change the culture first", "先转变文化"),
             "c": T("Reorganise first", "先调整组织")},
    answer="b",
    coaching={"a": T("A tool cannot fix a product-centred culture.", "工具改变不了以产品为中心的文化。"),
              "c": T("Structure follows mindset.", "组织跟随观念。")},
    hints=HINTS,
)


def test_choice_keys_are_case_and_space_insensitive_and_each_wrong_option_coaches():
    assert CHOICE.check(" B ").outcome == "correct" and CHOICE.check("b").outcome == "correct"
    assert "A tool cannot fix" in repr(CHOICE.check("a"))
    assert "Structure follows" in repr(CHOICE.check("C"))
    unknown = repr(CHOICE.check("d"))
    assert '`"a"`, `"b"`, `"c"`' in unknown and "`ex.q5.options()`" in unknown
    assert '`"a"`' in repr(CHOICE.check(2))
    assert CHOICE.check(...).outcome == "not_attempted"


def test_choice_shows_its_options_in_the_current_language_but_not_the_answer():
    assert "b) Change the culture first" in repr(CHOICE.options()) and "b) Change" in repr(CHOICE)
    assert "<code>" in CHOICE._repr_html_() and CHOICE._repr_html_().startswith("<div")
    crm.set_language("zh")
    assert "b) 先转变文化" in repr(CHOICE.options())
    assert not {"answer", "expected"} & {n for n in dir(CHOICE) if not n.startswith("_")}
    assert _expected(CHOICE) == "b"


def test_choice_refuses_a_wrong_option_without_coaching():
    with pytest.raises(ValueError, match=r"coaching.*\['c'\]"):
        Choice("q1", options={"a": T("x", "甲"), "b": T("y", "乙"), "c": T("z", "丙")}, answer="a",
               coaching={"b": T("n", "不")}, hints=HINTS)
    with pytest.raises(ValueError, match="`answer`"):
        Choice("q1", options={"a": T("x", "甲")}, answer="z", coaching={}, hints=HINTS)


# --- reusable detectors ----------------------------------------------------------------------------


def test_percentage_rate_and_margin_detectors():
    share = _question(0.75, mistakes=[percent_for_fraction()])
    assert "percentage" in repr(share.check(75)) and "percentage" not in repr(share.check(0.5))
    clv = _question(360.0, mistakes=[rate_as_whole_number(lambda: 36.4), margin_times_100()])
    assert "10 for 10%" in repr(clv.check(36.4))
    assert "100 times too large" in repr(clv.check(36000.0))
    assert "times" not in repr(clv.check(1000.0))
    slip = _question(1.0, mistakes=[same_as(lambda: 2.0, T("Doubled.", "翻倍了。"))])
    assert "Doubled." in repr(slip.check(2.0)) and "Doubled." not in repr(slip.check(3.0))


def test_column_order_and_text_score_detectors():
    scores = pd.DataFrame({"R": [1, 5], "F": [2, 4], "M": [3, 3]}, index=["a", "b"])
    question = _question(scores, mistakes=[other_column_order(), scores_as_text()])
    swapped = scores.rename(columns={"R": "F", "F": "R"})
    assert "another order" in repr(question.check(swapped))
    assert "another order" in repr(question.check(scores[["F", "R", "M"]].set_axis([0, 1, 2], axis=1)))
    assert question.check(scores[["M", "F", "R"]]).outcome == "correct"  # named columns in any order are right
    assert "stored as text" in repr(question.check(scores.astype(str)))
    assert "another order" not in repr(question.check(scores.assign(R=[2, 5])))
    code = _question("351", mistakes=[other_column_order()])
    assert "another order" in repr(code.check("153")) and "another order" not in repr(code.check("352"))
    number = _question(3, exact=True, mistakes=[scores_as_text()])
    assert "stored as text" in repr(number.check("3")) and "stored as text" not in repr(number.check("4"))


def test_the_qcut_diagnosis_only_when_customers_at_bin_edges_differ():
    values = pd.Series([1, 2, 2, 3, 4, 5, 6, 7, 8, 9], index=list("abcdefghij"), dtype=float)
    right = pd.DataFrame({"R": [1, 1, 1, 2, 2, 3, 3, 4, 5, 5]}, index=values.index)
    question = _question(right, mistakes=[qcut_edges(lambda: values, column="R", bins=5)])
    edges = values.quantile([0.2, 0.4, 0.6, 0.8]).to_numpy()
    at_edge = right.copy()
    nearest = (values - edges[0]).abs().idxmin()
    at_edge.loc[nearest, "R"] += 1
    assert "bin edges" in repr(question.check(at_edge))
    in_the_middle = right.copy()
    in_the_middle.loc["a", "R"] = 4  # the smallest value, far from every inner edge
    assert "bin edges" not in repr(question.check(in_the_middle))


# --- solutions/ -> exercises/ ------------------------------------------------------------------------


def test_strip_solutions_keeps_the_check_and_names_the_answer():
    source = "### BEGIN SOLUTION\nspend = tx.groupby('c').sum()\nanswer = spend.max()\n### END SOLUTION\nex.q2.check(answer)"
    assert strip_solutions(source) == "# your code here\nanswer = ...\nex.q2.check(answer)"


@pytest.mark.parametrize("solution", SOLUTIONS, ids=lambda p: p.name)
def test_exercises_are_generated_from_solutions(solution):
    exercise = ROOT / "exercises" / solution.name
    assert exercise.exists(), f"run `crm-course exercises` to generate {exercise.name}"
    expected = exercise_notebook(nbformat.read(solution, as_version=4))
    actual = nbformat.read(exercise, as_version=4)
    assert [c.source for c in actual.cells] == [c.source for c in expected.cells], "run `crm-course exercises`"
    assert not any(c.get("outputs") for c in actual.cells)
    assert "BEGIN SOLUTION" not in exercise.read_text(encoding="utf-8")


def test_an_exercise_notebook_opens_with_the_name_cell_then_the_solutions_cells():
    solution = nbformat.read(SOLUTIONS[0], as_version=4)
    cells = len(solution.cells)
    exercise = exercise_notebook(solution)
    first = exercise.cells[0]
    assert first.cell_type == "markdown" and first.source == NAME_CELL and first.id == "student-name"
    assert "Name" in NAME_CELL and "姓名" in NAME_CELL
    assert len(exercise.cells) == cells + 1 and solution.cells[0].source == exercise.cells[1].source
    assert len(solution.cells) == cells and NAME_CELL not in solution.cells[0].source  # the solution is left as it was


def test_policy_is_the_documented_one():
    assert engine.POLICY == {"rel_tol": 0.005, "significant_figures": 3, "table_rel_tol": 1e-3}
    assert re.search(r"correct to 3 significant figures", engine.__doc__) and "1e-3" in engine.__doc__
    assert re.search(r"0\.5% relative", engine.__doc__)


def test_column_names_differing_only_in_capitals_are_named():
    expected = pd.DataFrame({"R": [1], "F": [2], "M": [3]}, index=pd.Index([7], name="customer_id"))
    feedback = repr(_question(expected).check(expected.rename(columns=str.lower)))
    assert "only in capitals" in feedback and "`R`, `F`, `M`" in feedback


# --- review of chapters 02, 04, 05: dicts, sets, no argument ---------------------------------------


def test_numbers_in_a_dict_pass_to_3_significant_figures_like_single_numbers():
    q = Question("q1", expected=lambda: {"alpha": 0.7041, "beta": 1.182}, hints=[T("h", "提示")])
    assert q.check({"alpha": 0.704, "beta": 1.18}).outcome == "correct"
    assert q.check({"alpha": 0.705, "beta": 1.183}).outcome == "correct"  # within one unit of the 3rd figure
    assert q.check({"alpha": 0.702, "beta": 1.18}).outcome == "incorrect"
    assert "round less" in str(q.check({"alpha": 0.70, "beta": 1.18}))


def test_a_dict_value_rounded_too_far_is_named_with_the_figures_to_keep():
    q = Question("q1", expected=lambda: {"lift": 1.0667, "support": 0.5}, hints=[T("h", "提示")])
    message = str(q.check({"lift": 1.1, "support": 0.5}))
    assert "`'lift'`" in message and "2 significant figures" in message


def test_whole_numbers_in_a_dict_are_counts_compared_exactly():
    q = Question("q1", expected=lambda: {"A": 194, "B": 261}, hints=[T("h", "提示")])
    assert q.check({"A": 194, "B": 261.0}).outcome == "correct"
    assert q.check({"A": 193, "B": 261}).outcome == "incorrect"


def test_numbers_typed_as_text_in_a_dict_or_a_set_are_told_to_be_numbers():
    d = Question("q1", expected=lambda: {"support": 0.5, "confidence": 2 / 3}, hints=[T("h", "提示")])
    assert "give numbers, not text" in str(d.check({"support": "4/8", "confidence": "4/6"}))
    s = Question("q2", expected=lambda: {1, 2, 3}, hints=[T("h", "提示")])
    assert "give numbers" in str(s.check({"1", "2", "3"}))


def test_set_feedback_never_reveals_the_size_of_the_expected_set():
    q = Question("q1", expected=lambda: {1, 2, 3, 4, 5}, hints=[T("h", "提示")])
    message = str(q.check({1, 2}))
    assert "missing" in message and "3" not in message.split("\n", 2)[2]
    coaching = str(q.check({1, 2, 9})).split("\n")[2]
    assert "1 of your items should not be there" in coaching and "3" not in coaching


def test_check_without_an_argument_is_not_attempted_for_every_question_class():
    from crm_course.exercises import ch05

    q = Question("q1", expected=lambda: 1, hints=[T("h", "提示")])
    c = Choice("q2", options={"a": T("A", "甲"), "b": T("B", "乙")}, answer="a", coaching={"b": T("no", "不")},
               hints=[T("h", "提示")])
    for question in (q, c, ch05.q1):
        assert question.check().outcome == "not_attempted"


def test_a_percentage_rounded_to_3_figures_is_spotted_where_a_fraction_is_asked():
    q = Question("q1", expected=lambda: 0.19667, hints=[T("h", "提示")], mistakes=[engine.percent_for_fraction()])
    assert "percentage" in str(q.check(19.7))


def test_a_query_with_no_rows_is_told_text_is_case_sensitive_and_an_index_column_reset_index():
    expected = pd.DataFrame({"customer_id": ["a", "b"], "profit": [2.0, 1.0]})
    q = Question("q1", expected=lambda: expected, kind="rows", hints=[T("h", "提示")])
    assert "case-sensitive" in str(q.check(expected.iloc[:0]))
    assert ".reset_index()" in str(q.check(expected.set_index("customer_id")))


def test_a_series_where_a_dict_is_asked_is_told_to_dict():
    q = Question("q1", expected=lambda: {"A": 1, "B": 2}, hints=[T("h", "提示")])
    assert ".to_dict()" in str(q.check(pd.Series({"A": 1, "B": 2})))


def test_codes_are_listed_as_the_question_spells_them():
    q = Question("q1", expected=lambda: "V2", choices=["V1", "V2"], hints=[T("h", "提示")])
    assert "`'V1'`, `'V2'`" in str(q.check("CloudDesk CRM"))
