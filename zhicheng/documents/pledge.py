"""诚信承诺书: the words of the pledge (shown in the web dialog) and its printable template (PDF)."""

from .render import render_pdf

PLEDGE_TITLE = "诚信承诺书"

# The dialog before 职称申报 shows exactly these paragraphs, and the downloadable template prints them.
PLEDGE_TEXT: tuple[str, ...] = (
    "一、本人所提交的个人基本信息、学历学位、工作经历、继续教育、年度考核、专业技术工作业绩、"
    "论文著作、获奖证书及其他全部申报材料真实、准确、完整，不存在伪造、变造、冒用他人材料或隐瞒重要事实的情形。",
    "二、本人申报的论文、著作、项目、专利、获奖等成果均为本人完成或参与完成，不存在抄袭、剽窃、"
    "侵占他人成果、代写代发、一稿多投等学术不端行为，所列本人排名及贡献情况属实。",
    "三、本人上传的附件均为原件的扫描件或照片，复印件已由单位盖章证明；附件内容清晰可辨，未经涂改。",
    "四、本人遵守职称评审工作纪律，不以任何方式请托、说情、打招呼，不向评审专家和工作人员输送利益，"
    "不干扰评审工作。",
    "五、本人知悉：如有弄虚作假等违背诚信的行为，一经查实，自愿接受取消本次申报和评审资格、"
    "撤销通过弄虚作假取得的职称、记入职称评审诚信档案库并纳入信用信息共享平台等处理，"
    "并承担由此产生的一切后果和法律责任。",
)

PLEDGE_NOTE = "本承诺书须由本人手写签名，扫描或拍照后在“附件上传”中上传。"


def pledge_intro(*, plan_name: str, year: int) -> str:
    return (
        f"本人自愿参加{year}年度职称评审（评审计划：{plan_name}），"
        "已认真阅读评审计划及评审标准的有关规定，现郑重承诺如下："
    )


def pledge_paragraphs(*, plan_name: str, year: int) -> tuple[str, ...]:
    """The whole pledge as the dialog shows it: the plan's opening sentence, then PLEDGE_TEXT."""
    return (pledge_intro(plan_name=plan_name, year=year), *PLEDGE_TEXT)


def pledge_pdf(
    *, plan_name: str, year: int, applicant_name: str = "", id_number_masked: str = ""
) -> bytes:
    """The one-page 诚信承诺书 template (点击下载承诺书模板), blanks for signature, 身份证号 and date."""
    return render_pdf(
        "pledge",
        {
            "title": PLEDGE_TITLE,
            "plan_name": plan_name,
            "year": str(year),
            "intro": pledge_intro(plan_name=plan_name, year=year),
            "paragraphs": list(PLEDGE_TEXT),
            "applicant_name": applicant_name,
            "id_number_masked": id_number_masked,
            "note": PLEDGE_NOTE,
        },
    )
