"""Wording of the court file's Word templates (民事起诉状, 证据清单), for build_court_templates.py.

The complaint follows the element form (要素式) of 民事起诉状（买卖合同纠纷） in the model texts of the
Supreme People's Court, the Ministry of Justice and the All China Lawyers Association (法〔2025〕82号,
in force 2025-07-14; trial version 法〔2024〕46号): 当事人信息, 诉讼请求和依据 (items 1–11), 约定管辖和
诉讼保全, 事实与理由 (items 1–23), 调解意愿. A form row is ``(label, content)``; ``("##", title)`` is a
section row across the table; ``("{%tr …%}",)`` a docxtpl row tag. Text lines use build_templates.py's
markers ('# ' title, '= ' centred, '> ' right-aligned, '>^ ' right-aligned kept with the next). Every
{{ field }} must exist in the context of dealer_xl.documents.lawsuit / evidence.
"""

COMPLAINT_HEAD = [
    "# 民事起诉状",
    "= （买卖合同纠纷）",
    "说明：本起诉状按民事起诉状示范文本（买卖合同纠纷）的要素逐项填写，由经销商助手根据台账生成，金额计算至"
    "{{ date }}；提交人民法院前须经律师或法务人员审核，勾选项（□/☑）及空白处可按实际情况修改、填写。",
]

COMPLAINT_FORM = [
    ("##", "当事人信息"),
    ("原告（法人、非法人组织）", "{{ plaintiff }}"),
    ("委托诉讼代理人", "有□　姓名：＿＿＿＿　单位：＿＿＿＿　职务：＿＿＿＿　联系电话：＿＿＿＿\n"
                     "代理权限：一般授权□　特别授权□\n无□"),
    ("送达地址（所填信息除书面特别声明更改外，适用于案件一审、二审、再审所有后续程序）及收件人、联系电话",
     "{{ service_address }}"),
    ("是否接受电子送达", "是□　方式：短信□　微信□　传真□　邮箱□　其他□\n否□"),
    ("{%tr for d in defendants %}",),
    ("{{ d.role }}", "{{ d.text }}"),
    ("{%tr endfor %}",),
    ("第三人", "无"),
    ("##", "诉讼请求和依据（原告为卖方，填写第1项、第2项；第5项至第11项为共同项）"),
    ("1. 给付价款（元）", "{{ claims.price }}"),
    ("2. 迟延给付价款的利息（违约金）", "{{ claims.interest }}"),
    ("3. 赔偿因卖方违约所受的损失", "不适用（原告为出卖人）"),
    ("4. 是否对标的物的瑕疵承担责任", "不适用（原告为出卖人）"),
    ("5. 要求继续履行或是解除合同", "{{ claims.perform }}"),
    ("6. 是否主张担保权利", "{{ claims.security }}"),
    ("7. 是否主张实现债权的费用", "{{ claims.costs }}"),
    ("8. 诉讼费用", "{{ claims.fees }}"),
    ("9. 其他请求", "无"),
    ("10. 标的总额", "{{ claims.total }}"),
    ("11. 请求依据", "{{ claims.basis }}"),
    ("##", "约定管辖和诉讼保全"),
    ("1. 有无仲裁、法院管辖约定", "{{ jurisdiction }}"),
    ("2. 是否申请财产保全措施", "已经诉前保全：是□（保全法院：＿＿＿＿　保全时间：＿＿＿＿）　否□\n申请诉讼保全：是□　否□"),
    ("##", "事实与理由"),
    ("1. 合同的签订情况（名称、编号、签订时间、地点等）", "{{ facts.signing }}"),
    ("2. 签订主体", "{{ facts.parties }}"),
    ("3. 买卖标的物情况（标的物名称、规格、质量、数量等）", "{{ facts.goods }}"),
    ("4. 合同约定的价格及支付方式", "{{ facts.price }}"),
    ("5. 合同约定的交货时间、地点、方式、风险承担、安装、调试、验收", "{{ facts.delivery }}"),
    ("6. 合同约定的质量标准及检验方式、质量异议期限", "{{ facts.quality }}"),
    ("7. 合同约定的违约金（定金）", "{{ facts.penalty_terms }}"),
    ("8. 价款支付及标的物交付情况", "{{ facts.payment }}"),
    ("9. 是否存在迟延履行", "{{ facts.delay }}"),
    ("10. 是否催促过履行", "{{ facts.urged }}"),
    ("11. 买卖合同标的物有无质量争议", "{{ facts.quality_dispute }}"),
    ("12. 标的物质量规格或履行方式是否存在不符合约定的情况", "{{ facts.nonconforming }}"),
    ("13. 是否曾就标的物质量问题进行协商", "{{ facts.quality_talks }}"),
    ("14. 被告应当支付的利息、违约金、赔偿金", "{{ facts.owed }}"),
    ("15. 是否签订物的担保（抵押、质押）合同", "{{ facts.pledge }}"),
    ("16. 担保人、担保物", "{{ facts.guarantees }}"),
    ("17. 是否最高额担保（抵押、质押）", "{{ facts.maximum }}"),
    ("18. 是否办理抵押、质押登记", "{{ facts.registered }}"),
    ("19. 是否签订保证合同", "{{ facts.guaranty }}"),
    ("20. 保证方式", "{{ facts.guaranty_kind }}"),
    ("21. 其他担保方式", "{{ facts.other_security }}"),
    ("22. 其他需要说明的内容（可另附页）", "{{ facts.notes }}"),
    ("23. 证据清单（可另附页）", "见所附《证据清单》"),
    ("##", "调解意愿"),
    ("是否了解调解作为非诉讼纠纷解决方式，能及时、高效、低成本地解决纠纷", "了解□　不了解□"),
    ("是否考虑先行调解", "是□　否□　暂不确定，想要了解更多内容□"),
]

COMPLAINT_TAIL = [
    "此致",
    "{{ court }}",
    ">^ 具状人（签字、盖章）：{{ seller.name }}",
    ">^ 法定代表人：{{ seller.legal_rep }}",
    "> 日期：{{ date }}",
    "附：本起诉状副本{{ copies }}份；《证据清单》一份及所列证据材料。",
]

EVIDENCE_HEAD = [
    "# 证据清单",
    "原告：{{ seller.name }}",
    "被告：{{ defendants }}",
    "案由：买卖合同纠纷　　受诉法院：{{ court }}",
    "合同编号：{{ contract_no }}",
]
EXHIBIT_HEADERS = ("序号", "证据名称", "证据来源", "证明内容", "页数")
EXHIBIT_FIELDS = ("no", "name", "source", "proves", "")
EVIDENCE_MIDDLE = [
    ">^ 提交人（签字、盖章）：{{ seller.name }}",
    "> 日期：{{ date }}",
    "#! 附表一　欠款及违约金计算表",
    "合同编号：{{ contract_no }}　　计算截至：{{ date }}",
]
CALCULATION_HEADERS = ("期数", "应还日期", "应还金额（元）", "未还金额（元）", "逾期天数", "计违约金天数", "违约金（元）")
CALCULATION_FIELDS = ("period", "due_date", "amount_due", "outstanding", "days", "penalty_days", "penalty")
CALCULATION_TOTAL = ("合计", "", "", "totals.outstanding", "", "", "totals.penalty")
EVIDENCE_AFTER_CALCULATION = [
    "{%p if totals.deduct %}",
    "违约金合计 {{ totals.penalty }} 元，减已付违约金 {{ totals.penalty_paid }} 元，尚欠 {{ totals.penalty_owed }} 元。",
    "{%p endif %}",
    "起诉状主张：价款 {{ price }} 元，迟延给付价款的利息 {{ interest }} 元，违约金 {{ totals.penalty_owed }} 元。",
    "#! 附表二　收款明细",
    "合同编号：{{ contract_no }}　　已收合计：{{ received }} 元",
]
RECEIPT_HEADERS = ("收据号", "收款日期", "金额（元）", "类别")
RECEIPT_FIELDS = ("no", "day", "amount", "kind")
