"""A real CRM database (客户数据库) in SQLite, the queries of database marketing, and its schema.

:func:`crm_database` loads the retail members and orders and the small synthetic CRM tables of
:mod:`crm_course.data.crm_tables` into SQLite (standard library), with primary keys, foreign
keys (enforced) and indexes, and a data mart as a view. :func:`sql` runs one query and returns
a DataFrame; a query that fails raises :class:`SQLError` with SQLite's message and the names
of the tables and columns, never a traceback from inside sqlite3.

Why a helper and not the jupysql ``%sql`` magic: the helper needs nothing beyond the standard
library and pandas; it returns a plain DataFrame that the exercise engine checks and a widget
shows; it works the same in notebooks, doctests, tests, Voila and scripts; and one place words
the error a student sees. A magic would add a dependency, its own connection handling and
its own error output.

>>> con = crm_database()
>>> sql("SELECT COUNT(*) AS orders FROM orders", con)
   orders
0   17977
>>> sql("SELECT nme FROM customers", con)
Traceback (most recent call last):
...
crm_course.models.database.SQLError: SQLite says: no such column: nme. ...
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd

from .._validation import require_choice, require_number

__all__ = [
    "SQLError",
    "CRM_LAYERS",
    "MARKETING_QUERIES",
    "crm_database",
    "sql",
    "schema_table",
    "foreign_keys",
    "layer_tables",
    "marketing_query",
    "database_profitability",
]

# CREATE statements, in an order that respects the foreign keys. Money in CNY with 2 decimals.
SCHEMA = {
    "regions": """CREATE TABLE regions (
        region_id TEXT PRIMARY KEY,
        name TEXT NOT NULL)""",
    "postcodes": """CREATE TABLE postcodes (
        postcode TEXT PRIMARY KEY,
        city TEXT NOT NULL,
        district TEXT NOT NULL,
        region_id TEXT NOT NULL REFERENCES regions(region_id))""",
    "stores": """CREATE TABLE stores (
        store_id TEXT PRIMARY KEY,
        postcode TEXT NOT NULL REFERENCES postcodes(postcode),
        city TEXT NOT NULL)""",
    "salespeople": """CREATE TABLE salespeople (
        salesperson_id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        store_id TEXT NOT NULL REFERENCES stores(store_id))""",
    "channels": """CREATE TABLE channels (
        channel_id TEXT PRIMARY KEY,
        kind TEXT NOT NULL)""",
    "customers": """CREATE TABLE customers (
        customer_id TEXT PRIMARY KEY,
        signup_date TEXT NOT NULL,
        city TEXT NOT NULL,
        age_band TEXT NOT NULL,
        acquisition_channel TEXT NOT NULL,
        acquisition_cost REAL NOT NULL CHECK (acquisition_cost >= 0),
        postcode TEXT NOT NULL REFERENCES postcodes(postcode),
        salesperson_id TEXT NOT NULL REFERENCES salespeople(salesperson_id))""",
    "categories": """CREATE TABLE categories (
        category_id TEXT PRIMARY KEY,
        margin_rate REAL NOT NULL,
        launched TEXT)""",
    "products": """CREATE TABLE products (
        product_id TEXT PRIMARY KEY,
        category_id TEXT NOT NULL REFERENCES categories(category_id),
        name TEXT NOT NULL,
        list_price REAL NOT NULL CHECK (list_price > 0))""",
    "orders": """CREATE TABLE orders (
        order_id TEXT PRIMARY KEY,
        customer_id TEXT NOT NULL REFERENCES customers(customer_id),
        order_date TEXT NOT NULL,
        channel_id TEXT NOT NULL REFERENCES channels(channel_id),
        category_id TEXT NOT NULL REFERENCES categories(category_id),
        store_id TEXT REFERENCES stores(store_id),
        salesperson_id TEXT REFERENCES salespeople(salesperson_id),
        amount REAL NOT NULL CHECK (amount > 0),
        margin REAL NOT NULL)""",
    "order_lines": """CREATE TABLE order_lines (
        order_id TEXT NOT NULL REFERENCES orders(order_id),
        line_no INTEGER NOT NULL,
        product_id TEXT NOT NULL REFERENCES products(product_id),
        quantity INTEGER NOT NULL CHECK (quantity > 0),
        amount REAL NOT NULL,
        margin REAL NOT NULL,
        PRIMARY KEY (order_id, line_no))""",
    "service_tickets": """CREATE TABLE service_tickets (
        ticket_id TEXT PRIMARY KEY,
        customer_id TEXT NOT NULL REFERENCES customers(customer_id),
        order_id TEXT REFERENCES orders(order_id),
        opened TEXT NOT NULL,
        closed TEXT,
        channel_id TEXT NOT NULL REFERENCES channels(channel_id),
        issue TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
        satisfaction INTEGER CHECK (satisfaction BETWEEN 1 AND 5))""",
    "interactions": """CREATE TABLE interactions (
        interaction_id TEXT PRIMARY KEY,
        customer_id TEXT NOT NULL REFERENCES customers(customer_id),
        interaction_date TEXT NOT NULL,
        channel_id TEXT NOT NULL REFERENCES channels(channel_id),
        purpose TEXT NOT NULL,
        salesperson_id TEXT REFERENCES salespeople(salesperson_id),
        ticket_id TEXT REFERENCES service_tickets(ticket_id))""",
    "campaigns": """CREATE TABLE campaigns (
        campaign_id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        channel_id TEXT NOT NULL REFERENCES channels(channel_id),
        category_id TEXT REFERENCES categories(category_id),
        start_date TEXT NOT NULL,
        end_date TEXT NOT NULL,
        cost_per_contact REAL NOT NULL)""",
    "campaign_contacts": """CREATE TABLE campaign_contacts (
        campaign_id TEXT NOT NULL REFERENCES campaigns(campaign_id),
        customer_id TEXT NOT NULL REFERENCES customers(customer_id),
        contact_date TEXT NOT NULL,
        responded INTEGER NOT NULL CHECK (responded IN (0, 1)),
        response_order_id TEXT REFERENCES orders(order_id),
        PRIMARY KEY (campaign_id, customer_id))""",
}

INDEXES = [
    "CREATE INDEX orders_customer ON orders(customer_id)",
    "CREATE INDEX orders_date ON orders(order_date)",
    "CREATE INDEX orders_salesperson ON orders(salesperson_id)",
    "CREATE INDEX order_lines_product ON order_lines(product_id)",
    "CREATE INDEX customers_postcode ON customers(postcode)",
    "CREATE INDEX customers_salesperson ON customers(salesperson_id)",
    "CREATE INDEX interactions_customer ON interactions(customer_id)",
    "CREATE INDEX tickets_customer ON service_tickets(customer_id)",
    "CREATE INDEX contacts_customer ON campaign_contacts(customer_id)",
]

# The data mart (数据集市) of the support layer: one row per customer, ready for OLAP and mining.
CUSTOMER_MART = """CREATE VIEW customer_mart AS
SELECT c.customer_id, c.signup_date, c.city, p.region_id, c.postcode, c.age_band, c.acquisition_channel,
       c.salesperson_id, c.acquisition_cost,
       COALESCE(o.orders, 0) AS orders, COALESCE(o.revenue, 0) AS revenue, COALESCE(o.margin, 0) AS margin,
       ROUND(COALESCE(o.margin, 0) - c.acquisition_cost, 2) AS profit,
       o.first_order, o.last_order,
       COALESCE(t.tickets, 0) AS tickets, COALESCE(k.responses, 0) AS campaign_responses
FROM customers c
JOIN postcodes p ON p.postcode = c.postcode
LEFT JOIN (SELECT customer_id, COUNT(*) AS orders, ROUND(SUM(amount), 2) AS revenue,
                  ROUND(SUM(margin), 2) AS margin, MIN(order_date) AS first_order, MAX(order_date) AS last_order
           FROM orders GROUP BY customer_id) o ON o.customer_id = c.customer_id
LEFT JOIN (SELECT customer_id, COUNT(*) AS tickets FROM service_tickets GROUP BY customer_id) t
       ON t.customer_id = c.customer_id
LEFT JOIN (SELECT customer_id, SUM(responded) AS responses FROM campaign_contacts GROUP BY customer_id) k
       ON k.customer_id = c.customer_id"""

# The lecture's three layers (三层架构) mapped onto the tables: table -> (layer, part of the layer).
CRM_LAYERS: dict[str, tuple[str, str]] = {
    "channels": ("contact", "channels"),
    "interactions": ("contact", "interaction_log"),
    "salespeople": ("functional", "sales_management"),
    "stores": ("functional", "sales_management"),
    "orders": ("functional", "sales_management"),
    "order_lines": ("functional", "sales_management"),
    "campaigns": ("functional", "marketing"),
    "campaign_contacts": ("functional", "marketing"),
    "service_tickets": ("functional", "customer_service"),
    "customers": ("support", "customer_data"),
    "products": ("support", "master_data"),
    "categories": ("support", "master_data"),
    "regions": ("support", "master_data"),
    "postcodes": ("support", "master_data"),
    "customer_mart": ("support", "data_mart"),
}
LAYERS = ("contact", "functional", "support")

# Database marketing (数据库营销): name -> SQL. Each is checked against pandas in the tests.
MARKETING_QUERIES: dict[str, str] = {
    # micro use: the most profitable share of the members (profit = gross margin - acquisition cost);
    # :share is 0.2 for the top fifth
    "top_customers": """
        SELECT customer_id, profit, orders, revenue FROM (
            SELECT customer_id, profit, orders, revenue,
                   ROW_NUMBER() OVER (ORDER BY profit DESC, customer_id) AS position,
                   COUNT(*) OVER () AS members
            FROM customer_mart)
        WHERE position - 1 < members * :share
        ORDER BY position""",
    # macro use: compare markets by region, channel, salesperson, product and postcode
    "by_region": """
        SELECT p.region_id, COUNT(DISTINCT o.customer_id) AS customers, COUNT(*) AS orders,
               ROUND(SUM(o.amount), 2) AS revenue, ROUND(SUM(o.margin), 2) AS margin
        FROM orders o JOIN customers c ON c.customer_id = o.customer_id
                      JOIN postcodes p ON p.postcode = c.postcode
        GROUP BY p.region_id ORDER BY revenue DESC""",
    "by_channel": """
        SELECT channel_id, COUNT(DISTINCT customer_id) AS customers, COUNT(*) AS orders,
               ROUND(SUM(amount), 2) AS revenue, ROUND(SUM(margin), 2) AS margin,
               ROUND(AVG(amount), 2) AS mean_order
        FROM orders GROUP BY channel_id ORDER BY revenue DESC""",
    "by_salesperson": """
        SELECT s.salesperson_id, s.name, s.store_id, COUNT(o.order_id) AS store_orders,
               ROUND(COALESCE(SUM(o.amount), 0), 2) AS revenue
        FROM salespeople s LEFT JOIN orders o ON o.salesperson_id = s.salesperson_id
        GROUP BY s.salesperson_id ORDER BY revenue DESC, s.salesperson_id""",
    "by_product": """
        SELECT p.product_id, p.name, p.category_id, COUNT(DISTINCT l.order_id) AS orders,
               SUM(l.quantity) AS units, ROUND(SUM(l.amount), 2) AS revenue
        FROM products p JOIN order_lines l ON l.product_id = p.product_id
        GROUP BY p.product_id ORDER BY revenue DESC, p.product_id""",
    "by_postcode": """
        SELECT c.postcode, p.city, p.district, COUNT(*) AS members, SUM(m.orders > 0) AS buyers,
               ROUND(SUM(m.revenue), 2) AS revenue, ROUND(SUM(m.revenue) / COUNT(*), 2) AS revenue_per_member
        FROM customer_mart m JOIN customers c ON c.customer_id = m.customer_id
                             JOIN postcodes p ON p.postcode = c.postcode
        GROUP BY c.postcode ORDER BY revenue_per_member DESC, c.postcode""",
    # OLAP-style pivot (a slice of the cube): revenue by region x category
    "region_by_category": """
        SELECT p.region_id,
               ROUND(SUM(CASE WHEN o.category_id = 'apparel' THEN o.amount ELSE 0 END), 2) AS apparel,
               ROUND(SUM(CASE WHEN o.category_id = 'home' THEN o.amount ELSE 0 END), 2) AS home,
               ROUND(SUM(CASE WHEN o.category_id = 'beauty' THEN o.amount ELSE 0 END), 2) AS beauty,
               ROUND(SUM(CASE WHEN o.category_id = 'accessories' THEN o.amount ELSE 0 END), 2) AS accessories,
               ROUND(SUM(CASE WHEN o.category_id = 'wellness' THEN o.amount ELSE 0 END), 2) AS wellness,
               ROUND(SUM(o.amount), 2) AS total
        FROM orders o JOIN customers c ON c.customer_id = o.customer_id
                      JOIN postcodes p ON p.postcode = c.postcode
        GROUP BY p.region_id ORDER BY p.region_id""",
    # campaign results: response rate against the break-even response
    "campaign_results": """
        SELECT k.campaign_id, k.name, k.channel_id, k.cost_per_contact, COUNT(*) AS contacted,
               SUM(c.responded) AS responses, ROUND(AVG(c.responded), 4) AS response_rate
        FROM campaigns k JOIN campaign_contacts c ON c.campaign_id = k.campaign_id
        GROUP BY k.campaign_id ORDER BY k.campaign_id""",
}


class SQLError(ValueError):
    """A query SQLite could not run: its message and the database's tables and columns.

    In IPython and Jupyter it shows as its message alone, without a traceback.
    """

    def _render_traceback_(self) -> list[str]:  # IPython's hook for how an exception is shown
        return [f"SQLError: {self}"]


def _money(fen: pd.Series) -> pd.Series:
    return (fen / 100).round(2)


def _frames(customers: pd.DataFrame | None, transactions: pd.DataFrame | None) -> dict[str, pd.DataFrame]:
    from ..data.catalog import load_dataset
    from ..data.crm_tables import make_crm_tables

    customers = load_dataset("retail_customers") if customers is None else customers
    transactions = load_dataset("retail") if transactions is None else transactions
    tables = make_crm_tables(customers, transactions)
    tables["customers"]["acquisition_cost"] = _money(tables["customers"].pop("acquisition_cost_fen"))
    for name in ("orders", "order_lines"):
        tables[name]["amount"] = _money(tables[name].pop("amount_fen"))
        tables[name]["margin"] = _money(tables[name].pop("margin_fen"))
    return tables


def crm_database(path: str | Path | None = None, *, overwrite: bool = False) -> sqlite3.Connection:
    """Build the course's CRM database and return an open SQLite connection.

    In memory by default; with ``path`` a new database file (an existing file is refused unless
    ``overwrite=True``, which replaces it). It holds the
    shipped retail members and orders and the synthetic CRM tables (regions, postcodes, stores,
    salespeople, channels, categories, products, order lines, interactions, service tickets,
    campaigns and their contacts), with primary and foreign keys (``PRAGMA foreign_keys`` is
    on, so a row pointing nowhere is refused), indexes and the view ``customer_mart``. The
    tables are described in ``datasets/crm_database/README.md``; :func:`schema_table` lists
    them from the database's own metadata.

    >>> con = crm_database()
    >>> con.execute("PRAGMA foreign_key_check").fetchall()
    []
    """
    if path is not None:
        if not isinstance(path, (str, Path)):
            raise TypeError(f"`path` must be a file name such as 'crm.sqlite' (or None for a database in memory), "
                            f"but a {type(path).__name__} was passed.")
        path = Path(path)
        if path.exists() and not overwrite:
            raise FileExistsError(f"`path` {str(path)!r} exists already. Pass another name, or overwrite=True to "
                                  f"replace that file with a new database.")
    tables = _frames(None, None)
    if path is not None and path.exists():
        path.unlink()
    con = sqlite3.connect(":memory:" if path is None else str(path))
    con.execute("PRAGMA foreign_keys = ON")
    with con:
        for name, create in SCHEMA.items():
            con.execute(create)
            frame = tables[name]
            columns = [row[1] for row in con.execute(f"PRAGMA table_info({name})")]
            rows = frame[columns].astype(object).where(frame[columns].notna(), None).itertuples(index=False, name=None)
            con.executemany(f"INSERT INTO {name} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                            rows)
        for index in INDEXES:
            con.execute(index)
        con.execute(CUSTOMER_MART)
    return con


def _catalogue(con: sqlite3.Connection) -> str:
    """'table(column, column, ...)' for every table and view, for error messages."""
    try:
        names = [row[0] for row in con.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return "".join(f"\n  {name}({', '.join(row[1] for row in con.execute(f'PRAGMA table_info({name})'))})"
                       for name in names)
    except sqlite3.Error:
        return "(the database cannot be read)"


def sql(query: str, con: sqlite3.Connection, params=None) -> pd.DataFrame:
    """Run one SQL statement on ``con`` and return its rows as a DataFrame (columns as named).

    ``params`` fills ``?`` placeholders (a tuple) or ``:name`` ones (a dict). A statement
    without rows (CREATE VIEW, INSERT...) is committed and gives an empty DataFrame. A query
    SQLite cannot run raises :class:`SQLError` (a ValueError) with SQLite's message and the
    tables and columns the database has.

    >>> con = crm_database()
    >>> sql("SELECT channel_id, COUNT(*) AS orders FROM orders GROUP BY channel_id ORDER BY channel_id", con)
      channel_id  orders
    0     online    7884
    1      store   10093
    """
    if not isinstance(query, str):
        raise TypeError(f"`query` must be SQL text such as 'SELECT * FROM customers', but a "
                        f"{type(query).__name__} was passed.")
    if not isinstance(con, sqlite3.Connection):
        raise TypeError(f"`con` must be a database connection, e.g. con = crm.crm_database(), but a "
                        f"{type(con).__name__} was passed.")
    try:
        cursor = con.execute(query, () if params is None else params)
        rows = cursor.fetchall()
    except (sqlite3.Error, sqlite3.Warning) as error:
        raise SQLError(
            f"SQLite says: {error}. Check the spelling of the table and column names, and the commas and quotes "
            f"of the query. The database has these tables (columns):{_catalogue(con)}"
        ) from None
    if cursor.description is None:
        con.commit()
        return pd.DataFrame()
    return pd.DataFrame.from_records(rows, columns=[d[0] for d in cursor.description])


def schema_table(con: sqlite3.Connection) -> pd.DataFrame:
    """Every column of every table and view, read from the database's own metadata.

    From ``sqlite_master`` and ``PRAGMA table_info`` / ``foreign_key_list``: one row per
    column with ``table``, ``kind`` (table or view), ``column``, ``type``, ``not_null``,
    ``primary_key`` (position in the key, 0 if not in it), ``references`` ('table.column'
    or None), and the table's ``layer`` and ``part`` in the three-layer architecture
    (:data:`CRM_LAYERS`; None for a table a user added).

    >>> con = crm_database()
    >>> schema = schema_table(con)
    >>> schema.loc[(schema["table"] == "orders") & (schema["column"] == "customer_id"), "references"].item()
    'customers.customer_id'
    """
    objects = con.execute("SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view') "
                          "AND name NOT LIKE 'sqlite_%' ORDER BY name").fetchall()
    rows = []
    for table, kind in objects:
        references = {row[3]: f"{row[2]}.{row[4]}" for row in con.execute(f"PRAGMA foreign_key_list({table})")}
        layer, part = CRM_LAYERS.get(table, (None, None))
        for _, column, kind_of_value, not_null, _, primary_key in con.execute(f"PRAGMA table_info({table})"):
            rows.append((table, kind, column, kind_of_value, bool(not_null), int(primary_key),
                         references.get(column), layer, part))
    return pd.DataFrame(rows, columns=["table", "kind", "column", "type", "not_null", "primary_key", "references",
                                       "layer", "part"])


def foreign_keys(con: sqlite3.Connection) -> pd.DataFrame:
    """The edges of the schema diagram: one row per foreign key (``table``, ``column``,
    ``references_table``, ``references_column``), from ``PRAGMA foreign_key_list``.

    >>> edges = foreign_keys(crm_database())
    >>> edges.loc[edges["table"] == "order_lines", ["column", "references_table"]].to_dict("records")
    [{'column': 'order_id', 'references_table': 'orders'}, {'column': 'product_id', 'references_table': 'products'}]
    """
    schema = schema_table(con)
    edges = schema.dropna(subset=["references"])
    target = edges["references"].str.split(".", n=1, expand=True)
    return pd.DataFrame({"table": edges["table"], "column": edges["column"], "references_table": target[0],
                         "references_column": target[1]}).reset_index(drop=True)


def layer_tables(con: sqlite3.Connection | None = None) -> pd.DataFrame:
    """The three layers (contact 接触层, functional 功能层, support 支持层) and their tables.

    One row per table in :data:`CRM_LAYERS` order of layers, with ``layer``, ``part`` and
    ``table``; with ``con``, only the tables and views that database has, plus ``rows``.

    >>> layer_tables()["layer"].unique().tolist()
    ['contact', 'functional', 'support']
    """
    frame = pd.DataFrame([(layer, part, table) for table, (layer, part) in CRM_LAYERS.items()],
                         columns=["layer", "part", "table"])
    frame["layer"] = pd.Categorical(frame["layer"], categories=list(LAYERS), ordered=True)
    frame = frame.sort_values(["layer", "part", "table"], ignore_index=True)
    if con is not None:
        present = set(schema_table(con)["table"])
        frame = frame[frame["table"].isin(present)].reset_index(drop=True)
        frame["rows"] = [con.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] for table in frame["table"]]
    frame["layer"] = frame["layer"].astype(str)
    return frame


def marketing_query(name: str, con: sqlite3.Connection, *, share: float | None = None) -> pd.DataFrame:
    """Run one of the :data:`MARKETING_QUERIES` by name; ``result.attrs['sql']`` keeps its SQL.

    ``share`` changes the share of members of ``top_customers`` (default 0.2, the top fifth).

    >>> con = crm_database()
    >>> len(marketing_query("top_customers", con))
    900
    """
    require_choice(name, MARKETING_QUERIES, "name")
    query = MARKETING_QUERIES[name]
    params = None
    if name == "top_customers":
        params = {"share": float(require_number(0.2 if share is None else share, "share", low=0, high=1,
                                                low_inclusive=False))}
    elif share is not None:
        raise ValueError(f"`share` applies to the 'top_customers' query only, not to {name!r}.")
    result = sql(query, con, params)
    result.attrs = {"name": name, "sql": query.strip(), "params": params}
    return result


def database_profitability(con: sqlite3.Connection) -> pd.DataFrame:
    """Profit and class A-F of every member, from the database (database marketing's micro use).

    Reads each order's margin and each member's acquisition cost with SQL and hands them to
    :func:`crm_course.customer_profitability`, so never-buyers are kept (their profit is minus
    their acquisition cost) and the classes are the value chapter's.

    >>> profit = database_profitability(crm_database())
    >>> profit["class"].value_counts().sort_index().to_dict()
    {'A': 739, 'B': 738, 'C': 739, 'D': 738, 'E': 738, 'F': 808}
    """
    from .value import customer_profitability

    margins = sql("SELECT customer_id, margin FROM orders", con)
    costs = sql("SELECT customer_id, acquisition_cost FROM customers", con).set_index("customer_id")
    return customer_profitability(margins, costs=costs["acquisition_cost"])
