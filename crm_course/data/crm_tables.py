"""The small synthetic tables of the course's CRM database, seeded, around the retail dataset.

The retail dataset has members and orders (one category per order) but no regions, stores,
salespeople, products, order lines, contacts, service tickets or campaigns. This module makes
them, the same for the same seed, so that :func:`crm_course.crm_database` can hold a whole
CRM system. The data card is ``datasets/crm_database/README.md``.

Planted for teaching (啤酒与尿布): in apparel orders, the baby bodysuit (``P-APP-07``) is
usually bought with men's sports socks (``P-APP-08``), a pair no category manager would
have put side by side; association rules on the order lines find it.

>>> from crm_course.data.retail import make_retail
>>> tables = make_crm_tables(*make_retail(n_customers=60))
>>> sorted(tables)[:4]
['campaign_contacts', 'campaigns', 'categories', 'channels']
>>> int(tables["order_lines"].groupby("order_id")["amount_fen"].sum().eq(
...     tables["orders"].set_index("order_id")["amount_fen"]).all())
1
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .retail import CATEGORIES, NEW_CATEGORY, NEW_CATEGORY_LAUNCH, RETAIL_END

__all__ = ["CRM_TABLES_SEED", "PLANTED_PAIR", "REGIONS", "POSTCODES", "PRODUCTS", "CAMPAIGNS", "make_crm_tables"]

CRM_TABLES_SEED = 511

REGIONS = {"east": "East China 华东", "north": "North China 华北", "southwest": "Southwest China 西南",
           "central": "Central China 华中"}
CITY_REGION = {"Shanghai": "east", "Hangzhou": "east", "Beijing": "north", "Chengdu": "southwest",
               "Wuhan": "central"}

# postcode -> (city, district, share of the city's members); postcodes are illustrative
POSTCODES = {
    "200001": ("Shanghai", "Huangpu", 0.12), "200030": ("Shanghai", "Xuhui", 0.20),
    "200120": ("Shanghai", "Pudong", 0.30), "200040": ("Shanghai", "Jing'an", 0.14),
    "200050": ("Shanghai", "Changning", 0.10), "201100": ("Shanghai", "Minhang", 0.14),
    "100010": ("Beijing", "Dongcheng", 0.10), "100032": ("Beijing", "Xicheng", 0.12),
    "100020": ("Beijing", "Chaoyang", 0.30), "100080": ("Beijing", "Haidian", 0.26),
    "100071": ("Beijing", "Fengtai", 0.12), "101100": ("Beijing", "Tongzhou", 0.10),
    "310002": ("Hangzhou", "Shangcheng", 0.16), "310011": ("Hangzhou", "Gongshu", 0.14),
    "310013": ("Hangzhou", "Xihu", 0.26), "310051": ("Hangzhou", "Binjiang", 0.18),
    "311200": ("Hangzhou", "Xiaoshan", 0.14), "311100": ("Hangzhou", "Yuhang", 0.12),
    "610011": ("Chengdu", "Jinjiang", 0.18), "610031": ("Chengdu", "Qingyang", 0.14),
    "610041": ("Chengdu", "Wuhou", 0.24), "610051": ("Chengdu", "Chenghua", 0.14),
    "610036": ("Chengdu", "Jinniu", 0.14), "610200": ("Chengdu", "Shuangliu", 0.16),
    "430010": ("Wuhan", "Jiang'an", 0.16), "430021": ("Wuhan", "Jianghan", 0.16),
    "430061": ("Wuhan", "Wuchang", 0.22), "430070": ("Wuhan", "Hongshan", 0.22),
    "430050": ("Wuhan", "Hanyang", 0.12), "430030": ("Wuhan", "Qiaokou", 0.12),
}
# two stores per city, in these postcodes (store ids S01..S10 in this order)
STORE_POSTCODES = ["200001", "200120", "100020", "100080", "310013", "311200", "610011", "610041",
                   "430021", "430061"]
SALESPEOPLE_PER_STORE = 3
SURNAMES = ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Xu", "Sun", "Ma",
            "Zhu", "Hu"]
GIVEN_NAMES = ["Fang", "Wei", "Min", "Jing", "Lei", "Yan", "Jun", "Ting", "Hao", "Xin", "Yu", "Lin", "Qiang",
               "Na", "Bo", "Hui", "Tao", "Li", "Ning", "Pei", "Rui", "Dan", "Kai", "Lan", "Jie", "Ying", "Peng",
               "Xue", "Gang", "Mei"]

# product id -> (category, name, list price CNY, popularity within its category)
PRODUCTS = {
    "P-APP-01": ("apparel", "cotton T-shirt", 79.0, 0.22), "P-APP-02": ("apparel", "denim jeans", 299.0, 0.14),
    "P-APP-03": ("apparel", "wool sweater", 399.0, 0.10), "P-APP-04": ("apparel", "down jacket", 899.0, 0.06),
    "P-APP-05": ("apparel", "silk scarf", 199.0, 0.10), "P-APP-06": ("apparel", "running shoes", 459.0, 0.12),
    "P-APP-07": ("apparel", "baby bodysuit", 89.0, 0.08), "P-APP-08": ("apparel", "men's sports socks", 39.0, 0.01),
    "P-APP-09": ("apparel", "pyjamas", 159.0, 0.12),
    "P-HOM-01": ("home", "scented candle", 69.0, 0.20), "P-HOM-02": ("home", "bath towel set", 129.0, 0.18),
    "P-HOM-03": ("home", "ceramic mug", 49.0, 0.20), "P-HOM-04": ("home", "linen bedding", 699.0, 0.10),
    "P-HOM-05": ("home", "table lamp", 259.0, 0.12), "P-HOM-06": ("home", "storage basket", 89.0, 0.20),
    "P-BEA-01": ("beauty", "face cream", 329.0, 0.22), "P-BEA-02": ("beauty", "lipstick", 229.0, 0.20),
    "P-BEA-03": ("beauty", "sheet masks (10)", 99.0, 0.22), "P-BEA-04": ("beauty", "perfume", 599.0, 0.10),
    "P-BEA-05": ("beauty", "sunscreen", 159.0, 0.16), "P-BEA-06": ("beauty", "hand cream", 59.0, 0.10),
    "P-ACC-01": ("accessories", "leather wallet", 359.0, 0.20), "P-ACC-02": ("accessories", "sunglasses", 499.0, 0.14),
    "P-ACC-03": ("accessories", "tote bag", 199.0, 0.24), "P-ACC-04": ("accessories", "watch", 1299.0, 0.08),
    "P-ACC-05": ("accessories", "hair clips", 39.0, 0.20), "P-ACC-06": ("accessories", "umbrella", 129.0, 0.14),
    "P-WEL-01": ("wellness", "herbal tea", 88.0, 0.26), "P-WEL-02": ("wellness", "yoga mat", 239.0, 0.18),
    "P-WEL-03": ("wellness", "massage gun", 699.0, 0.10), "P-WEL-04": ("wellness", "vitamin gummies", 129.0, 0.22),
    "P-WEL-05": ("wellness", "sleep mask", 59.0, 0.24),
}
PLANTED_PAIR = ("P-APP-07", "P-APP-08")  # baby bodysuit -> men's sports socks
PLANTED_PAIR_RATE = 0.75  # chance an order with the bodysuit also holds the socks
EXTRA_LINES_MEAN = 0.9  # lines per order = 1 + Poisson(0.9), at most the category's products
QUANTITIES = {1: 0.78, 2: 0.18, 3: 0.04}

# channel id -> kind: where orders are placed (sales), where customers are met (contact), or both
CHANNELS = {"store": "sales and contact", "online": "sales", "phone": "contact", "email": "contact",
            "wechat": "contact", "app": "contact", "web": "contact", "sms": "contact", "mail": "contact"}
# contact channels a member uses, by acquisition channel
CONTACT_CHANNELS = {
    "store": {"store": 0.45, "phone": 0.30, "wechat": 0.15, "email": 0.10},
    "wechat": {"wechat": 0.60, "phone": 0.15, "app": 0.10, "store": 0.15},
    "app": {"app": 0.60, "wechat": 0.20, "web": 0.10, "phone": 0.10},
    "marketplace": {"web": 0.50, "email": 0.25, "phone": 0.25},
    "referral": {"wechat": 0.40, "store": 0.30, "phone": 0.20, "email": 0.10},
}
INTERACTION_PURPOSES = {"enquiry": 0.40, "advice": 0.25, "feedback": 0.15, "order_follow_up": 0.20}
CONTACTS_PER_ORDER = 0.35  # expected interactions per order, plus 0.5 per member

TICKET_RATE = {"store": 0.035, "online": 0.075}  # service tickets per order, by order channel
TICKET_ISSUES = {"store": {"quality": 0.45, "return": 0.35, "billing": 0.10, "membership": 0.10},
                 "online": {"delivery": 0.45, "quality": 0.20, "return": 0.25, "billing": 0.10}}
TICKET_CHANNELS = {"phone": 0.40, "wechat": 0.30, "app": 0.15, "email": 0.15}
MEAN_DAYS_TO_CLOSE = 3.0

# campaign id -> (name, channel, category or None, start, end, cost per contact CNY, who is contacted)
CAMPAIGNS = {
    "CMP01": ("Spring apparel", "wechat", "apparel", "2023-03-01", "2023-03-31", 0.10, "members"),
    "CMP02": ("Singles' Day", "app", None, "2023-11-01", "2023-11-15", 0.05, "members"),
    "CMP03": ("Wellness launch", "mail", NEW_CATEGORY, "2024-01-08", "2024-02-29", 0.55, "members"),
    "CMP04": ("Win-back", "sms", None, "2024-06-01", "2024-06-30", 0.05, "lapsed"),
}
CONTACTED_SHARE = 0.6  # share of the eligible members each campaign reaches
LAPSED_DAYS = 180  # the win-back campaign reaches buyers without an order in this many days


def _fen(money: pd.Series) -> np.ndarray:
    return np.rint(money.to_numpy(dtype=float) * 100).astype(np.int64)


def _split(total: np.ndarray, weights: np.ndarray, group: np.ndarray, first: np.ndarray) -> np.ndarray:
    """Split each group's whole ``total`` (fen) over its rows by ``weights``: floors, the rest to its first row."""
    share = weights / np.bincount(group, weights=weights)[group]
    parts = np.floor(total[group] * share).astype(np.int64)
    rest = total - np.bincount(group, weights=parts, minlength=len(total)).astype(np.int64)
    parts[first] += rest
    return parts


def _draw(rng: np.random.Generator, table: dict[str, float], size: int) -> np.ndarray:
    names = list(table)
    p = np.array(list(table.values()), dtype=float)
    return rng.choice(np.array(names, dtype=object), size=size, p=p / p.sum())


def _order_lines(rng: np.random.Generator, orders: pd.DataFrame) -> pd.DataFrame:
    products = pd.DataFrame.from_dict(PRODUCTS, orient="index", columns=["category", "name", "price", "popularity"])
    ids, line_order = [], []
    order_index = np.arange(len(orders))
    extra = rng.poisson(EXTRA_LINES_MEAN, size=len(orders))
    picks = np.empty(len(orders), dtype=object)
    for category, group in products.groupby("category", sort=True):
        rows = order_index[(orders["category_id"] == category).to_numpy()]
        if not len(rows):
            continue
        names = group.index.to_numpy()
        popularity = group["popularity"].to_numpy()
        # each order's products: a weighted draw without replacement via Gumbel-style keys
        keys = np.log(rng.random((len(rows), len(names)))) / popularity
        ranked = np.argsort(-keys, axis=1)
        count = np.minimum(1 + extra[rows], len(names))
        chosen = ranked < 0  # all False
        chosen[np.arange(len(rows))[:, None], ranked] = np.arange(len(names))[None, :] < count[:, None]
        if category == PRODUCTS[PLANTED_PAIR[0]][0]:
            a, b = (list(names).index(p) for p in PLANTED_PAIR)
            chosen[:, b] |= chosen[:, a] & (rng.random(len(rows)) < PLANTED_PAIR_RATE)
        for row, mask in zip(rows, chosen):
            picks[row] = names[mask]
    for row in order_index:
        items = picks[row]
        ids += list(items)
        line_order += [row] * len(items)
    lines = pd.DataFrame({"row": np.array(line_order, dtype=np.int64), "product_id": ids})
    lines["line_no"] = lines.groupby("row").cumcount() + 1
    quantity = rng.choice(list(QUANTITIES), size=len(lines), p=list(QUANTITIES.values()))
    lines["quantity"] = quantity
    row = lines["row"].to_numpy()
    weight = products.loc[lines["product_id"], "price"].to_numpy() * quantity
    first = np.flatnonzero(lines["line_no"].to_numpy() == 1)
    lines["amount_fen"] = _split(orders["amount_fen"].to_numpy(), weight, row, first)
    lines["margin_fen"] = _split(orders["margin_fen"].to_numpy(), weight, row, first)
    lines.insert(0, "order_id", orders["order_id"].to_numpy()[row])
    return lines.drop(columns="row")


def make_crm_tables(customers: pd.DataFrame, transactions: pd.DataFrame, *,
                    seed: int = CRM_TABLES_SEED) -> dict[str, pd.DataFrame]:
    """Every table of the CRM database as DataFrames, from the retail members and orders.

    Money is in fen (分, integer) in columns ending ``_fen``, so sums are exact; dates are
    ``YYYY-MM-DD`` text, as SQLite stores them. The same inputs and ``seed`` give the same tables.
    """
    rng = np.random.default_rng(seed)
    end = RETAIL_END.strftime("%Y-%m-%d")

    regions = pd.DataFrame({"region_id": list(REGIONS), "name": list(REGIONS.values())})
    postcodes = pd.DataFrame([(code, city, district, CITY_REGION[city]) for code, (city, district, _) in
                              POSTCODES.items()], columns=["postcode", "city", "district", "region_id"])
    stores = pd.DataFrame({"store_id": [f"S{i:02d}" for i in range(1, len(STORE_POSTCODES) + 1)],
                           "postcode": STORE_POSTCODES})
    stores["city"] = stores["postcode"].map(lambda code: POSTCODES[code][0])
    n_sales = len(stores) * SALESPEOPLE_PER_STORE
    names = [f"{SURNAMES[i % len(SURNAMES)]} {GIVEN_NAMES[(7 * i) % len(GIVEN_NAMES)]}" for i in range(n_sales)]
    salespeople = pd.DataFrame({"salesperson_id": [f"SP{i:02d}" for i in range(1, n_sales + 1)], "name": names,
                                "store_id": np.repeat(stores["store_id"].to_numpy(), SALESPEOPLE_PER_STORE)})

    # members: a postcode in their city and an advisor (salesperson) in one of its stores
    members = customers.sort_values("customer_id", ignore_index=True).copy()
    members["signup_date"] = members["signup_date"].dt.strftime("%Y-%m-%d")
    member_postcode = np.empty(len(members), dtype=object)
    advisor = np.empty(len(members), dtype=object)
    for city in sorted(CITY_REGION):
        rows = np.flatnonzero((members["city"] == city).to_numpy())
        codes = {code: share for code, (c, _, share) in POSTCODES.items() if c == city}
        member_postcode[rows] = _draw(rng, codes, len(rows))
        staff = salespeople.loc[salespeople["store_id"].isin(stores.loc[stores["city"] == city, "store_id"]),
                                "salesperson_id"].to_numpy()
        advisor[rows] = rng.choice(staff, size=len(rows))
    members["postcode"] = member_postcode
    members["salesperson_id"] = advisor
    members["acquisition_cost_fen"] = _fen(members.pop("acquisition_cost"))

    categories = pd.DataFrame({"category_id": list(CATEGORIES),
                               "margin_rate": [CATEGORIES[c]["margin"] for c in CATEGORIES]})
    categories["launched"] = np.where(categories["category_id"] == NEW_CATEGORY,
                                      NEW_CATEGORY_LAUNCH.strftime("%Y-%m-%d"), None)
    products = pd.DataFrame([(pid, cat, name, price) for pid, (cat, name, price, _) in PRODUCTS.items()],
                            columns=["product_id", "category_id", "name", "list_price"])

    # orders: the retail transactions, with the store and salesperson of store orders
    orders = transactions.sort_values("order_id", ignore_index=True)
    store_of = salespeople.set_index("salesperson_id")["store_id"]
    order_advisor = orders["customer_id"].map(members.set_index("customer_id")["salesperson_id"])
    in_store = (orders["channel"] == "store").to_numpy()
    orders = pd.DataFrame({
        "order_id": orders["order_id"], "customer_id": orders["customer_id"],
        "order_date": orders["date"].dt.strftime("%Y-%m-%d"), "channel_id": orders["channel"],
        "category_id": orders["category"],
        "store_id": np.where(in_store, order_advisor.map(store_of), None),
        "salesperson_id": np.where(in_store, order_advisor, None),
        "amount_fen": _fen(orders["amount"]), "margin_fen": _fen(orders["margin"]),
    })
    order_lines = _order_lines(rng, orders)

    channels = pd.DataFrame({"channel_id": list(CHANNELS), "kind": list(CHANNELS.values())})

    # service tickets: some orders lead to a ticket a few days later
    order_channel = orders["channel_id"].to_numpy()
    rate = np.where(order_channel == "store", TICKET_RATE["store"], TICKET_RATE["online"])
    ticketed = np.flatnonzero(rng.random(len(orders)) < rate)
    opened = pd.to_datetime(orders["order_date"].to_numpy()[ticketed]) + pd.to_timedelta(
        rng.integers(0, 11, size=len(ticketed)), unit="D")
    issue = np.empty(len(ticketed), dtype=object)
    for kind, table in TICKET_ISSUES.items():
        rows = np.flatnonzero(order_channel[ticketed] == kind)
        issue[rows] = _draw(rng, table, len(rows))
    days = np.floor(rng.exponential(MEAN_DAYS_TO_CLOSE, size=len(ticketed))).astype(int)
    closed = opened + pd.to_timedelta(days, unit="D")
    still_open = closed > RETAIL_END
    satisfaction = np.clip(np.rint(4.6 - 0.35 * days + rng.normal(0, 0.7, size=len(ticketed))), 1, 5).astype(int)
    tickets = pd.DataFrame({
        "ticket_id": [f"T{i:05d}" for i in range(1, len(ticketed) + 1)],
        "customer_id": orders["customer_id"].to_numpy()[ticketed],
        "order_id": orders["order_id"].to_numpy()[ticketed],
        "opened": opened.strftime("%Y-%m-%d"),
        "closed": np.where(still_open, None, closed.strftime("%Y-%m-%d")),
        "channel_id": _draw(rng, TICKET_CHANNELS, len(ticketed)),
        "issue": issue,
        "status": np.where(still_open, "open", "closed"),
        "satisfaction": pd.array(np.where(still_open, 0, satisfaction), dtype="Int64"),
    })
    tickets.loc[still_open, "satisfaction"] = pd.NA
    tickets = tickets[tickets["opened"] <= end].reset_index(drop=True)
    tickets["ticket_id"] = [f"T{i:05d}" for i in range(1, len(tickets) + 1)]

    # interactions: contacts across channels, about 0.5 per member plus 0.35 per order, and one per ticket
    order_count = orders.groupby("customer_id").size().reindex(members["customer_id"], fill_value=0).to_numpy()
    contacts = rng.poisson(0.5 + CONTACTS_PER_ORDER * order_count)
    who = np.repeat(np.arange(len(members)), contacts)
    start = pd.to_datetime(members["signup_date"]).to_numpy()[who]
    span = (RETAIL_END.to_datetime64() - start).astype("timedelta64[D]").astype(int) + 1
    when = start + (rng.random(len(who)) * span).astype("timedelta64[D]")
    channel = np.empty(len(who), dtype=object)
    acquisition = members["acquisition_channel"].to_numpy()[who]
    for kind, table in CONTACT_CHANNELS.items():
        rows = np.flatnonzero(acquisition == kind)
        channel[rows] = _draw(rng, table, len(rows))
    interactions = pd.DataFrame({
        "customer_id": members["customer_id"].to_numpy()[who],
        "interaction_date": pd.DatetimeIndex(when).strftime("%Y-%m-%d"),
        "channel_id": channel,
        "purpose": _draw(rng, INTERACTION_PURPOSES, len(who)),
        "salesperson_id": np.where(np.isin(channel, ["store", "phone", "wechat"]),
                                   members["salesperson_id"].to_numpy()[who], None),
        "ticket_id": None,
    })
    service = pd.DataFrame({"customer_id": tickets["customer_id"], "interaction_date": tickets["opened"],
                            "channel_id": tickets["channel_id"], "purpose": "service", "salesperson_id": None,
                            "ticket_id": tickets["ticket_id"]})
    interactions = pd.concat([interactions, service], ignore_index=True).sort_values(
        ["interaction_date", "customer_id", "purpose", "channel_id"], kind="stable", ignore_index=True)
    interactions.insert(0, "interaction_id", [f"I{i:06d}" for i in range(1, len(interactions) + 1)])

    # campaigns and who responded: an order (of the campaign's category) between start and end
    campaigns = pd.DataFrame([(cid, name, channel, category, start, end_, cost) for cid, (name, channel, category,
                              start, end_, cost, _) in CAMPAIGNS.items()],
                             columns=["campaign_id", "name", "channel_id", "category_id", "start_date", "end_date",
                                      "cost_per_contact"])
    contact_rows = []
    for cid, (_, _, category, start, end_, _, audience) in CAMPAIGNS.items():
        eligible = members.loc[members["signup_date"] < start, "customer_id"]
        if audience == "lapsed":  # bought before, but not in the 180 days before the campaign
            last_order = orders[orders["order_date"] < start].groupby("customer_id")["order_date"].max()
            lapsed_by = (pd.Timestamp(start) - pd.Timedelta(days=LAPSED_DAYS)).strftime("%Y-%m-%d")
            eligible = eligible[eligible.isin(last_order.index)]
            eligible = eligible[eligible.map(last_order) < lapsed_by]
        reached = eligible[rng.random(len(eligible)) < CONTACTED_SHARE]
        window = orders[(orders["order_date"] >= start) & (orders["order_date"] <= end_)]
        if category is not None:
            window = window[window["category_id"] == category]
        first_response = window.sort_values(["order_date", "order_id"]).groupby("customer_id")["order_id"].first()
        response = reached.map(first_response)
        contact_rows.append(pd.DataFrame({"campaign_id": cid, "customer_id": reached.to_numpy(),
                                          "contact_date": start, "responded": response.notna().astype(int).to_numpy(),
                                          "response_order_id": response.to_numpy(dtype=object)}))
    campaign_contacts = pd.concat(contact_rows, ignore_index=True)
    campaign_contacts["response_order_id"] = campaign_contacts["response_order_id"].where(
        campaign_contacts["responded"] == 1, None)

    return {
        "regions": regions, "postcodes": postcodes, "stores": stores, "salespeople": salespeople,
        "channels": channels, "customers": members, "categories": categories, "products": products,
        "orders": orders, "order_lines": order_lines, "service_tickets": tickets, "interactions": interactions,
        "campaigns": campaigns, "campaign_contacts": campaign_contacts,
    }
