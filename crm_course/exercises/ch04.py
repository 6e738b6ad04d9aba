"""Chapter 04, customer-oriented culture: the chapter's measures applied to other weights, segments and thresholds.

The chapter computes SERVQUAL gaps on the whole survey, unweighted and weighted by the outlets' mean
importance, the satisfaction trap with "satisfied" from 6, the loyalty index with equal weights, Tucker's
rule by quarter, the Wallet Allocation Rule for three brands and the NPS of all outlets. The questions
here use a head office's weights, a key-account team's weights on the supermarkets, the NPS of the
satisfied outlets, the trap among tobacco and liquor shops with "satisfied" from 7, the loyalty of the
defectors on other weights, the share loyal by Tucker's rule by month and four suppliers; two ask what a result means for
a manager.
"""

from __future__ import annotations

import math
from functools import cache

import pandas as pd

from ..data.catalog import load_dataset
from ..models.loyalty import loyalty_index, nps, tucker_loyalty, wallet_allocation
from ..models.satisfaction import SERVQUAL_DIMENSIONS, satisfaction_trap, servqual_summary, servqual_weights
from .engine import Choice, Mistake, Question, T, percent_for_fraction

__all__ = ["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9", "HEAD_OFFICE_WEIGHTS", "KEY_ACCOUNT_POINTS",
           "LOYALTY_WEIGHTS_REPURCHASE", "WRONG_ANSWERS"]

CHAPTER = "04_culture"
# q1: the head office's own view of what matters (weights summing to 1).
HEAD_OFFICE_WEIGHTS = {"tangibles": 0.05, "reliability": 0.40, "responsiveness": 0.25, "assurance": 0.15,
                       "empathy": 0.15}
# q2: the supermarkets' key-account team's importance points (sum 100).
# q2: on these points the supermarkets put assurance first, the whole survey responsiveness, the unweighted gaps
# reliability: each slip gives its own answer.
KEY_ACCOUNT_POINTS = {"tangibles": 25, "reliability": 5, "responsiveness": 15, "assurance": 30, "empathy": 25}
# q3: the satisfied outlets (6 or 7). q4: the tobacco and liquor shops, "satisfied" only from 7.
SATISFIED_FROM, TRAP_FORMAT, TRAP_FROM = 6, "tobacco_liquor", 7
# q5: a loyalty index that weighs repurchase intention most.
LOYALTY_WEIGHTS_REPURCHASE = {"repurchase_intention": 0.4, "cross_purchase_intention": 0.2,
                              "referral_intention": 0.2, "price_tolerance": 0.2}
# q6: Tucker's rule by month. q7: four suppliers, we rank second.
TUCKER_FREQ, TUCKER_RUN = "M", 3
WALLET_N, WALLET_RANK = 4, 2
DIMENSION_CODES = list(SERVQUAL_DIMENSIONS)


@cache
def _survey() -> pd.DataFrame:
    return load_dataset("service_survey")


def _format(code: str) -> pd.DataFrame:
    survey = _survey()
    return survey[survey["business_format"] == code]


def _index(weights=None, negative=None, survey=None) -> float:
    options = {} if negative is None else {"negative": negative}
    return float(servqual_summary(_survey() if survey is None else survey, weights=weights, **options).attrs["index"])


def _outlet_weights() -> pd.Series:
    return servqual_weights(_survey())


def _first(points: dict[str, float], *, weighted: bool = True, segment: str | None = "supermarket") -> str:
    survey = _format(segment) if segment else _survey()
    summary = servqual_summary(survey, weights={d: p / 100 for d, p in points.items()})
    column = "weighted_gap" if weighted else "gap"
    return str(summary[column].idxmin())


def _nps_from(low: int, *, promoters_from: int = 9) -> float:
    chosen = _survey()[_survey()["satisfaction"] >= low]["recommend"]
    if promoters_from == 9:
        return nps(chosen)
    return float(100 * ((chosen >= promoters_from).mean() - (chosen <= 6).mean()))


def _trap(survey: pd.DataFrame, satisfied_from: int, measure: str = "defectors_satisfied") -> float:
    return float(satisfaction_trap(survey, satisfied_from=satisfied_from).attrs[measure])


def _satisfied_who_defected(survey: pd.DataFrame, satisfied_from: int) -> float:
    return 1 - _trap(survey, satisfied_from, "satisfied_retained")


def _loyalty(weights=None, defected: int | None = 1) -> float:
    survey = _survey()
    index = loyalty_index(survey, weights=weights)
    return float(index.mean() if defected is None else index[survey["defected"] == defected].mean())


@cache
def _tucker(freq: str, run: int) -> pd.DataFrame:
    return tucker_loyalty(load_dataset("retail"), freq=freq, run=run)


def _loyal(freq: str = TUCKER_FREQ, run: int = TUCKER_RUN) -> int:
    return int(_tucker(freq, run)["loyal"].sum())


def _loyal_share(freq: str = TUCKER_FREQ, run: int = TUCKER_RUN) -> float:
    return float(_tucker(freq, run)["loyal"].mean())


def _wallet(n: int, rank: int) -> float:
    return float(wallet_allocation(n).loc[rank])


def _close(a, b, tol: float = 1e-3) -> bool:
    return math.isclose(float(a), float(b), rel_tol=tol, abs_tol=1e-9)


# --- SERVQUAL -------------------------------------------------------------------------------------

q1 = Question(
    "q1",
    chapter=CHAPTER,
    expected=lambda: _index(HEAD_OFFICE_WEIGHTS),
    hints=[
        T("The chapter weighted the gaps by the outlets' own mean importance. Use the head office's weights "
          "`ex.HEAD_OFFICE_WEIGHTS` instead: they already sum to 1.",
          "本章用零售客户自己的平均重要性给差距加权。请改用总部的权重 `ex.HEAD_OFFICE_WEIGHTS`：它们之和已经是 1。"),
        T("`crm.servqual_summary(survey, weights=ex.HEAD_OFFICE_WEIGHTS).attrs['index']` is the weighted index.",
          "`crm.servqual_summary(survey, weights=ex.HEAD_OFFICE_WEIGHTS).attrs['index']` 就是加权指数。"),
    ],
    mistakes=[
        Mistake(lambda a, e: float(a) != e and (float(a) == round(e, 1) or float(a) == round(e, 2)), T(
            "That is the right index rounded too far. Give at least 3 significant figures (or do not round).",
            "这是把正确的指数舍入得太多了。请至少给出 3 位有效数字（或者不要四舍五入）。")),
        Mistake(lambda a, e: _close(a, _index()), T(
            "That is the plain mean of the five dimension gaps: every dimension weighed the same. Weight each gap "
            "with the head office's weights.",
            "这是五个维度差距的简单平均，每个维度的分量相同。请用总部的权重给每个差距加权。")),
        Mistake(lambda a, e: _close(a, _index(weights=_outlet_weights())), T(
            "That is the index weighted by the outlets' own mean importance, the chapter's case. The question uses "
            "the head office's weights.",
            "这是用零售客户自己的平均重要性加权的指数，即本章的例子。本题使用总部的权重。")),
        Mistake(lambda a, e: _close(a, _index(HEAD_OFFICE_WEIGHTS, negative=())), T(
            "The negatively worded items (10-13 and 18-22) were not reversed: agreeing with 'staff are too busy' is "
            "bad news. Keep the default `negative=crm.SERVQUAL_NEGATIVE`.",
            "反向表述的题项（10-13 和 18-22）没有反转：同意“员工太忙”是坏消息。请保留默认的 "
            "`negative=crm.SERVQUAL_NEGATIVE`。")),
        Mistake(lambda a, e: _close(a, 100 * e), T(
            "That is 100 times too large: were the weights typed as points (40 instead of 0.40)? Weights sum to 1.",
            "结果大了 100 倍：是否把权重写成了分值（40 而不是 0.40）？权重之和应为 1。")),
    ],
)


q2 = Question(
    "q2",
    chapter=CHAPTER,
    expected=lambda: _first(KEY_ACCOUNT_POINTS),
    choices=DIMENSION_CODES,
    hints=[
        T("Keep only the supermarkets. Turn the team's points `ex.KEY_ACCOUNT_POINTS` into weights (divide by 100) "
          "and weight the supermarkets' own gaps.",
          "只保留超市。把该团队的分值 `ex.KEY_ACCOUNT_POINTS` 换算成权重（除以 100），再给超市自己的差距加权。"),
        T("In `crm.servqual_summary(supermarkets, weights=...)` the dimension with `priority` 1 has the most "
          "negative weighted gap; answer with its code, e.g. `'empathy'`.",
          "在 `crm.servqual_summary(supermarkets, weights=...)` 中，`priority` 为 1 的维度加权差距最负；"
          "请回答它的代码，例如 `'empathy'`。"),
    ],
    mistakes=[
        Mistake(lambda a, e: str(a).strip().lower() == _first(KEY_ACCOUNT_POINTS, weighted=False), T(
            "That dimension has the largest gap when every dimension counts the same, the chapter's answer. The "
            "team gives it only 5 points: multiply each gap by its weight before you compare.",
            "在各维度分量相同时，这个维度的差距最大，即本章的答案。但该团队只给了它 5 分：请先把每个差距乘以权重再比较。")),
        Mistake(lambda a, e: str(a).strip().lower() == _first(KEY_ACCOUNT_POINTS, segment=None), T(
            "That is what comes first on these weights for the whole survey. The team serves the supermarkets, whose "
            "gaps differ: keep them only (`survey[survey['business_format'] == 'supermarket']`).",
            "这是在这些权重下全部调查样本的首要维度。该团队服务的是超市，超市的差距不同：请只保留超市"
            "（`survey[survey['business_format'] == 'supermarket']`）。")),
        Mistake(lambda a, e: str(a).strip().lower() == "tangibles", T(
            "Tangibles is the one dimension that exceeds the supermarkets' expectations (a positive gap): there "
            "is no shortfall to fix there.",
            "有形性是唯一超出超市期望的维度（差距为正）：那里没有需要弥补的不足。")),
    ],
)

# --- NPS and the trap -----------------------------------------------------------------------------

q3 = Question(
    "q3",
    chapter=CHAPTER,
    expected=lambda: _nps_from(SATISFIED_FROM),
    hints=[
        T("Keep the outlets whose overall `satisfaction` is 6 or 7, then compute the NPS of their `recommend` "
          "answers.",
          "保留总体满意度 `satisfaction` 为 6 或 7 的客户，再计算他们 `recommend` 回答的净推荐值。"),
        T("`crm.nps(survey.loc[survey['satisfaction'] >= 6, 'recommend'])`, in points from -100 to 100, two "
          "decimals.",
          "`crm.nps(survey.loc[survey['satisfaction'] >= 6, 'recommend'])`，单位是 -100 到 100 的分，保留两位小数。"),
    ],
    mistakes=[
        Mistake(lambda a, e: _close(a, nps(_survey()["recommend"])), T(
            "That is the NPS of all outlets, the chapter's figure. Keep only the satisfied ones (6 or 7).",
            "这是全部客户的净推荐值，即本章的数字。请只保留满意的客户（6 或 7）。")),
        Mistake(lambda a, e: _close(a, _nps_from(7)), T(
            "You kept only the very satisfied (7). Satisfied or very satisfied means 6 and 7 both count: "
            "`survey['satisfaction'] >= 6`.",
            "你只保留了非常满意（7）的客户。满意或非常满意表示 6 和 7 都算：`survey['satisfaction'] >= 6`。")),
        Mistake(lambda a, e: _close(a, _nps_from(5)), T(
            "You counted 5 ('somewhat satisfied') as satisfied. The question means satisfied or very satisfied: "
            "6 or 7.",
            "你把 5（“有些满意”）也算作满意。题目指的是满意或非常满意：6 或 7。")),
        Mistake(lambda a, e: _close(a, _nps_from(SATISFIED_FROM, promoters_from=7)), T(
            "Passives (7-8) are not promoters: only 9 and 10 count as promoters, 0-6 as detractors.",
            "被动者（7-8 分）不是推荐者：只有 9 和 10 分算推荐者，0-6 分算贬损者。")),
        Mistake(lambda a, e: _close(a, e / 100), T(
            "The NPS is given in points (percent promoters minus percent detractors), not as a fraction: multiply "
            "by 100.",
            "净推荐值以分表示（推荐者百分比减贬损者百分比），而不是小数：请乘以 100。")),
    ],
)

q4 = Question(
    "q4",
    chapter=CHAPTER,
    expected=lambda: _trap(_format(TRAP_FORMAT), TRAP_FROM),
    hints=[
        T("Keep the tobacco and liquor shops (`business_format == 'tobacco_liquor'`) and count as satisfied only "
          "the answer 7.",
          "保留烟酒店（`business_format == 'tobacco_liquor'`），只把回答 7 的算作满意。"),
        T("`crm.satisfaction_trap(shops, satisfied_from=7).attrs['defectors_satisfied']`: a fraction, three "
          "decimals.",
          "`crm.satisfaction_trap(shops, satisfied_from=7).attrs['defectors_satisfied']`：小数，保留三位。"),
    ],
    mistakes=[
        Mistake(lambda a, e: _close(a, _trap(_survey(), TRAP_FROM)), T(
            "That is the share among the defectors of all formats. Keep only the tobacco and liquor shops.",
            "这是所有业态流失客户中的比例。请只保留烟酒店。")),
        Mistake(lambda a, e: _close(a, _trap(_format(TRAP_FORMAT), TRAP_FROM, "satisfied_share")), T(
            "That is the share of all the shops that were very satisfied. The question asks about the shops that "
            "defected only: among them, what share had been very satisfied (`defectors_satisfied`)?",
            "这是全部烟酒店中非常满意的比例。题目只问已流失的店：在它们当中，曾经非常满意的比例是多少"
            "（`defectors_satisfied`）？")),
        Mistake(lambda a, e: float(a) > 1 and float(a).is_integer(), T(
            "That looks like a number of shops. The question asks for a share of the defectors: divide by how many "
            "defected (or read `defectors_satisfied`).",
            "这看起来是店的数量。题目要的是流失店中的比例：请除以流失的店数（或读取 `defectors_satisfied`）。")),
        Mistake(lambda a, e: _close(a, _trap(_format(TRAP_FORMAT), 6)), T(
            "That counts 6 and 7 as satisfied, the chapter's threshold. Here only the very satisfied (7) count.",
            "这是把 6 和 7 都算作满意，即本章的分界。本题只把非常满意（7）算作满意。")),
        Mistake(lambda a, e: _close(a, _satisfied_who_defected(_format(TRAP_FORMAT), TRAP_FROM)), T(
            "That is the share of the very satisfied shops that defected. The trap is the other way round: of the "
            "shops that defected, how many had been very satisfied?",
            "这是非常满意的烟酒店中流失的比例。满意陷阱问的是反过来的问题：流失的烟酒店中，有多少曾经非常满意？")),
        percent_for_fraction(),
    ],
)

# --- loyalty --------------------------------------------------------------------------------------

q5 = Question(
    "q5",
    chapter=CHAPTER,
    expected=lambda: _loyalty(LOYALTY_WEIGHTS_REPURCHASE),
    hints=[
        T("`crm.loyalty_index(survey, weights=ex.LOYALTY_WEIGHTS_REPURCHASE)` gives every outlet's index; average "
          "it over the outlets with `defected == 1`.",
          "`crm.loyalty_index(survey, weights=ex.LOYALTY_WEIGHTS_REPURCHASE)` 给出每个客户的指数；再对 "
          "`defected == 1` 的客户求平均。"),
        T("The index runs from 0 to 100; give the mean to one decimal.",
          "指数在 0 到 100 之间；平均值保留一位小数。"),
    ],
    mistakes=[
        Mistake(lambda a, e: _close(a, _loyalty()), T(
            "That is the defectors' mean with equal weights, the chapter's index. Use the weights that stress "
            "repurchase intention.",
            "这是等权重下流失客户的平均值，即本章的指数。请使用侧重重复购买意向的权重。")),
        Mistake(lambda a, e: _close(a, _loyalty(LOYALTY_WEIGHTS_REPURCHASE, defected=None)), T(
            "That is the mean over all outlets. The question asks about the outlets that defected.",
            "这是全部客户的平均值。题目问的是流失的客户。")),
        Mistake(lambda a, e: _close(a, _loyalty(LOYALTY_WEIGHTS_REPURCHASE, defected=0)), T(
            "That is the mean of the outlets that stayed (`defected == 0`). Take those with `defected == 1`.",
            "这是留下的客户（`defected == 0`）的平均值。请取 `defected == 1` 的客户。")),
        Mistake(lambda a, e: _close(a, e / 100), T(
            "The loyalty index runs from 0 to 100, not from 0 to 1.", "忠诚度指数在 0 到 100 之间，而不是 0 到 1。")),
    ],
)

q6 = Question(
    "q6",
    chapter=CHAPTER,
    expected=lambda: _loyal_share(),
    hints=[
        T("Tucker's rule is `crm.tucker_loyalty(tx, freq=..., run=3)`; the chapter read it by quarter (`'Q'`). "
          "Use months.",
          "Tucker 规则是 `crm.tucker_loyalty(tx, freq=..., run=3)`；本章按季度（`'Q'`）计算。请改为按月。"),
        T("`crm.tucker_loyalty(tx, freq='M', run=3)['loyal'].mean()` is the share of the customers who are loyal: "
          "a fraction, three decimals.",
          "`crm.tucker_loyalty(tx, freq='M', run=3)['loyal'].mean()` 是忠诚客户所占的比例：小数，保留三位。"),
    ],
    mistakes=[
        Mistake(lambda a, e: _close(a, _loyal_share("Q", 3)), T(
            "That is the share by quarter, the chapter's case. Three months in a row is a stricter test: use "
            "`freq='M'`.",
            "这是按季度的比例，即本章的例子。连续三个月是更严格的检验：请使用 `freq='M'`。")),
        Mistake(lambda a, e: _close(a, _loyal() / len(load_dataset("retail_customers"))), T(
            "You divided by all the members of the loyalty programme. Tucker's share is of the customers who bought "
            "in the data (`tx`): the mean of the `loyal` column.",
            "你除以的是会员计划的全部会员。`Tucker` 的比例是针对数据中有购买的客户（`tx`）：即 `loyal` 列的均值。")),
        Mistake(lambda a, e: _close(a, _loyal_share("M", 2)), T(
            "That is the share with two months in a row. Tucker asks for three consecutive purchases: `run=3`.",
            "这是连续两个月购买的客户比例。Tucker 要求连续三次购买：`run=3`。")),
        Mistake(lambda a, e: float(a) == _loyal(), T(
            "That is the number of loyal customers. The question asks for their share of all customers: divide by "
            "the number of customers.",
            "这是忠诚客户的人数。题目问的是他们占全部客户的比例：请除以客户总数。")),
        percent_for_fraction(),
    ],
)

q7 = Question(
    "q7",
    chapter=CHAPTER,
    expected=lambda: _wallet(WALLET_N, WALLET_RANK),
    hints=[
        T("The Wallet Allocation Rule: share(i) = (1 - i / (n + 1)) x 2 / n, with n the number of suppliers the "
          "outlet uses and i our rank among them.",
          "钱包分配法则：份额(i) = (1 - i / (n + 1)) × 2 / n，其中 n 是该客户使用的供应商数，i 是我们的排名。"),
        T("`crm.wallet_allocation(4)` lists the shares of ranks 1-4; read rank 2 (a fraction, two decimals).",
          "`crm.wallet_allocation(4)` 列出第 1-4 名的份额；读取第 2 名（小数，保留两位）。"),
    ],
    mistakes=[
        Mistake(lambda a, e: _close(a, 1 / WALLET_N), T(
            "0.25 is an equal share of four, or (1 - i / n) x 2 / n: the rule divides the rank by n + 1, and "
            "ranks higher than the last get more than an equal share.",
            "0.25 是四家平分的份额，或者是 (1 - i / n) × 2 / n：法则中排名要除以 n + 1，排名靠前的供应商得到的份额高于平均份额。")),
        Mistake(lambda a, e: _close(a, _wallet(WALLET_N, 1)), T(
            "That is the favourite's share (rank 1). We rank second.", "这是排名第一的供应商的份额。我们排第二。")),
        Mistake(lambda a, e: _close(a, _wallet(3, WALLET_RANK)), T(
            "That is rank 2 among three suppliers, the chapter's example. The outlet uses four.",
            "这是三家供应商中第 2 名的份额，即本章的例子。该客户使用四家。")),
        percent_for_fraction(),
    ],
)

# --- decisions ------------------------------------------------------------------------------------

q8 = Choice(
    "q8",
    chapter=CHAPTER,
    options={
        "a": T("Cut the budget for vans and the service hall: the outlets already get more than they expect there, so "
               "the money is better saved.",
               "削减车辆和服务大厅的预算：零售客户在这方面得到的已经超出期望，这笔钱省下来更好。"),
        "b": T("Hold tangibles at today's standard and spend the next improvement budget on reliability, the largest "
               "weighted shortfall.",
               "把有形性保持在现有标准，把下一笔改进预算用在加权差距最大的可靠性上。"),
        "c": T("Spend more on tangibles: it is the distributor's one strength, and a strength is what a firm should "
               "build its image upon.",
               "在有形性上投入更多：这是配送企业唯一的优势，而企业应当在优势之上树立自己的形象。"),
        "d": T("Distrust the survey: most outlets say they are satisfied, so the four negative gaps it shows for the "
               "other dimensions must be wrong.",
               "不要相信这份调查：大多数客户说自己满意，所以它在其他维度上显示的四个负差距一定是错的。"),
    },
    answer="b",
    coaching={
        "a": T("A positive gap means expectations are met today, not that the vans could go: cut them and the gap "
               "turns negative. Hold the standard and spend the next money elsewhere.",
               "正差距表示目前期望得到了满足，而不是车辆可以不要：削减它们，差距就会变成负的。"
               "保持标准，把下一笔钱花在别处。"),
        "c": T("Tangibles carries the smallest weight (about 11 of 100 points): more of it adds little to the outlets' "
               "judgement, while reliability falls short by more than a point where they care most.",
               "有形性的权重最小（100 分中约 11 分）：在这方面多投入，对客户评价的提升很小；而可靠性在客户最看重的地方差了一分多。"),
        "d": T("Both are true at once: outlets judge their satisfaction against a neighbour's or last year's service, "
               "SERVQUAL against an excellent distributor. A satisfied customer can still see a large gap.",
               "两者可以同时成立：客户评价满意度时比照的是邻店或去年的服务，SERVQUAL 比照的是优秀的配送企业。"
               "满意的客户仍可能看到很大的差距。"),
    },
    hints=[
        T("Look at the tangibles row of the weighted summary: its gap and its weight.",
          "看看加权汇总表中有形性那一行：它的差距和权重。"),
        T("A gap above 0 means perception meets or beats expectation; the order of improvement follows weight x gap.",
          "差距大于 0 表示感知达到或超过期望；改进顺序按“权重 × 差距”排列。"),
    ],
)

q9 = Choice(
    "q9",
    chapter=CHAPTER,
    options={
        "a": T("Agree: satisfied customers stay, so with 85% of the outlets satisfied the money of the retention "
               "programme is better spent elsewhere.",
               "同意：满意的客户会留下，既然 85% 的客户满意，客户保持计划的钱最好花在别处。"),
        "b": T("Keep it, steered by loyalty (intentions, price tolerance, share of wallet): three in four defectors "
               "had said they were satisfied.",
               "保留它，并按忠诚度（购买意向、价格忍耐力、钱包份额）引导：四分之三的流失客户曾说自己满意。"),
        "c": T("Replace it with a push to lift every outlet from 6 to 7 on satisfaction: once all are very satisfied, "
               "the defections will stop.",
               "改为推动每个客户的满意度从 6 分提高到 7 分：一旦所有客户都非常满意，流失就会停止。"),
        "d": T("Stop asking about satisfaction at all: the answers say nothing about which outlets will leave, so they "
               "only cost survey time.",
               "完全不再询问满意度：这些回答对哪些客户会流失毫无说明，只会浪费调查时间。"),
    },
    answer="b",
    coaching={
        "a": T("That is the satisfaction trap itself: most of the outlets that left had said they were satisfied. "
               "Satisfaction is necessary, not sufficient, for staying.",
               "这正是满意陷阱：大多数流失的客户曾说自己满意。满意是留住客户的必要条件，而不是充分条件。"),
        "c": T("Very satisfied outlets do defect less than satisfied ones, but 70 of the very satisfied still left, "
               "and the loyalty index sorts the risk far better than satisfaction does.",
               "非常满意的客户确实比满意的客户流失得少，但仍有 70 个非常满意的客户流失了；而且忠诚度指数区分流失风险的能力远强于满意度。"),
        "d": T("Satisfaction still tells something: defection falls as satisfaction rises. It is a weak predictor, "
               "not a useless one; keep it beside the loyalty measures.",
               "满意度仍有信息：满意度越高，流失率越低。它是一个较弱的预测指标，而不是无用的指标；请把它与忠诚度指标一起保留。"),
    },
    hints=[
        T("Look at the share of defectors who had said they were satisfied, and at the defection rate by fifth of "
          "the loyalty index.",
          "看看流失客户中曾表示满意的比例，以及按忠诚度指数五等分的流失率。"),
        T("The trap: satisfied customers still leave for a better offer. What predicts leaving better than the "
          "satisfaction answer?",
          "满意陷阱：满意的客户仍会为了更好的条件而离开。什么比满意度回答更能预测流失？"),
    ],
)

# Typical wrong answers and the coaching each must trigger, built from a solved notebook's
# variables (tests/test_exercise_rules.py checks every one).
WRONG_ANSWERS = {
    "q1": lambda ns: [
        (_index(), "plain mean"),
        (_index(weights=_outlet_weights()), "the chapter's case"),
        (_index(HEAD_OFFICE_WEIGHTS, negative=()), "not reversed"),
        (ns["answer"] * 100, "100 times"),
        (round(ns["answer"], 1), "rounded too far"),
    ],
    "q2": lambda ns: [("reliability", "multiply each gap"), ("responsiveness", "whole survey"),
                      ("tangibles", "no shortfall")],
    "q3": lambda ns: [
        (nps(ns["survey"]["recommend"]), "all outlets"),
        (_nps_from(5), "somewhat satisfied"),
        (_nps_from(7), "6 and 7 both count"),
        (_nps_from(SATISFIED_FROM, promoters_from=7), "Passives"),
        (ns["answer"] / 100, "multiply by 100"),
    ],
    "q4": lambda ns: [
        (_trap(ns["survey"], TRAP_FROM), "all formats"),
        (_trap(_format(TRAP_FORMAT), 6), "chapter's threshold"),
        (_satisfied_who_defected(_format(TRAP_FORMAT), TRAP_FROM), "other way round"),
        (_trap(_format(TRAP_FORMAT), TRAP_FROM, "satisfied_share"), "defected only"),
        (15, "number of shops"),
        (ns["answer"] * 100, "percentage"),
    ],
    "q5": lambda ns: [
        (_loyalty(), "equal weights"),
        (_loyalty(LOYALTY_WEIGHTS_REPURCHASE, defected=None), "all outlets"),
        (_loyalty(LOYALTY_WEIGHTS_REPURCHASE, defected=0), "stayed"),
        (ns["answer"] / 100, "not from 0 to 1"),
    ],
    "q6": lambda ns: [
        (_loyal_share("Q", 3), "by quarter"),
        (_loyal_share("M", 2), "two months"),
        (_loyal() / len(load_dataset("retail_customers")), "all the members"),
        (int(ns["tucker"]["loyal"].sum()), "number of loyal customers"),
        (ns["answer"] * 100, "percentage"),
    ],
    "q7": lambda ns: [
        (0.25, "equal share"),
        (float(ns["shares"].loc[1]), "favourite"),
        (_wallet(3, WALLET_RANK), "three suppliers"),
        (ns["answer"] * 100, "percentage"),
    ],
    "q8": lambda ns: [("a", "turns negative"), ("c", "smallest weight"), ("d", "Both are true")],
    "q9": lambda ns: [("a", "satisfaction trap itself"), ("c", "70 of the very satisfied"), ("d", "weak predictor")],
}
