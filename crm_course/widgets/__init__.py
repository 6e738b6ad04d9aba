"""Widgets: thin ipywidgets controllers over one model function and one view function.

Each explorer shows its controls and a figure, recomputes on every change, and keeps the
current model output in ``.result`` for the lecturer to keep working with.
"""

try:
    import ipywidgets  # noqa: F401
except ImportError as error:  # pragma: no cover - ipywidgets is a dependency
    raise ImportError(
        "The interactive widgets need ipywidgets: `pip install ipywidgets` (it comes with crm-course)."
    ) from error

from .culture import audit_form, gap_explorer, nps_explorer, trap_explorer
from .it_models import allocation_explorer, mailing_planner, rules_explorer, vendor_editor
from .lifecycle import closeness_explorer, cohort_explorer, lifecycle_explorer, retention_projector, winback_planner
from .strategy import burnett_editor, checklist_form, growth_explorer
from .value import abc_explorer, clv_calculator, rfm_explorer

__all__ = [
    "closeness_explorer",                                                                           # 00
    "burnett_editor", "growth_explorer", "checklist_form",                                          # 01
    "lifecycle_explorer", "cohort_explorer", "retention_projector", "winback_planner",              # 02
    "rfm_explorer", "abc_explorer", "clv_calculator",                                               # 03
    "gap_explorer", "trap_explorer", "nps_explorer", "audit_form",                                  # 04
    "rules_explorer", "mailing_planner", "vendor_editor", "allocation_explorer",                    # 05
]
