"""Every shipped dataset loads, is documented column by column, and the real data is untouched."""

import hashlib

import pandas as pd
import pytest

import crm_course as crm
from crm_course.data.catalog import DATASETS, datasets_dir


@pytest.mark.parametrize("name", list(DATASETS))
def test_dataset_loads_and_its_card_documents_every_column(name):
    frame = crm.load_dataset(name)
    assert len(frame) > 0
    card = crm.dataset_card(name)
    columns = [frame.index.name, *frame.columns] if frame.index.name else list(frame.columns)
    for column in columns:
        assert f"`{column}`" in card, f"{name}: column {column!r} is not described in its data card"
    assert any("\u4e00" <= ch <= "\u9fff" for ch in card), f"{name}: card has no Chinese column names"


def test_list_datasets():
    listing = crm.list_datasets()
    assert list(listing.columns) == ["name", "description"]
    assert set(listing["name"]) == set(DATASETS)


def test_unknown_dataset_lists_the_names():
    with pytest.raises(ValueError, match=r"The value for `name` must be one of \['retail'.*but 'retial' was passed"):
        crm.load_dataset("retial")


def test_each_load_is_a_fresh_frame():
    first = crm.load_dataset("cdnow")
    first.loc[0, "amount"] = -1
    assert crm.load_dataset("cdnow").loc[0, "amount"] == pytest.approx(29.33)


def test_cdnow_files_match_their_published_checksums():
    folder = datasets_dir() / "cdnow"
    for line in (folder / "SHA256SUMS").read_text().splitlines():
        digest, filename = line.split()
        assert hashlib.sha256((folder / filename).read_bytes()).hexdigest() == digest, filename


def test_cdnow_sample_is_the_papers_sample():
    tx = crm.load_dataset("cdnow")
    assert (len(tx), tx["customer_id"].nunique()) == (6919, 2357)
    assert tx["date"].min() == pd.Timestamp("1997-01-01") and tx["date"].max() == pd.Timestamp("1998-06-30")
