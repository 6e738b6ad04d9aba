"""The CRM database: keys enforced, tables faithful to the datasets, every marketing query against pandas."""

import math
import sqlite3

import numpy as np
import pandas as pd
import pytest

import crm_course as crm
from crm_course.data.crm_tables import PLANTED_PAIR, make_crm_tables
from crm_course.models.database import (
    CRM_LAYERS,
    MARKETING_QUERIES,
    SCHEMA,
    SQLError,
    crm_database,
    foreign_keys,
    layer_tables,
    marketing_query,
    schema_table,
    sql,
)


@pytest.fixture(scope="module")
def con():
    connection = crm_database()
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def tx():
    return crm.load_dataset("retail")


@pytest.fixture(scope="module")
def members():
    return crm.load_dataset("retail_customers")


def test_foreign_keys_hold_and_are_enforced(con):
    assert con.execute("PRAGMA foreign_keys").fetchone() == (1,)
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        con.execute("INSERT INTO orders VALUES ('X1', 'NOBODY', '2024-01-01', 'store', 'home', NULL, NULL, 1, 1)")
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        con.execute("INSERT INTO customers SELECT * FROM customers LIMIT 1")
    con.rollback()


def test_every_table_has_a_primary_key_and_indexes_exist(con):
    schema = schema_table(con)
    tables = schema[schema["kind"] == "table"]
    assert set(tables["table"]) == set(SCHEMA)
    assert (tables.groupby("table")["primary_key"].max() > 0).all()
    indexes = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"orders_customer", "order_lines_product", "interactions_customer"} <= indexes
    assert len(foreign_keys(con)) == 25


def test_orders_and_customers_are_the_shipped_datasets(con, tx, members):
    orders = sql("SELECT * FROM orders ORDER BY order_id", con)
    assert orders["order_id"].tolist() == tx["order_id"].tolist()
    assert orders["amount"].tolist() == tx["amount"].tolist()
    assert orders["margin"].tolist() == tx["margin"].tolist()
    assert orders["category_id"].tolist() == tx["category"].tolist()
    customers = sql("SELECT * FROM customers ORDER BY customer_id", con)
    assert customers["acquisition_cost"].tolist() == members["acquisition_cost"].tolist()
    assert customers["city"].tolist() == members["city"].tolist()


def test_order_lines_add_up_to_their_order(con):
    check = sql("""SELECT o.order_id, o.amount, o.margin, ROUND(SUM(l.amount), 2) AS lines_amount,
                          ROUND(SUM(l.margin), 2) AS lines_margin, COUNT(*) AS lines
                   FROM orders o JOIN order_lines l ON l.order_id = o.order_id GROUP BY o.order_id""", con)
    assert len(check) == 17977  # every order has lines
    assert np.allclose(check["amount"], check["lines_amount"], atol=0.001)
    assert np.allclose(check["margin"], check["lines_margin"], atol=0.001)
    wrong_category = sql("""SELECT COUNT(*) AS n FROM order_lines l JOIN orders o ON o.order_id = l.order_id
                            JOIN products p ON p.product_id = l.product_id WHERE p.category_id <> o.category_id""", con)
    assert wrong_category["n"].item() == 0


def test_tables_are_seeded(members, tx):
    small = members.head(300)
    small_tx = tx[tx["customer_id"].isin(small["customer_id"])]
    first, second = make_crm_tables(small, small_tx), make_crm_tables(small, small_tx)
    for name in first:
        pd.testing.assert_frame_equal(first[name], second[name])
    other = make_crm_tables(small, small_tx, seed=1)
    assert not other["interactions"].equals(first["interactions"])


def test_planted_pair_is_the_strongest_rule(con):
    lines = sql("SELECT order_id, product_id FROM order_lines", con)
    rules = crm.association_rules(lines, basket="order_id", item="product_id", min_support=0.01,
                                  min_confidence=0.5, max_len=2)
    top = rules.iloc[0]
    assert {*top["antecedents"], *top["consequents"]} == set(PLANTED_PAIR)
    assert top["lift"] > 10 and top["support"] > 0.03


def test_file_database(tmp_path):
    path = tmp_path / "crm.sqlite"
    path.write_text("not a database")
    with pytest.raises(FileExistsError, match="overwrite=True"):
        crm_database(path)
    assert path.read_text() == "not a database"
    with pytest.raises(TypeError, match="`path` must be a file name"):
        crm_database(42)
    con = crm_database(path, overwrite=True)
    con.close()
    again = sqlite3.connect(path)
    assert again.execute("SELECT COUNT(*) FROM customers").fetchone() == (4500,)
    again.close()


# ----------------------------------------------------------- the sql helper


def test_sql_error_names_tables_and_columns(con):
    with pytest.raises(SQLError) as caught:
        sql("SELECT nme FROM customers", con)
    message = str(caught.value)
    assert message.startswith("SQLite says: no such column: nme.")
    assert "customers(customer_id, signup_date, city" in message and "orders(order_id" in message
    assert caught.value.__cause__ is None and caught.value.__suppress_context__
    assert caught.value._render_traceback_() == [f"SQLError: {message}"]  # IPython shows no traceback
    assert isinstance(caught.value, ValueError)
    with pytest.raises(SQLError, match="no such table: customer"):
        sql("SELECT * FROM customer", con)
    with pytest.raises(SQLError, match="syntax error"):
        sql("SELEC 1", con)
    with pytest.raises(SQLError, match="one statement at a time"):
        sql("SELECT 1; SELECT 2", con)


def test_sql_arguments(con):
    with pytest.raises(TypeError, match="`con` must be a database connection"):
        sql("SELECT 1", "crm.db")
    with pytest.raises(TypeError, match="`query` must be SQL text"):
        sql(42, con)
    assert sql("SELECT ? AS x, ? AS y", con, (1, 2)).shape == (1, 2)
    assert sql("SELECT :y AS y", con, {"y": 3})["y"].item() == 3


def test_sql_statement_without_rows():
    con = sqlite3.connect(":memory:")
    assert sql("CREATE TABLE t (x INTEGER)", con).empty
    sql("INSERT INTO t VALUES (1)", con)
    assert sql("SELECT x FROM t", con)["x"].tolist() == [1]


# ----------------------------------------------------------- marketing queries against pandas


def _tables(con):
    read = lambda name: sql(f"SELECT * FROM {name}", con)  # noqa: E731
    return {name: read(name) for name in ["customers", "postcodes", "orders", "order_lines", "products",
                                          "salespeople", "campaigns", "campaign_contacts", "service_tickets"]}


@pytest.fixture(scope="module")
def frames(con):
    return _tables(con)


def test_mart_against_pandas(con, frames, tx, members):
    mart = sql("SELECT * FROM customer_mart ORDER BY customer_id", con)
    profit = crm.customer_profitability(tx, costs=members.set_index("customer_id")["acquisition_cost"])
    assert mart["customer_id"].tolist() == profit.index.tolist()
    assert np.allclose(mart["profit"], profit["profit"], atol=0.006)
    assert np.allclose(mart["margin"], profit["margin"], atol=0.006)
    orders = tx.groupby("customer_id").size().reindex(mart["customer_id"], fill_value=0)
    assert mart["orders"].tolist() == orders.tolist()
    tickets = frames["service_tickets"].groupby("customer_id").size().reindex(mart["customer_id"], fill_value=0)
    assert mart["tickets"].tolist() == tickets.tolist()


def test_top_customers(con, tx, members):
    profit = crm.customer_profitability(tx, costs=members.set_index("customer_id")["acquisition_cost"])
    ranked = profit.reset_index().assign(profit=lambda f: f["profit"].round(2)).sort_values(
        ["profit", "customer_id"], ascending=[False, True])
    for share in (0.2, 0.05, 1 / 3):
        top = marketing_query("top_customers", con, share=share)
        expected = ranked.head(math.ceil(len(ranked) * share))
        assert top["customer_id"].tolist() == expected["customer_id"].tolist()
    assert len(marketing_query("top_customers", con)) == 900
    assert marketing_query("top_customers", con).attrs["params"] == {"share": 0.2}


def test_by_region_channel_salesperson_product_postcode(con, frames, tx):
    customers = frames["customers"].merge(frames["postcodes"], on=["postcode", "city"])
    orders = frames["orders"].merge(customers[["customer_id", "region_id"]], on="customer_id")

    region = marketing_query("by_region", con).set_index("region_id")
    expected = orders.groupby("region_id").agg(customers=("customer_id", "nunique"), orders=("order_id", "size"),
                                               revenue=("amount", "sum"), margin=("margin", "sum"))
    expected = expected.round(2).loc[region.index]
    pd.testing.assert_frame_equal(region, expected, check_dtype=False)

    channel = marketing_query("by_channel", con).set_index("channel_id")
    grouped = tx.groupby("channel")
    assert channel["orders"].to_dict() == grouped.size().to_dict()
    assert np.allclose(channel["revenue"], grouped["amount"].sum().loc[channel.index], atol=0.006)
    assert np.allclose(channel["mean_order"], grouped["amount"].mean().loc[channel.index].round(2), atol=0.006)

    people = marketing_query("by_salesperson", con).set_index("salesperson_id")
    assert len(people) == 30
    store_orders = frames["orders"].dropna(subset=["salesperson_id"]).groupby("salesperson_id")
    assert people["store_orders"].sum() == (tx["channel"] == "store").sum()
    assert np.allclose(people["revenue"], store_orders["amount"].sum().reindex(people.index, fill_value=0), atol=0.006)

    product = marketing_query("by_product", con).set_index("product_id")
    lines = frames["order_lines"].groupby("product_id")
    assert product["units"].to_dict() == lines["quantity"].sum().to_dict()
    assert product["orders"].to_dict() == lines["order_id"].nunique().to_dict()
    assert np.allclose(product["revenue"], lines["amount"].sum().loc[product.index], atol=0.006)

    postcode = marketing_query("by_postcode", con).set_index("postcode")
    revenue = tx.groupby("customer_id")["amount"].sum()
    per_member = frames["customers"].assign(revenue=lambda f: f["customer_id"].map(revenue).fillna(0))
    grouped = per_member.groupby("postcode")
    assert postcode["members"].to_dict() == grouped.size().to_dict()
    assert postcode["buyers"].to_dict() == grouped["revenue"].apply(lambda r: int((r > 0).sum())).to_dict()
    assert np.allclose(postcode["revenue_per_member"], (grouped["revenue"].sum() / grouped.size()).loc[postcode.index],
                       atol=0.006)
    assert postcode["revenue_per_member"].is_monotonic_decreasing


def test_olap_pivot_against_pivot_table(con, frames):
    cube = marketing_query("region_by_category", con).set_index("region_id")
    orders = frames["orders"].merge(frames["customers"].merge(frames["postcodes"], on=["postcode", "city"])[
        ["customer_id", "region_id"]], on="customer_id")
    pivot = orders.pivot_table(index="region_id", columns="category_id", values="amount", aggfunc="sum",
                               margins=True, margins_name="total").drop(index="total")
    for column in ["apparel", "home", "beauty", "accessories", "wellness", "total"]:
        assert np.allclose(cube[column], pivot.loc[cube.index, column], atol=0.006), column


def test_campaign_results_against_pandas(con, frames):
    results = marketing_query("campaign_results", con).set_index("campaign_id")
    contacts = frames["campaign_contacts"].groupby("campaign_id")["responded"]
    assert results["contacted"].to_dict() == contacts.size().to_dict()
    assert results["responses"].to_dict() == contacts.sum().to_dict()
    # a response is a real order of the campaign's category inside its window
    check = sql("""SELECT COUNT(*) AS bad FROM campaign_contacts c JOIN campaigns k ON k.campaign_id = c.campaign_id
                   JOIN orders o ON o.order_id = c.response_order_id
                   WHERE o.order_date NOT BETWEEN k.start_date AND k.end_date
                      OR (k.category_id IS NOT NULL AND o.category_id <> k.category_id)
                      OR o.customer_id <> c.customer_id""", con)
    assert check["bad"].item() == 0


def test_marketing_query_arguments(con):
    with pytest.raises(ValueError, match="The value for `name` must be one of"):
        marketing_query("top", con)
    with pytest.raises(ValueError, match="`share` applies to the 'top_customers' query only"):
        marketing_query("by_region", con, share=0.1)
    with pytest.raises(ValueError, match=r"`share` must be in \(0, 1\]"):
        marketing_query("top_customers", con, share=0)
    assert set(MARKETING_QUERIES) >= {"top_customers", "by_region", "by_channel", "by_salesperson", "by_product",
                                      "by_postcode", "region_by_category"}


def test_layers_cover_every_table(con):
    layers = layer_tables(con)
    assert set(layers["table"]) == set(schema_table(con)["table"]) == set(CRM_LAYERS)
    assert layers["layer"].unique().tolist() == ["contact", "functional", "support"]
    assert layers.set_index("table").loc["customer_mart", "part"] == "data_mart"
    assert layers.set_index("table").loc["customers", "rows"] == 4500


def test_database_profitability_is_the_value_chapters(con, tx, members):
    from_database = crm.database_profitability(con)
    from_files = crm.customer_profitability(tx, costs=members.set_index("customer_id")["acquisition_cost"])
    pd.testing.assert_frame_equal(from_database, from_files)


def test_exported():
    assert crm.crm_database is crm_database and crm.sql is sql and crm.SQLError is SQLError


def test_data_card_documents_every_table_and_column(con):
    card = (crm.data.catalog.datasets_dir() / "crm_database" / "README.md").read_text(encoding="utf-8")
    schema = schema_table(con)
    assert [t for t in schema["table"].unique() if f"`{t}`" not in card] == []
    assert sorted({c for c in schema["column"] if f"`{c}`" not in card}) == []
    rows = layer_tables(con).set_index("table")["rows"]
    for table in ("interactions", "order_lines", "service_tickets", "campaign_contacts"):
        assert f"| `{table}` | {rows[table]:,} |" in card, table
