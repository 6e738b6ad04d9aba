"""Chapter 01, CRM strategy: weighted scores, the Burnett matrix, a weight change, the growth matrix,
relationship types, accounts per strategy."""

from __future__ import annotations

import math
from functools import cache

import pandas as pd

from ..data.catalog import load_dataset
from ..models.growth import growth_matrix
from ..models.scoring import (
    BURNETT_ATTRACTIVENESS,
    burnett_matrix,
    burnett_scores,
    weighted_score,
)
from .engine import Mistake, Question, T

__all__ = ["q1", "q2", "q3", "q4", "q5", "q6", "q7", "FORM_WEIGHTS", "CASES", "WRONG_ANSWERS"]

CHAPTER = "01_strategy"
# The lecture's example form: weights of the six indicators of the customer's business (sum 0.27).
FORM_WEIGHTS = dict(list(BURNETT_ATTRACTIVENESS.items())[:6])
# q6: three firms, in this order, to be given a relationship strategy type each.
CASES = ["consultancy", "airline_app", "carmaker_supplier"]
TYPE_CODES = ["hook", "zipper", "velcro", "none"]


@cache
def _accounts() -> pd.DataFrame:
    return load_dataset("key_accounts").set_index("account_id")


@cache
def _scores() -> pd.DataFrame:
    return burnett_scores(_accounts())


@cache
def _matrix(swapped: bool = False) -> pd.DataFrame:
    scores = _scores()
    if swapped:
        scores = scores.rename(columns={"attractiveness": "relationship", "relationship": "attractiveness"})
    return burnett_matrix(scores)


def _strategies(accounts: list[str], swapped: bool = False) -> list[str]:
    return _matrix(swapped).loc[accounts, "strategy"].tolist()


def _margin_effect_doubled() -> list[str]:
    """Accounts whose strategy changes when margin_effect's weight goes 0.10 -> 0.20, the others rescaled."""
    others = (1 - 0.2) / (1 - BURNETT_ATTRACTIVENESS["margin_effect"])
    weights = {i: 0.2 if i == "margin_effect" else w * others for i, w in BURNETT_ATTRACTIVENESS.items()}
    changed = burnett_matrix(burnett_scores(_accounts(), attractiveness_weights=weights))["strategy"]
    return sorted(changed.index[changed != _matrix()["strategy"]])


@cache
def _growth() -> pd.DataFrame:
    return growth_matrix(load_dataset("retail"), split="2024-01-01").set_index("cell")


def _two_years_revenue() -> float:
    return float(load_dataset("retail")["amount"].sum())


def _close(a, b, tol: float = 1e-3) -> bool:
    return math.isclose(float(a), float(b), rel_tol=tol)


q1 = Question(
    "q1",
    chapter=CHAPTER,
    expected=lambda: float(_scores().loc["K04", "attractiveness"]),
    hints=[
        T("Multiply each of K04's 18 attractiveness scores by its weight in BURNETT_ATTRACTIVENESS and add up.",
          "把 K04 的 18 个客户吸引力指标得分分别乘以 BURNETT_ATTRACTIVENESS 中的权重，再求和。"),
        T("`crm.weighted_score(accounts.loc[['K04'], list(BURNETT_ATTRACTIVENESS)], BURNETT_ATTRACTIVENESS)` "
          "does it in one call; take the single value with `.iloc[0]`.",
          "`crm.weighted_score(accounts.loc[['K04'], list(BURNETT_ATTRACTIVENESS)], BURNETT_ATTRACTIVENESS)` "
          "一步完成；用 `.iloc[0]` 取出这个数。"),
    ],
    mistakes=[
        Mistake(lambda a, e: _close(a, _accounts().loc["K04", list(BURNETT_ATTRACTIVENESS)].mean()), T(
            "That is the plain average of the 18 scores: every indicator counted equally. Use the weights.",
            "这是 18 个得分的简单平均，每个指标的分量相同。请使用权重。")),
        Mistake(lambda a, e: _close(a, _scores().loc["K04", "relationship"]), T(
            "That is K04's relationship status (关系状况), the other axis. The question asks for customer "
            "attractiveness (客户吸引力).",
            "这是 K04 的关系状况得分，是另一条轴。题目问的是客户吸引力。")),
        Mistake(lambda a, e: float(a) > 5, T(
            "A weighted score of 1-5 scores with weights summing to 1 lies between 1 and 5. Did you use weights "
            "in percent (8 instead of 0.08)?",
            "得分为 1-5、权重之和为 1 时，加权得分一定在 1 到 5 之间。你是否把权重写成了百分数（8 而不是 0.08）？")),
    ],
)

q2 = Question(
    "q2",
    chapter=CHAPTER,
    expected=lambda: float(weighted_score(_accounts().loc[["K04"], list(FORM_WEIGHTS)], FORM_WEIGHTS,
                                          normalize=True).iloc[0]),
    hints=[
        T("Add up FORM_WEIGHTS first: they are only part of the attractiveness weights.",
          "先把 FORM_WEIGHTS 加起来：它们只是客户吸引力权重的一部分。"),
        T("Weights must sum to 1 for the result to stay on the 1-5 scale: divide each by their sum, or pass "
          "`normalize=True` to `crm.weighted_score`.",
          "权重之和必须为 1，结果才会落在 1-5 的量表上：把每个权重除以权重之和，或给 `crm.weighted_score` 传入 "
          "`normalize=True`。"),
    ],
    mistakes=[
        Mistake(lambda a, e: _close(a, e * sum(FORM_WEIGHTS.values())), T(
            "These six weights sum to 0.27, not 1, so your result is not on the 1-5 scale. Normalise the weights "
            "(divide each by their sum) before weighting.",
            "这六个权重之和是 0.27 而不是 1，所以结果不在 1-5 的量表上。请先把权重归一化（每个除以权重之和）。")),
        Mistake(lambda a, e: _close(a, _scores().loc["K04", "attractiveness"]), T(
            "That is K04's score over all 18 attractiveness indicators. The question asks for the six indicators "
            "of the customer's business only.",
            "这是 K04 在全部 18 个吸引力指标上的得分。题目只问客户业务方面的六个指标。")),
    ],
)

q3 = Question(
    "q3",
    chapter=CHAPTER,
    expected=lambda: _strategies(["K04", "K47", "K38"]),
    hints=[
        T("`crm.burnett_matrix(burnett_scores(accounts))` gives each account's cell and strategy code.",
          "`crm.burnett_matrix(burnett_scores(accounts))` 给出每个客户所在的格子和策略代码。"),
        T("Pick the three rows with `.loc[['K04', 'K47', 'K38'], 'strategy']` and turn them into a list with "
          "`.tolist()`.",
          "用 `.loc[['K04', 'K47', 'K38'], 'strategy']` 取出这三行，再用 `.tolist()` 转成列表。"),
    ],
    mistakes=[
        Mistake(lambda a, e: list(a) == _strategies(["K04", "K47", "K38"], swapped=True), T(
            "You swapped the axes: rows of the grid are customer attractiveness, columns relationship status. "
            "An attractive account we hardly serve is not one that is loyal but unattractive.",
            "你把两条轴弄反了：格子的行是客户吸引力，列是关系状况。一个很有吸引力但我们几乎没有服务到的客户，"
            "和一个忠诚但缺乏吸引力的客户是两回事。")),
        Mistake(lambda a, e: any(not str(x).islower() or " " in str(x) for x in a), T(
            "Give the strategy codes the model returns, such as 'develop_defend', not the labels.",
            "请给出模型返回的策略代码，例如 'develop_defend'，而不是显示用的名称。")),
        Mistake(lambda a, e: len(a) != 3, T("Give one strategy for each of the three accounts, in the order asked.",
                                            "请按题目顺序为三个客户各给出一个策略。")),
    ],
)

q4 = Question(
    "q4",
    chapter=CHAPTER,
    expected=_margin_effect_doubled,
    hints=[
        T("New weights: margin_effect 0.20; every other weight multiplied by 0.8 / 0.9 so the total stays 1 "
          "(setting 0.20 and passing `normalize=True` instead would give margin_effect 0.20 / 1.10 = 0.182).",
          "新权重：margin_effect 为 0.20，其余每个权重乘以 0.8 / 0.9，使总和仍为 1"
          "（若设为 0.20 再传入 `normalize=True`，margin_effect 实际为 0.20 / 1.10 = 0.182）。"),
        T("Compute the matrix with the new weights (`burnett_scores(accounts, attractiveness_weights=...)`), "
          "compare its `strategy` column with the old one, and list the accounts where they differ: "
          "`sorted(new.index[new['strategy'] != old['strategy']])`.",
          "用新权重计算矩阵（`burnett_scores(accounts, attractiveness_weights=...)`），把它的 `strategy` 列与原来的"
          "比较，列出不同的客户：`sorted(new.index[new['strategy'] != old['strategy']])`。"),
    ],
    mistakes=[
        Mistake(lambda a, e: len(a) == 0, T(
            "No account changed? Check that the new weights really reach the model (attractiveness_weights=...).",
            "没有客户变化？请检查新权重是否真的传给了模型（attractiveness_weights=...）。")),
        Mistake(lambda a, e: sorted(a) == sorted(e) and list(a) != sorted(a), T(
            "Sort the account ids: `sorted(...)`.", "请把客户编号排序：`sorted(...)`。")),
        Mistake(lambda a, e: sorted(a) == ["K07", "K11", "K21", "K41"], T(
            "Those accounts move when the weight of wallet_share (relationship) is raised. The question changes "
            "margin_effect, an attractiveness indicator.",
            "这些客户是在提高 wallet_share（关系状况）的权重时变化的。题目改变的是客户吸引力指标 margin_effect。")),
        Mistake(lambda a, e: not all(str(x).startswith("K") for x in a), T(
            "List the account ids (such as 'K01'), not strategies or scores.",
            "请列出客户编号（如 'K01'），而不是策略或得分。")),
    ],
)

q5 = Question(
    "q5",
    chapter=CHAPTER,
    expected=lambda: float(_growth().loc["expansion", "share"]),
    rel_tol=1e-4,
    hints=[
        T("Expansion (客户扩充) is revenue from existing customers buying a new product. "
          "`crm.growth_matrix(tx, split='2024-01-01')` splits 2024's revenue into the four cells.",
          "客户扩充是现有客户购买新产品带来的收入。`crm.growth_matrix(tx, split='2024-01-01')` 把 2024 年的收入"
          "分到四个格子。"),
        T("Read the `share` column of the row whose `cell` is 'expansion'; it is a fraction of 2024's revenue.",
          "读取 `cell` 为 'expansion' 那一行的 `share` 列；它是占 2024 年收入的比例。"),
    ],
    mistakes=[
        Mistake(lambda a, e: 1 < float(a) <= 100, T(
            "Give the share as a fraction between 0 and 1, not as a percentage.",
            "请以 0 到 1 之间的小数给出占比，而不是百分数。")),
        Mistake(lambda a, e: _close(a, _growth().loc["expansion", "revenue"] / _two_years_revenue()), T(
            "You divided by the revenue of both years. The growth matrix splits the later period only: divide by "
            "2024's revenue.",
            "你除以的是两年的总收入。客户增长矩阵只划分后一时期：请除以 2024 年的收入。")),
        Mistake(lambda a, e: _close(a, _growth().loc["diversification", "share"]), T(
            "That is diversification (客户多样化): new customers buying new products. Expansion is existing "
            "customers buying new products.",
            "这是客户多样化：新客户购买新产品。客户扩充是现有客户购买新产品。")),
        Mistake(lambda a, e: _close(a, _growth().loc[["expansion", "diversification"], "share"].sum()), T(
            "That is all of the new category's revenue, including first-time customers. Keep only the customers "
            "who had bought before 2024.",
            "这是新品类的全部收入，包括新客户的购买。只保留 2024 年之前买过东西的客户。")),
    ],
)

q6 = Question(
    "q6",
    chapter=CHAPTER,
    expected=lambda: ["velcro", "hook", "zipper"],
    hints=[
        T("Ask for each case: who adapts to whose process, the firm, the customer, or both?",
          "对每个案例问一问：是谁适应谁的流程，企业、客户，还是双方？"),
        T("Hook: the customer adapts to the firm's process. Velcro: the firm adapts to each customer. "
          "Zipper: both adapt and are tightly coupled.",
          "扣钩：客户适应企业的流程。维可牢：企业适应每位客户。拉链：双方相互适应、紧密结合。"),
    ],
    mistakes=[
        Mistake(lambda a, e: any(str(x) not in TYPE_CODES for x in a), T(
            f"Use the type codes {TYPE_CODES}, in lower case.", f"请使用类型代码 {TYPE_CODES}（小写）。")),
        Mistake(lambda a, e: len(a) != 3, T("Give one type for each of the three cases, in order.",
                                            "请按顺序为三个案例各给出一个类型。")),
        Mistake(lambda a, e: list(a)[:2] == ["hook", "velcro"], T(
            "Look again at who adapts in the first two cases: in a hook strategy it is the customer who follows "
            "the firm's process.",
            "再看看前两个案例中是谁在适应：扣钩战略中，是客户遵循企业的流程。")),
        Mistake(lambda a, e: "none" in a, T(
            "Every case here has someone adapting, so each has a relationship strategy.",
            "这里每个案例都有一方在适应，所以每个都有关系战略。")),
    ],
)

q7 = Question(
    "q7",
    chapter=CHAPTER,
    expected=lambda: _matrix()["strategy"].value_counts(),
    hints=[
        T("The `strategy` column of the Burnett matrix has one code per account.",
          "Burnett 矩阵的 `strategy` 列为每个客户给出一个策略代码。"),
        T("`.value_counts()` on that column counts the accounts per strategy.",
          "对这一列使用 `.value_counts()`，即可统计每个策略的客户数。"),
    ],
    mistakes=[
        Mistake(lambda a, e: len(a) == 9, T(
            "You counted the nine cells. Two strategies (develop, minimal retention) each sit in two cells: "
            "count by strategy.",
            "你统计的是九个格子。有两个策略（发展、少量保持）各占两个格子：请按策略统计。")),
        Mistake(lambda a, e: abs(float(a.sum()) - 1) < 1e-9, T("Give the number of accounts, not shares.",
                                                               "请给出客户数，而不是占比。")),
        Mistake(lambda a, e: len(a) == 3, T("Those are counts of one axis' levels. Count strategies.",
                                            "这是单条轴上各等级的数量。请统计策略。")),
    ],
)

# Typical wrong answers and the coaching each must trigger, built from a solved notebook's
# variables (tests/test_exercises.py checks every one).
WRONG_ANSWERS = {
    "q1": lambda ns: [
        (ns["accounts"].loc["K04", list(BURNETT_ATTRACTIVENESS)].mean(), "plain average"),
        (_scores().loc["K04", "relationship"], "other axis"),
        (ns["answer"] * 100, "percent"),
    ],
    "q2": lambda ns: [(ns["answer"] * 0.27, "sum to 0.27"), (_scores().loc["K04", "attractiveness"], "all 18")],
    "q3": lambda ns: [
        (_strategies(["K04", "K47", "K38"], swapped=True), "swapped the axes"),
        (["Defend & maintain", "Selective retention", "Selective defence"], "codes"),
        (ns["answer"][:2], "each of the three"),
    ],
    "q4": lambda ns: [([], "No account changed"), (sorted(ns["answer"], reverse=True), "Sort"),
                      (["K07", "K11", "K21", "K41"], "wallet_share"), (["develop", "exit"], "account ids")],
    "q5": lambda ns: [
        (ns["answer"] * 100, "fraction"),
        (ns["growth"].set_index("cell").loc["expansion", "revenue"] / ns["tx"]["amount"].sum(), "both years"),
        (ns["growth"].set_index("cell").loc["diversification", "share"], "diversification"),
        (ns["growth"].set_index("cell").loc[["expansion", "diversification"], "share"].sum(), "new category"),
    ],
    "q6": lambda ns: [(["hook", "velcro", "zipper"], "who adapts"), (["Velcro", "Hook", "Zipper"], "lower case"),
                      (["velcro", "hook"], "each of the three"), (["velcro", "hook", "none"], "Every case")],
    "q7": lambda ns: [
        (ns["matrix"].groupby(["attractiveness_level", "relationship_level"], observed=True).size(), "nine cells"),
        (ns["matrix"]["strategy"].value_counts(normalize=True), "not shares"),
        (ns["matrix"]["attractiveness_level"].value_counts(), "one axis"),
    ],
}
