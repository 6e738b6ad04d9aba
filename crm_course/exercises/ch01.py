"""Chapter 01, CRM strategy: the chapter's methods applied to other accounts, weights, a period and cases.

The chapter scores K04's attractiveness by hand, places K04, K47, K38 and K05, doubles the weight of
``margin_effect`` and splits the whole of 2024 in the growth matrix; the questions here use other
accounts (K22, K24, K11, K17, K26, K35), other level cuts, the other dimension (relationship status), another weight
(``service_rating``), another period (the first half of 2024) and new relationship cases, and three
ask the student to decide what a result means for a manager.
"""

from __future__ import annotations

import math
from functools import cache

import pandas as pd

from ..data.catalog import load_dataset
from ..models.growth import growth_matrix
from ..models.scoring import (
    BURNETT_ATTRACTIVENESS,
    BURNETT_RELATIONSHIP,
    DEFAULT_CUTS,
    burnett_matrix,
    burnett_scores,
    weighted_score,
)
from .engine import Choice, Mistake, Question, T

__all__ = ["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9", "FORM_WEIGHTS", "WRONG_ANSWERS"]

CHAPTER = "01_strategy"
# The lecture's example form: weights of the six indicators of the customer's business (sum 0.27).
FORM_WEIGHTS = dict(list(BURNETT_ATTRACTIVENESS.items())[:6])
# q1 and q2: an account the chapter does not show.
ACCOUNT = "K22"
# q3: three accounts, in this order, placed with a form's rounded level cuts.
ACCOUNTS = ["K24", "K11", "K17"]
CUTS = (2.5, 3.5)
# q4: the relationship indicator whose weight doubles (0.15 -> 0.30).
DOUBLED = "service_rating"
TYPE_CODES = ["hook", "zipper", "velcro", "none"]


@cache
def _accounts() -> pd.DataFrame:
    return load_dataset("key_accounts").set_index("account_id")


@cache
def _scores() -> pd.DataFrame:
    return burnett_scores(_accounts())


@cache
def _matrix(swapped: bool = False, cuts: tuple[float, float] = DEFAULT_CUTS) -> pd.DataFrame:
    scores = _scores()
    if swapped:
        scores = scores.rename(columns={"attractiveness": "relationship", "relationship": "attractiveness"})
    return burnett_matrix(scores, cuts=cuts)


def _strategies(accounts: list[str], swapped: bool = False, cuts: tuple[float, float] = DEFAULT_CUTS) -> list[str]:
    return _matrix(swapped, cuts).loc[accounts, "strategy"].tolist()


def _changed(relationship_weights=None, attractiveness_weights=None, normalize: bool = False) -> set[str]:
    """Accounts whose strategy differs from the default weights' strategy."""
    new = burnett_matrix(burnett_scores(_accounts(), relationship_weights=relationship_weights,
                                        attractiveness_weights=attractiveness_weights, normalize=normalize))
    return set(new.index[new["strategy"] != _matrix()["strategy"]])


def _doubled(weights: dict[str, float], indicator: str) -> dict[str, float]:
    """``indicator``'s weight doubled, the others rescaled so that all still sum to 1."""
    new = 2 * weights[indicator]
    return {i: new if i == indicator else w * (1 - new) / (1 - weights[indicator]) for i, w in weights.items()}


def _service_doubled_normalized() -> set[str]:
    return _changed(relationship_weights=BURNETT_RELATIONSHIP | {DOUBLED: 0.30}, normalize=True)


def _service_taken_from_wallet() -> set[str]:
    return _changed(relationship_weights=BURNETT_RELATIONSHIP | {DOUBLED: 0.30, "wallet_share": 0.10})


@cache
def _growth(first_half: bool = True) -> pd.DataFrame:
    tx = load_dataset("retail")
    if first_half:
        tx = tx[tx["date"] < "2024-07-01"]
    return growth_matrix(tx, split="2024-01-01").set_index("cell")


def _first_half_revenue_of_both_years() -> float:
    tx = load_dataset("retail")
    return float(tx.loc[tx["date"] < "2024-07-01", "amount"].sum())


def _close(a, b, tol: float = 1e-3) -> bool:
    return math.isclose(float(a), float(b), rel_tol=tol)


# --- scores by hand -------------------------------------------------------------------------------

q1 = Question(
    "q1",
    chapter=CHAPTER,
    expected=lambda: float(_scores().loc[ACCOUNT, "relationship"]),
    hints=[
        T(f"The chapter added up weight x score for attractiveness. Do the same for the other dimension: the seven "
          f"relationship indicators of {ACCOUNT}, with the weights in `BURNETT_RELATIONSHIP`.",
          f"本章对客户吸引力计算了“权重 × 得分”之和。对另一个维度做同样的计算：{ACCOUNT} 的七个关系状况指标，"
          f"权重见 `BURNETT_RELATIONSHIP`。"),
        T(f"`crm.weighted_score(accounts.loc[['{ACCOUNT}'], list(BURNETT_RELATIONSHIP)], BURNETT_RELATIONSHIP)` "
          "gives a Series of one value; take it with `.iloc[0]`.",
          f"`crm.weighted_score(accounts.loc[['{ACCOUNT}'], list(BURNETT_RELATIONSHIP)], BURNETT_RELATIONSHIP)` "
          "返回只有一个值的 `Series`；用 `.iloc[0]` 取出这个数。"),
    ],
    mistakes=[
        Mistake(lambda a, e: _close(a, _accounts().loc[ACCOUNT, list(BURNETT_RELATIONSHIP)].mean()), T(
            "That is the plain average of the seven scores: every indicator counted equally. Share of wallet "
            "weighs 0.25, contact only 0.10: use the weights.",
            "这是七个得分的简单平均，每个指标的分量相同。钱夹份额的权重是 0.25，接触只有 0.10：请使用权重。")),
        Mistake(lambda a, e: _close(a, _scores().loc[ACCOUNT, "attractiveness"]), T(
            f"That is {ACCOUNT}'s customer attractiveness (客户吸引力), the dimension the chapter computed. The "
            "question asks for relationship status (关系状况): our position with the customer.",
            f"这是 {ACCOUNT} 的客户吸引力，即本章计算的那个维度。题目问的是关系状况：我们在该客户处的地位。")),
        Mistake(lambda a, e: float(a) > 5, T(
            "A weighted score of 1-5 scores with weights summing to 1 lies between 1 and 5. Did you use weights "
            "in percent (25 instead of 0.25)?",
            "得分为 1-5、权重之和为 1 时，加权得分一定在 1 到 5 之间。你是否把权重写成了百分数（25 而不是 0.25）？")),
    ],
)

q2 = Question(
    "q2",
    chapter=CHAPTER,
    expected=lambda: float(weighted_score(_accounts().loc[[ACCOUNT], list(FORM_WEIGHTS)], FORM_WEIGHTS,
                                          normalize=True).iloc[0]),
    hints=[
        T("Add up FORM_WEIGHTS first: they are only part of the attractiveness weights.",
          "先把 `FORM_WEIGHTS` 加起来：它们只是客户吸引力权重的一部分。"),
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
        Mistake(lambda a, e: _close(a, _scores().loc[ACCOUNT, "attractiveness"]), T(
            f"That is {ACCOUNT}'s score over all 18 attractiveness indicators. The question asks for the six "
            "indicators of the customer's business only.",
            f"这是 {ACCOUNT} 在全部 18 个吸引力指标上的得分。题目只问客户业务方面的六个指标。")),
        Mistake(lambda a, e: _close(a, _accounts().loc[ACCOUNT, list(FORM_WEIGHTS)].mean()), T(
            "That is the plain average of the six scores. The form's weights differ (transaction volume 0.08, "
            "lifecycle stage 0.03, ...): weight them, then normalise.",
            "这是六个得分的简单平均。表中的权重各不相同（交易量 0.08、生命周期阶段 0.03……）：请加权后再归一化。")),
    ],
)

# --- the matrix -------------------------------------------------------------------------------------

q3 = Question(
    "q3",
    chapter=CHAPTER,
    expected=lambda: _strategies(ACCOUNTS, cuts=CUTS),
    hints=[
        T("`crm.burnett_matrix` takes the level cuts as `cuts=(low/medium, medium/high)`; the default is thirds of "
          "the scale (7/3, 11/3). Pass the form's cuts instead.",
          "`crm.burnett_matrix` 用 `cuts=(低/中, 中/高)` 指定档次分界；默认是量表的三等分（7/3 和 11/3）。"
          "请改用表中的分界。"),
        T(f"`crm.burnett_matrix(burnett_scores(accounts), cuts=(2.5, 3.5))`, then `.loc[{ACCOUNTS}, 'strategy']"
          ".tolist()`.",
          f"`crm.burnett_matrix(burnett_scores(accounts), cuts=(2.5, 3.5))`，然后 `.loc[{ACCOUNTS}, 'strategy']"
          ".tolist()`。"),
    ],
    mistakes=[
        Mistake(lambda a, e: list(a) == _strategies(ACCOUNTS), T(
            "Those are the strategies with the default cuts (thirds of the scale), the chapter's matrix. Pass "
            "`cuts=(2.5, 3.5)`.",
            "这是默认分界（量表三等分）下的策略，即本章的矩阵。请传入 `cuts=(2.5, 3.5)`。")),
        Mistake(lambda a, e: list(a) == _strategies(ACCOUNTS, swapped=True, cuts=CUTS), T(
            "You swapped the axes: rows of the grid are customer attractiveness, columns relationship status. "
            "An attractive account we hardly serve is not one that is loyal but unattractive.",
            "你把两条轴弄反了：格子的行是客户吸引力，列是关系状况。一个很有吸引力但我们几乎没有服务到的客户，"
            "和一个忠诚但缺乏吸引力的客户是两回事。")),
        Mistake(lambda a, e: any(not str(x).islower() or " " in str(x) for x in a), T(
            "Give the strategy codes the model returns, such as `develop_defend`, not the labels.",
            "请给出模型返回的策略代码，例如 `develop_defend`，而不是显示用的名称。")),
        Mistake(lambda a, e: len(a) != 3, T("Give one strategy for each of the three accounts, in the order asked.",
                                            "请按题目顺序为三个客户各给出一个策略。")),
    ],
)

q4 = Question(
    "q4",
    chapter=CHAPTER,
    expected=lambda: _changed(relationship_weights=_doubled(BURNETT_RELATIONSHIP, DOUBLED)),
    hints=[
        T("New relationship weights: service_rating 0.30; every other weight multiplied by 0.70 / 0.85 so the total "
          "stays 1 (setting 0.30 and passing `normalize=True` instead would give service_rating 0.30 / 1.15 = 0.26).",
          "新的关系状况权重：`service_rating` 为 0.30，其余每个权重乘以 0.70 / 0.85，使总和仍为 1"
          "（若设为 0.30 再传入 `normalize=True`，`service_rating` 实际为 0.30 / 1.15 = 0.26）。"),
        T("Compute the matrix with `burnett_scores(accounts, relationship_weights=...)`, compare its `strategy` "
          "column with the default one and collect the ids where they differ: "
          "`set(new.index[new['strategy'] != old['strategy']])`.",
          "用 `burnett_scores(accounts, relationship_weights=...)` 计算矩阵，把它的 `strategy` 列与默认权重的比较，"
          "收集不同的客户编号：`set(new.index[new['strategy'] != old['strategy']])`。"),
    ],
    mistakes=[
        Mistake(lambda a, e: len(a) == 0, T(
            "No account changed? Check that the new weights really reach the model (`relationship_weights=...`).",
            "没有客户变化？请检查新权重是否真的传给了模型（`relationship_weights=...`）。")),
        Mistake(lambda a, e: set(a) == _service_doubled_normalized(), T(
            "You set 0.30 and normalised: service_rating then weighs 0.30 / 1.15 = 0.26, not 0.30. Rescale the "
            "other weights by 0.70 / 0.85 instead.",
            "你设为 0.30 后做了归一化：`service_rating` 的实际权重是 0.30 / 1.15 = 0.26，而不是 0.30。"
            "应当把其余权重乘以 0.70 / 0.85。")),
        Mistake(lambda a, e: set(a) == _service_taken_from_wallet(), T(
            "You took the extra 0.15 from share of wallet alone. The question rescales all the other weights "
            "in proportion.",
            "你把多出的 0.15 全部从钱夹份额中扣除了。题目要求其余权重按比例缩放。")),
        Mistake(lambda a, e: set(a) == {"K01", "K38", "K44"}, T(
            "Those are the chapter's accounts for a heavier margin_effect. This question changes service_rating, "
            "a relationship indicator.",
            "这些是本章中加重 `margin_effect` 时变化的客户。本题改变的是关系状况指标 `service_rating`。")),
        Mistake(lambda a, e: not all(str(x).startswith("K") for x in a), T(
            "Give the account ids (such as `K01`), not strategies or scores.",
            "请给出客户编号（如 `K01`），而不是策略或得分。")),
    ],
)

# --- growth and relationship types -----------------------------------------------------------------

q5 = Question(
    "q5",
    chapter=CHAPTER,
    expected=lambda: float(_growth().loc["expansion", "share"]),
    hints=[
        T("Keep only the transactions before 1 July 2024 (all of 2023 included), then split at 2024-01-01 as in the "
          "chapter: the later period is the first half of 2024. Keep 2023: the earlier period tells existing "
          "customers and products from new ones; without it `growth_matrix` refuses the split.",
          "只保留 2024 年 7 月 1 日之前的交易（包括 2023 年全年），再像本章一样以 2024-01-01 为分界：后一时期就是 "
          "2024 年上半年。要保留 2023 年：前一时期用来区分现有与新的客户和产品；没有它，`growth_matrix` 会拒绝这个分界。"),
        T("`crm.growth_matrix(tx[tx['date'] < '2024-07-01'], split='2024-01-01')`; read the `share` of the row "
          "whose `cell` is 'expansion'.",
          "`crm.growth_matrix(tx[tx['date'] < '2024-07-01'], split='2024-01-01')`；读取 `cell` 为 "
          "`'expansion'` 那一行的 `share`。"),
    ],
    mistakes=[
        Mistake(lambda a, e: _close(a, _growth().loc["expansion", "revenue"]), T(
            "That is expansion's revenue in CNY. The question asks for its SHARE of January-June 2024 revenue: "
            "the `share` column (or revenue divided by the half-year's total).",
            "这是客户扩充的收入（元）。题目问的是它占 2024 年 1-6 月收入的比例：`share` 列（或收入除以上半年总收入）。")),
        Mistake(lambda a, e: 1 < float(a) <= 100, T(
            "Give the share as a fraction between 0 and 1, not as a percentage.",
            "请以 0 到 1 之间的小数给出占比，而不是百分数。")),
        Mistake(lambda a, e: _close(a, _growth(first_half=False).loc["expansion", "share"]), T(
            "That is the share for the whole of 2024, the chapter's case. Keep only the transactions before "
            "1 July 2024.",
            "这是整个 2024 年的占比，即本章的例子。请只保留 2024 年 7 月 1 日之前的交易。")),
        Mistake(lambda a, e: _close(a, _growth().loc["expansion", "revenue"] / _first_half_revenue_of_both_years()), T(
            "You divided by the revenue of 2023 and the first half of 2024. The growth matrix splits the later "
            "period only: divide by the revenue of January-June 2024.",
            "你除以的是 2023 年和 2024 年上半年的总收入。客户增长矩阵只划分后一时期：请除以 2024 年 1-6 月的收入。")),
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

CASE_COACHING = {
    1: T("Case 1 is the first that is not right yet. The IT firm rebuilds its systems around each hospital and the "
         "hospitals change nothing: who adapts to whom? The type where the firm follows each customer's process is "
         "the one.",
         "案例 1 是第一个还不对的。IT 公司围绕每家医院重建系统，医院什么都不改：是谁适应谁？"
         "企业遵循每位客户流程的那种类型才对。"),
    2: T("Case 2 is the first that is not right yet. At the flea-market stall neither side changes anything for the "
         "other: no relationship strategy at all.",
         "案例 2 是第一个还不对的。在跳蚤市场的摊位上，双方都没有为对方做任何改变：根本不存在关系战略。"),
    3: T("Case 3 is the first that is not right yet. Every shopper follows the chain's one process and the chain "
         "changes nothing for any shopper: the customer adapts to the firm.",
         "案例 3 是第一个还不对的。每位顾客都遵循连锁店统一的流程，连锁店不为任何顾客做改变：是客户适应企业。"),
    4: T("Case 4 is the first that is not right yet. Both firms have rebuilt their processes around each other: "
         "the type where both sides adapt and are tightly coupled.",
         "案例 4 是第一个还不对的。两家企业都围绕对方重建了流程：双方相互适应、紧密结合的那种类型。"),
}


def _first_wrong_case(answer, expected) -> int | None:
    """The number (1-4) of the first case whose type is wrong."""
    return next((i + 1 for i, (a, e) in enumerate(zip(answer, expected)) if str(a).strip().lower() != e), None)


q6 = Question(
    "q6",
    chapter=CHAPTER,
    expected=lambda: ["velcro", "none", "hook", "zipper"],
    hints=[
        T("Ask for each case: who adapts to whose process, the firm, the customer, both, or neither?",
          "对每个案例问一问：是谁适应谁的流程，企业、客户、双方，还是谁都不适应？"),
        T("Hook: the customer adapts to the firm's process. Velcro: the firm adapts to each customer. "
          "Zipper: both adapt and are tightly coupled. None: nobody adapts.",
          "扣钩：客户适应企业的流程。维可牢：企业适应每位客户。拉链：双方相互适应、紧密结合。无：谁都不适应。"),
    ],
    mistakes=[
        Mistake(lambda a, e: any(str(x) not in TYPE_CODES for x in a), T(
            "Use the type codes " + ", ".join(f"`{c!r}`" for c in TYPE_CODES) + ".",
            "请使用类型代码 " + "、".join(f"`{c!r}`" for c in TYPE_CODES) + "。")),
        Mistake(lambda a, e: len(a) != 4, T("Give one type for each of the four cases, in order.",
                                            "请按顺序为四个案例各给出一个类型。")),
        *[Mistake(lambda a, e, case=case: _first_wrong_case(a, e) == case, says) for case, says in CASE_COACHING.items()],
    ],
)

# --- decisions --------------------------------------------------------------------------------------

q7 = Choice(
    "q7",
    chapter=CHAPTER,
    options={
        "a": T("Exit: we hold little of its business, so stop calling on it and free the team for others.",
               "退出：我们在它那里的业务很少，停止拜访，把团队腾给别的客户。"),
        "b": T("Core account at once: visits at every level, joint projects, special prices on all its business.",
               "立即当作核心客户：各层级拜访、联合项目，全部业务给特别价格。"),
        "c": T("Selective effort: invest where our service can beat the incumbent, and track share of wallet.",
               "有选择地投入：在能胜过现有供应商之处投入，跟踪钱夹份额。"),
        "d": T("Minimal contact: a competitor's loyal customer cannot be won, so keep calls to a minimum.",
               "尽量少接触：竞争对手的忠诚客户争取不过来，拜访降到最少。"),
    },
    answer="c",
    coaching={
        "a": T("Exit is the cell low attractiveness x poor relationship. K26 is highly attractive: leaving it gives "
               "a valuable account to the competitor for good.",
               "退出对应的是低吸引力 × 关系差的格子。K26 的吸引力很高：退出就等于把一个有价值的客户永远让给竞争对手。"),
        "b": T("Full core-account treatment is for develop & defend, where our position is already good. Here we "
               "hardly serve K26: spending as on a core account before we know we can win it is the risk of "
               "spreading resources where they may not pay.",
               "全面的核心客户待遇适用于“发展、防御”，即我们已有良好地位的客户。我们几乎没有服务到 K26："
               "在不确定能否赢得它之前就按核心客户投入，正是把资源投向可能没有回报之处的风险。"),
        "d": T("Minimal retention is the cell for medium attractiveness x poor relationship. An account this "
               "attractive deserves a selective effort; whether it is convertible is what the effort finds out.",
               "少量保持对应的是中等吸引力 × 关系差的格子。吸引力这么高的客户值得有选择地投入；"
               "它是否可以转化，正是这种投入要检验的。"),
    },
    hints=[
        T("Place K26 first: its attractiveness and relationship scores give its cell and the strategy code.",
          "先确定 K26 的位置：它的吸引力和关系状况得分决定了格子和策略代码。"),
        T("K26 is high x poor: selective retention (选择性保持). 'Selective' means effort where we can win, not "
          "everywhere and not nowhere.",
          "K26 属于高 × 差：选择性保持。“选择性”是指在我们能赢的地方投入，既不是处处投入，也不是完全不投入。"),
    ],
)

q8 = Choice(
    "q8",
    chapter=CHAPTER,
    options={
        "a": T("Existing customers who have not bought wellness yet: cross-sell it to them (expansion).",
               "还没买过保健类的现有客户：向他们交叉销售（客户扩充）。"),
        "b": T("People who have never bought from the chain: win them with wellness (diversification).",
               "从未在本连锁店购买过的人：用保健类赢得他们（客户多样化）。"),
        "c": T("Nobody in particular: wellness sells itself, so fund the old categories instead (loyalty).",
               "不针对任何人：保健类自己能卖，把预算投到老品类（客户忠诚）。"),
        "d": T("Last year's one-time buyers who never came back: win them back with the new category.",
               "去年只买过一次、再没回来的客户：用新品类把他们赢回来。"),
    },
    answer="a",
    coaching={
        "b": T("Diversification, new customers with a new product, is the riskiest cell and the smaller one in "
               "the first half-year. The matrix's lesson is that loyal customers are the first to try new products.",
               "客户多样化（新客户、新产品）是风险最高的格子，而且在上半年也是较小的那一个。"
               "矩阵的启示是：忠诚客户最先尝试新产品。"),
        "c": T("Loyalty is the core, but the question is how to grow the new category: existing customers already "
               "bring most of its revenue, and many have not tried it yet.",
               "客户忠诚是核心，但问题是如何让新品类增长：新品类的大部分收入已经来自现有客户，而且还有许多现有客户没有尝试过。"),
        "d": T("Lapsed one-time buyers have shown little attachment; a new category is a weak reason to return. "
               "Win-back is a lifecycle decision judged by the lost customer's value, not a launch plan.",
               "流失的一次性购买者没有表现出多少依恋；一个新品类很难成为他们回来的理由。"
               "赢回是生命周期中的决策，要看流失客户的价值，而不是新品上市计划。"),
    },
    hints=[
        T("Compare the expansion and diversification cells of the first half of 2024 (question 5).",
          "比较 2024 年上半年客户扩充与客户多样化两个格子（第 5 题）。"),
        T("Expansion is larger than diversification: existing customers trust the chain enough to try wellness. "
          "Who is the cheapest, least risky audience for the launch?",
          "客户扩充大于客户多样化：现有客户足够信任这家连锁店，愿意尝试保健类。对新品推广来说，谁是成本最低、风险最小的对象？"),
    ],
)

q9 = Choice(
    "q9",
    chapter=CHAPTER,
    options={
        "a": T("Go ahead: the matrix says develop, so give K35 its new account team this quarter.",
               "照做：矩阵说要发展，本季度就给 K35 配新的客户团队。"),
        "b": T("Exit K35: an account so close to 'low' attractiveness is not worth the team's time.",
               "退出 K35：吸引力这么接近“低”的客户不值得团队花时间。"),
        "c": T("Check first: have K35 scored again by a second expert, and serve it as today meanwhile.",
               "先核查：请第二位专家给 K35 重新评分，其间照常服务它。"),
        "d": T("Adjust: raise the weight of an indicator K35 scores well on until it is clearly medium.",
               "调整：提高 K35 得分高的某个指标的权重，直到它明确落在“中”档。"),
    },
    answer="c",
    coaching={
        "a": T("The strategy hangs on a difference smaller than the experts' own disagreement: a weight change of "
               "about 0.03 moves K35 to 'low' (selective defence). Acting on it without a check commits a team to a "
               "coin toss.",
               "这个策略取决于一个比专家之间分歧还小的差距：权重变化约 0.03 就会让 K35 落到“低”档（选择性防御）。"
               "不加核查就行动，等于让一个团队押在抛硬币上。"),
        "b": T("Even at 'low' K35 would be selective defence, never exit: its relationship with us is good. Exit is "
               "for low attractiveness and a poor relationship.",
               "即使落到“低”档，K35 也是选择性防御，而不是退出：它与我们的关系很好。退出只适用于低吸引力且关系差的客户。"),
        "d": T("Tuning the weights until the wanted answer comes out defeats the tool: weights are set for all "
               "accounts before looking at any one of them.",
               "调整权重直到得出想要的结果，就让这个工具失去了意义：权重应当在看任何一个客户之前为所有客户统一确定。"),
    },
    hints=[
        T("The cell above tells you K35's attractiveness and the smallest weight change that moves it. How far is "
          "K35 from the low/medium cut (2.33), compared with how much two experts' weights could differ?",
          "上面的单元格给出了 K35 的吸引力得分，以及让它换档的最小权重变化。K35 离低/中分界（2.33）有多远？"
          "与两位专家的权重可能相差的幅度相比如何？"),
        T("A shift of about 0.03 in one weight, less than experts disagree by, turns develop into selective "
          "defence. So the strategy is not yet known: which option makes sure of it before a team is committed, "
          "without dropping the account meanwhile?",
          "某个权重只要变动约 0.03（比专家之间的分歧还小），“发展”就会变成“选择性防御”。所以策略其实还没有确定："
          "哪个选项能在投入团队之前把它弄清楚，同时又不在此期间放弃这个客户？"),
    ],
)

def crm_weighted(ns) -> pd.Series:
    """The one-value Series of q1's hint, before `.iloc[0]`."""
    return weighted_score(ns["accounts"].loc[[ACCOUNT], list(BURNETT_RELATIONSHIP)], BURNETT_RELATIONSHIP)


# Typical wrong answers and the coaching each must trigger, built from a solved notebook's
# variables (tests/test_exercises.py checks every one).
WRONG_ANSWERS = {
    "q1": lambda ns: [
        (crm_weighted(ns), ".iloc[0]"),
        (ns["accounts"].loc[ACCOUNT, list(BURNETT_RELATIONSHIP)].mean(), "plain average"),
        (_scores().loc[ACCOUNT, "attractiveness"], "the dimension the chapter computed"),
        (ns["answer"] * 100, "percent"),
    ],
    "q2": lambda ns: [
        (ns["answer"] * 0.27, "sum to 0.27"),
        (_scores().loc[ACCOUNT, "attractiveness"], "all 18"),
        (ns["accounts"].loc[ACCOUNT, list(FORM_WEIGHTS)].mean(), "plain average of the six"),
    ],
    "q3": lambda ns: [
        (pd.Series(_strategies(ACCOUNTS, cuts=CUTS), index=ACCOUNTS), ".tolist()"),
        (_strategies(ACCOUNTS), "default cuts"),
        (_strategies(ACCOUNTS, swapped=True, cuts=CUTS), "swapped the axes"),
        (["Selective retention", "Selective defence", "Develop"], "codes"),
        (ns["answer"][:2], "each of the three"),
    ],
    "q4": lambda ns: [
        (set(), "No account changed"),
        (pd.Index(sorted(_service_doubled_normalized())), "0.30 / 1.15"),
        (_service_doubled_normalized(), "0.30 / 1.15"),
        (_service_taken_from_wallet(), "share of wallet alone"),
        ({"K01", "K38", "K44"}, "margin_effect"),
        ({"develop", "exit"}, "account ids"),
    ],
    "q5": lambda ns: [
        (ns["growth"].set_index("cell").loc["expansion", "revenue"], "SHARE"),
        (ns["answer"] * 100, "fraction"),
        (_growth(first_half=False).loc["expansion", "share"], "whole of 2024"),
        (ns["growth"].set_index("cell").loc["expansion", "revenue"] / ns["first_half"]["amount"].sum(), "2023 and"),
        (ns["growth"].set_index("cell").loc["diversification", "share"], "diversification"),
        (ns["growth"].set_index("cell").loc[["expansion", "diversification"], "share"].sum(), "new category"),
    ],
    "q6": lambda ns: [
        (["hook", "none", "velcro", "zipper"], "Case 1 is the first"),
        (["velcro", "none", "hook", "both"], "Use the type codes"),
        (["velcro", "none", "hook"], "each of the four"),
        (["velcro", "none", "hook", "velcro"], "Case 4 is the first"),
        (["velcro", "hook", "hook", "zipper"], "Case 2 is the first"),
        (["velcro", "none", "velcro", "zipper"], "Case 3 is the first"),
    ],
    "q7": lambda ns: [("a", "Exit is the cell"), ("b", "develop & defend"), ("d", "Minimal retention is")],
    "q8": lambda ns: [("b", "riskiest cell"), ("c", "grow the new category"), ("d", "Lapsed")],
    "q9": lambda ns: [("a", "coin toss"), ("b", "never exit"), ("d", "Tuning the weights")],
}
