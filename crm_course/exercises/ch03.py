"""Customer value: ABC analysis, RFM table, scores and segments, closed-form CLV, BG/NBD and probabilistic CLV."""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd

from ..data.catalog import load_dataset
from ..models.btyd import BGNBD, GammaGamma, fit_bgnbd, fit_gamma_gamma, probabilistic_clv
from ..models.segmentation import abc_classes, rfm_scores, rfm_segments, rfm_table
from ..models.value import clv
from .engine import Mistake, Question, T

__all__ = ["WRONG_ANSWERS", "q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9"]

CHAPTER = "03_value"

# The customer of q5 and q6: margin per year, yearly retention rate, yearly discount rate, acquisition cost.
MARGIN, RETENTION, DISCOUNT, ACQUISITION_COST, HORIZON = 200.0, 0.75, 0.10, 150.0, 5
# The CDNOW customer of q7: many repeat purchases, then a long silence.
SILENT_CUSTOMER = 325
# The customer of the BG/NBD paper (Fader, Hardie & Lee 2005, section 5): 2 repeat purchases,
# the last one 30.43 weeks after the first, observed for 38.86 weeks.
PAPER_HISTORY = {"frequency": 2, "recency": 30.43, "T": 38.86}


@cache
def _tx() -> pd.DataFrame:
    return load_dataset("retail")


@cache
def _rfm() -> pd.DataFrame:
    return rfm_table(_tx())


@cache
def _segments() -> pd.DataFrame:
    return rfm_segments(rfm_scores(_rfm()))


@cache
def _summary() -> pd.DataFrame:
    return load_dataset("cdnow_summary")


@cache
def _bgnbd() -> BGNBD:
    return fit_bgnbd(_summary())


@cache
def _gamma_gamma() -> GammaGamma:
    return fit_gamma_gamma(_summary())


def _a_count(values: pd.Series) -> int:
    return int((abc_classes(values)["class"] == "A").sum())


def _a_count_including(values: pd.Series) -> int:
    """Class A cut on the cumulative share INCLUDING the customer: the customer who crosses 80% is lost."""
    return int((abc_classes(values)["cumulative_share"] < 0.8).sum())


def _close(a, b, tol: float = 1e-3) -> bool:
    return bool(np.isclose(float(a), float(b), rtol=tol, atol=1e-9))


def _aligned(answer, expected):
    """The answer's rows in the order of the expected answer's rows (missing rows give NaN)."""
    return answer.reindex(expected.index)


# --- ABC and RFM on the retail chain -------------------------------------------------------------

q1 = Question(
    "q1",
    chapter=CHAPTER,
    expected=lambda: _a_count(_tx().groupby("customer_id")["amount"].sum()),
    hints=[
        T("Total each customer's revenue first (one value per customer), then rank from the largest down.",
          "先汇总每位客户的收入（每位客户一个值），再从大到小排序。"),
        T("`crm.abc_classes(spend)` gives the class of every customer; count the 'A's. A customer is A while the "
          "share of the customers BEFORE it is below 80%: the one who crosses 80% is still an A.",
          "`crm.abc_classes(spend)` 给出每位客户的类别，数一数 'A' 的个数。只要排在前面的客户累计比例还低于 80%，"
          "该客户就属于 A 类：跨过 80% 的那位客户仍然是 A 类。"),
    ],
    mistakes=[
        Mistake(lambda a, e: 0 < a < 1, T(
            "Give the number of customers in class A, not their share.", "请给出 A 类客户的人数，而不是比例。")),
        Mistake(lambda a, e: a == _a_count_including(_tx().groupby("customer_id")["amount"].sum()), T(
            "Off by one: you cut on the cumulative share INCLUDING each customer, so the customer whose revenue "
            "crosses 80% fell into B. Cut on the share of the customers before it.",
            "差了一位：你用的是包含该客户本身的累计比例，于是跨过 80% 的那位客户被分到了 B 类。"
            "应当用排在它前面的客户的累计比例来划分。")),
        Mistake(lambda a, e: abs(a - 0.2 * _tx()["customer_id"].nunique()) <= 1, T(
            "That is simply the top 20% of the customers. ABC analysis cuts where the cumulative share of REVENUE "
            "reaches 80%, however many customers that takes.",
            "这只是前 20% 的客户人数。ABC 分析是在收入累计比例达到 80% 处划分，需要多少客户就算多少客户。")),
        Mistake(lambda a, e: a == _a_count(_tx()["amount"]), T(
            "You ranked single transactions. ABC analysis ranks customers: total each customer's revenue first.",
            "你排序的是单笔交易。ABC 分析排序的是客户：请先汇总每位客户的收入。")),
        Mistake(lambda a, e: a == _a_count(_tx().groupby("customer_id")["margin"].sum()), T(
            "You ranked customers by gross margin; the question asks for revenue (`amount`).",
            "你是按毛利排序的；题目要求按收入（`amount`）排序。")),
    ],
)


def _rows_missing(a, e) -> bool:
    return len(a) < len(e)


def _monetary_is_mean(a, e) -> bool:
    return np.allclose(_aligned(a, e)["monetary"], e["monetary"] / e["frequency"])


def _recency_shifted(shift: int):
    return lambda a, e: bool((_aligned(a, e)["recency"] == e["recency"] + shift).all())


def _rfm_from_first_purchase(tx: pd.DataFrame) -> pd.DataFrame:
    """A typical wrong RFM table: recency counted from the FIRST purchase."""
    table = rfm_table(tx)
    as_of = tx["date"].max().normalize() + pd.Timedelta(days=1)
    table["recency"] = (as_of - tx.groupby("customer_id")["date"].min()).dt.days.reindex(table.index)
    return table


def _recency_from_first_purchase(a, e) -> bool:
    return bool((_aligned(a, e)["recency"] == _rfm_from_first_purchase(_tx())["recency"]).all())


q2 = Question(
    "q2",
    chapter=CHAPTER,
    expected=_rfm,
    hints=[
        T("One row per customer (index `customer_id`) with three columns: recency (days since the LAST purchase, "
          "counted from 2025-01-01), frequency (number of purchases) and monetary (TOTAL spend).",
          "每位客户一行（索引为 `customer_id`），三列：recency（距最后一次购买的天数，从 2025-01-01 起算）、"
          "frequency（购买次数）和 monetary（消费总额）。"),
        T("`crm.rfm_table(tx)` does it; by default it measures recency from the day after the last transaction. "
          "By hand: group by customer and take the last date, the count and the sum.",
          "`crm.rfm_table(tx)` 即可；默认从最后一笔交易的次日起算 recency。手工计算：按客户分组，"
          "取最后日期、次数和总额。"),
    ],
    mistakes=[
        Mistake(lambda a, e: "customer_id" in a.columns, T(
            "Keep `customer_id` as the index (one row per customer), not as a column: `.set_index('customer_id')`.",
            "请把 `customer_id` 作为索引（每位客户一行），而不是一列：`.set_index('customer_id')`。")),
        Mistake(_rows_missing, T(
            "Your table has fewer rows than there are customers: did you keep only repeat buyers, or drop rows "
            "(e.g. with dropna)? Every customer who bought needs a row, one-time buyers included.",
            "你的表行数少于客户数：是不是只保留了重复购买者，或者删除了某些行（例如 dropna）？"
            "每位买过东西的客户都要有一行，只买过一次的客户也不例外。")),
        Mistake(lambda a, e: len(a) > len(e), T(
            "Your table has more rows than there are customers who bought: one row per customer, and members who "
            "never bought have no purchase to measure.",
            "你的表行数多于购买过的客户数：每位客户只占一行，从未购买的会员没有可计算的购买记录。")),
        Mistake(_monetary_is_mean, T(
            "Monetary is the customer's TOTAL spend; you gave the mean spend per purchase.",
            "monetary 是客户的消费总额；你给出的是每次购买的平均金额。")),
        Mistake(lambda a, e: bool((_aligned(a, e)["recency"] == -e["recency"]).all()), T(
            "Your recency is negative: subtract the last purchase date from the analysis date, not the other way.",
            "你的 recency 是负数：应当用分析日期减去最后购买日期，而不是反过来。")),
        Mistake(_recency_shifted(-1), T(
            "Your recency is one day short: count from 2025-01-01, the day after the data ends, so that the most "
            "recent buyer has recency 1.",
            "你的 recency 少了一天：应从数据结束后的第二天 2025-01-01 起算，这样最近购买的客户 recency 为 1。")),
        Mistake(_recency_from_first_purchase, T(
            "You measured recency from the FIRST purchase. Recency is the time since the LAST purchase.",
            "你是从第一次购买起算的 recency。recency 是距最后一次购买的时间。")),
    ],
)


@cache
def _m_from_mean_spend() -> pd.Series:
    rfm = _rfm()
    return rfm_scores(rfm.assign(monetary=rfm["monetary"] / rfm["frequency"]))["M"]


def _ties_broken(a, e) -> bool:
    """Customers with the same recency, frequency or monetary value got different scores."""
    return any(
        (_aligned(a, e)[score].groupby(_rfm()[column]).nunique() > 1).any()
        for score, column in (("R", "recency"), ("F", "frequency"), ("M", "monetary"))
    )


q3 = Question(
    "q3",
    chapter=CHAPTER,
    expected=lambda: rfm_scores(_rfm())[["R", "F", "M"]],
    hints=[
        T("Scores run from 1 to 5, and 5 is best: the MOST RECENT, most frequent and biggest-spending customers "
          "get 5. Customers with equal values must share a score.",
          "得分从 1 到 5，5 为最好：最近购买、购买最频繁、消费最多的客户得 5 分。数值相同的客户必须得同样的分数。"),
        T("`crm.rfm_scores(rfm)` gives them (ties take the lowest score of their group); keep the columns "
          "`[['R', 'F', 'M']]`.",
          "`crm.rfm_scores(rfm)` 可以算出得分（并列的客户取该组最低的分数）；只保留 `[['R', 'F', 'M']]` 三列。"),
    ],
    mistakes=[
        Mistake(_rows_missing, T(
            "Your scores have fewer rows than there are customers: score every customer of the RFM table.",
            "你的得分行数少于客户数：请为 RFM 表中的每位客户打分。")),
        Mistake(lambda a, e: {"R", "F", "M"} < set(a.columns), T(
            "Keep only the three score columns: `scores[['R', 'F', 'M']]`.",
            "只保留三列得分：`scores[['R', 'F', 'M']]`。")),
        Mistake(lambda a, e: a[["R", "F", "M"]].min().min() == 0, T(
            "Scores run from 1 to 5, not from 0 to 4.", "得分从 1 到 5，而不是从 0 到 4。")),
        Mistake(lambda a, e: _aligned(a, e)["R"].corr(e["R"]) < 0, T(
            "Your R scores are reversed: the most recent buyers (smallest recency) must get R = 5.",
            "你的 R 得分方向反了：最近购买的客户（recency 最小）应得 R = 5。")),
        Mistake(lambda a, e: (_aligned(a, e)["M"] == _m_from_mean_spend()).all(), T(
            "Your M scores come from the mean spend per purchase; monetary is the customer's TOTAL spend.",
            "你的 M 得分是按每次购买的平均金额算的；monetary 是客户的消费总额。")),
        Mistake(_ties_broken, T(
            "Customers with the same value got different scores: ties were broken by row order (e.g. "
            "`rank(method='first')`). Equal customers must share a score, the lowest of their group.",
            "数值相同的客户得到了不同的分数：并列是按行的顺序拆开的（例如 `rank(method='first')`）。"
            "数值相同的客户必须共享一个分数，即该组中最低的分数。")),
        Mistake(lambda a, e: (_aligned(a, e)[["R", "F", "M"]] == e).all(axis=1).mean() > 0.95, T(
            "Almost: only customers near the bin edges differ. Did you use `pd.qcut`? It places edge values "
            "differently; the course's rule is score = ceil(rank / n * 5) with tied values at the lowest rank, "
            "as in `crm.rfm_scores`.",
            "差不多了：只有靠近分箱边界的客户不同。是不是用了 `pd.qcut`？它对边界值的处理不同；课程的规则是"
            "得分 = ceil(排名 / n * 5)，并列取最低排名，与 `crm.rfm_scores` 相同。")),
    ],
)


def _revenue_share(segments: pd.DataFrame, segment: str) -> float:
    return float(segments.loc[segments["segment"] == segment, "monetary"].sum() / segments["monetary"].sum())


def _champions_with_reversed_r() -> float:
    scores = rfm_scores(_rfm())
    scores["R"] = 6 - scores["R"]
    return _revenue_share(rfm_segments(scores), "champions")


q4 = Question(
    "q4",
    chapter=CHAPTER,
    expected=lambda: _revenue_share(_segments(), "champions"),
    rel_tol=1e-4,
    hints=[
        T("Segments come from the R and F scores: `crm.rfm_segments(scores)` adds a `segment` column "
          "(champions: R = 5 and F = 4 or 5).",
          "客户细分由 R 和 F 得分决定：`crm.rfm_segments(scores)` 会添加 `segment` 列"
          "（冠军客户：R = 5 且 F 为 4 或 5）。"),
        T("Add up `monetary` of the champions and divide by the `monetary` of all customers: a fraction "
          "between 0 and 1.",
          "把冠军客户的 `monetary` 相加，再除以所有客户的 `monetary` 总和：得到 0 到 1 之间的小数。"),
    ],
    mistakes=[
        Mistake(lambda a, e: _close(a, 100 * e), T(
            "Give the share as a fraction between 0 and 1, not as a percentage.",
            "请以 0 到 1 之间的小数给出份额，而不是百分数。")),
        Mistake(lambda a, e: _close(a, (_segments()["segment"] == "champions").mean()), T(
            "That is the champions' share of CUSTOMERS. The question asks for their share of revenue.",
            "这是冠军客户占客户人数的比例。题目问的是他们占收入的比例。")),
        Mistake(lambda a, e: _close(a, _champions_with_reversed_r()), T(
            "Your champions are long-gone customers: R is reversed. The most recent buyers must get R = 5.",
            "你的冠军客户是早已不来的客户：R 得分方向反了。最近购买的客户应得 R = 5。")),
        Mistake(lambda a, e: 1 < a, T(
            "A share of the total cannot exceed 1: divide the champions' TOTAL spend by everyone's total spend "
            "(not averages), and give a fraction, not a percentage.",
            "占总额的比例不可能大于 1：应当用冠军客户的消费总额除以全部客户的消费总额（而不是平均值），"
            "并以小数而不是百分数给出。")),
    ],
)


# --- closed-form CLV ------------------------------------------------------------------------------

def _q5_mistakes() -> list[Mistake]:
    m, r, i = MARGIN, RETENTION, DISCOUNT
    return [
        Mistake(lambda a, e: a < 0 or a > 10 * m / (1 - r), T(
            "Enter the rates as fractions: retention 0.75 and discount 0.10, not 75 and 10.",
            "请把比率写成小数：保留率 0.75、贴现率 0.10，而不是 75 和 10。")),
        Mistake(lambda a, e: _close(a, m * i / (1 + r - i)), T(
            "Retention and discount are swapped: the retention rate r goes in the numerator, the discount rate i "
            "in (1 + i - r).",
            "保留率和贴现率放反了：分子中是保留率 r，分母 (1 + i - r) 中的 i 是贴现率。")),
        Mistake(lambda a, e: _close(a, m * (1 + i) / (1 + i - r)), T(
            "You counted a margin at the START of the first period. Here margins come at the END of each period "
            "and only if the customer is still there: m r / (1 + i - r).",
            "你把第一期的利润算在了期初。本题中利润在每期期末获得，而且前提是客户仍然留存：m r / (1 + i - r)。")),
        Mistake(lambda a, e: _close(a, m * r / (1 - r)), T(
            "You did not discount: a margin received in t years is worth less today, divide by (1 + i)^t.",
            "你没有贴现：t 年后获得的利润在今天价值更低，需要除以 (1 + i)^t。")),
        Mistake(lambda a, e: _close(a, m / (1 + i - r)), T(
            "You treated the first year as certain. The customer must survive to year t to pay: weight year t "
            "by r^t, not r^(t-1).",
            "你把第一年当成了确定的。客户要存活到第 t 年才会贡献利润：第 t 年的权重是 r^t，而不是 r^(t-1)。")),
    ]


q5 = Question(
    "q5",
    chapter=CHAPTER,
    expected=lambda: clv(margin=MARGIN, retention=RETENTION, discount=DISCOUNT),
    rel_tol=1e-3,
    hints=[
        T("Gupta & Lehmann: with margin m at the end of each year, retention r and discount rate i, the customer "
          "is still there in year t with probability r^t and the margin is worth 1 / (1 + i)^t today.",
          "Gupta 与 Lehmann 的公式：每年年末获得利润 m，保留率 r，贴现率 i；客户在第 t 年仍在的概率是 r^t，"
          "该年利润的现值要乘以 1 / (1 + i)^t。"),
        T("Summed over all years: CLV = m r / (1 + i - r); or `crm.clv(margin=..., retention=..., discount=...)`.",
          "对所有年份求和：CLV = m r / (1 + i - r)；或者用 `crm.clv(margin=..., retention=..., discount=...)`。"),
    ],
    mistakes=_q5_mistakes(),
)


def _finite(**changes) -> float:
    arguments = {"margin": MARGIN, "retention": RETENTION, "discount": DISCOUNT, "horizon": HORIZON,
                 "acquisition_cost": ACQUISITION_COST} | changes
    return clv(**arguments)


q6 = Question(
    "q6",
    chapter=CHAPTER,
    expected=_finite,
    rel_tol=1e-3,
    hints=[
        T("Only five years count now, and the acquisition cost (获取成本) is paid once, today, so it is not "
          "discounted.",
          "现在只计算五年，获取成本在今天一次性支付，因此不用贴现。"),
        T("Sum m r^t / (1 + i)^t for t = 1..5 and subtract 150; or `crm.clv(..., horizon=5, acquisition_cost=150)`.",
          "对 t = 1..5 求 m r^t / (1 + i)^t 之和，再减去 150；或者用 `crm.clv(..., horizon=5, acquisition_cost=150)`。"),
    ],
    mistakes=[
        Mistake(lambda a, e: _close(a, _finite(horizon=None)), T(
            "That is the value over an unlimited horizon. Count only the five years asked for.",
            "这是无限期的价值。只计算题目要求的五年。")),
        Mistake(lambda a, e: _close(a, _finite(acquisition_cost=0)), T(
            "Subtract the acquisition cost: it is what winning the customer cost.",
            "请减去获取成本：这是赢得这位客户的代价。")),
        Mistake(lambda a, e: _close(a, _finite(acquisition_cost=-ACQUISITION_COST)), T(
            "The acquisition cost is a cost: subtract it, do not add it.", "获取成本是一项成本：应当减去，而不是加上。")),
        Mistake(lambda a, e: _close(a, _finite(margin_timing="start")), T(
            "You counted margins at the START of years 0..4. Here they come at the END of years 1..5, "
            "if the customer is still there.",
            "你把利润算在了第 0..4 年的年初。本题中利润在第 1..5 年的年末获得，前提是客户仍然留存。")),
        Mistake(lambda a, e: any(_close(a, _finite(horizon=h)) for h in (4, 6)), T(
            "Count exactly five yearly margins, for the years t = 1, 2, 3, 4, 5.", "恰好计算五年的利润：t = 1, 2, 3, 4, 5。")),
    ],
)


# --- BG/NBD and probabilistic CLV on CDNOW --------------------------------------------------------

def _history(customer) -> dict[str, float]:
    row = _summary().loc[customer]
    return {"frequency": row["frequency"], "recency": row["recency"], "T": row["T"]}


def _p_alive(frequency, recency, T) -> float:
    return _bgnbd().p_alive(frequency=frequency, recency=recency, T=T)


def _q7_in_days() -> float:
    h = _history(SILENT_CUSTOMER)
    return _p_alive(h["frequency"], 7 * h["recency"], 7 * h["T"])


def _q7_counting_the_first_purchase() -> float:
    h = _history(SILENT_CUSTOMER)
    return _p_alive(h["frequency"] + 1, h["recency"], h["T"])


q7 = Question(
    "q7",
    chapter=CHAPTER,
    expected=lambda: _p_alive(**_history(SILENT_CUSTOMER)),
    rel_tol=1e-3,
    hints=[
        T("Fit the BG/NBD model on `cdnow_summary` (`crm.fit_bgnbd(summary)`); its recency and T are in weeks.",
          "在 `cdnow_summary` 上拟合 BG/NBD 模型（`crm.fit_bgnbd(summary)`）；其中 recency 和 T 以周为单位。"),
        T(f"Look up customer {SILENT_CUSTOMER} with `summary.loc[{SILENT_CUSTOMER}]` and pass its frequency, recency "
          "and T to `model.p_alive(frequency=..., recency=..., T=...)`.",
          f"用 `summary.loc[{SILENT_CUSTOMER}]` 查到客户 {SILENT_CUSTOMER}，再把其 frequency、recency 和 T 传给 "
          "`model.p_alive(frequency=..., recency=..., T=...)`。"),
    ],
    mistakes=[
        Mistake(lambda a, e: 1 < a <= 100, T(
            "Give the probability as a fraction between 0 and 1, not as a percentage.",
            "请以 0 到 1 之间的小数给出概率，而不是百分数。")),
        Mistake(lambda a, e: _close(a, 1 - e), T(
            "That is the probability that the customer has dropped out. The question asks for P(alive).",
            "这是客户已经流失的概率。题目问的是 P(alive)（仍然活跃的概率）。")),
        Mistake(lambda a, e: _close(a, _q7_in_days()), T(
            "You gave recency and T in days, but the model was fitted in weeks: keep the summary's units.",
            "你给出的 recency 和 T 是以天为单位的，但模型是按周拟合的：请保持汇总表的单位。")),
        Mistake(lambda a, e: _close(a, _q7_counting_the_first_purchase()), T(
            "Frequency in BG/NBD counts REPEAT purchases only, not the first one: use the summary's value as it is.",
            "BG/NBD 中的 frequency 只计算重复购买次数，不包括第一次购买：请直接使用汇总表中的值。")),
    ],
)


def _paper_expected(t: float, scale: float = 1.0) -> float:
    h = PAPER_HISTORY
    return _bgnbd().expected_purchases(t, frequency=h["frequency"], recency=scale * h["recency"], T=scale * h["T"])


q8 = Question(
    "q8",
    chapter=CHAPTER,
    expected=lambda: _paper_expected(39),
    rel_tol=2e-3,
    hints=[
        T("Use the BG/NBD model fitted on `cdnow_summary`: everything is in weeks, including the 39 weeks ahead.",
          "使用在 `cdnow_summary` 上拟合的 BG/NBD 模型：所有时间都以周为单位，包括未来的 39 周。"),
        T("`model.expected_purchases(39, frequency=2, recency=30.43, T=38.86)` — the conditional expectation "
          "given this customer's history.",
          "`model.expected_purchases(39, frequency=2, recency=30.43, T=38.86)`：在该客户历史条件下的期望值。"),
    ],
    mistakes=[
        Mistake(lambda a, e: _close(a, _paper_expected(39 / 7)), T(
            "You asked for 39 DAYS (39 / 7 weeks). The model's unit is the week: t = 39.",
            "你求的是 39 天（39 / 7 周）。模型的时间单位是周：t = 39。")),
        Mistake(lambda a, e: _close(a, _paper_expected(39 * 7)), T(
            "You converted 39 weeks into days (x 7), but the model counts in weeks: t = 39.",
            "你把 39 周换算成了天（乘以 7），但模型以周计时：t = 39。")),
        Mistake(lambda a, e: _close(a, _paper_expected(39, scale=7)), T(
            "Recency and T are already in weeks: do not multiply them by 7.", "recency 和 T 已经是以周为单位的：不要乘以 7。")),
        Mistake(lambda a, e: _close(a, _bgnbd().expected_purchases_new_customer(39)), T(
            "That is for a brand-new customer. Use this customer's history: frequency 2, recency 30.43, T 38.86.",
            "这是针对全新客户的。请使用该客户的历史：frequency 2、recency 30.43、T 38.86。")),
        Mistake(lambda a, e: _close(a, _p_alive(**PAPER_HISTORY)), T(
            "That is the probability that the customer is alive, not the expected number of purchases.",
            "这是客户仍然活跃的概率，而不是期望购买次数。")),
    ],
)


def _clv12(**changes) -> pd.Series:
    arguments = {"horizon": 12, "unit": "M", "discount": 0.10, "discount_period": "Y", "margin": 0.3} | changes
    return probabilistic_clv(_bgnbd(), _gamma_gamma(), _summary(), **arguments)


def _same_values(a, e, changes: dict, tol: float = 1e-6) -> bool:
    return np.allclose(_aligned(a, e), _clv12(**changes), rtol=tol)


q9 = Question(
    "q9",
    chapter=CHAPTER,
    expected=_clv12,
    hints=[
        T("Fit both models on `cdnow_summary`: BG/NBD for purchases, Gamma-Gamma (`crm.fit_gamma_gamma`) for spend "
          "per purchase; then `crm.probabilistic_clv(bg, gg, summary, ...)`.",
          "在 `cdnow_summary` 上拟合两个模型：BG/NBD 用于购买次数，Gamma-Gamma（`crm.fit_gamma_gamma`）"
          "用于每次消费金额；然后调用 `crm.probabilistic_clv(bg, gg, summary, ...)`。"),
        T("Say every unit: `horizon=12, unit='M'` (12 months), `discount=0.10, discount_period='Y'` (10% a year), "
          "`margin=0.3`.",
          "每个单位都要写明：`horizon=12, unit='M'`（12 个月），`discount=0.10, discount_period='Y'`"
          "（每年 10%），`margin=0.3`。"),
    ],
    mistakes=[
        Mistake(_rows_missing, T(
            "Some customers are missing: one-time buyers have a CLV too (the model expects few purchases at the "
            "population's mean spend). Keep every customer of the summary.",
            "缺少了一些客户：只买过一次的客户也有 CLV（模型预期他们购买较少，按总体平均消费额计算）。"
            "请保留汇总表中的每位客户。")),
        Mistake(lambda a, e: _same_values(a, e, {"unit": "W"}), T(
            "That is 12 WEEKS. The question asks for 12 months: `unit='M'`.", "这是 12 周。题目要求 12 个月：`unit='M'`。")),
        Mistake(lambda a, e: _same_values(a, e, {"discount_period": "M"}), T(
            "You discounted 10% a MONTH. The rate is 10% a year: `discount_period='Y'`.",
            "你按每月 10% 贴现了。贴现率是每年 10%：`discount_period='Y'`。")),
        Mistake(lambda a, e: _same_values(a, e, {"margin": 1.0}), T(
            "That is revenue: only 30% of spend is margin (`margin=0.3`).", "这是收入：只有 30% 的消费额是利润（`margin=0.3`）。")),
        Mistake(lambda a, e: _same_values(a, e, {"discount": 0.0}), T(
            "You did not discount: a purchase in month 12 is worth less today than one next month.",
            "你没有贴现：第 12 个月的购买在今天的价值低于下个月的购买。")),
        Mistake(lambda a, e: _same_values(a, e, {}, tol=0.02), T(
            "Close, but not the same: count 12 periods of one month (`unit='M'`, not 52 weeks or 1 year) with 10% "
            "a year (`discount_period='Y'`).",
            "接近，但不相同：应按 12 个一个月的期间计算（`unit='M'`，而不是 52 周或 1 年），贴现率为每年 10%"
            "（`discount_period='Y'`）。")),
    ],
)

# Typical wrong answers and the coaching each must trigger, built from a solved notebook's
# variables (tests/test_exercises.py checks every one).
WRONG_ANSWERS = {
    "q1": lambda ns: [
        (_a_count_including(ns["spend"]), "INCLUDING"),
        (round(0.2 * len(ns["spend"])), "top 20%"),
        (_a_count(ns["tx"]["amount"]), "single transactions"),
        (_a_count(ns["tx"].groupby("customer_id")["margin"].sum()), "gross margin"),
        (ns["answer"] / len(ns["spend"]), "not their share"),
    ],
    "q2": lambda ns: [
        (ns["rfm"][ns["rfm"]["frequency"] > 1], "fewer rows"),
        (ns["rfm"].reindex(load_dataset("retail_customers")["customer_id"]), "more rows"),
        (ns["rfm"].assign(monetary=ns["rfm"]["monetary"] / ns["rfm"]["frequency"]), "TOTAL spend"),
        (ns["rfm"].assign(recency=ns["rfm"]["recency"] - 1), "one day short"),
        (ns["rfm"].assign(recency=-ns["rfm"]["recency"]), "negative"),
        (ns["rfm"].reset_index(), "as the index"),
        (_rfm_from_first_purchase(ns["tx"]), "FIRST purchase"),
    ],
    "q3": lambda ns: [
        (ns["scores"].assign(R=6 - ns["scores"]["R"]), "reversed"),
        (ns["scores"] - 1, "not from 0 to 4"),
        (ns["scores"].iloc[:-10], "fewer rows"),
        (rfm_scores(ns["rfm"]), "three score columns"),
        (ns["scores"].assign(M=_m_from_mean_spend()), "mean spend"),
        (ns["scores"].assign(F=pd.qcut(ns["rfm"]["frequency"].rank(method="first"), 5, labels=False) + 1),
         "row order"),
        (ns["scores"].assign(R=pd.qcut(ns["rfm"]["recency"], 5, labels=[5, 4, 3, 2, 1]).astype("int64")), "pd.qcut"),
    ],
    "q4": lambda ns: [
        (100 * ns["answer"], "percentage"),
        (float((ns["segments"]["segment"] == "champions").mean()), "share of CUSTOMERS"),
        (_champions_with_reversed_r(), "R is reversed"),
        (float(ns["answer"] / (ns["segments"]["segment"] == "champions").mean()), "cannot exceed 1"),
    ],
    "q5": lambda ns: [
        (MARGIN * DISCOUNT / (1 + RETENTION - DISCOUNT), "swapped"),
        (MARGIN * (1 + DISCOUNT) / (1 + DISCOUNT - RETENTION), "START"),
        (MARGIN * RETENTION / (1 - RETENTION), "did not discount"),
        (MARGIN * 75 / (1 + 10 - 75), "fractions"),
        (MARGIN / (1 + DISCOUNT - RETENTION), "r^t"),
    ],
    "q6": lambda ns: [
        (ns["answer"] + ACQUISITION_COST, "Subtract"),
        (ns["answer"] + 2 * ACQUISITION_COST, "do not add"),
        (clv(margin=MARGIN, retention=RETENTION, discount=DISCOUNT) - ACQUISITION_COST, "unlimited"),
        (clv(margin=MARGIN, retention=RETENTION, discount=DISCOUNT, horizon=HORIZON, margin_timing="start")
         - ACQUISITION_COST, "START"),
        (clv(margin=MARGIN, retention=RETENTION, discount=DISCOUNT, horizon=6) - ACQUISITION_COST, "exactly five"),
    ],
    "q7": lambda ns: [
        (100 * ns["answer"], "percentage"),
        (1 - ns["answer"], "dropped out"),
        (ns["model"].p_alive(frequency=ns["customer"]["frequency"], recency=7 * ns["customer"]["recency"],
                             T=7 * ns["customer"]["T"]), "in days"),
        (ns["model"].p_alive(frequency=ns["customer"]["frequency"] + 1, recency=ns["customer"]["recency"],
                             T=ns["customer"]["T"]), "REPEAT"),
    ],
    "q8": lambda ns: [
        (ns["model"].expected_purchases(39 / 7, frequency=2, recency=30.43, T=38.86), "39 DAYS"),
        (ns["model"].expected_purchases(39 * 7, frequency=2, recency=30.43, T=38.86), "x 7"),
        (ns["model"].expected_purchases(39, frequency=2, recency=7 * 30.43, T=7 * 38.86), "do not multiply"),
        (ns["model"].expected_purchases_new_customer(39), "brand-new"),
        (ns["model"].p_alive(frequency=2, recency=30.43, T=38.86), "probability"),
    ],
    "q9": lambda ns: [
        (ns["clv12"][ns["summary"]["frequency"] > 0], "one-time buyers"),
        (_clv12(unit="W"), "12 WEEKS"),
        (_clv12(discount_period="M"), "a MONTH"),
        (_clv12(margin=1.0), "revenue"),
        (_clv12(discount=0.0), "did not discount"),
        (_clv12(horizon=52, unit="W"), "Close"),
    ],
}

