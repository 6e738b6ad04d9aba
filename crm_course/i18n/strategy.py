"""Strings of the strategy concepts (en/zh): Burnett matrix, growth matrix, relationship types.

Keys follow the codes the models return: ``burnett.strategy.<code>``, ``burnett.level.<level>``,
``burnett.indicator.<indicator>``, ``growth.cell.<cell>``, ``growth.group.<existing|new>``,
``relationship.type.<type>``, ``industry.<industry>``.
"""

STRINGS: dict[str, dict[str, str]] = {
    # Burnett key-account matrix (Burnett矩阵)
    "burnett.title": {"en": "Burnett key-account matrix", "zh": "Burnett矩阵（大客户矩阵）"},
    "burnett.attractiveness": {"en": "Customer attractiveness", "zh": "客户吸引力"},
    "burnett.relationship": {"en": "Relationship status", "zh": "关系状况"},
    "burnett.score": {"en": "Weighted score (1-5)", "zh": "加权得分（1-5）"},
    "burnett.weight": {"en": "Weight", "zh": "权重"},
    "burnett.level.low": {"en": "Low", "zh": "低"},
    "burnett.level.medium": {"en": "Medium", "zh": "中"},
    "burnett.level.high": {"en": "High", "zh": "高"},
    "burnett.level.poor": {"en": "Poor", "zh": "差"},
    "burnett.level.average": {"en": "Average", "zh": "一般"},
    "burnett.level.good": {"en": "Good", "zh": "好"},
    "burnett.strategy.selective_retention": {"en": "Selective retention", "zh": "选择性保持"},
    "burnett.strategy.develop": {"en": "Develop", "zh": "发展"},
    "burnett.strategy.develop_defend": {"en": "Develop & defend", "zh": "发展、防御"},
    "burnett.strategy.minimal_retention": {"en": "Minimal retention", "zh": "少量保持"},
    "burnett.strategy.defend_maintain": {"en": "Defend & maintain", "zh": "防御、保持"},
    "burnett.strategy.exit": {"en": "Exit", "zh": "退出"},
    "burnett.strategy.selective_defence": {"en": "Selective defence", "zh": "选择性防御"},
    # attractiveness indicators: the customer's business
    "burnett.indicator.transaction_volume": {"en": "Transaction volume / value", "zh": "交易量/交易额"},
    "burnett.indicator.lifecycle_stage": {"en": "Customer firm's lifecycle stage", "zh": "客户企业所处的生命周期阶段"},
    "burnett.indicator.market_expansion": {"en": "Market expansion potential", "zh": "市场扩张潜力"},
    "burnett.indicator.supplier_relations": {"en": "Relationship with its suppliers", "zh": "与供应商的关系"},
    "burnett.indicator.organisation_efficiency": {"en": "Organisation and efficiency", "zh": "组织与效率"},
    "burnett.indicator.overall_impression": {"en": "Overall impression", "zh": "总体印象"},
    # its products and services
    "burnett.indicator.product_lifecycle": {"en": "Product lifecycle stage", "zh": "产品生命周期"},
    "burnett.indicator.product_complexity": {"en": "Product complexity", "zh": "产品复杂性"},
    "burnett.indicator.value_adding_potential": {"en": "Value-adding potential", "zh": "增值潜力"},
    "burnett.indicator.technology_content": {"en": "Technology content", "zh": "技术含量"},
    "burnett.indicator.differentiation": {"en": "Differentiation", "zh": "差异化程度"},
    # its industry
    "burnett.indicator.industry_profitability": {
        "en": "Industry competitive structure and profit potential",
        "zh": "行业竞争结构与盈利潜力",
    },
    "burnett.indicator.quality_sensitivity": {
        "en": "Sensitivity to quality, service and credibility",
        "zh": "对质量、服务和信誉的敏感度",
    },
    "burnett.indicator.vertical_integration": {
        "en": "Unlikely to integrate vertically (5 = unlikely)",
        "zh": "纵向一体化的可能性（5 = 可能性小）",
    },
    # joint profit potential
    "burnett.indicator.cost_structure": {"en": "Customer's cost structure", "zh": "客户的成本结构"},
    "burnett.indicator.improvement_room": {"en": "Room for continuous improvement", "zh": "持续改进的空间"},
    "burnett.indicator.margin_effect": {"en": "Effect on our gross margin", "zh": "对我方毛利的影响"},
    "burnett.indicator.resource_fit": {"en": "Our resources can support it", "zh": "我方资源能否支持"},
    # relationship status
    "burnett.indicator.wallet_share": {"en": "Share of wallet", "zh": "客户钱夹份额"},
    "burnett.indicator.wallet_trend": {"en": "Share-of-wallet trend (3 years)", "zh": "钱夹份额的三年趋势"},
    "burnett.indicator.technical_rating": {
        "en": "Customer's rating of our technical strength",
        "zh": "客户对我方技术实力的评价",
    },
    "burnett.indicator.service_rating": {
        "en": "Customer's rating of our service quality",
        "zh": "客户对我方服务质量的评价",
    },
    "burnett.indicator.price_impression": {
        "en": "Impression of our price competitiveness",
        "zh": "客户对我方价格竞争力的印象",
    },
    "burnett.indicator.contact": {"en": "Frequency and breadth of contact", "zh": "接触的频率与广度"},
    "burnett.indicator.relationship_length": {"en": "Length of the relationship", "zh": "关系的持续时间"},
    # customer growth matrix (客户增长矩阵)
    "growth.title": {"en": "Customer growth matrix", "zh": "客户增长矩阵"},
    "growth.customers": {"en": "Customers", "zh": "客户"},
    "growth.products": {"en": "Products / services", "zh": "产品/服务"},
    "growth.revenue": {"en": "Revenue", "zh": "收入"},
    "growth.share": {"en": "Share of revenue", "zh": "收入占比"},
    "growth.group.existing": {"en": "Existing", "zh": "现有"},
    "growth.group.new": {"en": "New", "zh": "新"},
    "growth.cell.loyalty": {"en": "Loyalty", "zh": "客户忠诚"},
    "growth.cell.expansion": {"en": "Expansion", "zh": "客户扩充"},
    "growth.cell.acquisition": {"en": "Acquisition", "zh": "客户获得"},
    "growth.cell.diversification": {"en": "Diversification", "zh": "客户多样化"},
    # relationship strategy types (关系战略)
    "relationship.title": {"en": "Relationship strategy types", "zh": "关系战略类型"},
    "relationship.firm_adaptation": {"en": "Firm adapts to the customer", "zh": "企业对客户的适应"},
    "relationship.customer_adaptation": {"en": "Customer adapts to the firm", "zh": "客户对企业的适应"},
    "relationship.type.hook": {"en": "Hook", "zh": "扣钩"},
    "relationship.type.zipper": {"en": "Zipper", "zh": "拉链"},
    "relationship.type.velcro": {"en": "Velcro", "zh": "维可牢"},
    "relationship.type.none": {"en": "No relationship strategy", "zh": "无关系战略"},
    # industries of the key_accounts dataset
    "industry.electronics": {"en": "Electronics", "zh": "电子"},
    "industry.automotive": {"en": "Automotive", "zh": "汽车及零部件"},
    "industry.e_commerce": {"en": "E-commerce", "zh": "电子商务"},
    "industry.fmcg": {"en": "Fast-moving consumer goods", "zh": "快速消费品"},
    "industry.pharma": {"en": "Pharmaceuticals", "zh": "医药"},
    "industry.chemicals": {"en": "Chemicals", "zh": "化工"},
    "industry.apparel": {"en": "Apparel and textiles", "zh": "服装纺织"},
    "industry.machinery": {"en": "Machinery", "zh": "机械制造"},
    "industry.food_beverage": {"en": "Food and beverage", "zh": "食品饮料"},
}
