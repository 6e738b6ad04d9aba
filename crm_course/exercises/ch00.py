"""Start page warm-up: counting customers, the right order of CRM steps, closeness, the 80/20 rule."""

from __future__ import annotations

from functools import cache

import pandas as pd

from ..data.catalog import load_dataset
from ..models.lifecycle import closeness_categories
from .engine import Mistake, Question, T

__all__ = ["q1", "q2", "q3", "q4", "q5", "STEPS", "WRONG_ANSWERS"]

CHAPTER = "00_start_here"
STEPS = ["software", "process", "culture", "organisation"]


@cache
def _tx() -> pd.DataFrame:
    return load_dataset("retail")


@cache
def _members() -> pd.Series:
    return load_dataset("retail_customers")["customer_id"]


def _lost(lapsed_after: int) -> int:
    return int((closeness_categories(_tx(), members=_members(), lapsed_after=lapsed_after) == "lost").sum())


def _top_share(spend: pd.Series) -> float:
    ranked = spend.sort_values(ascending=False)
    return float(ranked.iloc[: round(0.2 * len(ranked))].sum() / ranked.sum())


q1 = Question(
    "q1",
    chapter=CHAPTER,
    expected=lambda: int(_tx()["customer_id"].nunique()),
    hints=[
        T("A customer who bought three times appears in three rows.", "买过三次的客户会出现在三行中。"),
        T("Count the distinct values of the `customer_id` column: `.nunique()`.", "统计 `customer_id` 列中不同值的个数：`.nunique()`。"),
    ],
    mistakes=[
        Mistake(lambda a, e: a == len(_tx()), T(
            "That is the number of transactions (rows), not of customers: repeat buyers are counted once per purchase.",
            "这是交易（行）数，不是客户数：重复购买的客户每买一次就被数一次。")),
        Mistake(lambda a, e: a == len(_members()), T(
            "That is the number of registered members, including those who never bought.",
            "这是注册会员数，其中包括从未购买的会员。")),
    ],
)

q2 = Question(
    "q2",
    chapter=CHAPTER,
    expected=lambda: int(len(set(_members()) - set(_tx()["customer_id"]))),
    hints=[
        T("Potential customers (潜在客户) are members with no transaction.", "潜在客户是没有任何交易记录的会员。"),
        T("Take the members' ids as a set and remove the ids that appear in the transactions.",
          "把会员编号作为集合，再去掉出现在交易中的编号。"),
    ],
    mistakes=[
        Mistake(lambda a, e: a < 0, T("A count cannot be negative: subtract buyers from members, not the other way.",
                                      "人数不可能是负数：应当用会员数减去购买者数，而不是反过来。")),
        Mistake(lambda a, e: a == _tx()["customer_id"].nunique(), T(
            "That counts the members who did buy. The question asks for those who never did.",
            "这是买过东西的会员数。题目问的是从未购买的会员。")),
    ],
)

q3 = Question(
    "q3",
    chapter=CHAPTER,
    expected=lambda: ["culture", "organisation", "process", "software"],
    hints=[
        T("The lecture's advice: people and organisation before technology.", "课程的建议：先人和组织，后技术。"),
        T("Mindset first; software only once processes are redesigned.", "先转变观念；流程重新设计之后才买软件。"),
    ],
    mistakes=[
        Mistake(lambda a, e: sorted(a) != sorted(e), T(
            f"Use each of the four codes {STEPS} exactly once.", f"四个代码 {STEPS} 各用一次。")),
        Mistake(lambda a, e: a[-1] != "software", T(
            "Buying CRM software is not where it starts: a tool cannot fix a product-centred culture.",
            "购买 CRM 软件不是起点：工具无法改变以产品为中心的文化。")),
        Mistake(lambda a, e: a[0] != "culture", T(
            "Which has to change before anything else can work: the structure, or how people think?",
            "哪一样必须先变，其他一切才能奏效：组织结构，还是人们的观念？")),
    ],
)

q4 = Question(
    "q4",
    chapter=CHAPTER,
    expected=lambda: _lost(180),
    hints=[
        T("`crm.closeness_categories(tx, members=..., lapsed_after=180)` gives one category per customer.",
          "`crm.closeness_categories(tx, members=..., lapsed_after=180)` 为每位客户给出一个类别。"),
        T("Compare the result with 'lost' and add up the matches: `(categories == 'lost').sum()`.",
          "将结果与 'lost' 比较并求和：`(categories == 'lost').sum()`。"),
    ],
    mistakes=[
        Mistake(lambda a, e: a in {_lost(d) for d in (30, 60, 90, 120, 150, 210, 240, 270, 300, 360, 365)}, T(
            "That is the count for another threshold: the question asks for customers lapsed after 180 days.",
            "这是另一个阈值下的人数：题目要求的是 180 天未购买的客户。")),
    ],
)

q5 = Question(
    "q5",
    chapter=CHAPTER,
    expected=lambda: _top_share(_tx().groupby("customer_id")["amount"].sum()),
    rel_tol=0.005,
    hints=[
        T("First add up each customer's spend; then rank customers from highest to lowest.",
          "先汇总每位客户的消费额，再把客户从高到低排序。"),
        T("Keep the first 20% of the ranked customers and divide their spend by the total spend.",
          "取排序后前 20% 的客户，用他们的消费额除以总消费额。"),
    ],
    mistakes=[
        Mistake(lambda a, e: 1 < a <= 100, T("Give the share as a fraction between 0 and 1, not as a percentage.",
                                             "请以 0 到 1 之间的小数给出份额，而不是百分数。")),
        Mistake(lambda a, e: abs(a - _top_share(_tx()["amount"])) < 0.005, T(
            "You ranked single transactions. The 80/20 rule is about customers: total each customer's spend first.",
            "你排序的是单笔交易。二八法则说的是客户：请先汇总每位客户的消费额。")),
        Mistake(lambda a, e: abs(a - 0.2) < 1e-9, T("0.2 is the share of customers, not of revenue.",
                                                      "0.2 是客户的比例，不是收入的份额。")),
    ],
)

# Typical wrong answers and the coaching each must trigger, built from a solved notebook's
# variables (tests/test_exercises.py checks every one).
WRONG_ANSWERS = {
    "q1": lambda ns: [(len(ns["tx"]), "number of transactions"), (len(ns["members"]), "registered members")],
    "q2": lambda ns: [(-ns["answer"], "cannot be negative"), (ns["tx"]["customer_id"].nunique(), "did buy")],
    "q3": lambda ns: [
        (["software", "culture", "organisation", "process"], "not where it starts"),
        (["organisation", "culture", "process", "software"], "how people think"),
        (["culture", "process"], "exactly once"),
    ],
    "q4": lambda ns: [(_lost(365), "another threshold")],
    "q5": lambda ns: [(ns["answer"] * 100, "fraction"), (0.2, "share of customers"),
                      (_top_share(ns["tx"]["amount"]), "ranked single transactions")],
}
