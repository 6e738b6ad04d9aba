"""Customer value: the chapter's methods applied to another period, customer, horizon and rate.

The chapter runs ABC on two years of revenue, builds the RFM table, 5-bin scores and segments as
of 2025-01-01, values a customer with m = 200, r = 0.75, i = 0.10, forecasts the paper's example
customer and a 12-month probabilistic CLV. The questions here use the annual sales of 2024 (the
textbook's definition), the RFM view at mid-2024, 4-bin scores, another customer's margin, retention
and discount rate, another step in retention, customer 325 over 26 weeks and a 6-month CLV; two (q5, q9)
ask the student to decide what a result means for a manager.
"""

from __future__ import annotations

from functools import cache
from itertools import combinations

import numpy as np
import pandas as pd

from ..data.catalog import load_dataset
from ..models.btyd import BGNBD, GammaGamma, fit_bgnbd, fit_gamma_gamma, probabilistic_clv
from ..models.segmentation import abc_classes, rfm_scores, rfm_segments, rfm_table
from ..models.value import clv
from .engine import Choice, Mistake, Question, T, rate_as_whole_number, same_as

__all__ = ["WRONG_ANSWERS", "q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9", "q10", "q11", "q12"]

CHAPTER = "03_value"

# q2-q4: the RFM view the marketing team had at mid-2024 (transactions before MIDYEAR, recency to it).
MIDYEAR = "2024-07-01"
BINS = 4
# q6 and q7: a customer's margin per year, yearly retention, yearly discount rate, acquisition cost, horizon.
MARGIN, RETENTION, DISCOUNT, ACQUISITION_COST, HORIZON = 300.0, 0.80, 0.12, 250.0, 4
# q8: a gym's members: one more step of five points of retention, at another rate and discount.
GYM_MARGIN, GYM_RETENTION, GYM_STEP, GYM_DISCOUNT = 400.0, 0.60, 0.05, 0.05
# q10 and q11: the CDNOW customer with many repeat purchases, then a long silence.
SILENT_CUSTOMER = 325
WEEKS_AHEAD = 26


@cache
def _tx() -> pd.DataFrame:
    return load_dataset("retail")


@cache
def _tx_2024() -> pd.DataFrame:
    return _tx()[_tx()["date"] >= "2024-01-01"]


@cache
def _tx_midyear() -> pd.DataFrame:
    return _tx()[_tx()["date"] < MIDYEAR]


@cache
def _rfm() -> pd.DataFrame:
    return rfm_table(_tx_midyear(), as_of=MIDYEAR)


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


def _spend(tx: pd.DataFrame, column: str = "amount") -> pd.Series:
    return tx.groupby("customer_id")[column].sum()


def _close(a, b, tol: float = 1e-3) -> bool:
    return bool(np.isclose(float(a), float(b), rtol=tol, atol=1e-9))


def _aligned(answer, expected):
    """The answer's rows in the order of the expected answer's rows (missing rows give NaN)."""
    return answer.reindex(expected.index)


# --- ABC and RFM on the retail chain -------------------------------------------------------------

q1 = Question(
    "q1",
    chapter=CHAPTER,
    expected=lambda: _a_count(_spend(_tx_2024())),
    exact=True,
    hints=[
        T("The textbook ranks customers by their ANNUAL sales: keep the transactions of 2024 only, total each "
          "customer's revenue, then rank from the largest down.",
          "教材按年销售额给客户排序：只保留 2024 年的交易，汇总每位客户的收入，再从大到小排序。"),
        T("`crm.abc_classes(tx[tx['date'] >= '2024-01-01'].groupby('customer_id')['amount'].sum())` gives the "
          "class of every 2024 buyer; count the 'A's.",
          "`crm.abc_classes(tx[tx['date'] >= '2024-01-01'].groupby('customer_id')['amount'].sum())` 给出每位 "
          "2024 年购买者的类别，数一数 'A' 的个数。"),
    ],
    mistakes=[
        Mistake(lambda a, e: 0 < a < 1, T(
            "Give the number of customers in class A, not their share.", "请给出 A 类客户的人数，而不是比例。")),
        Mistake(lambda a, e: a == _a_count(_spend(_tx())), T(
            "That is the count for both years, the chapter's case. The question asks for the annual sales of "
            "2024: keep only the transactions from 2024-01-01 on.",
            "这是两年合计的人数，即本章的例子。题目要求按 2024 年的年销售额：只保留 2024-01-01 及之后的交易。")),
        Mistake(lambda a, e: a == _a_count_including(_spend(_tx_2024())), T(
            "Off by one: you cut on the cumulative share INCLUDING each customer, so the customer whose revenue "
            "crosses 80% fell into B. Cut on the share of the customers before it.",
            "差了一位：你用的是包含该客户本身的累计比例，于是跨过 80% 的那位客户被分到了 B 类。"
            "应当用排在它前面的客户的累计比例来划分。")),
        Mistake(lambda a, e: abs(a - 0.2 * _tx_2024()["customer_id"].nunique()) <= 1, T(
            "That is simply the top 20% of the 2024 buyers. ABC analysis cuts where the cumulative share of "
            "REVENUE reaches 80%, however many customers that takes.",
            "这只是 2024 年购买者中前 20% 的人数。ABC 分析是在收入累计比例达到 80% 处划分，需要多少客户就算多少客户。")),
        Mistake(lambda a, e: a == _a_count(_tx_2024()["amount"]), T(
            "You ranked single transactions. ABC analysis ranks customers: total each customer's revenue first.",
            "你排序的是单笔交易。ABC 分析排序的是客户：请先汇总每位客户的收入。")),
        Mistake(lambda a, e: a == _a_count(_spend(_tx_2024(), "margin")), T(
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
    table = rfm_table(tx, as_of=MIDYEAR)
    first = tx.groupby("customer_id")["date"].min()
    table["recency"] = (pd.Timestamp(MIDYEAR) - first).dt.days.reindex(table.index)
    return table


def _recency_from_first_purchase(a, e) -> bool:
    return bool((_aligned(a, e)["recency"] == _rfm_from_first_purchase(_tx_midyear())["recency"]).all())


def _days_to_year_end() -> int:
    return (pd.Timestamp("2025-01-01") - pd.Timestamp(MIDYEAR)).days


q2 = Question(
    "q2",
    chapter=CHAPTER,
    expected=_rfm,
    hints=[
        T(f"Keep only the transactions before {MIDYEAR}: the team did not know the future. One row per customer "
          f"(index `customer_id`): recency in days from the LAST purchase to {MIDYEAR}, frequency (number of "
          "orders) and monetary (TOTAL spend).",
          f"只保留 {MIDYEAR} 之前的交易：团队当时并不知道以后的事。每位客户一行（索引为 `customer_id`）："
          f"`recency` 为最后一次购买到 {MIDYEAR} 的天数，`frequency` 为订单数，`monetary` 为消费总额。"),
        T(f"`crm.rfm_table(tx[tx['date'] < '{MIDYEAR}'], as_of='{MIDYEAR}')`.",
          f"`crm.rfm_table(tx[tx['date'] < '{MIDYEAR}'], as_of='{MIDYEAR}')`。"),
    ],
    mistakes=[
        Mistake(lambda a, e: "customer_id" in a.columns, T(
            "Keep `customer_id` as the index (one row per customer), not as a column: `.set_index('customer_id')`.",
            "请把 `customer_id` 作为索引（每位客户一行），而不是一列：`.set_index('customer_id')`。")),
        same_as(lambda: rfm_table(_tx()[_tx()["date"] <= MIDYEAR], as_of=MIDYEAR), T(
            f"Some of your recencies are 0: your table includes purchases made ON {MIDYEAR}. The team ran the "
            f"analysis that morning: keep the transactions strictly before it, `tx[tx['date'] < '{MIDYEAR}']` "
            "(`<`, not `<=`).",
            f"你的某些 `recency` 为 0：表中包含了 {MIDYEAR} 当天的购买。团队是在那天早上做的分析：请只保留严格早于"
            f"这一天的交易，`tx[tx['date'] < '{MIDYEAR}']`（用 `<`，不是 `<=`）。")),
        Mistake(lambda a, e: len(a) == _tx()["customer_id"].nunique(), T(
            f"Your table has a row for every buyer of the two years: it includes customers who first bought after "
            f"{MIDYEAR}. Keep only the transactions before {MIDYEAR}.",
            f"你的表包含两年内的所有购买者：其中有在 {MIDYEAR} 之后才首次购买的客户。请只保留 {MIDYEAR} 之前的交易。")),
        Mistake(_rows_missing, T(
            "Your table has fewer rows than there are customers: did you keep only repeat buyers, or drop rows "
            "(e.g. with dropna)? Every customer who bought needs a row, one-time buyers included.",
            "你的表行数少于客户数：是不是只保留了重复购买者，或者删除了某些行（例如 `dropna`）？"
            "每位买过东西的客户都要有一行，只买过一次的客户也不例外。")),
        Mistake(lambda a, e: len(a) > len(e), T(
            "Your table has more rows than there are customers who bought: one row per customer, and members who "
            "never bought have no purchase to measure.",
            "你的表行数多于购买过的客户数：每位客户只占一行，从未购买的会员没有可计算的购买记录。")),
        Mistake(_recency_shifted(_days_to_year_end()), T(
            f"Your recency is counted to 2025-01-01, the chapter's date. At mid-year the team counted to {MIDYEAR}.",
            f"你的 `recency` 是算到 2025-01-01 的，即本章的日期。年中时团队是算到 {MIDYEAR} 的。")),
        Mistake(_monetary_is_mean, T(
            "Monetary is the customer's TOTAL spend; you gave the mean spend per purchase.",
            "`monetary` 是客户的消费总额；你给出的是每次购买的平均金额。")),
        Mistake(lambda a, e: bool((_aligned(a, e)["recency"] == -e["recency"]).all()), T(
            "Your recency is negative: subtract the last purchase date from the analysis date, not the other way.",
            "你的 `recency` 是负数：应当用分析日期减去最后购买日期，而不是反过来。")),
        Mistake(_recency_shifted(-1), T(
            f"Your recency is one day short: count to {MIDYEAR}, the day after the data you kept ends, so that a "
            "customer who bought on 30 June has recency 1.",
            f"你的 `recency` 少了一天：应算到 {MIDYEAR}，即所保留数据结束后的第二天，这样 6 月 30 日购买的客户 `recency` 为 1。")),
        Mistake(_recency_from_first_purchase, T(
            "You measured recency from the FIRST purchase. Recency is the time since the LAST purchase.",
            "你是从第一次购买起算的 `recency`。`recency` 是距最后一次购买的时间。")),
    ],
)


def _ties_broken(a, e) -> bool:
    """Customers with the same recency, frequency or monetary value got different scores."""
    return any(
        (_aligned(a, e)[score].groupby(_rfm()[column]).nunique() > 1).any()
        for score, column in (("R", "recency"), ("F", "frequency"), ("M", "monetary"))
    )


def _r_reversed_from_ascending(a, e) -> bool:
    """R computed as 5 - (score of recency ranked upwards): only tied customers at a bin edge differ, and
    they got the HIGHEST score of their group."""
    mine, right = _aligned(a, e)["R"], e["R"]
    differ = mine != right
    return bool(differ.any()) and bool((mine[differ] > right[differ]).all()) and bool(
        _rfm()["recency"].duplicated(keep=False)[differ].all())


def _bins_merged(a, e) -> bool:
    """Fewer distinct scores than the right answer in some column: pd.qcut(..., duplicates='drop') merged bins."""
    return any(_aligned(a, e)[c].nunique() < e[c].nunique() for c in ("R", "F", "M"))


q3 = Question(
    "q3",
    chapter=CHAPTER,
    expected=lambda: rfm_scores(_rfm(), bins=BINS)[["R", "F", "M"]],
    hints=[
        T("Four bins now: scores run from 1 to 4, and 4 is best (the MOST RECENT, most frequent and "
          "biggest-spending quarter of the customers). Customers with equal values must share a score.",
          "现在是四个分箱：得分从 1 到 4，4 为最好（最近购买、购买最频繁、消费最多的四分之一客户）。"
          "数值相同的客户必须得同样的分数。"),
        T("`crm.rfm_scores(rfm, bins=4)` on the mid-year table of question 2; keep the columns `[['R', 'F', 'M']]`.",
          "对第 2 题的年中 RFM 表使用 `crm.rfm_scores(rfm, bins=4)`；只保留 `[['R', 'F', 'M']]` 三列。"),
    ],
    mistakes=[
        Mistake(lambda a, e: len(a) > len(e), T(
            f"Your scores have more rows than the mid-year table has customers: score the table of question 2, "
            f"built from the transactions before {MIDYEAR}.",
            f"你的得分行数多于年中 RFM 表的客户数：请为第 2 题的表打分，即由 {MIDYEAR} 之前的交易得到的表。")),
        Mistake(_rows_missing, T(
            "Your scores have fewer rows than there are customers: score every customer of the mid-year RFM table.",
            "你的得分行数少于客户数：请为年中 RFM 表中的每位客户打分。")),
        Mistake(lambda a, e: {"R", "F", "M"} < set(a.columns), T(
            "Keep only the three score columns: `scores[['R', 'F', 'M']]`.",
            "只保留三列得分：`scores[['R', 'F', 'M']]`。")),
        Mistake(lambda a, e: a[["R", "F", "M"]].max().max() == 5, T(
            "Some scores are 5: you used five bins, the chapter's choice. The question asks for four (`bins=4`).",
            "有些得分是 5：你用了五个分箱，即本章的做法。题目要求四个分箱（`bins=4`）。")),
        Mistake(lambda a, e: a[["R", "F", "M"]].min().min() == 0, T(
            "Scores run from 1 to 4, not from 0 to 3.", "得分从 1 到 4，而不是从 0 到 3。")),
        Mistake(lambda a, e: _aligned(a, e)["R"].corr(e["R"]) < 0, T(
            "Your R scores are reversed: the most recent buyers (smallest recency) must get R = 4.",
            "你的 R 得分方向反了：最近购买的客户（`recency` 最小）应得 R = 4。")),
        Mistake(_r_reversed_from_ascending, T(
            "Only some tied customers differ in `R`, and they got a score too HIGH: did you score recency upwards "
            "and reverse it (`5 - score`)? Reversing gives tied customers the highest score of their group. Rank "
            "recency from the largest down instead, ties at the lowest rank (`rank(ascending=False, method='min')`).",
            "只有部分并列客户的 `R` 不同，而且得分偏高：你是不是先按 `recency` 从小到大打分，再用 `5 - score` 反转？"
            "反转会让并列客户得到该组最高的分数。请改为从大到小给 `recency` 排名，并列取最低名次"
            "（`rank(ascending=False, method='min')`）。")),
        Mistake(_bins_merged, T(
            "One of your columns has fewer distinct scores than it should: `pd.qcut(..., duplicates='drop')` "
            "silently merges the bins whose edges coincide, so F loses a score and the others shift. The course's "
            "rule keeps every score and gives tied customers the lowest one of their group.",
            "你的某一列得分种类少于应有的数目：`pd.qcut(..., duplicates='drop')` 会悄悄合并边界重合的分箱，"
            "于是 F 少了一个得分，其余得分也随之移动。课程的规则保留每个得分，并让并列的客户取该组最低的分数。")),
        Mistake(_ties_broken, T(
            "Customers with the same value got different scores: ties were broken by row order (e.g. "
            "`rank(method='first')`). Equal customers must share a score, the lowest of their group.",
            "数值相同的客户得到了不同的分数：并列是按行的顺序拆开的（例如 `rank(method='first')`）。"
            "数值相同的客户必须共享一个分数，即该组中最低的分数。")),
    ],
)


def _revenue_share(segments: pd.DataFrame, segment: str) -> float:
    return float(segments.loc[segments["segment"] == segment, "monetary"].sum() / segments["monetary"].sum())


def _champions_with_reversed_r() -> float:
    scores = rfm_scores(_rfm())
    scores["R"] = 6 - scores["R"]
    return _revenue_share(rfm_segments(scores), "champions")


def _champions_at_year_end() -> float:
    return _revenue_share(rfm_segments(rfm_scores(rfm_table(_tx()))), "champions")


q4 = Question(
    "q4",
    chapter=CHAPTER,
    expected=lambda: _revenue_share(_segments(), "champions"),
    hints=[
        T("Score the mid-year RFM table of question 2 with the default five bins and name the segments: "
          "`crm.rfm_segments(crm.rfm_scores(rfm))` (champions: R = 5 and F = 4 or 5).",
          "用默认的五个分箱给第 2 题的年中 RFM 表打分并命名细分："
          "`crm.rfm_segments(crm.rfm_scores(rfm))`（冠军客户：R = 5 且 F 为 4 或 5）。"),
        T("Add up `monetary` of the champions and divide by the `monetary` of all customers in that table: a "
          "fraction between 0 and 1.",
          "把冠军客户的 `monetary` 相加，再除以该表中所有客户的 `monetary` 总和：得到 0 到 1 之间的小数。"),
    ],
    mistakes=[
        Mistake(lambda a, e: a == 0, T(
            "No champions at all? The segment codes are lower case: compare with `'champions'`, not `'Champions'` "
            "(`segments['segment'].unique()` lists them).",
            "一个冠军客户都没有？细分代码是小写的：请与 `'champions'` 比较，而不是 `'Champions'`"
            "（`segments['segment'].unique()` 会列出所有代码）。")),
        Mistake(lambda a, e: _close(a, 100 * e), T(
            "Give the share as a fraction between 0 and 1, not as a percentage.",
            "请以 0 到 1 之间的小数给出份额，而不是百分数。")),
        Mistake(lambda a, e: _close(a, _champions_at_year_end()), T(
            "That is the champions' share at the end of 2024, the chapter's table. The question asks for the "
            f"mid-year view: transactions before {MIDYEAR}.",
            f"这是 2024 年底冠军客户的份额，即本章表中的数字。题目问的是年中的情况：{MIDYEAR} 之前的交易。")),
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

q5 = Choice(
    "q5",
    chapter=CHAPTER,
    options={
        "a": T("champions: our best customers deserve the personal attention.",
               "冠军客户：最好的客户理应得到专人关照。"),
        "b": T("can't lose them: frequent, high-spending buyers who have gone quiet.",
               "不能失去的客户：购买频繁、消费高、但已沉寂的客户。"),
        "c": T("hibernating: the largest segment, so the calls reach the most customers.",
               "休眠客户：人数最多的细分，电话能覆盖最多的客户。"),
        "d": T("new customers: a call right after the first purchase builds the relationship.",
               "新客户：首次购买后马上打电话，有助于建立关系。"),
    },
    answer="b",
    coaching={
        "a": T("Champions bought recently and often: they are still here. Reward them (GE's gifts), but a "
               "costly personal call to keep them changes little.",
               "冠军客户最近购买且频繁：他们仍然在。应当奖励他们（如 GE 的礼品），但花高成本打电话挽留他们作用不大。"),
        "c": T("Hibernating customers bought rarely and long ago: many of them, little value each. A personal "
               "call costs the same per customer whatever the customer is worth; cheap mass contact fits them.",
               "休眠客户很少购买且很久没来：人数多，每人价值低。无论客户价值多少，一次专人电话的成本都一样；"
               "他们适合低成本的批量联系。"),
        "d": T("New customers are worth developing, but by cheaper means (a welcome offer, onboarding). One "
               "purchase says little about their value yet.",
               "新客户值得发展，但要用更便宜的方式（欢迎优惠、入门引导）。一次购买还说明不了他们的价值。"),
    },
    hints=[
        T("A personal call is expensive: it pays where a customer is valuable AND at risk of leaving.",
          "专人电话成本很高：只有当客户既有价值、又有流失风险时才划算。"),
        T("Look at the R x F map: which segment has a high F (a valuable habit) but a low R (gone quiet)?",
          "看看 R × F 图：哪个细分的 F 高（有价值的购买习惯）而 R 低（已经沉寂）？"),
    ],
)


# --- closed-form CLV ------------------------------------------------------------------------------

def _q6_mistakes() -> list[Mistake]:
    m, r, i = MARGIN, RETENTION, DISCOUNT
    return [
        rate_as_whole_number(lambda: m * r / (1 + 100 * i - r), T(
            f"It looks as if the discount rate was typed as {100 * i:.0f} for {i:.0%}. In the formula a rate is a "
            f"fraction: {i:.0%} is `{i:.2f}` (`crm.clv` refuses a discount above 1 for this reason).",
            f"看起来把贴现率 {i:.0%} 写成了 {100 * i:.0f}。公式中的比率是小数：{i:.0%} 应写作 `{i:.2f}`"
            "（正因如此，`crm.clv` 会拒绝大于 1 的贴现率）。")),
        Mistake(lambda a, e: a < 0 or a > 10 * m / (1 - r), T(
            "Enter the rates as fractions: retention 0.80 and discount 0.12, not 80 and 12.",
            "请把比率写成小数：保留率 0.80、贴现率 0.12，而不是 80 和 12。")),
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
        Mistake(lambda a, e: _close(a, clv(margin=200, retention=0.75, discount=0.10)), T(
            "That is the chapter's customer (m = 200, r = 0.75, i = 0.10). Use this customer's numbers.",
            "这是本章中的客户（m = 200、r = 0.75、i = 0.10）。请使用本题客户的数据。")),
    ]


q6 = Question(
    "q6",
    chapter=CHAPTER,
    expected=lambda: clv(margin=MARGIN, retention=RETENTION, discount=DISCOUNT),
    hints=[
        T("Gupta & Lehmann: with margin m at the end of each year, retention r and discount rate i, the customer "
          "is still there in year t with probability r^t and the margin is worth 1 / (1 + i)^t today.",
          "`Gupta` 与 `Lehmann` 的公式：每年年末获得利润 m，保留率 r，贴现率 i；客户在第 t 年仍在的概率是 r^t，"
          "该年利润的现值要乘以 1 / (1 + i)^t。"),
        T("Summed over all years: CLV = m r / (1 + i - r); or `crm.clv(margin=..., retention=..., discount=...)`.",
          "对所有年份求和：CLV = m r / (1 + i - r)；或者用 `crm.clv(margin=..., retention=..., discount=...)`。"),
    ],
    mistakes=_q6_mistakes(),
)


def _finite(**changes) -> float:
    arguments = {"margin": MARGIN, "retention": RETENTION, "discount": DISCOUNT, "horizon": HORIZON,
                 "acquisition_cost": ACQUISITION_COST} | changes
    return clv(**arguments)


q7 = Question(
    "q7",
    chapter=CHAPTER,
    expected=_finite,
    hints=[
        T(f"Only {HORIZON} years count now, and the acquisition cost (获取成本) is paid once, today, so it is not "
          "discounted.",
          f"现在只计算 {HORIZON} 年，获取成本在今天一次性支付，因此不用贴现。"),
        T(f"Sum m r^t / (1 + i)^t for t = 1..{HORIZON} and subtract {ACQUISITION_COST:.0f}; or "
          f"`crm.clv(..., horizon={HORIZON}, acquisition_cost={ACQUISITION_COST:.0f})`.",
          f"对 t = 1..{HORIZON} 求 m r^t / (1 + i)^t 之和，再减去 {ACQUISITION_COST:.0f}；或者用 "
          f"`crm.clv(..., horizon={HORIZON}, acquisition_cost={ACQUISITION_COST:.0f})`。"),
    ],
    mistakes=[
        Mistake(lambda a, e: _close(a, _finite(horizon=None)), T(
            f"That is the value over an unlimited horizon. Count only the {HORIZON} years asked for.",
            f"这是无限期的价值。只计算题目要求的 {HORIZON} 年。")),
        Mistake(lambda a, e: _close(a, _finite(acquisition_cost=0)), T(
            "Subtract the acquisition cost: it is what winning the customer cost.",
            "请减去获取成本：这是赢得这位客户的代价。")),
        Mistake(lambda a, e: _close(a, _finite(acquisition_cost=-ACQUISITION_COST)), T(
            "The acquisition cost is a cost: subtract it, do not add it.", "获取成本是一项成本：应当减去，而不是加上。")),
        Mistake(lambda a, e: _close(a, _finite(margin_timing="start")), T(
            f"You counted margins at the START of years 0..{HORIZON - 1}. Here they come at the END of years "
            f"1..{HORIZON}, if the customer is still there.",
            f"你把利润算在了第 0..{HORIZON - 1} 年的年初。本题中利润在第 1..{HORIZON} 年的年末获得，前提是客户仍然留存。")),
        Mistake(lambda a, e: any(_close(a, _finite(horizon=h)) for h in (HORIZON - 1, HORIZON + 1)), T(
            f"Count exactly {HORIZON} yearly margins, for the years t = 1, ..., {HORIZON}.",
            f"恰好计算 {HORIZON} 年的利润：t = 1, ..., {HORIZON}。")),
    ],
)


def _gym(retention: float, discount: float = GYM_DISCOUNT) -> float:
    return clv(margin=GYM_MARGIN, retention=retention, discount=discount)


def _gym_gain(discount: float = GYM_DISCOUNT) -> float:
    return _gym(GYM_RETENTION + GYM_STEP, discount) / _gym(GYM_RETENTION, discount) - 1


q8 = Question(
    "q8",
    chapter=CHAPTER,
    expected=_gym_gain,
    hints=[
        T(f"Compute the member's CLV twice, at r = {GYM_RETENTION:.2f} and at r = {GYM_RETENTION + GYM_STEP:.2f}, "
          f"with i = {GYM_DISCOUNT:.2f}; the answer is the relative change, new / old - 1.",
          f"分别在 r = {GYM_RETENTION:.2f} 和 r = {GYM_RETENTION + GYM_STEP:.2f}、i = {GYM_DISCOUNT:.2f} 时计算会员的 "
          "CLV；答案是相对变化，即 新值 / 旧值 - 1。"),
        T(f"`crm.clv(margin={GYM_MARGIN:.0f}, retention={GYM_RETENTION + GYM_STEP:.2f}, discount={GYM_DISCOUNT:.2f}) / "
          f"crm.clv(margin={GYM_MARGIN:.0f}, retention={GYM_RETENTION:.2f}, discount={GYM_DISCOUNT:.2f}) - 1`; the "
          "margin cancels out.",
          f"`crm.clv(margin={GYM_MARGIN:.0f}, retention={GYM_RETENTION + GYM_STEP:.2f}, discount={GYM_DISCOUNT:.2f}) / "
          f"crm.clv(margin={GYM_MARGIN:.0f}, retention={GYM_RETENTION:.2f}, discount={GYM_DISCOUNT:.2f}) - 1`；"
          "利润在比值中约掉了。"),
    ],
    mistakes=[
        Mistake(lambda a, e: _close(a, 100 * e), T(
            "Give the change as a fraction (0.2 for +20%), not as a percentage.",
            "请以小数给出变化（+20% 写作 0.2），而不是百分数。")),
        Mistake(lambda a, e: _close(a, 1 + e), T(
            "That is the ratio new / old. The question asks for the change: subtract 1.",
            "这是比值 新值 / 旧值。题目问的是变化：请减去 1。")),
        Mistake(lambda a, e: _close(a, _gym(GYM_RETENTION + GYM_STEP) - _gym(GYM_RETENTION)), T(
            "That is the change in CNY. The question asks for the relative change (a fraction of the old CLV).",
            "这是以元计的变化。题目问的是相对变化（占原 CLV 的比例）。")),
        Mistake(lambda a, e: _close(a, _gym_gain(0.10)), T(
            f"You used a discount rate of 10%, the chapter's. The gym discounts at {GYM_DISCOUNT:.0%}.",
            f"你用的是本章的 10% 贴现率。这家健身房的贴现率是 {GYM_DISCOUNT:.0%}。")),
        Mistake(lambda a, e: _close(a, 0.25), T(
            "A quarter is the chapter's rule of thumb, which holds near r = 0.75 and i = 0.10 only. Compute it for "
            "this member.",
            "四分之一是本章的经验法则，只在 r = 0.75、i = 0.10 附近成立。请为这位会员实际计算。")),
    ],
)

q9 = Choice(
    "q9",
    chapter=CHAPTER,
    options={
        "a": T("Yes: five points of retention add about a quarter to any customer's value.",
               "对：无论起点如何，五个百分点的保留率都让客户价值增加约四分之一。"),
        "b": T("Less: at r = 0.50 five points add about a fifth; a quarter holds near r = 0.75.",
               "更少：r=0.50 时约五分之一，r=0.75 才约四分之一。"),
        "c": T("More: at low retention there is more room to improve, so the gain is larger.",
               "更多：保留率低时改进的空间更大，所以五个百分点带来的增益也更大。"),
        "d": T("Nothing: if the margin per year stays the same, retention does not change the value.",
               "没有变化：只要每年的利润保持不变，保留率就不会改变客户的价值。"),
    },
    answer="b",
    coaching={
        "a": T("The quarter is the chapter's number for r = 0.75 and i = 0.10. The relative gain of a five-point "
               "step depends on where you start: see the chapter's table of gains by retention rate.",
               "四分之一是本章在 r = 0.75、i = 0.10 时得到的数字。五个百分点带来的相对增益取决于起点："
               "请看本章按保留率列出的增益表。"),
        "c": T("Room to improve is not what the formula rewards. CLV = m r / (1 + i - r): a step in r matters most "
               "when 1 + i - r is already small, i.e. when retention is already high.",
               "公式并不奖励“改进空间”。CLV = m r / (1 + i - r)：当 1 + i - r 本来就小，也就是保留率已经很高时，"
               "r 的提高才最有分量。"),
        "d": T("Retention decides how many years of margin the firm collects: r^t weights year t. Even with the "
               "same margin, a customer who stays longer is worth more.",
               "保留率决定企业能收取多少年的利润：第 t 年的权重是 r^t。即使每年利润相同，留得更久的客户价值也更高。"),
    },
    hints=[
        T("The claim is about the relative change of CLV when r rises by 0.05. Does it depend on r?",
          "这个说法是关于 r 提高 0.05 时 CLV 的相对变化。它是否取决于 r？"),
        T("`crm.clv(margin=1, retention=0.55, discount=0.10) / crm.clv(margin=1, retention=0.50, discount=0.10) - 1`.",
          "`crm.clv(margin=1, retention=0.55, discount=0.10) / crm.clv(margin=1, retention=0.50, discount=0.10) - 1`。"),
    ],
)


# --- BG/NBD and probabilistic CLV on CDNOW --------------------------------------------------------

def _history(customer) -> dict[str, float]:
    row = _summary().loc[customer]
    return {"frequency": row["frequency"], "recency": row["recency"], "T": row["T"]}


def _p_alive(frequency, recency, T) -> float:
    return _bgnbd().p_alive(frequency=frequency, recency=recency, T=T)


def _p_alive_in_days() -> float:
    h = _history(SILENT_CUSTOMER)
    return _p_alive(h["frequency"], 7 * h["recency"], 7 * h["T"])


def _p_alive_of_position() -> float:
    row = _summary().iloc[SILENT_CUSTOMER]
    return _p_alive(row["frequency"], row["recency"], row["T"])


def _p_alive_with_weeks_since_last() -> float:
    h = _history(SILENT_CUSTOMER)
    return _p_alive(h["frequency"], h["T"] - h["recency"], h["T"])


def _p_alive_counting_the_first_purchase() -> float:
    h = _history(SILENT_CUSTOMER)
    return _p_alive(h["frequency"] + 1, h["recency"], h["T"])


q10 = Question(
    "q10",
    chapter=CHAPTER,
    expected=lambda: _p_alive(**_history(SILENT_CUSTOMER)),
    hints=[
        T("Fit the BG/NBD model on `cdnow_summary` (`crm.fit_bgnbd(summary)`); its recency and T are in weeks.",
          "在 `cdnow_summary` 上拟合 BG/NBD 模型（`crm.fit_bgnbd(summary)`）；其中 `recency` 和 T 以周为单位。"),
        T(f"Look up customer {SILENT_CUSTOMER} with `summary.loc[{SILENT_CUSTOMER}]` and pass its frequency, recency "
          "and T to `model.p_alive(frequency=..., recency=..., T=...)`.",
          f"用 `summary.loc[{SILENT_CUSTOMER}]` 查到客户 {SILENT_CUSTOMER}，再把其 `frequency`、`recency` 和 T 传给 "
          "`model.p_alive(frequency=..., recency=..., T=...)`。"),
    ],
    mistakes=[
        Mistake(lambda a, e: 1 < a <= 100, T(
            "Give the probability as a fraction between 0 and 1, not as a percentage.",
            "请以 0 到 1 之间的小数给出概率，而不是百分数。")),
        Mistake(lambda a, e: _close(a, 1 - e), T(
            "That is the probability that the customer has dropped out. The question asks for P(alive).",
            "这是客户已经流失的概率。题目问的是 `P(alive)`（仍然活跃的概率）。")),
        Mistake(lambda a, e: _close(a, _p_alive_of_position()), T(
            f"That is another customer: `summary.iloc[{SILENT_CUSTOMER}]` is the row at POSITION {SILENT_CUSTOMER} "
            f"(counting from 0), customer {SILENT_CUSTOMER + 1}. Customer {SILENT_CUSTOMER} is a label of the index: "
            f"`summary.loc[{SILENT_CUSTOMER}]`.",
            f"这是另一位客户：`summary.iloc[{SILENT_CUSTOMER}]` 是按位置（从 0 开始）的第 {SILENT_CUSTOMER} 行，"
            f"即客户 {SILENT_CUSTOMER + 1}。客户 {SILENT_CUSTOMER} 是索引的标签：`summary.loc[{SILENT_CUSTOMER}]`。")),
        Mistake(lambda a, e: _close(a, _p_alive_with_weeks_since_last()), T(
            "You passed the 9.6 weeks SINCE the last purchase as recency. In BG/NBD recency is the customer's age at "
            "the last purchase (first to last purchase, in weeks): use the summary's `recency` as it is.",
            "你把距最后一次购买的 9.6 周当作了 `recency`。在 BG/NBD 中，`recency` 是最后一次购买时客户的“年龄”"
            "（从第一次到最后一次购买的周数）：请直接使用汇总表中的 `recency`。")),
        Mistake(lambda a, e: _close(a, _p_alive_in_days()), T(
            "You gave recency and T in days, but the model was fitted in weeks: keep the summary's units.",
            "你给出的 `recency` 和 T 是以天为单位的，但模型是按周拟合的：请保持汇总表的单位。")),
        Mistake(lambda a, e: _close(a, _p_alive_counting_the_first_purchase()), T(
            "Frequency in BG/NBD counts REPEAT purchases only, not the first one: use the summary's value as it is.",
            "BG/NBD 中的 `frequency` 只计算重复购买次数，不包括第一次购买：请直接使用汇总表中的值。")),
    ],
)


def _expected(t: float, scale: float = 1.0) -> float:
    h = _history(SILENT_CUSTOMER)
    return _bgnbd().expected_purchases(t, frequency=h["frequency"], recency=scale * h["recency"], T=scale * h["T"])


q11 = Question(
    "q11",
    chapter=CHAPTER,
    expected=lambda: _expected(WEEKS_AHEAD),
    hints=[
        T(f"Use the BG/NBD model fitted on `cdnow_summary`: everything is in weeks, including the {WEEKS_AHEAD} "
          "weeks ahead.",
          f"使用在 `cdnow_summary` 上拟合的 BG/NBD 模型：所有时间都以周为单位，包括未来的 {WEEKS_AHEAD} 周。"),
        T(f"`model.expected_purchases({WEEKS_AHEAD}, frequency=..., recency=..., T=...)` with customer "
          f"{SILENT_CUSTOMER}'s values from the summary: the conditional expectation given its history.",
          f"`model.expected_purchases({WEEKS_AHEAD}, frequency=..., recency=..., T=...)`，代入汇总表中客户 "
          f"{SILENT_CUSTOMER} 的值：在该客户历史条件下的期望值。"),
    ],
    mistakes=[
        Mistake(lambda a, e: _close(a, _expected(WEEKS_AHEAD / 7)), T(
            f"You asked for {WEEKS_AHEAD} DAYS ({WEEKS_AHEAD} / 7 weeks). The model's unit is the week: t = {WEEKS_AHEAD}.",
            f"你求的是 {WEEKS_AHEAD} 天（{WEEKS_AHEAD} / 7 周）。模型的时间单位是周：t = {WEEKS_AHEAD}。")),
        Mistake(lambda a, e: _close(a, _expected(WEEKS_AHEAD * 7)), T(
            f"You converted {WEEKS_AHEAD} weeks into days (x 7), but the model counts in weeks: t = {WEEKS_AHEAD}.",
            f"你把 {WEEKS_AHEAD} 周换算成了天（乘以 7），但模型以周计时：t = {WEEKS_AHEAD}。")),
        Mistake(lambda a, e: _close(a, _expected(WEEKS_AHEAD, scale=7)), T(
            "Recency and T are already in weeks: do not multiply them by 7.", "`recency` 和 T 已经是以周为单位的：不要乘以 7。")),
        Mistake(lambda a, e: _close(a, _expected(39)), T(
            f"That is the next 39 weeks, the chapter's horizon. The question asks for {WEEKS_AHEAD} weeks.",
            f"这是未来 39 周，即本章的期限。题目问的是 {WEEKS_AHEAD} 周。")),
        Mistake(lambda a, e: _close(a, _bgnbd().expected_purchases_new_customer(WEEKS_AHEAD)), T(
            f"That is for a brand-new customer. Use customer {SILENT_CUSTOMER}'s history from the summary.",
            f"这是针对全新客户的。请使用汇总表中客户 {SILENT_CUSTOMER} 的历史。")),
        Mistake(lambda a, e: _close(a, _p_alive(**_history(SILENT_CUSTOMER))), T(
            "That is the probability that the customer is alive, not the expected number of purchases.",
            "这是客户仍然活跃的概率，而不是期望购买次数。")),
    ],
)


MONTHLY_1_PERCENT = 1.01 ** 12 - 1  # a yearly rate: 1% a month compounded


def _clv6(**changes) -> pd.Series:
    arguments = {"horizon": 6, "unit": "M", "discount": 0.12, "discount_period": "Y", "margin": 0.25} | changes
    return probabilistic_clv(_bgnbd(), _gamma_gamma(), _summary(), **arguments)


def _same_values(a, e, changes: dict, tol: float = 1e-6) -> bool:
    return np.allclose(_aligned(a, e), _clv6(**changes), rtol=tol)


# q12: the chapter's settings (12 months, 10% a year, 30% margin) and this question's, for the copy-paste detectors.
CHAPTER_CLV = {"horizon": 12, "discount": 0.10, "margin": 0.3}
SETTING_WORDS = {
    "horizon": (T("12 months", "12 个月"), T("6 months (`horizon=6`)", "6 个月（`horizon=6`）")),
    "discount": (T("10% a year", "每年 10%"), T("12% a year (`discount=0.12`)", "每年 12%（`discount=0.12`）")),
    "margin": (T("30% margin", "30% 的利润率"), T("25% margin (`margin=0.25`)", "25% 的利润率（`margin=0.25`）")),
}


def _chapter_settings_mistakes() -> list[Mistake]:
    """One detector per set of the chapter's settings kept by copying its call (all three first)."""
    mistakes = []
    for size in (3, 2, 1):
        for kept in combinations(CHAPTER_CLV, size):
            words = {lang: ("、" if lang == "zh" else ", ").join(SETTING_WORDS[k][0][lang] for k in kept)
                     for lang in ("en", "zh")}
            ours = {lang: ("、" if lang == "zh" else ", ").join(SETTING_WORDS[k][1][lang] for k in kept)
                    for lang in ("en", "zh")}
            mistakes.append(Mistake(
                lambda a, e, kept=kept: _same_values(a, e, {k: CHAPTER_CLV[k] for k in kept}),
                T(f"You kept the chapter's settings: {words['en']}. This question asks for {ours['en']}.",
                  f"你沿用了本章的设置：{words['zh']}。本题要求的是 {ours['zh']}。")))
    return mistakes


q12 = Question(
    "q12",
    chapter=CHAPTER,
    expected=_clv6,
    abs_tol=0.005,
    hints=[
        T("Fit both models on `cdnow_summary`: BG/NBD for purchases, Gamma-Gamma (`crm.fit_gamma_gamma`) for spend "
          "per purchase; then `crm.probabilistic_clv(bg, gg, summary, ...)`.",
          "在 `cdnow_summary` 上拟合两个模型：BG/NBD 用于购买次数，`Gamma-Gamma`（`crm.fit_gamma_gamma`）"
          "用于每次消费金额；然后调用 `crm.probabilistic_clv(bg, gg, summary, ...)`。"),
        T("Say every unit: `horizon=6, unit='M'` (6 months), `discount=0.12, discount_period='Y'` (12% a year), "
          "`margin=0.25`. (12% a year is not 1% a month: that compounds to 12.7%.) Amounts to the cent "
          "(`.round(2)`) pass.",
          "每个单位都要写明：`horizon=6, unit='M'`（6 个月），`discount=0.12, discount_period='Y'`"
          "（每年 12%），`margin=0.25`。（每年 12% 不等于每月 1%：后者按复利是每年 12.7%。）金额保留到分"
          "（`.round(2)`）也算对。"),
    ],
    mistakes=[
        Mistake(_rows_missing, T(
            "Some customers are missing: one-time buyers have a CLV too (the model expects few purchases at the "
            "population's mean spend). Keep every customer of the summary.",
            "缺少了一些客户：只买过一次的客户也有 CLV（模型预期他们购买较少，按总体平均消费额计算）。"
            "请保留汇总表中的每位客户。")),
        *_chapter_settings_mistakes(),
        Mistake(lambda a, e: _same_values(a, e, {"discount": MONTHLY_1_PERCENT}), T(
            "You discounted 1% a month (as the `lifetimes` package's `discount_rate=0.01` does). Compounded, 1% a "
            "month is 12.7% a year, not 12%: 12% a year is `(1.12) ** (1 / 12) - 1`, about 0.95% a month. With "
            "`crm.probabilistic_clv` say `discount=0.12, discount_period='Y'`.",
            "你按每月 1% 贴现了（`lifetimes` 包的 `discount_rate=0.01` 就是这样）。按复利计算，每月 1% 相当于每年 "
            "12.7%，而不是 12%：每年 12% 是 `(1.12) ** (1 / 12) - 1`，约每月 0.95%。用 `crm.probabilistic_clv` "
            "时请写明 `discount=0.12, discount_period='Y'`。")),
        Mistake(lambda a, e: _same_values(a, e, {"unit": "W"}), T(
            "That is 6 WEEKS. The question asks for 6 months: `unit='M'`.", "这是 6 周。题目要求 6 个月：`unit='M'`。")),
        Mistake(lambda a, e: _same_values(a, e, {"discount_period": "M"}), T(
            "You discounted 12% a MONTH. The rate is 12% a year: `discount_period='Y'`.",
            "你按每月 12% 贴现了。贴现率是每年 12%：`discount_period='Y'`。")),
        Mistake(lambda a, e: _same_values(a, e, {"margin": 1.0}), T(
            "That is revenue: only 25% of spend is margin (`margin=0.25`).",
            "这是收入：只有 25% 的消费额是利润（`margin=0.25`）。")),
        Mistake(lambda a, e: _same_values(a, e, {"discount": 0.0}), T(
            "You did not discount: a purchase in month 6 is worth less today than one next month.",
            "你没有贴现：第 6 个月的购买在今天的价值低于下个月的购买。")),
        Mistake(lambda a, e: _same_values(a, e, {}, tol=0.02), T(
            "Close, but not the same: count 6 periods of one month (`unit='M'`) with 12% a year "
            "(`discount_period='Y'`), a margin of 25% (`margin=0.25`), and every customer of the summary.",
            "接近，但不相同：应按 6 个一个月的期间计算（`unit='M'`），贴现率为每年 12%（`discount_period='Y'`），"
            "利润率 25%（`margin=0.25`），并包括汇总表中的每位客户。")),
    ],
)

# Typical wrong answers and the coaching each must trigger, built from a solved notebook's
# variables (tests/test_exercises.py checks every one).
WRONG_ANSWERS = {
    "q1": lambda ns: [
        (_a_count(_spend(ns["tx"])), "both years"),
        (_a_count_including(ns["spend"]), "INCLUDING"),
        (round(0.2 * len(ns["spend"])), "top 20%"),
        (_a_count(ns["tx_2024"]["amount"]), "single transactions"),
        (_a_count(_spend(ns["tx_2024"], "margin")), "gross margin"),
        (ns["answer"] / len(ns["spend"]), "not their share"),
    ],
    "q2": lambda ns: [
        (rfm_table(ns["tx"]), "every buyer of the two years"),
        (ns["rfm"].assign(recency=ns["rfm"]["recency"] + _days_to_year_end()), "2025-01-01"),
        (ns["rfm"][ns["rfm"]["frequency"] > 1], "fewer rows"),
        (ns["rfm"].reindex(load_dataset("retail_customers")["customer_id"]), "more rows"),
        (ns["rfm"].assign(monetary=ns["rfm"]["monetary"] / ns["rfm"]["frequency"]), "TOTAL spend"),
        (ns["rfm"].assign(recency=ns["rfm"]["recency"] - 1), "one day short"),
        (ns["rfm"].assign(recency=-ns["rfm"]["recency"]), "negative"),
        (ns["rfm"].reset_index(), "as the index"),
        (rfm_table(ns["tx"][ns["tx"]["date"] <= MIDYEAR], as_of=MIDYEAR), "ON 2024-07-01"),
        (_rfm_from_first_purchase(ns["midyear"]), "FIRST purchase"),
    ],
    "q3": lambda ns: [
        (rfm_scores(ns["rfm"])[["R", "F", "M"]], "five bins"),
        (rfm_scores(rfm_table(ns["tx"]), bins=BINS)[["R", "F", "M"]], "more rows than the mid-year"),
        (ns["scores"].assign(R=5 - ns["scores"]["R"]), "reversed"),
        (ns["scores"].assign(R=5 - np.ceil(ns["rfm"]["recency"].rank(method="min") / len(ns["rfm"]) * BINS).astype(int)),
         "5 - score"),
        (ns["scores"] - 1, "not from 0 to 3"),
        (ns["scores"].iloc[:-10], "fewer rows"),
        (rfm_scores(ns["rfm"], bins=BINS), "three score columns"),
        (ns["scores"].assign(F=pd.qcut(ns["rfm"]["frequency"], BINS, labels=False, duplicates="drop") + 1),
         "duplicates='drop'"),
        (ns["scores"].assign(F=pd.qcut(ns["rfm"]["frequency"].rank(method="first"), BINS, labels=False) + 1),
         "row order"),
    ],
    "q4": lambda ns: [
        (100 * ns["answer"], "percentage"),
        (0.0, "lower case"),
        (_champions_at_year_end(), "end of 2024"),
        (float((ns["segments"]["segment"] == "champions").mean()), "share of CUSTOMERS"),
        (_champions_with_reversed_r(), "R is reversed"),
        (float(ns["answer"] / (ns["segments"]["segment"] == "champions").mean()), "cannot exceed 1"),
    ],
    "q5": lambda ns: [("a", "Reward them"), ("c", "cheap mass contact"), ("d", "cheaper means")],
    "q6": lambda ns: [
        (MARGIN * DISCOUNT / (1 + RETENTION - DISCOUNT), "swapped"),
        (MARGIN * (1 + DISCOUNT) / (1 + DISCOUNT - RETENTION), "START"),
        (MARGIN * RETENTION / (1 - RETENTION), "did not discount"),
        (MARGIN * 80 / (1 + 12 - 80), "fractions"),
        (MARGIN * RETENTION / (1 + 12 - RETENTION), "typed as 12"),
        (MARGIN / (1 + DISCOUNT - RETENTION), "r^t"),
        (clv(margin=200, retention=0.75, discount=0.10), "chapter's customer"),
    ],
    "q7": lambda ns: [
        (ns["answer"] + ACQUISITION_COST, "Subtract"),
        (ns["answer"] + 2 * ACQUISITION_COST, "do not add"),
        (clv(margin=MARGIN, retention=RETENTION, discount=DISCOUNT) - ACQUISITION_COST, "unlimited"),
        (clv(margin=MARGIN, retention=RETENTION, discount=DISCOUNT, horizon=HORIZON, margin_timing="start")
         - ACQUISITION_COST, "START"),
        (clv(margin=MARGIN, retention=RETENTION, discount=DISCOUNT, horizon=HORIZON + 1) - ACQUISITION_COST,
         "exactly"),
    ],
    "q8": lambda ns: [
        (100 * ns["answer"], "percentage"),
        (1 + ns["answer"], "ratio"),
        (ns["after"] - ns["before"], "in CNY"),
        (_gym_gain(0.10), "discount rate of 10%"),
        (0.25, "rule of thumb"),
    ],
    "q9": lambda ns: [("a", "depends on where you start"), ("c", "Room to improve"), ("d", "how many years")],
    "q10": lambda ns: [
        (100 * ns["answer"], "percentage"),
        (1 - ns["answer"], "dropped out"),
        (np.array([ns["answer"]]), "`float(...)`"),
        (ns["model"].p_alive(frequency=ns["summary"].iloc[325]["frequency"], recency=ns["summary"].iloc[325]["recency"],
                             T=ns["summary"].iloc[325]["T"]), "POSITION"),
        (ns["model"].p_alive(frequency=25, recency=9.6, T=ns["customer"]["T"]), "SINCE the last purchase"),
        (ns["model"].p_alive(frequency=ns["customer"]["frequency"], recency=7 * ns["customer"]["recency"],
                             T=7 * ns["customer"]["T"]), "in days"),
        (ns["model"].p_alive(frequency=ns["customer"]["frequency"] + 1, recency=ns["customer"]["recency"],
                             T=ns["customer"]["T"]), "REPEAT"),
    ],
    "q11": lambda ns: [
        (_expected(WEEKS_AHEAD / 7), "DAYS"),
        (_expected(WEEKS_AHEAD * 7), "x 7"),
        (_expected(WEEKS_AHEAD, scale=7), "do not multiply"),
        (_expected(39), "chapter's horizon"),
        (ns["model"].expected_purchases_new_customer(WEEKS_AHEAD), "brand-new"),
        (_p_alive(**_history(SILENT_CUSTOMER)), "probability"),
    ],
    "q12": lambda ns: [
        (ns["clv6"][ns["summary"]["frequency"] > 0], "one-time buyers"),
        (ns["clv6"].reset_index(drop=True), "index looks reset"),
        (ns["clv6"].reset_index(), "Set it back"),
        (_clv6(horizon=12, discount=0.10, margin=0.3), "12 months, 10% a year, 30% margin"),
        (_clv6(horizon=12), "settings: 12 months."),
        (_clv6(margin=0.3), "settings: 30% margin."),
        (_clv6(discount=0.10), "settings: 10% a year."),
        (_clv6(discount=MONTHLY_1_PERCENT), "1% a month"),
        (_clv6(unit="W"), "6 WEEKS"),
        (_clv6(discount_period="M"), "a MONTH"),
        (_clv6(margin=1.0), "revenue"),
        (_clv6(discount=0.0), "did not discount"),
    ],
}
