"""The strategic analysis checklist (战略分析清单): the questions to answer for a case firm.

Five areas — industry (产业分析), enterprise (企业分析), competitive position (竞争定位),
market channels (市场渠道) and customers (客户) — each with its questions. The questions are
plain data (area -> question codes); their wording in English and Chinese lives under
``checklist.area.<area>`` and ``checklist.q.<area>.<question>`` in crm_course/i18n/strategy.py.
An answer is keyed ``"<area>.<question>"``, e.g. ``"industry.trends"``.

>>> text = checklist_markdown({"industry.trends": "Online sales grow 20% a year."}, firm="Huaxin", language="en")
>>> print(text.splitlines()[0])
# Strategic analysis checklist: Huaxin
"""

from __future__ import annotations

from collections.abc import Mapping

from .._validation import examples
from ..i18n import text

__all__ = ["CHECKLIST", "checklist_keys", "checklist_markdown"]

# area -> its questions, in the order a student works through them.
CHECKLIST: dict[str, tuple[str, ...]] = {
    "industry": ("structure", "trends", "benchmarks", "disruption"),
    "enterprise": (
        "mission",
        "resources",
        "market_culture",
        "data_asset",
        "clv_ability",
        "people_processes",
        "value_fit",
        "cooperation",
    ),
    "competition": ("rivals", "entry_barriers", "late_mover"),
    "channels": ("strengths", "new_channels", "how_sold", "importance"),
    "customers": ("current_potential", "segments", "one_to_one", "relationship", "feedback", "it_platform"),
}


def checklist_keys() -> list[str]:
    """Every answer key, ``"<area>.<question>"``, in checklist order.

    >>> checklist_keys()[:2]
    ['industry.structure', 'industry.trends']
    """
    return [f"{area}.{question}" for area, questions in CHECKLIST.items() for question in questions]


def _check_answers(answers) -> dict[str, str]:
    if not isinstance(answers, Mapping):
        raise TypeError(
            f"`answers` must be a dict of question key -> answer text, e.g. {{'industry.trends': '...'}}, "
            f"but a {type(answers).__name__} was passed."
        )
    keys = checklist_keys()
    unknown = [key for key in answers if key not in keys]
    if unknown:
        raise ValueError(
            f"`answers` has key(s) that are not checklist questions: {examples(unknown)}. "
            f"Keys look like 'area.question', e.g. {keys[:3]}; all keys: checklist_keys()."
        )
    for key, answer in answers.items():
        if answer is not None and not isinstance(answer, str):
            raise TypeError(f"The answer to {key!r} must be text (a str), but {answer!r} was passed.")
    return {key: (answer or "").strip() for key, answer in answers.items()}


def checklist_markdown(answers, *, firm: str = "", language: str | None = None) -> str:
    """The checklist for ``firm`` as Markdown: a section per area, each question with its answer.

    ``answers`` maps ``"<area>.<question>"`` to the student's text; questions without an
    answer (missing, empty or None) are marked as not answered yet, never left out. The
    wording is in ``language`` (default: the language in force).

    >>> md = checklist_markdown({"channels.importance": "Critical: cold chain."}, firm="Ruida", language="en")
    >>> md.count("### "), md.count("(not answered yet)")
    (25, 24)
    >>> print(md[md.index("### How important"):].split("## 5.")[0])
    ### How important is the product to the customer?
    <BLANKLINE>
    Critical: cold chain.
    <BLANKLINE>
    <BLANKLINE>
    """
    given = _check_answers(answers)
    if not isinstance(firm, str):
        raise TypeError(f"`firm` must be the firm's name as text, but {firm!r} was passed.")
    firm = firm.strip()
    title = text("checklist.heading", language, firm=firm) if firm else text("checklist.title", language)
    lines = [f"# {title}", ""]
    for number, (area, questions) in enumerate(CHECKLIST.items(), start=1):
        lines += [f"## {number}. {text(f'checklist.area.{area}', language)}", ""]
        for question in questions:
            key = f"{area}.{question}"
            answer = given.get(key) or f"_{text('checklist.unanswered', language)}_"
            lines += [f"### {text(f'checklist.q.{key}', language)}", "", answer, ""]
    return "\n".join(lines)
