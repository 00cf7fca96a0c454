"""The demo university's fixed facts: departments, accounts and item titles."""

from __future__ import annotations

UNIVERSITY = {
    "name": "示范大学",
    "office_name": "信息公开办公室",
    "address": "示范市学府路1号 示范大学行政楼301室",
    "postcode": "310000",
    "office_hours": "工作日 8:30—11:30，14:00—17:30",
    "phone": "0571-88880001",
    "fax": "0571-88880002",
    "email": "xxgk@example.edu.cn",
}

# 信息公开目录设置: the 机构代码 in every 索引号 (a made-up 学校代码: real ones are 10001–14xxx).
INSTITUTION_CODE = "19999"

# (name, code, kind, short prefix used in 文号)
DEPARTMENTS = [
    ("党政办公室", "dzb", "office", "校办"),
    ("信息公开办公室", "xxgk", "office", "校办"),
    ("组织部", "zzb", "office", "组"),
    ("纪委办公室", "jw", "office", "纪"),
    ("发展规划处", "fgc", "office", "规"),
    ("人事处", "rsc", "office", "人"),
    ("教务处", "jwc", "office", "教"),
    ("研究生院", "yjsy", "office", "研"),
    ("招生办公室", "zsb", "office", "招"),
    ("学生工作处", "xgc", "office", "学"),
    ("财务处", "cwc", "office", "财"),
    ("国有资产管理处", "gzc", "office", "资"),
    ("招标采购中心", "zbzx", "office", "采"),
    ("基建处", "jjc", "office", "基"),
    ("科学技术处", "kjc", "office", "科"),
    ("学术委员会办公室", "xswyh", "office", "学术"),
    ("国际交流合作处", "gjc", "office", "外"),
    ("就业指导中心", "jyzx", "unit", "就"),
    ("公共艺术教育中心", "yszx", "unit", "艺"),
    ("教育发展基金会", "jjh", "unit", "基金"),
    ("工会", "gh", "office", "工"),
    ("保卫处", "bwc", "office", "保"),
    ("计算机科学与技术学院", "cs", "college", "计"),
    ("经济与管理学院", "em", "college", "经"),
    ("外国语学院", "fl", "college", "外语"),
]

# (username, display name, role, department name or None, what they are for)
ACCOUNTS = [
    ("admin", "系统管理员", "admin", None, "管理部门、用户、角色、清单和设置"),
    ("office", "李明（信息公开办）", "office", None, "保密审查、发布、依申请公开、年度报告"),
    ("leader", "赵华（分管校领导）", "leader", None, "审定"),
    ("clerk", "王芳（财务处信息员）", "clerk", "财务处", "起草财务处的公开信息"),
    ("head", "陈刚（财务处处长）", "head", "财务处", "审批财务处的申报"),
    ("clerk2", "刘洋（教务处信息员）", "clerk", "教务处", "起草教务处的公开信息"),
    ("head2", "孙丽（教务处处长）", "head", "教务处", "审批教务处的申报"),
    ("student", "张同学（在校学生）", None, None, "校园用户：可查阅校内公开信息"),
    ("supervisor", "周督查（省教育厅）", "supervisor", None, "上传并比较各校信息公开年度报告"),
]

# Titles per checklist item; {y} is the year, {ay} the academic year (2024—2025).
TITLES: dict[int, list[str]] = {
    1: ["示范大学{y}年办学基本情况", "示范大学校级领导班子简介及分工（{y}年更新）", "示范大学机构设置一览（{y}年）"],
    2: ["示范大学关于修订《{y}年度经费管理办法》的通知", "示范大学章程（{y}年修订）", "示范大学档案管理办法"],
    3: ["示范大学第五届教职工代表大会第{n}次会议工作报告", "示范大学教职工代表大会提案工作办法"],
    4: ["示范大学学术委员会{y}年度报告", "示范大学学术委员会章程"],
    5: ["示范大学{y}年工作要点", "示范大学“十五五”事业发展规划"],
    6: ["示范大学{ay}学年信息公开工作年度报告"],
    7: ["示范大学{y}年本科招生章程", "示范大学{y}年分省分专业招生计划"],
    8: ["示范大学{y}年高水平运动队招生测试合格名单", "示范大学{y}年艺术类专业校考合格名单"],
    9: ["示范大学{y}年本科分省录取人数及最低分", "示范大学{y}年录取结果查询办法"],
    10: ["示范大学{y}年招生咨询及申诉渠道", "示范大学{y}级新生入学资格复查结果"],
    11: ["示范大学{y}年硕士研究生招生简章", "示范大学{y}年博士研究生招生专业目录"],
    12: ["示范大学{y}年硕士研究生复试成绩（第{n}批）"],
    13: ["示范大学{y}年拟录取硕士研究生名单（第{n}批）", "示范大学{y}年拟录取博士研究生名单"],
    14: ["示范大学{y}年研究生招生咨询及申诉渠道"],
    15: ["示范大学财务管理办法（{y}年修订）", "示范大学国有资产管理办法"],
    16: ["示范大学教育发展基金会{y}年度受赠财产使用情况"],
    17: ["示范大学资产经营有限公司{y}年度资产负债情况"],
    18: ["示范大学{y}年实验室仪器设备采购项目招标公告（第{n}号）", "示范大学图书馆{y}年纸质图书采购项目中标结果公示", "示范大学学生宿舍改造工程招标公告（{y}-{n}）"],
    19: ["示范大学{y}年部门预算"],
    20: ["示范大学{y}年部门决算"],
    21: ["示范大学{y}—{y1}学年学费住宿费收费标准", "示范大学收费项目公示（{y}年）"],
    22: ["示范大学校级领导干部社会兼职情况（{y}年）"],
    23: ["示范大学校级领导干部因公出国（境）情况公示（{y}年第{n}批）"],
    24: ["示范大学岗位设置管理实施办法", "示范大学{y}年专业技术岗位聘用工作方案"],
    25: ["示范大学{y}年公开招聘工作人员公告（第{n}批）", "示范大学中层干部任职前公示（{y}年第{n}号）"],
    26: ["示范大学教职工人事争议调解办法"],
    27: ["示范大学{ay}学年本科生占全日制在校生比例及师资结构"],
    28: ["示范大学{y}年本科专业设置及新增专业名单", "示范大学{y}年停招专业名单"],
    29: ["示范大学{ay}学年课程开设情况"],
    30: ["示范大学{ay}学年教授为本科生授课情况"],
    31: ["示范大学促进毕业生就业工作实施办法", "示范大学{y}届毕业生就业指导服务安排"],
    32: ["示范大学{y}届毕业生就业率及就业流向"],
    33: ["示范大学{y}届毕业生就业质量年度报告"],
    34: ["示范大学{y}年艺术教育发展年度报告"],
    35: ["示范大学{ay}学年本科教学质量报告"],
    36: ["示范大学本科生学籍管理规定", "示范大学研究生学籍管理办法（{y}年修订）"],
    37: ["示范大学{y}年国家奖学金评审办法", "示范大学家庭经济困难学生认定办法", "示范大学勤工助学管理办法"],
    38: ["示范大学学生违纪处分规定", "示范大学学生奖励办法"],
    39: ["示范大学学生申诉处理办法"],
    40: ["示范大学学风建设委员会组成及职责"],
    41: ["示范大学学术规范（{y}年修订）"],
    42: ["示范大学学术不端行为调查处理办法"],
    43: ["示范大学学士学位授予工作细则", "示范大学博士、硕士学位授予基本要求"],
    44: ["示范大学{y}年同等学力人员申请硕士学位资格审查结果"],
    45: ["示范大学新增学位授权点审核办法"],
    46: ["示范大学{y}年拟新增学位授权点申报材料公示"],
    47: ["示范大学中外合作办学项目情况（{y}年）"],
    48: ["示范大学来华留学生管理规定", "示范大学国际学生奖学金管理办法"],
    49: ["示范大学关于巡视整改进展情况的通报（{y}年）"],
    50: ["示范大学突发事件总体应急预案", "示范大学{y}年防汛防台应急预案"],
}

# Items more likely to be published campus-only (校内公开) in the demo.
CAMPUS_LEANING = {3, 24, 25, 26, 38}

BODY_SENTENCES = [
    "根据《高等学校信息公开办法》和《高等学校信息公开事项清单》的要求，现将有关情况予以公开。",
    "本信息由{dept}负责解释，如有疑问，请在工作日与{dept}联系。",
    "学校坚持“公开为常态、不公开为例外”的原则，依法依规做好信息公开工作。",
    "经学校{y}年第{n}次校长办公会审议通过，自发布之日起施行。",
    "具体内容详见附件，欢迎广大师生和社会各界监督。",
    "学校按照“先审查、后公开”和“一事一审”的原则，对本信息进行了保密审查。",
    "如对本信息有意见或建议，可通过信息公开意见箱反映。",
]

# Items in review, one waiting at each step: (title, checklist item, department, clerk,
# stages). Titles are formatted with the demo's today: {y} its year, {q} its quarter, {g}
# the current academic year's first year ({g1} the next). "produced_days_ago" dates the
# item's 形成日期 back, so its column shows as overdue (即时公开 missed).
REVIEW_EXAMPLES = [
    ("财务处{y}年第{q}季度经费执行情况", 19, "财务处", "clerk", {}),
    ("{g}级本科生学籍异动名单", 36, "教务处", "clerk2",
     {"id_attachment": True, "actions": [("head2", "approve", "")]}),
    ("{g}—{g1}学年住宿费收费标准", 21, "财务处", "clerk",
     {"produced_days_ago": 45,
      "actions": [("head", "approve", ""), ("office", "reject", "请补充物价部门的批复文号后重新提交。")]}),
    ("示范大学差旅费管理办法（{y}年修订）", 15, "财务处", "clerk",
     {"actions": [("head", "approve", ""), ("office", "approve", "")]}),
    # At the office, held by the wording checks: a wrong form and a title the leader does not hold;
    # and a likely typo (财料), a hint that does not block.
    ("关于{y}年财务工作会议的通知", 19, "财务处", "clerk",
     {"body": "<p>根据《中华人民共合国会计法》，学校定于近期召开财务工作会议。</p><p>副校长王建国出席并讲话。</p>"
              "<p>请各部门于会前报送相关财料。</p>",
      "actions": [("head", "approve", "")]}),
]
# The column whose items a leader signs off (审定) in the demo.
SIGN_OFF_CHECKLIST_ITEM = 15

# Checklist items the demo makes show each coverage status whatever the number of items:
# EMPTY_ITEM gets nothing; OVERDUE_ITEM (每年 by June) only the example below, in the demo's
# first academic year; LINK_BROKEN_ITEM an external column at a loopback address that
# refuses connections (the demo checks it, without the network).
EMPTY_ITEM = 17
OVERDUE_ITEM = 16
OVERDUE_EXAMPLE = "示范大学教育发展基金会{y}年度受赠财产使用情况"
LINK_BROKEN_ITEM = 12
BROKEN_LINK = ("研究生院网站·复试信息", "http://127.0.0.1:9/yjsy/fushi/")

APPLICATION_TOPICS = [
    "学校上一年度部门决算中“三公”经费的明细", "某专业近三年的招生计划和录取最低分", "学校食堂对外承包的招标文件和中标结果",
    "学生宿舍维修工程的验收报告", "某学院研究生复试的评分细则", "学校教职工住房补贴的发放办法",
    "学校与某企业合作办学协议的主要内容", "校园安全事故的调查处理情况", "学费减免的审批名单（不含个人隐私）",
    "图书馆数据库采购合同的金额",
]


# Rules in the 规章制度 column that show 有效性 and 政策解读: (slug, title, days after the
# period's start, body, 内容概述, 关键词, link to another example: revises / repeals /
# interprets).
RULE_EXAMPLES_DEPARTMENT = "党政办公室"
RULE_EXAMPLES = [
    ("rule-reception", "示范大学公务接待管理办法", 10,
     "第一条 为规范学校公务接待工作，厉行节约，根据国家有关规定，制定本办法。",
     "规定学校公务接待的范围、标准和审批程序。", "公务接待、接待标准", None),
    ("rule-meetings", "示范大学会议费管理办法", 12,
     "第一条 为加强会议费管理，精简会议，制定本办法。",
     "规定学校会议的分类、会议费开支标准和报销程序。", "会议费、报销", None),
    ("rule-reception-2", "示范大学公务接待管理办法（{y}年修订）", 150,
     "第一条 为进一步规范学校公务接待工作，根据中央八项规定精神和国家有关规定，修订本办法。",
     "修订后的公务接待范围、标准和审批程序，原办法同时废止。", "公务接待、接待标准、审批",
     ("revises", "rule-reception")),
    ("rule-meetings-repeal", "关于废止《示范大学会议费管理办法》的通知", 160,
     "经校长办公会研究，决定废止《示范大学会议费管理办法》，会议费按学校财务管理有关规定执行。",
     "废止《示范大学会议费管理办法》。", "会议费、废止", ("repeals", "rule-meetings")),
    ("rule-reception-reading", "《示范大学公务接待管理办法（修订）》政策解读", 152,
     "一、修订背景。二、主要修订内容：明确接待范围，细化接待标准，规范审批程序。",
     "解读公务接待管理办法修订的背景和主要内容。", "公务接待、政策解读",
     ("interprets", "rule-reception-2")),
]


# 同义词 the office has set up, and what the public searched in the demo's last 30 days:
# (query, searches a day, results when searched; 0 = 搜而未得).
SYNONYMS = ["学费、收费标准、学杂费", "招生简章、招生章程", "奖助学金、奖学金、助学金", "校历、教学日历"]
SEARCHES = [("部门预算", 3, 12), ("收费标准", 2, 8), ("奖学金", 4, 15), ("招生章程", 2, 6), ("校车时刻表", 1, 0),
            ("食堂价格", 1, 0), ("就业质量报告", 2, 4), ("宿舍空调", 1, 0)]
