"""Wording of the Word templates (DOMAIN §6), one paragraph per line, for build_templates.py.

Markers: '# ' title ('#! ' starting a new page), '* ' bold heading of a form, '## ' clause heading (numbered 第一条, 第二条… by the build script; 附件 headings
are not numbered and start a new page), '> ' right-aligned line, '= ' centred line, '^ ' kept with the next paragraph, '>^ ' both,
'### ' an unnumbered section heading of a form, '[schedule]' / '[missed]' / '[receipt:TITLE:WHO]' / '[signatures]' /
'[handover-signatures]' tables,
lines starting with '{%p' are docxtpl paragraph tags. Every {{ field }} must exist in the context
built by dealer_xl.documents.contracts / letters (rendering fails naming any unknown field).
"""

PARTIES = [
    "> 合同编号：{{ contract_no }}",
    "> 签订地点：{{ seller.place }}",
    "出卖人（甲方）：{{ seller.name }}",
    "统一社会信用代码：{{ seller.uscc }}　法定代表人：{{ seller.legal_rep }}",
    "住所及送达地址：{{ seller.address }}　联系电话：{{ seller.phone }}",
    "买受人（乙方）：{{ buyer.name }}",
    "{{ buyer.id_label }}：{{ buyer.id_number }}　联系电话：{{ buyer.phone }}",
    "{%p if buyer.kind == '企业' %}",
    "法定代表人：{{ buyer.legal_rep }}",
    "{%p endif %}",
    "住所及送达地址：{{ buyer.address }}",
    "{%p if guarantor %}",
    "保证人（丙方）：{{ guarantor.name }}",
    "{{ guarantor.id_label }}：{{ guarantor.id_number }}　联系电话：{{ guarantor.phone }}",
    "住所及送达地址：{{ guarantor.address }}",
    "{%p endif %}",
    "各方根据《中华人民共和国民法典》等法律法规，经平等协商，就乙方购买甲方工程机械事宜订立本合同。",
]

MACHINE = [
    "## 标的物",
    "品名/类别：{{ machine.category }}；厂家：{{ machine.manufacturer }}；机型：{{ machine.model }}；"
    "整机编号：{{ machine.serial }}；随机附件及装置：{{ machine.equipment }}。",
    "甲方保证标的物为厂家合格产品，随机交付合格证、使用说明书、三包凭证及随机工具。",
]

DELIVERY_QUALITY = [
    "## 交付与风险",
    "甲方于{{ delivery.date }}在{{ delivery.place }}向乙方交付标的物，乙方当场验收并签署交接单。"
    "标的物毁损、灭失的风险自交付时起由乙方承担。",
    "## 质量与三包",
    "标的物按厂家三包政策提供服务：整机三包期{{ machine.warranty_months }}个月或{{ machine.warranty_hours }}"
    "工作小时（以先到者为准），主要部件保修期{{ machine.main_parts_months }}个月或{{ machine.main_parts_hours }}"
    "工作小时。因乙方使用不当、擅自改装或未按规定保养造成的损坏不属三包范围。",
]

SIGNATURES = [
    "## 通知与送达",
    "各方确认本合同首部所列地址为送达地址，适用于合同履行及争议解决（含诉讼）阶段的文书送达；"
    "地址变更应于变更后三日内书面通知其他各方，否则按原地址送达即视为送达。",
    "## 争议解决",
    "因本合同发生的争议，各方协商解决；协商不成的，向{{ seller.court }}提起诉讼。",
    "{%p if notarized %}",
    "各方同意就本合同向公证机构申请办理具有强制执行效力的债权文书公证（赋予强制执行效力）。乙方"
    "{{ '、丙方' if guarantor else '' }}不履行或不完全履行本合同约定的付款义务的，甲方可以依法向公证机构申请"
    "出具执行证书，并向有管辖权的人民法院申请强制执行；乙方{{ '、丙方' if guarantor else '' }}自愿接受强制执行。",
    "{%p endif %}",
    "{%p if guarantor %}",
    "## 保证",
    "丙方自愿对乙方在本合同项下的全部债务（含价款、利息、违约金、损害赔偿金及实现债权的费用）承担连带"
    "责任保证，保证期间为主债务履行期限届满之日起三年。",
    "{%p endif %}",
    "本合同一式{{ copies }}份，各方各执一份，自各方签字盖章之日起生效。",
    "= （以下无正文）",
    "[signatures]",
]

CONTRACT_INSTALLMENT = ["# 分期付款买卖合同", *PARTIES, *MACHINE, *[
    "## 价款与付款",
    "标的物总价款为{{ price.total.upper }}（{{ price.total.figure }}）。",
    "乙方于合同签订时支付首付款{{ price.down.upper }}（{{ price.down.figure }}）；余款"
    "{{ price.financed.upper }}（{{ price.financed.figure }}）分{{ price.term }}期按月支付，"
    "还款方式{{ price.method }}，年利率{{ price.annual_rate }}，利息合计{{ price.interest.upper }}"
    "（{{ price.interest.figure }}）。",
    "{{ price.installment_text }}还款日为每月{{ price.due_day }}日（当月无该日的为当月最后一日），首期还款日{{ price.first_due }}，"
    "末期还款日{{ price.last_due }}。乙方应将款项汇入甲方账户：{{ seller.bank }}，户名{{ seller.account_name }}，"
    "账号{{ seller.account }}。还款计划表见附件一，为本合同不可分割的组成部分。",
    "## 所有权保留与担保",
    "依照《民法典》第六百四十一条，在乙方付清全部价款、利息及其他应付款项之前，标的物所有权属于甲方。"
    "甲方有权办理所有权保留登记，乙方应予配合；未经登记，不得对抗善意第三人。",
    "{%p if collateral %}",
    "乙方以{{ collateral }}为本合同项下全部债务提供抵押担保。各方应于本合同签订之日起十日内办理抵押登记"
    "（动产在动产融资统一登记公示系统登记，不动产在不动产登记机构登记）；依照《民法典》第四百零三条，"
    "动产抵押权自抵押合同生效时设立，未经登记不得对抗善意第三人。抵押期间乙方不得转让、出租抵押财产。",
    "{%p endif %}",
    *DELIVERY_QUALITY[:2],
    "## 保险",
    "在全部价款付清前，乙方应以标的物为保险标的投保机损险及第三者责任险，并指定甲方为第一受益人，"
    "保险费由乙方承担，保单正本交甲方保管。",
    *DELIVERY_QUALITY[2:],
    "## 乙方承诺",
    "在付清全部价款前，乙方不得出售、出租、转租、出借、抵押、质押标的物或以其他方式处分，"
    "不得拆除或破坏GPS定位装置，不得擅自将标的物移出约定使用区域，并应按时接受甲方的回访和检查。",
    "## 违约责任",
    "乙方逾期付款的，自应还日起超过{{ grace_days }}日的，按逾期金额每日{{ penalty_daily_rate }}支付违约金。",
    "依照《民法典》第六百三十四条，乙方未支付到期价款的数额达到全部价款的五分之一，经甲方催告后在合理期限内"
    "仍未支付的，甲方有权请求乙方支付剩余全部价款或者解除合同，并要求乙方支付该标的物的使用费。",
    "依照《民法典》第六百四十二条，乙方未按约定付款、经催告后在合理期限内仍未支付，或将标的物出卖、出质"
    "或作出其他不当处分的，甲方有权取回标的物。取回后乙方在甲方指定的回赎期内消除取回事由的，可以回赎标的物。",
    "依照《民法典》第六百四十三条，乙方在回赎期内未回赎的，甲方可以以合理价格将标的物出卖给第三人，"
    "出卖所得价款扣除乙方未支付价款以及必要费用后仍有剩余的，应当返还乙方；不足部分由乙方清偿。",
    "乙方违约时，甲方为实现债权支出的催收费、诉讼费、保全费、律师费、取回及保管费用等由乙方承担。",
    *SIGNATURES,
    "## 附件一　还款计划表",
    "合同编号：{{ contract_no }}　买受人：{{ buyer.name }}",
    "分期金额：{{ price.financed.figure }}　还款方式：{{ price.method }}　年利率：{{ price.annual_rate }}",
    "[schedule]",
]]

CONTRACT_FULL = ["# 工程机械买卖合同", *PARTIES, *MACHINE, *[
    "## 价款与付款",
    "标的物总价款为{{ price.total.upper }}（{{ price.total.figure }}），含增值税。",
    "乙方应于交付前一次性付清全部价款，汇入甲方账户：{{ seller.bank }}，户名{{ seller.account_name }}，"
    "账号{{ seller.account }}。甲方收款后开具增值税发票。",
    "## 所有权转移",
    "标的物所有权自乙方付清全部价款且甲方交付标的物时转移给乙方。",
    *DELIVERY_QUALITY,
    "## 违约责任",
    "乙方逾期付款的，按逾期金额每日{{ penalty_daily_rate }}支付违约金；逾期超过三十日的，甲方有权解除合同。"
    "甲方逾期交付的，按已付价款每日{{ penalty_daily_rate }}支付违约金。",
    *SIGNATURES,
]]

LETTER = [
    "{%p for copy in copies %}",
    "#! 催款函",
    "> 函号：{{ letter_no }}（{{ copy.label }}）",
    "{{ copy.to.name }}：",
    "（送达地址：{{ copy.to.address }}；联系电话：{{ copy.to.phone }}）",
    "{%p if copy.guarantor %}",
    "贵方系下述合同买受人{{ buyer.name }}的保证人，依照合同约定对其全部债务承担连带保证责任。现将买受人的欠款情况"
    "及我公司的要求告知如下，请督促买受人履行，或由贵方代为清偿。",
    "{%p endif %}",
    "{{ copy.you }}与我公司于{{ sign_date }}签订《分期付款买卖合同》（合同编号：{{ contract_no }}），"
    "{{ copy.buyer_ref }}购买{{ machine.model }}型{{ machine.category }}一台（整机编号：{{ machine.serial }}），"
    "合同总价{{ total_price.upper }}（{{ total_price.figure }}），其中首付款{{ down.figure }}，余款{{ financed.figure }}"
    "分{{ term }}期按月支付并按约定另计利息。截至{{ as_of }}，尚未支付的价款（不含利息）为{{ unpaid_price.figure }}，"
    "其中{{ missed_count }}期分期款已到期未付，逾期金额{{ overdue.upper }}（{{ overdue.figure }}，含逾期利息"
    "{{ interest.figure }}），最早一期已逾期{{ dpd }}天。逾期明细如下：",
    "[missed]",
    "违约金按合同约定计算：逾期金额 × 日{{ penalty_daily_rate }} × 计违约金天数（逾期天数减宽限期{{ grace_days }}日）。"
    "{{ penalty_note }}",
    "{%p if prior %}",
    "我公司已于{{ prior.date }}以{{ prior.kind }}{{ prior.ref }}向{{ copy.buyer_ref }}催告付款，{{ copy.buyer_ref }}至今未付清。",
    "{%p endif %}",
    "依照合同约定及《中华人民共和国民法典》{{ legal_basis }}之规定，现正式催告于{{ deadline }}前支付"
    "截至{{ as_of }}的欠款合计{{ demand.upper }}（{{ demand.figure }}），其中：",
    "1. 逾期本金{{ principal.upper }}（{{ principal.figure }}）；",
    "2. 逾期利息{{ interest.upper }}（{{ interest.figure }}）；",
    "3. 违约金{{ penalty.upper }}（{{ penalty.figure }}，计至{{ as_of }}，此后按日{{ penalty_daily_rate }}继续计算）。",
    "请将上述款项汇入我公司账户：开户银行{{ seller.bank }}，户名{{ seller.account_name }}，账号{{ seller.account }}。",
    "{%p if acceleration %}",
    "{{ copy.buyer_ref }}未支付的到期价款已达全部价款的五分之一。如在上述期限内仍不支付，我公司将依照《民法典》第六百三十四条"
    "请求一次性支付剩余全部价款及已到期利息、违约金，合计{{ accelerated.total.upper }}（{{ accelerated.total.figure }}），"
    "其中未付价款{{ accelerated.price.figure }}（合同总价减已付价款）、逾期利息{{ interest.figure }}、违约金{{ penalty.figure }}，"
    "或者解除合同。",
    "{%p endif %}",
    "{%p if held %}",
    "标的物已于{{ held.date }}由我公司扣押，现存放于{{ held.location }}。请于{{ deadline }}前付清上述款项"
    "{{ held.redeem.upper }}（{{ held.redeem.figure }}{{ held.fees_note }}）后赎回标的物；逾期未赎回的，我公司将依照"
    "《民法典》第六百四十三条以合理价格处置标的物，所得价款扣除未付价款及必要费用后仍有剩余的予以退还，不足部分继续追偿。",
    "{%p elif repossession %}",
    "如在上述期限内仍未付清，我公司将依照《民法典》第六百四十二条取回标的物、解除合同并提起诉讼，由此产生的诉讼费、"
    "保全费、律师费、取回及保管费用等均由{{ copy.buyer_ref }}承担。",
    "{%p else %}",
    "如在上述期限内仍未付清，我公司将依法提起诉讼，由此产生的诉讼费、保全费、律师费等均由{{ copy.buyer_ref }}承担。",
    "{%p endif %}",
    "^ 本函送达即构成我公司向贵方主张权利，依照《民法典》第一百九十五条，诉讼时效自本函送达之日起中断并重新计算。",
    "{%p if guarantor and not copy.guarantor %}",
    "^ 抄送：保证人{{ guarantor.name }}（另附保证人联）。",
    "{%p endif %}",
    "^ 联系人：{{ contact.name }}　联系电话：{{ contact.phone }}",
    ">^ {{ seller.name }}（盖章）",
    "> {{ letter_date }}",
    "#! 送达回执",
    "[receipt:催款函:copy.to]",
    "{%p endfor %}",
]

REPOSSESSION_NOTICE = [
    "# 扣车通知书",
    "> 函号：{{ letter_no }}",
    "{{ buyer.name }}：",
    "（送达地址：{{ buyer.address }}；联系电话：{{ buyer.phone }}）",
    "贵方与我公司于{{ sign_date }}签订《分期付款买卖合同》（合同编号：{{ contract_no }}），购买{{ machine.model }}"
    "型{{ machine.category }}一台（整机编号：{{ machine.serial }}）。因贵方逾期未支付分期款，我公司已于{{ prior.date }}"
    "以{{ prior.kind }}{{ prior.ref }}催告贵方付款，贵方在合理期限内仍未支付。依照合同关于所有权保留的约定及"
    "《中华人民共和国民法典》第六百四十二条之规定，我公司已于{{ repo_date }}取回上述设备，"
    "现存放于{{ location }}，由{{ keeper }}保管。",
    "截至{{ as_of }}，贵方欠付款项合计{{ redeem.upper }}（{{ redeem.figure }}），其中：",
    "1. 逾期本金{{ principal.upper }}（{{ principal.figure }}）；",
    "2. 逾期利息{{ interest.upper }}（{{ interest.figure }}）；",
    "3. 违约金（罚息）{{ penalty.upper }}（{{ penalty.figure }}）；",
    "4. 取回及保管费用{{ fees.upper }}（{{ fees.figure }}）。",
    "依照《民法典》第六百四十三条，贵方可在{{ deadline }}前付清上述款项，消除取回事由后赎回设备。",
    "逾期未赎回的，我公司将以合理价格另行出卖该设备。出卖所得价款扣除取回、保管、评估等费用后冲抵贵方欠款"
    "（未到期分期款{{ remaining.upper }}（{{ remaining.figure }}）一并到期）；不足部分仍由贵方清偿，{% if guarantor %}"
    "保证人承担连带保证责任，{% endif %}有剩余的退还贵方。",
    "请将款项汇入我公司账户：开户银行{{ seller.bank }}，户名{{ seller.account_name }}，账号{{ seller.account }}。",
    "{%p if guarantor %}",
    "抄送：保证人{{ guarantor.name }}（地址：{{ guarantor.address }}）。",
    "{%p endif %}",
    "联系人：{{ contact.name }}　联系电话：{{ contact.phone }}",
    ">^ {{ seller.name }}（盖章）",
    "> {{ as_of }}",
    "#! 送达回执",
    "[receipt:扣车通知书:buyer]",
]

HANDOVER = [
    "# 车辆交接单",
    "合同编号：{{ contract_no }}　　买受人：{{ buyer.name }}　　扣车日期：{{ repo_date }}",
    "### 一、设备情况",
    "机型：{{ machine.model }}（{{ machine.category }}，{{ machine.manufacturer }}）　　整机编号：{{ machine.serial }}",
    "工作小时表读数：{{ hour_meter }}　小时（最近一次服务记录：{{ last_service }}；交接时实测：________ 小时）",
    "存放地点：{{ location }}　　保管人：{{ keeper }}",
    "### 二、外观及状况（在□内打√）",
    "整机外观：□完好　□划痕　□变形　□缺损，说明：________________",
    "发动机：□能启动　□不能启动　　液压系统：□正常　□渗漏　　驾驶室及玻璃：□完好　□破损",
    "轮胎/履带：□完好　□磨损　□损坏　　燃油存量：约______%",
    "### 三、随机附件",
    "□钥匙______把　□随机工具　□随机资料（合格证、说明书）　□{{ machine.equipment }}　□其他：________",
    "### 四、照片清单",
    "□正面　□左侧　□右侧　□后面　□驾驶室　□工作小时表　□铭牌（整机编号）　□损坏部位；共______张，编号______至______",
    "### 五、交接确认",
    "^ 以上情况经交接双方现场核对无误。本单一式两份，移交人、接收人各执一份；每页下方由双方签字确认。",
    "[handover-signatures]",
    ">^ {{ seller.name }}",
    "> 交接日期：{{ repo_date }}",
]

# 整机出库单 (issue #29): one page per machine delivered, signed by the salesperson, the store keeper and the
# buyer; '[outbound]' is the facts grid, '[outbound_signatures]' the signature boxes (build_templates.py).
OUTBOUND_GRID = (
    ("合同编号", "{{ contract_no }}", "交车日期", "{{ delivery_date }}"),
    ("机型", "{{ machine.model }}", "类别", "{{ machine.category }}"),
    ("整机编号", "{{ machine.serial }}", "厂家", "{{ machine.manufacturer }}"),
    ("发车分公司", "{{ branch }}", "业务员", "{{ salesperson }}"),
    ("买受人", "{{ buyer.name }}", "{{ buyer.id_label }}", "{{ buyer.id_number }}"),
    ("联系电话", "{{ buyer.phone }}", "地址", "{{ buyer.address }}"),
)
OUTBOUND_SIGNATURES = ("出库经办（业务员）", "仓库管理员", "买受人签收")

OUTBOUND = [
    "# 整机出库单",
    "> 出库单号：{{ note_no }}",
    "[outbound]",
    "* 一、随机附件及资料（在□内打√，并写明数量）",
    "□ 钥匙＿＿把　　□ 随机工具＿＿套　　□ 使用维护说明书　　□ 产品合格证",
    "□ 三包凭证（保修卡）　　□ 销售发票（号码＿＿＿＿＿＿＿＿）　　□ {{ machine.equipment }}",
    "□ 其他：＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿",
    "* 二、三包与首次保养",
    "整机三包期：自交车之日起至{{ warranty_end }}{{ warranty_hours_text }}。",
    "首次保养（首保）：{{ first_service_text }}，请按时到{{ seller.name }}售后服务部或由服务人员上门保养。"
    "未按时首保造成的损坏不属三包范围。",
    "{%p if seller.phone %}",
    "售后服务电话：{{ seller.phone }}",
    "{%p endif %}",
    "* 三、交接确认",
    "买受人已当面验收上述整机及所列附件、资料，外观完好、功能正常，数量无误。自签收之时起，整机毁损、灭失的风险由买受人承担"
    "（分期付款的，所有权按合同约定保留）。",
    "[outbound_signatures]",
    "> {{ seller.name }}",
]
