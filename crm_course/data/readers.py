"""Reading a user's own transactions: CSV (UTF-8, UTF-8 with BOM, GBK/GB18030), Excel or a DataFrame.

The result always has the columns ``customer_id``, ``date`` and ``amount`` (so every model
works on it with its defaults), plus the other columns as they were. Nothing is dropped
silently: bad rows are refused with their count and first examples, or dropped only when
asked, with a report in ``result.attrs["report"]`` and a warning.

>>> import pandas as pd
>>> raw = pd.DataFrame({"客户": ["a", "b"], "日期": ["2024-03-05", "2024-03-06"], "金额": ["¥1,200.50", "80"]})
>>> tx = read_transactions(raw, customer="客户", date="日期", amount="金额")
>>> tx[["customer_id", "date", "amount"]].to_dict("list")["amount"]
[1200.5, 80.0]
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .._validation import examples, require_choice, require_columns, require_frame, require_not_empty

__all__ = ["read_transactions", "ReadReport"]

ENCODINGS = ("utf-8-sig", "gb18030")  # utf-8-sig also reads plain UTF-8; GB18030 is a superset of GBK/GB2312
_YEAR_FIRST = r"^\d{4}\s*[-/.]"
_DAY_MONTH = re.compile(r"^\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*\d{2,4}(\D|$)")
_CURRENCY = re.compile(r"[¥￥$€£,\s]|元|RMB|CNY", flags=re.IGNORECASE)


@dataclass
class ReadReport:
    """What :func:`read_transactions` did: encoding found, rows read, kept, dropped and why."""

    source: str
    encoding: str | None
    rows_read: int
    dropped: dict[str, int] = field(default_factory=dict)
    returns: int = 0

    @property
    def rows_kept(self) -> int:
        return self.rows_read - sum(self.dropped.values())

    def __str__(self) -> str:
        lines = [f"Read {self.rows_read} rows from {self.source}" + (f" ({self.encoding})" if self.encoding else "")]
        lines += [f"dropped {n} row(s): {reason}" for reason, n in self.dropped.items()]
        if self.returns:
            lines.append(f"kept {self.returns} return row(s) with negative amounts")
        lines.append(f"kept {self.rows_kept} rows")
        return "; ".join(lines)


def read_transactions(
    source,
    *,
    customer: str = "customer_id",
    date: str = "date",
    amount: str = "amount",
    dayfirst: bool | None = None,
    returns: str = "refuse",
    bad_rows: str = "refuse",
    encoding: str | None = None,
    sheet_name: str | int = 0,
    sep: str = ",",
) -> pd.DataFrame:
    """Read and validate transactions from a CSV/Excel path or a DataFrame.

    Parameters
    ----------
    source : path (``.csv``, ``.txt``, ``.xlsx``, ``.xls``) or DataFrame (never changed).
    customer, date, amount : the user's column names (Chinese headers welcome);
        renamed to ``customer_id``, ``date``, ``amount`` in the result.
    dayfirst : needed only when dates like ``03/05/2024`` could be day/month or month/day;
        ``True`` reads 3 May, ``False`` reads 5 March. Year-first dates never need it.
    returns : rows with a negative amount: ``"refuse"`` (default, an error that counts them),
        ``"keep"`` (they stay negative and reduce spend) or ``"drop"`` (left out, reported).
    bad_rows : rows with no customer id, an unparseable date or a non-numeric amount:
        ``"refuse"`` (default) or ``"drop"`` (left out, reported).
    encoding : found automatically among UTF-8, UTF-8 with BOM and GBK/GB18030 when None.
    """
    require_choice(returns, ["refuse", "keep", "drop"], "returns")
    require_choice(bad_rows, ["refuse", "drop"], "bad_rows")
    raw, source_name, found_encoding, first_line = _read_source(source, encoding, sheet_name, sep)
    require_columns(raw, {"customer": customer, "date": date, "amount": amount}, data_name=source_name)
    require_not_empty(raw, source_name)
    clashes = [c for c in ("customer_id", "date", "amount") if c in raw.columns and c not in (customer, date, amount)]
    if clashes:
        raise ValueError(
            f"`{source_name}` already has column(s) {clashes} besides the ones you named; rename or drop them "
            f"first so the result's standard columns are unambiguous."
        )

    report = ReadReport(source_name, found_encoding, len(raw))
    tx = raw.rename(columns={customer: "customer_id", date: "date", amount: "amount"})
    ids = _clean_ids(tx["customer_id"])
    dates = _parse_dates(tx["date"], dayfirst=dayfirst)
    amounts = _parse_amounts(tx["amount"])

    problems = {
        f"no customer id (column {customer!r})": ids.isna(),
        f"unparseable date (column {date!r})": dates.isna(),
        f"non-numeric amount (column {amount!r})": amounts.isna(),
    }
    bad = np.zeros(len(tx), dtype=bool)
    for reason, mask in problems.items():
        mask = mask.to_numpy() & ~bad  # each row counted once, under its first problem
        if mask.any():
            if bad_rows == "refuse":
                raise ValueError(
                    f"{int(mask.sum())} row(s) of {source_name} have {reason}: "
                    f"{_where(tx, mask, raw, first_line)}. Fix them in the source, or pass bad_rows='drop' "
                    f"to leave them out with a report."
                )
            report.dropped[reason] = int(mask.sum())
            bad |= mask

    negative = (amounts < 0).to_numpy() & ~bad
    if negative.any():
        if returns == "refuse":
            raise ValueError(
                f"{int(negative.sum())} row(s) of {source_name} have a negative amount (returns or refunds?) "
                f"in column {amount!r}: {_where(tx, negative, raw, first_line)}. Pass returns='keep' to keep them "
                f"as negative spend, or returns='drop' to leave them out with a report."
            )
        if returns == "drop":
            report.dropped[f"negative amount (column {amount!r}), returns='drop'"] = int(negative.sum())
            bad |= negative
        else:
            report.returns = int(negative.sum())

    result = tx.assign(customer_id=ids, date=dates, amount=amounts)[~bad]
    if report.dropped:
        warnings.warn(str(report), stacklevel=2)
    result.attrs["report"] = report
    return result


def _read_source(source, encoding, sheet_name, sep):
    """(raw DataFrame, name for messages, encoding found, file line of the first data row or None)."""
    if isinstance(source, pd.DataFrame):
        return source.copy(), "the DataFrame", None, None
    if not isinstance(source, (str, Path)):
        require_frame(source, "source")
    path = Path(source)
    if not path.exists():
        raise FileNotFoundError(f"`source` file not found: {str(path)!r}. Check the path (relative to {Path.cwd()}).")
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
        return pd.read_excel(path, sheet_name=sheet_name, dtype=object), path.name, None, 2
    data = path.read_bytes()
    found = encoding or _detect_encoding(data, path.name)
    frame = pd.read_csv(io.StringIO(data.decode(found)), sep=sep, dtype=str, keep_default_na=False, na_values=[""])
    return frame, path.name, found, 2


def _detect_encoding(data: bytes, name: str) -> str:
    for candidate in ENCODINGS:
        try:
            data.decode(candidate)
        except UnicodeDecodeError:
            continue
        return candidate
    raise ValueError(
        f"{name} is neither UTF-8 nor GBK/GB18030 text. Save it as 'CSV UTF-8' from Excel, or pass encoding='...'."
    )


def _where(tx: pd.DataFrame, mask: np.ndarray, raw: pd.DataFrame, first_line: int | None) -> str:
    rows = tx.index[mask]
    shown = [f"line {raw.index.get_loc(r) + first_line}" if first_line else f"row {r!r}" for r in rows[:3]]
    values = raw.loc[rows[:3]].to_dict("records")
    more = f" (and {len(rows) - 3} more)" if len(rows) > 3 else ""
    return "; ".join(f"{where} {value}" for where, value in zip(shown, values)) + more


def _clean_ids(ids: pd.Series) -> pd.Series:
    """Numeric ids stay as they are; text ids lose surrounding spaces and blanks become missing."""
    if pd.api.types.is_numeric_dtype(ids):
        return ids
    text = ids.astype("string").str.strip()
    return text.mask(text == "")


def _parse_amounts(amounts: pd.Series) -> pd.Series:
    """Numbers, also from text like '¥1,200.50' or '80 元'; anything else becomes NaN."""
    if pd.api.types.is_numeric_dtype(amounts) and not pd.api.types.is_bool_dtype(amounts):
        return amounts.astype(float)
    text = amounts.astype("string").str.replace(_CURRENCY, "", regex=True)
    return pd.to_numeric(text, errors="coerce").astype(float)


def _parse_dates(dates: pd.Series, *, dayfirst: bool | None) -> pd.Series:
    """Dates to Timestamps; ambiguous day/month text is refused until ``dayfirst`` is given."""
    if pd.api.types.is_datetime64_any_dtype(dates):
        return dates
    text = dates.astype("string").str.strip()
    text = text.str.replace(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?", r"\1-\2-\3", regex=True)
    if dayfirst is None:
        dayfirst = _infer_dayfirst(text)
    year_first = text.str.contains(_YEAR_FIRST, regex=True).fillna(False).astype(bool)
    parsed = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns]")
    for mask, day_first in ((year_first, False), (~year_first, dayfirst)):
        if mask.any():  # pandas' dayfirst would also swap ISO dates, so year-first text never gets it
            parsed[mask] = pd.to_datetime(text[mask], format="mixed", dayfirst=day_first, errors="coerce")
    return parsed


def _infer_dayfirst(text: pd.Series) -> bool:
    """Decide day/month order from the data itself, or refuse when the data cannot tell."""
    parts = text.dropna().str.extract(_DAY_MONTH).dropna()
    if parts.empty:
        return False
    first, second = parts[0].astype(int), parts[1].astype(int)
    first_is_day, second_is_day = (first > 12).any(), (second > 12).any()
    if first_is_day and second_is_day:
        raise ValueError(
            f"Column `date` mixes day/month and month/day dates (e.g. {examples(text[parts.index][first > 12].tolist(), 1)} "
            f"and {examples(text[parts.index][second > 12].tolist(), 1)}). Make the source consistent."
        )
    if first_is_day or second_is_day:
        return bool(first_is_day)
    sample = text[parts.index][first != second]
    if sample.empty:
        return False
    raise ValueError(
        f"Dates such as {examples(sample.unique().tolist(), 2)} can be read as day/month or month/day, and "
        f"no date in the column settles it. Pass dayfirst=True (03/05/2024 = 3 May) or dayfirst=False "
        f"(03/05/2024 = March 5)."
    )
