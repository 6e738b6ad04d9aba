"""Chapter 02, the customer lifecycle: the chapter's methods applied to another threshold, cohort, state and budget.

The chapter counts stages with the default thresholds (lost after 180 days), shows the first cohorts of the
Online Retail shop, fits sBG on Fader & Hardie's high-end cohort, values the web shop's recency states, plans a
win-back with a budget of 1,000 at 20 a contact and draws Kaplan-Meier survival lost after 180 days. The
questions use a 90-day threshold, the 2011-04 cohort, the paper's regular cohort, a migration model with other
probabilities, another budget and cost, and the transitions of a whole year; two ask what a result means.
"""

from __future__ import annotations

import math
from functools import cache

import pandas as pd

from ..data.catalog import load_dataset
from ..models.cohorts import cohort_table
from ..models.lifecycle import lifecycle_stages, stage_transitions
from ..models.migration import migration_model, winback_priority
from ..models.retention import FADER_HARDIE_2007, fit_sbg, kaplan_meier
from .engine import Choice, Mistake, Question, T, percent_for_fraction

__all__ = ["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9", "P_BUY", "WRONG_ANSWERS"]

CHAPTER = "02_lifecycle"
LAPSE = 90  # q1, q4: days without a purchase until lost (the chapter: 180)
COHORT, MONTH = "2011-04", 4  # q3
P_BUY = [0.40, 0.25, 0.15, 0.08, 0.03]  # q8: purchase probability in states 1..5
MARGIN, COST, DISCOUNT, STATE = 50, 6, 0.15, 2  # q8
BUDGET, CONTACT_COST = 600, 15  # q9
LIFETIME = 9  # q4: months
START, END = "2023-12-31", "2024-12-31"  # q2


@cache
def _invoices() -> pd.DataFrame:
    return load_dataset("online_retail")


def _purchases() -> pd.DataFrame:
    invoices = _invoices()
    return invoices[~invoices["cancelled"]]


def _lost(tx: pd.DataFrame, lapsed_after: int) -> int:
    return int((lifecycle_stages(tx, lapsed_after=lapsed_after) == "lost").sum())


@cache
def _shares() -> pd.DataFrame:
    return cohort_table(_purchases(), metric="share")


def _share(month: int) -> float:
    return float(_shares().loc[pd.Period(COHORT, "M"), month])


@cache
def _share_with_cancelled() -> float:
    return float(cohort_table(_invoices(), metric="share").loc[pd.Period(COHORT, "M"), MONTH])


def _sbg(years: int = 7) -> dict[str, float]:
    model = fit_sbg(FADER_HARDIE_2007["regular"][: years + 1])
    return {"alpha": model.alpha, "beta": model.beta}


def _state_value(state: int = STATE, cost: float = COST) -> float:
    return float(migration_model(P_BUY, margin=MARGIN, cost=cost, discount=DISCOUNT).values[state])


@cache
def _plan(budget: float = BUDGET, contact_cost: float = CONTACT_COST) -> pd.DataFrame:
    return winback_priority(load_dataset("retail"), budget=budget, contact_cost=contact_cost)


def _survival_at(lapsed_after: int = LAPSE) -> float:
    km = kaplan_meier(_purchases(), unit="M", lapsed_after=lapsed_after)
    return float(km.loc[km.index <= LIFETIME, "survival"].iloc[-1])


def _survival_after() -> float:
    """The first step after 9 months (at 9.002 months: 274 days), the slip of reading 'at' as 'from'."""
    km = kaplan_meier(_purchases(), unit="M", lapsed_after=LAPSE)
    return float(km.loc[km.index > LIFETIME, "survival"].iloc[0])


def _both_close(a, b: dict[str, float], tol: float = 1e-3) -> bool:
    return all(_close(a[key], value, tol) for key, value in b.items())


@cache
def _transitions() -> pd.DataFrame:
    return stage_transitions(load_dataset("retail"), members=load_dataset("retail_customers")["customer_id"],
                             start=START, end=END)


def _close(a, b, tol: float = 1e-3) -> bool:
    return math.isclose(float(a), float(b), rel_tol=tol)


# --- stages ---------------------------------------------------------------------------------------

q1 = Question(
    "q1",
    chapter=CHAPTER,
    exact=True,
    expected=lambda: _lost(_purchases(), LAPSE),
    hints=[
        T(f"The chapter used the default `lapsed_after=180`. A shop that expects customers monthly may call them lost "
          f"sooner: use `lapsed_after={LAPSE}` on the web shop's purchases (cancelled invoices left out).",
          f"本章使用默认的 `lapsed_after=180`。期望客户每月购买的商店可能更早判定流失：对网店的购买记录"
          f"（剔除取消的发票）使用 `lapsed_after={LAPSE}`。"),
        T(f"`stages = crm.lifecycle_stages(purchases, lapsed_after={LAPSE})`, then count `(stages == 'lost').sum()`.",
          f"`stages = crm.lifecycle_stages(purchases, lapsed_after={LAPSE})`，再统计 `(stages == 'lost').sum()`。"),
    ],
    mistakes=[
        Mistake(lambda a, e: _close(a, _lost(_purchases(), 180)), T(
            "That is the count with the default threshold of 180 days. Pass `lapsed_after=90`.",
            "这是默认阈值 180 天下的人数。请传入 `lapsed_after=90`。")),
        Mistake(lambda a, e: _close(a, _lost(_invoices(), LAPSE)), T(
            "Cancelled invoices are in your data: a cancellation is not a purchase, so it must not keep a customer "
            "alive. Use `invoices[~invoices['cancelled']]`.",
            "你的数据中包含取消的发票：取消不是购买，不能让客户保持活跃。请使用 `invoices[~invoices['cancelled']]`。")),
    ],
)

q3 = Question(
    "q3",
    chapter=CHAPTER,
    expected=lambda: _share(MONTH),
    hints=[
        T(f"Make the share cohort table of the purchases and read the row of the {COHORT} cohort. Period 0 is the "
          f"acquisition month, so month {MONTH} after acquisition is column {MONTH}.",
          f"对购买记录生成比例型队列表，读取 {COHORT} 队列那一行。第 0 期是获客当月，所以获客后第 {MONTH} 个月是第 "
          f"{MONTH} 列。"),
        T(f"`crm.cohort_table(purchases, metric='share').loc['{COHORT}', {MONTH}]`; a fraction, to 3 significant "
          "figures.",
          f"`crm.cohort_table(purchases, metric='share').loc['{COHORT}', {MONTH}]`；给出比例，保留 3 位有效数字。"),
    ],
    mistakes=[
        Mistake(lambda a, e: _close(a, _share(MONTH - 1)) or _close(a, _share(MONTH + 1)), T(
            "That is a neighbouring month. The kit counts the acquisition month as period 0; some tutorials count it "
            "as 1. Take column 4.",
            "这是相邻月份的值。本工具包把获客当月记为第 0 期；有些教程记为第 1 期。请取第 4 列。")),
        percent_for_fraction(),
        Mistake(lambda a, e: _close(a, _share_with_cancelled(), 2e-3), T(
            "Cancelled invoices are in your data: a cancellation is not a purchase, so it must not count as buying "
            "in a month. Use `invoices[~invoices['cancelled']]`.",
            "你的数据中包含取消的发票：取消不是购买，不能算作当月有购买。请使用 `invoices[~invoices['cancelled']]`。")),
        Mistake(lambda a, e: float(a) > 1 and float(a).is_integer(), T(
            "A share of the cohort lies between 0 and 1; that looks like a number of customers. Use `metric='share'`.",
            "队列比例在 0 到 1 之间；这看起来是客户人数。请使用 `metric='share'`。")),
    ],
)

# --- retention ------------------------------------------------------------------------------------

q5 = Question(
    "q5",
    chapter=CHAPTER,
    expected=_sbg,
    hints=[
        T("The chapter fitted the high-end cohort on years 0-7. Do the same with `FADER_HARDIE_2007['regular']`: "
          "the first eight counts, years 0 to 7.",
          "本章用第 0-7 年拟合了高端客户队列。对 `FADER_HARDIE_2007['regular']` 做同样的事：取前八个数，即第 0 到 7 年。"),
        T("`model = crm.fit_sbg(FADER_HARDIE_2007['regular'][:8])`; answer "
          "`{'alpha': model.alpha, 'beta': model.beta}`.",
          "`model = crm.fit_sbg(FADER_HARDIE_2007['regular'][:8])`；答案写成 "
          "`{'alpha': model.alpha, 'beta': model.beta}`。"),
    ],
    mistakes=[
        Mistake(lambda a, e: _both_close(a, _sbg(12), 2e-3), T(
            "Those are the estimates from all 13 years. The paper fits years 0-7 and keeps the later years to test "
            "the projection: use the first eight counts.",
            "这是用全部 13 年得到的估计。论文用第 0-7 年拟合，留下后面的年份检验预测：请只用前八个数。")),
        Mistake(lambda a, e: _close(a["alpha"], e["beta"]) and _close(a["beta"], e["alpha"]), T(
            "The two numbers are swapped: alpha is the smaller one here.",
            "两个数对调了：这里 `alpha` 是较小的那个。")),
    ],
)

q8 = Question(
    "q8",
    chapter=CHAPTER,
    expected=lambda: _state_value(),
    hints=[
        T(f"Build the migration model with `P_BUY` (states 1 to 5), margin {MARGIN}, a cost of {COST} per period in "
          f"every state and a discount rate of 15% per period, for ever (no horizon). Read the value of state {STATE}.",
          f"用 `P_BUY`（状态 1 到 5）、每次购买毛利 {MARGIN}、每个状态每期成本 {COST}、每期折现率 15%、无限期"
          f"（不设期限）建立迁移模型，读取状态 {STATE} 的价值。"),
        T(f"`crm.migration_model(ex.P_BUY, margin={MARGIN}, cost={COST}, discount=0.15).values[{STATE}]` (to 3 "
          "significant figures).",
          f"`crm.migration_model(ex.P_BUY, margin={MARGIN}, cost={COST}, discount=0.15).values[{STATE}]`"
          "（保留 3 位有效数字）。"),
    ],
    mistakes=[
        Mistake(lambda a, e: _close(a, _state_value(1)) or _close(a, _state_value(3)), T(
            "That is the value of another state. States are numbered from 1 (bought last period), and "
            "`values[2]` is state 2 by label.",
            "这是另一个状态的价值。状态从 1 开始编号（上一期购买），`values[2]` 按标签取的就是状态 2。")),
        Mistake(lambda a, e: _close(a, P_BUY[STATE - 1] * MARGIN - COST), T(
            "That is one period's reward in state 2. The value adds the discounted rewards of all later periods, "
            "wherever the customer moves.",
            "这只是状态 2 一期的收益。价值还要加上之后各期（无论客户迁移到哪个状态）折现后的收益。")),
        Mistake(lambda a, e: _close(a, _state_value(cost=0), 2e-3), T(
            f"That leaves out the marketing cost: every period in every state costs {COST}, and the value counts it "
            f"in each of them. Pass `cost={COST}`.",
            f"这没有计入营销成本：每个状态每期都有 {COST} 的成本，价值要在每一期都扣除它。请传入 `cost={COST}`。")),
    ],
)

q9 = Question(
    "q9",
    chapter=CHAPTER,
    expected=lambda: float(_plan().attrs["worth_contacted"]),
    hints=[
        T(f"Plan the win-back on the retail data with a budget of {BUDGET} and a cost of {CONTACT_COST} per contact. "
          "The worth expected back is the sum of `worth` over the customers contacted.",
          f"在零售数据上以预算 {BUDGET}、每次联系成本 {CONTACT_COST} 规划赢回。预期赢回价值是被联系客户的 `worth` 之和。"),
        T(f"`plan = crm.winback_priority(retail, budget={BUDGET}, contact_cost={CONTACT_COST})`, then "
          "`plan.attrs['worth_contacted']` (to 3 significant figures).",
          f"`plan = crm.winback_priority(retail, budget={BUDGET}, contact_cost={CONTACT_COST})`，然后取 "
          "`plan.attrs['worth_contacted']`（保留 3 位有效数字）。"),
    ],
    mistakes=[
        Mistake(lambda a, e: _close(a, _plan().loc[_plan()["contact"], "past_value"].sum()), T(
            "That is the past value of the customers contacted. Not all of it comes back: weigh each by `p_alive`, "
            "the chance the customer has not left for good (the column `worth`).",
            "这是被联系客户的历史价值。并不是全部都能赢回：要用 `p_alive`（客户没有永久离开的概率）加权，即 `worth` 列。")),
        Mistake(lambda a, e: _close(a, _plan().attrs["spent"]), T(
            "That is what the contacts cost, not what they are expected to bring back.",
            "这是联系的花费，而不是预期赢回的价值。")),
        Mistake(lambda a, e: _close(a, e - _plan().attrs["spent"]), T(
            "That is the worth net of what the contacts cost. The question asks for the worth expected back, "
            "before the contact costs: `plan.attrs['worth_contacted']`.",
            "这是扣除联系成本后的价值。题目问的是扣除联系成本之前的预期赢回价值：`plan.attrs['worth_contacted']`。")),
        Mistake(lambda a, e: _close(a, _plan()["worth"].sum()), T(
            "That sums the worth of every lost customer. The budget reaches only some of them: add up `worth` over "
            "the rows where `contact` is True.",
            "这是全部流失客户的价值之和。预算只够联系其中一部分：请只对 `contact` 为 `True` 的行求 `worth` 之和。")),
        Mistake(lambda a, e: _close(a, _plan(1000, 20).attrs["worth_contacted"]), T(
            f"That is the chapter's plan (a budget of 1,000 at 20 a contact). Use this question's budget, "
            f"`budget={BUDGET}`, and cost, `contact_cost={CONTACT_COST}`.",
            f"这是本章的方案（预算 1,000，每次联系 20）。请使用本题的预算 `budget={BUDGET}` 和成本 "
            f"`contact_cost={CONTACT_COST}`。")),
    ],
)

q4 = Question(
    "q4",
    chapter=CHAPTER,
    expected=lambda: _survival_at(),
    hints=[
        T(f"Draw the Kaplan-Meier table of the web shop's purchases in months, with customers lost after {LAPSE} days, "
          "and read the survival at a lifetime of 9 months: the last row at or before 9 (the curve steps "
          "just after 9).",
          f"用网店的购买记录按月计算 `Kaplan-Meier` 表，{LAPSE} 天未购买视为流失，读取寿命 9 个月时的存活率："
          "9 及以前的最后一行（曲线在 9 之后不远处下降一步）。"),
        T(f"`km = crm.kaplan_meier(purchases, unit='M', lapsed_after={LAPSE})`, then "
          "`km.loc[km.index <= 9, 'survival'].iloc[-1]` (a fraction, to 3 significant figures).",
          f"`km = crm.kaplan_meier(purchases, unit='M', lapsed_after={LAPSE})`，然后 "
          "`km.loc[km.index <= 9, 'survival'].iloc[-1]`（比例，保留 3 位有效数字）。"),
    ],
    mistakes=[
        Mistake(lambda a, e: _close(a, _survival_at(180)), T(
            "That is the survival with the default 180 days. With 90 days more lifetimes end: pass `lapsed_after=90`.",
            "这是默认 180 天下的存活率。改为 90 天后会有更多客户寿命结束：请传入 `lapsed_after=90`。")),
        Mistake(lambda a, e: _close(a, _survival_after(), 5e-4), T(
            "That is the step just after 9 months (at 9.002 months, 274 days). The survival at 9 months is the last "
            "row at or before 9: `km.loc[km.index <= 9, 'survival'].iloc[-1]`.",
            "这是刚过 9 个月的那一步（9.002 个月，即 274 天）。9 个月时的存活率是 9 及以前的最后一行："
            "`km.loc[km.index <= 9, 'survival'].iloc[-1]`。")),
        percent_for_fraction(),
    ],
)

def _loyal_lost_share() -> float:
    return float(_transitions().loc["loyal", "lost"] / _transitions().loc["loyal"].sum())


q2 = Question(
    "q2",
    chapter=CHAPTER,
    expected=_loyal_lost_share,
    hints=[
        T(f"Use the stage transitions of the retail data (with its members) between {START} and {END}: rows are the "
          "stage at the start, columns the stage at the end. The share asked for is one cell of the row "
          "`loyal` over the whole row.",
          f"使用零售数据（含会员）在 {START} 与 {END} 之间的阶段转移表：行是起始阶段，列是结束阶段。"
          "所求比例是 `loyal` 这一行中的一个格子除以整行之和。"),
        T(f"`crm.stage_transitions(retail, members=members, start='{START}', end='{END}', normalize=True)"
          ".loc['loyal', 'lost']` (a fraction, to 3 significant figures).",
          f"`crm.stage_transitions(retail, members=members, start='{START}', end='{END}', normalize=True)"
          ".loc['loyal', 'lost']`（比例，保留 3 位有效数字）。"),
    ],
    mistakes=[
        Mistake(lambda a, e: _close(a, _transitions().loc["loyal", "lost"]), T(
            "That is the number of customers; the question asks for their share of everyone who was loyal at the "
            "start. Use `normalize=True`, or divide by the row's total.",
            "这是人数；题目问的是他们占起始时全部忠诚客户的比例。请使用 `normalize=True`，或除以该行总数。")),
        Mistake(lambda a, e: _close(a, _transitions().loc["loyal", "lost"] / _transitions()["lost"].sum()), T(
            "That divides by everyone lost at the end (the column). The question asks what became of the loyal "
            "customers: divide by the row `loyal`.",
            "这是除以结束时全部流失客户（列）。题目问的是忠诚客户后来怎样了：请除以 `loyal` 这一行。")),
        Mistake(lambda a, e: _close(a, _transitions().loc["lost", "loyal"] / _transitions().loc["lost"].sum()), T(
            "Rows and columns are swapped: that is the share of lost customers who became loyal. The row is the stage "
            "at the start.",
            "行列对调了：这是流失客户变为忠诚的比例。行表示起始阶段。")),
        percent_for_fraction(),
    ],
)

# --- interpret and decide -------------------------------------------------------------------------

q6 = Choice(
    "q6",
    chapter=CHAPTER,
    options={
        "a": T("Each customer grows more loyal with every year, so the churn risk of a given person falls over time.",
               "每位客户都会一年比一年更忠诚，所以同一个人的流失风险随时间下降。"),
        "b": T("Customers differ: the likely leavers go in the first years, so the ones who remain churn less often.",
               "客户各不相同：易流失的人头几年就离开了，所以留下的人流失得更少。"),
        "c": T("The constant-retention model ignores the cohort size, so it cannot scale up to 1,000 customers.",
               "固定保留率模型忽略了队列规模，所以不能按 1,000 位客户放大。"),
        "d": T("The sBG model was fitted on more years of data than the constant-retention benchmark was.",
               "`sBG` 模型用来拟合的年份比固定保留率基准模型更多。"),
    },
    answer="b",
    coaching={
        "a": T("sBG assumes the opposite: each customer's churn probability stays the same for ever. The cohort's "
               "retention rises only because its mix changes.",
               "`sBG` 的假设恰恰相反：每位客户的流失概率始终不变。队列的保留率上升，只是因为人员构成变了。"),
        "c": T("Both models start from the same cohort size; they differ in how the share still there falls.",
               "两个模型都从相同的队列规模出发；区别在于留存比例如何下降。"),
        "d": T("Both were fitted on the same calibration years (the shaded area); the difference is in the model.",
               "两个模型用的是相同的校准年份（阴影部分）；区别在于模型本身。"),
    },
    hints=[
        T("Look at the retention column of the chapter's table: r_t rises with t. What would make a group's rate rise "
          "if no single member changes?",
          "看本章表格中的保留率列：r_t 随 t 上升。如果没有任何一个人发生变化，什么会让一个群体的比率上升？"),
        T("Fader & Hardie give every customer a churn probability of their own, drawn from a beta distribution.",
          "Fader 和 Hardie 让每位客户有自己的流失概率，服从贝塔分布。"),
    ],
)

q7 = Choice(
    "q7",
    chapter=CHAPTER,
    options={
        "a": T("Many customers of the cohort left the shop in the autumn, so its last months show real churn.",
               "该队列的许多客户在秋季离开了网店，所以最后几个月体现的是真实流失。"),
        "b": T("The cancelled invoices pile up at the end of the year and remove customers from the counts.",
               "取消的发票集中在年底，把这些客户从最后几个月的统计中去掉了。"),
        "c": T("The data end in December: customers who will buy again have not done so yet, so they look gone.",
               "数据止于 12 月：日后还会再买的客户还没买，所以看起来像已离开。"),
        "d": T("Christmas shoppers buy only once a year, so most of the cohort were one-time buyers from the start.",
               "圣诞购物者一年只买一次，所以该队列大多从一开始就是一次性购买者。"),
    },
    answer="c",
    coaching={
        "a": T("Nothing in a non-contractual log says a customer left; a survivor here is someone whose last purchase "
               "is in that month or later, and for the last months 'later' has barely begun.",
               "非契约型的交易记录不会告诉我们客户已经离开；这里的存活者是最后一次购买在该月或之后的客户，"
               "而对最后几个月来说，“之后”几乎还没开始。"),
        "b": T("The cohort tables are built from purchases only: cancelled invoices were left out before counting.",
               "队列表只用购买记录生成：统计之前已经剔除了取消的发票。"),
        "d": T("One-time buyers drop out at month 1, not at months 10-11; the 2011-01 cohort still had over 300 "
               "survivors for many months.",
               "一次性购买者在第 1 个月就掉出去了，而不是第 10-11 个月；2011-01 队列在许多个月里仍有 300 多位存活者。"),
    },
    hints=[
        T("Ask when you would learn that a customer whose last purchase was in November is still a customer.",
          "想一想：一位最后一次购买在 11 月的客户，你要到什么时候才知道他仍是客户？"),
        T("The Kaplan-Meier section calls such customers censored.",
          "`Kaplan-Meier` 一节把这样的客户称为删失（`censored`）。"),
    ],
)

# Typical wrong answers and the coaching each must trigger, built from a solved notebook's variables.
WRONG_ANSWERS = {
    "q1": lambda ns: [(_lost(_purchases(), 180), "default threshold"), (_lost(_invoices(), LAPSE), "Cancelled")],
    "q3": lambda ns: [(_share(MONTH - 1), "neighbouring month"), (ns["answer"] * 100, "percentage"),
                      (round(ns["answer"] * 100, 1), "percentage"), (_share_with_cancelled(), "Cancelled"),
                      (float(cohort_table(_purchases()).loc[pd.Period(COHORT, "M"), MONTH]), "number of customers")],
    "q5": lambda ns: [(_sbg(12), "all 13 years"), ({"alpha": ns["answer"]["beta"], "beta": ns["answer"]["alpha"]},
                                                    "swapped"),
                      ({"alpha": 0.70, "beta": 1.18}, "round less")],
    "q8": lambda ns: [(_state_value(1), "another state"), (P_BUY[STATE - 1] * MARGIN - COST, "one period's reward"),
                      (_state_value(cost=0), "marketing cost")],
    "q9": lambda ns: [(ns["plan"].loc[ns["plan"]["contact"], "past_value"].sum(), "past value"),
                      (float(BUDGET), "cost"), (ns["answer"] - BUDGET, "net of"),
                      (ns["plan"]["worth"].sum(), "every lost customer"),
                      (_plan(1000, 20).attrs["worth_contacted"], "chapter's plan")],
    "q4": lambda ns: [(_survival_at(180), "default 180 days"), (ns["answer"] * 100, "percentage"),
                      (_survival_after(), "just after 9 months")],
    "q2": lambda ns: [(int(_transitions().loc["loyal", "lost"]), "number of customers"),
                      (_transitions().loc["loyal", "lost"] / _transitions()["lost"].sum(), "(the column)"),
                      (_transitions().loc["lost", "loyal"] / _transitions().loc["lost"].sum(), "swapped"),
                      (ns["answer"] * 100, "percentage")],
    "q6": lambda ns: [("a", "the opposite"), ("c", "same cohort size"), ("d", "same calibration years")],
    "q7": lambda ns: [("a", "non-contractual"), ("b", "purchases only"), ("d", "month 1")],
}
