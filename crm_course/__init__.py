"""crm-course: the helper package of an interactive course in Customer Relationship Management.

Three layers, one direction: data (datasets, readers) -> models (pure functions on
DataFrames) -> views (seaborn plots); widgets are thin controllers over a model and a view.
Importing this package loads pandas, numpy and the models only; matplotlib, seaborn,
scipy and ipywidgets load when a plot, a fit or a widget is first used.

>>> import crm_course as crm
>>> tx = crm.load_dataset("retail")
>>> rfm = crm.rfm_table(tx)
>>> rfm.index.is_unique
True
"""

from .data.catalog import dataset_card, list_datasets, load_dataset
from .data.readers import read_transactions
from .i18n import get_language, set_language
from .models.btyd import btyd_summary, fit_bgnbd, fit_gamma_gamma, p_alive_grid, probabilistic_clv
from .models.growth import growth_matrix
from .models.relationships import relationship_types
from .models.scoring import (
    BURNETT_ATTRACTIVENESS,
    BURNETT_GRID,
    BURNETT_RELATIONSHIP,
    burnett_analysis,
    burnett_matrix,
    burnett_scores,
    weight_sensitivity,
    weighted_score,
)
from .models.segmentation import (
    DEFAULT_SEGMENT_RULES,
    abc_classes,
    pareto_curve,
    rfm_analysis,
    rfm_scores,
    rfm_segments,
    rfm_table,
)
from .models.value import clv, clv_sensitivity, customer_profitability, delivered_value
# models: culture (satisfaction, SERVQUAL, loyalty, NPS, self-audit)
from .models.culture import CULTURE_AUDIT_AREAS, CULTURE_AUDIT_WEIGHTS, culture_audit, culture_audit_criteria
from .models.loyalty import (
    LOYALTY_WEIGHTS,
    loyalty_index,
    nps,
    nps_breakdown,
    share_of_wallet,
    tucker_loyalty,
    wallet_allocation,
)
from .models.satisfaction import (
    SERVQUAL_DIMENSIONS,
    SERVQUAL_NEGATIVE,
    TRAP_BENCHMARKS,
    satisfaction_gap,
    satisfaction_trap,
    servqual_gaps,
    servqual_index,
    servqual_summary,
    servqual_weights,
)
from .models.lifecycle import STAGES, lifecycle_stages, stage_transitions
from .models.cohorts import cohort_survivors, cohort_table
from .models.retention import expected_lifetime, fit_sbg, kaplan_meier, retention_projection, retention_table
from .models.migration import migration_model, purchase_probabilities, winback_budget, winback_priority
from .models.relationship_management import customer_information_steps, principles_table, stage_strategy_table

# IT-based CRM (chapter 05)
from .models.allocation import fair_allocation
from .models.baskets import association_rules, basket_matrix, filter_rules, frequent_itemsets, rule_measures
from .models.crm_systems import crm_concepts
from .models.database import (
    MARKETING_QUERIES,
    SQLError,
    crm_database,
    database_profitability,
    foreign_keys,
    layer_tables,
    marketing_query,
    schema_table,
    sql,
)
from .models.mailing import (
    break_even_index,
    break_even_response,
    gains_table,
    launch_table,
    mailing_plan,
    purchase_likelihood,
)
from .models.outlets import class_allocation, outlet_allocation, outlet_classes
from .models.vendors import FEATURE_WEIGHTS, VENDOR_WEIGHTS, vendor_ranking

__version__ = "0.1.0"

__all__ = [
    # data
    "list_datasets",
    "load_dataset",
    "dataset_card",
    "read_transactions",
    # language
    "set_language",
    "get_language",
    # models: lifecycle and segmentation
    "rfm_table",
    "rfm_scores",
    "rfm_segments",
    "rfm_analysis",
    "DEFAULT_SEGMENT_RULES",
    "abc_classes",
    "pareto_curve",
    # models: customer value
    "clv",
    "clv_sensitivity",
    "delivered_value",
    "customer_profitability",
    "btyd_summary",
    "fit_bgnbd",
    "fit_gamma_gamma",
    "probabilistic_clv",
    "p_alive_grid",
    # models: strategy
    "weighted_score",
    "weight_sensitivity",
    "burnett_scores",
    "burnett_matrix",
    "burnett_analysis",
    "BURNETT_ATTRACTIVENESS",
    "BURNETT_RELATIONSHIP",
    "BURNETT_GRID",
    "growth_matrix",
    "relationship_types",
    # models: culture
    "satisfaction_gap",
    "servqual_gaps",
    "servqual_weights",
    "servqual_index",
    "servqual_summary",
    "SERVQUAL_DIMENSIONS",
    "SERVQUAL_NEGATIVE",
    "satisfaction_trap",
    "TRAP_BENCHMARKS",
    "loyalty_index",
    "LOYALTY_WEIGHTS",
    "tucker_loyalty",
    "share_of_wallet",
    "wallet_allocation",
    "nps",
    "nps_breakdown",
    "culture_audit",
    "culture_audit_criteria",
    "CULTURE_AUDIT_AREAS",
    "CULTURE_AUDIT_WEIGHTS",
    # models: lifecycle, cohorts, retention, migration, win-back (chapter 02)
    "STAGES",
    "lifecycle_stages",
    "stage_transitions",
    "cohort_table",
    "cohort_survivors",
    "retention_table",
    "expected_lifetime",
    "fit_sbg",
    "retention_projection",
    "kaplan_meier",
    "migration_model",
    "purchase_probabilities",
    "winback_priority",
    "winback_budget",
    "stage_strategy_table",
    "principles_table",
    "customer_information_steps",
    # models: IT-based CRM
    "fair_allocation",
    "association_rules",
    "filter_rules",
    "frequent_itemsets",
    "basket_matrix",
    "rule_measures",
    "crm_database",
    "sql",
    "SQLError",
    "schema_table",
    "foreign_keys",
    "layer_tables",
    "marketing_query",
    "MARKETING_QUERIES",
    "database_profitability",
    "break_even_response",
    "break_even_index",
    "launch_table",
    "purchase_likelihood",
    "gains_table",
    "mailing_plan",
    "vendor_ranking",
    "VENDOR_WEIGHTS",
    "FEATURE_WEIGHTS",
    "outlet_classes",
    "class_allocation",
    "outlet_allocation",
    "crm_concepts",
]
