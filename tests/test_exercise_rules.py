"""Rules every chapter's exercises obey, checked for every module crm_course.exercises.chNN that exists:

- no leak: a numeric answer, as the chapter would print it, is not in the chapter notebook's stored
  outputs, and the call that yields it is not in the chapter's code;
- the solved notebook's answer is right; typical wrong answers (at least two) get their own coaching;
- odd answers get coaching, never a traceback; the Chinese feedback has no English beyond code;
- a question that tightens the tolerance policy says why;
- the notebooks open with learning goals (the exercises with a link back to their chapter), the chapter
  has an opening case, discussion questions, references, and a "Reading it" note under every plot.
"""

import ast
import importlib
import math
import pkgutil
import re
from functools import cache
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import pytest

import crm_course as crm
import crm_course.exercises
from crm_course.exercises.engine import Choice, Question, T, _expected

ROOT = Path(__file__).resolve().parents[1]
MODULES = sorted(m.name for m in pkgutil.iter_modules(crm_course.exercises.__path__) if re.fullmatch(r"ch\d\d", m.name))


def _module(name):
    return importlib.import_module(f"crm_course.exercises.{name}")


def _questions(name):
    module = _module(name)
    return [(q_name, getattr(module, q_name)) for q_name in module.__all__
            if isinstance(getattr(module, q_name), (Question, Choice))]


QUESTIONS = [(module, q_name, question) for module in MODULES for q_name, question in _questions(module)]
IDS = [f"{module}.{q_name}" for module, q_name, _ in QUESTIONS]


def _chapter(module):
    return _module(module).CHAPTER


@cache
def _notebook(folder, chapter):
    return nbformat.read(ROOT / folder / f"{chapter}.ipynb", as_version=4)


@cache
def _solved(chapter):
    """Setup code and, per question name, (answer variable, solution code) from the solved notebook."""
    notebook = _notebook("solutions", chapter)
    setup = "\n".join(c.source for c in notebook.cells
                      if c.cell_type == "code" and "BEGIN SOLUTION" not in c.source and "import" in c.source)
    cells = {}
    for cell in notebook.cells:
        found = re.search(r"ex\.(q\d+)\.check\((\w+)\)", cell.source)
        if cell.cell_type == "code" and found and "BEGIN SOLUTION" in cell.source:
            block = re.search(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", cell.source, flags=re.S).group(1)
            cells[found.group(1)] = (found.group(2), block)
    return setup, cells


@cache
def _namespace(chapter, q_name):
    setup, cells = _solved(chapter)
    variable, block = cells[q_name]
    namespace = {}
    exec(setup, namespace)
    exec(block, namespace)
    return namespace, variable


# --- no leak ------------------------------------------------------------------------------------------


def _stored_outputs(notebook):
    texts = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            texts.append(output.get("text", ""))
            for kind in ("text/plain", "text/html", "text/markdown"):
                texts.append(output.get("data", {}).get(kind, ""))
    joined = "\n".join("".join(t) if isinstance(t, list) else t for t in texts)
    return re.sub(r"data:image/[\w+]+;base64,[A-Za-z0-9+/=]+", "", joined)  # an embedded picture prints no number


def printed_forms(value):
    """The ways a chapter prints a number: as is, with thousands separators, to 2-4 decimals or 3-4
    significant figures, as a percentage. Forms with fewer than 3 significant digits are too common to be a
    leak (and a count below 100 cannot be checked this way)."""
    if isinstance(value, (int, np.integer)):
        forms = {f"{int(value)}", f"{int(value):,}"}
    else:
        x = float(value)
        forms = {f"{x:.2f}", f"{x:,.2f}", f"{x:.3f}", f"{x:.4f}", f"{x:.3g}", f"{x:.4g}", f"{x:.1%}", f"{x:.2%}",
                 f"{round(x, 6)}"}
    return {form for form in forms if len(re.sub(r"\D", "", form.lstrip("0.").replace(",", ""))) >= 3}


def _occurs(form, text):
    return re.search(rf"(?<![\d.,]){re.escape(form)}(?![\d]|[.,]\d)", text) is not None


def _code_expressions(notebook):
    expressions = set()
    for cell in notebook.cells:
        if cell.cell_type == "code":
            source = "\n".join(line for line in cell.source.splitlines() if not line.lstrip().startswith(("%", "!")))
            expressions |= {ast.unparse(node) for node in ast.walk(ast.parse(source)) if isinstance(node, ast.expr)}
    return expressions


def test_printed_forms_and_occurrence():
    assert {"3991", "3,991"} == printed_forms(3991) and printed_forms(42) == set()
    assert {"0.663", "0.6633", "66.3%"} <= printed_forms(0.66327) and "0.66" not in printed_forms(0.66327)
    assert _occurs("66.3%", "bring 66.3% of") and not _occurs("0.66", "10.66") and not _occurs("1890", "1890.5")
    assert _occurs("1,890", "lost 1,890.")
    html = nbformat.from_dict({"cells": [{"cell_type": "code", "outputs": [{"output_type": "display_data", "data": {
        "text/html": '<img src="data:image/png;base64,iVBOR137w0KG=="/> 1,890 lost'}}]}]})
    assert "137" not in _stored_outputs(html) and "1,890 lost" in _stored_outputs(html)


NUMERIC = [(m, n, q) for m, n, q in QUESTIONS if isinstance(q, Question)]


@pytest.mark.parametrize("module, q_name, question", NUMERIC, ids=[f"{m}.{n}" for m, n, _ in NUMERIC])
def test_no_numeric_answer_is_printed_in_the_chapter(module, q_name, question):
    value = _expected(question)
    if not isinstance(value, (int, float, np.integer, np.floating)) or isinstance(value, (bool, np.bool_)):
        pytest.skip("not a single number")
    outputs = _stored_outputs(_notebook("notebooks", _chapter(module)))
    leaked = sorted(form for form in printed_forms(value) if _occurs(form, outputs))
    assert not leaked, f"{module}.{q_name}: the chapter's outputs print its answer as {leaked}"


@pytest.mark.parametrize("module, q_name, question", NUMERIC, ids=[f"{m}.{n}" for m, n, _ in NUMERIC])
def test_the_call_that_yields_an_answer_is_not_in_the_chapter(module, q_name, question):
    chapter = _chapter(module)
    _, block = _solved(chapter)[1][q_name]
    in_chapter = _code_expressions(_notebook("notebooks", chapter))
    statements = [s for s in ast.parse(block).body if isinstance(s, (ast.Assign, ast.Expr))]
    computed = [ast.unparse(s.value) for s in statements]
    assert any(c not in in_chapter for c in computed), f"{module}.{q_name}: every step of the solution is chapter code"
    final, defined_before = statements[-1], set()
    for statement in statements[:-1]:
        targets = statement.targets if isinstance(statement, ast.Assign) else []
        defined_before |= {t.id for t in targets if isinstance(t, ast.Name)}
    used = {n.id for n in ast.walk(final.value) if isinstance(n, ast.Name)}
    if not used & defined_before:  # a self-contained call: the chapter must not contain it verbatim
        assert ast.unparse(final.value) not in in_chapter, f"{module}.{q_name}: the chapter runs the answer's call"


# --- right and typical wrong answers ---------------------------------------------------------------------


@pytest.mark.parametrize("module, q_name, question", QUESTIONS, ids=IDS)
def test_the_solved_answer_is_right_and_typical_mistakes_get_their_coaching(module, q_name, question):
    chapter = _chapter(module)
    assert q_name in _solved(chapter)[1], f"solutions/{chapter}.ipynb has no solution cell for {q_name}"
    namespace, variable = _namespace(chapter, q_name)
    assert question.check(namespace[variable]).outcome == "correct"
    assert question.check(...).outcome == "not_attempted"
    assert question.solution().code == _solved(chapter)[1][q_name][1].rstrip()
    assert len(question.hints) >= 2
    examples = getattr(_module(module), "WRONG_ANSWERS", {}).get(q_name)
    assert examples, f"{module}.WRONG_ANSWERS has no typical wrong answer for {q_name}"
    cases = examples(namespace)
    assert len(cases) >= 2, f"{module}.{q_name}: at least two typical wrong answers"
    coachings = set()
    for wrong, says in cases:
        feedback = repr(question.check(wrong))
        assert question.check(wrong).outcome == "incorrect", (wrong, feedback)
        assert says in feedback, (wrong, feedback)
        coachings.add(feedback.splitlines()[2])
    assert len(coachings) >= 2, f"{module}.{q_name}: the wrong answers should get different coaching"


def test_every_chapter_question_has_a_solution_cell():
    for module in MODULES:
        names = {name for name, _ in _questions(module)}
        assert names and names == set(_solved(_chapter(module))[1]), module


# --- odd answers --------------------------------------------------------------------------------------


class Unfriendly:
    def __eq__(self, other):
        raise RuntimeError("no comparison")

    def __repr__(self):
        raise RuntimeError("no repr")

    __hash__ = object.__hash__


ODD_ANSWERS = [
    {1, 2}, ["a", "b", "c"], (1, 2), {"key": 1}, np.array([1.0, 2.0]), pd.Series([1, 2]),
    pd.Series([1.0, 2.0], index=pd.Index([10, 20])), pd.Series(["a", "b"], dtype="category"),
    pd.Series(["1", "2"], dtype="string"), True, False, math.nan, math.inf, 10**400, None, Unfriendly(),
    np.int64(1), "", "zz", pd.DataFrame({"x": [1]}),
]


@pytest.mark.parametrize("module, q_name, question", QUESTIONS, ids=IDS)
@pytest.mark.parametrize("language", ["en", "zh"])
def test_odd_answers_get_coaching_never_a_traceback(module, q_name, question, language):
    crm.set_language(language)
    for answer in ODD_ANSWERS:
        feedback = question.check(answer)
        assert feedback.outcome in ("incorrect", "not_attempted"), (answer, repr(feedback))
        assert "np.int64" not in repr(feedback) and "a Index" not in repr(feedback)


# --- Chinese throughout -------------------------------------------------------------------------------

# Proper names and the course's abbreviations may stand in Chinese text; all else in ASCII is code (backticks).
ALLOWED = {"Tucker", "Burnett", "Pareto", "Fader", "Hardie", "Lee", "Reichheld", "Sasser", "Oliver", "CDNOW", "WeChat"}


def english_words(message):
    """ASCII words outside backticks, other than abbreviations (RFM, CLV, BG/NBD) and allowed names."""
    outside = re.sub(r"`[^`]*`", " ", message)
    words = re.findall(r"[A-Za-z][A-Za-z'-]*[A-Za-z]", outside)
    return [w for w in words if not w.isupper() and w not in ALLOWED]


def test_english_words():
    assert english_words("你的答案：`ex.q1.hint()` 与 RFM、CLV") == []
    assert english_words("你的答案 is wrong") == ["is", "wrong"]


def _messages(module, q_name, question):
    namespace, variable = _namespace(_chapter(module), q_name)
    answers = [..., namespace[variable], *ODD_ANSWERS]
    answers += [wrong for wrong, _ in getattr(_module(module), "WRONG_ANSWERS", {}).get(q_name, lambda ns: [])(namespace)]
    messages = [repr(question.check(a)) for a in answers]
    messages += [repr(question.hint(level)) for level in range(1, len(question.hints) + 1)]
    messages.append(question.solution().body)
    if isinstance(question, Choice):
        messages += [repr(question.options()), repr(question)]
    return messages


@pytest.mark.parametrize("module, q_name, question", QUESTIONS, ids=IDS)
def test_chinese_feedback_has_no_english_beyond_code(module, q_name, question):
    crm.set_language("zh")
    for message in _messages(module, q_name, question):
        assert not english_words(message), (english_words(message), message)


# --- tolerance ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("module, q_name, question", NUMERIC, ids=[f"{m}.{n}" for m, n, _ in NUMERIC])
def test_a_tighter_tolerance_gives_its_reason(module, q_name, question):
    if question.tightened:
        assert question.tolerance_reason, f"{module}.{q_name} tightens rel_tol to {question.rel_tol} without a reason"
        assert set(question.tolerance_reason) == {"en", "zh"}


# --- notebook shape ----------------------------------------------------------------------------------


def _markdown(notebook):
    return [c.source for c in notebook.cells if c.cell_type == "markdown"]


@pytest.mark.parametrize("module", MODULES)
def test_the_exercise_notebook_opens_with_goals_and_a_link_back(module):
    chapter = _chapter(module)
    opening = _markdown(_notebook("solutions", chapter))[0]
    assert "Learning goals" in opening and "学习目标" in opening, chapter
    assert f"../notebooks/{chapter}.ipynb" in opening, chapter


@pytest.mark.parametrize("module", MODULES)
def test_the_chapter_opens_with_goals_and_a_case_and_ends_with_discussion_and_references(module):
    chapter = _chapter(module)
    markdown = _markdown(_notebook("notebooks", chapter))
    assert any("Learning goals" in m for m in markdown[:3]), chapter
    assert any("引例" in m for m in markdown[:4]), chapter
    assert any("思考" in m for m in markdown[-3:]) and any("References" in m for m in markdown[-3:]), chapter


@pytest.mark.parametrize("module", MODULES)
def test_every_plot_has_a_reading_it_note(module):
    cells = _notebook("notebooks", _chapter(module)).cells
    for i, cell in enumerate(cells):
        plotted = any("image/png" in o.get("data", {}) for o in cell.get("outputs", []))
        if plotted:
            following = [c.source for c in cells[i + 1: i + 4] if c.cell_type == "markdown"]
            assert any("Reading it" in s for s in following), f"{_chapter(module)} cell {i}: a plot without a note"


# --- fair questions ----------------------------------------------------------------------------------

CHOICES = [(m, n, q) for m, n, q in QUESTIONS if isinstance(q, Choice)]


@pytest.mark.parametrize("module, q_name, question", CHOICES, ids=[f"{m}.{n}" for m, n, _ in CHOICES])
def test_the_right_option_is_not_the_longest_one(module, q_name, question):
    """The right option cannot be guessed by its length: in each language no option is more than 1.4 times
    as long as another, and the right one is not longer than every wrong one by more than 5%."""
    for language in ("en", "zh"):
        lengths = {key: len(option[language]) for key, option in question._options.items()}
        right = lengths.pop(question._right)
        assert max(lengths.values()) * 1.05 >= right, (module, q_name, language, right, lengths)
        every = [right, *lengths.values()]
        assert max(every) <= 1.4 * min(every), (module, q_name, language, every)


def test_the_length_rule_catches_a_guessable_option():
    guessable = Choice("q1", options={"a": T("Exit.", "退出。"),
                                      "b": T("Check the scores first, and keep serving it as today meanwhile.",
                                             "先核查得分，其间照常服务。")},
                       answer="b", coaching={"a": T("No.", "不。")}, hints=[T("h", "提示")])
    with pytest.raises(AssertionError):
        test_the_right_option_is_not_the_longest_one("ch99", "q1", guessable)


def _question_texts(chapter):
    """Per question name, the markdown cell just before the cell that checks it in the solutions notebook."""
    cells, texts, last = _notebook("solutions", chapter).cells, {}, ""
    for cell in cells:
        if cell.cell_type == "markdown":
            last = cell.source
        found = re.search(r"ex\.(q\d+)\.check\(", cell.source)
        if cell.cell_type == "code" and found and "BEGIN SOLUTION" in cell.source:
            texts[found.group(1)] = last
    return texts


@pytest.mark.parametrize("module, q_name, question", NUMERIC, ids=[f"{m}.{n}" for m, n, _ in NUMERIC])
def test_every_numeric_question_states_the_precision_it_wants(module, q_name, question):
    value = _expected(question)
    if not isinstance(value, (int, float, np.integer, np.floating)) or isinstance(value, (bool, np.bool_)):
        pytest.skip("not a single number")
    asked = _question_texts(_chapter(module))[q_name]
    wanted = "exact count" if question.exact else "3 significant figures"
    assert wanted in asked, f"{module}.{q_name} does not say it wants {wanted!r}: {asked[-200:]}"
    if not question.exact:  # and the policy keeps that promise
        assert question.check(float(f"{float(value):.3g}")).outcome == "correct"


def test_model_messages_the_exercises_rely_on():
    tx = pd.DataFrame({"customer_id": [1, 1, 2, 2, 2], "amount": [1.0] * 5,
                       "date": pd.to_datetime(["2024-06-30", "2024-07-02", "2024-07-02 10:00", "2024-07-03",
                                               "2024-07-03 18:00"], format="mixed")})
    with pytest.raises(ValueError) as refused:
        crm.rfm_table(tx, as_of="2024-07-01")
    message = str(refused.value)
    assert message.startswith("4 transaction(s) of `tx` are after as_of=2024-07-01, e.g. on '2024-07-02', '2024-07-03'.")
    many = pd.DataFrame({"customer_id": range(10), "amount": 1.0,
                         "date": pd.date_range("2024-07-01", periods=5).repeat(2)})
    with pytest.raises(ValueError, match=r"8 transaction\(s\).*'2024-07-02', '2024-07-03', '2024-07-04' \(and 1 more\)"):
        crm.rfm_table(many, as_of="2024-07-01")  # the days counted over all late rows
    assert "tx[tx['date'] < '2024-07-01']" in message and "recency 0" in message
    with pytest.raises(ValueError, match=r"Did you mean 0.12 for 12%\?"):
        crm.clv(margin=300, retention=0.8, discount=12)
    assert crm.clv(margin=300, retention=0.8, discount=0.12) == pytest.approx(750.0)
    with pytest.raises(ValueError, match=r"`retention` must be in \[0, 1\)"):
        crm.clv(margin=300, retention=80, discount=0.12)
