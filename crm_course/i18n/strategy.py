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
    # plots of the strategy chapter
    "burnett.bubble_note": {"en": "bubble area = revenue", "zh": "气泡面积 = 收入"},
    "growth.title_split": {
        "en": "Customer growth matrix: revenue from {split}",
        "zh": "客户增长矩阵：{split} 起的收入",
    },
    "growth.buyers": {"en": "Buyers", "zh": "购买客户数"},
    "growth.cell": {"en": "Cell", "zh": "象限"},
    "growth.split_slider": {"en": "New period from", "zh": "新时期起始"},
    "sensitivity.title": {
        "en": "{account}: weight change that changes its level",
        "zh": "{account}：改变其等级所需的权重变化",
    },
    "sensitivity.xlabel": {
        "en": "Weight change (+ raise, − lower; the others rescaled to sum 1)",
        "zh": "权重变化（+ 提高，− 降低；其余权重按比例调整，合计为 1）",
    },
    "sensitivity.none": {"en": "no weight from 0 to 1 changes it", "zh": "权重在 0-1 之间都不改变等级"},
    # the scoring-matrix editor
    "editor.tab.attractiveness": {"en": "Attractiveness weights", "zh": "客户吸引力权重"},
    "editor.tab.relationship": {"en": "Relationship weights", "zh": "关系状况权重"},
    "editor.tab.scores": {"en": "Account scores", "zh": "客户评分"},
    "editor.group.business": {"en": "The customer's business", "zh": "客户的业务"},
    "editor.group.products": {"en": "Its products and services", "zh": "客户的产品与服务"},
    "editor.group.industry": {"en": "Its industry", "zh": "客户所在行业"},
    "editor.group.joint_profit": {"en": "Joint profit potential", "zh": "共同盈利潜力"},
    "editor.group.relationship": {"en": "Relationship status", "zh": "关系状况"},
    "editor.sum_ok": {
        "en": "{dimension}: the sliders sum to {total}, so they are used as set.",
        "zh": "{dimension}：滑块合计为 {total}，按原值使用。",
    },
    "editor.sum_rescaled": {
        "en": "{dimension}: the sliders sum to {total}, not 1.00, so each is divided by {total}; "
        "the weights used (→) sum to 1.00.",
        "zh": "{dimension}：滑块合计为 {total}，不等于 1.00，因此每个权重都除以 {total}；"
        "实际使用的权重（→）合计为 1.00。",
    },
    "editor.sum_zero": {
        "en": "{dimension}: every slider is 0; give at least one indicator a weight.",
        "zh": "{dimension}：所有滑块都为 0，请至少给一个指标设置权重。",
    },
    "editor.reset": {"en": "Reset weights and scores", "zh": "恢复默认权重和评分"},
    "editor.account": {"en": "Account", "zh": "客户"},
    "editor.indicator": {"en": "Indicator", "zh": "指标"},
    "editor.score": {"en": "Score (1-5)", "zh": "评分（1-5）"},
    "editor.account_line": {
        "en": "{account}: attractiveness {attractiveness} ({a_level}), relationship {relationship} ({r_level}) "
        "→ {strategy}",
        "zh": "{account}：客户吸引力 {attractiveness}（{a_level}），关系状况 {relationship}（{r_level}）→ {strategy}",
    },
    "editor.counts": {"en": "Accounts per strategy", "zh": "各策略的客户数"},
    # the strategic analysis checklist (战略分析清单)
    "checklist.title": {"en": "Strategic analysis checklist", "zh": "战略分析清单"},
    "checklist.heading": {"en": "Strategic analysis checklist: {firm}", "zh": "战略分析清单：{firm}"},
    "checklist.firm": {"en": "Firm", "zh": "企业"},
    "checklist.file": {"en": "File", "zh": "文件"},
    "checklist.save": {"en": "Save", "zh": "保存"},
    "checklist.saved": {"en": "Saved to {path}", "zh": "已保存到 {path}"},
    "checklist.save_failed": {"en": "Could not save: {error}", "zh": "无法保存：{error}"},
    "checklist.unanswered": {"en": "(not answered yet)", "zh": "（尚未回答）"},
    "checklist.placeholder": {"en": "Your answer", "zh": "你的回答"},
    "checklist.area.industry": {"en": "Industry analysis", "zh": "产业分析"},
    "checklist.area.enterprise": {"en": "Enterprise analysis", "zh": "企业分析"},
    "checklist.area.competition": {"en": "Competitive position", "zh": "竞争定位"},
    "checklist.area.channels": {"en": "Market channels", "zh": "市场渠道"},
    "checklist.area.customers": {"en": "Customers", "zh": "客户"},
    "checklist.q.industry.structure": {
        "en": "What industry is the firm in, and what is its structure: who are the main players, suppliers and "
        "buyers, and where is the profit made?",
        "zh": "企业处于什么产业？产业结构如何：主要参与者、供应商和买方是谁，利润在哪个环节产生？",
    },
    "checklist.q.industry.trends": {
        "en": "Which trends are changing the industry (technology, regulation, customer behaviour)?",
        "zh": "哪些趋势正在改变这个产业（技术、政策法规、客户行为）？",
    },
    "checklist.q.industry.benchmarks": {
        "en": "Which firms are the benchmarks for customer relationships in the industry, and what do they do well?",
        "zh": "本产业在客户关系方面的标杆企业是谁？它们做得好在哪里？",
    },
    "checklist.q.industry.disruption": {
        "en": "Which forces could disrupt the industry (new technology, new business models, entrants from "
        "other industries)?",
        "zh": "哪些力量可能颠覆这个产业（新技术、新商业模式、跨界进入者）？",
    },
    "checklist.q.enterprise.mission": {
        "en": "What are the firm's mission and vision, and what place do customers have in them?",
        "zh": "企业的使命和愿景是什么？客户在其中处于什么位置？",
    },
    "checklist.q.enterprise.resources": {
        "en": "Which resources and capabilities does the firm have (people, money, brand, technology)?",
        "zh": "企业拥有哪些资源和能力（人员、资金、品牌、技术）？",
    },
    "checklist.q.enterprise.market_culture": {
        "en": "How market-oriented is the culture: does the customer's view count in decisions?",
        "zh": "企业文化的市场导向程度如何：决策时是否考虑客户的意见？",
    },
    "checklist.q.enterprise.data_asset": {
        "en": "Is customer data treated as a strategic asset: collected, shared across departments and used?",
        "zh": "客户数据是否被当作战略资产：是否被收集、在部门间共享并加以利用？",
    },
    "checklist.q.enterprise.clv_ability": {
        "en": "Can the firm assess the lifetime value of its customers?",
        "zh": "企业能否评估客户的终生价值？",
    },
    "checklist.q.enterprise.people_processes": {
        "en": "Are people and processes ready (skills, incentives, customer-facing processes)?",
        "zh": "人员和流程是否到位（技能、激励、面向客户的流程）？",
    },
    "checklist.q.enterprise.value_fit": {
        "en": "Does the firm's strategy fit the value its customers expect?",
        "zh": "企业战略是否与客户期望的价值相匹配？",
    },
    "checklist.q.enterprise.cooperation": {
        "en": "How well do departments (sales, service, marketing, IT) cooperate on customers?",
        "zh": "各部门（销售、服务、市场、IT）在客户工作上的协作情况如何？",
    },
    "checklist.q.competition.rivals": {
        "en": "How do rivals behave, and how are they likely to attack?",
        "zh": "竞争对手如何行动？它们可能会怎样进攻？",
    },
    "checklist.q.competition.entry_barriers": {
        "en": "Which barriers keep new competitors out, and how high are they?",
        "zh": "有哪些进入壁垒阻挡新的竞争者？壁垒有多高？",
    },
    "checklist.q.competition.late_mover": {
        "en": "What late-mover advantages would new entrants have over the firm (learning from its mistakes, newer "
        "and cheaper technology), and how does the firm guard against them?",
        "zh": "新进入者相对本企业会有哪些后发优势（借鉴本企业的教训、采用更新更便宜的技术）？企业如何应对这种威胁？",
    },
    "checklist.q.channels.strengths": {
        "en": "What are the firm's channel strengths today, and what will they be in future?",
        "zh": "企业当前和未来的渠道优势是什么？",
    },
    "checklist.q.channels.new_channels": {
        "en": "Which new channels could reach customers (online, mobile, partners)?",
        "zh": "有哪些新渠道可以接触客户（线上、移动端、合作伙伴）？",
    },
    "checklist.q.channels.how_sold": {
        "en": "How, and by whom, are the products sold today?",
        "zh": "产品目前是怎样销售的？由谁销售？",
    },
    "checklist.q.channels.importance": {
        "en": "How important is the product to the customer?",
        "zh": "产品对客户有多重要？",
    },
    "checklist.q.customers.current_potential": {
        "en": "Who are the current customers, and who are the potential ones?",
        "zh": "现有客户是谁？潜在客户是谁？",
    },
    "checklist.q.customers.segments": {
        "en": "Which segments do they form, and how do the segments differ in value?",
        "zh": "他们可以分成哪些细分群体？各群体的价值有何不同？",
    },
    "checklist.q.customers.one_to_one": {
        "en": "Is there room for one-to-one marketing or mass customisation?",
        "zh": "是否有开展一对一营销或大规模定制的空间？",
    },
    "checklist.q.customers.relationship": {
        "en": "What relationship does the firm intend to build with each segment?",
        "zh": "企业打算与各细分群体建立什么样的关系？",
    },
    "checklist.q.customers.feedback": {
        "en": "How does customer feedback reach the firm, and what happens to it?",
        "zh": "客户反馈如何传到企业？企业如何处理？",
    },
    "checklist.q.customers.it_platform": {
        "en": "Which IT platform supports the customer relationship?",
        "zh": "由什么样的IT平台支撑客户关系？",
    },
}
