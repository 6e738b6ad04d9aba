"""The tobacco distributor's outlets: classes by format and behaviour, service models, fair shares.

The case (烟草配送商): from the customer archive, outlets are put into classes by what they
sell (monthly volume, the behaviour) and grouped by business format (业态); each class gets its
own service (visit-selling for the big outlets, telephone or online ordering for the small
ones, which frees the salesperson to advise and listen), and a scarce brand is allocated by
class through software so that it is open, fair and just (公开、公平、公正). The cut points,
groups, services and class weights are plain dicts a lecturer may edit.

>>> import crm_course as crm
>>> classes = outlet_classes(crm.load_dataset("retail_outlets"))
>>> classes["class"].value_counts().sort_index().to_dict()
{'A': 324, 'B': 656, 'C': 844, 'D': 1389, 'E': 787}
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._validation import require_columns, require_ids, require_not_empty, require_numeric, require_unique
from .allocation import fair_allocation

__all__ = ["CLASS_CUTS", "FORMAT_GROUPS", "SERVICE_MODELS", "CLASS_WEIGHTS", "outlet_classes",
           "class_allocation", "outlet_allocation"]

# class -> lowest monthly volume (cartons) of the class; checked from the top
CLASS_CUTS: dict[str, float] = {"A": 200, "B": 100, "C": 50, "D": 20, "E": 0}
# business format -> format group
FORMAT_GROUPS: dict[str, str] = {
    "convenience_store": "modern",
    "supermarket": "modern",
    "tobacco_liquor": "specialist",
    "grocery": "traditional",
    "kiosk": "traditional",
    "catering_entertainment": "catering",
}
# class -> service model (codes; names in crm_course.i18n)
SERVICE_MODELS: dict[str, str] = {
    "A": "weekly_visit_and_advice",
    "B": "weekly_visit",
    "C": "fortnightly_visit_phone_orders",
    "D": "phone_or_online_orders",
    "E": "phone_or_online_orders",
}
# class -> allocation weight of one outlet of the class for a scarce brand (0: none)
CLASS_WEIGHTS: dict[str, float] = {"A": 6, "B": 4, "C": 2, "D": 1, "E": 0}


def _check_cuts(cuts) -> dict[str, float]:
    if not isinstance(cuts, dict) or not cuts:
        raise TypeError(f"`cuts` must be a dict class -> lowest monthly volume, e.g. {CLASS_CUTS}, but {cuts!r} "
                        f"was passed.")
    values = list(cuts.values())
    if any(isinstance(v, bool) or not isinstance(v, (int, float)) for v in values):
        raise TypeError(f"The cut points of `cuts` must be numbers, but they are {values}.")
    if values != sorted(values, reverse=True) or len(set(values)) < len(values):
        raise ValueError(f"`cuts` must go from the top class down with falling volumes, e.g. {CLASS_CUTS}, but "
                         f"{cuts} was passed.")
    if values[-1] > 0:
        raise ValueError(f"The last class of `cuts` must start at 0 so every outlet has a class, but "
                         f"{list(cuts)[-1]!r} starts at {values[-1]}.")
    return dict(cuts)


def outlet_classes(outlets: pd.DataFrame, *, cuts=None, outlet: str = "outlet_id",
                   volume: str = "monthly_volume", business_format: str = "business_format") -> pd.DataFrame:
    """Each outlet's class by monthly volume, format group and service model.

    ``cuts`` maps class -> lowest monthly volume (default :data:`CLASS_CUTS`, top class first,
    the last at 0). Formats are grouped by :data:`FORMAT_GROUPS` (an unknown format is refused)
    and services read from :data:`SERVICE_MODELS` (None for a class it does not name).
    Returns a copy of ``outlets`` indexed by ``outlet`` (sorted) with ``class``
    (ordered categorical), ``format_group`` and ``service``; ``attrs['cuts']`` keeps the cuts.

    >>> import pandas as pd
    >>> shops = pd.DataFrame({"outlet_id": ["R2", "R1"], "monthly_volume": [250, 30],
    ...                       "business_format": ["supermarket", "grocery"]})
    >>> outlet_classes(shops)[["class", "format_group", "service"]]  # doctest: +NORMALIZE_WHITESPACE
               class format_group                   service
    outlet_id
    R1             D  traditional    phone_or_online_orders
    R2             A       modern  weekly_visit_and_advice
    """
    cuts = _check_cuts(CLASS_CUTS if cuts is None else cuts)
    require_columns(outlets, {"outlet": outlet, "volume": volume, "business_format": business_format}, "outlets")
    require_not_empty(outlets, "outlets")
    require_unique(require_ids(outlets[outlet], "outlet", "outlets"), "outlet", "outlets")
    volumes = require_numeric(outlets[volume], "volume", "outlets")
    if (volumes < 0).any():
        raise ValueError(f"Column {volume!r} of `outlets` has negative volumes, e.g. {volumes[volumes < 0].iloc[0]!r}.")
    unknown = sorted(set(outlets[business_format]) - set(FORMAT_GROUPS))
    if unknown:
        raise ValueError(f"Column {business_format!r} of `outlets` has format(s) {unknown} that FORMAT_GROUPS does "
                         f"not know; known formats: {list(FORMAT_GROUPS)}.")
    names = list(cuts)
    lows = np.array(list(cuts.values()), dtype=float)
    position = (volumes.to_numpy()[:, None] < lows[None, :]).sum(axis=1)  # classes whose floor is above
    result = outlets.set_index(outlet).copy()
    result["class"] = pd.Categorical(np.array(names)[position], categories=names, ordered=True)
    result["format_group"] = outlets[business_format].map(FORMAT_GROUPS).to_numpy()
    result["service"] = result["class"].astype(str).map(SERVICE_MODELS).astype(object)
    result = result.sort_index()
    result.attrs = {"cuts": cuts}
    return result


def _class_weights(weights, classes) -> dict:
    weights = dict(CLASS_WEIGHTS if weights is None else weights)
    missing = [c for c in classes if c not in weights]
    if missing:
        raise ValueError(f"`weights` has no weight for class(es) {missing}; give every class one (0 for none), "
                         f"e.g. {CLASS_WEIGHTS}.")
    return weights


def class_allocation(classified: pd.DataFrame, supply: int, *, weights=None) -> pd.DataFrame:
    """Share ``supply`` units of a scarce brand across the classes, in the open:
    class weight = outlets of the class x the weight of one outlet (:data:`CLASS_WEIGHTS`),
    rounded by :func:`crm_course.fair_allocation`.

    Returns fair_allocation's table by class with ``outlets`` and ``per_outlet_weight`` in
    front and ``units_per_outlet`` (units / outlets) at the end.

    >>> import pandas as pd
    >>> shops = pd.DataFrame({"class": ["A", "B", "B", "E"]}, index=["R1", "R2", "R3", "R4"])
    >>> class_allocation(shops, 10, weights={"A": 6, "B": 4, "E": 0})[["outlets", "quota", "units"]]
       outlets     quota  units
    A        1  4.285714      4
    B        2  5.714286      6
    E        1  0.000000      0
    """
    require_columns(classified, {"class": "class"}, "classified")
    require_not_empty(classified, "classified")
    counts = classified["class"].value_counts(sort=False)
    counts = counts[counts > 0]
    counts = counts.sort_index() if not isinstance(counts.index, pd.CategoricalIndex) else counts
    weights = _class_weights(weights, counts.index)
    per_outlet = pd.Series({c: weights[c] for c in counts.index}, dtype=float)
    table = fair_allocation(supply, {str(c): float(counts[c] * per_outlet[c]) for c in counts.index})
    table.insert(0, "outlets", counts.to_numpy())
    table.insert(1, "per_outlet_weight", per_outlet.to_numpy())
    table["units_per_outlet"] = table["units"] / table["outlets"]
    return table


def outlet_allocation(classified: pd.DataFrame, supply: int, *, weights=None) -> pd.DataFrame:
    """Units of a scarce brand for every outlet: first by class (:func:`class_allocation`), then
    each class's units shared equally among its outlets by the same largest-remainder rule
    (so outlets of one class differ by at most one unit; ties go by outlet id).

    Returns the index of ``classified`` with ``class`` and ``units``; ``attrs`` keeps the
    supply, the class weights and ``classes``, the :func:`class_allocation` table it shared by.

    >>> import pandas as pd
    >>> shops = pd.DataFrame({"class": ["A", "B", "B", "E"]}, index=["R1", "R2", "R3", "R4"])
    >>> outlet_allocation(shops, 11, weights={"A": 6, "B": 4, "E": 0})["units"].to_dict()
    {'R1': 5, 'R2': 3, 'R3': 3, 'R4': 0}
    """
    classes = class_allocation(classified, supply, weights=weights)
    units = pd.Series(0, index=classified.index, dtype=np.int64)
    for name, row in classes.iterrows():
        # equal weights: fair_allocation's answer in closed form (all remainders tie, so the
        # left-over units go to the outlet ids first in text order)
        members = classified.index[classified["class"].astype(str) == name]
        base, left_over = divmod(int(row["units"]), len(members))
        first = np.argsort(members.astype(str).to_numpy(), kind="stable")[:left_over]
        share = np.full(len(members), base, dtype=np.int64)
        share[first] += 1
        units[members] = share
    result = pd.DataFrame({"class": classified["class"], "units": units})
    result.attrs = {"supply": int(supply), "weights": _class_weights(weights, classes.index), "classes": classes}
    return result
