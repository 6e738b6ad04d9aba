"""Start page exercises: the chapter's methods applied to another year, channel, threshold and share,
and two decisions a manager faces (where a CRM project starts, whom to keep first)."""

from __future__ import annotations

from functools import cache

import pandas as pd

from ..data.catalog import load_dataset
from ..models.lifecycle import lifecycle_stages
from .engine import Choice, Mistake, Question, T, percent_for_fraction, same_as

__all__ = ["q1", "q2", "q3", "q4", "q5", "q6", "YEAR", "PARETO_YEAR", "TOP", "TARGET_CHANNEL", "SHORT_LAPSE",
           "WRONG_ANSWERS"]

CHAPTER = "00_start_here"
YEAR = 2024  # q1: the chapter works on both years; the exercise on the second one
# q4: the chapter checks the top 20% over both years; the exercise the top 10% of 2023. (On this slice the
# share of margin differs from the share of revenue by more than the tolerance, so using `margin` is caught.)
PARETO_YEAR, TOP = 2023, 0.1
TARGET_CHANNEL = "wechat"  # q2: the chapter's target group is Shanghai; the exercise's a channel
SHORT_LAPSE, CHAPTER_LAPSE = 90, 180  # q3: the chapter counts lost customers after 180 days


@cache
def _tx() -> pd.DataFrame:
    return load_dataset("retail")


@cache
def _members() -> pd.DataFrame:
    return load_dataset("retail_customers")


def _in_year(year: int) -> pd.DataFrame:
    return _tx()[_tx()["date"].dt.year == year]


def _potential(members: pd.DataFrame) -> int:
    return int((~members["customer_id"].isin(set(_tx()["customer_id"]))).sum())


def _channel() -> pd.DataFrame:
    return _members()[_members()["acquisition_channel"] == TARGET_CHANNEL]


@cache
def _lost(lapsed_after: int) -> int:
    return int((lifecycle_stages(_tx(), lapsed_after=lapsed_after) == "lost").sum())


def _top_share(values: pd.Series, share: float = TOP, ascending: bool = False) -> float:
    ranked = values.sort_values(ascending=ascending)
    return float(ranked.head(round(share * len(ranked))).sum() / ranked.sum())


def _spend(tx: pd.DataFrame, column: str = "amount") -> pd.Series:
    return tx.groupby("customer_id")[column].sum()


q1 = Question(
    "q1",
    chapter=CHAPTER,
    exact=True,
    expected=lambda: int(_in_year(YEAR)["customer_id"].nunique()),
    hints=[
        T(f"Keep the transactions of {YEAR} first: `tx[tx[\"date\"].dt.year == {YEAR}]`.",
          f"先只保留 {YEAR} 年的交易：`tx[tx[\"date\"].dt.year == {YEAR}]`。"),
        T("Then count the distinct customers in that slice, as the chapter did for both years: `.nunique()`.",
          "再像本章对两年数据所做的那样，统计这部分数据中不同客户的个数：`.nunique()`。"),
    ],
    mistakes=[
        Mistake(lambda a, e: a == len(_in_year(YEAR)), T(
            f"That is the number of {YEAR} transactions (rows), not of customers: a customer who bought three "
            "times is counted three times.",
            f"这是 {YEAR} 年的交易（行）数，不是客户数：买过三次的客户被数了三次。")),
        Mistake(lambda a, e: a == _tx()["customer_id"].nunique(), T(
            f"That counts the customers of both years. Keep only the transactions of {YEAR} first.",
            f"这是两年合计的客户数。请先只保留 {YEAR} 年的交易。")),
        Mistake(lambda a, e: a == _in_year(YEAR - 1)["customer_id"].nunique(), T(
            f"That is the count for {YEAR - 1}, the first year. The question asks for {YEAR}.",
            f"这是第一年 {YEAR - 1} 年的人数。题目问的是 {YEAR} 年。")),
    ],
)

q2 = Question(
    "q2",
    chapter=CHAPTER,
    exact=True,
    expected=lambda: _potential(_channel()),
    hints=[
        T(f"Target customers here are potential customers (members who never bought) who joined through "
          f"`\"{TARGET_CHANNEL}\"` (the `acquisition_channel` column).",
          f"这里的目标客户是通过 `\"{TARGET_CHANNEL}\"` 注册（`acquisition_channel` 列）、但从未购买的潜在客户。"),
        T("Keep those members, then count the ones whose `customer_id` does not occur in `tx`: "
          "`~members_of_channel[\"customer_id\"].isin(tx[\"customer_id\"])`; or pass them as `targets=` to "
          "`crm.lifecycle_stages(tx, members=..., targets=...)` and count the stage `\"target\"`.",
          "先筛出这些会员，再统计其中 `customer_id` 不在 `tx` 中出现的人数："
          "`~members_of_channel[\"customer_id\"].isin(tx[\"customer_id\"])`；或者把他们作为 `targets=` 传给 "
          "`crm.lifecycle_stages(tx, members=..., targets=...)`，再统计阶段 `\"target\"` 的人数。"),
    ],
    mistakes=[
        Mistake(lambda a, e: a == 0, T(
            f"Nobody? The channel codes in the data are lower case: compare with `\"{TARGET_CHANNEL}\"`, not "
            "`\"WeChat\"` (`members[\"acquisition_channel\"].unique()` lists them).",
            f"一个都没有？数据中的渠道代码是小写的：请与 `\"{TARGET_CHANNEL}\"` 比较，而不是 `\"WeChat\"`"
            "（`members[\"acquisition_channel\"].unique()` 会列出所有代码）。")),
        Mistake(lambda a, e: a < 0, T(
            "A count cannot be negative: subtract the buyers from the members, not the other way.",
            "人数不可能是负数：应当用会员数减去购买者数，而不是反过来。")),
        Mistake(lambda a, e: a == len(_channel()), T(
            f"That is every member who joined through `\"{TARGET_CHANNEL}\"`, buyers included. Target customers "
            "here are the ones who have not bought yet.",
            f"这是通过 `\"{TARGET_CHANNEL}\"` 注册的全部会员，包括已经购买的。这里的目标客户是尚未购买的会员。")),
        Mistake(lambda a, e: a == len(_channel()) - _potential(_channel()), T(
            "That counts the members of the channel who did buy: they are current customers, not targets to win.",
            "这是该渠道中已经购买的会员：他们是现实客户，不是待开发的目标客户。")),
        Mistake(lambda a, e: a == _potential(_members()), T(
            f"That is every potential customer. The firm targets only those who joined through `\"{TARGET_CHANNEL}\"`.",
            f"这是全部潜在客户。企业只把通过 `\"{TARGET_CHANNEL}\"` 注册的人选为目标客户。")),
    ],
)

q3 = Question(
    "q3",
    chapter=CHAPTER,
    exact=True,
    expected=lambda: _lost(SHORT_LAPSE) - _lost(CHAPTER_LAPSE),
    hints=[
        T(f"Count the lost customers twice with `crm.lifecycle_stages`: once with "
          f"`lapsed_after={SHORT_LAPSE}`, once with `lapsed_after={CHAPTER_LAPSE}`.",
          f"用 `crm.lifecycle_stages` 统计两次流失客户：一次 `lapsed_after={SHORT_LAPSE}`，"
          f"一次 `lapsed_after={CHAPTER_LAPSE}`。"),
        T("Everyone lost after 180 days is also lost after 90 days: the answer is the difference of the two counts.",
          "180 天未购买的客户也一定 90 天未购买：答案是两个人数之差。"),
    ],
    mistakes=[
        Mistake(lambda a, e: a == _lost(SHORT_LAPSE), T(
            f"That is everyone lost under the {SHORT_LAPSE}-day rule. The question asks how many MORE the "
            f"{SHORT_LAPSE}-day rule counts than the {CHAPTER_LAPSE}-day rule: subtract.",
            f"这是 {SHORT_LAPSE} 天规则下的全部流失客户。题目问的是比 {CHAPTER_LAPSE} 天规则多出多少人：请相减。")),
        Mistake(lambda a, e: a == _lost(CHAPTER_LAPSE), T(
            f"That is the chapter's count under the {CHAPTER_LAPSE}-day rule; the question is about the difference "
            f"a {SHORT_LAPSE}-day rule makes.",
            f"这是本章 {CHAPTER_LAPSE} 天规则下的人数；题目问的是改用 {SHORT_LAPSE} 天规则后的差别。")),
        Mistake(lambda a, e: a == -e, T(
            "The shorter window counts more customers as lost, so the difference is positive.",
            "时间窗口越短，被算作流失的客户越多，所以差值为正。")),
    ],
)

def _pareto_year() -> pd.DataFrame:
    return _tx()[_tx()["date"].dt.year == PARETO_YEAR]


q4 = Question(
    "q4",
    chapter=CHAPTER,
    expected=lambda: _top_share(_spend(_pareto_year())),
    hints=[
        T(f"Do what the chapter did for both years, on the {PARETO_YEAR} transactions only: total each customer's "
          "revenue (`amount`), rank from highest to lowest (`ascending=False`).",
          f"只用 {PARETO_YEAR} 年的交易，重复本章对两年数据的做法：汇总每位客户的收入（`amount`），"
          "从高到低排序（`ascending=False`）。"),
        T(f"Keep the first `round({TOP} * len(spend))` customers and divide their revenue by the total revenue of "
          "the year.",
          f"取前 `round({TOP} * len(spend))` 位客户，用他们的收入除以当年的总收入。"),
    ],
    mistakes=[
        percent_for_fraction(),
        same_as(lambda: _top_share(_spend(_pareto_year(), "margin")), T(
            "That is the top customers' share of gross MARGIN (the `margin` column). The question asks for their "
            "share of revenue: total the `amount` column.",
            "这是头部客户占毛利（`margin` 列）的份额。题目问的是他们占收入的份额：请汇总 `amount` 列。")),
        same_as(lambda: _top_share(_spend(_pareto_year()), ascending=True), T(
            f"That is the share of the BOTTOM {TOP:.0%}: `sort_values()` sorts from the smallest up. Rank from the "
            "highest spend down: `sort_values(ascending=False)`.",
            f"这是末尾 {TOP:.0%} 客户的份额：`sort_values()` 默认从小到大排序。请从消费最高的客户开始排："
            "`sort_values(ascending=False)`。")),
        same_as(lambda: _top_share(_spend(_pareto_year()), 0.2), T(
            f"That is the top 20%, the chapter's share. The question asks for the top {TOP:.0%} of the customers.",
            f"这是前 20% 的客户，即本章的比例。题目问的是前 {TOP:.0%} 的客户。")),
        same_as(lambda: _top_share(_spend(_tx())), T(
            f"That is the share over both years. Keep only the {PARETO_YEAR} transactions first.",
            f"这是两年合计的份额。请先只保留 {PARETO_YEAR} 年的交易。")),
        same_as(lambda: _top_share(_spend(_in_year(YEAR))), T(
            f"That is the share in {YEAR}. The question asks for {PARETO_YEAR}, the first year.",
            f"这是 {YEAR} 年的份额。题目问的是第一年 {PARETO_YEAR} 年。")),
        same_as(lambda: _top_share(_pareto_year()["amount"]), T(
            "You ranked single transactions. The 80/20 rule is about customers: total each customer's spend first.",
            "你排序的是单笔交易。二八法则说的是客户：请先汇总每位客户的消费额。")),
        Mistake(lambda a, e: abs(a - TOP) < 1e-9, T(f"{TOP} is the share of customers, not of revenue.",
                                                    f"{TOP} 是客户的比例，不是收入的份额。")),
    ],
)

q5 = Choice(
    "q5",
    chapter=CHAPTER,
    options={
        "a": T("Start with the software: replace the system with a package the staff will like.",
               "从软件入手：换一套员工会喜欢的系统。"),
        "b": T("Start with the mindset: build a customer-centred culture with top management.",
               "从观念入手：在高层带领下建立以客户为中心的文化。"),
        "c": T("Start with the processes: redesign how sales and service work, then the culture.",
               "从流程入手：重新设计销售和服务的做法，再考虑文化。"),
        "d": T("Start with IT: give the project to the department that knows the system best.",
               "从 IT 入手：把项目交给最了解系统的部门。"),
    },
    answer="b",
    coaching={
        "a": T("A new tool on the same product-centred organisation fails the same way: software is the last of the "
               "four steps, not the first.",
               "在同样以产品为中心的组织上换新工具，还会同样失败：软件是四个步骤中的最后一步，而不是第一步。"),
        "c": T("Processes come third. Redesigned processes run by people who still think product-first slide back: "
               "mindset and organisation come before them.",
               "流程是第三步。观念仍以产品为先的人执行新流程，很快会退回原样：观念和组织要先于流程。"),
        "d": T("The course's remedy is the other way round: business departments lead and IT assists, with top "
               "management backing.",
               "课程给出的办法正好相反：业务部门主导、IT 部门协助，并有高层支持。"),
    },
    hints=[
        T("Re-read the chapter's four steps of introducing CRM and the remedies above them.",
          "重读本章引入 CRM 的四个步骤，以及前面列出的补救办法。"),
        T("The failure was product-centred thinking. Which of the four steps changes how people think?",
          "失败的原因是以产品为中心的思维。四个步骤中哪一步改变人们的想法？"),
    ],
)

q6 = Choice(
    "q6",
    chapter=CHAPTER,
    options={
        "a": T("The potential customers: registered members who have never bought anything.",
               "潜在客户：注册了会员、但从未买过东西的人。"),
        "b": T("The repeat and loyal customers whose last purchase was a few months ago.",
               "最近一次购买在几个月前的重复购买者和忠诚客户。"),
        "c": T("Every customer alike: one small voucher each, so nobody is treated differently.",
               "所有客户一视同仁：每人一张小额优惠券，谁也不区别对待。"),
        "d": T("The lost customers: the ones who have not bought for more than two years.",
               "流失客户：已经两年多没有在店里买过任何东西的人。"),
    },
    answer="b",
    coaching={
        "a": T("Winning new customers matters, but spending the only budget on them is the first failure the chapter "
               "lists: chasing new customers while forgetting old ones, though keeping one costs far less than "
               "winning one.",
               "开发新客户固然重要，但把唯一的预算都花在他们身上，正是本章列出的第一个常见问题：只顾开发新客户而忘了老客户，"
               "而保持一位老客户的成本远低于赢得一位新客户。"),
        "c": T("The chapter sorts customers by how close they are to the firm because they differ: GE sent its gifts "
               "to its best customers only. The same voucher for all spends the budget where it changes little.",
               "本章按客户与企业的亲近程度给客户分类，正是因为他们各不相同：GE 只给最好的客户送礼。"
               "给所有人同样的优惠券，预算就花在了作用不大的地方。"),
        "d": T("Under the chapter's rule these customers are lost: they stopped buying long ago, and bringing them "
               "back means winning them again. The chapter's advice is to keep the customers who still buy, since "
               "keeping a customer costs far less than winning one.",
               "按本章的规则，这些客户已经流失：他们早已不再购买，让他们回来等于重新赢得他们。"
               "本章的建议是留住仍在购买的客户，因为保持一位客户的成本远低于赢得一位客户。"),
    },
    hints=[
        T("Which of the three common failures in the chapter is about new and old customers?",
          "本章列出的三个常见问题中，哪一个讲的是新老客户？"),
        T("Keeping a customer is far cheaper than winning one: which group is still buying but at risk of leaving?",
          "保持客户远比赢得客户便宜：哪一组客户仍在购买，却有流失的风险？"),
    ],
)


# Typical wrong answers and the coaching each must trigger, built from a solved notebook's variables
# (tests/test_exercise_rules.py checks every one).
WRONG_ANSWERS = {
    "q1": lambda ns: [(len(ns["tx"][ns["tx"]["date"].dt.year == YEAR]), "transactions (rows)"),
                      (ns["tx"]["customer_id"].nunique(), "both years"),
                      (_in_year(YEAR - 1)["customer_id"].nunique(), "first year")],
    "q2": lambda ns: [(-ns["answer"], "cannot be negative"), (len(_channel()), "buyers included"),
                      (len(_channel()) - ns["answer"], "did buy"), (_potential(ns["members"]), "every potential"),
                      (int((~ns["members"].loc[ns["members"]["acquisition_channel"] == "WeChat", "customer_id"]
                            .isin(ns["tx"]["customer_id"])).sum()), "lower case")],
    "q3": lambda ns: [(_lost(SHORT_LAPSE), "subtract"), (_lost(CHAPTER_LAPSE), "chapter's count"),
                      (-ns["answer"], "positive")],
    "q4": lambda ns: [(ns["answer"] * 100, "percentage"), (_top_share(_spend(ns["tx"])), "both years"),
                      (_top_share(_spend(_pareto_year(), "margin")), "gross MARGIN"),
                      (_top_share(_spend(_pareto_year()), ascending=True), "BOTTOM 10%"),
                      (_top_share(_spend(_pareto_year()), 0.2), "top 20%"),
                      (_top_share(_spend(_in_year(YEAR))), "The question asks for 2023"),
                      (_top_share(_pareto_year()["amount"]), "single transactions"), (TOP, "share of customers"),
                      (pd.Series([ns["answer"]]), ".iloc[0]"), (None, "inplace=True")],
    "q5": lambda ns: [("a", "last of the"), ("C", "Processes come third"), ("d", "business departments lead"),
                      ("e", '`"a"`, `"b"`')],
    "q6": lambda ns: [("a", "chasing new customers"), ("c", "GE sent its gifts"), (" d ", "winning them again")],
}
