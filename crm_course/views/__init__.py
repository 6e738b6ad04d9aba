"""Views: seaborn plots of models' results. Each takes ``ax=None`` and returns the Axes.

Importing this package loads matplotlib and seaborn; ``import crm_course`` does not.
"""

from .lifecycle import closeness_bar

__all__ = ["closeness_bar"]
