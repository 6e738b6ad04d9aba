"""Judge a submission's answers in a fresh process, with the kit's checks imported fresh.

``python -P -m crm_course.delivery.judge`` reads ``{"module": "ch03", "answers": {"q1": {"pickle":
base64} | {"error": text}}}`` on stdin and writes ``{"q1": {"outcome": ..., "detail": ...}}``.
The answers were pickled in the student's kernel; they are loaded with an allow-list of
numpy, pandas and builtin types, so a crafted pickle cannot run code here, and an object of a
class the notebook defined (one whose ``__eq__`` says yes to anything) is refused.

>>> import pickle, pandas as pd
>>> safe_loads(pickle.dumps(pd.Series([1.5, 2.0], index=["a", "b"]))).sum()
np.float64(3.5)
>>> safe_loads(pickle.dumps(print))
Traceback (most recent call last):
...
_pickle.UnpicklingError: an answer may not contain builtins.print
"""

from __future__ import annotations

import base64
import importlib
import io
import json
import pickle
import sys

__all__ = ["safe_loads", "judge"]

# What pickles of numpy and pandas data call to rebuild them: these functions, and classes from
# modules that hold only data types (no file handles: numpy.memmap, pandas.HDFStore are not allowed).
_FUNCTIONS = {
    ("copyreg", "_reconstructor"), ("numpy._core.multiarray", "_reconstruct"), ("numpy._core.multiarray", "scalar"),
    ("numpy.core.multiarray", "_reconstruct"), ("numpy.core.multiarray", "scalar"), ("_codecs", "encode"),
    ("pandas._libs.internals", "_unpickle_block"), ("pandas._libs.arrays", "__pyx_unpickle_NDArrayBacked"),
    ("pandas._libs.tslibs.nattype", "_nat_unpickle"), ("pandas._libs.tslibs.timedeltas", "_timedelta_unpickle"),
    ("pandas._libs.tslibs.timestamps", "_unpickle_timestamp"), ("pandas.core.indexes.base", "_new_Index"),
    ("pandas.core.indexes.datetimes", "_new_DatetimeIndex"), ("pandas.core.indexes.interval", "_new_IntervalIndex"),
    ("pandas.core.indexes.period", "_new_PeriodIndex"), ("pandas", "NA"), ("pandas", "NaT"),
}
_BUILTINS = {"set", "frozenset", "complex", "slice", "range", "bytearray", "Ellipsis", "NotImplemented",
             "list", "dict", "tuple", "str", "int", "float", "bool", "bytes", "object"}
_TOP_LEVEL = {
    "numpy": {"dtype", "ndarray", "float64", "float32", "int64", "int32", "bool_", "str_", "datetime64", "timedelta64"},
    "pandas": {"DataFrame", "Series", "Index", "RangeIndex", "MultiIndex", "DatetimeIndex", "TimedeltaIndex",
               "PeriodIndex", "IntervalIndex", "CategoricalIndex", "Categorical", "CategoricalDtype", "Interval",
               "Period", "Timestamp", "Timedelta", "Int64Dtype", "Int32Dtype", "Float64Dtype", "BooleanDtype",
               "StringDtype", "PeriodDtype", "IntervalDtype", "DatetimeTZDtype", "ArrowDtype"},
    "datetime": {"date", "datetime", "time", "timedelta", "timezone"},
    "collections": {"OrderedDict", "defaultdict", "Counter"},
    "decimal": {"Decimal"}, "fractions": {"Fraction"}, "zoneinfo": {"ZoneInfo"},
}
_DATA_MODULES = ("numpy._core", "numpy.core", "numpy.dtypes", "pandas._libs", "pandas.arrays",
                 "pandas.core.arrays", "pandas.core.indexes", "pandas.core.internals", "pandas.core.dtypes",
                 "pandas.core.frame", "pandas.core.series")


class _AnswerUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if module == "builtins" and name in _BUILTINS:
            return super().find_class(module, name)
        if (module, name) in _FUNCTIONS:
            return super().find_class(module, name)
        if name in _TOP_LEVEL.get("builtins" if module == "builtins" else module, ()):
            return super().find_class(module, name)
        if module.startswith(_DATA_MODULES) and "memmap" not in name.lower():
            found = super().find_class(module, name)
            if isinstance(found, type) and not issubclass(found, BaseException):
                return found
        raise pickle.UnpicklingError(f"an answer may not contain {module}.{name}")


def safe_loads(data: bytes):
    """Unpickle an answer allowing only data types (numbers, text, containers, numpy and pandas objects)."""
    return _AnswerUnpickler(io.BytesIO(data)).load()


def judge(module_name: str, answers: dict[str, dict]) -> dict[str, dict]:
    """Each answer's outcome by the chapter's checks, imported here for the first time."""
    from ..exercises import engine

    chapter = importlib.import_module(f"crm_course.exercises.{module_name}")
    verdicts = {}
    for name, captured in answers.items():
        if "error" in captured:
            verdicts[name] = {"outcome": "error", "detail": captured["error"]}
            continue
        try:
            answer = safe_loads(base64.b64decode(captured["pickle"]))
        except Exception as error:  # noqa: BLE001 - any odd payload is this question's error
            verdicts[name] = {"outcome": "error", "detail": f"answer not readable: {error}"[:200]}
            continue
        question = getattr(chapter, name)
        if not isinstance(question, (engine.Question, engine.Choice)):
            raise TypeError(f"crm_course.exercises.{module_name}.{name} is not a question")
        feedback = question.check(answer)
        verdicts[name] = {"outcome": feedback.outcome, "detail": ""}
    return verdicts


if __name__ == "__main__":
    request = json.load(sys.stdin)
    json.dump(judge(request["module"], request["answers"]), sys.stdout)
