"""Views: seaborn plots of models' results. Each takes ``ax=None`` and returns the Axes.

Importing this package loads matplotlib and seaborn; ``import crm_course`` does not.
"""

from .lifecycle import closeness_bar
from .strategy import burnett_plot, growth_plot, relationship_plot, sensitivity_plot
from .value import clv_sensitivity_plot, p_alive_heatmap, pareto_chart, rf_heatmap, segment_bars

__all__ = ["closeness_bar", "burnett_plot", "growth_plot", "sensitivity_plot", "relationship_plot",
           "pareto_chart", "segment_bars", "rf_heatmap", "clv_sensitivity_plot", "p_alive_heatmap"]
