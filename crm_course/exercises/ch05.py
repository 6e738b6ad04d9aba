"""IT-based CRM: the chapter's methods applied to another region, campaign, basket set, cost and supply.

The chapter queries the database for the top 20% by profit and revenue by channel, region and
salesperson, measures {Milk, Diapers} -> {Beer} on the textbook baskets, mails at 0.55 CNY a piece
and 40 CNY a sale, ranks the CRM bids with the lecture's weights and a budget of 1,000,000 CNY
for 50 users, classifies the outlets with A >= 200 cartons and shares 1,000 cartons with the
class weights 6-4-2-1-0. The questions here write two new queries (the north's best members,
checked in order; the wellness mailing by age band), measure a rule on other baskets by hand,
compute a catalogue's break-even response and the deciles it may go to, choose a product for a
small firm, raise the class A cut and share 800 cartons with a weight for class E; two (q9, q10)
ask what a result means for a manager.

SQL answers may be the query's result (``crm.sql(query, con)``) or the query text itself; a query
SQLite cannot run gets SQLite's message and the database's tables and columns, never a traceback.
"""

from __future__ import annotations

import re
import sqlite3
from functools import cache

import numpy as np
import pandas as pd

from ..data.catalog import load_dataset
from ..models.allocation import fair_allocation
from ..models.database import SQLError, _catalogue, crm_database, sql
from ..models.mailing import break_even_response, gains_table, launch_table, purchase_likelihood
from ..models.outlets import class_allocation, outlet_classes
from ..models.vendors import VENDOR_WEIGHTS, vendor_ranking
from .engine import Choice, Mistake, Question, T, fraction_for_percent, percent_for_fraction, same_as

__all__ = ["WRONG_ANSWERS", "SQLQuestion", "q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9", "q10"]

CHAPTER = "05_it_models"

# q1: the best members of one region, highest profit first.
REGION, TOP = "north", 5
# q2: the direct mailing of the wellness launch.
CAMPAIGN = "CMP03"
# q3: eight baskets of a corner shop, and the rule to measure by hand.
SHOP_BASKETS = [{"beer", "diapers", "chips"}, {"beer", "diapers"}, {"diapers", "milk"}, {"beer", "chips"},
                {"diapers", "beer", "milk"}, {"milk", "bread"}, {"diapers", "bread"}, {"beer", "diapers", "bread"}]
RULE = ("diapers", "beer")
# q4 and q5: a printed catalogue with a gift, and the profit of an order.
CATALOGUE_COST, ORDER_REVENUE, MARGIN_RATE = 8.0, 180.0, 0.30
# q8: a clinic chain's tender: patient data, so service support and security come first.
SMALL_FIRM_WEIGHTS = {"support": 0.3, "security": 0.5, "management_fit": 0.2}
# Each slip gives its own product: no budget V7 (the top score), the lecture's weights V2 (the chapter's
# choice), 50 users V5; the answer is V8.
SMALL_FIRM = {"users": 20, "years": 3, "budget": 220_000}
# q6: a higher bar for class A.
A_CUT = 250
CUTS = {"A": A_CUT, "B": 100, "C": 50, "D": 20, "E": 0}
# q7: a smaller delivery, and class E gets a little.
SUPPLY = 800
WEIGHTS = {"A": 6, "B": 4, "C": 2, "D": 1, "E": 0.5}


@cache
def _con() -> sqlite3.Connection:
    # one connection for the exercises, shared by the checks (read only)
    return crm_database()


def _query(text: str) -> pd.DataFrame:
    return sql(text, _con())


# --- SQL questions ------------------------------------------------------------------------------

_SQL_START = re.compile(r"^\s*(select|with)\b", flags=re.I)


def _sqlite_says(error: SQLError) -> str:
    found = re.match(r"SQLite says: (.*?)\. Check the spelling", str(error), flags=re.S)
    return found.group(1) if found else str(error).splitlines()[0]


class SQLQuestion(Question):
    """A question answered by a query: its result (a DataFrame) or the SQL text itself.

    Text that starts with SELECT or WITH is run on the exercises' database; a query SQLite
    cannot run is coached with SQLite's message and the tables and their columns.
    """

    def check(self, answer=...):
        if isinstance(answer, str) and _SQL_START.match(answer):
            try:
                answer = sql(answer, _con())
            except SQLError as error:
                tables = "\n".join(f"`{line.strip()}`" for line in _catalogue(_con()).strip().splitlines())
                says = _sqlite_says(error)
                coaching = T(f"SQLite could not run your query: `{says}`. Check the spelling of the table and column "
                             f"names, the commas and the quotes (text values in single quotes, e.g. 'north'). The "
                             f"database has these tables (columns):\n{tables}",
                             f"`SQLite` 无法运行你的查询：`{says}`。请检查表名和列名的拼写、逗号和引号（文本值用单引号，"
                             f"例如 `'north'`）。数据库中的表（列）如下：\n{tables}")
                return self._incorrect(answer, coaching[_language()])
        return super().check(answer)


def _language() -> str:
    from ..i18n import get_language

    return get_language()


def _same_rows(answer, frame: pd.DataFrame, *, ordered: bool = False) -> bool:
    """The answer has the rows of ``frame`` (same columns, any case; in order if asked)."""
    if not isinstance(answer, pd.DataFrame) or answer.shape != frame.shape:
        return False
    mine = answer.set_axis([str(c).lower() for c in answer.columns], axis=1)
    if set(mine.columns) != {c.lower() for c in frame.columns}:
        return False
    mine = mine[[c.lower() for c in frame.columns]].reset_index(drop=True)
    right = frame.set_axis([c.lower() for c in frame.columns], axis=1).reset_index(drop=True)
    if not ordered:
        mine = mine.sort_values(list(mine.columns), ignore_index=True)
        right = right.sort_values(list(right.columns), ignore_index=True)
    for column in right.columns:
        a, e = mine[column], right[column]
        if pd.api.types.is_numeric_dtype(e):
            if not pd.api.types.is_numeric_dtype(a) or not np.allclose(a.astype(float), e.astype(float), rtol=1e-3):
                return False
        elif not (a.astype(str).to_numpy() == e.astype(str).to_numpy()).all():
            return False
    return True


TOP_REGION = f"""SELECT customer_id, profit FROM customer_mart WHERE region_id = '{REGION}'
ORDER BY profit DESC, customer_id LIMIT {TOP}"""


def _q1_wrong(where: str = f"WHERE region_id = '{REGION}'", order: str = "profit DESC", value: str = "profit"):
    return _query(f"SELECT customer_id, {value} AS profit FROM customer_mart {where} ORDER BY {order}, customer_id "
                  f"LIMIT {TOP}")


q1 = SQLQuestion(
    "q1",
    chapter=CHAPTER,
    expected=lambda: _query(TOP_REGION),
    kind="rows",
    order_matters=True,
    hints=[
        T("The data mart `customer_mart` has one row per member with `region_id` and `profit`. Keep the north's "
          "members (WHERE), sort by profit from the highest (ORDER BY ... DESC) and keep five (LIMIT).",
          "数据集市 `customer_mart` 每位会员一行，含 `region_id` 和 `profit`。保留北区会员（`WHERE`），"
          "按利润从高到低排序（`ORDER BY ... DESC`），只保留五行（`LIMIT`）。"),
        T("The shape is `SELECT two columns FROM customer_mart WHERE a condition ORDER BY a column DESC LIMIT a "
          "number`: the chapter's top-list query with a WHERE clause added (text values in single quotes, "
          "lower case as in the data). Break ties by `customer_id`; run it with `crm.sql(query, con)`.",
          "查询的形式是 `SELECT 两列 FROM customer_mart WHERE 条件 ORDER BY 某列 DESC LIMIT 行数`：即本章的榜单查询"
          "加上一个 `WHERE` 子句（文本值用单引号，并与数据一样用小写）。利润相同时按 `customer_id` 排序；用 "
          "`crm.sql(query, con)` 运行。"),
    ],
    mistakes=[
        Mistake(lambda a, e: _same_rows(a, _q1_wrong(where=""), ordered=True), T(
            "These are the five best members of all regions, the chapter's top list. Keep the north's only: "
            "`WHERE region_id = 'north'`.",
            "这是所有区域中最好的五位会员，即本章的榜单。只保留北区：`WHERE region_id = 'north'`。")),
        Mistake(lambda a, e: _same_rows(a, _q1_wrong(order="profit ASC"), ordered=True), T(
            "These are the five LEAST profitable members of the north: ORDER BY sorts from the smallest unless you "
            "write DESC.",
            "这是北区利润最低的五位会员：`ORDER BY` 默认从小到大排序，除非写上 `DESC`。")),
        Mistake(lambda a, e: _same_rows(a, _q1_wrong(order="revenue DESC", value="revenue")), T(
            "You ranked the members by revenue. The question asks for profit (margin minus the cost of winning the "
            "member): the column `profit`.",
            "你是按收入排序的。题目要求按利润（毛利减去获客成本）：即 `profit` 列。")),
        Mistake(lambda a, e: _same_rows(a, _q1_wrong(order="revenue DESC")), T(
            "The profits are right but the members are not the top five by profit: sort by `profit`, not by revenue.",
            "利润数值没错，但这些会员并不是利润最高的五位：请按 `profit` 排序，而不是按收入排序。")),
    ],
)

WELLNESS_BY_AGE = f"""SELECT c.age_band, COUNT(*) AS contacted, SUM(k.responded) AS responses
FROM campaign_contacts AS k JOIN customers AS c ON c.customer_id = k.customer_id
WHERE k.campaign_id = '{CAMPAIGN}'
GROUP BY c.age_band"""


def _q2_wrong(where: str = f"WHERE k.campaign_id = '{CAMPAIGN}'", responses: str = "SUM(k.responded)"):
    return _query(f"""SELECT c.age_band, COUNT(*) AS contacted, {responses} AS responses
        FROM campaign_contacts AS k JOIN customers AS c ON c.customer_id = k.customer_id {where}
        GROUP BY c.age_band""")


q2 = SQLQuestion(
    "q2",
    chapter=CHAPTER,
    expected=lambda: _query(WELLNESS_BY_AGE),
    kind="rows",
    hints=[
        T("Who was contacted, and whether they responded, is in `campaign_contacts` (`campaign_id`, `customer_id`, "
          "`responded` 1/0); the age band is in `customers`. JOIN them on `customer_id`, keep `CMP03`, GROUP BY the "
          "age band.",
          "谁被联系过、是否响应，在 `campaign_contacts` 表中（`campaign_id`、`customer_id`、`responded` 为 1/0）；"
          "年龄段在 `customers` 表中。按 `customer_id` 连接（`JOIN`）两表，保留 `CMP03`，再按年龄段分组（`GROUP BY`）。"),
        T("`contacted` counts the rows of a group (`COUNT(*)`); `responses` adds up the 1s of `responded` "
          "(`SUM(responded)`).",
          "`contacted` 统计每组的行数（`COUNT(*)`）；`responses` 把 `responded` 中的 1 相加（`SUM(responded)`）。"),
    ],
    mistakes=[
        Mistake(lambda a, e: _same_rows(a, _q2_wrong(where="")), T(
            "These are the contacts of all four campaigns. Keep the wellness launch only: "
            "`WHERE campaign_id = 'CMP03'`.",
            "这是全部四个营销活动的联系记录。只保留健康品类上市活动：`WHERE campaign_id = 'CMP03'`。")),
        Mistake(lambda a, e: _same_rows(a, _q2_wrong(responses="COUNT(k.responded)")), T(
            "Your `responses` equal `contacted`: COUNT counts every row, 0s included. Add up the 1s with "
            "`SUM(responded)`.",
            "你的 `responses` 与 `contacted` 相同：`COUNT` 会统计每一行，包括 0。请用 `SUM(responded)` 把 1 相加。")),
        Mistake(lambda a, e: _same_rows(a, _q2_wrong(where="WHERE k.campaign_id = 'CMP02'")), T(
            "That is the Singles' Day campaign (`CMP02`). The direct mailing of the wellness launch is `CMP03`.",
            "这是双十一活动（`CMP02`）。健康品类上市的直邮活动是 `CMP03`。")),
    ],
)


# --- a rule by hand ------------------------------------------------------------------------------

def _measures(antecedent: str, consequent: str) -> dict[str, float]:
    n = len(SHOP_BASKETS)
    a = sum(antecedent in b for b in SHOP_BASKETS)
    c = sum(consequent in b for b in SHOP_BASKETS)
    both = sum(antecedent in b and consequent in b for b in SHOP_BASKETS)
    return {"support": both / n, "confidence": both / a, "lift": both / a / (c / n)}


def _entry(answer, key):
    return float(answer[key])


q3 = Question(
    "q3",
    chapter=CHAPTER,
    expected=lambda: _measures(*RULE),
    hints=[
        T("Count over the 8 baskets: how many hold diapers (X), how many beer (Y), how many both. Support = both / 8; "
          "confidence = both / (baskets with X); lift = confidence / (baskets with Y / 8).",
          "在 8 个购物篮中计数：含尿布（X）的有几个，含啤酒（Y）的有几个，两者都含的有几个。支持度 = 两者都含 / 8；"
          "置信度 = 两者都含 / 含 X 的篮数；提升度 = 置信度 / (含 Y 的篮数 / 8)。"),
        T("Check yourself with `crm.rule_measures(baskets, 'diapers', 'beer')`, then answer with a dictionary "
          "`{'support': ..., 'confidence': ..., 'lift': ...}`.",
          "可以用 `crm.rule_measures(baskets, 'diapers', 'beer')` 自查，然后用字典 "
          "`{'support': ..., 'confidence': ..., 'lift': ...}` 作答。"),
    ],
    mistakes=[
        Mistake(lambda a, e: np.isclose(_entry(a, "confidence"), _measures("beer", "diapers")["confidence"],
                                        rtol=5e-3), T(
            "Your confidence is that of beer -> diapers: you divided by the baskets with beer. Confidence of "
            "diapers -> beer divides by the baskets with diapers (the antecedent).",
            "你的置信度是“啤酒 -> 尿布”的：你除以的是含啤酒的篮数。“尿布 -> 啤酒”的置信度要除以含尿布（前项）的篮数。")),
        Mistake(lambda a, e: np.isclose(_entry(a, "lift"), e["confidence"] / e["support"], rtol=5e-3)
                or np.isclose(_entry(a, "lift"), e["confidence"] / (6 / 8), rtol=5e-3), T(
            "Lift divides the confidence by the support of the CONSEQUENT (beer: 5 of 8 baskets), not of the rule "
            "or of diapers.",
            "提升度是置信度除以后项（啤酒：8 个篮中有 5 个）的支持度，而不是规则或尿布的支持度。")),
        Mistake(lambda a, e: all(np.isclose(_entry(a, k), 100 * e[k], rtol=5e-3) for k in ("support", "confidence")), T(
            "Support and confidence look like percentages (50 for 0.5). Give them as fractions between 0 and 1; "
            "lift is a ratio and stays as it is.",
            "支持度和置信度看起来是百分数（把 0.5 写成了 50）。请把它们写成 0 到 1 之间的小数；提升度是比值，保持不变。")),
        Mistake(lambda a, e: _entry(a, "support") >= 1, T(
            "Support is a share of the baskets (between 0 and 1), not a count: divide the count by 8.",
            "支持度是购物篮的比例（在 0 和 1 之间），不是个数：请把个数除以 8。")),
    ],
)


# --- break-even and the deciles to mail -------------------------------------------------------

def _profit_per_sale() -> float:
    return ORDER_REVENUE * MARGIN_RATE


q4 = Question(
    "q4",
    chapter=CHAPTER,
    expected=lambda: break_even_response(CATALOGUE_COST, _profit_per_sale()),
    hints=[
        T("Hughes: break-even response = cost per piece / profit per sale. The profit of a sale is the order's "
          "revenue times the gross margin rate.",
          "`Hughes` 的公式：盈亏平衡响应率 = 单件成本 / 单笔销售利润。一笔销售的利润是订单收入乘以毛利率。"),
        T("180 x 0.30 = 54 CNY a sale; divide the 8 CNY a piece by it (or `crm.break_even_response(8, 54)`).",
          "180 × 0.30 = 每笔 54 元；用每件 8 元除以它（或 `crm.break_even_response(8, 54)`）。"),
    ],
    mistakes=[
        percent_for_fraction(),
        same_as(lambda: CATALOGUE_COST / ORDER_REVENUE, T(
            "You divided by the order's revenue. A sale pays back only its profit: 180 CNY x 30% margin.",
            "你除以的是订单收入。一笔销售带来的只是利润：180 元 × 30% 毛利率。")),
        same_as(lambda: _profit_per_sale() / CATALOGUE_COST, T(
            "Upside down: the break-even response is cost / profit, a small share of the mailed.",
            "颠倒了：盈亏平衡响应率是成本 / 利润，是寄送人数中的一个小比例。")),
        same_as(lambda: break_even_response(0.55, 40), T(
            "That is Hughes's example in the chapter (0.55 and 40). Use the catalogue's cost and this firm's profit.",
            "这是本章中 `Hughes` 的例子（0.55 和 40）。请使用本题目录的成本和这家公司的利润。")),
    ],
)


@cache
def _gains() -> pd.DataFrame:
    return gains_table(purchase_likelihood(launch_table(load_dataset("retail_customers"), load_dataset("retail"))))


def _mailed(threshold: float) -> set[int]:
    gains = _gains()
    return {int(d) for d in gains.index[gains["response_rate"] >= threshold]}


q5 = Question(
    "q5",
    chapter=CHAPTER,
    expected=lambda: _mailed(break_even_response(CATALOGUE_COST, _profit_per_sale())),
    hints=[
        T("A decile is worth mailing when its response rate is at least the break-even response of Q4 (its "
          "break-even index is at least 100).",
          "当某个十分位的响应率不低于第 4 题的盈亏平衡响应率（盈亏平衡指数不低于 100）时，才值得寄送。"),
        T("`crm.mailing_plan(gains, cost_per_piece=8, profit_per_sale=54)` marks them in `mail`; answer with the set "
          "of those decile numbers, e.g. `{1, 2}`.",
          "`crm.mailing_plan(gains, cost_per_piece=8, profit_per_sale=54)` 会在 `mail` 列中标出它们；"
          "用这些十分位编号的集合作答，例如 `{1, 2}`。"),
    ],
    mistakes=[
        Mistake(lambda a, e: {int(x) for x in a} == _mailed(CATALOGUE_COST / ORDER_REVENUE), T(
            "Nine deciles: that is the break-even of revenue (8 / 180), the depth of the chapter's cheap letter. A "
            "sale pays back only its profit, 8 / 54, and fewer deciles respond that well.",
            "九个十分位：这是按收入（8 / 180）计算的盈亏平衡点，相当于本章廉价信件的寄送深度。一笔销售带来的只是利润，"
            "按 8 / 54 计算，达到这一响应率的十分位更少。")),
        Mistake(lambda a, e: {int(x) for x in a} == {int(d) for d in _gains().index[_gains()["lift"] >= 1]}, T(
            "These are the deciles with a lift above 1 (better than average). Whether a mailing pays depends on its "
            "cost: compare each response rate with the break-even response.",
            "这些是提升度大于 1（好于平均）的十分位。寄送是否划算取决于成本：请把每个十分位的响应率与盈亏平衡响应率比较。")),
        Mistake(lambda a, e: {int(x) for x in a} == set(_gains().index.astype(int)) - e, T(
            "Reversed: these are the deciles whose response is BELOW the break-even, where every catalogue loses "
            "money.",
            "反了：这些是响应率低于盈亏平衡点的十分位，每寄一份目录都亏钱。")),
    ],
)


# --- outlets: classes and a scarce brand ----------------------------------------------------------

def _outlets() -> pd.DataFrame:
    return load_dataset("retail_outlets")


q6 = Question(
    "q6",
    chapter=CHAPTER,
    expected=lambda: int((outlet_classes(_outlets(), cuts=CUTS)["class"] == "A").sum()),
    exact=True,
    hints=[
        T("`crm.outlet_classes(outlets, cuts=...)` takes the cuts as a dictionary class -> lowest monthly volume, "
          "from the top class down to 0.",
          "`crm.outlet_classes(outlets, cuts=...)` 接受字典形式的分档标准：档位 -> 最低月订货量，从最高档一直到 0。"),
        T("`cuts={'A': 250, 'B': 100, 'C': 50, 'D': 20, 'E': 0}`; count the outlets of class A. An outlet with "
          "exactly 250 cartons is in A.",
          "`cuts={'A': 250, 'B': 100, 'C': 50, 'D': 20, 'E': 0}`；数一数 A 档的零售户。月订货量恰好 250 条的零售户属于 A 档。"),
    ],
    mistakes=[
        Mistake(lambda a, e: a == int((outlet_classes(_outlets())["class"] == "A").sum()), T(
            "That is class A with the chapter's cut of 200 cartons. Raise it to 250.",
            "这是按本章 200 条标准划分的 A 档。请把标准提高到 250 条。")),
        Mistake(lambda a, e: a == int((_outlets()["monthly_volume"] > A_CUT).sum()), T(
            "You counted volumes above 250 only. The cut is the LOWEST volume of the class: 250 itself is in A (>=).",
            "你只统计了大于 250 的订货量。分档标准是该档的最低订货量：250 本身也属于 A 档（>=）。")),
        Mistake(lambda a, e: a == int((outlet_classes(_outlets(), cuts=CUTS)["class"].isin(["A", "B"])).sum()), T(
            "That counts classes A and B together. Count class A only.", "这是 A 档和 B 档的合计。只统计 A 档。")),
    ],
)


def _units(table: pd.DataFrame) -> dict[str, int]:
    return {str(c): int(u) for c, u in table["units"].items()}


q7 = Question(
    "q7",
    chapter=CHAPTER,
    expected=lambda: _units(class_allocation(outlet_classes(_outlets()), SUPPLY, weights=WEIGHTS)),
    hints=[
        T("A class's weight is its number of outlets times the weight of one outlet (now A 6, B 4, C 2, D 1, E 0.5). "
          "Exact quota = 800 x class weight / total weight; everyone gets the whole part, and the cartons left "
          "over go one each to the largest remainders.",
          "一个档位的权重 = 该档零售户数 × 每户权重（现在 A 6、B 4、C 2、D 1、E 0.5）。精确配额 = 800 × 档位权重 / 总权重；"
          "每档先得到配额的整数部分，剩下的条数按余数从大到小每档一条。"),
        T("`crm.class_allocation(classified, 800, weights={...})` does it; answer with a dictionary class -> "
          "cartons, e.g. `{'A': ..., 'B': ..., 'C': ..., 'D': ..., 'E': ...}`.",
          "`crm.class_allocation(classified, 800, weights={...})` 可以完成；用字典 档位 -> 条数 作答，例如 "
          "`{'A': ..., 'B': ..., 'C': ..., 'D': ..., 'E': ...}`。"),
    ],
    mistakes=[
        Mistake(lambda a, e: sum(int(v) for v in a.values()) == SUPPLY - 1, T(
            "Your cartons add up to 799: rounding each quota to the nearest whole number loses one. The "
            "largest-remainder method hands out exactly 800: floors first, then one each to the largest remainders.",
            "你的条数合计为 799：把每个配额四舍五入会少一条。最大余额法正好分完 800 条：先取整数部分，再按余数从大到小每档补一条。")),
        Mistake(lambda a, e: sum(int(v) for v in a.values()) < SUPPLY - 1, T(
            "Your cartons add up to less than 800: you kept the whole parts of the quotas only. Hand the cartons "
            "left over to the largest remainders.",
            "你的条数合计少于 800：你只保留了配额的整数部分。剩下的条数要按余数从大到小分配。")),
        Mistake(lambda a, e: _units(class_allocation(outlet_classes(_outlets()), SUPPLY)) == {
            k: int(v) for k, v in a.items()}, T(
            "That is the chapter's rule, where class E weighs 0. Here an outlet of class E weighs 0.5.",
            "这是本章的规则，其中 E 档权重为 0。本题中 E 档每户权重为 0.5。")),
        Mistake(lambda a, e: _units(fair_allocation(SUPPLY, outlet_classes(_outlets())["class"].value_counts()
                                                    .sort_index().rename(str))) == {k: int(v) for k, v in a.items()}, T(
            "You shared by the number of outlets only. Each class counts its outlets times the weight of one outlet.",
            "你只按零售户数分配。每个档位的权重是零售户数乘以每户的权重。")),
    ],
)


# --- choosing a CRM product -------------------------------------------------------------------------

def _choice(**options) -> str:
    ranking = vendor_ranking(load_dataset("crm_vendors"), options.pop("weights", SMALL_FIRM_WEIGHTS), **options)
    return str(ranking.index[ranking["choice"]][0])


VENDORS = [f"V{i}" for i in range(1, 9)]

q8 = Question(
    "q8",
    chapter=CHAPTER,
    expected=lambda: _choice(**SMALL_FIRM),
    choices=VENDORS,
    hints=[
        T("Score every bid with the clinic chain's weights, then compute each product's cost for 20 users over 3 "
          "years (implementation + licence x users x years) and keep those within 220,000 CNY.",
          "用这家连锁诊所的权重给每个投标打分，再计算每个产品 20 个用户、3 年的成本（实施费 + 许可费 × 用户数 × 年数），"
          "只保留 220,000 元以内的产品。"),
        T("`crm.vendor_ranking(bids, weights, users=20, years=3, budget=220_000)` marks the choice in `choice`; "
          "answer with its vendor id, e.g. `'V1'`.",
          "`crm.vendor_ranking(bids, weights, users=20, years=3, budget=220_000)` 在 `choice` 列中标出选择；"
          "用其供应商编号作答，例如 `'V1'`。"),
    ],
    mistakes=[
        Mistake(lambda a, e: str(a).strip().upper() == _choice(users=SMALL_FIRM["users"], years=SMALL_FIRM["years"]),
                T("That product has the best score, but for 20 users over 3 years it costs more than the 220,000 CNY "
                  "budget: pass `budget=220_000`, and the best product within budget wins.",
                  "这个产品得分最高，但 20 个用户 3 年的成本超过了 220,000 元的预算：请传入 `budget=220_000`，"
                  "在预算之内得分最高的产品胜出。")),
        Mistake(lambda a, e: str(a).strip().upper() == _choice(weights=VENDOR_WEIGHTS, **SMALL_FIRM), T(
            "That is the choice with the lecture's weights (management needs first), the chapter's product. The "
            "clinic chain weighs security 0.5, support 0.3 and management fit 0.2: use its weights.",
            "这是按课程默认权重（管理需求优先）得出的选择，即本章选中的产品。这家连锁诊所的权重是安全性 0.5、"
            "服务支持 0.3、满足管理需求 0.2：请使用它的权重。")),
        Mistake(lambda a, e: str(a).strip().upper() == _choice(budget=SMALL_FIRM["budget"]), T(
            "You costed 50 users (the chapter's firm). The clinic chain has 20 users: the licences cost less, and "
            "a better product fits the budget.",
            "你按 50 个用户（本章的公司）计算了成本。这家连锁诊所只有 20 个用户：许可费更低，更好的产品也在预算之内。")),
        Mistake(lambda a, e: str(a).strip().upper() in {"V1", "V7"}, T(
            "That product scores well on security, but its implementation and licences for 20 users over 3 years "
            "cost far more than 220,000 CNY: the budget is a limit, not a preference.",
            "这个产品安全性得分高，但 20 个用户 3 年的实施费和许可费远超 220,000 元：预算是硬约束，不是偏好。")),
    ],
)


# --- decisions ---------------------------------------------------------------------------------------

q9 = Choice(
    "q9",
    chapter=CHAPTER,
    options={
        "a": T("Place them together: 62% of umbrella buyers take a tote bag too.",
               "把两者放在一起：62% 买伞的顾客也买了手提袋。"),
        "b": T("No real link: tote bags sell this well anyway, umbrella or not.",
               "没有真正的关联：买不买伞，手提袋都一样好卖。"),
        "c": T("Umbrella buyers avoid tote bags: keep the two products apart.",
               "买伞的顾客回避手提袋：应当把两种商品分开摆放。"),
        "d": T("The rule is too rare to matter: its support must be tiny.",
               "这条规则太少见，不值一提：它的支持度一定很小。"),
    },
    answer="b",
    coaching={
        "a": T("Confidence alone misleads: 62% is what tote bags reach in any basket here. Lift compares the two; at "
               "0.98 the umbrella adds nothing.",
               "只看置信度会误导：在这里任何购物篮中手提袋都能达到 62%。提升度比较两者；0.98 说明伞没有带来任何额外的购买。"),
        "c": T("A lift of 0.98 is practically 1: tote bags are as likely with an umbrella as without. Clear avoidance "
               "would show a lift well below 1.",
               "提升度 0.98 实际上就是 1：有没有伞，买手提袋的可能性都一样。明显的回避会表现为远低于 1 的提升度。"),
        "d": T("Neither number says how rare the rule is: support is the third measure. A frequent rule with a lift of "
               "1 is still no link.",
               "这两个数字都没说明规则有多少见：支持度是第三个指标。一条常见但提升度为 1 的规则仍然不代表有关联。"),
    },
    hints=[
        T("Lift = confidence / support of the consequent. What is the tote bag's own share of baskets here?",
          "提升度 = 置信度 / 后项的支持度。这里手提袋本身占购物篮的比例是多少？"),
        T("A lift of 1 means X does not change how likely Y is.", "提升度为 1 表示 X 不改变 Y 出现的可能性。"),
    ],
)

q10 = Choice(
    "q10",
    chapter=CHAPTER,
    options={
        "a": T("The area manager decides each week who needs the brand the most.",
               "由片区经理每周决定谁最需要这个紧俏品牌。"),
        "b": T("Publish class weights and the rounding rule: anyone can redo the shares.",
               "公布档位权重和取整规则，人人都能重算份额。"),
        "c": T("Every outlet gets the same number of cartons, whatever its class is.",
               "无论档位如何，每个零售户得到相同条数。"),
        "d": T("First come, first served: the outlets that order earliest get the brand.",
               "先到先得：最早订货的零售户得到这个品牌。"),
    },
    answer="b",
    coaching={
        "a": T("A manager's weekly judgement may be well meant, but no retailer can check it: that is the favour the "
               "case replaced with a rule.",
               "片区经理每周的判断也许出于好意，但零售户无法核查：这正是案例用规则取代的人情分配。"),
        "c": T("Equal shares are simple and open, but ignore what the outlets sell: a kiosk would get as much as a "
               "supermarket. The case shares by class.",
               "平均分配简单公开，但忽视了零售户的销量：报刊亭会和超市得到一样多。案例是按档位分配的。"),
        "d": T("First come, first served rewards the quickest phone call, not the outlet's class, and is what "
               "the distributor did before the system.",
               "先到先得奖励的是最快打进电话的人，而不是零售户的档位，这正是配送商上系统之前的做法。"),
    },
    hints=[
        T("\"Open, fair and just\" (公开、公平、公正): a rule known in advance, the same for all of a class, "
          "and checkable.", "“公开、公平、公正”：事先公布的规则，同档一视同仁，并且可以核查。"),
        T("Which practice lets a retailer recompute its own share from published numbers?",
          "哪种做法能让零售户用公布的数字重新算出自己的份额？"),
    ],
)


# Typical wrong answers and the coaching each must trigger, built from a solved notebook's
# variables (tests/test_exercise_rules.py checks every one).
WRONG_ANSWERS = {
    "q1": lambda ns: [
        (_q1_wrong(where=""), "all regions"),
        (_q1_wrong(order="profit ASC"), "LEAST profitable"),
        (_q1_wrong(order="revenue DESC", value="revenue"), "ranked the members by revenue"),
        (ns["answer"].iloc[::-1], "order"),
        ("SELECT customer_id, proft FROM customer_mart WHERE region_id = 'north'", "no such column: proft"),
    ],
    "q2": lambda ns: [
        (_q2_wrong(where=""), "all four campaigns"),
        (_q2_wrong(responses="COUNT(k.responded)"), "COUNT counts every row"),
        (_q2_wrong(where="WHERE k.campaign_id = 'CMP02'"), "Singles' Day"),
        ("SELECT age_band, COUNT(*) FROM campaign_contact GROUP BY age_band", "no such table: campaign_contact"),
    ],
    "q3": lambda ns: [
        ({**ns["answer"], "confidence": _measures("beer", "diapers")["confidence"]}, "beer -> diapers"),
        ({**ns["answer"], "lift": ns["answer"]["confidence"] / ns["answer"]["support"]}, "CONSEQUENT"),
        ({**ns["answer"], "support": 4}, "not a count"),
        ({"support": 50, "confidence": 66.7, "lift": 1.067}, "percentages"),
        ({"support": "4/8", "confidence": "4/6", "lift": "16/15"}, "not text"),
        ({**ns["answer"], "lift": 1.1}, "2 significant figures"),
    ],
    "q4": lambda ns: [
        (100 * ns["answer"], "percentage"),
        (CATALOGUE_COST / ORDER_REVENUE, "revenue"),
        (_profit_per_sale() / CATALOGUE_COST, "Upside down"),
        (break_even_response(0.55, 40), "Hughes's example"),
    ],
    "q5": lambda ns: [
        (_mailed(CATALOGUE_COST / ORDER_REVENUE), "break-even of revenue"),
        ({int(d) for d in _gains().index[_gains()["lift"] >= 1]}, "lift above 1"),
        (set(range(1, 11)) - ns["answer"], "Reversed"),
    ],
    "q6": lambda ns: [
        (int((outlet_classes(_outlets())["class"] == "A").sum()), "200 cartons"),
        (int((_outlets()["monthly_volume"] > A_CUT).sum()), "above 250 only"),
        (int(outlet_classes(_outlets(), cuts=CUTS)["class"].isin(["A", "B"]).sum()), "A and B together"),
    ],
    "q7": lambda ns: [
        ({c: int(round(q)) for c, q in ns["table"]["quota"].items()}, "799"),
        ({c: int(f) for c, f in ns["table"]["floor"].items()}, "less than 800"),
        (_units(class_allocation(outlet_classes(_outlets()), SUPPLY)), "class E weighs 0"),
        (_units(fair_allocation(SUPPLY, outlet_classes(_outlets())["class"].value_counts().sort_index().rename(str))),
         "number of outlets only"),
    ],
    "q8": lambda ns: [
        (_choice(users=SMALL_FIRM["users"], years=SMALL_FIRM["years"]), "more than the 220,000"),
        (_choice(weights=VENDOR_WEIGHTS, **SMALL_FIRM), "lecture's weights"),
        (_choice(budget=SMALL_FIRM["budget"]), "50 users"),
        ("V1", "budget is a limit"),
        ("V9", "codes"),
    ],
    "q9": lambda ns: [("a", "Confidence alone misleads"), ("c", "practically 1"), ("d", "third measure")],
    "q10": lambda ns: [("a", "no retailer can check"), ("c", "ignore what the outlets sell"),
                       ("d", "quickest phone call")],
}
