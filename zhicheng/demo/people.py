"""Demo data: the province's HR hierarchy, a few units, and one account per role.

Identity numbers are made valid by computing their check characters, so the demo exercises the
same validation as real data.
"""

from dataclasses import dataclass

from stdnum.cn import ric, uscc

DEMO_PASSWORD = "Demo@2026"

PROVINCE = ("340000", "安徽省人力资源和社会保障厅")
CITIES = [
    ("340100", "合肥市"),
    ("340200", "芜湖市"),
    ("340300", "蚌埠市"),
    ("340400", "淮南市"),
    ("340500", "马鞍山市"),
    ("340600", "淮北市"),
    ("340700", "铜陵市"),
    ("340800", "安庆市"),
    ("341000", "黄山市"),
    ("341100", "滁州市"),
    ("341200", "阜阳市"),
    ("341300", "宿州市"),
    ("341500", "六安市"),
    ("341600", "亳州市"),
    ("341700", "池州市"),
    ("341800", "宣城市"),
]
COUNTIES = [
    ("340103", "合肥市庐阳区", "340100"),
    ("340104", "合肥市蜀山区", "340100"),
    ("340111", "合肥市包河区", "340100"),
    ("340123", "肥西县", "340100"),
    ("340202", "芜湖市镜湖区", "340200"),
    ("340822", "怀宁县", "340800"),
]


def credit_code(body17: str) -> str:
    """A 统一社会信用代码 with its GB 32100 check character."""
    return body17 + uscc.calc_check_digit(body17)


def id_number(body17: str) -> str:
    """A 身份证号 with its ISO 7064 MOD 11-2 check character."""
    return body17 + ric.calc_check_digit(body17 + "0")


@dataclass(frozen=True)
class DemoUnit:
    key: str
    name: str
    credit_code: str
    region_code: str
    parent_key: str
    is_public_institution: bool


DEPARTMENTS = [
    # (key, name, credit code, region, parent = the city's HR bureau)
    ("hf-edu", "合肥市教育局", credit_code("11340100003052148"), "340100"),
    ("hf-health", "合肥市卫生健康委员会", credit_code("11340100003052700"), "340100"),
]

UNITS = [
    DemoUnit("hfyz", "合肥市第一中学", credit_code("12340100485960512"), "340100", "hf-edu", True),
    DemoUnit(
        "hfey", "合肥市第二人民医院", credit_code("12340100485961013"), "340100", "hf-health", True
    ),
    DemoUnit(
        "hjsj",
        "安徽华建工程设计有限公司",
        credit_code("91340104MA2N0Q8K3"),
        "340104",
        "hr-340104",
        False,
    ),
]

ORGANIZERS = [
    # (key, organizer, committee)
    ("edu-org", "安徽省教育厅", "安徽省中小学教师高级职称评审委员会"),
    ("eng-org", "安徽省住房和城乡建设厅", "安徽省工程系列高级专业技术资格评审委员会"),
]


@dataclass(frozen=True)
class DemoSsoAccount:
    username: str
    kind: str  # "person" or "legal"
    name: str
    id_number: str
    phone: str
    unit_name: str = ""
    uscc: str = ""


SSO_ACCOUNTS = [
    DemoSsoAccount("zhangsan", "person", "张三", id_number("34010419880512301"), "13805510001"),
    DemoSsoAccount("lisi", "person", "李四", id_number("34012319900301402"), "13905510002"),
    DemoSsoAccount(
        "hfyz",
        "legal",
        "王校长",
        id_number("11010519700815201"),
        "13605510003",
        unit_name="合肥市第一中学",
        uscc=UNITS[0].credit_code,
    ),
    # A unit not registered yet: its legal person shows the 单位注册 path.
    DemoSsoAccount(
        "xjkj",
        "legal",
        "吴总经理",
        id_number("11010519720304101"),
        "13605510004",
        unit_name="合肥新境科技有限公司",
        uscc=credit_code("91340104MA2N1R7L5"),
    ),
]


@dataclass(frozen=True)
class DemoStaff:
    username: str
    name: str
    org_key: str | None
    role: str | None
    is_superuser: bool = False
    is_auditor: bool = False


STAFF = [
    DemoStaff("zgbm", "赵主管（合肥市教育局）", "hf-edu", "reviewer"),
    DemoStaff("rsj", "钱审核（合肥市人社局）", "hr-340100", "reviewer"),
    # Approves unit registrations and freelancers' bindings in 蜀山区.
    DemoStaff("ssrsj", "吴审核（蜀山区人社局）", "hr-340104", "reviewer"),
    DemoStaff("zjdw", "孙组建（安徽省教育厅）", "edu-org", "organizer"),
    DemoStaff("fzjg", "周发证（安徽省人社厅）", "hr-340000", "issuer"),
    DemoStaff("admin", "系统管理员", None, None, is_superuser=True),
    DemoStaff("shenji", "审计员", None, None, is_auditor=True),
]
