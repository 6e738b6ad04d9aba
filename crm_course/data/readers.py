"""Reading a user's own transactions: CSV (UTF-8, GBK/GB18030, Big5, UTF-16), Excel or a DataFrame.

The result always has the columns ``customer_id``, ``date`` and ``amount`` (so every model
works on it with its defaults), plus the other columns as they were. Nothing is dropped
silently: bad rows are refused with their count and first examples, or dropped only when
asked, with a report in ``result.attrs["report"]`` and a warning.

>>> import pandas as pd
>>> raw = pd.DataFrame({"客户": ["a", "b"], "日期": ["2024-03-05", "2024-03-06"], "金额": ["¥1,200.50", "80"]})
>>> tx = read_transactions(raw, customer="客户", date="日期", amount="金额")
>>> tx[["customer_id", "date", "amount"]].to_dict("list")["amount"]
[1200.5, 80.0]
>>> read_transactions(raw.assign(金额=["1.200,50", "８０,５"]), customer="客户", date="日期", amount="金额")["amount"].tolist()
[1200.5, 80.5]

Checks run once per distinct value, so a million rows cost little more than ``pandas.read_csv``.
"""

from __future__ import annotations

import bz2
import codecs
import csv
import gzip
import lzma
import re
import unicodedata
import warnings
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .._validation import (
    examples,
    require_choice,
    require_columns,
    require_flag,
    require_frame,
    require_not_empty,
    require_unique_columns,
)

__all__ = ["read_transactions", "ReadReport"]

TRADITIONAL = ("big5", "cp950")  # tried when GB18030 (a superset of GBK/GB2312) decodes but reads as nonsense
SEPARATORS = (",", ";", "\t", "|")
EXCEL = (".xlsx", ".xlsm", ".xls")
DECOMPRESS = {".gz": gzip.decompress, ".bz2": bz2.decompress, ".xz": lzma.decompress}
_YEAR_FIRST = r"^\d{4}\s*[-/.]"
_DAY_MONTH = re.compile(r"^\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*\d{2,4}(\D|$)")
_CHINESE_DATE = r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?"
_TIME_ZONE = r"\d:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[zZ]|[+-]\d{2}(?::?\d{2})?|UTC|GMT)$"
_CURRENCY = re.compile(r"[¥$€£'\s]|元|RMB|CNY|USD|EUR|GBP|HKD", flags=re.IGNORECASE)
_POINT_DECIMAL = r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d*)(?:\.\d+)?$"  # 1,234.50
_COMMA_DECIMAL = r"^[+-]?(?:\d{1,3}(?:\.\d{3})+|\d*)(?:,\d+)?$"  # 1.234,50
_WHOLE = r"^([+-]?\d+)\.0*$"  # an id written as 1001.0
_DIGIT = np.isin(np.arange(256), list(b"0123456789"))  # by byte value
_CHANGED_BY_NUMBERS = np.isin(np.arange(256), list(b" \t+-"))  # a field starting so loses it as a number


@dataclass
class ReadReport:
    """What :func:`read_transactions` did: encoding found, rows read, kept, dropped and why."""

    source: str
    encoding: str | None
    rows_read: int
    dropped: dict[str, int] = field(default_factory=dict)
    returns: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def rows_kept(self) -> int:
        return self.rows_read - sum(self.dropped.values())

    def __str__(self) -> str:
        lines = [f"Read {self.rows_read} rows from {self.source}" + (f" ({self.encoding})" if self.encoding else "")]
        lines += [f"dropped {n} row(s): {reason}" for reason, n in self.dropped.items()]
        if self.returns:
            lines.append(f"kept {self.returns} return row(s) with negative amounts")
        lines += self.notes
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
    sep: str | None = None,
) -> pd.DataFrame:
    """Read and validate transactions from a CSV/Excel path or a DataFrame.

    Parameters
    ----------
    source : path (``.csv``, ``.txt``, also ``.gz``/``.bz2``/``.xz``/``.zip``; ``.xlsx``, ``.xls``)
        or DataFrame (never changed).
    customer, date, amount : the user's column names (Chinese headers welcome; stray spaces
        around a header are ignored); renamed to ``customer_id``, ``date``, ``amount``.
    dayfirst : needed only when dates like ``03/05/2024`` could be day/month or month/day;
        ``True`` reads 3 May, ``False`` reads 5 March. Year-first dates never need it.
    returns : rows with a negative amount: ``"refuse"`` (default, an error that counts them),
        ``"keep"`` (they stay negative and reduce spend) or ``"drop"`` (left out, reported).
    bad_rows : rows with no customer id, an unparseable date or a non-numeric or infinite
        amount: ``"refuse"`` (default) or ``"drop"`` (left out, reported).
    encoding : found automatically among UTF-8 (with or without BOM), GBK/GB18030, Big5 and
        UTF-16 when None.
    sheet_name : the Excel sheet, by name or position.
    sep : the CSV separator; found from the header line (``,``, ``;``, tab or ``|``) when None.

    Amounts may carry currency signs (¥, ￥, $, €, 元), full-width digits, thousands separators
    and decimal commas (``1.234,50``). File ids come back as text (``00042`` keeps its zeros,
    ``17850.0`` becomes ``"17850"``); dates with mixed UTC offsets are converted to UTC.
    """
    require_choice(returns, ["refuse", "keep", "drop"], "returns")
    require_choice(bad_rows, ["refuse", "drop"], "bad_rows")
    dayfirst = require_flag(dayfirst, "dayfirst", allow_none=True)
    wanted = {"customer": customer, "date": date, "amount": amount}
    for argument, name in wanted.items():
        if name is None or isinstance(name, (bool, list, tuple, dict, set)):
            raise TypeError(f"`{argument}` must be a column name such as {argument!r}, but {name!r} was passed.")
    if sep is not None and not (isinstance(sep, str) and len(sep) == 1):
        raise ValueError(
            f"`sep` must be one character such as ',', ';' or '\\t', or None to find it, but {sep!r} was passed."
        )
    if encoding is not None and not isinstance(encoding, str):
        raise TypeError(
            f"`encoding` must be a name such as 'utf-8' or 'gb18030', or None, but {encoding!r} was passed."
        )
    raw, source_name, found_encoding, first_line = _read_source(source, wanted, encoding, sheet_name, sep)
    columns = _match_columns(raw, wanted, source_name)
    customer, date, amount = columns["customer"], columns["date"], columns["amount"]
    require_not_empty(raw, source_name)
    clashes = [c for c in ("customer_id", "date", "amount") if c in raw.columns and c not in (customer, date, amount)]
    if clashes:
        raise ValueError(
            f"`{source_name}` already has column(s) {clashes} besides the ones you named; rename or drop them "
            f"first so the result's standard columns are unambiguous."
        )

    report = ReadReport(source_name, found_encoding, len(raw))
    tx = raw.rename(columns={customer: "customer_id", date: "date", amount: "amount"})
    ids, no_id = _clean_ids(tx["customer_id"], from_file=first_line is not None)
    dates = _parse_dates(tx["date"], dayfirst=dayfirst, column=date, report=report)
    amounts = _parse_amounts(tx["amount"], column=amount)

    problems = {
        f"no customer id (column {customer!r})": no_id,
        f"unparseable date (column {date!r})": dates.isna().to_numpy(),
        f"non-numeric amount (column {amount!r})": amounts.isna().to_numpy(),
        f"infinite amount (column {amount!r})": np.isinf(amounts.to_numpy()),
    }
    bad = np.zeros(len(tx), dtype=bool)
    for reason, mask in problems.items():
        mask = mask & ~bad  # each row counted once, under its first problem
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

    result = tx.assign(customer_id=ids, date=dates, amount=amounts)
    if bad.any():
        result = result[~bad]
    if report.dropped:
        warnings.warn(str(report), stacklevel=2)
    result.attrs["report"] = report
    return result


def _match_columns(raw: pd.DataFrame, wanted: dict, source_name: str) -> dict:
    """The actual column for each argument; a name matches a header that differs only by stray spaces."""
    require_unique_columns(raw.columns, source_name)
    by_stripped = {_strip(column): column for column in raw.columns}
    found = {}
    for argument, name in wanted.items():
        if name in raw.columns:
            found[argument] = name
        elif _strip(name) in by_stripped:
            found[argument] = by_stripped[_strip(name)]
    if len(found) < len(wanted):
        _refuse_one_column(list(raw.columns), source_name)
    require_columns(raw, {a: found.get(a, name) for a, name in wanted.items()}, data_name=source_name)
    return found


def _refuse_one_column(header: list, name: str) -> None:
    """A header read as one cell such as 'id;date;amount' means the separator is another one: say which."""
    hint = next((s for s in SEPARATORS if s in str(header[0])), None) if len(header) == 1 else None
    if hint:
        raise ValueError(
            f"`{name}` was read as a single column {header[0]!r}: its fields are separated by {hint!r}. "
            f"Pass sep={hint!r}."
        )


def _strip(name):
    return name.strip().strip("\ufeff").strip() if isinstance(name, str) else name


def _read_source(source, wanted, encoding, sheet_name, sep):
    """(raw DataFrame, name for messages, encoding found, file line of the first data row or None)."""
    if isinstance(source, pd.DataFrame):
        return source.copy(), "the DataFrame", None, None
    if not isinstance(source, (str, Path)):
        require_frame(source, "source")
    path = Path(source)
    if not path.exists():
        raise FileNotFoundError(f"`source` file not found: {str(path)!r}. Check the path (relative to {Path.cwd()}).")
    if path.is_dir():
        inside = sorted(p.name for p in path.iterdir() if p.suffix.lower() in (".csv", ".txt", *EXCEL))
        raise ValueError(
            f"`source` {str(path)!r} is a folder, not a file. Pass one file inside it"
            + (f", e.g. {examples(inside)}." if inside else ".")
        )
    if path.suffix.lower() in EXCEL:
        return _read_excel(path, sheet_name), path.name, None, 2
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise ValueError(
                f"`encoding` {encoding!r} is not an encoding Python knows. Pass e.g. 'utf-8', 'gb18030' (GBK), "
                f"'big5' or 'utf-16', or leave encoding=None to detect it."
            ) from None
    data = _file_bytes(path)
    head = _utf8_head(data) if encoding is None else None
    if head is not None:  # pandas checks the rest while it parses
        try:
            return _read_csv(path, head, data, "utf-8-sig", wanted, sep), path.name, "utf-8-sig", 2
        except UnicodeDecodeError:
            pass
    text, found = _decode(data, encoding, path.name, utf8=False)
    return _read_csv(path, text, data, found, wanted, sep), path.name, found, 2


def _utf8_head(data: bytes) -> str | None:
    """The first megabyte as UTF-8 text, or None when it is not UTF-8 (zero bytes: UTF-16 without BOM)."""
    if b"\x00" in data:
        return None
    try:
        return codecs.getincrementaldecoder("utf-8-sig")().decode(data[: 1 << 20], final=len(data) <= 1 << 20)
    except UnicodeDecodeError:
        return None


def _read_excel(path: Path, sheet_name) -> pd.DataFrame:
    try:
        book = pd.ExcelFile(path)
    except ImportError as error:
        raise ValueError(f"{path.name} needs a reader that is not installed ({error}). Save it as .xlsx.") from None
    except Exception as error:  # openpyxl and xlrd raise their own types for a damaged or mislabelled file
        raise ValueError(
            f"{path.name} could not be opened as an Excel workbook ({type(error).__name__}: {error}). Open and save "
            f"it again in Excel, or if it is really a CSV file, give it the .csv extension."
        ) from None
    with book:
        sheets = book.sheet_names
        known = sheet_name in sheets if isinstance(sheet_name, str) else (
            isinstance(sheet_name, (int, np.integer)) and not isinstance(sheet_name, bool)
            and -len(sheets) <= sheet_name < len(sheets)
        )
        if not known:
            raise ValueError(
                f"`sheet_name` {sheet_name!r} is not a sheet of {path.name}. Its sheets are {sheets}; "
                f"pass sheet_name='<one of them>' or its position (0 is the first)."
            )
        frame = pd.read_excel(book, sheet_name=sheet_name, dtype=object)
    require_unique_columns([_strip(c) for c in _unmangled(frame.columns)], path.name)
    return frame.rename(columns=_strip)


def _unmangled(columns):
    """pandas renames a repeated Excel header 'x' to 'x.1'; undo that to spot the repeat."""
    names = set(columns)
    return [re.sub(r"\.\d+$", "", c) if isinstance(c, str) and re.sub(r"\.\d+$", "", c) in names else c
            for c in columns]


def _file_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix in DECOMPRESS:
        return DECOMPRESS[suffix](data)
    if suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.namelist() if not m.endswith("/")]
            if len(members) != 1:
                raise ValueError(f"{path.name} holds {len(members)} files {members[:5]}; unpack it and pass one file.")
            return archive.read(members[0])
    return data


def _decode(data: bytes, encoding: str | None, name: str, *, utf8: bool = True) -> tuple[str, str]:
    """The file's text and its encoding: the one given, or the first that reads it as sensible text."""
    if encoding is not None:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as error:
            raise ValueError(
                f"{name} is not {encoding!r} text (bytes {data[error.start:error.start + 4]!r} at position "
                f"{error.start}). Leave encoding=None to detect UTF-8, GBK/GB18030, Big5 or UTF-16, or pass the "
                f"encoding the file was saved with."
            ) from None
    for bom, found in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                       (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(found), found
    if b"\x00" in data:
        odd, even = data[1::2].count(0), data[0::2].count(0)
        found = "utf-16-le" if odd > len(data) // 4 else "utf-16-be" if even > len(data) // 4 else None
        if found is None:
            raise ValueError(f"{name} holds zero bytes: it is not a text (CSV) file. Save it as 'CSV UTF-8'.")
        return _decode(data, found, name)
    if utf8:
        try:
            return data.decode("utf-8-sig"), "utf-8-sig"
        except UnicodeDecodeError:
            pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and _reads_as_simplified(text):
        return text, "gb18030"
    for found in TRADITIONAL:
        try:
            traditional = data.decode(found)
        except UnicodeDecodeError:
            continue
        if _reads_as_traditional(traditional, found):
            return traditional, found
        break
    raise ValueError(
        f"{name} is neither UTF-8, GBK/GB18030, Big5 nor UTF-16 text"
        + (" (it decodes as GB18030 and Big5, but reads as nonsense in both)" if text is not None else "")
        + ". Save it as 'CSV UTF-8' from Excel, or pass the encoding it was saved with, e.g. encoding='gb18030', "
        "'big5' or 'cp1252' (Western European)."
    )


def _reads_as_simplified(text: str) -> bool:
    """False when GB18030 text is mostly kana, box drawing or rare characters: Big5 bytes read as GBK."""
    sample = Counter(re.sub(r"[\x00-\x7f]+", "", text[:1_000_000]))
    odd = sum(n for ch, n in sample.items() if _unlikely_in_chinese(ch))
    return odd <= 0.2 * sum(sample.values())


def _reads_as_traditional(text: str, encoding: str) -> bool:
    """False when Big5 text is mostly rare characters (level 2 and beyond): Western bytes read as Big5."""
    sample = Counter(re.sub(r"[\x00-\x7f]+", "", text[:1_000_000]))
    common = sum(n for ch, n in sample.items() if 0xA1 <= ch.encode(encoding)[0] <= 0xC6)
    return common >= 0.6 * sum(sample.values())


def _unlikely_in_chinese(ch: str) -> bool:
    code = ord(ch)
    if 0x3040 <= code <= 0x30FF or 0x2500 <= code <= 0x257F or 0x0370 <= code <= 0x04FF:
        return True  # kana, box drawing, Greek, Cyrillic: the GBK rows that Big5's common characters land on
    if 0x4E00 <= code <= 0x9FFF:
        try:
            ch.encode("gb2312")
        except UnicodeEncodeError:
            return True
    return False


def _read_csv(path: Path, text: str, data: bytes, encoding: str, wanted: dict, sep: str | None) -> pd.DataFrame:
    """Parse CSV text: numbers and ISO dates by pandas' C parser, every other column as text."""
    name = path.name
    header_line = re.match(r"[^\r\n]*", text).group()
    if not text or text.isspace():
        raise ValueError(f"{name} is empty: it has no header line and no rows. Export the data again.")
    if sep is None:
        sep = max(SEPARATORS, key=lambda s: len(next(csv.reader([header_line], delimiter=s))))
    header = [_strip(cell) for cell in next(csv.reader([header_line], delimiter=sep))]
    require_unique_columns(header, name)
    if not all(_strip(wanted[a]) in header for a in wanted):
        _refuse_one_column(header, name)
    customer, date, amount = (_strip(wanted[a]) if _strip(wanted[a]) in header else None for a in wanted)
    dtypes = {c: str for c in header if c not in (customer, date, amount)}
    options = dict(sep=sep, header=0, names=header, dtype=dtypes, keep_default_na=False, na_values=[""])
    if date is not None:
        options.update(parse_dates=[date], date_format="ISO8601")
    try:
        frame = pd.read_csv(path, encoding=encoding, compression="infer", **options)
        if customer is not None and _numbers_changed_ids(frame[customer], data, text, encoding, sep, header):
            dtypes[customer] = str
            frame = pd.read_csv(path, encoding=encoding, compression="infer", **options)
    except pd.errors.ParserError as error:
        raise _too_many_fields(name, header, sep, str(error)) from None
    if not isinstance(frame.index, pd.RangeIndex):  # every line had one field more: pandas made it the index
        raise _too_many_fields(name, header, sep, f"every line has {len(header) + 1} fields")
    return frame


def _too_many_fields(name: str, header: list, sep: str, detail: str) -> ValueError:
    return ValueError(
        f"{name} could not be split into the {len(header)} columns of its header ({detail}). A line with more "
        f"fields than the header often means amounts with decimal commas (12,50) in a comma-separated file: "
        f"quote them, save the file with ';' between fields, or pass sep='...' (found {sep!r})."
    )


def _numbers_changed_ids(ids: pd.Series, data: bytes, text: str, encoding: str, sep: str, header: list) -> bool:
    """Did pandas' C parser turn ids into numbers that lose part of their text (00042, 1001.5, 20 digits)?"""
    if not pd.api.types.is_numeric_dtype(ids) or pd.api.types.is_bool_dtype(ids):
        return False
    if pd.api.types.is_float_dtype(ids) and not _exactly_whole(ids):
        return True
    probe = data if encoding in ("utf-8-sig", "gb18030") else text.encode("utf-8")  # there ASCII bytes mean ASCII
    return _ids_need_text(probe, sep, header.index(ids.name))


def _ids_need_text(data: bytes, sep: str, column: int) -> bool:
    """Could numbers change the ids in field ``column`` (00042, +42, ' 0042')? Looks at the first two bytes
    of that field on every line; a file with quotes (where fields hold separators) is always read as text."""
    if b'"' in data or b"\n" not in data:
        return True
    raw = np.frombuffer(data, dtype=np.uint8)
    begin = data.find(b"\n")
    while begin != -1:  # blocks of whole lines, each small enough to stay in the processor's cache
        end = data.find(b"\n", begin + (1 << 18))
        block = raw[begin : len(raw) if end == -1 else end + 1]
        starts = np.flatnonzero(block[:-1] == ord("\n")) + 1
        if column:
            separators = np.flatnonzero(block == ord(sep))
            after = np.searchsorted(separators, starts) + column - 1
            starts = separators[after[after < len(separators)]] + 1
        starts = starts[starts < len(block) - 1]
        first, second = block[starts], block[starts + 1]
        if _CHANGED_BY_NUMBERS[first].any() or ((first == ord("0")) & _DIGIT[second]).any():
            return True
        begin = end
    return False


def _where(tx: pd.DataFrame, mask: np.ndarray, raw: pd.DataFrame, first_line: int | None) -> str:
    rows = tx.index[mask]
    shown = [f"line {raw.index.get_loc(r) + first_line}" if first_line else f"row {r!r}" for r in rows[:3]]
    values = raw.loc[rows[:3]].to_dict("records")
    more = f" (and {len(rows) - 3} more)" if len(rows) > 3 else ""
    return "; ".join(f"{where} {value}" for where, value in zip(shown, values)) + more


def _per_value(series: pd.Series, convert) -> tuple[pd.Series, np.ndarray]:
    """Apply ``convert`` (Series -> Series) once per distinct value and spread the answers back;
    also return which rows are missing in the answer (cheaper to know per distinct value)."""
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    converted = convert(pd.Series(uniques))
    gaps = codes < 0
    if len(converted):
        values = converted.array.take(codes, allow_fill=bool(gaps.any()))
    else:  # nothing but missing values
        values = pd.array([None] * len(codes), dtype=converted.dtype)
    missing = np.append(converted.isna().to_numpy(), True)[codes]  # code -1 (missing) picks the appended True
    return pd.Series(values, index=series.index, name=series.name, copy=False), missing


def _clean_ids(ids: pd.Series, *, from_file: bool) -> tuple[pd.Series, np.ndarray]:
    """Ids as text (spaces trimmed, blanks missing, 1001.0 written 1001), and which are missing;
    a DataFrame's numbers stay numbers."""
    numeric = pd.api.types.is_numeric_dtype(ids) and not pd.api.types.is_bool_dtype(ids)
    if numeric and not from_file:
        whole = pd.api.types.is_float_dtype(ids) and _exactly_whole(ids)
        return (ids.astype("Int64") if whole else ids), ids.isna().to_numpy()
    if numeric and pd.api.types.is_integer_dtype(ids) and len(ids):
        return _integers_as_text(ids), np.zeros(len(ids), dtype=bool)
    if numeric:  # read as numbers by pandas' C parser; _read_csv made sure they are exact whole numbers
        return _per_value(ids, lambda u: u.astype("Int64").astype("string"))
    return _per_value(ids, _clean_id_text)


def _integers_as_text(ids: pd.Series) -> pd.Series:
    """Integer ids as text; ids in a dense range (most exports) are looked up in a table, not hashed."""
    values = ids.to_numpy()
    low, high = int(values.min()), int(values.max())
    if high - low >= 2 * len(values):
        return _per_value(ids, lambda u: u.astype("string"))[0]
    table = pd.array([str(i) for i in range(low, high + 1)], dtype="string")
    return pd.Series(table.take(values - low), index=ids.index, name=ids.name, copy=False)


def _exactly_whole(numbers: pd.Series) -> bool:
    values = numbers.dropna()
    return bool(((values % 1 == 0) & (values.abs() < 2**53)).all())


def _clean_id_text(ids: pd.Series) -> pd.Series:
    text = ids.astype("string").str.strip()
    decimal = text.str.contains(".", regex=False).fillna(False).astype(bool)  # the regex only where it can match
    if decimal.any():
        text[decimal] = text[decimal].str.replace(_WHOLE, r"\1", regex=True)
    return text.mask(text == "")


def _parse_amounts(amounts: pd.Series, *, column) -> pd.Series:
    """Numbers, also from text like '¥1,200.50', '1.234,50', '１２元'; anything else becomes NaN."""
    if pd.api.types.is_numeric_dtype(amounts) and not pd.api.types.is_bool_dtype(amounts):
        return amounts.astype(float)
    return _per_value(amounts, lambda u: _amount_text(u, column))[0].astype(float)


def _amount_text(amounts: pd.Series, column) -> pd.Series:
    text = amounts.astype("string").map(lambda s: unicodedata.normalize("NFKC", s), na_action="ignore")
    text = text.astype("string").str.replace("\u2212", "-").str.replace(_CURRENCY, "", regex=True)
    point, comma = text.str.fullmatch(_POINT_DECIMAL), text.str.fullmatch(_COMMA_DECIMAL)
    only_comma, only_point = (comma & ~point).fillna(False), (point & ~comma).fillna(False)
    if only_comma.any() and only_point.any():
        raise ValueError(
            f"Column {column!r} (argument `amount=`) mixes decimal points and decimal commas, e.g. "
            f"{examples(amounts[only_point].tolist(), 1)} and {examples(amounts[only_comma].tolist(), 1)}. "
            f"Write every amount the same way in the source (1234.50 or 1.234,50)."
        )
    if only_comma.any():
        numbers = text.str.replace(".", "").str.replace(",", ".")
    else:
        numbers = text.str.replace(",", "")
    return pd.to_numeric(numbers.mask(numbers == ""), errors="coerce")


def _parse_dates(dates: pd.Series, *, dayfirst: bool | None, column, report: ReadReport) -> pd.Series:
    """Dates to Timestamps; ambiguous day/month text is refused until ``dayfirst`` is given."""
    if pd.api.types.is_datetime64_any_dtype(dates):
        return dates
    return _per_value(dates, lambda u: _date_text(u, dayfirst=dayfirst, column=column, report=report))[0]


def _date_text(values: pd.Series, *, dayfirst: bool | None, column, report: ReadReport) -> pd.Series:
    text = values.astype("string").map(lambda s: unicodedata.normalize("NFKC", s), na_action="ignore")
    text = text.astype("string").str.strip().str.replace(_CHINESE_DATE, r"\1-\2-\3", regex=True)
    if dayfirst is None:
        dayfirst = _infer_dayfirst(text, column)
    aware = text.str.contains(_TIME_ZONE, regex=True).fillna(False).astype(bool)
    utc = False
    if aware.any():
        naive = ~aware & text.notna()
        if naive.any():
            raise ValueError(
                f"Column {column!r} (argument `date=`) mixes dates with a time zone such as "
                f"{examples(text[aware].tolist(), 1)} and dates without one such as "
                f"{examples(text[naive].tolist(), 1)}. "
                f"Write every date with its UTC offset (or none) in the source."
            )
        offsets = text[aware].str.extract(r"([zZ]|[+-]\d{2}:?\d{2}|[+-]\d{2}|UTC|GMT)$")[0]
        utc = offsets.str.replace(":", "").replace({"z": "Z", "UTC": "Z", "GMT": "Z", "+0000": "Z"}).nunique() > 1
        if utc:
            report.notes.append(f"dates in column {column!r} have different UTC offsets: converted to UTC")
    year_first = text.str.contains(_YEAR_FIRST, regex=True).fillna(False).astype(bool)
    parts = []
    for mask, day_first in ((year_first, False), (~year_first, dayfirst)):
        if mask.any():  # pandas' dayfirst would also swap ISO dates, so year-first text never gets it
            parts.append(pd.to_datetime(text[mask], format="mixed", dayfirst=day_first, errors="coerce", utc=utc))
    if not parts:
        return pd.Series(pd.NaT, index=text.index, dtype="datetime64[us]")
    if len(parts) == 2 and parts[0].dtype != parts[1].dtype:
        parts = [part.astype(parts[0].dtype) if part.isna().all() else part for part in parts]
    return pd.concat(parts).reindex(text.index)


def _infer_dayfirst(text: pd.Series, column) -> bool:
    """Decide day/month order from the data itself, or refuse when the data cannot tell."""
    parts = text.dropna().str.extract(_DAY_MONTH).dropna()
    if parts.empty:
        return False
    first, second = parts[0].astype(int), parts[1].astype(int)
    first_is_day, second_is_day = (first > 12).any(), (second > 12).any()
    if first_is_day and second_is_day:
        raise ValueError(
            f"Column {column!r} (argument `date=`) mixes day/month and month/day dates (e.g. "
            f"{examples(text[parts.index][first > 12].tolist(), 1)} and "
            f"{examples(text[parts.index][second > 12].tolist(), 1)}). Make the source consistent."
        )
    if first_is_day or second_is_day:
        return bool(first_is_day)
    sample = text[parts.index][first != second]
    if sample.empty:
        return False
    raise ValueError(
        f"Dates such as {examples(sample.unique().tolist(), 2)} in column {column!r} can be read as day/month or "
        f"month/day, and no date in the column settles it. Pass dayfirst=True (03/05/2024 = 3 May) or "
        f"dayfirst=False (03/05/2024 = March 5)."
    )
