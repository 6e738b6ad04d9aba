"""Managing the relationship over the lifecycle, as plain data (SYLLABUS section 2 and "Also in
the lecture material"): stage strategies, principles, phases, the customer-information steps
and the means of retention. Codes only; names and descriptions (en/zh) are under
``crm_course/i18n/lifecycle.py`` and come out translated from the ``*_table`` functions.

>>> stage_strategy_table(language="zh").loc["customers", "retain"]
'质量；选择；便利；更好的服务；客户忠诚计划'
>>> principles_table(language="en")["name"].tolist()
['Fairness', 'Differentiation', 'Active development', 'Retention effort']
"""

from __future__ import annotations

import pandas as pd

from ..i18n import get_language, text

__all__ = [
    "STRATEGY_STAGES",
    "PARTIES",
    "STAGE_STRATEGIES",
    "RELATIONSHIP_PRINCIPLES",
    "NEW_CUSTOMER_COST",
    "RELATIONSHIP_PHASES",
    "CUSTOMER_INFORMATION_STEPS",
    "RETENTION_MEANS",
    "stage_strategy_table",
    "principles_table",
    "customer_information_steps",
]

STRATEGY_STAGES = ("attract", "retain", "extend", "fully_use")  # 吸引 / 挽留 / 延伸 / 充分运用
PARTIES = ("customers", "suppliers", "channel_partners", "employees")

# party -> stage -> strategies. Customers and employees follow the lecture's examples; the lecture
# names the same four stages for suppliers and channel partners without examples, so theirs are
# the kit's, marked as such in their descriptions.
STAGE_STRATEGIES: dict[str, dict[str, tuple[str, ...]]] = {
    "customers": {
        "attract": ("acquisition_spending", "promotion", "direct_sales", "referrals"),
        "retain": ("quality", "choice", "convenience", "better_service", "loyalty_programmes"),
        "extend": ("new_product_markets", "complementary_services", "new_channels"),
        "fully_use": ("referral_partners", "third_party_products", "price_rises"),
    },
    "suppliers": {
        "attract": ("supplier_search", "clear_requirements"),
        "retain": ("fair_terms", "prompt_payment", "shared_forecasts"),
        "extend": ("joint_development", "more_categories"),
        "fully_use": ("supplier_innovation", "supplier_managed_stock"),
    },
    "channel_partners": {
        "attract": ("partner_recruitment", "entry_support"),
        "retain": ("partner_margins", "partner_service", "partner_training"),
        "extend": ("new_territories", "new_lines_for_partners"),
        "fully_use": ("co_marketing", "shared_customer_data"),
    },
    "employees": {
        "attract": ("recruitment", "referral_incentives"),
        "retain": ("training", "retention_incentives"),
        "extend": ("broader_skills", "cross_boundary_roles"),
        "fully_use": ("mentoring", "tacit_knowledge"),
    },
}

RELATIONSHIP_PRINCIPLES = ("fairness", "differentiation", "active_development", "retention_effort")
NEW_CUSTOMER_COST = (5, 10)  # winning a new customer costs 5-10 times keeping an existing one

# establish (identify -> select -> develop), maintain, recover
RELATIONSHIP_PHASES: dict[str, tuple[str, ...]] = {
    "establish": ("identify", "select", "develop"),
    "maintain": (),
    "recover": (),
}

CUSTOMER_INFORMATION_STEPS = ("define", "acquire", "integrate_manage", "update")  # 定义、获取、整合管理、更新
RETENTION_MEANS = ("customer_care", "interaction", "complaint_management", "loyalty_programme")


def stage_strategy_table(*, language: str | None = None) -> pd.DataFrame:
    """Parties (rows) x stages attract / retain / extend / fully use (columns): the strategies,
    in ``language`` (default: the language in force), separated by semicolons."""
    separator = "；" if (language or get_language()) == "zh" else "; "
    rows = {
        party: {stage: separator.join(text(f"lifecycle.strategy.{item}", language) for item in items)
                for stage, items in stages.items()}
        for party, stages in STAGE_STRATEGIES.items()
    }
    table = pd.DataFrame.from_dict(rows, orient="index")[list(STRATEGY_STAGES)]
    table.index.name, table.columns.name = "party", "stage"
    return table


def principles_table(*, language: str | None = None) -> pd.DataFrame:
    """The four principles of managing customer relationships: code, name and what each asks."""
    return pd.DataFrame({
        "name": [text(f"lifecycle.principle.{code}", language) for code in RELATIONSHIP_PRINCIPLES],
        "meaning": [text(f"lifecycle.principle.{code}.meaning", language, low=NEW_CUSTOMER_COST[0],
                         high=NEW_CUSTOMER_COST[1]) for code in RELATIONSHIP_PRINCIPLES],
    }, index=pd.Index(RELATIONSHIP_PRINCIPLES, name="principle"))


def customer_information_steps(*, language: str | None = None) -> pd.Series:
    """Identifying customers as managing customer information in steps, in order.

    >>> customer_information_steps(language="zh").tolist()
    ['定义客户信息', '获取客户信息', '整合管理客户信息', '更新客户信息']
    """
    return pd.Series([text(f"lifecycle.info_step.{code}", language) for code in CUSTOMER_INFORMATION_STEPS],
                     index=pd.Index(CUSTOMER_INFORMATION_STEPS, name="step"), name="step_name")

