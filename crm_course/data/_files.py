"""Writing a generated dataset so that it regenerates byte for byte."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

__all__ = ["write_csv"]


def write_csv(frame: pd.DataFrame, folder: str | Path, name: str, **options) -> Path:
    """Write ``frame`` to ``folder/name`` (UTF-8, ``\\n`` line ends, no index); return the path.

    ``options`` go to :meth:`pandas.DataFrame.to_csv` (e.g. ``float_format="%.2f"``).

    >>> import tempfile
    >>> path = write_csv(pd.DataFrame({"a": [1.5]}), tempfile.mkdtemp(), "a.csv", float_format="%.2f")
    >>> path.read_bytes()
    b'a\\n1.50\\n'
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    frame.to_csv(path, index=False, lineterminator="\n", encoding="utf-8", **options)
    return path
