"""Views: seaborn plots of models' results. Each takes ``ax=None`` and returns the Axes.

Importing this package loads matplotlib and seaborn; ``import crm_course`` does not.
"""

from .culture import (
    audit_profile,
    gap_model_diagram,
    nps_bar,
    satisfaction_trap_chart,
    servqual_gap_bars,
    trap_benchmarks_chart,
)
from .it_models import (
    allocation_chart,
    gains_chart,
    outlet_class_heatmap,
    roadmap_chart,
    rules_scatter,
    schema_diagram,
    vendor_chart,
)
from .lifecycle import (
    cohort_heatmap,
    migration_values_plot,
    retention_projection_plot,
    stage_bar,
    survival_plot,
    transition_heatmap,
    winback_plot,
)
from .strategy import burnett_plot, growth_plot, relationship_plot, sensitivity_plot
from .value import clv_sensitivity_plot, p_alive_heatmap, pareto_chart, rf_heatmap, segment_bars

__all__ = [
    # strategy (01)
    "burnett_plot", "growth_plot", "sensitivity_plot", "relationship_plot",
    # lifecycle (00, 02)
    "stage_bar", "transition_heatmap", "cohort_heatmap", "retention_projection_plot",
    "survival_plot", "migration_values_plot", "winback_plot",
    # value (03)
    "pareto_chart", "segment_bars", "rf_heatmap", "clv_sensitivity_plot", "p_alive_heatmap",
    # culture (04)
    "gap_model_diagram", "servqual_gap_bars", "satisfaction_trap_chart", "trap_benchmarks_chart", "nps_bar",
    "audit_profile",
    # IT-based CRM (05)
    "schema_diagram", "rules_scatter", "gains_chart", "allocation_chart", "vendor_chart", "roadmap_chart",
    "outlet_class_heatmap",
]
